"""Weighting tables read by their structure and checked by arithmetic.

Real award-criteria tables are grids a reader understands by shape, not by header words: a category cell that
spans the sub-criteria beside it ("Technical | Track record | 20%", "| Method | 15%"), group heading rows with no
number ("Document 4 - Commercial Schedule") over rows whose marks add up to a total column, sections that repeat
the header ("Commercial - Cost | Area weighting | Overall weighting") with weights within the section and the
section's share of the total, first rows that are data although the extractor took them for a header, and tables
that carry on over a page break as a second table. Each table is read as a tree of criteria in every way its shape
allows, and arithmetic chooses: children add up to their parent (or to 100 within it) and the top level to 100.
A shape no reading adds up for gives no weighting from here at all, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.facts.context import Context
from checker.facts.weighting.model import Reading, kind_of, num
from checker.facts.weighting.tables import INCLUDED_SV

WEIGHT_WORDS = re.compile(r"weight|marks|\bscore|points|percentage|%", re.IGNORECASE)
EVALUATION = re.compile(r"weight|evaluat|award\s+criteri|criteri|\bmarks\b|\bpoints\s+(?:available|awarded)|\bscor|"
                        r"assessment|tenders?\s+(?:is|are|will\s+be)\s+(?:assessed|marked)|m\.?e\.?a\.?t",
                        re.IGNORECASE)
NOT_A_LABEL = re.compile(r"^\s*(?:pass\s*/?\s*(?:or\s+)?fail|n/?a|information\s+only|information|only|"
                         r"\d+\s*[-–]\s*\d+|[A-Za-z]{0,2}\d{1,2}(?:\.\d{1,2}){0,2}[.)]?|[ivx]{1,4}[.)]?)\s*$",
                         re.IGNORECASE)
GENERIC_HEADING = re.compile(r"^\s*(?:(?:evaluation|award|assessment|scoring)\s+)?(?:sub-?)?(?:criteri(?:on|a)|"
                             r"questions?|sections?(?:\s+of\s+\w+)?|elements?|areas?|descriptions?|ref(?:erence)?|"
                             r"no\.?|items?|stages?|parts?|weightings?|factors?|lots?)\s*$", re.IGNORECASE)
TOTAL = re.compile(r"^\s*(?:grand\s+|sub-?)?totals?\b", re.IGNORECASE)
CONTINUES = 1  # a table on the next page (or the same page) may continue this one
SUM_SLACK = 1.0


@dataclass
class Row:
    name: str
    numbers: list  # (value, basis, Sentence), left to right
    group: str | None = None


@dataclass
class Group:
    name: str | None
    rows: list = field(default_factory=list)


def read_tables(ctx: Context, skip: set) -> tuple[list[Reading], set]:
    """A Reading for every table (or run of tables continued over a page break) that adds up; the tables used."""
    readings, used = [], set()
    tables = ctx.document.tables
    t = 0
    while t < len(tables):
        if t in skip:
            t += 1
            continue
        groups, totals = parse(ctx, t)
        reading = None
        if groups and _is_evaluation(ctx, t):
            reading = _numbered_reading(ctx, t) or _reading(groups, totals)
        span = [t]
        if reading is None and groups and _is_evaluation(ctx, t):
            # "Value for money 30% | Experience 20%" on one page, "Quality 20% | ..." on the next
            nxt = t + 1
            while nxt < len(tables) and nxt not in skip and _continues(ctx, span[-1], nxt) and reading is None:
                more, more_totals = parse(ctx, nxt)
                groups, totals = _join(groups, more), totals + more_totals
                span.append(nxt)
                reading = _reading(groups, totals)
                nxt += 1
            if reading is None:
                span = [t]
        if reading is not None:
            readings.append(reading)
            used.update(span)
        t = span[-1] + 1
    return readings, used


def parse(ctx: Context, t: int) -> tuple[list[Group], list[float]]:
    """The table's rows as groups of named rows with their numbers (left to right), and its stated totals."""
    table = ctx.document.tables[t]
    groups, totals = [Group(None)], []
    parsed = []  # (labels [(col, text)], numbers)
    for r, cells in enumerate(table.rows):
        numbers, labels = [], []
        for c, text in enumerate(cells):
            value = _number(ctx, t, r, c, text)
            if value is not None:
                numbers.append(value)
            elif text.strip() and not NOT_A_LABEL.match(text):
                labels.append((c, " ".join(text.split())))
        if labels or numbers:
            parsed.append((labels, numbers))
    carried = None  # a category cell in the first column spans the rows below that leave it empty
    for i, (labels, numbers) in enumerate(parsed):
        first = labels[0][1] if labels else ""
        if TOTAL.match(first):
            totals.extend(n[0] for n in numbers[-1:])
            if not numbers:  # a total of marks may pass 100 ("Total | 120"), where a criterion's weight may not
                totals.extend(big for big in (_total_number(x) for _, x in labels[1:]) if big)
            continue
        if not numbers:
            if labels and (WEIGHT_WORDS.search(" ".join(x for _, x in labels[1:])) or len(labels) == 1):
                # a section heading, or a repeated header naming its section; a column title names nothing
                groups.append(Group(None if GENERIC_HEADING.match(first) else _clean(first)))
            carried = None
            continue
        spans = labels and labels[0][0] == 0 and len(labels) > 1 and i + 1 < len(parsed) \
            and _continues_category(parsed[i + 1])
        if spans:
            carried = _clean(first)  # "Technical | Track record ... | 20%" over "| Experience ... | 15%"
            groups[-1].rows.append(Row(_clean(labels[1][1]), numbers, carried))
        elif carried and labels and labels[0][0] > 0:
            groups[-1].rows.append(Row(_clean(labels[0][1]), numbers, carried))
        else:
            carried = None
            groups[-1].rows.append(Row(_clean(first) if labels else "", numbers, None))
    return [g for g in _split_carried(groups) if g.rows], totals


