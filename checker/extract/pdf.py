"""PDF: text, word boxes and ruling lines from pypdfium2 (fast); tables by pdfplumber's finder on those lines.

Per page: characters -> line segments -> reading order (two columns when a gutter is found) -> headers and
footers (text repeated at the top or bottom of most pages, page numbers) -> blocks. Table text is taken out of
the flow and kept as a Table plus table_cell blocks; a table continuing on the next page becomes one Table.
"""

from __future__ import annotations

import ctypes
import os
import re
from collections import deque
from dataclasses import replace
from pathlib import Path

from checker import limits
from checker.errors import InputError
from checker.extract.layout import Line, Segment, build_blocks, find_running_lines, order_segments
from checker.extract.pdf_tables import Word, find_tables, may_hold_table, page_edges
from checker.limits import DEFAULTS
from checker.model import Block, Document, DocWarning, Location

# the defaults of limits.ocr_pages (scanned pages read by OCR, a few seconds each; the rest stay unread) and
# limits.pages (the longest real tender packs run to hundreds of pages; a page tree past this is refused)
MAX_OCR_PAGES = DEFAULTS.ocr_pages
MAX_PAGES = DEFAULTS.pages
WORD = re.compile(r"[^\s]+|\n")
SUSPECT = re.compile(r"[.,;:)\]][A-Za-z(]|[a-z][A-Z]")  # words that may be two glued by position
CONTROL = str.maketrans({"\r": "\n", "\x02": "-", "\x00": " ", "\ufffe": " ", "\uffff": " ",
                         # Symbol/Wingdings bullets that fonts map into the private use area
                         **dict.fromkeys("\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf06e\uf0e0\uf0d7\uf02d", "\u2022")})


def extract(path: Path, ocr: bool = True) -> Document:
    """ocr: read pages that have no text layer with Tesseract when it is installed (checker.extract.ocr)."""
    import pypdfium2 as pdfium

    pdf = _open(path, pdfium)
    reader = _OcrReader() if ocr else None
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise InputError(path, "PDF has no pages (truncated or corrupt)", code="corrupt")
        max_pages = limits.current().on("pages")
        if max_pages and n_pages > max_pages:
            raise InputError(path, limits.cause(f"PDF has {n_pages:,} pages, more than the {max_pages:,}-page "
                                                "limit (a page tree built to exhaust the reader?)", "pages"),
                             code="limit")
        pages: list[list[Segment]] = []
        sizes: list[tuple[float, float]] = []
        warnings: list[DocWarning] = []
        tables: dict[int, list[dict]] = {}
        scanned: list[int] = []  # pages with graphics and no text layer
        for index in range(n_pages):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as exc:  # one broken page must not lose the others
                warnings.append(DocWarning("page-unreadable", f"page {index + 1} could not be read ({exc})",
                                           Location(page=index + 1)))
                pages.append([])
                sizes.append(sizes[-1] if sizes else (612.0, 792.0))
                continue
            try:
                width, height = page.get_size()
                page_top = page.get_bbox()[3]  # inherited boxes resolved (get_mediabox falls back to Letter)
                segments, words = _page_segments(page, page_top)
                edges, has_graphics = page_edges(page, page_top)
                if may_hold_table(edges):
                    tables[index] = _tables(edges, words, width, height, index, warnings)
                if not segments and has_graphics:
                    scanned.append(index)
                    if reader is not None:
                        reader.submit(index, page)
            finally:
                page.close()
            pages.append(segments)
            sizes.append((width, height))
        metadata = _metadata(pdf)
    except BaseException:
        if reader is not None:
            reader.close()
        raise
    finally:
        pdf.close()

    ocr_pages = _apply_ocr(reader, scanned, pages, sizes, tables, warnings)
    running = find_running_lines(pages, sizes)
    page_lines: list[list[Line]] = []
    for index, segments in enumerate(pages):
        page_lines.append(order_segments(segments, sizes[index][0], tables.get(index, []), running[index]))
    blocks, doc_tables = build_blocks(page_lines)
    if ocr_pages:
        blocks = _mark_ocr(blocks, ocr_pages)
        warnings.append(_ocr_warning(ocr_pages, reader))
        metadata["ocr_pages"] = [index + 1 for index in sorted(ocr_pages)]
    return Document(path=str(path), sha256="", format="pdf", pages=n_pages, blocks=blocks, tables=doc_tables,
                    metadata=metadata, warnings=warnings)


