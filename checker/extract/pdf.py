"""PDF: text and character boxes from pypdfium2 (fast), tables from pdfplumber only on pages with ruling lines.

Per page: characters -> line segments -> reading order (two columns when a gutter is found) -> headers and
footers (text repeated at the top or bottom of most pages, page numbers) -> blocks. Table text is taken out of
the flow and kept as a Table plus table_cell blocks; a table continuing on the next page becomes one Table.
"""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

from checker.errors import InputError
from checker.extract.layout import Line, Segment, build_blocks, find_running_lines, order_segments
from checker.model import Document, DocWarning, Location

TABLE_MIN_RULES = 3  # horizontal and vertical ruling lines a page needs before pdfplumber looks for tables


def extract(path: Path) -> Document:
    import pypdfium2 as pdfium

    pdf = _open(path, pdfium)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise InputError(path, "PDF has no pages (truncated or corrupt)", code="corrupt")
        pages: list[list[Segment]] = []
        sizes: list[tuple[float, float]] = []
        warnings: list[DocWarning] = []
        table_pages: list[int] = []
        for index in range(n_pages):
            page = pdf[index]
            try:
                width, height = page.get_size()
                segments, has_text = _page_segments(page)
                ruled, has_graphics = _ruling_lines(page, pdfium)
            finally:
                page.close()
            pages.append(segments)
            sizes.append((width, height))
            if not has_text and has_graphics:
                warnings.append(DocWarning(
                    "no-text-layer", f"page {index + 1} has no text layer (a scanned image?); its text was not read",
                    Location(page=index + 1)))
            if ruled:
                table_pages.append(index)
        metadata = _metadata(pdf)
    finally:
        pdf.close()

    tables = _find_tables(path, table_pages, warnings)
    running = find_running_lines(pages, sizes)
    page_lines: list[list[Line]] = []
    for index, segments in enumerate(pages):
        page_lines.append(order_segments(segments, sizes[index][0], tables.get(index, []), running[index]))
    blocks, doc_tables = build_blocks(page_lines)
    return Document(path=str(path), sha256="", format="pdf", pages=n_pages, blocks=blocks, tables=doc_tables,
                    metadata=metadata, warnings=warnings)


def _open(path: Path, pdfium):
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise InputError(path, "encrypted PDF: a password is required", code="encrypted") from None
        detail = re.search(r"PDFium: ([^)]+)", message)
        cause = detail.group(1).strip().lower() if detail else message.strip().rstrip(".")
        raise InputError(path, f"corrupt or truncated PDF ({cause})", code="corrupt") from None


def _metadata(pdf) -> dict:
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # noqa: BLE001 - metadata is a nicety; a broken Info dictionary must not stop extraction
        return {}
    return {k.lower(): v for k, v in meta.items() if k in ("Title", "Author", "Subject", "Creator", "Producer")}


def _page_segments(page) -> tuple[list[Segment], bool]:
    """Runs of characters on one line, split where the text jumps back or leaves a wide gap; top-down coords."""
    from pypdfium2 import raw

    _, _, _, page_top = page.get_bbox()  # inherited boxes resolved (get_mediabox falls back to Letter)
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        count = raw.FPDFText_CountChars(tp)
        rect = raw.FS_RECTF()
        segments: list[Segment] = []
        chars: list[str] = []
        boxes: list[tuple[float, float, float, float]] = []
        first = last_index = 0
        has_text = False

        def flush():
            text = "".join(chars).strip()
            if text:
                x0 = min(b[0] for b in boxes)
                x1 = max(b[2] for b in boxes)
                top = min(b[1] for b in boxes)
                bottom = max(b[3] for b in boxes)
                size = boxes[0][3] - boxes[0][1]  # the loose box, so a scaled text matrix still gives the size
                bold = _is_bold(raw, tp, first) and (last_index == first or _is_bold(raw, tp, last_index))
                segments.append(Segment(" ".join(text.split()), x0, top, x1, bottom, round(size, 1), bold))
            chars.clear()
            boxes.clear()

        for k in range(count):
            code = raw.FPDFText_GetUnicode(tp, k)
            ch = chr(code) if 0 < code < 0x110000 else ""
            if ch in ("\r", "\n", "\x02", ""):
                flush()
                continue
            if ch.isspace():
                if chars:
                    chars.append(" ")
                continue
            raw.FPDFText_GetLooseCharBox(tp, k, rect)
            box = (rect.left, page_top - rect.top, rect.right, page_top - rect.bottom)
            if boxes:
                prev = boxes[-1]
                height = max(prev[3] - prev[1], 1.0)
                same_line = abs((box[1] + box[3]) - (prev[1] + prev[3])) / 2 < height * 0.5
                gap = box[0] - prev[2]
                if not same_line or gap < -height or gap > height * 3:
                    flush()
            if not chars:
                first = k
            has_text = True
            last_index = k
            chars.append(ch)
            boxes.append(box)
        flush()
        return segments, has_text
    finally:
        textpage.close()


def _is_bold(raw, tp, index: int) -> bool:
    weight = raw.FPDFText_GetFontWeight(tp, index)
    if weight >= 600:
        return True
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(tp, index, buf, 128, ctypes.byref(flags))
    name = buf.value.decode("latin-1", "replace").lower()
    return "bold" in name or "black" in name or "heavy" in name or ",bd" in name


def _ruling_lines(page, pdfium) -> tuple[bool, bool]:
    """(has enough horizontal and vertical rules to hold a table, has any graphics) from path/image objects."""
    from pypdfium2 import raw

    horizontal = vertical = 0
    graphics = False
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        graphics = True
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if h < 3 and w > 10:
            horizontal += 1
        elif w < 3 and h > 10:
            vertical += 1
        elif w > 10 and h > 10:
            horizontal += 2
            vertical += 2
        if horizontal >= TABLE_MIN_RULES and vertical >= TABLE_MIN_RULES:
            return True, True
    return False, graphics


def _find_tables(path: Path, page_indexes: list[int], warnings: list[DocWarning]) -> dict[int, list[dict]]:
    """pdfplumber's ruled-table finder on the candidate pages only; each page is closed after use."""
    if not page_indexes:
        return {}
    import pdfplumber

    found: dict[int, list[dict]] = {}
    with pdfplumber.open(str(path)) as pdf:
        for index in page_indexes:
            page = pdf.pages[index]
            try:
                for table in page.find_tables():
                    rows = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
                    cols = [x for x in range(len(rows[0]) if rows else 0) if any(r[x] for r in rows)]
                    rows = [[r[x] for x in cols] for r in rows if any(r[x] for x in cols)]
                    if len(rows) < 2 or len(cols) < 2:
                        continue  # a box drawn round a paragraph is not a table
                    xs = sorted({round(c[0]) for c in table.cells})
                    found.setdefault(index, []).append({"bbox": table.bbox, "rows": rows, "xs": xs})
            except Exception as exc:  # noqa: BLE001 - one unreadable table must not lose the page's text
                warnings.append(DocWarning("table-unreadable", f"page {index + 1}: a table could not be read ({exc})",
                                           Location(page=index + 1)))
            finally:
                page.close()
    return found
