"""Plain text and Markdown: paragraphs split on blank lines; Markdown headings give sections, pipe tables
become Tables. Plain text headings are recognised by numbering ("4.2 Weightings") or ALL CAPS lines."""

from __future__ import annotations

import re
from pathlib import Path

from checker.errors import InputError
from checker.model import Block, Document, Location, Table

MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
NUMBERED_HEADING = re.compile(r"^((?:\d{1,2}\.){0,3}\d{1,2})\.?\s+([A-Z][^.!?]{1,80})$")
LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022]|\(?[a-z0-9]{1,3}[.)])\s+(.+)$")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
PAGE_BREAK = "\f"


def extract(path: Path) -> Document:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "utf-16", "cp1252", "latin-1"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    if not text.strip():
        raise InputError(path, "no text: file holds only whitespace", code="empty")
    is_md = path.suffix.lower() in (".md", ".markdown")
    return parse_text(text, path=str(path), markdown=is_md)


def parse_text(text: str, path: str = "<text>", markdown: bool = True) -> Document:
    """Also used for rule examples, which are Markdown snippets."""
    blocks: list[Block] = []
    tables: list[Table] = []
    headings: list[tuple[int, str]] = []
    pages = text.split(PAGE_BREAK)

    def section() -> str | None:
        return " > ".join(h for _, h in headings) or None

    def add(kind: str, body: str, page: int, level: int | None = None):
        body = " ".join(body.split())
        if body:
            blocks.append(Block(kind, body, Location(page=page, block=len(blocks), section=section()), level))

    for page_no, page_text in enumerate(pages, start=1):
        lines = page_text.splitlines()
        para: list[str] = []
        i = 0

        def flush(para=para, page_no=page_no):
            if para:
                add("paragraph", " ".join(para), page_no)
                para.clear()

        while i < len(lines):
            line = lines[i].rstrip()
            stripped = line.strip()
            if not stripped:
                flush()
                i += 1
                continue
            if TABLE_ROW.match(line) and i + 1 < len(lines) and TABLE_RULE.match(lines[i + 1]):
                flush()
                rows = [_cells(line)]
                i += 2
                while i < len(lines) and TABLE_ROW.match(lines[i]):
                    rows.append(_cells(lines[i]))
                    i += 1
                width = max(len(r) for r in rows)
                grid = tuple(tuple(r + [""] * (width - len(r))) for r in rows)
                t_index = len(tables)
                tables.append(Table(grid, Location(page=page_no, section=section(), table=t_index), 1, (page_no,)))
                for r, row in enumerate(grid):
                    for c, cell in enumerate(row):
                        if cell:
                            blocks.append(Block("table_cell", cell, Location(
                                page=page_no, block=len(blocks), section=section(), table=t_index, row=r, col=c)))
                continue
            heading = _heading(stripped, markdown)
            if heading:
                flush()
                level, title = heading
                headings[:] = [h for h in headings if h[0] < level]
                headings.append((level, title))
                add("heading", title, page_no, level)
            elif m := LIST_ITEM.match(line):
                flush()
                add("list_item", m.group(1), page_no)
            else:
                para.append(stripped)
            i += 1
        flush()
    return Document(path=path, sha256="", format="md" if markdown else "txt", pages=len(pages),
                    blocks=blocks, tables=tables)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _heading(line: str, markdown: bool) -> tuple[int, str] | None:
    if m := MD_HEADING.match(line):
        return len(m.group(1)), m.group(2)
    if m := NUMBERED_HEADING.match(line):
        return m.group(1).count(".") + 1, line
    if not markdown and line.isupper() and 3 <= len(line) <= 80 and any(ch.isalpha() for ch in line):
        return 1, line
    return None
