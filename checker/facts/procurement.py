"""procurement.regime (PA2023 | PCR2015 | PCSR2015 | PSR), buyer.type (central | local | nhs) and contract.category
(services | goods | works | light-touch), each only where the text says so; then, from those and buyer.jurisdiction,
buyer.devolved (the buyer is a devolved Welsh, Scottish or Northern Irish authority) and procurement.regime_applied
(the regime the rules work under, read or worked out, with the reason in its source)."""

from __future__ import annotations

import datetime as dt
import re

from checker.facts.base import Facts
from checker.facts.context import Context, fact

REGIMES = (  # ties go to the first: a named special regime over the general one it displaces
    ("PSR", re.compile(r"\bProvider\s+Selection\s+Regime\b", re.IGNORECASE)),
    ("PCSR2015", re.compile(r"\bPublic\s+Contracts\s+\(Scotland\)\s+Regulations\s+2015\b|\bPCSR\s?(?:20)?15\b|"
                            r"\bProcurement\s+Reform\s+\(Scotland\)\s+Act\s+2014\b", re.IGNORECASE)),
    ("PA2023", re.compile(r"\bProcurement\s+Act\s+2023\b|\bPA\s?2023\b|\bProcurement\s+Regulations\s+2024\b", re.IGNORECASE)),
    ("PCR2015", re.compile(r"\bPublic\s+Contracts?\s+Regulations\s+2015\b|\bPCR\s?(?:20)?15\b", re.IGNORECASE)),
)
BUYERS = (
    ("nhs", re.compile(r"\bNHS\b|\bIntegrated\s+Care\s+(?:Board|System)\b|\bICB\b|\bFoundation\s+Trust\b|"
                       r"\bClinical\s+Commissioning\s+Group\b", re.IGNORECASE)),
    ("local", re.compile(r"\b(?:Borough|County|City|District|Metropolitan|Town|Parish|Unitary)\s+Council\b|"
                         r"\bCity\s+(?:&|and)\s+County\s+of\b|\bCounty\s+Borough\b|\bMetropolitan\s+Borough\b|"
                         r"\bCouncil\s+of\s+the\b|\blocal\s+authority\b|\bCombined\s+Authority\b|"
                         r"\bLondon\s+Borough\s+of\b|\bthe\s+Council\b")),
    ("central", re.compile(r"\bDepartment\s+(?:for|of)\b|\bMinistry\s+of\b|\bCabinet\s+Office\b|\bHM\s+"
                           r"(?:Treasury|Revenue|Prison|Courts)|\bCrown\s+Commercial\s+Service\b|\bHome\s+Office\b|"
                           r"\bForeign,?\s+Commonwealth\b|\bcentral\s+government\b|\bexecutive\s+agency\b|"
                           r"\bnon-departmental\s+public\s+body\b")),
)
CATEGORIES = (
    ("light-touch", re.compile(r"\blight[\s-]touch\b|\bsocial\s+and\s+other\s+specific\s+services\b", re.IGNORECASE)),
    ("works", re.compile(r"\bworks\s+contract\b|\bcontract\s+for\s+(?:the\s+)?(?:construction\s+)?works\b|"
                         r"\bpublic\s+works\b|\bdesign[\s-]build\b|\bconstruction\s+contract\b", re.IGNORECASE)),
    ("goods", re.compile(r"\b(?:supply|supplies)\s+(?:of\s+)?goods\b(?!\s+(?:or|and|and/or)\s+services)|\bgoods\s+contract\b|\bcontract\s+for\s+"
                         r"(?:the\s+)?(?:supply|purchase)\s+of\b|\bsupply\s+contract\b", re.IGNORECASE)),
    ("services", re.compile(r"\bservices\s+contract\b|\bcontract\s+for\s+(?:the\s+)?(?:provision\s+of\s+)?"
                            r"(?:\w+\s+){0,3}services\b|\bpublic\s+services?\s+contract\b|\bprovision\s+of\s+"
                            r"(?:\w+\s+){0,3}services\b", re.IGNORECASE)),
)
BUYER_WINDOW = 40  # blocks: the buyer names itself at the start of a document


PA2023_START = dt.date(2025, 2, 24)  # the Act governs procurements begun on or after this day
DEVOLVED = {"wales", "scotland", "northern_ireland"}


