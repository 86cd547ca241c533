#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Publishing stories: `silicon-atlas --export-story` as a PDF and as a web page.

The built-in story and a story of hostile text are published both ways and
read back with poppler's tools and the W3C's HTML validator (vnu):
  - the PDF has a title page, a page per passage with its text and chart,
    then the sources; its fonts are embedded, CJK among them;
  - the web page is valid HTML5, holds every passage and four drawings of
    each chart (wide and narrow, light and dark) with a title and a
    description, loads nothing from elsewhere and runs nothing;
  - text from passages, notes, titles and cells shows as text;
  - a story naming files outside its folder is refused unless allowed.
Prints TAP. Without poppler or the validator it skips, except under CI.
"""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile

BINARY = os.environ["ATLAS_BINARY"]
STORY = os.path.join(os.environ["ATLAS_DATA_DIR"], "story", "silicon-self-reliance.story")
VNU_JAR = os.environ.get("ATLAS_VNU_JAR") or os.path.expanduser(
    "~/.cache/silicon-atlas-tests/vnu/node_modules/vnu-jar/build/dist/vnu.jar")

results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def run(*args):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=300)


def words(text):
    return " ".join(text.split())


def passages_of(story_path):
    """Each passage's text and chart title (None where the dataset gives it), from the story file."""
    passages = []
    group = None
    with open(story_path, encoding="utf-8") as story:
        for line in story:
            line = line.rstrip("\n")
            match = re.match(r"\[Passage (\d+)\]", line)
            if match:
                group = {"text": None, "title": None}
                passages.append(group)
            elif group is not None and line.startswith("Text="):
                group["text"] = line[5:].replace("\\n", "\n")
            elif group is not None and line.startswith("Title="):
                group["title"] = line[6:]
    return passages


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)), re.search(r"^Page size:\s+(.*)$", info, re.M).group(1)


def pdf_page_text(path, page):
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", path, "-"],
                          capture_output=True, text=True).stdout


def check_pdf(label, path, passages, title):
    pages, _ = pdf_pages(path)
    n = len(passages)
    check(f"{label}: a title page, {n} passage pages and the sources", pages >= n + 2, f"{pages} pages")
    first = pdf_page_text(path, 1)
    # Lines may break anywhere in the title: compared without spaces.
    check(f"{label}: the title page has the title", "".join(title.split()) in "".join(first.split()), first[:200])
    for i, passage in enumerate(passages):
        text = words(pdf_page_text(path, i + 2))
        opening = words(passage["text"])[:40]
        ok = f"Passage {i + 1} of {n}" in text and opening in text
        if passage["title"]:
            ok = ok and words(passage["title"])[:30] in text
        check(f"{label}: page {i + 2} holds passage {i + 1} and its chart", ok, text[:300])
    sources = words(pdf_page_text(path, n + 2))
    check(f"{label}: the sources follow the last passage", sources.startswith("Sources"), sources[:200])
    for page in range(n + 3, pages + 1):
        check(f"{label}: page {page} goes on with the sources", "Passage" not in pdf_page_text(path, page)[:80])
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True).stdout.splitlines()[2:]
    not_embedded = [line for line in fonts if line.split()[-5] != "yes"]
    check(f"{label}: every font is embedded", fonts and not not_embedded, "\n".join(not_embedded))
    return fonts


