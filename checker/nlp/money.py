"""MONEY mentions in British forms, normalised to a float in their currency with period and VAT flags.

£1.2m, £1,200,000, £240k per annum, "one million two hundred thousand pounds", "£2.5 million (excluding VAT)",
"GBP 500,000". Dollars and euros are kept with their own currency so no finder mistakes them for pounds.
"""

from __future__ import annotations

import re

from checker.nlp.numbers import WORD_RUN, finite, words_to_number

CURRENCIES = {"£": "GBP", "gbp": "GBP", "ukp": "GBP", "pounds": "GBP", "pound": "GBP", "sterling": "GBP",
              "$": "USD", "us$": "USD", "usd": "USD", "c$": "CAD", "cad": "CAD", "€": "EUR", "eur": "EUR",
              "euros": "EUR", "euro": "EUR", "dollars": "USD"}
MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mil": 1e6, "million": 1e6, "bn": 1e9,
               "billion": 1e9}
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_MULT = r"(?:\s?(?P<mult>million|mil|mn|m|bn|billion|k|thousand)\b)?"
_PATTERN = re.compile(
    r"(?P<cur>£|\bGBP|\bUKP|US\$|C\$|\$|\bUSD|\bCAD|€|\bEUR)\s?" + _NUM + _MULT
    + r"|\b" + _NUM.replace("num", "num2") + _MULT.replace("mult", "mult2")
    + r"\s?(?P<cur2>GBP|pounds(?:\s+sterling)?|sterling|euros?|USD|EUR|dollars)\b"
    + r"|\b(?P<words>" + WORD_RUN + r")\s+(?P<cur3>pounds(?:\s+sterling)?|GBP)\b",
    re.IGNORECASE,
)
_EX_VAT = re.compile(r"\b(?:excluding|exclusive\s+of|excl?\.?|ex\.?|net\s+of|not\s+including|plus|before)\s*"
                     r"(?:of\s+)?VAT\b|\+\s*VAT\b|\bVAT\s+(?:exclusive|excluded)", re.IGNORECASE)
_INC_VAT = re.compile(r"\b(?:including|inclusive\s+of|incl?\.?|with|gross\s+of)\s*VAT\b|\bVAT\s+inclusive",
                      re.IGNORECASE)
_FRACTION_BEFORE = re.compile(r"\b(?:half\s+an?|a\s+quarter\s+of\s+an?)\s+$", re.IGNORECASE)
_PERIOD_AFTER = re.compile(
    # "£60,000 including VAT per academic year": a VAT note may stand between the amount and its period
    r"^\s*(?:\(?\s*(?:(?:excluding|including|exclusive\s+of|inclusive\s+of|incl?\.?|excl?\.?|ex|plus|\+)\s*VAT"
    r"\s*\)?\s*,?\s*))?"
    r"(?:\(\s*)?(?:(?P<year>per\s+annum|p\.\s?a\.?|pa\b|(?:per|a|each|every)\s+(?:calendar\s+|financial\s+|"
    r"contract\s+|academic\s+|school\s+|service\s+)?year"
    r"|annually)|(?P<month>per\s+(?:calendar\s+)?month|a\s+month"
    r"|monthly|pcm\b)|(?P<week>per\s+week|a\s+week|weekly)|(?P<day>per\s+day|a\s+day|daily)"
    r"|(?P<hour>per\s+hour|an\s+hour|hourly|/\s?h(?:ou)?r)|(?P<unit>per\s+(?:unit|item|visit|person|head|place"
    r"|participant|session|mile|tonne|license|licence|user|bed|room)))",
    re.IGNORECASE,
)
_ANNUAL_BEFORE = re.compile(r"\b(?:annual|yearly)\s+(?:\w+\s+){0,3}?(?:value|budget|cost|spend|price|amount|sum|"
                            r"fee|charge|funding|turnover)\b[^£$€\d.;]{0,30}$", re.IGNORECASE)
_WHOLE_LIFE_BEFORE = re.compile(r"\b(?:total|whole[\s-]life|lifetime|aggregate|overall|maximum)\b[^£$€\d.;]{0,40}$",
                                re.IGNORECASE)
_WHOLE_LIFE_AFTER = re.compile(r"^[^.;]{0,25}?\b(?:in\s+total|over\s+(?:the\s+)?(?:\w+[\s-]+){0,2}(?:years?|term|life|"
                               r"duration|period)|for\s+the\s+(?:whole|full|entire)|whole[\s-]life)", re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|and)\s*", re.IGNORECASE)
# A full stop after "inc", "excl", "approx" ("£560,000 (inc. VAT)") does not end the sentence.
_SENTENCE_END = re.compile(r"(?<!\binc)(?<!\bincl)(?<!\bexc)(?<!\bexcl)(?<!\bex)(?<!\bapprox)(?<!\bp\.a)"
                           r"[.;!?](?:\s|$)", re.IGNORECASE)


