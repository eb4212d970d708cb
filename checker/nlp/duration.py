"""DURATION mentions normalised to months, with contract extensions folded into one mention.

"36 months" -> 36; "3+1+1 years" -> 36 initial, 60 max; "3 years with the option to extend for up to 2 further
periods of 12 months" -> 36, 60; "an initial term of two years plus an optional extension of one year" -> 24, 36.
An extension stated on its own ("There is an option to extend for a further 2 years") is one mention with
is_extension set, for the finder to add to the term it belongs to.
"""

from __future__ import annotations

import re

from checker.nlp.numbers import SMALL_NUMBER, finite, parse_number
from checker.nlp.text import clause_tail

MONTHS_PER = {"year": 12.0, "month": 1.0, "week": 12.0 / 52.0, "day": 12.0 / 365.25}
# "three academic years", "two financial years", "12 calendar months": a kind of year is still a year
_UNIT = r"(?:(?:academic|financial|calendar|contract|full)\s+)?(?P<unit>years?|yrs?|months?|mths?|weeks?|wks?|(?:calendar\s+|working\s+|business\s+)?days?)\b"
_ATOM = re.compile(
    r"(?P<seq>\b\d+(?:\.\d+)?(?:\s*\+\s*\d+(?:\.\d+)?)+)\s*[- ]?\s*" + _UNIT
    + r"|(?<![\w.,/])(?<!\d[-–])(?P<num>" + SMALL_NUMBER + r"|\ban?(?=\s+(?:further|additional|extra|subsequent)\b))"
    r"(?:\s+(?:further|additional|more|extra|optional|subsequent|"
    r"separate|consecutive))*\s*[- ]?\s*" + _UNIT.replace("unit", "unit2")
    + r"(?:\s*\(\s*(?P<pseq>(?:\d+)?(?:\s*\+\s*\d+)+)\s*(?:years?|months?)?\s*\))?",
    re.IGNORECASE,
)
_EXTENSION_CUE = re.compile(r"\b(?:extend\w*|extension\w*|further|additional|optional|option|renew\w*|plus)\b|\+",
                            re.IGNORECASE)
_MAX_CUE = re.compile(r"\b(?:maximum|max\.?|in\s+total|total|overall|up\s+to\s+a\s+total)\b", re.IGNORECASE)
# The maximum stated outright just before a duration: it wins over adding up the extensions before it.
_MAX_BEFORE = re.compile(r"\b(?:maximum|max\.?|overall|total|in\s+all|up\s+to\s+a\s+total)(?:\s+(?:contract\s+)?"
                         r"(?:term|period|duration|length|contract))?\s+(?:of\s+)?(?:up\s+to\s+)?$", re.IGNORECASE)
_MULT_BEFORE = re.compile(
    r"(?P<n>" + SMALL_NUMBER + r")\s*(?:x|×|\*|times)\s*(?:up\s+to\s+)?$"
    r"|(?P<n2>" + SMALL_NUMBER + r")\s+(?:(?:further|additional|optional|subsequent|separate|consecutive|"
    r"more|extension)\s+)*(?:periods?|terms?|extensions?|occasions?)\s+(?:of|by)\s+(?:up\s+to\s+)?(?:a\s+maximum\s+of\s+)?$"
    r"|(?P<n4>twice|thrice)\s+(?:\w+\s+){0,2}?by\s+(?:up\s+to\s+)?(?:a\s+(?:further|maximum\s+of)\s+)?$"
    r"|(?P<n3>" + SMALL_NUMBER + r")\s+(?:(?:further|additional|optional|subsequent|separate|consecutive|more)\s+)+$",
    re.IGNORECASE,
)
_MULT_AFTER = re.compile(r"^\s*(?:(?:periods?|extensions?|terms?)\b[^.;]{0,12}?)?\s*(?:,\s*)?(?:up\s+to\s+)?(?:on\s+)?"
                         r"(?P<n>" + SMALL_NUMBER + r")\s*(?:times|occasions)\b", re.IGNORECASE)
_PLURAL_AFTER = re.compile(r"^[\s-]*(?:periods|extensions|terms|options|renewals)\b", re.IGNORECASE)
_EXTENSION_AFTER = re.compile(r"^[\s-]*(?:(?:optional\s+)?(?:extension|renewal)s?\b|options?\s+(?:to|for)\s+"
                              r"(?:extend|renew|extension|renewal))", re.IGNORECASE)
