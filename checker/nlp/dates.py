"""DATE mentions normalised to ISO: "12 March 2026", "12/03/2026" (UK day-first), "2026-03-12", "March 12, 2026".

A numeric date that cannot be day-first (13th month) is read month-first, as US documents write it; a numeric
date readable both ways is read day-first and flagged ambiguous.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
          "nov": 11, "dec": 12}
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_PATTERN = re.compile(
    r"\b(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+(?P<m1>" + _MONTH + r")[\s,-]+(?P<y1>\d{4})\b"
    r"|\b(?P<m2>" + _MONTH + r")\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4})\b"
    r"|\b(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})\b"
    r"|\b(?P<a4>\d{1,2})(?P<sep>[/.])(?P<b4>\d{1,2})(?P=sep)(?P<y4>\d{4}|\d{2})\b(?![/.]\d)",
    re.IGNORECASE,
)


def find(text: str) -> list[tuple[int, int, dict]]:
    out = []
    for m in _PATTERN.finditer(text):
        ambiguous = False
        if m.group("y1"):
            y, mo, d = int(m.group("y1")), _month(m.group("m1")), int(m.group("d1"))
        elif m.group("y2"):
            y, mo, d = int(m.group("y2")), _month(m.group("m2")), int(m.group("d2"))
        elif m.group("y3"):
            y, mo, d = int(m.group("y3")), int(m.group("m3")), int(m.group("d3"))
        else:
            a, b, y = int(m.group("a4")), int(m.group("b4")), int(m.group("y4"))
            y += 2000 if y < 100 else 0
            d, mo = (a, b) if b <= 12 else (b, a)
            ambiguous = a <= 12 and b <= 12 and a != b
        try:
            iso = dt.date(y, mo, d).isoformat()
        except ValueError:
            continue
        out.append((m.start(), m.end(), {"value": iso, "ambiguous": ambiguous}))
    return out


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:3]]