def _total_number(text: str) -> float | None:
    """A Total row's bare count of marks or points ('120', '1,000 points'), or None."""
    m = re.fullmatch(r"\s*(\d{1,3}(?:,\d{3})*|\d{1,5})(?:\.\d+)?\s*(?:marks?|points?)?\s*", text, re.IGNORECASE)
    return float(m.group(1).replace(",", "")) if m else None


def _continues_category(row) -> bool:
    """The next row leaves the first column empty and names its criterion further right."""
    labels, numbers = row
    return bool(numbers) and bool(labels) and labels[0][0] > 0


UNSCORED = re.compile(r"^\s*(?:pass\s*/?\s*(?:or\s+)?fail|n/?a|not\s+scored|information\s+only)\s*$", re.IGNORECASE)
REF_HEADER = re.compile(r"^\s*(?:ref(?:erence)?\.?|no\.?|number|#|item|question\s*(?:no\.?|number|ref)?|q)\s*$",
                        re.IGNORECASE)
REF = re.compile(r"^\s*(?:[A-Z]{1,2}\d{0,2}(?:\.\d{1,2}){0,2}|\d{1,2}(?:\.\d{1,2}){0,3}[a-z]?)[.)]?\s*$")
OF_PARENT = re.compile(r"^\s*(?P<n>\d{1,3}(?:\.\d+)?)\s*%\s+of\s+(?:section\s+|part\s+)?(?P<ref>[A-Z0-9.]{1,6})\s*$",
                       re.IGNORECASE)