class _OcrReader:
    """Renders scanned pages in the calling thread (pdfium is not thread-safe) and OCRs them in worker
    threads, each running one Tesseract process; at most a few rendered pages wait in memory."""

    def __init__(self):
        from checker.extract import ocr

        self.ocr = ocr
        self.engine = ocr.engine()
        self.workers = max(1, min(4, os.cpu_count() or 1))
        self.pool = None
        self.futures: dict = {}
        self.skipped: set[int] = set()  # past MAX_OCR_PAGES

    def submit(self, index: int, page) -> None:
        from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

        if self.engine is None:
            return
        most = limits.current().on("ocr_pages")
        if most is not None and len(self.futures) >= most:
            self.skipped.add(index)
            return
        if self.pool is None:
            self.pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="tendercheck-ocr")
        pending = [f for f in self.futures.values() if not f.done()]
        if len(pending) >= 2 * self.workers:
            wait(pending, return_when=FIRST_COMPLETED)
        try:
            image = self.ocr.render(page)
        except Exception as exc:  # noqa: BLE001 - a page that cannot be rendered stays unread, with the cause
            self.futures[index] = _Done(self.ocr.OcrPage(error=f"cannot render the page ({exc})"))
            return
        self.futures[index] = self.pool.submit(self.ocr.read_page, image, self.ocr.DPI, self.engine)

    def results(self) -> dict:
        found = {}
        try:
            for index, future in self.futures.items():
                try:
                    found[index] = future.result()
                except Exception as exc:  # noqa: BLE001 - one page's OCR failing must not lose the document
                    found[index] = self.ocr.OcrPage(error=f"{type(exc).__name__}: {exc}")
        finally:
            self.close()
        return found

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


class _Done:
    def __init__(self, value):
        self.value = value

    def done(self) -> bool:
        return True

    def result(self):
        return self.value


def _apply_ocr(reader: _OcrReader | None, scanned: list[int], pages: list[list[Segment]],
               sizes: list[tuple[float, float]], tables: dict[int, list[dict]], warnings: list[DocWarning]) -> dict:
    """Put OCR'd text in place of empty pages; a page still unread keeps its no-text-layer warning, saying why.
    Returns {page index: OcrPage} of the pages read by OCR."""
    results = reader.results() if reader is not None else {}
    done = {}
    for index in scanned:
        result = results.get(index)
        where = Location(page=index + 1)
        if result is not None and result.segments:
            pages[index] = result.segments
            done[index] = result
            if may_hold_table(result.edges):
                tables[index] = _tables(result.edges, result.words, *sizes[index], index, warnings)
            if result.confidence is not None and result.confidence < reader.ocr.LOW_CONFIDENCE:
                warnings.append(DocWarning(
                    "ocr-low-confidence", f"page {index + 1} has no text layer and OCR read it with low confidence "
                    f"({result.confidence:.0f}%): a person must check it", where))
            continue
        if result is not None and result.has_nothing_to_read:
            state = "blank" if result.blank else "blacked out (a redaction?)"
            warnings.append(DocWarning("page-without-text", f"page {index + 1} has no text: it is {state}", where))
            continue  # nothing on it to read, so absence elsewhere is not in doubt
        message = f"page {index + 1} has no text layer (a scanned image?); its text was not read"
        if reader is None:
            pass  # --no-ocr
        elif reader.engine is None:
            message += f" ({reader.ocr.INSTALL_HINT})"
        elif index in reader.skipped:
            message += f" (OCR stops after {limits.current().ocr_pages} pages: limits.ocr_pages)"
        elif result is not None and result.error:
            message += f" (OCR failed: {result.error})"
        elif result is not None:
            message += " (OCR found no text on it)"
        warnings.append(DocWarning("no-text-layer", message, where))
    return done


def _mark_ocr(blocks: list[Block], ocr_pages: dict) -> list[Block]:
    """Each block on an OCR'd page gets the mean confidence of its words (the page's, for words not matched)."""
    queues: dict[int, dict[str, deque]] = {}
    for index, result in ocr_pages.items():
        words: dict[str, deque] = {}
        for word, conf in result.confidences:
            words.setdefault(word, deque()).append(conf)
        queues[index + 1] = words
    marked = []
    for block in blocks:
        words = queues.get(block.location.page)
        if words is None:
            marked.append(block)
            continue
        confs = [words[token].popleft() for token in block.text.split() if words.get(token)]
        page_conf = ocr_pages[block.location.page - 1].confidence or 0.0
        conf = sum(confs) / len(confs) if confs else page_conf
        marked.append(replace(block, ocr_confidence=round(conf, 1)))
    return marked


def _ocr_warning(ocr_pages: dict, reader: _OcrReader) -> DocWarning:
    numbers = [index + 1 for index in sorted(ocr_pages)]
    confs = [c for result in ocr_pages.values() for _, c in result.confidences]
    mean = sum(confs) / len(confs) if confs else 0.0
    return DocWarning(
        "ocr", f"page{'s' if len(numbers) > 1 else ''} {_page_ranges(numbers)} had no text layer and "
        f"{'were' if len(numbers) > 1 else 'was'} read by OCR ({reader.engine.version}, mean word confidence "
        f"{mean:.0f}%): quotes from {'them' if len(numbers) > 1 else 'it'} may hold misread characters",
        Location(page=numbers[0]))


