"""procurement.regime (PA2023 | PCR2015), buyer.type (central | local | nhs) and contract.category
(services | goods | works | light-touch), each only where the text says so."""

from __future__ import annotations

import re

from checker.facts.base import Facts
from checker.facts.context import Context, fact

REGIMES = (
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


def find(ctx: Context, facts: Facts) -> None:
    _regime(ctx, facts)
    _first_match(ctx, facts, "buyer.type", BUYERS, limit=BUYER_WINDOW)
    _first_match(ctx, facts, "contract.category", CATEGORIES)


def _regime(ctx: Context, facts: Facts) -> None:
    counts = {name: [] for name, _ in REGIMES}
    for sent in ctx.sentences:
        for name, pattern in REGIMES:
            if pattern.search(sent.text):
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
