"""Ruled tables in PDFs: pdfplumber's table finder run on ruling lines read by pypdfium2.

pdfplumber finds tables from a page's edges; getting those from pdfplumber means pdfminer interpreting the
whole page (about 0.2 s for a dense page). The same edges come from pypdfium2's path objects in a few
milliseconds, so the finder is handed a stand-in page holding only them, and cell text comes from the words
the text pass already read. Same algorithm and settings as `pdfplumber.Page.find_tables()`.
"""

from __future__ import annotations

import ctypes

MIN_RULE = 10.0  # points: shorter strokes are underlines, ticks or bullets, not table rules
MIN_RULES = 3  # horizontal and vertical rules a page needs before it is searched for tables

Word = tuple[str, float, float, float, float]  # text, x0, top, x1, bottom


def page_edges(page, page_top: float) -> tuple[list[dict], bool]:
    """(straight horizontal/vertical edges in pdfplumber's top-down form, page has any graphics at all).

    Read through pdfium's C functions directly (pypdfium2's page.get_objects wraps every object in Python
    helper objects, which cost more than the reading): the same objects in the same order, forms descended
    to the same depth (3 levels), each path's own matrix."""
    from pypdfium2 import PdfiumError, raw

    edges: list[dict] = []
    graphics = False
    fx, fy = ctypes.c_float(), ctypes.c_float()
    matrix = raw.FS_MATRIX()
    path_kind, image_kind = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE
    count_segments, get_segment, get_point = raw.FPDFPath_CountSegments, raw.FPDFPath_GetPathSegment, \
        raw.FPDFPathSegment_GetPoint
    segment_type, segment_closes = raw.FPDFPathSegment_GetType, raw.FPDFPathSegment_GetClose
    moveto, lineto = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO
    for obj, kind in _objects(raw, PdfiumError, page.raw, False, 0):
        if kind != path_kind and kind != image_kind:
            continue
        graphics = True
        if kind != path_kind:
            continue
        if not raw.FPDFPageObj_GetMatrix(obj, matrix):
            raise PdfiumError("Failed to get matrix of pageobject.")
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        start = current = None
        for i in range(count_segments(obj)):
            segment = get_segment(obj, i)
            get_point(segment, fx, fy)
            x, y = fx.value, fy.value
            point = (a * x + c * y + e, b * x + d * y + f)
            step = segment_type(segment)
            if step == moveto:
                start = current = point
            elif step == lineto and current is not None:
                _add_edge(edges, current, point, page_top)
                current = point
            else:  # a curve: its end point continues the path, the curve itself is no rule
                current = point
            if segment_closes(segment) and start is not None and current is not None:
                _add_edge(edges, current, start, page_top)
                current = start
    return edges, graphics


MAX_FORM_DEPTH = 3  # form XObjects descended into: the page's objects, and forms two deep


def _objects(raw, error, parent, in_form: bool, level: int):
    """(object, type) of every object on the page in content order, a form's objects after the form."""
    count = raw.FPDFFormObj_CountObjects(parent) if in_form else raw.FPDFPage_CountObjects(parent)
    if count < 0:
        raise error("Failed to get number of pageobjects.")
    get = raw.FPDFFormObj_GetObject if in_form else raw.FPDFPage_GetObject
    for i in range(count):
        obj = get(parent, i)
        if not obj:
            raise error("Failed to get pageobject.")
        kind = raw.FPDFPageObj_GetType(obj)
        yield obj, kind
        if kind == raw.FPDF_PAGEOBJ_FORM and level < MAX_FORM_DEPTH - 1:
            yield from _objects(raw, error, obj, True, level + 1)


def _add_edge(edges: list[dict], a: tuple[float, float], b: tuple[float, float], page_top: float) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) < 0.1 and abs(x1 - x0) > 0:
        top = page_top - (y0 + y1) / 2
        left, right = min(x0, x1), max(x0, x1)
        edges.append({"x0": left, "x1": right, "top": top, "bottom": top, "width": right - left, "height": 0,
                      "orientation": "h", "object_type": "line"})
    elif abs(x0 - x1) < 0.1 and abs(y1 - y0) > 0:
        top, bottom = page_top - max(y0, y1), page_top - min(y0, y1)
        x = (x0 + x1) / 2
        edges.append({"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0, "height": bottom - top,
                      "orientation": "v", "object_type": "line"})


def may_hold_table(edges: list[dict]) -> bool:
    horizontal = sum(1 for e in edges if e["orientation"] == "h" and e["width"] >= MIN_RULE)
    vertical = sum(1 for e in edges if e["orientation"] == "v" and e["height"] >= MIN_RULE)
    return horizontal >= MIN_RULES and vertical >= MIN_RULES


class _EdgesOnlyPage:
    """What pdfplumber's TableFinder reads from a page with the default ("lines") strategy."""

    def __init__(self, edges: list[dict], bbox: tuple[float, float, float, float]):
        self.edges = edges
        self.bbox = bbox
        self.chars: list = []


def find_tables(edges: list[dict], words: list[Word], width: float, height: float) -> list[dict]:
    """Tables as {"bbox", "rows", "xs"}: rows of cell text, empty columns and rows dropped, boxes round a
    single paragraph (fewer than two rows or columns) not counted as tables."""
    from pdfplumber.table import TableFinder

    found = []
    for table in TableFinder(_EdgesOnlyPage(edges, (0, 0, width, height))).tables:
        x0, top, x1, bottom = table.bbox  # a word centred in a cell is centred in the table: look at those only
        near = [w for w in words if x0 <= (w[1] + w[3]) / 2 < x1 and top <= (w[2] + w[4]) / 2 < bottom]
        rows = [[_cell_text(cell, near) if cell else "" for cell in row.cells] for row in table.rows]
        cols = [x for x in range(len(rows[0]) if rows else 0) if any(r[x] for r in rows)]
        rows = [[r[x] for x in cols] for r in rows if any(r[x] for x in cols)]
        if len(rows) < 2 or len(cols) < 2:
            continue
        found.append({"bbox": table.bbox, "rows": rows, "xs": sorted({round(c[0]) for c in table.cells})})
    return found


def _cell_text(cell: tuple[float, float, float, float], words: list[Word]) -> str:
    """Words whose centre lies in the cell (pdfplumber's rule), line by line, left to right."""
    x0, top, x1, bottom = cell
    inside = [w for w in words if x0 <= (w[1] + w[3]) / 2 < x1 and top <= (w[2] + w[4]) / 2 < bottom]
    inside.sort(key=lambda w: (w[2], w[1]))
    lines: list[list[Word]] = []
    for word in inside:
        if lines and abs(word[2] - lines[-1][0][2]) < (word[4] - word[2]) * 0.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    return " ".join(w[0] for line in lines for w in sorted(line, key=lambda w: w[1]))