def _numbered_reading(ctx: Context, t: int) -> Reading | None:
    """A table with a reference column ('2', '2.1', '2.2' or 'B', 'B1', 'B2') is a tree by its numbering: each
    row's parent is its reference less its last part. Children's weights are shares of the total when they add
    up to their parent, or shares within it when they add up to 100 or say so ('25% of B')."""
    table = ctx.document.tables[t]
    ref_col = _ref_column(table)
    if ref_col is None:
        return None
    rows = {}  # ref -> (name, value, within_parent, Sentence)
    order = []
    for r in range(table.header_rows, len(table.rows)):
        cells = table.rows[r]
        ref = cells[ref_col].strip().rstrip(".)") if ref_col < len(cells) else ""
        if not ref or not REF.match(ref):
            continue
        if any(UNSCORED.match(x) for c, x in enumerate(cells) if c != ref_col):
            continue  # "A0 | Safeguarding policy | Pass/Fail": a gate, no part of the weighted tree
        labels = [" ".join(x.split()) for c, x in enumerate(cells) if c != ref_col and x.strip()
                  and _number(ctx, t, r, c, x) is None and not OF_PARENT.match(x) and not NOT_A_LABEL.match(x)]
        value = within = sent = None
        for c, text in enumerate(cells):
            if c == ref_col:
                continue
            if m := OF_PARENT.match(text):
                value, within = float(m.group("n")), True
                sent = next(iter(ctx.cell(t, r, c)), None)
                break
            if (number := _number(ctx, t, r, c, text)) is not None:
                value, within, sent = number[0], False, number[2]
                break
        rows[ref.upper()] = (_clean(" — ".join(labels[:1])) or ref, value, within, sent)
        order.append(ref.upper())
    if len(order) < 2:
        return None
    children: dict[str, list] = {}
    tops = []
    for ref in order:
        parent = _parent_ref(ref)
        if parent in rows:
            children.setdefault(parent, []).append(ref)
        else:
            tops.append(ref)
    out = []
    for ref in tops:
        name, value, _, sent = rows[ref]
        kids = [rows[k] for k in children.get(ref, [])]
        kid_sum = sum(k[1] for k in kids if k[1] is not None)
        if value is None:
            if not kids or any(k[1] is None or k[2] for k in kids):
                return None
            value, sent = kid_sum, kids[0][3]
        scaled = []
        if kids:
            if any(k[1] is None for k in kids):
                return None
            within = any(k[2] for k in kids) or (abs(kid_sum - 100) <= SUM_SLACK and abs(value - 100) > SUM_SLACK)
            if within and abs(kid_sum - 100) > SUM_SLACK:
                return None
            if not within and abs(kid_sum - value) > SUM_SLACK:
                return None  # children that add up neither to their parent nor to 100: not this reading
            scaled = [(k[0], k[1] * value / 100 if within else k[1], _Cell(k[3])) for k in kids]
        out.append((name, value, scaled, sent, "percent"))
    if len(out) < 2:
        return None
    total = sum(o[1] for o in out)
    if abs(total - 100) > SUM_SLACK:
        # marks that add up to the table's own Total row ('Q1 ... 12', ..., 'P1 Price 54', 'Total 120') are shares
        # of it; any other sum is not this reading
        if not any(abs(total - stated) <= SUM_SLACK for stated in parse(ctx, t)[1]):
            return None
        k = 100.0 / total
        out = [(name, value * k, [(n, v * k, cell) for n, v, cell in kids], sent, basis)
               for name, value, kids, sent, basis in out]
    return _scheme(out)


@dataclass
class _Cell:
    """A child's own cell, in the shape _scheme reads (row.numbers[0][2] is the sentence it quotes)."""

    sent: object

    @property
    def numbers(self):
        return [(None, None, self.sent)]


def _ref_column(table) -> int | None:
    """The column of reference numbers: headed 'Ref', 'No.', 'Question', or holding outline numbers with at least
    one parent and child ('2' and '2.1', 'B' and 'B1')."""
    width = len(table.rows[0]) if table.rows else 0
    for c in range(min(width, 2)):
        values = [row[c].strip().rstrip(".)") for row in table.rows[table.header_rows:] if c < len(row) and row[c].strip()]
        refs = [v for v in values if REF.match(v)]
        if len(refs) < 3 or len(refs) < 0.6 * len(values):
            continue
        if REF_HEADER.match(table.header[c] if c < len(table.header) else "") \
                or any(_parent_ref(v.upper()) in {x.upper() for x in refs} for v in refs):
            return c
    return None


def _parent_ref(ref: str) -> str | None:
    """'2.1' -> '2', 'B3' -> 'B', '1a' -> '1', '2' -> None."""
    if "." in ref:
        return ref.rsplit(".", 1)[0]
    if m := re.fullmatch(r"([A-Z]{1,2})\d{1,2}", ref):
        return m.group(1)
    if m := re.fullmatch(r"(\d{1,2})[A-Z]", ref):
        return m.group(1)
    return None