class PageReader(html.parser.HTMLParser):
    """What a web page holds: its text, its drawings and anything that could load or run."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.svgs = []
        self.inside = []
        self.reaching_out = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.inside.append(tag)
        if tag in ("script", "iframe", "object", "embed", "link", "img", "base", "form"):
            self.reaching_out.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.reaching_out.append(f"{tag} {name}")
            if name in ("src", "srcset", "action", "formaction", "data", "poster"):
                self.reaching_out.append(f"{tag} {name}={value}")
            # Within the page: a fragment, or a pattern's tile as data.
            if name.endswith("href") and not re.match(r"#|data:image/png;base64,", value or ""):
                self.reaching_out.append(f"{tag} {name}={value}")
            if name == "style" and value and re.search(r"url\((?!#)|@import", value):
                self.reaching_out.append(f"{tag} style")
        if tag == "svg":
            self.svgs.append({"class": attributes.get("class", ""), "title": "", "desc": "",
                              "label": attributes.get("aria-labelledby", ""), "role": attributes.get("role")})

    def handle_endtag(self, tag):
        while self.inside and self.inside.pop() != tag:
            pass

    def handle_data(self, data):
        if "style" in self.inside:
            if re.search(r"url\((?!#)|@import", data):
                self.reaching_out.append("style sheet")
            return
        if self.inside and self.inside[-1] in ("title", "desc") and "svg" in self.inside and self.svgs:
            self.svgs[-1][self.inside[-1]] += data
        elif "svg" not in self.inside:
            self.text.append(data)


def check_html(label, path, passages, title):
    with open(path, encoding="utf-8") as page:
        markup = page.read()
    reader = PageReader()
    reader.feed(markup)
    n = len(passages)
    text = words(" ".join(reader.text))
    check(f"{label}: the page has the title", words(title) in text)
    for i, passage in enumerate(passages):
        paragraphs = [words(p) for p in passage["text"].split("\n\n") if p.strip()]
        check(f"{label}: passage {i + 1} is there whole", all(p in text for p in paragraphs),
              " / ".join(p for p in paragraphs if p not in text)[:300])
    check(f"{label}: each chart is drawn wide and narrow, light and dark", len(reader.svgs) == 4 * n,
          f"{len(reader.svgs)} drawings for {n} passages")
    unnamed = [svg for svg in reader.svgs if svg["role"] != "img" or not svg["desc"].strip() or not svg["label"]]
    check(f"{label}: every drawing is an image with a description", not unnamed, repr(unnamed[:2]))
    for i, passage in enumerate(passages):
        if passage["title"]:
            titles = [svg["title"] for svg in reader.svgs[4 * i:4 * i + 4]]
            check(f"{label}: passage {i + 1}'s drawings carry its chart's title",
                  all(words(t) == words(passage["title"]) for t in titles), repr(titles))
    check(f"{label}: nothing loads from elsewhere or runs", not reader.reaching_out, repr(reader.reaching_out[:5]))
    check(f"{label}: no script, in any case", re.search(r"<\s*script", markup, re.I) is None)
    check(f"{label}: light and dark follow the system", "prefers-color-scheme:dark" in markup)
    check(f"{label}: sized for phones", 'name="viewport"' in markup and "max-width:599.98px" in markup)
    ids = re.findall(r'\bid="([^"]+)"', markup)
    check(f"{label}: no id is used twice", len(ids) == len(set(ids)), f"{len(ids) - len(set(ids))} repeated")
    return markup


def validate(label, path):
    if not os.path.exists(VNU_JAR) or not shutil.which("java"):
        return
    result = subprocess.run(["java", "-jar", VNU_JAR, "--errors-only", "--format", "text", path],
                            capture_output=True, text=True, timeout=300)
    check(f"{label}: valid HTML5 by the W3C's validator", result.returncode == 0, result.stderr[-1500:])


def write_hostile_story(folder):
    """A story whose every text tries to break out of the page."""
    hostile = "<script>alert(1)</script> </svg> & \"quoted\" 'single' <b>bold</b>"
    with open(os.path.join(folder, "cells.csv"), "w", encoding="utf-8") as csv:
        csv.write("name,value\n")
        csv.write('"<script>alert(2)</script>",3\n')
        csv.write('"</svg><p onclick=""x"">",5\n')
        csv.write('"Tom & Jerry ""quoted""",7\n')
    with open(os.path.join(folder, "hostile.story"), "w", encoding="utf-8") as story:
        story.write("[Story]\n")
        story.write(f"Title=Hostile {hostile}\n")
        # A control character, which Pango markup cannot hold even escaped.
        story.write(f"Attribution=By\x0cFormfeed {hostile}\n\n")
        story.write("[Passage 1]\n")
        story.write(f"Text=Heading {hostile}\\n\\nThe body {hostile}\n")
        story.write("Data=cells.csv\nChart=bar\nX=name\nY=value\n")
        story.write(f"Title=Chart {hostile}\nSource=Source {hostile}\n")
        story.write("Note1=callout|Tom & Jerry \"quoted\"|</svg><script>alert(3)</script>\n\n")
        story.write("[Passage 2]\n")
        story.write("Text=漢字のテキスト、中文段落。\n")
        story.write("Data=cells.csv\nChart=bar-horizontal\nX=name\nY=value\nTitle=中文标题\n")
    return os.path.join(folder, "hostile.story"), "Hostile " + hostile, [
        {"text": f"Heading {hostile}\n\nThe body {hostile}", "title": f"Chart {hostile}"},
        {"text": "漢字のテキスト、中文段落。", "title": "中文标题"},
    ]


