"""Page layout to blocks, independent of the PDF library: reading order (two columns when a gutter is found),
running headers and footers, and paragraphs, list items and headings (by numbering, size and boldness) with
the section path of numbered headings ("4 Evaluation > 4.2 Weightings")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from checker.model import Block, Location, Table

NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(\S.*)$")
KEY_VALUE = re.compile(r"^[^:]{1,40}:\s+\S")  # "Closing Time: 14:00" is a label and its value, not a heading
RUN_IN = re.compile(r"^([A-Z][^:.]{1,80}?)[:.](?:\s|$)")
NUMBERED_ITEM = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.)]\s|^\d{1,2}(?:\.\d{1,2})+\s")  # not "2 describes"
LABELLED = re.compile(r"^(?:section|part|article|appendix|schedule|annex|chapter|attachment|exhibit)\s+"
                      r"(?:\d{1,2}|[A-Z]|[IVX]{1,5})\b", re.IGNORECASE)
BULLET = re.compile(r"^(?:[\u2022\u25aa\u25e6\u25cf\u25cb\u25a0\u25a1\u27a2\u25ba\u2713\u2714\-\u2013\u2014*"
                    r"\uf000-\uf0ff]|o(?=\s)|\(?[a-z]\)|\(?[ivx]{1,4}\)|\(\d{1,2}\)|\d{1,2}\))\s*(.+)$")
TOC_LINE = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}\s*$|\u2026{2,}\s*\d{1,4}\s*$")
PAGE_NUMBER = re.compile(r"^(?:page\s*)?#(?:\s*(?:of|/)\s*#)?$|^[-\u2013]\s*#\s*[-\u2013]$")
RUNNING_ZONE = 0.15  # share of the page height at the top and bottom where running headers/footers sit
PAGE_NUMBER_ZONE = 0.3
RUNNING_MAX_LINES = 3  # a page's running header (or footer) is at most this many lines
RUNNING_MAX_CHARS = 150


@dataclass
class Segment:
    """A run of characters on one line; coordinates in points from the top-left of the page."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool  # the whole run is bold (its first and last characters are)
    lead_bold: bool = False  # it starts bold: "1.1 Invitation:" run in before plain text