def _split_carried(groups: list[Group]) -> list[Group]:
    """Rows under a spanning first-column cell become a group of their own, named by it."""
    out = []
    for g in groups:
        current = None
        for row in g.rows:
            if row.group is None:
                if current is None or current.name != g.name:
                    current = Group(g.name)
                    out.append(current)
                current.rows.append(row)
                continue
            if current is None or current.name != row.group:
                current = Group(row.group)
                out.append(current)
            current.rows.append(row)
    return out


def _join(a: list[Group], b: list[Group]) -> list[Group]:
    """b continues a: its first group, if unnamed, is more rows of a's last group."""
    if b and b[0].name is None and a:
        return a[:-1] + [Group(a[-1].name, a[-1].rows + b[0].rows)] + b[1:]
    return a + b


def _reading(groups: list[Group], totals: list[float]) -> Reading | None:
    """The first reading of the tree that adds up, as shares of the total: the most structured first."""
    for read in (_sectioned, _group_totals, _group_sums, _flat):
        tops = _scaled(read(groups), totals)
        if tops is not None and abs(sum(top[1] for top in tops) - 100) <= SUM_SLACK:
            return _scheme(tops)
    return None


def _first(row: Row) -> float:
    return row.numbers[0][0]


def _sectioned(groups):
    """Each section's rows weigh 100 within it, and its first row also gives the section's share of the total
    ("MS1 | 60% | 50%" over "MS2 | 20%", "MS3 | 20%")."""
    if len(groups) < 2:
        return None
    tops = []
    for g in groups:
        if abs(sum(_first(r) for r in g.rows) - 100) > SUM_SLACK or len(g.rows[0].numbers) < 2:
            return None
        share = g.rows[0].numbers[1][0]
        children = [(r.name, _first(r) * share / 100, r) for r in g.rows]
        tops.append((g.name or g.rows[0].name, share, children, g.rows[0].numbers[1][2], "percent"))
    return tops


def _group_totals(groups):
    """A group's first row also holds the group's total, and its rows' marks add up to it ("Part A | 15 | 85",
    "Part B | 70")."""
    tops = []
    for g in groups:
        first = g.rows[0]
        if len(first.numbers) >= 2 and abs(sum(_first(r) for r in g.rows) - first.numbers[-1][0]) <= SUM_SLACK or len(g.rows) == 1 and len(first.numbers) >= 1 and g.name:
            total = first.numbers[-1][0]
        else:
            return None
        children = [(r.name, _first(r), r) for r in g.rows] if len(g.rows) > 1 else []
        tops.append((g.name or first.name, total, children, first.numbers[-1][2], first.numbers[-1][1]))
    return tops


def _flat(groups):
    """One criterion a row, every row at the top level."""
    rows = [r for g in groups for r in g.rows]
    if len(rows) < 2:
        return None
    return [(r.name, _first(r), [], r.numbers[0][2], r.numbers[0][1]) for r in rows]


def _group_sums(groups):
    """A named group weighs the sum of its rows ("Technical" over five sub-criteria)."""
    if not any(g.name for g in groups):
        return None
    tops = []
    for g in groups:
        if g.name is None:
            tops.extend((r.name, _first(r), [], r.numbers[0][2], r.numbers[0][1]) for r in g.rows)
        else:
            children = [(r.name, _first(r), r) for r in g.rows]
            tops.append((g.name, sum(c[1] for c in children), children if len(children) > 1 else [],
                         g.rows[0].numbers[0][2], g.rows[0].numbers[0][1]))
    return tops


def _scaled(tops, totals: list[float]):
    """Marks or points that add up to the table's own stated total become shares of it; percentages never do,
    and numbers with no stated total to check them against are not taken for marks."""
    if tops is None or len(tops) < 2:
        return None
    total = sum(t[1] for t in tops)
    if total <= 0:
        return None
    if abs(total - 100) <= SUM_SLACK:
        return tops
    if any(basis != "marks" for *_, basis in tops) or not any(abs(total - x) <= SUM_SLACK for x in totals):
        return None
    k = 100.0 / total
    return [(name, share * k, [(n, v * k, r) for n, v, r in kids], sent, basis)
            for name, share, kids, sent, basis in tops]


