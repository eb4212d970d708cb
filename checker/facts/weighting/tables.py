"""Weighting tables: criterion and weight columns, sub-criteria rows, parent weights, groups, and tables of
weights within the quality section."""

from __future__ import annotations

import re

from checker.facts.context import Context
from checker.facts.weighting.model import Reading, kind_of, num

WEIGHT_HEADER = re.compile(r"weight|%|marks|score|points|percentage|max|share", re.IGNORECASE)
WITHIN_QUALITY = re.compile(r"within\s+(?:the\s+)?quality|(?:of|in)\s+(?:the\s+)?quality\s+(?:score|section|marks|"
                            r"element|envelope|weighting)|%\s+of\s+quality|quality\s+sub-?criteri", re.IGNORECASE)
INCLUDED_SV = re.compile(r"\(?\s*(?:incl\w*\.?|of\s+which|comprising)\s+(?P<pct>\d{1,2}(?:\.\d+)?)\s*%\s+(?:for\s+)?"
                         r"social\s+value\s*\)?", re.IGNORECASE)
OWN_PCT = re.compile(r"\(\s*\d{1,3}(?:\.\d+)?\s*%\s*\)|[:\-–]\s*\d{1,3}(?:\.\d+)?\s*%\s*$")
SUB_HEADER = re.compile(r"\bsub|question|element|aspect|component", re.IGNORECASE)
OF_TOTAL = re.compile(r"(?:of|in)\s+(?:the\s+)?(?:total|overall)|overall|total\s+(?:score|marks|weighting)",
                      re.IGNORECASE)
REF = re.compile(r"(?:[A-Za-z]{1,2}\.?)?\d{1,2}(?:\.\d{1,2}){0,2}[.)]?|[A-Za-z]{1,3}[.)]?|[ivx]{1,4}[.)]?")  # "1.2", "Q3", "b)"
TOTAL_WORDS = re.compile(r"^\s*(?:grand\s+)?totals?\b", re.IGNORECASE)


def cell_pct(ctx: Context, table: int, row: int, col: int):
    """(value, basis, Sentence) of the first PERCENT in a cell, or None."""
    for s in ctx.cell(table, row, col):
        for e in s.ents("PERCENT"):
            return e._.value, e._.basis, s
        if re.fullmatch(r"\s*\d{1,3}(?:\.\d+)?\s*", s.text):
            return float(s.text), "marks", s
    return None


def within_quality(ctx: Context, t: int) -> bool:
    """A table of quality sub-criteria weighted as shares of the quality section, not of the total."""
    table = ctx.document.tables[t]
    if any(OF_TOTAL.search(h or "") and not WITHIN_QUALITY.search(h or "") for h in table.header):
        return False  # "Weighting (% of total score) | Weighting within Quality": the whole scheme, both levels
    if WITHIN_QUALITY.search(" ".join(table.header)):
        return True
    first_cell = next((i for i, s in enumerate(ctx.sentences)
                       if s.block.kind == "table_cell" and s.block.location.table == t), None)
    if first_cell is None:
        return False
    i = first_cell
    return any(WITHIN_QUALITY.search(s.text) for s in ctx.sentences[max(0, i - 2):i] if s.block.kind != "table_cell")


def apply_quality_breakdown(ctx: Context, t: int, readings: list) -> None:
    """Social value weighted within quality becomes its share of the total: 10% of a 60% quality section
    is 6% of the total, and quality keeps the other 54%."""
    table = ctx.document.tables[t]
    width = len(table.rows[0]) if table.rows else 0
    for r in range(table.header_rows, len(table.rows)):
        if kind_of(" ".join(table.rows[r])) != "social_value":
            continue
        columns = sorted(range(1, width), key=lambda c: (not WEIGHT_HEADER.search(table.header[c] or ""), c))
        cell = next((c for c in (cell_pct(ctx, t, r, col) for col in columns) if c and c[1] in ("percent", "out_of")),
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
                {"name": "Quality", "pct": num(reading.quality), "parent": None},
                {"name": "Social value", "pct": num(reading.social_value), "parent": "Quality"}]
        return