@dataclass
class Line:
    """A visual line (or a table) in reading order; role is body, header, footer or table."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    role: str = "body"
    table: dict | None = None
    parts: list[Segment] = field(default_factory=list)


def _key(text: str) -> str:
    """Text compared across pages; digits count as equal only where a page number is likely ("Page 3 of 9"),
    so "Schedule 4 Pricing" at the top of one page and "Schedule 5 Terms" on the next stay different."""
    text = " ".join(text.lower().split())
    numbered = re.sub(r"\d+", "#", text)
    return numbered if PAGE_NUMBER.match(numbered) or "page" in text else text


def find_running_lines(pages: list[list[Segment]], sizes: list[tuple[float, float]]) -> list[dict[int, str]]:
    """Per page, {segment index: 'header' | 'footer'} for text repeated at the top/bottom of most pages
    (digits ignored, so 'Page 3 of 9' repeats) and lone page numbers."""
    tops: Counter = Counter()
    bottoms: Counter = Counter()
    text_pages = 0
    first: set[str] = set()  # the first text page's top and bottom lines: a cover page often has none of them
    for segments, (_, height) in zip(pages, sizes):
        top = {_key(s.text) for s in segments if s.bottom <= height * RUNNING_ZONE}
        bottom = {_key(s.text) for s in segments if s.top >= height * (1 - RUNNING_ZONE)}
        if segments:
            if not text_pages:
                first = top | bottom
            text_pages += 1
        tops.update(top)
        bottoms.update(bottom)
    needed = max(3, int(text_pages * 0.4)) if text_pages >= 3 else (2 if text_pages == 2 else None)

    def running(key: str, counts: Counter) -> bool:
        if PAGE_NUMBER.match(key):
            return True
        if len(key) > RUNNING_MAX_CHARS or needed is None:
            return False
        # on most pages; or, in a short document, on every page after a cover that has none
        return counts[key] >= needed or (text_pages >= 3 and key not in first and counts[key] == text_pages - 1)

    result = []
    for segments, (_, height) in zip(pages, sizes):
        roles: dict[int, str] = {}
        by_top = sorted(range(len(segments)), key=lambda i: segments[i].top)
        for i in by_top:  # from the top down until the first line that is not running text
            s = segments[i]
            if not _in_zone(s, height, top=True) or not running(_key(s.text), tops) or len(roles) >= RUNNING_MAX_LINES:
                break
            roles[i] = "header"
        headers = len(roles)
        for i in reversed(by_top):
            s = segments[i]
            if len(roles) - headers >= RUNNING_MAX_LINES:
                break
            if not _in_zone(s, height, top=False) or not running(_key(s.text), bottoms) or i in roles:
                break
            roles[i] = "footer"
        result.append(roles)
    return result


def _in_zone(segment: Segment, height: float, top: bool) -> bool:
    """In the top (or bottom) band of the page; a lone page number may sit further in (under short text)."""
    zone = PAGE_NUMBER_ZONE if PAGE_NUMBER.match(_key(segment.text)) else RUNNING_ZONE
    return segment.bottom <= height * zone if top else segment.top >= height * (1 - zone)


def order_segments(segments: list[Segment], width: float, tables: list[dict], roles: dict[int, str]) -> list[Line]:
    """Headers, then body lines and tables in reading order, then footers."""
    headers, footers, body = [], [], []
    for i, s in enumerate(segments):
        cx, cy = (s.x0 + s.x1) / 2, (s.top + s.bottom) / 2
        if any(t["bbox"][0] <= cx <= t["bbox"][2] and t["bbox"][1] <= cy <= t["bbox"][3] for t in tables):
            continue  # its text is in the Table
        role = roles.get(i)
        (headers if role == "header" else footers if role == "footer" else body).append(s)
    items: list[Segment | dict] = list(body) + list(tables)
    gutter = _gutter(body, width)
    ordered: list[Segment | dict] = []
    if gutter is None:
        ordered = sorted(items, key=_top)
    else:
        left: list = []
        right: list = []
        for item in sorted(items, key=_top):
            x0, x1 = _xs(item)
            if x0 < gutter - 2 and x1 > gutter + 2:  # spans both columns: closes the band above it
                ordered += sorted(left, key=_top) + sorted(right, key=_top) + [item]
                left, right = [], []
            elif x1 <= gutter + 2:
                left.append(item)
            else:
                right.append(item)
        ordered += sorted(left, key=_top) + sorted(right, key=_top)
    lines = _lines(sorted(headers, key=_top), "header")
    run: list[Segment] = []
    for item in ordered:
        if isinstance(item, dict):
            lines += _lines(run, "body")
            run = []
            x0, top, x1, bottom = item["bbox"]
            lines.append(Line("", x0, top, x1, bottom, 0, False, role="table", table=item))
        else:
            run.append(item)
    lines += _lines(run, "body")
    return lines + _lines(sorted(footers, key=_top), "footer")


def _top(item) -> float:
    return item["bbox"][1] if isinstance(item, dict) else item.top


def _xs(item) -> tuple[float, float]:
    return (item["bbox"][0], item["bbox"][2]) if isinstance(item, dict) else (item.x0, item.x1)


def _gutter(body: list[Segment], width: float) -> float | None:
    """x of the gap between two text columns, or None for a single-column page."""
    if len(body) < 12:
        return None
    best, best_x = None, []
    for x in range(int(width * 0.3), int(width * 0.7), 2):
        crossing = sum(1 for s in body if s.x0 < x < s.x1)
        if best is None or crossing < best:
            best, best_x = crossing, [x]
        elif crossing == best:
            best_x.append(x)
    if best is None or best > len(body) * 0.15:
        return None
    # the middle of the longest run of equally empty x positions
    runs, start = [], best_x[0]
    for a, b in zip(best_x, best_x[1:] + [None]):
        if b != a + 2:
            runs.append((start, a))
            start = b
    lo, hi = max(runs, key=lambda r: r[1] - r[0])
    gutter = (lo + hi) / 2
    left = [s for s in body if s.x1 <= gutter]
    right = [s for s in body if s.x0 >= gutter]
    if len(left) < 5 or len(right) < 5:
        return None
    if sum(s.x1 - s.x0 for s in left) / len(left) < width * 0.22:
        return None  # short labels on the left (a form: "Closing date:   30 August") read across, not down
    if sum(s.x1 - s.x0 for s in right) / len(right) < width * 0.22:
        return None
    side_by_side = sum(1 for r in right if any(l.top < r.bottom and r.top < l.bottom for l in left))
    return gutter if side_by_side >= 3 else None


def _lines(segments: list[Segment], role: str) -> list[Line]:
    """Segments sharing a baseline (in reading order already) joined left to right into visual lines."""
    lines: list[Line] = []
    group: list[Segment] = []

    def close():
        if group:
            parts = sorted(group, key=lambda s: s.x0)
            main = max(parts, key=lambda s: len(s.text))
            lines.append(Line(" ".join(p.text for p in parts), min(p.x0 for p in parts), min(p.top for p in parts),
                              max(p.x1 for p in parts), max(p.bottom for p in parts), main.size,
                              all(p.bold for p in parts), role, parts=parts))
            group.clear()

    for s in segments:
        if group:
            ref = group[0]
            centre, ref_centre = (s.top + s.bottom) / 2, (ref.top + ref.bottom) / 2
            if abs(centre - ref_centre) > max(ref.bottom - ref.top, 1) * 0.4:
                close()
        group.append(s)
    close()
    return lines


class _Builder:
    """Turns ordered lines of every page into Blocks and Tables, tracking the heading path."""

    def __init__(self, body_size: float):
        self.body_size = body_size
        self.blocks: list[Block] = []
        self.tables: list[dict] = []
        self.headings: list[tuple[int, str]] = []  # (level, title)
        self.numbered_depth = 0
        self.top_number: int | None = None  # chapter number of the last numbered heading
        self.open: dict | None = None  # the paragraph or list item being built
        self.leading = 0.0  # usual gap between lines of one paragraph on the current page (double spacing)

    def section(self) -> str | None:
        return " > ".join(t for _, t in self.headings) or None

    def add(self, kind: str, text: str, page: int, level: int | None = None, **where) -> None:
        text = " ".join(text.split())
        if text:
            self.blocks.append(Block(kind, text, Location(page=page, block=len(self.blocks),
                                                          section=self.section(), **where), level))

    def flush(self) -> None:
        if self.open:
            self.add(self.open["kind"], self.open["text"], self.open["page"])
            self.open = None

    def heading(self, text: str, level: int, numbered: bool, page: int) -> None:
        self.flush()
        self.headings = [h for h in self.headings if h[0] < level]
        self.headings.append((level, text.rstrip(":").rstrip()))
        if numbered:
            self.numbered_depth = level
            if m := NUMBERED.match(text):
                self.top_number = int(m.group(1).split(".")[0])
        self.add("heading", text, page, level)

    def heading_level(self, line: Line) -> tuple[int, bool] | None:
        """(level, numbered) when the line is a heading."""
        text = line.text
        words = text.split()
        if len(words) > 14 or len(text) > 120 or text[-1] in ".,;" or TOC_LINE.search(text):
            return None
        emphasised = line.bold or line.size >= self.body_size * 1.15
        m = NUMBERED.match(text)
        if m:
            title, top_number = m.group(2), int(m.group(1).split(".")[0])
            if title[0].islower() or not any(ch.isalpha() for ch in title) or not emphasised:
                return None
            if self.top_number is not None and not 0 <= top_number - self.top_number <= 2 and top_number != 1:
                return None  # "34 2020 Bobcat" in a list, not chapter 34 after chapter 12
            return m.group(1).count(".") + 1, True
        if LABELLED.match(text) and (emphasised or text.isupper()):
            return 1, True
        if (emphasised and len(words) <= 12 and text[0].isupper() and not text[-1].isdigit() and "@" not in text
                and not BULLET.match(text) and not KEY_VALUE.match(text)):
            return self.numbered_depth + 1, False
        return None

    def line(self, line: Line, page: int, prev: Line | None) -> None:
        text = line.text
        gap = line.top - prev.bottom if prev is not None and prev.role == "body" else None
        near = gap is not None and -line.size * 0.5 < gap < max(self.leading, 0) + max(line.size, 6) * 0.4
        if self.open and self.open["kind"] == "heading_cont":
            self.open = None
        found = self.heading_level(line)
        if found and not (self.blocks and self.blocks[-1].kind == "heading" and near and not NUMBERED.match(text)
                          and self._same_style(prev, line)):
            self.heading(text, found[0], found[1], page)
            return
        if not found and near and self.blocks and self.blocks[-1].kind == "heading" and self.open is None \
                and line.bold and self._same_style(prev, line) and self.blocks[-1].text[-1:] not in ".:;?!":
            found = (self.blocks[-1].level, False)
        if found:  # a heading wrapped onto a second line
            last = self.blocks[-1]
            self.blocks[-1] = Block("heading", f"{last.text} {text}", last.location, last.level)
            self.headings[-1] = (self.headings[-1][0], self.blocks[-1].text)
            return
        if TOC_LINE.search(text):
            self.flush()
            self.add("paragraph", text, page)
            return
        self._run_in_heading(line)
        bullet = BULLET.match(text)
        if bullet or NUMBERED_ITEM.match(text):
            self.flush()
            self.open = {"kind": "list_item", "text": bullet.group(1) if bullet else text, "page": page,
                         "x0": line.x0, "x1": line.x1}
            return
        o = self.open
        continues = o is not None and near and prev is not None and abs(prev.size - line.size) <= 1.0
        if (o is not None and o["kind"] == "paragraph" and gap is not None and gap < -line.size and text[:1].islower()
                and o["text"][-1:] not in ".:;!?" and abs(prev.size - line.size) <= 1.0):
            continues = True  # the sentence runs on at the top of the next column
        if continues and o["kind"] == "list_item" and line.x0 < o["x0"] - 2:
            continues = False
        if continues and prev.text[-1:] in ".:;!?" and prev.x1 < o["x1"] - 60:
            continues = False  # the previous line ended short with a full stop: a new paragraph
        if continues:
            self.run_on(line)
        else:
            self.flush()
            self.open = {"kind": "paragraph", "text": text, "page": page, "x0": line.x0, "x1": line.x1}

    def runs_on(self) -> bool:
        """Whether the open paragraph or list item stops mid-sentence (no closing punctuation): a page break
        there splits one sentence, which the next page's first line, in lower case, goes on with."""
        o = self.open
        return o is not None and o["kind"] in ("paragraph", "list_item") and bool(o["text"]) \
            and o["text"].rstrip()[-1:] not in ".:;!?)\"'”"

    def run_on(self, line: Line) -> None:
        """The line goes on with the open block (a word hyphenated over the break is joined again)."""
        o = self.open
        joiner = "" if o["text"].endswith("-") and line.text[:1].islower() else " "
        o["text"] += joiner + line.text
        o["x1"] = max(o["x1"], line.x1)

    def _run_in_heading(self, line: Line) -> None:
        """A numbered bold lead-in ("1.3.2 Inquiry and Questions: Effective immediately ...") names a section
        even though the line is body text; the block stays a list item."""
        m = NUMBERED.match(line.text)
        if not m or line.bold or not line.parts or not line.parts[0].lead_bold:
            return
        title = RUN_IN.match(m.group(2))
        top_number = int(m.group(1).split(".")[0])
        if not title or len(title.group(1).split()) > 10:
            return
        if self.top_number is not None and not 0 <= top_number - self.top_number <= 2 and top_number != 1:
            return
        level = m.group(1).count(".") + 1
        self.flush()
        self.headings = [h for h in self.headings if h[0] < level]
        self.headings.append((level, f"{m.group(1)} {title.group(1)}"))
        self.numbered_depth, self.top_number = level, top_number

    @staticmethod
    def _same_style(a: Line | None, b: Line) -> bool:
        return a is not None and a.bold == b.bold and abs(a.size - b.size) <= 0.5

    def table(self, item: dict, page: int, lines_before: int | None) -> None:
        """lines_before: body lines above this table when the previous page ended with a table, else None."""
        self.flush()
        rows = item["rows"]
        prev = self.tables[-1] if lines_before is not None and self.tables else None
        same_columns = prev is not None and len(prev["rows"][0]) == len(rows[0]) and _same_columns(prev["xs"], item["xs"])
        repeated_header = prev is not None and rows[0] == prev["rows"][0]
        if prev is not None and len(prev["rows"][0]) == len(rows[0]) and (
                (same_columns and lines_before <= 5) or (repeated_header and lines_before == 0)):
            if rows[0] == prev["rows"][0]:
                rows = rows[1:]  # the header repeated on the new page
            index, start = len(self.tables) - 1, len(prev["rows"])
            prev["rows"].extend(rows)
            if page not in prev["pages"]:
                prev["pages"].append(page)
        else:
            index, start = len(self.tables), 0
            self.tables.append({"rows": list(rows), "xs": item["xs"], "pages": [page], "page": page,
                                "section": self.section()})
        for r, row in enumerate(rows, start=start):
            for c, cell in enumerate(row):
                self.add("table_cell", cell, page, table=index, row=r, col=c)