def _page_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> '1-3, 5'."""
    parts: list[str] = []
    start = prev = None
    for n in numbers + [None]:
        if start is not None and (n is None or n != prev + 1):
            parts.append(str(start) if start == prev else f"{start}-{prev}")
            start = None
        if n is not None:
            start = n if start is None else start
            prev = n
    return ", ".join(parts)


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


def _page_segments(page, page_top: float) -> tuple[list[Segment], list[Word]]:
    """Runs of words on one line, split where the text jumps back or leaves a wide gap; top-down coords.

    The page text comes in one call; boxes are fetched only for the first and last character of each word,
    which is what makes this several times faster than a per-character loop.
    """
    from pypdfium2 import raw

    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        text = _page_text(raw, tp)
        rect = raw.FS_RECTF()
        ink = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top of a glyph's ink
        segments: list[Segment] = []
        all_words: list[Word] = []  # for table cells
        words: list[str] = []
        boxes: list[tuple[float, float, float, float]] = []
        first = last = 0

        def box_of(index: int) -> tuple[float, float, float, float]:
            raw.FPDFText_GetLooseCharBox(tp, index, rect)
            return rect.left, page_top - rect.top, rect.right, page_top - rect.bottom

        def ink_of(index: int) -> tuple[float, float, float, float]:
            raw.FPDFText_GetCharBox(tp, index, *ink)
            return ink[0].value, 0.0, ink[1].value, 0.0  # left, -, right, - (only the gaps are wanted)

        def flush():
            if words:
                x0 = min(b[0] for b in boxes)
                x1 = max(b[2] for b in boxes)
                top = min(b[1] for b in boxes)
                bottom = max(b[3] for b in boxes)
                size = boxes[0][3] - boxes[0][1]  # the loose box, so a scaled text matrix still gives the size
                lead = _is_bold(raw, tp, first)
                bold = lead and (last == first or _is_bold(raw, tp, last))
                segments.append(Segment(" ".join(words), x0, top, x1, bottom, round(size, 1), bold, lead))
                words.clear()
                boxes.clear()

        for word_start, word_end in _words(text, box_of, ink_of):
            if word_start < 0:  # a line break
                flush()
                continue
            word = text[word_start:word_end + 1]
            a = box_of(word_start)
            b = box_of(word_end) if word_end != word_start else a
            box = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
            if boxes:
                prev = boxes[-1]
                height = max(prev[3] - prev[1], 1.0)
                same_line = abs((box[1] + box[3]) - (prev[1] + prev[3])) / 2 < height * 0.5
                gap = box[0] - prev[2]
                if not same_line or gap < -height or gap > height * 3:
                    flush()
            if not words:
                first = word_start
            last = word_end
            words.append(word)
            boxes.append(box)
            all_words.append((word, *box))
        flush()
        return segments, all_words
    finally:
        textpage.close()


def _words(text: str, box_of, ink_of):
    """(first, last) character index of each word; (-1, -1) for a line break. pdfium leaves out the space
    where text is placed by position ("2.<tab>Construction"): a word that looks glued ("2.Construction",
    "SubstantialCompletion") is split at any gap between its characters wider than a narrow space."""
    for match in WORD.finditer(text):
        if match.group() == "\n":
            yield -1, -1
            continue
        start, end = match.start(), match.end() - 1
        if end - start < 2 or (end - start < 12 and not SUSPECT.search(match.group())):
            yield start, end
            continue
        piece = start
        prev_loose = box_of(start)
        height = prev_loose[3] - prev_loose[1]
        prev_ink = ink_of(start)
        for k in range(start + 1, end + 1):
            loose, ink = box_of(k), ink_of(k)
            # a gap past the advance width (not just a narrow glyph such as "." next to "1") and in the ink
            if loose[0] - prev_loose[2] > height * 0.08 and ink[0] - prev_ink[2] > height * 0.18:
                yield piece, k - 1
                piece = k
            prev_loose, prev_ink = loose, ink
        yield piece, end


def _page_text(raw, tp) -> str:
    """The text page's characters, one per index, line breaks as newlines (pdfium's \\r\\n, \\x02 hyphens)."""
    count = raw.FPDFText_CountChars(tp)
    if count <= 0:
        return ""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = raw.FPDFText_GetText(tp, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", errors="surrogatepass")
    if len(text) != count:  # characters outside the BMP: fall back to one call per character
        text = "".join(chr(c) if 0 < (c := raw.FPDFText_GetUnicode(tp, k)) < 0x110000 else " " for k in range(count))
    return text.translate(CONTROL)


_FONT_NAME = ctypes.create_string_buffer(128)  # one buffer for every call (a page is read in one thread)
_FONT_FLAGS = ctypes.c_int()


def _is_bold(raw, tp, index: int) -> bool:
    weight = raw.FPDFText_GetFontWeight(tp, index)
    if weight >= 600:
        return True
    _FONT_NAME.value = b""
    raw.FPDFText_GetFontInfo(tp, index, _FONT_NAME, 128, ctypes.byref(_FONT_FLAGS))
    name = _FONT_NAME.value.decode("latin-1", "replace").lower()
    return "bold" in name or "black" in name or "heavy" in name or ",bd" in name


def _tables(edges, words, width, height, index: int, warnings: list[DocWarning]) -> list[dict]:
    try:
        return find_tables(edges, words, width, height)
    except Exception as exc:  # noqa: BLE001 - one unreadable table must not lose the page's text
        warnings.append(DocWarning("table-unreadable", f"page {index + 1}: a table could not be read ({exc})",
                                   Location(page=index + 1)))
        return []
