# The built-in story: the article "Silicon Self-Reliance" in its passages,
# each with the chart state it links to. The format is described in README.md.

[Story]
Title=Silicon Self-Reliance: How China Is Mobilizing Its Chip Industry Under U.S. Export Pressure
Attribution=Quoted from the article “Silicon Self-Reliance: How China Is Mobilizing Its Chip Industry Under U.S. Export Pressure”.
Datasets=../datasets

[Passage 1]
Text=Silicon Self-Reliance: How China Is Mobilizing Its Chip Industry Under U.S. Export Pressure\n\nChina is accelerating a nationwide push to strengthen its domestic semiconductor industry as U.S. export controls continue to restrict access to advanced chips, manufacturing tools, and critical design technologies. What began as a defensive response has evolved into a broad industrial mobilization, reshaping China’s technology strategy and intensifying global competition in the semiconductor race.
Title=China’s imports of integrated circuits
Subtitle=In US dollars; 2025 was published only in yuan (CNY 3.04 trillion, up 10.7%)
Dataset=ic-trade-and-output
Chart=line
X=year
Y=imports (USD bn)
XRange=2016..2024
Highlight=2024
Events=export-controls
EventsCategory=entity_list
Note1=callout|2021|Imports peaked at USD 432.6 bn in 2021, the most in dollars through 2024.|TR10
Note2=callout|2023|USD 349.4 bn in 2023, 15.4% less than in 2022.|C38

[Passage 2]
Text=Export Controls Reshape the Battlefield\n\nU.S. restrictions targeting advanced logic chips, AI processors, and cutting-edge chipmaking equipment have sharply limited Chinese firms’ access to foreign technology. These measures have hit sectors ranging from artificial intelligence and cloud computing to defense and consumer electronics, forcing Beijing to confront long-standing vulnerabilities in its supply chain.
Title=Export controls and China’s countermeasures: the key measures
Subtitle=Thirteen steps that changed what could be traded, coloured by the side that took them
Dataset=export-controls
Chart=timeline
X=date
Label=title
FilterColumn=key measure (yes|no)
FilterValue=yes
XRange=2019-01-01..2026-06-30

[Passage 3]
Text=Rather than retreat, Chinese policymakers have framed the controls as a catalyst for self-reliance. The result is a coordinated effort involving government funding, regulatory support, and strategic direction aimed at reducing dependence on foreign semiconductor ecosystems.
Title=Spending on chipmaking equipment, by region
Dataset=equipment-spending-by-region
Chart=line
X=year
Y=China (USD bn);Taiwan (USD bn);South Korea (USD bn);Japan (USD bn)
XRange=2014..2024
Events=export-controls
EventsCategory=entity_list
Note1=callout|2024|China spent USD 49.6 bn in 2024, about 42% of the world’s total.|C49
Note2=callout|2019|USD 13.5 bn in 2019, the year Huawei was put on the Entity List.|C45;D1

[Passage 4]
Text=Massive State Backing and Local Champions\n\nAt the center of China’s response is heavy state investment. National and provincial governments are channeling billions of dollars into chipmakers, materials suppliers, and equipment manufacturers. State-backed funds are prioritizing areas where China has lagged the most, including advanced lithography, electronic design automation software, and high-end memory chips.
Title=The Big Fund’s three phases
Subtitle=Registered capital of phase I (2014), phase II (2019) and phase III (2024)
Dataset=china-chip-funds
Chart=bar
X=year
Y=registered capital (CNY bn)
FilterColumn=category
FilterValue=Big Fund phase
Highlight=2024
Note1=callout|2024|Phase III, registered on 24 May 2024 with CNY 344 bn: more than phases I and II together (CNY 302.87 bn).|F1;F2
Note2=callout|2014|Phase I: CNY 98.72 bn registered in 2014; it went on to raise CNY 138.72 bn.|F5

[Passage 5]
Text=Domestic firms are being encouraged to collaborate rather than compete, forming tightly integrated supply chains. Universities and research institutes are also playing a larger role, fast-tracking talent development and applied research to support industry needs.
Title=SMIC’s sales to customers in China
Subtitle=Share of the revenue of China’s largest chipmaker from Chinese customers
Dataset=smic-results
Chart=line
X=year
Y=share of revenue from China (%)
Markers=true
Note1=callout|2025|85% of SMIC’s revenue came from customers in China in 2025, against 59.4% in 2019.|CO14;S20

[Passage 6]
Text=“China is treating semiconductors the way it once treated energy security,” said an industry analyst. “It’s not just an economic issue—it’s a strategic one.”
Title=Chip programmes compared, in US dollars
Subtitle=Each place’s headline sum as printed in dollars; the kinds of sum differ
Dataset=chip-programmes-compared
Chart=bar-horizontal
X=programme
Y=amount (USD bn)
FilterColumn=headline (yes|no)
FilterValue=yes
Note1=callout|China government incentives to the chip industry (SIA/BCG estimate)|SIA and BCG put China’s incentives to its chip industry at more than USD 142 bn, across years and programmes.|F31
Note2=callout|US CHIPS and Science Act: semiconductor funding|The 2022 CHIPS and Science Act set aside USD 52.7 bn for chips.|F35

