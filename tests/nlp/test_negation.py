"""Negated, hedged and future-only mentions are not evidence; cues count only in the match's own clause."""

import pytest

from checker.nlp.negation import is_asserted, polarity
from checker.nlp.pipeline import get_nlp


def judge(text: str, phrase: str) -> str:
    doc = get_nlp()(text)
    at = text.index(phrase)
    span = doc.char_span(at, at + len(phrase), alignment_mode="expand")
    sentence = next(s for s in doc.sents if s.start <= span.start < s.end)
    return polarity(sentence, span.start, span.end)


@pytest.mark.parametrize("text, phrase, expected", [
    ("Co-design is not required for this service.", "Co-design", "negated"),
    ("There is no requirement for co-design.", "co-design", "negated"),
    ("The service has not been co-designed.", "co-designed", "negated"),
    ("Co-design: no", "Co-design", "negated"),
    ("We may consider co-production in future.", "co-production", "hedged"),
    ("Co-production could be explored later.", "Co-production", "hedged"),
    ("We will co-design the service where possible.", "co-design", "hedged"),
    ("The service was co-designed with residents.", "co-designed", "asserted"),
    ("There is no budget, but the service was co-designed with residents.", "co-designed", "asserted"),
    ("The model was not only co-designed but also co-delivered.", "co-designed", "asserted"),
    ("The provider will co-produce the service with users.", "co-produce", "asserted"),
])
def test_polarity(text, phrase, expected):
    assert judge(text, phrase) == expected


def test_is_asserted_agrees_with_polarity():
    doc = get_nlp()("Co-design is not required.")
    sentence = next(doc.sents)
    assert not is_asserted(sentence, 0, 3)
