"""Spreadsheets (.xlsx with openpyxl; .ods converted to .xlsx by LibreOffice, checker.extract.office) read as
tables, since pricing and evaluation schedules are spreadsheets: each non-empty sheet is a heading (its name)
and one Table of its used cells, each cell also a table_cell block. A sheet is a "page" (Location.page is the
sheet's number, Location.section its name). Values are shown as the sheet shows them where the number format
says so (0.6 formatted as a percentage is "60%", a currency format gives "£2,500,000"); formulas give their
last saved value. Very large sheets are cut at MAX_ROWS x MAX_COLS with a warning.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from checker.errors import InputError
from checker.model import Block, Document, DocWarning, Location, Table

MAX_ROWS = 5000
MAX_COLS = 60
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
INSTALL_HINT = "install openpyxl (pip install openpyxl; a normal install of tendercheck brings it)"


def extract(path: Path, fmt: str = "xlsx") -> Document:
    try:
        import openpyxl
    except ImportError:
        raise InputError(path, f"reading spreadsheets needs openpyxl, which is not installed: {INSTALL_HINT}",
                         code="converter-missing") from None
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise InputError(path, f"spreadsheet would unpack to {unpacked // (1024 * 1024):,} MB (limit "
                                   f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB): refusing a possible zip bomb",
                             code="too-large")
        if "xl/workbook.xml" not in archive.namelist():
            raise InputError(path, "ZIP without xl/workbook.xml: not an .xlsx workbook", code="unrecognised")
    book = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    blocks: list[Block] = []
    tables: list[Table] = []
    warnings: list[DocWarning] = []
    try:
        sheets = list(book.worksheets)
        for number, sheet in enumerate(sheets, start=1):
            grid, cut = _grid(sheet)
            if cut:
                warnings.append(DocWarning("sheet-truncated", f"sheet {sheet.title!r} cut at {MAX_ROWS} rows and "
                                           f"{MAX_COLS} columns: cells beyond were not read", Location(page=number)))
            if not grid:
                continue
            blocks.append(Block("heading", sheet.title, Location(page=number, block=len(blocks),
                                                                 section=sheet.title), 1))
            index = len(tables)
            tables.append(Table(tuple(tuple(r) for r in grid), Location(page=number, section=sheet.title,
                                                                       table=index), 1, (number,)))
            for r, row in enumerate(grid):
                for c, cell in enumerate(row):
                    if cell:
                        blocks.append(Block("table_cell", cell, Location(page=number, block=len(blocks),
                                                                         section=sheet.title, table=index,
                                                                         row=r, col=c)))
        metadata = {}
        props = getattr(book, "properties", None)
        for key in ("title", "creator", "subject"):
            value = getattr(props, key, None) if props is not None else None
            if value:
                metadata["author" if key == "creator" else key] = str(value)
    finally:
        book.close()
    return Document(path=str(path), sha256="", format=fmt, pages=max(len(sheets), 1), blocks=blocks,
                    tables=tables, metadata=metadata, warnings=warnings)


def _grid(sheet) -> tuple[list[list[str]], bool]:
    """The sheet's rows as text, empty rows dropped and trailing empty columns trimmed."""
    rows, cut = [], False
    for r, row in enumerate(sheet.iter_rows()):
        if r >= MAX_ROWS:
            cut = True
            break
        if len(row) > MAX_COLS:
            cut = True
        cells = [_text(cell) for cell in row[:MAX_COLS]]
        if any(cells):
            rows.append(cells)
    if not rows:
        return [], cut
    width = max(max((i + 1 for i, c in enumerate(r) if c), default=0) for r in rows)
    return [(r + [""] * width)[:width] for r in rows], cut


def _text(cell) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d %B %Y").lstrip("0")
    if isinstance(value, (int, float)):
        fmt = getattr(cell, "number_format", "") or ""
        if "%" in fmt:
            return f"{value * 100:.10g}%"
        if "£" in fmt:
            return "£" + (f"{value:,.2f}".removesuffix(".00"))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return f"{value:,}" if isinstance(value, int) and abs(value) >= 10000 else str(value)
    return " ".join(str(value).split())
