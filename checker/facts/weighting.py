"""evaluation.price_pct, evaluation.quality_pct, evaluation.social_value_pct and evaluation.criteria.

All are shares of the TOTAL score. Social value nested inside quality is taken out of quality: "Quality 60% of
which Social Value 10%" -> quality 50, social value 10; "10% of the quality score" with quality at 40% ->
social value 4, quality 36. Social value that is pass/fail or not scored has no percentage.

Sources, best first: weighting tables (criterion | weighting columns, sub-criteria rows), then prose
("Price 40%, Quality 60%", "60/40 quality/price", "40 marks out of 100"). Readings that disagree are kept as
conflicting candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.facts.base import Facts
from checker.facts.context import Context, Sentence, fact

KINDS = (
    ("social_value", re.compile(r"social\s+value|community\s+benefits?|\btoms\b|social,\s+economic|"
                                r"social\s+and\s+environmental", re.IGNORECASE)),
    ("price", re.compile(r"\bprice\b|\bpricing\b|\bcosts?\b|\bcommercial\b|\bfinancial\s+(?:offer|proposal|"
                         r"submission|evaluation|envelope)|\bfees?\b|\bcost\s+proposal|\bprice\s+proposal", re.IGNORECASE)),
    ("quality", re.compile(r"\bquality\b|\btechnical\b|\bqualitative\b|\bnon-price\b|\bnon-financial\b", re.IGNORECASE)),
)
EVAL_CONTEXT = re.compile(r"weight|scor|\bmarks?\b|evaluat|award\s+criteri|\bcriteri|\bpoints\b|\bsplit\b|\bratio\b|"
                          r"allocated|assessed|account\s+for", re.IGNORECASE)
NOT_SCORED = re.compile(r"pass\s*/\s*fail|pass\s+or\s+fail|not\s+(?:be\s+)?(?:scored|weighted|evaluated)|unweighted|"
                        r"no\s+weighting|for\s+information\s+only", re.IGNORECASE)
WEIGHT_HEADER = re.compile(r"weight|%|marks|score|points|percentage|max|share", re.IGNORECASE)
_RATIO_KIND = r"(?:quality|price|cost|technical|commercial|social\s+value)"
_RATIO_NUMS = r"\d{1,3}\s*%?(?:\s*[/:]\s*\d{1,3}\s*%?){1,3}"
_RATIO_KINDS = _RATIO_KIND + r"(?:\s*(?:/|:|and|to)\s*" + _RATIO_KIND + r"){1,3}"
RATIO = re.compile(r"(?P<nums>" + _RATIO_NUMS + r")\s*(?:split\s+|ratio\s+)?(?:between\s+|of\s+|for\s+)?\(?\s*(?P<kinds>"
                   + _RATIO_KINDS + r")\s*\)?"
                   r"|(?P<kinds2>" + _RATIO_KINDS + r")\s+(?:\w+\s+){0,3}?\(?(?P<nums2>" + _RATIO_NUMS + r")\)?",
                   re.IGNORECASE)
WITHIN_QUALITY = re.compile(r"within\s+(?:the\s+)?quality|(?:of|in)\s+(?:the\s+)?quality\s+(?:score|section|marks|"
                            r"element|envelope|weighting)|%\s+of\s+quality|quality\s+sub-?criteri", re.IGNORECASE)
OF_QUALITY = re.compile(r"^\W{0,3}(?:of\s+(?:the\s+)?(?:total\s+|overall\s+|available\s+)?(?:quality|technical)|"
                        r"(?:within|of)\s+(?:the\s+)?(?:quality|technical)\s+(?:score|section|element|marks|"
                        r"weighting|envelope|criteria|assessment|evaluation))", re.IGNORECASE)
OF_WHICH = re.compile(r"(?:of\s+which|including|includes|within\s+(?:this|which)|comprising|made\s+up\s+of)\b[^.;]*$",
                      re.IGNORECASE)
PRICE_ONLY = re.compile(r"\baward\w*\s+(?:\w+\s+){0,8}?(?:the\s+)?lowest\s+(?:\w+\s+){0,2}?price|"
                        r"\baward\s+basis\b[^.]{0,20}\blowest\s+price|\blowest\s+price\s+(?:only|basis)|"
                        r"\bprice\s+only\b|\b100\s*%\s+(?:on\s+)?price\b|\bprice\s*[:(\-–]?\s*100\s*%", re.IGNORECASE)
TOTAL_BEFORE = re.compile(r"(?:out\s+of|total\s+of|maximum\s+of|max\.?|totals?|in\s+total)\s*[:(]?\s*$", re.IGNORECASE)
POLICY_STATEMENT = re.compile(r"\bPPN\b|procurement\s+policy\s+note|\bguidance\b|\bpolicy\b", re.IGNORECASE)
POLICY_MODAL = re.compile(r"\bshould\b|\brecommend\w*|\bexpects?\b|\brequires?\s+(?:that|a|in-scope)|\bmust\s+be\s+given\b"
                          r"|\bminimum\s+(?:weighting|of)\b|\bat\s+least\b", re.IGNORECASE)
INCLUDED_SV = re.compile(r"\(?\s*(?:incl\w*\.?|of\s+which|comprising)\s+(?P<pct>\d{1,2}(?:\.\d+)?)\s*%\s+(?:for\s+)?"
                         r"social\s+value\s*\)?", re.IGNORECASE)
OWN_PCT = re.compile(r"\(\s*\d{1,3}(?:\.\d+)?\s*%\s*\)|[:\-–]\s*\d{1,3}(?:\.\d+)?\s*%\s*$")
BARE_WEIGHT = re.compile(r"(?P<label>\b(?:price|cost|quality|technical|commercial|social\s+value))\s*[:\-–=]\s*"
                         r"(?P<n>\d{1,3})\b(?!\s*(?:%|days?|months?|years?|weeks?|/|\.\d|,\d))", re.IGNORECASE)
SUB_HEADER = re.compile(r"\bsub|question|element|aspect|component", re.IGNORECASE)
TOTAL_WORDS = re.compile(r"^\s*(?:grand\s+)?totals?\b", re.IGNORECASE)


@dataclass
class Reading:
    """One source's weighting scheme, normalised to shares of the total."""

    price: float | None = None
    quality: float | None = None
    social_value: float | None = None
    criteria: list[dict] = field(default_factory=list)
    where: dict = field(default_factory=dict)  # kind -> Sentence
    rank: int = 0  # 2 table, 1 prose
    stated: set = field(default_factory=set)  # kinds read directly (not derived as 100 - the rest)
    conflicts: list = field(default_factory=list)  # (kind, value, Sentence) other readings in the same source
    quality_gross: float | None = None  # quality as stated, before social value nested in it is taken out
    sv_raw: tuple | None = None  # prose: (value, relation, Sentence) of social value as written