[Passage 7]
Text=Progress Despite Technological Gaps\n\nWhile China still trails global leaders in the most advanced chip nodes, it has made notable progress in mature and specialized chips used in automobiles, industrial equipment, and consumer devices. These segments are less restricted by export controls and provide immediate commercial and strategic value.
Title=China’s share of the world’s mature-node (28 nm and older) chipmaking capacity
Subtitle=Measured and forecast, by who published the figure
Dataset=china-wafer-capacity
Chart=scatter
X=year
Y=share of world capacity (%)
Group=publisher
FilterColumn=scope
FilterValue=28nm and older
Status=status
YRange=0..45
Source=SIA/BCG, May 2024; TrendForce, October and December 2023
Note1=callout|2022|33% of the world’s capacity at 28 nm and above was in China in 2022.|C12|SIA/BCG

[Passage 8]
Text=Companies are also finding creative ways to improve performance without relying on the latest manufacturing processes, using advanced packaging, chiplet designs, and software optimization to narrow the gap.
Title=Where the world’s chips are packaged and tested
Subtitle=Share of world capacity by where it stands, 2022
Dataset=capacity-by-location
Chart=bar-horizontal
X=location
Y=packaging and test capacity (%);fabrication capacity (%)
Note1=callout|China|China held 30% of the world’s packaging and test capacity in 2022, more than any other place, against 24% of its fabrication capacity.|S1|packaging and test capacity (%)

[Passage 9]
Text=However, experts caution that breakthroughs in the most advanced semiconductors remain difficult without access to top-tier equipment and global collaboration.
Title=Chipmaking tools: who makes them
Subtitle=Share of world sales of each kind of tool by the maker’s country, 2025
Dataset=tool-makers-by-country
Chart=bar-horizontal-stacked
X=segment
Y=share of world sales (%)
Group=country
Note1=callout|Lithography tools|Dutch makers sold 81.5% of the world’s lithography tools and Chinese makers 0.2%.|S1|Netherlands

[Passage 10]
Text=A New Global Chip Landscape\n\nChina’s push is reshaping the global semiconductor market. Supply chains are becoming more regionalized, with companies reassessing exposure to geopolitical risk. For multinational firms, the growing divide between U.S.-aligned and China-centered technology ecosystems is creating hard choices about investment, partnerships, and market access.
Title=China in ASML’s sales
Subtitle=Share of the Dutch lithography maker’s sales bought for China; 2026 is the company’s guidance
Dataset=lithography-imports
Chart=line
X=year
Y=ASML sales to China (% of total)
XRange=2021..2026
Note1=callout|2024|41% of ASML’s sales went to China in 2024, against 13.8% in 2022.|LI2;LI1

[Passage 11]
Text=At the same time, China’s efforts are putting pressure on competitors by expanding capacity in lower-end and mid-range chips, potentially driving down prices and increasing global supply.
Title=China’s exports of integrated circuits
Dataset=ic-trade-and-output
Chart=line
X=year
Y=exports (USD bn)
XRange=2016..2025
Highlight=2025
Note1=callout|2025|Exports reached USD 201.9 bn in 2025, up 26.8%, as 349.5 bn chips left China, 17.4% more than in 2024.|TR2;TR1

[Passage 12]
Text=Long-Term Stakes\n\nBeijing has made clear that semiconductor independence is a long-term goal, not a quick fix. The strategy prioritizes resilience over short-term efficiency, accepting higher costs today to avoid strategic vulnerability tomorrow.
Title=China’s share of the world’s chipmaking-equipment purchases
Dataset=equipment-spending-by-region
Chart=line
X=year
Y=China share of world (%)
XRange=2014..2024
Note1=callout|2024|42.4% of the world’s chipmaking tools were bought for China in 2024, against 11.7% in 2014.|C40;C49

[Passage 13]
Text=Whether China can fully close the gap with global chip leaders remains uncertain. But one outcome is already clear: U.S. export controls have not halted China’s semiconductor ambitions. Instead, they have galvanized a determined, state-driven campaign to build a parallel chip ecosystem—one that could permanently alter the balance of power in global technology.
Title=China’s chipmaking-tool makers, growing under the controls
Dataset=domestic-equipment-makers
Chart=line
X=year
Y=revenue (CNY bn)
Group=company
Note1=callout|2024|NAURA’s revenue: CNY 29.8 bn in 2024, more than seven times 2019’s CNY 4.1 bn.|CO1;CO2|NAURA