def _scheme(tops) -> Reading | None:
    """Shares of the total by kind; social value nested in a quality group comes out of that group."""
    reading = Reading(rank=2, stated={"price", "quality", "social_value"})
    price = quality = sv = 0.0
    found = set()
    for name, share, children, sent, _ in tops:
        kind = "quality" if INCLUDED_SV.search(name) else kind_of(name) or _children_kind(children)
        reading.criteria.append({"name": name, "pct": num(share), "parent": None})
        for child, child_share, row in children:
            reading.criteria.append({"name": child, "pct": num(child_share), "parent": name})
        if kind == "price":
            price += share
            found.add("price")
            reading.where.setdefault("price", sent)
            continue
        if kind == "social_value":
            sv += share
            found.add("social_value")
            reading.where.setdefault("social_value", sent)
            continue
        nested = [(c, s, row) for c, s, row in children if kind_of(c) == "social_value"]
        if (inner := INCLUDED_SV.search(name)) and not nested:
            # "Quality (incl. 10% social value) | 70%": a share of the total inside quality
            nested = [("Social value", float(inner.group("pct")), None)]
            reading.criteria.append({"name": "Social value", "pct": num(nested[0][1]), "parent": name})
        for _, child_share, row in nested:
            sv += child_share
            found.add("social_value")
            reading.where.setdefault("social_value", row.numbers[0][2] if row else sent)
        quality += share - sum(s for _, s, _ in nested)
        found.add("quality")
        reading.where.setdefault("quality", sent)
    if "price" not in found and "social_value" not in found and not any(kind_of(t[0]) == "quality" for t in tops):
        return None  # a table of numbers that add up, but not an evaluation scheme we can name
    reading.price = price if "price" in found else None
    reading.quality = quality if "quality" in found else None
    reading.social_value = sv if "social_value" in found else None
    return reading


def _children_kind(children) -> str | None:
    kinds = {kind_of(c) for c, _, _ in children}
    return kinds.pop() if len(kinds) == 1 else None


def _number(ctx: Context, t: int, r: int, c: int, text: str):
    """(value, basis, Sentence) of a weight in a cell: a percentage, or a bare number (marks) up to 100, or up to
    the table's own Total of points or marks in a column headed for them ('Section A | 135' over 'Total | 250')."""
    if not text.strip():
        return None
    table = ctx.document.tables[t]
    header = table.rows[0][c] if r and c < len(table.rows[0]) else ""
    bare = "percent" if re.search(r"%|per\s*cent", header, re.IGNORECASE) else "marks"  # "Weighting (%) | 20"
    limit = 100.0
    if bare == "marks" and WEIGHT_WORDS.search(header):
        limit = max(100.0, _stated_points(table, c))
    for s in ctx.cell(t, r, c):
        for e in s.ents("PERCENT"):
            if re.fullmatch(r"\s*[\d.,]+\s*(?:%|per\s*cent|percent)\s*", s.text, re.IGNORECASE):
                return e._.value, e._.basis, s
        if re.fullmatch(r"\s*\d{1,3}(?:\.\d+)?\s*(?:marks?|points?)?\s*", s.text, re.IGNORECASE) \
                and 0 < float(re.match(r"\s*([\d.]+)", s.text).group(1)) <= limit:
            return float(re.match(r"\s*([\d.]+)", s.text).group(1)), bare, s
    return None


def _stated_points(table, c: int) -> float:
    """The figure in column c of the table's Total row ('| | Total | 250 |'), or 0."""
    for row in table.rows[table.header_rows:]:
        if any(TOTAL.match(x) for x in row[:c]) and c < len(row) and (n := _total_number(row[c])):
            return n
    return 0.0