def find(ctx: Context, facts: Facts) -> None:
    within = [i for i in range(len(ctx.document.tables)) if _within_quality(ctx, i)]
    readings = [r for r in (_table_reading(ctx, i) for i in range(len(ctx.document.tables)) if i not in within) if r]
    prose = _prose_reading(ctx)
    if prose:
        readings.append(prose)
    for i in within:
        _apply_quality_breakdown(ctx, i, readings)
    if prose and prose.sv_raw:
        _apply_prose_social_value(prose.sv_raw, [r for r in readings if r is not prose])
    if not readings and (price_only := _price_only(ctx)):
        readings.append(price_only)
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
            facts.add(fact(name, _num(value), "%", r.where.get(kind), source))
        for r in readings:
            for k, value, sent in r.conflicts:
                if k == kind and not any(abs(value - v) < 0.5 for v in seen):
                    seen.append(value)
                    facts.add(fact(name, _num(value), "%", sent, "weighting: prose, second reading"))
    for r in readings:
        if r.criteria:
            facts.add(fact("evaluation.criteria", r.criteria, "list", next(iter(r.where.values()), None),
                           "weighting: criteria"))
            break


# ------------------------------------------------------------------------------------------------ tables


def _kind(text: str) -> str | None:
    for kind, pattern in KINDS:
        if pattern.search(text):
            return kind
    return None


