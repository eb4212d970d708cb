"""contract.value_total_gbp (whole life over the maximum term, excluding VAT) and contract.value_annual_gbp.

"£240k per annum for 5 years" -> total 1,200,000. An annual figure is carried over the maximum term
(extensions included). A figure given only including VAT is divided by 1.2, and the source says so.
Amounts in other currencies, rates (per hour, per unit) and amounts about insurance, turnover, thresholds
or a single lot are not the contract's value.
"""

from __future__ import annotations

import math
import re

from checker.facts.base import Facts
from checker.facts.context import Context, add_best, fact, gbp
from checker.facts.lots import ANNUAL_HEADER, annual_over_term, heads_unit, lot_unit
from checker.facts.money_roles import role as money_role

VAT_RATE = 1.2
MIN_VALUE = 1000
STRONG = re.compile(r"\b(?:estimated|total|whole[\s-]life|lifetime|maximum|indicative|approximate|anticipated|"
                    r"aggregate|overall)\s+(?:\w+\s+){0,3}(?:value|budget|spend|cost)\b"
                    r"|\b(?:contract|framework|agreement|annual|concession)\s+(?:\w+\s+)?(?:value|budget)\b"
                    r"|\bvalue\s+of\s+(?:the|this)\s+(?:contract|framework|agreement|concession|opportunity|procurement|"
                    r"requirement|services?)\b|\bbudget\b|\bvalued\s+at\b|\bworth\b"
                    # "The Authority's estimate is £310,000 a year": the buyer's own estimate of the contract
                    r"|\b(?:authority|council|trust|buyer|department|board|our|the\s+\w+)['’]?s?\s+estimate\s+(?:is|of)\b",
                    re.IGNORECASE)
WEAK = re.compile(r"\b(?:value|contract|funding|spend|price|cost)\b|\b(?:will|shall|to)\s+(?:\w+\s+)?pay\b",
                  re.IGNORECASE)
NOT_VALUE = re.compile(r"\b(?:insurance|insured|indemnity|liability|turnover|threshold|penalty|penalties|fine|"
                       r"deposit|bond|salary|salaries|wage|claims?|cap|capped|limit|excess|damages|credit|fee|"
                       r"premium|net\s+worth|balance\s+sheet|previous|previously|comparable|similar|last\s+year|"
                       r"incumbent|historic\w*|expires?|expiring|spent|spend\s+in|standing\s+orders?|"
                       r"financial\s+regulations|contract\s+procedure\s+rules)\b", re.IGNORECASE)
THRESHOLD_BEFORE = re.compile(r"\b(?:below|under|above|over|exceeds?|exceeding|less\s+than|more\s+than|greater\s+"
                              r"than|up\s+to)\s*$", re.IGNORECASE)
CONDITION = re.compile(r"\b(?:where|if|when|whenever|for\s+(?:all\s+|any\s+)?(?:contracts|procurements|purchases))\b"
                       r"|\b(?:contracts|purchases|procurements|orders)\s+(?:(?:valued|worth|with\s+(?:a|an)\s+(?:\w+\s+)?"
                       r"value)\s+(?:at\s+)?)?(?:of\s+)?\w+(?:\s+than)?\s*$", re.IGNORECASE)  # "contracts valued over £30k"
LOT_HEADER = re.compile(r"^\s*lots?\b", re.IGNORECASE)
LOT_MENTION = re.compile(r"\blot\s+(?:\d{1,2}|[a-z])\b|\b(?:each|per|this|the)\s+lot\b", re.IGNORECASE)


def find(ctx: Context, facts: Facts) -> None:
    max_months = facts.value("contract.duration_months_max")
    totals, annuals = [], []
    unit = lot_unit(ctx)  # "each zone is a separate lot": a table headed "Zone" is a table of lots
    lot_tables = {i for i, t in enumerate(ctx.document.tables)
                  if t.header and (LOT_HEADER.match(t.header[0] or "") or heads_unit(t, unit))}
    lot_mention = _lot_mention(ctx)
    for sent in ctx.sentences:
        if lot_mention.search(sent.section):
            continue
        if sent.block.kind == "table_cell" and sent.block.location.table in lot_tables:
            continue
        amounts = [e for e in sent.ents("MONEY") if gbp(e) and e._.value >= MIN_VALUE
                   and e._.period in (None, "year", "month")]
        months_here = [d._.months_max for d in sent.ents("DURATION") if d._.unit in ("year", "month")]
        for ent in amounts:
            near = _near(sent, ent)
            if NOT_VALUE.search(near) or lot_mention.search(near) or _threshold(sent, ent) \
                    or money_role(sent, ent) != "contract":
                continue
            score = 2 if STRONG.search(near) else 1 if WEAK.search(near) else 0
            if not score:
                continue
            value, note = ent._.value, ""
            if ent._.vat == "inc":
                value, note = value / VAT_RATE, "; given including VAT, divided by 1.2"
            elif ent._.vat == "ex":
                note = "; stated excluding VAT"  # checker.facts.vat grosses it up for the thresholds
            period = ent._.period or ("year" if ANNUAL_HEADER.search(sent.row_label) else None)
            if period in ("year", "month"):
                annual = value * (12 if period == "month" else 1)
                annuals.append((score, fact("contract.value_annual_gbp", round(annual, 2), "GBP", sent,
                                            "value: annual figure" + note)))
                months = max(months_here) if months_here else max_months
                if months:
                    totals.append((score - 0.5, fact("contract.value_total_gbp", round(annual * months / 12, 2),
                                                     "GBP", sent, f"value: annual x {months:g} months" + note)))
            else:
                score += 0.25 if ent._.whole_life else 0  # "total value", "over the term" beat a bare amount
                totals.append((score, fact("contract.value_total_gbp", round(value, 2), "GBP", sent,
                                           "value: whole-life figure" + note)))
    totals.extend(_notice_form_values(ctx))
    _prefer_ex_vat(totals)
    _prefer_ex_vat(annuals)
    _keep_range_tops(totals)
    _keep_range_tops(annuals)
    add_best(facts, totals)
    add_best(facts, annuals)
    annual_over_term(facts)