def _is_evaluation(ctx: Context, t: int) -> bool:
    """The table is about evaluation: said in its own cells, its section heading, or the sentences before it."""
    table = ctx.document.tables[t]
    if EVALUATION.search(" ".join(" ".join(r) for r in table.rows[:3])) or \
            EVALUATION.search(table.location.section or ""):
        return True
    first = next((i for i, s in enumerate(ctx.sentences)
                  if s.block.kind == "table_cell" and s.block.location.table == t), None)
    return first is not None and any(EVALUATION.search(s.text) for s in ctx.sentences[max(0, first - 3):first]
                                     if s.block.kind != "table_cell")


def _continues(ctx: Context, t: int, nxt: int) -> bool:
    """nxt starts on the page t ends on or the next one, with no body text between them."""
    a, b = ctx.document.tables[t], ctx.document.tables[nxt]
    end = max(a.pages or (a.location.page or 0,))
    start = b.location.page or 0
    if not 0 <= start - end <= CONTINUES:
        return False
    spans = _table_blocks(ctx)
    if t not in spans or nxt not in spans:
        return False
    between = ctx.document.blocks[spans[t][1] + 1:spans[nxt][0]]
    return not any(blk.kind not in ("header", "footer") and blk.text.strip() for blk in between)


def _table_blocks(ctx: Context) -> dict:
    """table index -> (first, last) index of its cells' blocks in reading order."""
    spans = {}
    for i, blk in enumerate(ctx.document.blocks):
        if blk.kind == "table_cell" and blk.location.table is not None:
            first, _ = spans.get(blk.location.table, (i, i))
            spans[blk.location.table] = (first, i)
    return spans


def _clean(text: str) -> str:
    text = re.sub(r"^\s*[-–—•·*]\s*", "", text)
    return re.sub(r"\s*\(\s*\d+(?:\.\d+)?\s*%?\s*\)\s*$", "", " ".join(text.split()))[:120]


# A table drawn with rules only can come out of a PDF as a heading and one paragraph a row: "Stage 2 criterion
# Marks", "Method of delivery 25", ..., "Price 30", "Total 100".
LINE_HEADER = re.compile(r"\b(?:marks|points|weightings?|score|%)\s*(?:\(\s*%\s*\))?\s*$", re.IGNORECASE)
LINE_ROW = re.compile(r"^\s*(?P<label>[A-Za-z(].{2,200}?)\s+(?P<n>\d{1,3}(?:\.\d+)?)\s*(?P<pct>%)?\s*$")


def line_table_readings(ctx: Context) -> list[Reading]:
    """Weighting tables whose rows the extractor gave as lines of text: a header line ending in a weight word,
    then lines each a criterion and its number, closed by a Total line those numbers add up to. Marks are scaled
    to that total; a run with no Total line, or one its numbers miss, gives nothing."""
    blocks, first_sentence = ctx.document.blocks, {}
    for s in ctx.sentences:
        first_sentence.setdefault(s.block_index, s)
    readings = []
    for i, head in enumerate(blocks):
        if head.kind not in ("heading", "paragraph") or not LINE_HEADER.search(head.text) or len(head.text) > 80:
            continue
        rows, j = [], i + 1
        while j < len(blocks) and blocks[j].kind == "paragraph" and (m := LINE_ROW.match(blocks[j].text)):
            rows.append((m, first_sentence.get(j)))
            j += 1
        body = [(m, s) for m, s in rows if not TOTAL.match(m.group("label"))]
        totals = [float(m.group("n")) for m, _ in rows if TOTAL.match(m.group("label"))]
        if len(body) < 2 or len(totals) != 1 or len(body) != len(rows) - 1 or any(s is None for _, s in body):
            continue
        total = sum(float(m.group("n")) for m, _ in body)
        if abs(total - totals[0]) > SUM_SLACK:
            continue
        tops = [(_clean(m.group("label")), float(m.group("n")) * 100 / total, [], s,
                 "percent" if m.group("pct") else "marks") for m, s in body]
        kinds = {kind_of(name) for name, *_ in tops}
        if not kinds & {"price", "social_value"}:
            continue  # lines of numbers that add up, but no scheme we can name
        if reading := _scheme(tops):
            readings.append(reading)
    return readings