def _same_columns(a: list[int], b: list[int]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 3 for x, y in zip(a, b))


def _leading(lines: list[Line]) -> float:
    """Median gap below lines that wrap (run to the right margin, no full stop): the spacing inside a
    paragraph on this page, which double spacing makes larger than a single-spaced paragraph break."""
    body = [line for line in lines if line.role == "body"]
    if not body:
        return 0.0
    right = max(line.x1 for line in body)
    left = min(line.x0 for line in body)
    gaps = sorted(b.top - a.bottom for a, b in pairwise(body)
                  if a.x1 >= right - (right - left) * 0.15 and a.text[-1:] not in ".:;!?" and abs(a.size - b.size) <= 1
                  and -b.size < b.top - a.bottom < b.size * 1.5)
    return gaps[len(gaps) // 2] if len(gaps) >= 3 else 0.0


def _body_size(pages: list[list[Line]]) -> float:
    weights: Counter = Counter()
    for lines in pages:
        for line in lines:
            if line.role == "body":
                weights[round(line.size)] += len(line.text)
    return float(weights.most_common(1)[0][0]) if weights else 10.0


def build_blocks(pages: list[list[Line]]) -> tuple[list[Block], list[Table]]:
    """Blocks of every page in order, and the Tables (a table continuing across a page break is merged)."""
    builder = _Builder(_body_size(pages))
    last_body_was_table = False
    for number, lines in enumerate(pages, start=1):
        builder.leading = _leading(lines)
        prev: Line | None = None
        lines_before = 0  # body lines above the first table on this page (a repeated title, say)
        seen_table = False
        for line in lines:
            if line.role in ("header", "footer"):
                if not builder.runs_on():
                    builder.flush()
                builder.add(line.role, line.text, number)  # a paragraph running on past it stays open
                continue
            if line.role == "table":
                builder.flush()
                builder.table(line.table, number, lines_before if last_body_was_table and not seen_table else None)
                seen_table = True
            elif prev is None and builder.runs_on() and line.text[:1].islower():
                builder.run_on(line)  # the sentence broken by the page break goes on at the top of this page
                lines_before += 1
            else:
                builder.line(line, number, prev)
                lines_before += 1
            prev = line
        if not builder.runs_on():
            builder.flush()
        if prev is not None:
            last_body_was_table = prev.role == "table"
    builder.flush()
    tables = [Table(tuple(tuple(r) for r in t["rows"]), Location(page=t["page"], section=t["section"], table=i),
                    1, tuple(t["pages"])) for i, t in enumerate(builder.tables)]
    return builder.blocks, tables