def table_reading(ctx: Context, t: int) -> Reading | None:
    table = ctx.document.tables[t]
    if len(table.rows) < 2 or not table.rows[0]:
        return None
    width = len(table.rows[0])
    header = " ".join(table.header).lower()
    weight_cols = []
    for c in range(1, width):
        cells = [cell_pct(ctx, t, r, c) for r in range(table.header_rows, len(table.rows))]
        found = [x for x in cells if x]
        if len(found) >= 2 and (WEIGHT_HEADER.search(table.header[c] if c < len(table.header) else "")
                                or any(b in ("percent", "out_of") for _, b, _ in found)):
            weight_cols.append(c)
    if not weight_cols:
        return None
    wc = _weight_column(table, weight_cols)
    rows = []  # (name, value, basis, parent name, sentence)
    parent = group = None
    stated = []  # the weight column's figure in the table's own Total rows
    sub_col = width > 2 and bool(SUB_HEADER.search(" ".join(h for c, h in enumerate(table.header[1:wc], 1)
                                                            if c not in weight_cols)))
    sub_wc = _sub_weight_column(table, weight_cols, wc)
    for r in range(table.header_rows, len(table.rows)):
        row = table.rows[r]
        cell = cell_pct(ctx, t, r, wc)
        first, first_col = row[0].strip(), 0
        if REF.fullmatch(first) and len([x for x in row if x.strip()]) > 2:
            # "1 | Service model | 30": the criterion is named beside its number, and that cell is no sub-criterion
            first_col = next((i for i, x in enumerate(row[1:], 1) if x.strip() and i not in weight_cols), 0)
            first = row[first_col].strip()
        label_cells = [x.strip() for i, x in enumerate(row) if i != wc and x.strip() and i not in weight_cols]
        name = first or (" ".join(label_cells) if label_cells else "")
        if TOTAL_WORDS.match(first) or TOTAL_WORDS.match(name) or (not first and not name):
            if cell and (TOTAL_WORDS.match(first) or TOTAL_WORDS.match(name)):
                stated.append(cell[0])
            continue
        sub_cell = cell_pct(ctx, t, r, sub_wc) if sub_wc is not None else None
        if cell is None and sub_cell and parent and parent["pct"] is not None:
            # "1.1 | Service model | 25 | (blank)": a sub-weighting in its own column, inside the parent above
            rows.append((_clean(name if REF.fullmatch(first) else first), sub_cell[0], sub_cell[1], parent["name"],
                         sub_cell[2]))
            continue
        own = cell_pct(ctx, t, r, 0)
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
            sub = next((x.strip() for i, x in enumerate(row[1:], 1) if x.strip() and i not in weight_cols
                        and i != first_col), "")
            if cell and sub and sub_col:  # "Quality | Q1 Outreach | 15%": Quality groups Q1 and the rows below
                group = _clean(first)
                parent = {"name": group, "pct": None, "sent": cell[2]}
                rows.append((_clean(sub), cell[0], cell[1], group, cell[2]))
                continue
            if cell and group and not (kind_of(first) == "price" and kind_of(group) != "price"):
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
    of_total = bool(OF_TOTAL.search(table.header[wc] if wc < len(table.header) else ""))
    return _scheme(rows, header, rank=2, of_total=of_total, stated=stated)


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


def _sub_weight_column(table, weight_cols: list[int], wc: int) -> int | None:
    """A second weight column holding sub-weightings ('Sub-weighting (%)', 'Weighting within section')."""
    for c in weight_cols:
        if c != wc and c < len(table.header) and re.search(r"\bsub|within|section|of\s+(?:the\s+)?quality",
                                                           table.header[c], re.IGNORECASE):
            return c
    return None


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
    text = re.sub(r"^\s*[-–—•·*]\s*", "", text)  # "- Service delivery" sub-criterion bullets
    return re.sub(r"\s*\(\s*\d+(?:\.\d+)?\s*%?\s*\)\s*$", "", " ".join(text.split()))[:120]


def _scheme(rows: list, header: str, rank: int, of_total: bool = False, stated: list | None = None) -> Reading | None:
    """Normalise rows (name, value, basis, parent, sentence) to shares of the total. A column headed "% of total
    score" is already in shares of the total: it is never rescaled, and when it does not reach 100 it is only
    part of the scheme (the quality questions, with price stated elsewhere). Rows that do not add up to the
    table's own Total row ('Total | 100' under marks adding up to 90) are misread or incomplete: no reading."""
    tops = [r for r in rows if r[3] is None]
    children: dict[str, list] = {}
    for r in rows:
        if r[3] is not None:
            children.setdefault(r[3], []).append(r)
    # Flat list where some rows are really sub-criteria: a top row equal to the sum of the rows after it.
    flat = sum(r[1] for r in tops)
    if not children and abs(flat - 100) > 1 and not any(abs(flat - x) <= 1 for x in stated or ()):
        tops, children = _infer_nesting(rows)
    total = sum(r[1] for r in tops)
    if total <= 0 or (stated and not any(abs(total - x) <= 1 for x in stated)):
        return None
    scale = 100.0 / total if (abs(total - 100) > 1 and all(r[2] == "marks" for r in tops) and not of_total) \
        else 1.0
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
        reading.criteria.append({"name": name, "pct": num(share), "parent": None})
        for k in kids if len(kids) > 1 else ():  # a lone sub-criterion only describes its parent
            reading.criteria.append({"name": k[0], "pct": num(k[1] * kid_scale * scale), "parent": name})
        kind = kind_of(name)
        kid_sv = [k for k in kids if kind_of(k[0]) == "social_value"]
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
    if not found_price and not found_sv and not any(kind_of(r[0]) == "quality" for r in tops):
        return None  # a table of numbers, not an evaluation scheme we can name
    nested_sv = sum(k[1] * (1.0) for kids in children.values() for k in kids if kind_of(k[0]) == "social_value")
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