# Notice forms give the amount as a bare number in a value field and the currency in a field of its own:
# "II.1.7) Total value of the procurement (excluding VAT) Value: 3,000,000" ... "Currency: GBP".
NOTICE_VALUE = re.compile(r"\btotal\s+value\s+of\s+the\s+(?:procurement|contract(?:\s*/\s*lot)?|framework)\b"
                          r"(?P<exvat>\s*\(excl(?:uding|\.)?\s+VAT\))?[^.;£$€\d]{0,20}?:\s*"
                          r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d{4,}(?:\.\d{1,2})?)\b(?!\s*%)", re.IGNORECASE)
NOTICE_CURRENCY = re.compile(r"\bcurrency\s*:\s*(?P<cur>[A-Z]{3})\b", re.IGNORECASE)
CURRENCY_LOOKAHEAD = 3  # blocks after the value field in which its currency field may stand


def _notice_form_values(ctx: Context) -> list:
    """Whole-life values from notice-form fields, when the form's own currency field says GBP."""
    found = []
    blocks = ctx.document.blocks
    for sent in ctx.sentences:
        m = NOTICE_VALUE.search(sent.text)
        if m is None:
            continue
        window = " ".join(b.text for b in blocks[sent.block_index:sent.block_index + CURRENCY_LOOKAHEAD + 1])
        currency = NOTICE_CURRENCY.search(window)
        if currency is None or currency.group("cur").upper() != "GBP":
            continue
        value = float(m.group("num").replace(",", ""))
        if MIN_VALUE <= value < math.inf:  # hundreds of digits make inf, which is no value
            ex = "; stated excluding VAT" if m.group("exvat") else ""
            found.append((2.25, fact("contract.value_total_gbp", round(value, 2), "GBP", sent,
                                     "value: notice form total (currency field GBP)" + ex)))
    return found


def _lot_mention(ctx: Context) -> re.Pattern:
    """Words that make an amount one lot's: 'Lot 2', 'each lot', or the document's own word for its lots
    ('Each zone is a separate lot': 'Zone B')."""
    if unit := lot_unit(ctx):
        word = re.escape(unit[0])
        return re.compile(LOT_MENTION.pattern + rf"|\b{word}s?\s+(?:\d{{1,2}}|[a-z])\b|\beach\s+{word}\b",
                          re.IGNORECASE)
    return LOT_MENTION


def _threshold(sent, ent) -> bool:
    """'Where the estimated value of a contract is below £25,000, three quotes are needed': a rule's threshold
    in a condition, not this contract's value."""
    before = sent.block.text[max(sent.span.start_char, ent.start_char - 120):ent.start_char]
    return bool(THRESHOLD_BEFORE.search(before) and CONDITION.search(before))


COPULA_BEFORE = re.compile(r",\s+(?:is|are|will\s+be|would\s+be)\s+(?:(?:approximately|about|around|roughly|"
                           r"up\s+to|estimated\s+at|expected\s+to\s+be)\s+)?$", re.IGNORECASE)


def _near(sent, ent) -> str:
    """The words around one amount (and a table cell's row label): what the amount is about. They start after
    any earlier amount in the sentence: in 'each lot has £20,000, and the total budget is £60,000 per annum'
    the lot words belong to the first amount."""
    text = sent.block.text
    start = max(sent.span.start_char, ent.start_char - 100)
    if COPULA_BEFORE.search(text[start:ent.start_char]) and not any(
            sent.span.start_char <= o.end_char <= ent.start_char for o in sent.ents("MONEY")):
        # "The estimated value of the concession, being the operator's income over fifteen years, is £63 million":
        # the amount completes the sentence's subject, however long the aside between them
        start = sent.span.start_char
    for other in sent.ents("MONEY"):
        if start <= other.end_char <= ent.start_char:
            start = other.end_char
    end = min(sent.span.end_char, ent.end_char + 40)
    return (sent.row_label + " " + text[start:end]).lower()


def _prefer_ex_vat(candidates: list) -> None:
    """When the document gives a figure excluding VAT, drop figures derived from VAT-inclusive ones."""
    if any("including VAT" not in f.source for _, f in candidates):
        candidates[:] = [(s, f) for s, f in candidates if "including VAT" not in f.source]


def _keep_range_tops(candidates: list) -> None:
    """'£400,000 to £500,000' in one sentence: keep the top of the range, not a conflict."""
    best: dict[tuple, float] = {}
    for score, f in candidates:
        key = (f.evidence, score)
        best[key] = max(best.get(key, 0), f.value)
    candidates[:] = [(s, f) for s, f in candidates if f.value == best[(f.evidence, s)]]