def _cell_pct(ctx: Context, table: int, row: int, col: int):
    """(value, basis, Sentence) of the first PERCENT in a cell, or None."""
    for s in ctx.cell(table, row, col):
        for e in s.ents("PERCENT"):
            return e._.value, e._.basis, s
        if re.fullmatch(r"\s*\d{1,3}(?:\.\d+)?\s*", s.text):
            return float(s.text), "marks", s
    return None


def _within_quality(ctx: Context, t: int) -> bool:
    """A table of quality sub-criteria weighted as shares of the quality section, not of the total."""
    table = ctx.document.tables[t]
    if WITHIN_QUALITY.search(" ".join(table.header)):
        return True
    first_cell = next((i for i, s in enumerate(ctx.sentences)
                       if s.block.kind == "table_cell" and s.block.location.table == t), None)
    if first_cell is None:
        return False
    i = first_cell
    return any(WITHIN_QUALITY.search(s.text) for s in ctx.sentences[max(0, i - 2):i] if s.block.kind != "table_cell")


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
        r.criteria = [c for c in r.criteria] + [{"name": "Social value", "pct": _num(share), "parent": "Quality"}]
        return


def _apply_quality_breakdown(ctx: Context, t: int, readings: list) -> None:
    """Social value weighted within quality becomes its share of the total: 10% of a 60% quality section
    is 6% of the total, and quality keeps the other 54%."""
    table = ctx.document.tables[t]
    width = len(table.rows[0]) if table.rows else 0
    for r in range(table.header_rows, len(table.rows)):
        if _kind(" ".join(table.rows[r])) != "social_value":
            continue
        columns = sorted(range(1, width), key=lambda c: (not WEIGHT_HEADER.search(table.header[c] or ""), c))
        cell = next((c for c in (_cell_pct(ctx, t, r, col) for col in columns) if c and c[1] in ("percent", "out_of")),
                    None)
        if cell is None:
            return
        for reading in readings:
            gross = reading.quality_gross
            if gross is None and reading.price is not None:
                gross = 100 - reading.price
            if gross is None or (reading.social_value is not None and "social_value" in reading.stated):
                continue
            reading.social_value = cell[0] * gross / 100
            reading.quality = gross - reading.social_value
            reading.where["social_value"] = cell[2]
            reading.stated |= {"social_value", "quality"}
            reading.criteria = [c for c in reading.criteria if c["name"] not in ("Quality", "Social value")] + [
                {"name": "Quality", "pct": _num(reading.quality), "parent": None},
                {"name": "Social value", "pct": _num(reading.social_value), "parent": "Quality"}]
        return