def find(text: str) -> list[tuple[int, int, dict]]:
    """Every money mention as (start, end, attrs) with value, currency, period, per_annum, whole_life and vat."""
    out = []
    for m in _PATTERN.finditer(text):
        start = m.start()
        if m.group("words"):
            value = words_to_number(m.group("words"))
            cur = m.group("cur3")
            if value is None or value < 1:
                continue
            if fraction := _FRACTION_BEFORE.search(text[max(0, start - 30):start]):  # "half a million pounds"
                value *= 0.5 if "half" in fraction.group(0).lower() else 0.25
                start -= len(fraction.group(0))
        else:
            num = m.group("num") or m.group("num2")
            cur = m.group("cur") or m.group("cur2")
            mult = (m.group("mult") or m.group("mult2") or "").lower()
            value = finite(float(num.replace(",", "")) * MULTIPLIERS.get(mult, 1.0))
            if value is None:  # hundreds of digits: no amount
                continue
        currency = CURRENCIES.get(cur.lower().split()[0], "GBP" if "pound" in cur.lower() else None)
        out.append((start, m.end(), _qualify(text, start, m.end(), value, currency)))
    _merge_restatements(text, out)
    _share_across_ranges(text, out)
    return out


def _merge_restatements(text: str, found: list) -> None:
    """'nineteen thousand five hundred pounds (£19,500) a year': an amount and the same amount restated in
    brackets are one mention, qualified by the words after the bracket ('a year', 'excluding VAT') as well as
    by those inside it."""
    i = 0
    while i + 1 < len(found):
        (start_a, end_a, a), (start_b, end_b, b) = found[i], found[i + 1]
        close = re.match(r"\s*(?:,?\s*(?:inc|incl|including|inclusive\s+of|exc|excl|excluding|exclusive\s+of|ex|"
                         r"plus)\.?\s+VAT\s*)?\)", text[end_b:end_b + 30], re.IGNORECASE)
        if re.fullmatch(r"\s*\(\s*", text[end_a:start_b]) and close and b["value"] \
                and abs(a["value"] - b["value"]) <= 0.01 * b["value"]:
            end = end_b + close.end()
            merged = _qualify(text, start_a, end, b["value"], a["currency"] or b["currency"])
            for key in ("period", "vat"):
                merged[key] = merged[key] or b[key] or a[key]
            merged["per_annum"] = merged["period"] == "year"
            merged["whole_life"] = merged["period"] is None and (merged["whole_life"] or a["whole_life"])
            found[i:i + 2] = [(start_a, end, merged)]
        i += 1


def _share_across_ranges(text: str, found: list) -> None:
    """'£75k - £90k per annum', 'between £800,000 and £1m (ex VAT)': one mention whose value is the top of the
    range (a cap or a total wants the top), range_from the bottom; both ends share period and VAT."""
    i = 0
    while i + 1 < len(found):
        (start_a, end_a, a), (start_b, end_b, b) = found[i], found[i + 1]
        gap = text[end_a:start_b]
        joined = _RANGE_GAP.fullmatch(gap) and (
            not re.search(r"\band\b", gap, re.IGNORECASE)
            or re.search(r"\bbetween\s+$", text[max(0, start_a - 12):start_a], re.IGNORECASE))
        if joined and a["currency"] == b["currency"] and a["value"] < b["value"]:
            for key in ("period", "vat"):
                b[key] = b[key] or a[key]
            b["per_annum"] = b["period"] == "year"
            b["range_from"] = a["value"]
            found[i:i + 2] = [(start_a, end_b, b)]
        i += 1


def _qualify(text: str, start: int, end: int, value: float, currency: str | None) -> dict:
    """Period and VAT from the words around the amount (to the end of its sentence, ~80 characters)."""
    after = text[end:end + 80]
    stop = _SENTENCE_END.search(after)
    after_sentence = after[:stop.start()] if stop else after
    period = None
    if pm := _PERIOD_AFTER.match(after):
        period = next(k for k, v in pm.groupdict().items() if v)
    elif _ANNUAL_BEFORE.search(text[max(0, start - 60):start]):
        period = "year"
    before = text[max(0, start - 40):start]
    vat = None
    # VAT words right after the amount win; then the rest of its sentence; then just before it.
    near = after_sentence[:30]
    for scope in (near, after_sentence, before[-25:]):
        ex, inc = _EX_VAT.search(scope), _INC_VAT.search(scope)
        if ex or inc:
            if ex and inc:
                vat = "ex" if ex.start() < inc.start() else "inc"
            else:
                vat = "ex" if ex else "inc"
            break
    whole_life = period is None and bool(_WHOLE_LIFE_BEFORE.search(before) or _WHOLE_LIFE_AFTER.match(after_sentence))
    return {"value": value, "currency": currency, "period": period, "per_annum": period == "year", "vat": vat,
            "whole_life": whole_life, "range_from": None}