_PLURAL_BEFORE = re.compile(r"(?P<n>" + SMALL_NUMBER + r")\s+(?:(?:further|additional|optional|subsequent)\s+)*$",
                            re.IGNORECASE)
_COMPOUND_GAP = re.compile(r"\s*(?:and|,)?\s*", re.IGNORECASE)
_PAREN_GAP = re.compile(r"\s*(?:(?:contract\s+|maximum\s+)?(?:term|period|contract|duration|agreement)\s*)?"
                        r"\(\s*(?:i\.e\.\s*|comprising\s+|being\s+)?", re.IGNORECASE)
# "two (2) terms of 18 months and one term of 12 months", "2 years, followed by a second term of 2 years": terms
# that follow one another make up the whole; the first is the initial term.
_TERMS_OF_BEFORE = re.compile(r"(?P<n>" + SMALL_NUMBER + r")\s+(?:(?:initial|consecutive|successive|separate)\s+)?"
                              r"(?:terms?|periods?)\s+of\s+(?:up\s+to\s+)?$", re.IGNORECASE)
_NEXT_TERM_GAP = re.compile(r"\s*,?\s*(?:and|plus|followed\s+by|then)\s+(?:(?:a|an|one|(?P<n>" + SMALL_NUMBER
                            + r"))\s+)?(?:(?:second|third|subsequent|final|further|consecutive)\s+)?(?:terms?|periods?)"
                            r"\s+of\s+(?:up\s+to\s+)?", re.IGNORECASE)
MAX_GAP = 160  # characters between a term and its extension
_RESTATE_GAP = re.compile(r"\s*[(,]\s*(?:that\s+is|i\.\s?e\.?|meaning|in\s+other\s+words|or)\s*,?\s*(?:an?\s+|the\s+)?"
                          r"(?:further\s+|additional\s+|extra\s+)?", re.IGNORECASE)
# The period or end an extension verb reaches by "by", "to" or "for", however long the aside between them, when no
# verb of the term itself comes between ("It may be extended, at the Trust's discretion, on up to two occasions by
# twelve months each", "may extend them, in one or more periods, to a total term of no more than eight years")
_EXTENDED_BY = re.compile(r"\b(?:extend\w*|renew\w*|prolong\w*)\b(?P<between>[^.;:]{0,120})\b(?:by|to|for)\s+"
                          r"(?:[\w-]+\s+){0,7}?$", re.IGNORECASE)
_TERM_VERB = re.compile(r"\b(?:runs?|running|lasts?|lasting|is|are|will|commenc\w*|start\w*|begin\w*)\b", re.IGNORECASE)


def _extended_by(before: str) -> bool:
    m = _EXTENDED_BY.search(clause_tail(before))
    return bool(m) and not _TERM_VERB.search(m.group("between"))
# "the Commissioner may extend each contract for a third year": an extension to an ordinal year is one more year
# "... or to extend it for the 2028/29 academic year": so does one into a named year
_ORDINAL_YEAR = re.compile(r"\b(?:extend\w*|renew\w*|continu\w*)\b[^.;:]{0,80}?\b(?:for|into|by)\s+(?:a\s+"
                           r"(?P<ordinal>second|third|fourth|fifth|sixth|seventh)\s+(?:and\s+final\s+)?(?:(?:further|additional|optional)\s+)?"
                           r"(?:year|twelve[\s-]months?)|(?:the\s+|a\s+)?(?P<named>(?:19|20)\d\d\s*[/–-]\s*\d{2,4})\s+"
                           r"(?:academic\s+|financial\s+|contract\s+|school\s+)?year)\b", re.IGNORECASE)