def _table_reading(ctx: Context, t: int) -> Reading | None:
    table = ctx.document.tables[t]
    if len(table.rows) < 2 or not table.rows[0]:
        return None
    width = len(table.rows[0])
    header = " ".join(table.header).lower()
    weight_cols = []
    for c in range(1, width):
        cells = [_cell_pct(ctx, t, r, c) for r in range(table.header_rows, len(table.rows))]
        found = [x for x in cells if x]
        if len(found) >= 2 and (WEIGHT_HEADER.search(table.header[c] if c < len(table.header) else "")
                                or any(b in ("percent", "out_of") for _, b, _ in found)):
            weight_cols.append(c)
    if not weight_cols:
        return None
    wc = _weight_column(table, weight_cols)
    rows = []  # (name, value, basis, parent name, sentence)
    parent = group = None
    sub_col = width > 2 and bool(SUB_HEADER.search(" ".join(table.header[1:wc])))
    for r in range(table.header_rows, len(table.rows)):
        row = table.rows[r]
        cell = _cell_pct(ctx, t, r, wc)
        first = row[0].strip()
        if re.fullmatch(r"[\dA-Za-z]{1,3}[.)]?|[ivx]{1,4}[.)]?", first) and len([x for x in row if x.strip()]) > 2:
            first = next((x.strip() for i, x in enumerate(row[1:], 1) if x.strip() and i not in weight_cols), first)
        label_cells = [x.strip() for i, x in enumerate(row) if i != wc and x.strip() and i not in weight_cols]
        name = first or (" ".join(label_cells) if label_cells else "")
        if TOTAL_WORDS.match(first) or (not first and not name):
            continue
        own = _cell_pct(ctx, t, r, 0)
        if first and cell and (inner := INCLUDED_SV.search(first)):
            # "Quality (incl. 10% social value) | 70%": social value is a share of the total inside quality
            name = _clean(INCLUDED_SV.sub("", first)) or "Quality"
            rows.append((name, cell[0], cell[1], None, cell[2]))
            rows.append(("Social value", float(inner.group("pct")), "percent", name, own[2] if own else cell[2]))
            group = None
            continue
        if first:
            parent_pct = own[0] if own and own[1] in ("percent", "out_of") and cell and OWN_PCT.search(first) \
                else None
            if parent_pct is not None:  # "Quality (60%)" in the first column, first sub-criterion in this row
                parent = {"name": _clean(first), "pct": parent_pct, "sent": own[2]}
                rows.append((_clean(first), parent_pct, "percent", None, own[2]))
                sub = " ".join(x for x in label_cells[1:])
                if cell:
                    rows.append((_clean(sub) or _clean(first), cell[0], cell[1], parent["name"], cell[2]))
                continue
            sub = next((x.strip() for i, x in enumerate(row[1:], 1) if x.strip() and i not in weight_cols), "")
            if cell and sub and sub_col:  # "Quality | Q1 Outreach | 15%": Quality groups Q1 and the rows below
                group = _clean(first)
                parent = {"name": group, "pct": None, "sent": cell[2]}
                rows.append((_clean(sub), cell[0], cell[1], group, cell[2]))
                continue
            if cell and group and not (_kind(first) == "price" and _kind(group) != "price"):
                rows.append((_clean(first), cell[0], cell[1], group, cell[2]))  # "1. Design Methodology | 3"
                continue
            group = None if cell else _clean(first)  # a heading row with no weight groups the rows below it
            parent = {"name": _clean(first), "pct": cell[0] if cell else None, "sent": cell[2] if cell else None}
            if cell:
                rows.append((_clean(name), cell[0], cell[1], None, cell[2]))
        elif cell and parent:
            rows.append((_clean(name), cell[0], cell[1], parent["name"], cell[2]))
    rows = _add_group_totals(rows)
    if len(rows) < 2:
        return None
    return _scheme(rows, header, rank=2)


def _add_group_totals(rows: list) -> list:
    """A group heading row without its own weight becomes a top row worth the sum of its rows."""
    tops = {r[0] for r in rows if r[3] is None}
    out, done = [], set()
    for r in rows:
        parent = r[3]
        if parent is not None and parent not in tops and parent not in done:
            kids = [k for k in rows if k[3] == parent]
            out.append((parent, sum(k[1] for k in kids), kids[0][2], None, kids[0][4]))
            done.add(parent)
        out.append(r)
    return out


def _weight_column(table, weight_cols: list[int]) -> int:
    """Of several weight columns, the share of the total ('Overall weighting'), not the one within a section."""
    if len(weight_cols) == 1:
        return weight_cols[0]
    headers = {c: (table.header[c] if c < len(table.header) else "").lower() for c in weight_cols}
    overall = [c for c in weight_cols if re.search(r"overall|total|final|of\s+total|actual", headers[c])]
    if overall:
        return overall[0]
    plain = [c for c in weight_cols if not re.search(r"within|sub|section|of\s+(?:the\s+)?quality", headers[c])]
    return plain[0] if plain else weight_cols[0]


