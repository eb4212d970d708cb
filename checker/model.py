"""The document model every stage after extraction reads: no rule ever sees a pdfplumber or python-docx object."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

BLOCK_KINDS = ("heading", "paragraph", "list_item", "table_cell", "header", "footer")


@dataclass(frozen=True)
class Location:
    """Where a block, fact or finding sits. page is 1-based (PDF pages; DOCX page breaks where known)."""

    page: int | None = None
    block: int | None = None
    section: str | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    file: str | None = None  # the pack member it is in ("itt.pdf"); None outside a pack

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def describe(self) -> str:
        """Short human form, e.g. 'p. 4, 4 Evaluation > 4.2 Weightings, table 2 row 3': tables counted from 1
        through the document, rows from 1 within the table (the fields themselves count from 0)."""
        parts = [self.file] if self.file else []
        if self.page is not None:
            parts.append(f"p. {self.page}")
        if self.section:
            parts.append(self.section)
        if self.table is not None:
            cell = f"table {self.table + 1}"
            if self.row is not None:
                cell += f" row {self.row + 1}"
            parts.append(cell)
        if len(parts) == (1 if self.file else 0) and self.block is not None:
            parts.append(f"block {self.block}")
        return ", ".join(parts) or "document"


@dataclass(frozen=True)
class Block:
    """One run of text in reading order; kind is one of BLOCK_KINDS."""

    kind: str
    text: str
    location: Location
    level: int | None = None  # heading level (1 = top) for headings
    ocr_confidence: float | None = None  # read by OCR from a page image: mean word confidence, 0-100

    def to_dict(self) -> dict:
        d = {"kind": self.kind, "text": self.text, "location": self.location.to_dict()}
        if self.level is not None:
            d["level"] = self.level
        if self.ocr_confidence is not None:
            d["ocr_confidence"] = self.ocr_confidence
        return d


@dataclass(frozen=True)
class Table:
    """A table kept as a grid, because weightings and lot values live in tables.

    rows[0:header_rows] are header rows. Merged cells appear once (in their top-left position) and as
    empty strings elsewhere, so no text is duplicated. A table split across pages is one Table whose
    location is its first page; pages lists every page it spans.
    """

    rows: tuple[tuple[str, ...], ...]
    location: Location
    header_rows: int = 1
    pages: tuple[int, ...] = ()

    def __post_init__(self):
        if self.header_rows == 1:
            object.__setattr__(self, "header_rows", stacked_header_rows(self.rows))

    @property
    def header(self) -> tuple[str, ...]:
        """Each column's heading; under stacked header rows, the spanning parent and the column's own words
        ("Estimated value, excluding VAT" over "Each year" | "Maximum, with extension"), joined."""
        if not self.rows or not self.header_rows:
            return ()
        if self.header_rows == 1:
            return self.rows[0]
        width = max(len(r) for r in self.rows[:self.header_rows])
        parts = [[] for _ in range(width)]
        for row in self.rows[:self.header_rows]:
            parent = ""
            for c in range(width):
                cell = row[c].strip() if c < len(row) else ""
                if cell:
                    parent = cell
                    parts[c].append(cell)
                elif parent and c > 0:
                    parts[c].append(parent)  # a merged cell spans its empty neighbours to the right
        return tuple(" ".join(dict.fromkeys(p)) for p in parts)

    @property
    def body(self) -> tuple[tuple[str, ...], ...]:
        return self.rows[self.header_rows:]

    def to_dict(self) -> dict:
        return {
            "rows": [list(r) for r in self.rows],
            "header_rows": self.header_rows,
            "location": self.location.to_dict(),
            "pages": list(self.pages),
        }


HEADER_CELL_MAX = 60  # characters: a heading is a label, not a description
_DATA_CELL = re.compile(r"[£$€%]|^\s*[\d.,\s]+\s*$|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}:\d{2}\b"
                        r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4}\b",
                        re.IGNORECASE)


def stacked_header_rows(rows) -> int:
    """How many rows head the table: 1, or 2-3 when the first row's merged cells span columns that the next
    rows label ("Estimated value" over "Each year" | "Whole term"). Such a row fills columns the row above left
    empty after a non-empty cell, has nothing where the row above has no heading at all (the first column's
    heading spans both rows), and both hold only short labels: no amounts, percentages, dates or bare numbers."""
    count = 1
    while count < min(3, len(rows) - 1):
        above, row = rows[count - 1], rows[count]
        width = min(len(above), len(row))
        spanned = [c for c in range(1, width)
                   if not above[c].strip() and row[c].strip() and any(x.strip() for x in above[:c])]
        orphan = any(row[c].strip() and not any(x.strip() for x in above[:c + 1]) for c in range(width))
        cells = [cell for cell in (*above, *row) if cell.strip()]
        if not spanned or orphan or any(_DATA_CELL.search(cell) or len(cell) > HEADER_CELL_MAX for cell in cells):
            break
        count += 1
    return count


@dataclass(frozen=True)
class DocWarning:
    """Something the extractor could not read; a check saying 'no evidence found' must know about it."""

    code: str  # e.g. no-text-layer, ocr, ocr-low-confidence, page-without-text, encrypted, table-unreadable, text-box-skipped
    message: str
    location: Location = field(default_factory=Location)

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "location": self.location.to_dict()}


@dataclass
class Document:
    """A read document: blocks in reading order (table cells included as table_cell blocks) and tables."""

    path: str
    sha256: str
    format: str  # pdf | docx | doc | odt | rtf | xlsx | ods | txt | md | ocds | pack
    pages: int
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    warnings: list[DocWarning] = field(default_factory=list)

    @property
    def body_blocks(self) -> list[Block]:
        """Blocks that are the document's own content: running headers and footers left out."""
        return [b for b in self.blocks if b.kind not in ("header", "footer")]

    @property
    def unreadable_pages(self) -> list[int]:
        """Pages whose text was not read, or read by OCR too poorly to trust: absence there is unknown."""
        return sorted({w.location.page for w in self.warnings
                       if w.code in ("no-text-layer", "ocr-low-confidence") and w.location.page})

    @property
    def ocr_pages(self) -> list[int]:
        """Pages read by OCR (their blocks carry ocr_confidence)."""
        return sorted({b.location.page for b in self.blocks if b.ocr_confidence is not None and b.location.page})

    def text(self) -> str:
        return "\n".join(b.text for b in self.body_blocks)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "pages": self.pages,
            "metadata": self.metadata,
            "warnings": [w.to_dict() for w in self.warnings],
            "blocks": [b.to_dict() for b in self.blocks],
            "tables": [t.to_dict() for t in self.tables],
        }