def main():
    ci = os.environ.get("CI") == "true"
    missing = [tool for tool in ("pdfinfo", "pdftotext", "pdffonts") if not shutil.which(tool)]
    if not os.path.exists(VNU_JAR) or not shutil.which("java"):
        missing.append("the HTML validator (build-aux/install-deps.sh --tests)")
    if missing and not ci:
        print(f"1..0 # SKIP without {', '.join(missing)}")
        return 0

    work = tempfile.mkdtemp(prefix="atlas-publish-")
    try:
        passages = passages_of(STORY)
        with open(STORY, encoding="utf-8") as story:
            title = re.search(r"^Title=(.*)$", story.read(), re.M).group(1)

        pdf = os.path.join(work, "story.pdf")
        result = run("--export-story", pdf, "--paper", "a4")
        check("the built-in story publishes as a PDF", result.returncode == 0, result.stderr)
        if result.returncode == 0:
            fonts = check_pdf("built-in PDF", pdf, passages, title)
            check("built-in PDF: A4 when asked", "A4" in pdf_pages(pdf)[1])
            check("built-in PDF: the Chinese of the sources is in an embedded CJK font",
                  any("CJK" in line for line in fonts), "\n".join(fonts))
        letter = os.path.join(work, "letter.pdf")
        result = run("--export-story", letter, "--paper", "letter")
        check("Letter paper when asked", result.returncode == 0 and "612 x 792" in pdf_pages(letter)[1], result.stderr)

        page = os.path.join(work, "story.html")
        result = run("--export-story", page)
        check("the built-in story publishes as a web page", result.returncode == 0, result.stderr)
        if result.returncode == 0:
            check_html("built-in page", page, passages, title)
            validate("built-in page", page)

        # A story of one's own, as the window saves one: two CSV files
        # beside it and a built-in dataset.
        own = os.path.join(work, "own")
        os.mkdir(own)
        with open(os.path.join(own, "prices.csv"), "w", encoding="utf-8") as csv:
            csv.write("year,price\n2019,1.25\n2020,1.5\n2021,2.25\n2022,2\n")
        with open(os.path.join(own, "fabs.csv"), "w", encoding="utf-8") as csv:
            csv.write("region,fabs\nNorth,4\nSouth,7\nEast,2\n")
        own_story = os.path.join(own, "own.story")
        with open(own_story, "w", encoding="utf-8") as story:
            story.write("[Story]\nTitle=Prices and fabs\nAttribution=Written in the window\n\n"
                        "[Passage 1]\nText=Prices rose.\nData=prices.csv\nChart=bar\nTitle=Prices\n"
                        "Source=My notes\n\n"
                        "[Passage 2]\nText=Fabs by region.\nData=fabs.csv\nChart=bar-horizontal\nTitle=Fabs\n\n"
                        "[Passage 3]\nText=Imports of chips.\nDataset=ic-trade-and-output\nChart=line\nX=year\n"
                        "Y=imports (USD bn)\nTitle=Imports\n")
        own_passages = passages_of(own_story)
        for extension in ("pdf", "html"):
            own_out = os.path.join(own, f"own.{extension}")
            result = run("--story", own_story, "--export-story", own_out)
            check(f"a story of one's own publishes as .{extension}", result.returncode == 0, result.stderr)
            if result.returncode == 0 and extension == "pdf":
                check_pdf("own PDF", own_out, own_passages, "Prices and fabs")
                check("own PDF: the chart's own source line is among the sources",
                      "My notes" in pdf_page_text(own_out, len(own_passages) + 2))
            elif result.returncode == 0:
                check_html("own page", own_out, own_passages, "Prices and fabs")
                validate("own page", own_out)

        hostile_path, hostile_title, hostile_passages = write_hostile_story(work)
        hostile_page = os.path.join(work, "hostile.html")
        result = run("--story", hostile_path, "--export-story", hostile_page)
        check("a story of hostile text publishes as a web page", result.returncode == 0, result.stderr)
        if result.returncode == 0:
            markup = check_html("hostile page", hostile_page, hostile_passages, hostile_title)
            validate("hostile page", hostile_page)
            check("hostile page: each drawing ends once", markup.count("</svg>") == 4 * len(hostile_passages))
            check("hostile page: the markup in the text is shown, escaped",
                  "&lt;script&gt;alert(1)&lt;/script&gt; &lt;/svg&gt; &amp; &quot;quoted&quot;" in markup)
        hostile_pdf = os.path.join(work, "hostile.pdf")
        result = run("--story", hostile_path, "--export-story", hostile_pdf)
        check("a story of hostile text publishes as a PDF", result.returncode == 0, result.stderr)
        if result.returncode == 0:
            check_pdf("hostile PDF", hostile_pdf, hostile_passages, hostile_title)
            check("hostile PDF: the markup shows as text",
                  "<script>alert(1)</script>" in pdf_page_text(hostile_pdf, 2))
            check("hostile PDF: text with a control character is drawn", "Formfeed" in pdf_page_text(hostile_pdf, 1))

        # A story that reaches outside its folder, as one received might.
        received = os.path.join(work, "received")
        os.mkdir(received)
        with open(os.path.join(work, "private.csv"), "w", encoding="utf-8") as private:
            private.write("year,salary\n2023,100\n2024,120\n")
        outside = os.path.join(received, "outside.story")
        with open(outside, "w", encoding="utf-8") as story:
            story.write("[Story]\nTitle=Received\n\n[Passage 1]\nText=Look.\nData=../private.csv\n")
        refused = os.path.join(received, "refused.html")
        result = run("--story", outside, "--export-story", refused)
        check("a story reading outside its folder is refused", result.returncode == 1
              and "private.csv" in result.stderr and "--allow-outside-data" in result.stderr
              and not os.path.exists(refused), result.stderr)
        result = run("--story", outside, "--export-story", refused, "--allow-outside-data")
        check("and published when allowed", result.returncode == 0 and os.path.exists(refused), result.stderr)

        result = run("--export-story", os.path.join(work, "story.docx"))
        check("another extension is a usage error", result.returncode == 2 and ".pdf or .html" in result.stderr,
              result.stderr)
        result = run("--export-story", os.path.join(work, "x.pdf"), "--paper", "a5")
        check("another paper is a usage error", result.returncode == 2, result.stderr)
        check("nothing is left of a refused file", not os.path.exists(os.path.join(work, "x.pdf")))
    finally:
        shutil.rmtree(work)

    print(f"1..{len(results)}")
    for number, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {number} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines():
                print(f"# {line}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
