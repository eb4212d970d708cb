"""Findings where commissioners work: a copy of their own Word draft with one comment per finding.

Each comment is anchored on the words its evidence quotes. The finding's DOCX location (block index, or table,
row and column) picks the paragraph or table cell the extractor read; inside it the quote picks the runs, and
runs are split at the quote's ends where that is safe. A finding about the whole document, or one whose
words cannot be found, sits on the title (else the first heading, else the first paragraph). Comments are
written by author AUTHOR: annotating a reviewed copy again removes its earlier tendercheck comments first, so
they never stack. The draft is only read; the copy is written whole or not at all.

Other formats cannot carry Word comments: for them `annotate` writes the HTML report beside the document.
"""

from __future__ import annotations

import contextlib
import copy
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from checker.errors import InputError, OutputError
from checker.report.common import citation_text, clean, one_line, safe_url, waiver_note

AUTHOR = "tendercheck"
INITIALS = "TC"
XML_NS = "http://www.w3.org/XML/1998/namespace"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
# Containers whose runs are the paragraph's own text, and what is never read (as checker/extract/docx.py).
_TRANSPARENT = {f"{W}hyperlink", f"{W}ins", f"{W}smartTag", f"{W}fldSimple", f"{W}customXml", f"{W}sdtContent",
                f"{W}moveTo", f"{W}dir", f"{W}bdo", f"{W}sdt"}
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_FRAGMENT_SPLIT = ("\u2026", "...", "****", ": ", " | ", "; ")


@dataclass
class Outcome:
    """What annotate() wrote: the path, and for a DOCX how many comments (waived ones among them) it holds."""

    path: Path
    kind: str  # "docx" (a commented copy) or "html" (the report beside a PDF or other document)
    comments: int = 0
    waived: int = 0
    replaced: int = 0  # earlier tendercheck comments taken out of the copy
    report: object = None  # the checker.results.Report the copy was made from


def default_output(path: Path, fmt: str) -> Path:
    """DRAFT.docx -> DRAFT.reviewed.docx; any other document -> DOC.report.html, beside it."""
    return path.with_name(f"{path.stem}.reviewed.docx" if fmt == "docx" else f"{path.stem}.report.html")


def annotate(path, output=None, options=None) -> Outcome:
    """Check one document and write its reviewed copy (DOCX) or HTML report (anything else)."""
    from checker.api import check

    source = Path(path)
    if not source.is_file():
        raise InputError(source, "no such file" if not source.exists() else "not a file", code="missing")
    report = check([str(source)], options)
    if report.errors:
        problem = report.errors[0]
        raise InputError(problem.path, problem.message, code=problem.code)
    if len(report.documents) != 1:
        raise InputError(source, f"holds {len(report.documents)} documents; annotate takes one", code="unsupported")
    result = report.documents[0]
    fmt = result.document.format
    target = Path(output) if output else default_output(source, fmt)
    _refuse_same_file(source, target)
    from checker import output as output_mod

    output_mod.check_target(target)
    if fmt != "docx":
        from checker.report import html

        output_mod.write_text(target, html.render(report))
        return Outcome(target, "html", report=report)
    made = write_reviewed(source, result, target)
    made.report = report
    return made


def _refuse_same_file(source: Path, target: Path) -> None:
    same = target.resolve() == source.resolve()
    with contextlib.suppress(OSError):
        same = same or (target.exists() and os.path.samefile(source, target))
    if same:
        raise OutputError(target, "is the document being checked: the draft is never written to; give another "
                                  "-o/--output")


def write_reviewed(source: Path, result, target: Path) -> Outcome:
    """Write target: source with its earlier tendercheck comments taken out and one comment per finding."""
    document = _open(source)
    replaced = remove_comments(document)
    anchors = _Anchors(document, result.document)
    waived = 0
    for finding in result.findings:
        runs, whole = anchors.runs_for(finding)
        comment = document.add_comment(runs, text="", author=AUTHOR, initials=INITIALS)
        _fill(comment, finding, whole)
        waived += finding.waived
    _save(document, target)
    return Outcome(target, "docx", comments=len(result.findings), waived=waived, replaced=replaced)


def _open(source: Path):
    import docx

    try:
        return docx.Document(str(source))
    except Exception as exc:  # noqa: BLE001 - it was read a moment ago; any failure now is about this file
        raise InputError(source, f"cannot open for annotating: {one_line(str(exc), 200) or type(exc).__name__}",
                         code="corrupt") from None


