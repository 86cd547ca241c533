#!/usr/bin/env python3
# clang-format, less what clang-format 14 cannot say about the house style;
# build-aux/check-format.sh judges with it, `git clang-format --binary` fixes.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes clang-format's own arguments and runs clang-format (or
# $CLANG_FORMAT) with them, then gives back, as the author wrote them:
#
# - gettext calls: _("..."), N_(), C_(), NC_() and Q_() take no space
#   before their parenthesis, though every other call does; nor do the
#   words of the quark name in G_DEFINE_QUARK (a-b-c, ...);
# - compound literals: (double) { 0 } keeps the space after its cast;
# - "char *const" and "char * const": both are written;
# - padding: where a line differs from clang-format's only in how many
#   spaces stand where clang-format has spaces too. GNOME aligns the names
#   of parameters with their stars hanging, aligns the prototypes of a
#   header in columns and leaves local declarations unaligned:
#   clang-format 14 can do none of these. Indentation is still judged,
#   except on continuation lines (inside parentheses, brackets, a braced
#   list or a comment, or beginning with ? : || or &&), where it is
#   alignment too;
# - line breaks inside an expression: where a run of lines holds the same
#   text as clang-format's and its lines but the first are continuation
#   lines (or begin with ? : || or &&, or continue a macro), the
#   author's breaks stand. With no column limit (which would re-pack
#   parameter lists), clang-format 14 breaks nested conditionals, lists,
#   adjacent string literals and one-line macros in ways of its own.
#
# Everything else clang-format says is kept: braces and where they go,
# one statement a line, indentation of statements, spaces present or
# absent, trailing spaces, tabs, blank lines.

import difflib
import os
import re
import subprocess
import sys

CLANG_FORMAT = os.environ.get("CLANG_FORMAT", "clang-format")

GETTEXT_CALL = re.compile(r"\b(_|N_|C_|NC_|Q_) \(")
QUARK_NAME = re.compile(r"^(G_DEFINE_QUARK \()([\w -]+)(,)", re.MULTILINE)
COMPOUND_LITERAL = re.compile(r"(\((?:const )?[A-Za-z_]\w*(?: \*+)?\))\{")
EXPRESSION_CONTINUED = re.compile(r"^\s*(\?|:|\|\||&&)")


def decode(data):
    return data.decode("utf-8", "surrogateescape")


def encode(text):
    return text.encode("utf-8", "surrogateescape")


def fix_up(formatted):
    formatted = GETTEXT_CALL.sub(r"\1(", formatted)
    formatted = QUARK_NAME.sub(lambda m: m.group(1) + m.group(2).replace(" - ", "-") + m.group(3), formatted)
    return COMPOUND_LITERAL.sub(r"\1 {", formatted)


def continuation_lines(lines):
    """For each line, whether it begins inside a comment, or inside
    parentheses, brackets or braces opened on an earlier line other than a
    block's (a brace alone on its line); literals are skipped."""
    result = []
    open_marks = []
    in_comment = False
    for line in lines:
        result.append(in_comment or any(m != "block" for m in open_marks))
        i = 0
        while i < len(line):
            c = line[i]
            if in_comment:
                if line.startswith("*/", i):
                    in_comment = False
                    i += 1
            elif line.startswith("/*", i):
                in_comment = True
                i += 1
            elif line.startswith("//", i):
                break
            elif c in "\"'":
                i += 1
                while i < len(line) and line[i] != c:
                    i += 2 if line[i] == "\\" else 1
            elif c in "([":
                open_marks.append(c)
            elif c == "{":
                open_marks.append("block" if line.strip() == "{" else "{")
            elif c in ")]}" and open_marks:
                open_marks.pop()
            i += 1
    return result


def same_const(text):
    return text.replace("* const", "*const")


def words(text):
    """The text with every run of white space, line breaks too, as one space."""
    return same_const(" ".join(text.split()))


def words_of(lines):
    """The words of a run of lines, the backslashes that continue a macro left out."""
    return words("\n".join(re.sub(r"\\$", "", line.rstrip()) for line in lines))


def indent(line):
    return len(line) - len(line.lstrip(" "))


def only_padding_differs(written, formatted, continuation):
    """Whether written has spaces exactly where formatted has them, and
    differs only in how many; its indentation too unless continuation."""
    if "\t" in written or written != written.rstrip():
        return False
    if not continuation and indent(written) != indent(formatted):
        return False
    return re.split(" +", same_const(written.lstrip(" "))) == re.split(" +", same_const(formatted.lstrip(" ")))


def only_breaks_differ(written, written_continuation, formatted, formatted_continuation):
    """Whether the run of lines written holds the text of formatted with
    other breaks inside one expression."""
    if words_of(written) != words_of(formatted):
        return False
    if any("\t" in line or line != line.rstrip() for line in written):
        return False
    if indent(written[0]) != indent(formatted[0]) and not (written_continuation[0] and formatted_continuation[0]):
        return False
    for lines, continuation in ((written, written_continuation), (formatted, formatted_continuation)):
        if any(line.rstrip().endswith((";", "{", "}")) for line in lines[:-1]):
            return False
        if not all(continuation[k] or EXPRESSION_CONTINUED.match(lines[k]) or lines[k - 1].endswith("\\")
                   for k in range(1, len(lines))):
            return False
    return True


def keep_authors_choices(written, formatted):
    written_lines = written.split("\n")
    formatted_lines = formatted.split("\n")
    written_continuation = continuation_lines(written_lines)
    formatted_continuation = continuation_lines(formatted_lines)
    matcher = difflib.SequenceMatcher(None, [words(line) for line in formatted_lines],
                                      [words(line) for line in written_lines], autojunk=False)
    result = []
    for tag, f1, f2, w1, w2 in matcher.get_opcodes():
        if tag == "equal":
            for f, w in zip(range(f1, f2), range(w1, w2)):
                continuation = formatted_continuation[f] or EXPRESSION_CONTINUED.match(formatted_lines[f])
                if only_padding_differs(written_lines[w], formatted_lines[f], continuation):
                    result.append(written_lines[w])
                else:
                    result.append(formatted_lines[f])
        elif tag == "replace" and only_breaks_differ(written_lines[w1:w2], written_continuation[w1:w2],
                                                      formatted_lines[f1:f2], formatted_continuation[f1:f2]):
            result.extend(written_lines[w1:w2])
        else:
            result.extend(formatted_lines[f1:f2])
    return "\n".join(result)


def main(args):
    if any(a in ("-help", "--help", "-version", "--version", "-dump-config", "--dump-config") for a in args):
        os.execvp(CLANG_FORMAT, [CLANG_FORMAT] + args)

    # git clang-format gives either one file name, or the text on standard
    # input with -assume-filename.
    files = [a for a in args if not a.startswith("-")]
    options = [a for a in args if a.startswith("-")]
    if len(files) > 1:
        sys.exit("clang-format-house.py: one file at a time")
    if files:
        with open(files[0], "rb") as f:
            written = f.read()
        options.append("-assume-filename=" + files[0])
    else:
        written = sys.stdin.buffer.read()

    run = subprocess.run([CLANG_FORMAT] + options, input=written, stdout=subprocess.PIPE)
    if run.returncode != 0:
        sys.exit(run.returncode)

    formatted = fix_up(decode(run.stdout))
    sys.stdout.buffer.write(encode(keep_authors_choices(decode(written), formatted)))


if __name__ == "__main__":
    main(sys.argv[1:])