def _clean(text: str) -> str:
    return re.sub(r"\s*\(\s*\d+(?:\.\d+)?\s*%?\s*\)\s*$", "", " ".join(text.split()))[:120]


def _scheme(rows: list, header: str, rank: int) -> Reading | None:
    """Normalise rows (name, value, basis, parent, sentence) to shares of the total."""
    tops = [r for r in rows if r[3] is None]
    children: dict[str, list] = {}
    for r in rows:
        if r[3] is not None:
            children.setdefault(r[3], []).append(r)
    # Flat list where some rows are really sub-criteria: a top row equal to the sum of the rows after it.
    if not children and abs(sum(r[1] for r in tops) - 100) > 1:
        tops, children = _infer_nesting(rows)
    total = sum(r[1] for r in tops)
    if total <= 0:
        return None
    scale = 100.0 / total if (abs(total - 100) > 1 and all(r[2] == "marks" for r in tops)) else 1.0
    if abs(total * scale - 100) > 1:
        return None  # not a complete scheme (e.g. a quality-only sub-table or a scoring scale)
    reading = Reading(rank=rank, stated={"price", "quality", "social_value"})
    price = quality_tops = sv = 0.0
    found_price = found_sv = False
    for name, value, _, _, sent in tops:
        share = value * scale
        kids = children.get(name, [])
        kid_sum = sum(k[1] for k in kids)
        kid_scale = share / kid_sum if kids and abs(kid_sum - 100) <= 1 and abs(share - 100) > 1 else 1.0
        reading.criteria.append({"name": name, "pct": _num(share), "parent": None})
        for k in kids:
            reading.criteria.append({"name": k[0], "pct": _num(k[1] * kid_scale * scale), "parent": name})
        kind = _kind(name)
        kid_sv = [k for k in kids if _kind(k[0]) == "social_value"]
        if kind == "price":
            price += share
            found_price = True
            reading.where.setdefault("price", sent)
        elif kind == "social_value":
            sv += share
            found_sv = True
            reading.where.setdefault("social_value", sent)
        else:
            quality_tops += share
            reading.where.setdefault("quality", sent)
        for k in kid_sv:
            sv += k[1] * kid_scale * scale
            found_sv = True
            reading.where.setdefault("social_value", k[4])
    if not found_price and not found_sv and not any(_kind(r[0]) == "quality" for r in tops):
        return None  # a table of numbers, not an evaluation scheme we can name
    nested_sv = sum(k[1] * (1.0) for kids in children.values() for k in kids if _kind(k[0]) == "social_value")
    reading.price = price if found_price else None
    reading.social_value = sv if found_sv else None
    reading.quality = quality_tops - (nested_sv * scale if nested_sv else 0) if "quality" in reading.where else None
    if reading.quality is not None and nested_sv:
        # children shares were rescaled when they sum to 100 within their parent
        reading.quality = 100 - (reading.price or 0) - (reading.social_value or 0)
    return reading


def _infer_nesting(rows: list):
    """Rows whose values after a row add up to it are that row's children."""
    tops, children, i = [], {}, 0
    while i < len(rows):
        name, value = rows[i][0], rows[i][1]
        acc, j = 0.0, i + 1
        while j < len(rows) and acc + rows[j][1] <= value + 0.01:
            acc += rows[j][1]
            j += 1
        if j > i + 2 and abs(acc - value) < 0.01:
            tops.append(rows[i])
            children[name] = [(r[0], r[1], r[2], name, r[4]) for r in rows[i + 1:j]]
            i = j
        else:
            tops.append(rows[i])
            i += 1
    return tops, children


# ------------------------------------------------------------------------------------------------ prose


