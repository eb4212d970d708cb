"""evaluation.price_pct, evaluation.quality_pct, evaluation.social_value_pct and evaluation.criteria.

All are shares of the TOTAL score. Social value nested inside quality is taken out of quality: "Quality 60% of
which Social Value 10%" -> quality 50, social value 10; "10% of the quality score" with quality at 40% ->
social value 4, quality 36. Social value that is pass/fail or not scored has no percentage.

Sources, best first: weighting tables (criterion | weighting columns, sub-criteria rows), then prose
("Price 40%, Quality 60%", "60/40 quality/price", "40 marks out of 100"). Readings that disagree are kept as
conflicting candidates.

Readings: weighting/tables.py (best), weighting/prose.py; weighting/model.py holds what they share.
"""

from __future__ import annotations

from checker.facts.base import Facts
from checker.facts.context import Context, fact
from checker.facts.weighting.model import Reading, num
from checker.facts.weighting.prose import lot_readings, price_only, prose_reading, quality_list_breakdown
from checker.facts.weighting.tables import apply_quality_breakdown, table_reading, within_quality
from checker.facts.weighting.tree import line_table_readings, read_tables


def find(ctx: Context, facts: Facts) -> None:
    within = [i for i in range(len(ctx.document.tables)) if within_quality(ctx, i)]
    # tables read as criteria trees checked by arithmetic first; the column-and-header reader for the rest
    readings, read = read_tables(ctx, skip=set(within))
    readings += [r for r in (table_reading(ctx, i) for i in range(len(ctx.document.tables))
                             if i not in within and i not in read) if r]
    readings += line_table_readings(ctx)  # tables that came out of the extractor as lines of text
    prose = prose_reading(ctx)
    if prose:
        readings.append(prose)
    for i in within:
        apply_quality_breakdown(ctx, i, readings)
    if prose and prose.sv_raw:
        _apply_prose_social_value(prose.sv_raw, [r for r in readings if r is not prose])
    if not readings and (lowest := price_only(ctx)):
        readings.append(lowest)
    for r in readings:
        quality_list_breakdown(ctx, r)
    readings = [r for r in readings if _plausible(r)]
    readings.sort(key=lambda r: -r.rank)
    for kind, name in (("price", "evaluation.price_pct"), ("quality", "evaluation.quality_pct"),
                       ("social_value", "evaluation.social_value_pct")):
        seen = []
        for r in readings:
            value = getattr(r, kind)
            if value is None or any(abs(value - v) < 0.5 for v in seen) or (seen and kind not in r.stated):
                continue
            seen.append(value)
            source = "weighting: table" if r.rank == 2 else "weighting: prose"
            facts.add(fact(name, num(value), "%", r.where.get(kind), source))
        for r in readings:
            for k, value, sent in r.conflicts:
                if k == kind and not any(abs(value - v) < 0.5 for v in seen):
                    seen.append(value)
                    facts.add(fact(name, num(value), "%", sent, "weighting: prose, second reading"))
    _per_lot(ctx, facts)
    for r in readings:
        if r.criteria:
            facts.add(fact("evaluation.criteria", r.criteria, "list", next(iter(r.where.values()), None),
                           "weighting: criteria"))
            break


def _per_lot(ctx: Context, facts: Facts) -> None:
    """Lots weighted differently: evaluation.by_lot lists each scope, and each lot's shares are candidates of the
    document-wide facts, so a rule judging the weighting sees every lot's (a conflict, not one lot's figure)."""
    scopes = lot_readings(ctx)
    if not scopes:
        return
    facts.add(fact("evaluation.by_lot", [{k: (num(v) if isinstance(v, float) else v) for k, v in s.items()
                                          if k != "sentence"} for s in scopes], "list", scopes[0]["sentence"],
                   "weighting: per lot"))
    for kind in ("price", "quality", "social_value"):
        name = f"evaluation.{kind}_pct"
        seen = [f.value for f in facts.all(name)]
        for scope in scopes:
            value = scope[kind]
            if value is not None and not any(abs(value - v) < 0.5 for v in seen):
                seen.append(value)
                facts.add(fact(name, num(value), "%", scope["sentence"], f"weighting: {scope['lots']}"))


def _plausible(r: Reading) -> bool:
    """Shares of a total: each within 0-100 and together no more than 100."""
    values = [v for v in (r.price, r.quality, r.social_value) if v is not None]
    return all(0 <= v <= 100 for v in values) and sum(values) <= 100.5


def _apply_prose_social_value(sv_raw: tuple, readings: list) -> None:
    """A table of price and quality with social value stated only in prose ("10% of the quality weighting",
    "social value 10%" inside a 60/40 split): social value is carved out of the table's quality."""
    value, relation, sent = sv_raw
    for r in readings:
        if r.social_value is not None or r.quality is None or r.price is None or abs(r.price + r.quality - 100) > 1:
            continue
        share = value * r.quality / 100 if relation == "of_quality" else value
        r.social_value, r.quality = share, r.quality - share
        r.where["social_value"] = sent
        r.criteria = [c for c in r.criteria] + [{"name": "Social value", "pct": num(share), "parent": "Quality"}]
        return
