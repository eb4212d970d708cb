"""checker.nlp.prefilter: a screened search gives exactly rx.search's answer, on every regex of the fact finders
over real sentences and over text built to trip case folding; and it does screen what it should."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import checker.facts
import checker.nlp
from checker.nlp import prefilter
from checker.nlp.prefilter import screen

ROOT = Path(__file__).resolve().parents[2]


def _patterns() -> list[re.Pattern]:
    """Every compiled regex held at module level by the fact finders and the language helpers (directly, or in
    tuples, lists and dicts)."""
    found = {}

    def walk(value, depth=0):
        if isinstance(value, re.Pattern):
            found[(value.pattern, value.flags)] = value
        elif depth < 3 and isinstance(value, (tuple, list)):
            for item in value:
                walk(item, depth + 1)
        elif depth < 3 and isinstance(value, dict):
            for item in value.values():
                walk(item, depth + 1)

    for package in (checker.facts, checker.nlp):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                walk(value)
    return list(found.values())


PATTERNS = _patterns()
TRICKY = [
    "Public Contracts (Scotland) Regulations 2015", "PUBLIC CONTRACTS SCOTLAND", "ſcotland and the ſcottiſh Government",
    "İreland and the Republic of İreland", "NHS ENGLAND", "the \u212aent County Council", "Σ ΣΟΦΙΑ ςοφια",
    "Sell2Wales", "TX 78205", "social value 10%", "", "co-design with residents", "ISO 9001 or equivalent",
]


def _sentences() -> list[str]:
    from checker.extract import read_document
    from checker.nlp.pipeline import annotate

    texts = []
    for name in ("sample-tender.pdf", "tenders/ashcombe-connectors-good-practice.pdf",
                 "tenders/barnford-handyperson-chas-no-subcontracting.docx"):
        document = read_document(ROOT / "fixtures" / name)
        for doc in annotate(document):
            texts += [s.text for s in doc.sents]
    return texts


def test_there_are_many_patterns_and_most_are_screened():
    assert len(PATTERNS) > 100
    screened = [p for p in PATTERNS if prefilter._needed(p.pattern, p.flags)]
    assert len(screened) > len(PATTERNS) // 3


def test_a_screened_search_is_the_search_on_real_and_tricky_text():
    texts = _sentences() + TRICKY
    texts += [t.lower() for t in texts[:200]] + [t.upper() for t in texts[:200]]
    for rx in PATTERNS:
        search = screen(rx)
        for text in texts:
            want, got = rx.search(text), search(text)
            assert (want and want.span()) == (got and got.span()), (rx.pattern, text)


@pytest.mark.parametrize("pattern,flags,needed", [
    (r"\bEngland\b", 0, ("England",)),
    (r"\b(?:Highland|Fife)\s+Council\b", 0, ("Council",)),
    (r"\b(?:Highland|Fife)\b", re.IGNORECASE, ("Highland", "Fife")),  # folded when screened
    (r"\bco-?design", 0, ("design",)),
    (r"(?:ab)+cde", 0, ("cde",)),
    (r"x?y*\d+", 0, None),  # nothing every match must hold
    (r"(?i:scot)land", 0, None),  # scoped flags: not screened
    (r"\b(?:a|bcd)\b", 0, None),  # a branch with too short a string
])
def test_what_every_match_needs(pattern, flags, needed):
    assert prefilter._needed(pattern, flags) == needed


def test_case_folding_follows_re():
    rx = re.compile(r"\bScotland\b", re.IGNORECASE)
    for text in ("SCOTLAND", "ſcotland", "scotland."):
        assert screen(rx)(text) is not None and rx.search(text) is not None
    kelvin = re.compile(r"\bkent\b", re.IGNORECASE)
    assert screen(kelvin)("\u212aent") is not None and kelvin.search("\u212aent") is not None
    assert screen(kelvin)("Essex") is None