def _save(document, target: Path) -> None:
    """Saved whole or not at all: a temporary file beside target, renamed into place."""
    fd, temp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.",
                                suffix=".partial")
    os.close(fd)
    try:
        document.save(temp)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temp, 0o666 & ~mask)
        os.replace(temp, target)
    except OSError as exc:
        raise OutputError(target, f"cannot write: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


# -- comment text ---------------------------------------------------------------------------------------------

def comment_lines(finding, whole_document: bool = False) -> list[str]:
    """The comment's paragraphs: headline, problem, fix, sources, waiver, and the rule id with its fingerprint."""
    label = "REVIEW" if finding.kind == "review" else finding.severity.upper()
    headline = getattr(finding, "headline", None) or finding.title  # the problem, as the reports head it
    head = f"{'WAIVED ' if finding.waived else ''}{label} \u00b7 Step {finding.step} \u00b7 {one_line(headline)}"
    lines = [head, f"Problem: {one_line(finding.message)}"]
    if whole_document:
        lines.append("Where: the whole document (this comment sits on its title)")
    if finding.fix:
        lines.append(f"Fix: {clean(finding.fix).strip()}")
    for citation in finding.citations:
        url = safe_url(citation.get("url"))
        lines.append(f"Source: {citation_text(citation)}" + (f" {url}" if url else ""))
    if finding.waived:
        note = waiver_note(finding)
        lines.append(note[0].upper() + note[1:])
    lines.append(f"{AUTHOR} {finding.rule} \u00b7 {finding.fingerprint}")
    return lines


def _fill(comment, finding, whole: bool) -> None:
    lines = comment_lines(finding, whole)
    comment.paragraphs[0].add_run(lines[0]).bold = True
    for line in lines[1:]:
        label, sep, rest = line.partition(": ")
        paragraph = comment.add_paragraph()
        if sep and label in ("Problem", "Where", "Fix", "Source", "Waived"):
            paragraph.add_run(label + ": ").bold = True
            paragraph.add_run(rest)
        else:
            paragraph.add_run(line)


# -- earlier tendercheck comments -----------------------------------------------------------------------------

def remove_comments(document, author: str = AUTHOR) -> int:
    """Take every comment by author out of document (its text, its range marks and its reference runs, and its
    entries in Word's commentsExtended/commentsIds parts); the number removed."""
    part = document.part
    comments_part = next((rel.target_part for rel in part.rels.values()
                          if rel.reltype.endswith("/comments") and not rel.is_external), None)
    if comments_part is None:
        return 0
    root = comments_part.element
    ours = [c for c in root.findall(f"{W}comment") if c.get(f"{W}author") == author]
    if not ours:
        return 0
    ids = {c.get(f"{W}id") for c in ours}
    para_ids = {p.get(f"{W14}paraId") for c in ours for p in c.iter(f"{W}p")} - {None}
    for comment in ours:
        root.remove(comment)
    body = document.element
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for mark in list(body.iter(f"{W}{tag}")):
            if mark.get(f"{W}id") in ids:
                mark.getparent().remove(mark)
    for ref in list(body.iter(f"{W}commentReference")):
        if ref.get(f"{W}id") in ids:
            run = ref.getparent()
            if run.tag == f"{W}r" and all(child.tag in (f"{W}rPr", f"{W}commentReference") for child in run):
                run.getparent().remove(run)
            else:
                run.remove(ref)
    if para_ids:
        _drop_extended(part, para_ids)
    return len(ours)


def _drop_extended(part, para_ids: set[str]) -> None:
    """Entries of removed comments in commentsExtended / commentsIds / commentsExtensible (Word 2013+)."""
    from lxml import etree

    durable: set[str] = set()
    for suffix in ("/commentsExtended", "/commentsIds", "/commentsExtensible"):
        for rel in part.rels.values():
            if rel.is_external or not rel.reltype.endswith(suffix):
                continue
            target = rel.target_part
            try:
                root = etree.fromstring(target.blob, etree.XMLParser(resolve_entities=False, no_network=True))
            except etree.XMLSyntaxError:
                continue
            changed = False
            for child in list(root):
                attrs = {etree.QName(k).localname: v for k, v in child.attrib.items()}
                if attrs.get("paraId") in para_ids or attrs.get("durableId") in durable:
                    if attrs.get("durableId"):
                        durable.add(attrs["durableId"])
                    root.remove(child)
                    changed = True
            if changed:
                target._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- anchors ------------------------------------------------------------------------------------------------

def _squash(text: str) -> tuple[str, list[int]]:
    """text without whitespace, case-folded where that keeps one character, and the index of each kept
    character in text: whitespace differences (tabs, breaks, reflowed lines) never stop a quote matching."""
    chars, where = [], []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        low = ch.lower()
        chars.append(low if len(low) == 1 else ch)
        where.append(i)
    return "".join(chars), where


def _run_text(run) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag in (f"{W}tab", f"{W}cr", f"{W}br"):
            parts.append(" ")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _runs(paragraph) -> list:
    """The paragraph's own runs in reading order (inside links, insertions and content controls; never in
    deletions, text boxes or fallbacks)."""
    found = []
    for child in paragraph:
        if child.tag == f"{W}r":
            found.append(child)
        elif child.tag in _TRANSPARENT or child.tag in (f"{_MC}AlternateContent", f"{_MC}Choice"):
            found.extend(_runs(child))
    return found


def _split(run, at: int):
    """Split a run holding one w:t at character at; the new right-hand run (None when the run is not that
    simple, or at is not inside it)."""
    texts = [c for c in run if c.tag != f"{W}rPr"]
    if len(texts) != 1 or texts[0].tag != f"{W}t":
        return None
    text = texts[0].text or ""
    if not 0 < at < len(text):
        return None
    right = copy.deepcopy(run)
    right_t = next(c for c in right if c.tag == f"{W}t")
    texts[0].text, right_t.text = text[:at], text[at:]
    for t in (texts[0], right_t):
        t.set(f"{{{XML_NS}}}space", "preserve")
    run.addnext(right)
    return right


class _Anchors:
    """Finds, for each finding, the runs of the draft its comment belongs on."""

    def __init__(self, document, extracted):
        from checker.extract.docx import _body_items, _cell_children, _cells, _notes, _Reader, _rows

        self.document = document
        self.blocks = extracted.blocks
        self._cell_children, self._cells, self._rows = _cell_children, _cells, _rows
        body = document.element.body
        self.paragraphs = [item for item in _body_items(body) if item.tag == f"{W}p"]
        self.tables: list = []  # in the extractor's order: tables with text, each followed by its nested ones
        reader = _Reader(document, _notes(document))

        def walk(tbl):
            grid = reader.table(tbl)[0]
            if grid and any(any(c for c in row) for row in grid):
                self.tables.append(tbl)
            for tr in _rows(tbl):
                for tc in _cells(tr):
                    for child in _cell_children(tc):
                        if child.tag == f"{W}tbl":
                            walk(child)

        self.cell_paragraphs: list = []
        for item in _body_items(body):
            if item.tag == f"{W}tbl":
                walk(item)
        for tbl in self.tables:
            self.cell_paragraphs.extend(p for p in tbl.iter(f"{W}p")
                                        if not any(a.tag == f"{W}txbxContent" for a in p.iterancestors()))

    # -- which paragraphs ---------------------------------------------------------------------------------
    def _cell(self, location):
        if location.table is None or location.row is None or location.col is None:
            return None
        if not 0 <= location.table < len(self.tables):
            return None
        for r, tr in enumerate(self._rows(self.tables[location.table])):
            if r != location.row:
                continue
            col = 0
            trpr = tr.find(f"{W}trPr")
            before = trpr.find(f"{W}gridBefore") if trpr is not None else None
            if before is not None and (before.get(f"{W}val") or "").isdigit():
                col = int(before.get(f"{W}val"))
            for tc in self._cells(tr):
                tcpr = tc.find(f"{W}tcPr")
                span_el = tcpr.find(f"{W}gridSpan") if tcpr is not None else None
                span = int(span_el.get(f"{W}val")) if span_el is not None and \
                    (span_el.get(f"{W}val") or "").isdigit() else 1
                if col <= location.col < col + max(1, span):
                    return [c for c in self._cell_children(tc) if c.tag == f"{W}p"]
                col += max(1, span)
        return None

    def _paragraph_for_block(self, index: int):
        if index is None or not 0 <= index < len(self.blocks):
            return None
        block = self.blocks[index]
        if block.kind in ("header", "footer", "table_cell"):
            return None
        want = _squash(block.text)[0]
        if not want:
            return None

        def same(text: str) -> bool:
            have = _squash(text)[0]
            return bool(have) and (have == want or (block.kind == "heading" and want.endswith(have)))

        earlier = sum(1 for b in self.blocks[:index] if b.kind not in ("header", "footer", "table_cell")
                      and _squash(b.text)[0] == want)
        matches = [p for p in self.paragraphs if same(self._text(p))]
        if not matches:
            return None
        return [matches[min(earlier, len(matches) - 1)]]

    def _title(self) -> list:
        styled = [(self._style_name(p), p) for p in self.paragraphs if self._text(p).strip()]
        for test in (lambda s: s == "title", lambda s: s.startswith("heading")):
            for style, p in styled:
                if test(style):
                    return [p]
        for block in self.blocks:
            if block.kind == "heading":
                found = self._paragraph_for_block(block.location.block)
                if found:
                    return found
        if styled:
            return [styled[0][1]]
        body = self.document.element.body
        first = next(iter(body.iter(f"{W}p")), None)
        if first is None:
            first = self.document.add_paragraph()._p
        return [first]

    def _style_name(self, p) -> str:
        from docx.text.paragraph import Paragraph

        try:
            return (Paragraph(p, self.document._body).style.name or "").lower()
        except Exception:  # noqa: BLE001 - a style the part does not define: not a title
            return ""

    @staticmethod
    def _text(p) -> str:
        return "".join(_run_text(r) for r in _runs(p))

    # -- which runs ---------------------------------------------------------------------------------------
    def runs_for(self, finding):
        """(python-docx Runs to anchor on, whether the comment is about the whole document)."""
        from docx.text.run import Run

        location = finding.location
        unit = self._cell(location) or self._paragraph_for_block(location.block)
        quote = clean(finding.evidence)
        whole = False
        span = self._span(unit, quote) if unit and quote else None
        if unit is None and quote:
            for paragraphs in ([p] for p in self.paragraphs + self.cell_paragraphs):
                span = self._span(paragraphs, quote, fragments=False)
                if span:
                    unit = paragraphs
                    break
        if unit is None:
            unit = self._title()
            whole = not quote and location.block is None
        if span is None:
            span = self._whole(unit)
        first, last = span
        return [Run(first, None), Run(last, None)], whole

    def _pieces(self, paragraphs) -> list[tuple[object, int, int]]:
        """(run, start, end) over the paragraphs' text joined by spaces."""
        pieces, pos = [], 0
        for p in paragraphs:
            for run in _runs(p):
                text = _run_text(run)
                pieces.append((run, pos, pos + len(text)))
                pos += len(text)
            pos += 1
        return pieces

    def _whole(self, paragraphs):
        runs = [r for r, start, end in self._pieces(paragraphs) if end > start]
        if not runs:
            from docx.text.paragraph import Paragraph

            run = Paragraph(paragraphs[0], self.document._body).add_run("")._r
            runs = [run]
        return runs[0], runs[-1]

    def _span(self, paragraphs, quote: str, fragments: bool = True):
        """The first and last run covering the quote (runs split at its ends), or None when it is not there."""
        pieces = self._pieces(paragraphs)
        text = [" "] * (pieces[-1][2] if pieces else 0)
        for run, start, end in pieces:
            text[start:end] = _run_text(run)
        have, where = _squash("".join(text))
        candidates = [quote]
        if fragments:
            parts = [quote]
            for sep in _FRAGMENT_SPLIT:
                parts = [piece for part in parts for piece in part.split(sep)]
            candidates += sorted((p.strip(" \"'\u201c\u201d\u2018\u2019") for p in parts), key=len, reverse=True)
        for candidate in candidates:
            want = _squash(candidate)[0]
            if len(want) < 8 and candidate is not quote:
                break
            at = have.find(want) if want else -1
            if at >= 0:
                return self._cover(pieces, where[at], where[at + len(want) - 1] + 1)
        return None

    def _cover(self, pieces, start: int, end: int):
        inside = [(run, s, e) for run, s, e in pieces if e > s and s < end and e > start]
        first_run, first_start, _ = inside[0]
        last_run, last_start, last_end = inside[-1]
        if first_run is last_run:
            right = _split(first_run, start - first_start)
            if right is not None:
                first_run, last_run, last_start = right, right, start
            if end < last_end:
                _split(last_run, end - last_start)
            return first_run, last_run
        right = _split(first_run, start - first_start)
        if right is not None:
            first_run = right
        if end < last_end:
            _split(last_run, end - last_start)
        return first_run, last_run
