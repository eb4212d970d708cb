"""PERCENT mentions: "10%", "ten per cent", "10 percent", "10 marks out of 100", "weighting of 10".

value is the percentage as a float. basis says how it was written: percent, out_of (marks over a stated
total, already scaled to 100), weight (a bare "weighting of 10", read as points of 100) or marks (a bare
"40 marks" with no total: value is the raw marks and a finder must scale it by the total it knows).
"""

from __future__ import annotations

import re

from checker.nlp.numbers import WORD_RUN, finite, parse_number

_NUM = r"\d+(?:\.\d+)?"
_PATTERN = re.compile(
    r"(?P<pct>" + _NUM + r")\s*(?:%|per\s?cent\b|percent\b|pct\b)"
    r"|\b(?P<wpct>" + WORD_RUN + r")\s+(?:per\s?cent|percent)\b"
    r"|\b(?P<got>" + _NUM + r")\s*(?:marks?|points?|pts)?\s*(?:out\s+of|from)\s+(?:a\s+(?:total|maximum)\s+of\s+)?"
    r"(?P<den>\d+)(?:\s*(?:marks?|points?|pts)\b)?"
    r"|\b(?P<slash>" + _NUM + r")\s*/\s*100(?![\d/])"
    r"|\b(?:weighting|weighted|weight)(?:\s+(?:of|at|is|=))?\s*[:=]?\s*(?P<weight>" + _NUM + r")\b"
    r"(?!\s*(?:%|per\s?cent|percent|marks?|points?|/|\.\d|,\d|out\s+of))"
    r"|\b(?P<marks>" + _NUM + r")\s*(?:marks|points|pts)\b",
    re.IGNORECASE,
)


def find(text: str) -> list[tuple[int, int, dict]]:
    out = []
    for m in _PATTERN.finditer(text):
        if m.group("pct"):
            value, basis = float(m.group("pct")), "percent"
        elif m.group("wpct"):
            value, basis = parse_number(m.group("wpct")), "percent"
        elif m.group("got"):
            den = float(m.group("den"))
            if not den:
                continue
            value, basis = float(m.group("got")) * 100.0 / den, "out_of"
        elif m.group("slash"):
            value, basis = float(m.group("slash")), "out_of"
        elif m.group("weight"):
            value, basis = float(m.group("weight")), "weight"
        else:
            value, basis = float(m.group("marks")), "marks"
        value = finite(value)
        if value is None or value > 100 and basis != "marks":
            continue
        start = m.start("weight") if basis == "weight" else m.start()
        out.append((start, m.end(), {"value": value, "basis": basis}))
    return out