def _price_only(ctx: Context) -> Reading | None:
    """Award on lowest price alone ("awarded to the lowest priced tender", "Award basis: Lowest price")."""
    for sent in ctx.find(PRICE_ONLY):
        m = PRICE_ONLY.search(sent.text)
        if m is None or re.search(r"\b(?:not|no|never|n[’']t|nor)\b", sent.text[max(0, m.start() - 40):m.end()],
                                  re.IGNORECASE):
            continue  # "VIA may not necessarily award to the lowest price"
        if not re.search(r"\b(?:quality|social\s+value|technical|weight\w*\s+(?:of|at)\s+\d)", sent.context):
            return Reading(price=100.0, criteria=[{"name": "Price", "pct": 100, "parent": None}],
                           where={"price": sent}, rank=0, stated={"price"})
    return None


def _prose_reading(ctx: Context) -> Reading | None:
    found: dict[str, tuple[float, str, Sentence]] = {}  # kind -> (value, relation, sentence)
    others: list[tuple[str, float, str, Sentence]] = []  # later readings of a kind already found
    for sent in ctx.sentences:
        if sent.block.kind == "table_cell":
            continue
        in_context = EVAL_CONTEXT.search(sent.context) or EVAL_CONTEXT.search(sent.section)
        if in_context and (ratio := _ratio(sent.text)):
            for kind, value in ratio:
                found.setdefault(kind, (value, "total", sent))
            continue
        if not sent.ents("PERCENT"):
            if in_context and (bare := _bare_weights(sent.text)):
                for kind, value in bare:
                    found.setdefault(kind, (value, "total", sent))
            continue
        if POLICY_STATEMENT.search(sent.text) and POLICY_MODAL.search(sent.text):
            continue  # "Under PPN 06/20, social value should be given a minimum weighting of 10%"
        weights = _sentence_weights(sent)
        if not in_context and len({k for k, _, _ in weights}) < 2:
            continue  # "Price 40%, Quality 60%" needs no cue; a lone "10% social value" does
        for kind, value, relation in weights:
            if kind in found:
                others.append((kind, value, relation, sent))
            else:
                found[kind] = (value, relation, sent)
    if not found or set(found) == {"quality"}:
        return None
    reading = Reading(rank=1)
    price = found.get("price", (None,))[0]
    quality = found.get("quality", (None,))[0]
    sv, sv_rel = (found["social_value"][0], found["social_value"][1]) if "social_value" in found else (None, None)
    if quality is None and price is not None and (sv is None or sv_rel != "total"):
        quality = 100 - price
    reading.quality_gross = quality
    if sv is not None:
        if sv_rel == "of_quality":
            if quality is None:
                sv = None
            else:
                sv = sv * quality / 100
                quality -= sv
        elif quality is not None and (sv_rel == "of_which"
                                      or (price is not None and price + quality + sv > 100.5
                                          and abs(price + quality - 100) < 0.5)):
            quality -= sv
    reading.price, reading.quality, reading.social_value = price, quality, sv
    reading.sv_raw = found.get("social_value")
    reading.where = {k: v[2] for k, v in found.items()}
    reading.stated = {k for k, v in found.items() if v[1] == "total"}
    if "quality" not in reading.where and quality is not None:
        reading.where["quality"] = reading.where.get("price")
    reading.criteria = [{"name": k.replace("_", " ").capitalize(), "pct": _num(v), "parent": None}
                        for k, v in (("price", price), ("quality", quality), ("social_value", sv)) if v is not None]
    # A second, different social value weighting stated as a share of the total is a conflict to keep.
    for kind, value, relation, sent in others:
        if kind == "social_value" and relation == "total" and sv is not None and abs(value - sv) >= 0.5:
            reading.conflicts.append((kind, value, sent))
    return reading


def _bare_weights(text: str) -> list[tuple[str, float]] | None:
    """'Price: 50, Quality: 40, Social Value: 10' (no % sign): named numbers that add up to 100."""
    pairs = [(_kind(m.group("label")), float(m.group("n"))) for m in BARE_WEIGHT.finditer(text)]
    pairs = [(k, n) for k, n in pairs if k]
    if len(pairs) >= 2 and len({k for k, _ in pairs}) == len(pairs) and abs(sum(n for _, n in pairs) - 100) < 1:
        return pairs
    return None