def find(text: str) -> list[tuple[int, int, dict]]:
    """Durations as (start, end, attrs): value = initial months, months_max, days (exact for day/week units),
    unit as written, is_extension for a stand-alone extension."""
    atoms = [a for a in (_atom(text, m) for m in _ATOM.finditer(text)) if a]
    for m in _ORDINAL_YEAR.finditer(text):
        first = m.start("ordinal") if m.group("ordinal") else m.start("named")
        if not any(s < m.end() and first < e for s, e, _ in atoms):
            atoms.append((first, m.end(), {"value": 12.0, "months_max": 12.0, "days": None, "unit": "year",
                                           "ordinal": True}))
    atoms.sort(key=lambda a: a[0])
    out: list[tuple[int, int, dict]] = []
    i = 0
    while i < len(atoms):
        start, end, attrs = atoms[i]
        gap_before = text[max(0, start - 60):start]
        ordinal = attrs.pop("ordinal", False)
        is_ext = bool(_EXTENSION_CUE.search(clause_tail(gap_before)) or _EXTENSION_AFTER.match(text[end:end + 40])
                      or ordinal or _extended_by(text[max(0, start - 160):start]))
        attrs["is_extension"] = is_ext
        j = i + 1
        if attrs["unit"] in ("year", "month") and not is_ext and (m := _TERMS_OF_BEFORE.search(gap_before)):
            n = parse_number(m.group("n"))
            if n and 1 < n <= 10:
                attrs["months_max"] = attrs["value"] * n  # "two terms of 18 months": 18 initial, 36 so far
        if attrs["unit"] in ("year", "month"):
            while j < len(atoms):
                n_start, n_end, n_attrs = atoms[j]
                gap = text[end:n_start]
                stated_max = _stated_max(gap)
                if len(gap) > MAX_GAP or re.search(r"[.!?](?:\s|$)" if stated_max else r"[.;!?](?:\s|$)", gap) \
                        or n_attrs["unit"] not in ("year", "month"):
                    break
                if _RESTATE_GAP.fullmatch(gap) and abs(n_attrs["value"] - attrs["value"]) < 0.01:
                    pass  # "a further year (that is, a further twelve months)": the same period said twice
                elif (step := _NEXT_TERM_GAP.fullmatch(gap)) and not is_ext:
                    n = parse_number(step.group("n")) if step.group("n") else 1
                    attrs["months_max"] += n_attrs["value"] * (n if n and 1 <= n <= 10 else 1)
                elif stated_max and is_ext:
                    break  # "extend it by a further year, giving a maximum term of three years": the term's maximum
                elif stated_max and n_attrs["value"] >= attrs["value"]:
                    attrs["months_max"] = n_attrs["value"]  # "giving a maximum term of four years": stated, not summed
                elif _COMPOUND_GAP.fullmatch(gap) and attrs["unit"] == "year" and n_attrs["unit"] == "month" \
                        and attrs["value"] == attrs["months_max"]:
                    attrs["value"] += n_attrs["value"]  # "three years and six months"
                    attrs["months_max"] += n_attrs["value"]
                elif _EXTENSION_CUE.search(gap) or _EXTENSION_AFTER.match(text[n_end:n_end + 40]):
                    # "a further 12 + 12 months": every part of the sequence is an extension
                    ext = n_attrs["months_max"] if n_attrs.get("seq") else \
                        n_attrs["value"] * _multiplier(text, n_start, n_end)
                    attrs["months_max"] += ext
                    summary = n_attrs.pop("summary", None)
                    if summary and abs(summary[0] - attrs["value"]) < 0.01:
                        attrs["months_max"] = summary[1]  # "(3+2)" restates the whole term: no double count
                elif _MAX_CUE.search(gap) and n_attrs["value"] > attrs["months_max"]:
                    attrs["months_max"] = n_attrs["value"]
                else:
                    break
                end = n_end
                j += 1
            if is_ext and j == i + 1 and not attrs.get("seq"):
                attrs["months_max"] = attrs["value"] * _multiplier(text, start, end)
        attrs.pop("summary", None)
        out.append((start, end, attrs))
        i = j
    for _, _, attrs in out:
        attrs.pop("seq", None)  # internal to the folding above
    return _fold_explanations(text, out)


def _stated_max(gap: str) -> bool:
    """'…, giving a maximum term of four years', '(maximum 5 years)': the whole term stated outright. Not
    'extendable by a maximum of 2 years', where the maximum is the extension's."""
    m = _MAX_BEFORE.search(gap)
    if m is None:
        return False
    if re.search(r"term|period|duration|length|contract", m.group(0), re.IGNORECASE):
        return True
    return not re.search(r"\b(?:extend\w*|extension|renew\w*|further|additional)\b[^,;(]*$", gap[:m.start()],
                         re.IGNORECASE)


