"""Word's automatic list numbers ("4.2" before a heading whose text is only "Weightings"), computed the way
Word counts them: one counter set per abstract numbering, deeper levels restarting when a shallower one
moves on. Only the common formats are rendered; bullets and unknown formats give no label."""

from __future__ import annotations

import re

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
MAX_ROMAN = 3999


class Numbering:
    def __init__(self, document):
        self.levels: dict[str, dict[int, dict]] = {}  # abstractNumId -> ilvl -> {start, fmt, text, style}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{W}lvl"):
                levels[_number(lvl.get(f"{W}ilvl"), 0)] = {
                    "start": _number(_val(lvl, "start")),
                    "fmt": _val(lvl, "numFmt") or "decimal",
                    "text": _val(lvl, "lvlText") or "",
                    "style": _val(lvl, "pStyle"),
                }
            self.levels[abstract.get(f"{W}abstractNumId")] = levels
        for num in root.iter(f"{W}num"):
            abstract = num.find(f"{W}abstractNumId")
            if abstract is None:
                continue
            overrides = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None and start.get(f"{W}val", "").isdigit():
                    overrides[_number(override.get(f"{W}ilvl"), 0)] = _number(start.get(f"{W}val"))
            self.nums[num.get(f"{W}numId")] = (abstract.get(f"{W}val"), overrides)

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        abstract = self.nums.get(num_id, (None, {}))[0]
        for ilvl, level in self.levels.get(abstract, {}).items():
            if style_id and level["style"] == style_id:
                return ilvl
        return None

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter for (list, level) and return the rendered label, e.g. '4.2' or '(b)'."""
        if num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        start = overrides.get(ilvl, levels[ilvl]["start"])
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if levels[ilvl]["fmt"] in ("bullet", "none"):
            return ""

        def render(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            level = levels.get(k)
            value = counters.get(k, level["start"] if level else 1)
            return _format(value, level["fmt"] if level else "decimal")

        label = re.sub(r"%(\d)", render, levels[ilvl]["text"])
        return label.strip() if any(ch.isalnum() for ch in label) else ""


def _val(element, name: str) -> str | None:
    child = element.find(f"{W}{name}")
    return child.get(f"{W}val") if child is not None else None


def _number(text: str | None, default: int = 1) -> int:
    """A numbering attribute as an int; missing, malformed or absurd (over 10 digits) gives the default."""
    text = (text or "").strip()
    digits = text.removeprefix("-")
    return int(text) if digits.isascii() and digits.isdigit() and len(digits) <= 10 else default


def _format(value: int, fmt: str) -> str:
    """value in a Word number format; roman numerals only from 1 to MAX_ROMAN (the classical range), else
    decimal, so a list numbered from 10^9 costs no more than one numbered from 1."""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(97 + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and 0 < value <= MAX_ROMAN:
        out = ""
        for number, numeral in ROMAN:
            while value >= number:
                out += numeral
                value -= number
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