def _ratio(text: str) -> list[tuple[str, float]] | None:
    """'60/40 quality/price', 'price:quality 40:60', '60:30:10 (quality:price:social value)' -> [(kind, pct)]."""
    m = RATIO.search(text)
    if not m:
        return None
    nums = [float(n.strip(" %")) for n in re.split(r"[/:]", m.group("nums") or m.group("nums2"))]
    kinds = [_kind(k) for k in re.split(r"\s*(?:/|:|\band\b|\bto\b)\s*", m.group("kinds") or m.group("kinds2"))]
    if len(nums) != len(kinds) or None in kinds or len(set(kinds)) != len(kinds) or abs(sum(nums) - 100) > 1:
        return None
    return list(zip(kinds, nums))


def _sentence_weights(sent: Sentence) -> list[tuple[str, float, str]]:
    """(kind, percent, relation) for each PERCENT in the sentence that names a criterion.

    relation: total (a share of the total score), of_quality ("10% of the quality score") or of_which
    ("Quality 60% of which social value 10%")."""
    text, base = sent.block.text, sent.span.start_char
    ents = [e for e in sent.ents("PERCENT") if (e._.basis != "marks" or _marks_total(sent) == 100)
            and not TOTAL_BEFORE.search(text[max(base, e.start_char - 25):e.start_char])]
    if not ents:
        return []
    out = []
    prev_end = base
    bounds = [(e.start_char, e.end_char) for e in ents]
    # "Price 40%, quality 60%" names before the number; "40% quality and 60% price" after it.
    label_first = _last_kind(text[base:ents[0].start_char]) is not None
    for n, e in enumerate(ents):
        before = text[prev_end:e.start_char]
        nxt = bounds[n + 1][0] if n + 1 < len(bounds) else sent.span.end_char
        after = text[e.end_char:nxt]
        after_short = re.split(r"[,;.]|\band\b", after, maxsplit=1)[0]
        if OF_QUALITY.search(after) and KINDS[0][1].search(before):
            kind = "social_value"  # "social value ... is worth 10% of the quality score"
        elif label_first:
            kind = _last_kind(before) or _kind(after_short[:60])
        else:
            kind = _kind(after_short[:60]) or _last_kind(before)
        prev_end = e.end_char
        if kind is None:
            continue
        if kind == "social_value" and NOT_SCORED.search(sent.text):
            continue
        relation = "total"
        if OF_QUALITY.search(after):
            relation = "of_quality" if kind == "social_value" else "total"
        elif kind == "social_value" and OF_WHICH.search(text[base:e.start_char]) and n > 0:
            relation = "of_which"
        out.append((kind, e._.value, relation))
    return out


def _last_kind(text: str) -> str | None:
    """The criterion named closest to the end of text (so 'price 40%' binds to price, not an earlier word)."""
    best, pos = None, -1
    for kind, pattern in KINDS:
        for m in pattern.finditer(text):
            if m.start() > pos and not (kind == "quality" and best == "social_value" and m.start() < pos + 40):
                best, pos = kind, m.start()
    if best and len(text) - pos > 80:
        return None
    return best


def _marks_total(sent: Sentence) -> float:
    m = re.search(r"(?:out\s+of|total\s+of|maximum\s+of)\s+(\d+)\s*(?:marks|points)", sent.text, re.IGNORECASE)
    if m:
        return float(m.group(1))
    text = sent.block.text
    return sum(e._.value for e in sent.ents("PERCENT") if e._.basis == "marks"
               and not TOTAL_BEFORE.search(text[max(0, e.start_char - 25):e.start_char]))


def _num(x: float):
    x = round(x, 2)
    return int(x) if float(x).is_integer() else x