def _fold_explanations(text: str, found: list) -> list:
    """'5 years (3 years plus an optional 2 years)': the bracket explains the total; one mention, initial 36."""
    out: list = []
    for start, end, attrs in found:
        if out:
            p_start, p_end, prev = out[-1]
            if _PAREN_GAP.fullmatch(text[p_end:start]) and abs(attrs["months_max"] - prev["value"]) < 0.01 \
                    and attrs["value"] < prev["value"] and prev["value"] == prev["months_max"]:
                prev["value"] = attrs["value"]
                out[-1] = (p_start, end + (1 if text[end:end + 1] == ")" else 0), prev)
                continue
        out.append((start, end, attrs))
    return out


def _atom(text: str, m: re.Match) -> tuple[int, int, dict] | None:
    unit = _unit(m.group("unit") or m.group("unit2"))
    per = MONTHS_PER[unit]
    summary = None
    if m.group("seq"):
        parts = [float(p) for p in re.split(r"\s*\+\s*", m.group("seq"))]
        value, months_max = parts[0] * per, sum(parts) * per
        seq = True
    else:
        n = 1 if m.group("num").lower() in ("a", "an") else parse_number(m.group("num"))  # "a further year"
        if n is None or n <= 0:
            return None
        value = months_max = n * per
        seq = False
        if m.group("pseq") and m.group("pseq").lstrip().startswith("+"):  # "3 years (+1 +1)": extensions only
            parts = [float(p) for p in re.split(r"\s*\+\s*", m.group("pseq").strip())[1:]]
            tail = m.group(0)[m.end("pseq") - m.start():].lower()
            seq_per = 12.0 if "y" in tail else 1.0 if "m" in tail else per
            months_max = value + sum(parts) * seq_per
        elif m.group("pseq"):  # "48 months (2+1+1 years)", "4 years (2+1+1)": the parts may be in years
            parts = [float(p) for p in re.split(r"\s*\+\s*", m.group("pseq"))]
            seq_per = 12.0 if "y" in m.group(0)[m.start("pseq") - m.start():].lower() \
                or abs(sum(parts) * 12 - value) < 0.01 or max(parts) <= 10 else per
            first, total = parts[0] * seq_per, sum(parts) * seq_per
            if abs(total - value) < 0.01 or abs(first - value) < 0.01:  # splits or extends this term
                value, months_max = first, max(total, value)
            else:  # "a further two years (3+2)": the bracket restates the whole term, not this period
                summary = (first, total)
    if finite(value) is None or finite(months_max) is None:  # hundreds of digits: no duration
        return None
    days = value * 365.25 / 12 if unit in ("day", "week") else None
    if unit == "day":
        days = round(days)
    if unit == "week":
        days = round(value * 52 / 12) * 7
    attrs = {"value": round(value, 2), "months_max": round(months_max, 2), "days": days, "unit": unit}
    if seq:
        attrs["seq"] = True
    if summary:
        attrs["summary"] = summary
    return m.start(), m.end(), attrs


def _unit(word: str) -> str:
    word = word.lower().split()[-1]
    if word.startswith(("y",)):
        return "year"
    if word.startswith(("mo", "mth")):
        return "month"
    if word.startswith("w"):
        return "week"
    return "day"


def _multiplier(text: str, start: int, end: int) -> float:
    """How many times an extension period repeats: "2 further periods of 12 months", "2 x 12 months",
    "two additional one-year periods", "12 months up to 2 times"."""
    before = text[max(0, start - 60):start]
    if m := _MULT_BEFORE.search(before):
        n = parse_number(m.group("n") or m.group("n2") or m.group("n3")) if not m.group("n4") else \
            {"twice": 2, "thrice": 3}[m.group("n4").lower()]
        if n and 1 <= n <= 10:
            return n
    after = text[end:end + 40]
    if _PLURAL_AFTER.match(after) and (m := _PLURAL_BEFORE.search(before)):
        n = parse_number(m.group("n"))
        if n and 1 <= n <= 10:
            return n
    if m := _MULT_AFTER.match(after):
        n = parse_number(m.group("n"))
        if n and 1 <= n <= 10:
            return n
    return 1.0
