"""Numbers written in digits or in English words ("two", "twenty-four", "one million two hundred thousand")."""

from __future__ import annotations

import math

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
WORDS = sorted([*SMALL, "hundred", *SCALES], key=len, reverse=True)
# One number word (longest first so "seventeen" wins over "seven"); used to build the entity regexes.
WORD = r"(?:" + "|".join(WORDS) + r")"
# A run of number words: "twenty-four", "one million two hundred thousand", "one hundred and fifty".
WORD_RUN = WORD + r"(?:(?:\s+and\s+|[\s-]+)" + WORD + r")*"
# A small number as digits or a word, optionally doubled as "two (2)" or "2 (two)".
SMALL_NUMBER = r"(?:\d+(?:\.\d+)?|" + WORD_RUN + r")(?:\s*\(\s*(?:\d+|" + WORD_RUN + r")\s*\))?"


def words_to_number(text: str) -> float | None:
    """'one million two hundred thousand' -> 1200000; None when a word is not a number word."""
    total = current = 0
    seen = False
    for word in text.lower().replace("-", " ").split():
        if word == "and":
            continue
        if word in SMALL:
            current += SMALL[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def finite(value: float | None) -> float | None:
    """value, or None when it is not a finite number: 400 digits make float() give inf, which is no quantity
    (it would end as `Infinity` in a JSON report, or an OverflowError where it is rounded to an int)."""
    return value if value is not None and math.isfinite(value) else None


def parse_number(text: str) -> float | None:
    """Digits ('1,200', '2.5'), words ('twenty-four'), or doubled forms ('two (2)'): the first reading wins."""
    text = text.strip()
    head = text.split("(")[0].strip() or text.strip("() ")
    digits = head.replace(",", "")
    try:
        return finite(float(digits))
    except ValueError:
        return words_to_number(head)