def find(ctx: Context, facts: Facts) -> None:
    _regime(ctx, facts)
    jurisdiction = facts.value("buyer.jurisdiction")
    if jurisdiction != "not_uk":  # UK buyer types: a US county's "Department of Transportation" is no UK department
        _first_match(ctx, facts, "buyer.type", BUYERS, limit=BUYER_WINDOW)
    _first_match(ctx, facts, "contract.category", CATEGORIES)
    _devolved(facts, jurisdiction)
    _regime_applied(facts, jurisdiction)


def _devolved(facts: Facts, jurisdiction) -> None:
    """A buyer in Wales, Scotland or Northern Ireland that is not a UK central government body is treated as a
    devolved authority there (PA2023 s.2(5)-(6) for Scotland; "devolved Welsh authority" and "transferred Northern
    Ireland authority" in the Act's Welsh and Northern Irish carve-outs, e.g. s.13(10)(d), s.84(2), s.85(5))."""
    if jurisdiction in DEVOLVED and facts.value("buyer.type") != "central":
        where = facts.get("buyer.jurisdiction")
        facts.add(fact("buyer.devolved", jurisdiction, "category", None,
                       f"procurement: a {jurisdiction.replace('_', ' ')} buyer that is not UK central government",
                       evidence=where.evidence, location=where.location))


def _regime_applied(facts: Facts, jurisdiction) -> None:
    """The regime the rules apply, and why: the one named; for a devolved Scottish buyer the Scottish regulations
    (the Procurement Act 2023 excludes devolved Scottish authorities, s.2(5)(a)); else by start date."""
    if jurisdiction == "not_uk":
        return
    stated = facts.get("procurement.regime")
    start = _date(facts.value("procurement.start_date"))
    if facts.value("buyer.devolved") == "scotland" and (stated is None or stated.value in ("PA2023", "PCR2015")):
        value, where = "PCSR2015", facts.get("buyer.jurisdiction")
        why = ("a devolved Scottish buyer: the Public Contracts (Scotland) Regulations 2015 and the Procurement "
               "Reform (Scotland) Act 2014 apply")
    elif stated is not None:
        value, why, where = stated.value, "named in the document", stated
    elif start is not None:
        value = "PA2023" if start >= PA2023_START else "PCR2015"
        why, where = f"no regime named; begun {start:%d %b %Y}", facts.get("procurement.start_date")
    else:
        value, why, where = "PA2023", "no regime or start date stated: the Procurement Act 2023 assumed", None
    facts.add(fact("procurement.regime_applied", value, "regime", None, f"procurement: {why}",
                   evidence=where.evidence if where else "", location=where.location if where else None))


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


# a regime named to say it is not the one used: "and not under the Provider Selection Regime", "rather than the
# Public Contracts Regulations 2015", "the Provider Selection Regime does not apply"
NOT_USED_BEFORE = re.compile(r"\b(?:not|never|rather\s+than|instead\s+of|outside(?:\s+of)?)\s+(?:\w+\s+){0,3}?"
                             r"(?:under|by|using|within|through|via|the\s+scope\s+of)?\s*(?:the\s+)?$", re.IGNORECASE)
NOT_USED_AFTER = re.compile(r"^\W{0,3}(?:\(\w+\)\s*)?(?:does|do|will)\s+not\s+apply\b|^\W{0,3}(?:is|are)\s+not\s+"
                            r"(?:used|being\s+used|applicable)\b", re.IGNORECASE)


def _regime(ctx: Context, facts: Facts) -> None:
    counts = {name: [] for name, _ in REGIMES}
    for sent in ctx.sentences:
        for name, pattern in REGIMES:
            text = sent.text
            if any(not NOT_USED_BEFORE.search(text[max(0, m.start() - 40):m.start()])
                   and not NOT_USED_AFTER.match(text[m.end():m.end() + 30]) for m in pattern.finditer(text)):
                counts[name].append(sent)
    ranked = sorted((n for n in counts if counts[n]), key=lambda n: -len(counts[n]))
    if ranked:
        best = ranked[0]
        facts.add(fact("procurement.regime", best, "regime", counts[best][0],
                       f"procurement: named {len(counts[best])} time(s)"))


def _first_match(ctx: Context, facts: Facts, name: str, options, limit: int | None = None) -> None:
    for sent in ctx.sentences:
        if limit is not None and sent.block_index > limit:
            return
        for value, pattern in options:
            if pattern.search(sent.text):
                facts.add(fact(name, value, "category", sent, f"procurement: {value} cue"))
                return
