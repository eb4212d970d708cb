"""buyer.jurisdiction: which of the UK's procurement law systems governs the buyer, or that the document is not a UK
tender at all (england | wales | scotland | northern_ireland | not_uk).

Read from what the document names: the law (the Public Contracts (Scotland) Regulations 2015, the Procurement (Wales)
Regulations 2024), the buyer and its kind (an Integration Joint Board, a Welsh health board, a Health and Social Care
Trust), portals (Public Contracts Scotland, Sell2Wales, eTendersNI), addresses (postcodes, US ZIP codes, Canadian
postal codes, US states and Canadian provinces) and currency (£ against $ and €). Each cue scores once per sentence;
a nation is read only when its score is clear of the others, and a document is not UK only when non-UK cues clearly
outweigh UK ones. "England and Wales" (a company's place of registration) counts for neither nation.
"""

from __future__ import annotations

import re

from checker.facts.base import Facts
from checker.facts.context import Context, fact
from checker.nlp.prefilter import screen

I = re.IGNORECASE

# (weight, pattern): 3 = names the law, a portal or a body only that nation has; 2 = the nation or a place in it
NATIONS: dict[str, tuple[tuple[int, re.Pattern], ...]] = {
    "scotland": (
        (3, re.compile(r"\bPublic\s+Contracts\s+\(Scotland\)\s+Regulations\b|\bProcurement\s+Reform\s+\(Scotland\)\s+"
                       r"Act\b|\bProcurement\s+\(Scotland\)\s+Regulations\b|\bPCSR\s?(?:20)?15\b", I)),
        (3, re.compile(r"\bPublic\s+Contracts\s+Scotland\b|\bPCS-Tender\b|\bScottish\s+(?:Government|Ministers|"
                       r"Procurement\s+Policy\s+Note)\b|\bSPPN\b|\bdevolved\s+Scottish\s+authorit", I)),
        (3, re.compile(r"\bIntegration\s+Joint\s+Board\b|\bHealth\s+and\s+Social\s+Care\s+Partnership\b", I)),
        (3, re.compile(r"\b(?:Highland|Fife|Moray|Angus|Falkirk|Inverclyde|Midlothian|Renfrewshire|Aberdeenshire|"
                       r"Clackmannanshire|Stirling|Orkney\s+Islands|Shetland\s+Islands|Scottish\s+Borders|"
                       r"Argyll\s+and\s+Bute|Dumfries\s+and\s+Galloway|Perth\s+and\s+Kinross|"
                       r"(?:East|North|South|West)\s+(?:Ayrshire|Dunbartonshire|Lothian|Lanarkshire|Renfrewshire)|"
                       r"(?:Glasgow|Aberdeen|Dundee)\s+City|City\s+of\s+Edinburgh)\s+Council\b|"
                       r"\bComhairle\s+nan\s+Eilean\s+Siar\b|\bNHS\s+(?:Lothian|Greater\s+Glasgow|Grampian|Tayside|"
                       r"Lanarkshire|Ayrshire\s+(?:and|&)\s+Arran|Forth\s+Valley|Dumfries\s+and\s+Galloway|"
                       r"Western\s+Isles)\b", I)),
        (2, re.compile(r"\bScotland\b|\bScottish\b|\bFair\s+Work\s+First\b|\bOSCR\b|\(Scotland\)")),
        (2, re.compile(r"\b(?:AB|DD|DG|EH|FK|G|HS|IV|KA|KW|KY|ML|PA|PH|ZE)\d{1,2}[A-Z]?\s+\d[A-Z]{2}\b")),
    ),
    "wales": (
        (3, re.compile(r"\bProcurement\s+\(Wales\)\s+Regulations\b|\bSocial\s+Partnership\s+and\s+Public\s+"
                       r"Procurement\s+\(Wales\)\s+Act\b|\bWell-?being\s+of\s+Future\s+Generations\s+\(Wales\)\s+Act\b|"
                       r"\bWelsh\s+Language\s+(?:Standards|\(Wales\)\s+Measure)\b", I)),
        (3, re.compile(r"\bSell2Wales\b|\bGwerthwch\s?i\s?Gymru\b|\bWelsh\s+(?:Government|Ministers)\b|"
                       r"\bLlywodraeth\s+Cymru\b|\bW(?:ales|elsh)\s+Procurement\s+Policy\s+(?:Note|Statement)\b|"
                       r"\bWPPN\b|\bdevolved\s+Welsh\s+authorit|\bCyngor\b|\bBwrdd\s+Iechyd\b", I)),
        (3, re.compile(r"\b(?:Betsi\s+Cadwaladr|Aneurin\s+Bevan|Cardiff\s+and\s+Vale|Swansea\s+Bay|Hywel\s+Dda|"
                       r"Cwm\s+Taf(?:\s+Morgannwg)?|Powys\s+Teaching)\b|\bCounty\s+Borough\s+Council\b|"
                       r"\bCity\s+(?:&|and)\s+County\s+of\s+(?:Cardiff|Swansea)\b", I)),
        (2, re.compile(r"\bWales\b|\bWelsh\b|\bCymru\b|\(Wales\)")),
        (2, re.compile(r"\b(?:CF|SA|NP|LL|LD)\d{1,2}[A-Z]?\s+\d[A-Z]{2}\b")),
    ),
    "northern_ireland": (
        (3, re.compile(r"\bNorthern\s+Ireland\b|\beTendersNI\b|\bConstruction\s+and\s+Procurement\s+Delivery\b|"
                       r"\bHealth\s+and\s+Social\s+Care\s+Trust\b|\btransferred\s+Northern\s+Ireland\s+authorit", I)),
        (2, re.compile(r"\bBelfast\b|\bDerry\b|\bBT\d{1,2}\s+\d[A-Z]{2}\b")),
    ),
    "england": (
        (3, re.compile(r"\(England\)\s+(?:Order|Regulations)\b|\bNHS\s+England\b|\bGreater\s+London\s+Authority\b|"
                       r"\bLondon\s+Borough\s+of\b|\bIntegrated\s+Care\s+Board\b", I)),
        (2, re.compile(r"\bEngland\b")),
    ),
}
# cues that the buyer is outside the UK: US, Canada, Ireland, Australia, New Zealand
NOT_UK: tuple[tuple[int, re.Pattern], ...] = (
    (3, re.compile(r"\bDepartment\s+of\s+Transportation\b|\bCounty\s+(?:Commission(?:ers)?|Board\s+of\s+"
                   r"Supervisors)\b|\bBoard\s+of\s+(?:County\s+)?(?:Supervisors|Commissioners|Aldermen)\b|"
                   r"\bInternal\s+Revenue\s+Service\b|\bForm\s+W-9\b|\bW-9\b|\bDisadvantaged\s+Business\s+Enterprise\b|"
                   r"\bHistorically\s+Underutilized\s+Business\b|\bMinority\s+(?:and|/)\s+Women[- ]Owned\b|"
                   r"\bUnited\s+States\b|\bU\.S\.(?:A\.)?(?=\s|$)", I)),
    (3, re.compile(r"\b(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|"
                   r"Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maryland|Massachusetts|Michigan|"
                   r"Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New\s+Hampshire|New\s+Jersey|New\s+Mexico|"
                   r"New\s+York\s+State|North\s+Carolina|North\s+Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
                   r"Rhode\s+Island|South\s+Carolina|South\s+Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington\s+"
                   r"State|Wisconsin|Wyoming)\b")),
    (3, re.compile(r"\b(?:Canada|Canadian|Alberta|Ontario|British\s+Columbia|Quebec|Manitoba|Saskatchewan|"
                   r"Nova\s+Scotia|New\s+Brunswick|Newfoundland)\b|\bCCDC\b|\bProvince\s+of\b")),
    (3, re.compile(r"\bRepublic\s+of\s+Ireland\b|\betenders\.gov\.ie\b|\bOffice\s+of\s+Government\s+Procurement\b|"
                   r"\bEircode\b|\bAustralia(?:n)?\b|\bNew\s+South\s+Wales\b|\bNew\s+Zealand\b", I)),
    (2, re.compile(r"\b(?:Town|Township|Village)\s+of\s+[A-Z][a-z]|\bFire\s+Department\b|"
                   r"\bDepartment\s+of\s+Public\s+Works\b|\bCity\s+(?:Council|Manager|Attorney)'s\b")),
    (2, re.compile(r"\b(?!BS|EN|IS)[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")),  # a US state and ZIP code: "TX 78205"
    (2, re.compile(r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b")),  # a Canadian postal code: "T0M 1C0"
    (1, re.compile(r"\b(?:organization|labor|honor|behavior|program(?!me)|centers?|licensed\s+in\s+the\s+state|"
                   r"Proposers?|Proponents?|Offerors?|Respondent's)\b")),
)
POUNDS = re.compile(r"£\s?\d|\bGBP\b|\bpounds?\s+sterling\b", I)
FOREIGN_MONEY = re.compile(r"(?<![A-Za-z£])\$\s?\d|€\s?\d|\b(?:USD|CAD|AUD|EUR)\b|\bdollars?\b|\beuros?\b", I)
UK_GENERAL = re.compile(r"\bUnited\s+Kingdom\b|\bUK\b|\bHMRC\b|\bCompanies\s+House\b|\bCharity\s+Commission\b|"
                        r"\bContracts\s+Finder\b|\bFind\s+a\s+Tender\b|\bProcurement\s+Act\s+2023\b|\bPublic\s+Contracts?"
                        r"\s+Regulations\s+2015\b|\bNHS\b|\bTUPE\b|\bVCSE\b|\bSocial\s+Value\s+Act\b")
NEITHER = re.compile(r"\bEngland\s+(?:and|&)\s+Wales\b|\bNew\s+South\s+Wales\b|\bNova\s+Scotia\b|"
                     r"\bGreat\s+Britain\s+and\s+Northern\s+Ireland\b|"
                     # a contract's governing law is no sign of where the buyer is ("Call-Off Schedule 21 (Northern
                     # Ireland Law)", "the laws of Scotland")
                     r"\b(?:Scottish|Scots|English|Welsh|Northern\s+Ireland)\s+law\b|\b(?:laws?|courts)\s+of\s+(?:England"
                     r"(?:\s+(?:and|&)\s+Wales)?|Scotland|Wales|Northern\s+Ireland)\b",
                     I)
JURISDICTIONS = ("england", "wales", "scotland", "northern_ireland", "not_uk")
MIN_NATION = 3  # a nation needs at least one naming cue (3) or two place cues
WEAK_CAP = 2  # spelling and wording cues count at most this much in all


def find(ctx: Context, facts: Facts) -> None:
    override = getattr(ctx, "jurisdiction_override", None)
    if override is None:
        _read(ctx, facts)
        return
    read = Facts()  # what the document reads as, kept in the source so a report can show both
    _read(ctx, read)
    found = read.get("buyer.jurisdiction")
    reading = (f"the document read as {found.value} ({found.source.removeprefix('jurisdiction: ')})" if found
               else "the document gave no clear reading")
    facts.add(fact("buyer.jurisdiction", override, "category", None,
                   f"jurisdiction: set by --jurisdiction {override}; {reading}",
                   evidence=found.evidence if found else "", location=found.location if found else None))


def _read(ctx: Context, facts: Facts) -> None:
    nation = {name: 0 for name in NATIONS}
    first = {}  # nation or "not_uk" -> (weight, sentence) of its strongest first cue
    foreign = weak = pounds = dollars = uk_general = 0
    # each pattern behind its literal screen (checker.nlp.prefilter): most sentences hold none of a cue's words
    nations = {name: [(w, screen(pattern)) for w, pattern in cues] for name, cues in NATIONS.items()}
    not_uk = [(w, screen(pattern)) for w, pattern in NOT_UK]
    uk_cue = screen(UK_GENERAL)
    for sent in ctx.sentences:
        text = NEITHER.sub(" ", sent.text)
        hits = {name: [w for w, search in cues if search(text)] for name, cues in nations.items()}
        if sum(1 for found in hits.values() if found) < 2:  # "England, Wales, Scotland and Northern Ireland": UK-wide
            for name, found in hits.items():
                for weight in found:
                    nation[name] += weight
                    _keep(first, name, weight, sent)
        for weight, search in not_uk:
            if search(text):
                if weight == 1:
                    weak += 1
                else:
                    foreign += weight
                    _keep(first, "not_uk", weight, sent)
        pounds += len(POUNDS.findall(sent.text))
        dollars += len(FOREIGN_MONEY.findall(sent.text))
        uk_general += bool(uk_cue(sent.text))
    uk = sum(nation.values()) + min(pounds, 5) + min(uk_general, 5)
    outside = foreign + min(weak, WEAK_CAP) + min(dollars, 5)
    if outside >= 4 and outside > 2 * uk and "not_uk" in first:
        _add(facts, "not_uk", first["not_uk"][1], f"jurisdiction: not UK (non-UK cues {outside}, UK cues {uk})")
        return
    ranked = sorted(nation.items(), key=lambda kv: -kv[1])
    (best, score), (_, second) = ranked[0], ranked[1]
    if score >= MIN_NATION and score >= 1.5 * second and best in first:
        _add(facts, best, first[best][1], f"jurisdiction: {best} cues {score} (next {second})")


def _keep(first: dict, key: str, weight: int, sent) -> None:
    if key not in first or weight > first[key][0]:
        first[key] = (weight, sent)


def _add(facts: Facts, value: str, sent, source: str) -> None:
    facts.add(fact("buyer.jurisdiction", value, "category", sent, source))
