"""OCR of PDF pages that have no text layer, with Tesseract (Debian: tesseract-ocr + tesseract-ocr-eng).

A page image (rendered by pypdfium2 at DPI) goes to the `tesseract` binary as PNG on stdin; its hOCR answer
gives words with boxes and confidences and lines with their text height. Words become the same Segments and
table Words the text layer gives, so reading order, running headers, headings and tables work as on any page.
Bold is judged from stroke width (Tesseract's LSTM engine does not report fonts), and the ruling lines of
tables are read from the image itself (long thin runs of dark pixels), so a scanned ruled table is a Table.

Tesseract runs one process per page with OMP_THREAD_LIMIT=1 (its OpenMP threads make one page several times
slower on a small machine); pages are read in parallel instead.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import signal
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from checker.extract.layout import Segment

DPI = 300
PAGE_TIMEOUT = 120  # seconds for one page
LANGUAGE = "eng"
INSTALL_HINT = "install tesseract-ocr and tesseract-ocr-eng to read it by OCR"
DARK = 140  # grey level below which a pixel is ink
LOW_CONFIDENCE = 50  # mean word confidence (0-100) below which a page's OCR text is not trusted
SIZE_SCALE = 1.12  # Tesseract's x_size is about the font size; pdfium's loose boxes, which sizes elsewhere come
# from, are the font's ascent to descent, about 1.12 times it for common fonts
HOCR = "{http://www.w3.org/1999/xhtml}"
TITLE_FIELD = re.compile(r"(\w+) ([^;]+)")


@dataclass(frozen=True)
class Engine:
    path: str
    version: str


EVEN_TONE, REDACTED_INK = 1.5, 0.85


@dataclass
class OcrPage:
    """One page as OCR read it; coordinates in points from the page's top-left, like the text layer's."""

    segments: list[Segment] = field(default_factory=list)
    words: list[tuple[str, float, float, float, float]] = field(default_factory=list)
    confidences: list[tuple[str, float]] = field(default_factory=list)  # (word, 0-100) in reading order
    edges: list[dict] = field(default_factory=list)
    error: str | None = None
    ink: float | None = None  # share of the page's pixels that are dark: ~1 when blacked out
    spread: float | None = None  # standard deviation of the page's grey levels: ~0 when it is one even tone

    @property
    def blank(self) -> bool:
        return self.spread is not None and self.spread < EVEN_TONE

    @property
    def has_nothing_to_read(self) -> bool:
        """A page with no words that is one even tone (blank paper) or one solid redaction: no text anyone could
        read. A faint or textured scan is neither, and stays unread."""
        return not self.segments and self.error is None and (self.blank or (self.ink or 0) > REDACTED_INK)

    @property
    def confidence(self) -> float | None:
        return sum(c for _, c in self.confidences) / len(self.confidences) if self.confidences else None


@functools.cache
def engine() -> Engine | None:
    """Tesseract with English data, or None when it is not installed (checked once per process)."""
    path = shutil.which("tesseract")
    if path is None:
        return None
    try:
        langs = subprocess.run([path, "--list-langs"], check=False, capture_output=True, timeout=20, text=True)
        version = subprocess.run([path, "--version"], check=False, capture_output=True, timeout=20, text=True)
    except (OSError, subprocess.SubprocessError):
        return None
    if LANGUAGE not in (langs.stdout + langs.stderr).split():
        return None
    first = (version.stdout or version.stderr).strip().splitlines()
    return Engine(path, first[0] if first else "tesseract")


def render(page, dpi: int = DPI):
    """The page as a greyscale PIL image at dpi (pdfium objects stay in the calling thread)."""
    return page.render(scale=dpi / 72, grayscale=True, may_draw_forms=True).to_pil().convert("L")


def read_page(image, dpi: int = DPI, tesseract: Engine | None = None) -> OcrPage:
    """OCR one rendered page (safe to call from a worker thread)."""
    tesseract = tesseract or engine()
    if tesseract is None:
        return OcrPage(error="Tesseract is not installed")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    try:
        hocr = _run([tesseract.path, "stdin", "stdout", "-l", LANGUAGE, "--psm", "3", "hocr"], buffer.getvalue())
    except _OcrFailed as exc:
        return OcrPage(error=str(exc))
    import numpy as np

    ink = np.asarray(image) < DARK
    page = _parse_hocr(hocr, ink, 72 / dpi)
    page.ink, page.spread = float(ink.mean()), float(np.asarray(image).std())
    from checker.isolation import beat

    beat()  # a page read: a worker's time limit starts again
    page.edges = _rules(ink, 72 / dpi, page.words)
    return page


class _OcrFailed(Exception):
    pass


def _run(argv: list[str], data: bytes) -> bytes:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                start_new_session=True)
    except OSError as exc:
        raise _OcrFailed(f"cannot run tesseract: {exc.strerror or exc}") from None
    try:
        out, err = proc.communicate(data, timeout=PAGE_TIMEOUT)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        raise _OcrFailed(f"tesseract gave no result within {PAGE_TIMEOUT} s") from None
    if proc.returncode != 0:
        lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
        raise _OcrFailed(f"tesseract failed ({lines[-1][:200] if lines else f'exit status {proc.returncode}'})")
    return out


def _title(element) -> dict[str, str]:
    return {k: v.strip() for k, v in TITLE_FIELD.findall(element.get("title", ""))}


def _bbox(fields: dict[str, str]) -> tuple[int, int, int, int] | None:
    try:
        x0, y0, x1, y1 = (int(v) for v in fields["bbox"].split())
    except (KeyError, ValueError):
        return None
    return x0, y0, x1, y1


def _parse_hocr(hocr: bytes, ink, scale: float) -> OcrPage:
    """Words (noise dropped) grouped into Segments: one per OCR line, split where a wide gap opens (table
    cells, a form's label and value)."""
    text = re.sub(rb"<!DOCTYPE[^>]*>", b"", hocr, count=1)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return OcrPage(error=f"unreadable OCR output ({exc})")
    page = OcrPage()
    stroke_of: list[tuple[Segment, float | None]] = []
    for line in root.iter(f"{HOCR}span"):
        if line.get("class") not in ("ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"):
            continue
        fields = _title(line)
        try:
            x_size = float(fields.get("x_size", "0"))
        except ValueError:
            x_size = 0.0
        words = []
        for span in line.iter(f"{HOCR}span"):
            if span.get("class") != "ocrx_word":
                continue
            word = "".join(span.itertext()).strip()
            wfields = _title(span)
            box = _bbox(wfields)
            try:
                conf = float(wfields.get("x_wconf", "0"))
            except ValueError:
                conf = 0.0
            if not word or box is None or _noise(word, conf):
                continue
            words.append((word, box, conf))
        if not words:
            continue
        line_box = _bbox(fields) or (min(w[1][0] for w in words), min(w[1][1] for w in words),
                                     max(w[1][2] for w in words), max(w[1][3] for w in words))
        height = x_size or (line_box[3] - line_box[1])
        group: list = []
        for word in words + [None]:
            if group and (word is None or word[1][0] - group[-1][1][2] > height * 1.5):
                segment = _segment(group, line_box, height, scale)
                stroke_of.append((segment, _stroke(ink, group, height)))
                group = []
            if word is not None:
                group.append(word)
                page.words.append((word[0], word[1][0] * scale, word[1][1] * scale, word[1][2] * scale,
                                   word[1][3] * scale))
                page.confidences.append((word[0], word[2]))
    strokes = sorted(s for _, s in stroke_of if s is not None)
    body = strokes[len(strokes) // 2] if strokes else None
    for segment, stroke in stroke_of:
        if body and stroke is not None and stroke > body * 1.3:
            segment.bold = segment.lead_bold = True
        page.segments.append(segment)
    return page


def _noise(word: str, conf: float) -> bool:
    """Specks, table rules and stray marks read as text."""
    if conf < 10:
        return True
    if not any(ch.isalnum() for ch in word):
        return conf < 50 or set(word) <= set("|_")
    return False


def _segment(group, line_box, height: float, scale: float) -> Segment:
    x0 = min(w[1][0] for w in group)
    x1 = max(w[1][2] for w in group)
    return Segment(" ".join(w[0] for w in group), x0 * scale, line_box[1] * scale, x1 * scale, line_box[3] * scale,
                   round(height * scale * SIZE_SCALE, 1), False)


def _stroke(ink, group, height: float) -> float | None:
    """Mean width of the horizontal ink runs inside the words, relative to the text height: bold strokes are
    wider. Runs longer than half the text height (underlines, rules, filled boxes) are left out."""
    import numpy as np

    total = runs = 0
    for _, (x0, y0, x1, y1), _ in group:
        cell = ink[y0:y1, x0:x1]
        if cell.size == 0:
            continue
        padded = np.zeros((cell.shape[0], cell.shape[1] + 2), dtype=np.int8)
        padded[:, 1:-1] = cell
        d = np.diff(padded, axis=1)
        starts = np.nonzero(d == 1)[1]
        ends = np.nonzero(d == -1)[1]
        lengths = ends - starts
        lengths = lengths[lengths <= max(height * 0.5, 2)]
        total += int(lengths.sum())
        runs += len(lengths)
    if runs < 20 or not height:
        return None
    return total / runs / height


def _rules(ink, scale: float, words=()) -> list[dict]:
    """Straight table rules in the image as pdfplumber edges (points, top-down): runs of ink at least
    10 points long and at most 2.5 points thick; a page so dark that it holds thousands of such runs is a
    photograph, not a table. Vertical runs are looked for outside the words read, so the stems of tall
    letters and brackets are no rules."""
    import numpy as np

    min_len = int(10 / scale)
    max_thick = max(int(2.5 / scale), 2)
    edges: list[dict] = []
    outside_words = ink.copy()
    for text, x0, top, x1, bottom in words:
        if any(ch.isalnum() for ch in text):
            outside_words[int(top / scale) + 1:int(bottom / scale) - 1, int(x0 / scale) + 1:int(x1 / scale) - 1] = False
    for orientation, mask in (("h", ink), ("v", outside_words.T)):
        padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
        padded[:, 1:-1] = mask
        d = np.diff(padded, axis=1)
        rows, starts = np.nonzero(d == 1)
        _, ends = np.nonzero(d == -1)
        keep = ends - starts >= min_len
        rows, starts, ends = rows[keep], starts[keep], ends[keep]
        if len(rows) > 20000:
            return []
        # one rule: [first row, last row, x0, x1, ink pixels, last row's run start, its end]. A scan turned by
        # a fraction of a degree draws a rule as a staircase of runs, so a run continues a rule when it
        # touches the run on the row before, and thickness is ink per unit of length, not rows spanned.
        groups: list[list[int]] = []
        active: list[list[int]] = []  # rules that reached the row before
        for r, a, b in zip(rows.tolist(), starts.tolist(), ends.tolist()):
            active = [g for g in active if g[1] >= r - 1]
            for g in active:
                if min(b, g[6]) - max(a, g[5]) >= -2:
                    if g[1] == r:  # a second run on the same row
                        g[6] = max(g[6], b)
                    else:
                        g[1], g[5], g[6] = r, a, b
                    g[2], g[3], g[4] = min(a, g[2]), max(b, g[3]), g[4] + b - a
                    break
            else:
                groups.append([r, r, a, b, b - a, a, b])
                active.append(groups[-1])
        for first, last, a, b, pixels, _, _ in groups:
            if b - a < min_len or pixels / (b - a) > max_thick:
                continue
            mid = (first + last + 1) / 2 * scale
            lo, hi = a * scale, b * scale
            if orientation == "h":
                edges.append({"x0": lo, "x1": hi, "top": mid, "bottom": mid, "width": hi - lo, "height": 0,
                              "orientation": "h", "object_type": "line"})
            else:
                edges.append({"x0": mid, "x1": mid, "top": lo, "bottom": hi, "width": 0, "height": hi - lo,
                              "orientation": "v", "object_type": "line"})
    return edges
