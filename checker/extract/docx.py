"""DOCX: body paragraphs and tables in document order (walking the body XML), headings from styles, outline
levels and numbering, list items, merged and nested table cells once each, text boxes and footnotes next to the
paragraph that holds them, section headers and footers once each.

DOCX has no reliable pages: a block's page comes from Word's last rendered page breaks when the file has them,
else from explicit page breaks, else it is None. Comments, tracked deletions and charts are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from checker import limits
from checker.errors import InputError
from checker.extract.docx_numbering import Numbering
from checker.extract.layout import BULLET, KEY_VALUE, LABELLED, NUMBERED
from checker.model import Block, Document, Location, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
TRANSPARENT = {f"{W}hyperlink", f"{W}ins", f"{W}smartTag", f"{W}fldSimple", f"{W}customXml", f"{W}sdtContent",
               f"{W}moveTo", f"{W}dir", f"{W}bdo"}
SKIPPED = {f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr", f"{W}sdtPr", f"{W}sdtEndPr", f"{MC}Fallback"}


@dataclass
class _Para:
    """One paragraph as read, before it is classified."""

    text: str
    page: int | None
    style: str
    style_level: int | None
    ilvl: int | None  # numbering level when the paragraph is numbered
    bold: bool
    label: str = ""  # Word's automatic number, e.g. "4.2"
    notes: list[str] = field(default_factory=list)
    boxes: list[_Para] = field(default_factory=list)


class _Reader:
    def __init__(self, document, notes: dict[str, str]):
        self.document = document
        self.notes = notes
        body = document.element.body
        if body.find(f".//{W}lastRenderedPageBreak") is not None:
            self.mode = "rendered"
        elif body.find(f".//{W}br[@{W}type='page']") is not None or body.find(f".//{W}pageBreakBefore") is not None:
            self.mode = "explicit"
        else:
            self.mode = None
        self.page = 1 if self.mode else None
        self.style_cache: dict[str, tuple[str, int | None, bool, bool]] = {}
        self.styles = {style.style_id: style for style in document.styles}
        self.numbering = Numbering(document)

    # -- paragraphs ---------------------------------------------------------------------------------------
    def paragraph(self, p) -> _Para:
        ppr = p.find(f"{W}pPr")
        style_id = None
        ilvl = None
        num_id = None
        own_level = None
        if ppr is not None:
            ps = ppr.find(f"{W}pStyle")
            style_id = ps.get(f"{W}val") if ps is not None else None
            if self.mode == "explicit" and ppr.find(f"{W}pageBreakBefore") is not None:
                self._break()
            num = ppr.find(f"{W}numPr")
            if num is not None and num.find(f"{W}numId") is not None:
                num_id = num.find(f"{W}numId").get(f"{W}val")  # "0" switches off a style's numbering
                lvl = num.find(f"{W}ilvl")
                ilvl = int(lvl.get(f"{W}val", "0")) if lvl is not None and lvl.get(f"{W}val", "0").isdigit() else 0
            outline = ppr.find(f"{W}outlineLvl")
            if outline is not None and outline.get(f"{W}val", "9").isdigit() and int(outline.get(f"{W}val")) < 9:
                own_level = int(outline.get(f"{W}val")) + 1
        name, style_level, style_bold, style_numbered, style_num = self._style(style_id)
        label = ""
        if num_id is None and style_num is not None:
            num_id, ilvl = style_num
            if ilvl is None:
                ilvl = self.numbering.level_for_style(num_id, style_id) or 0
        if num_id == "0":
            num_id, ilvl = None, None
        elif num_id is not None:
            label = self.numbering.label(num_id, ilvl or 0)
        if ilvl is None and style_numbered:
            ilvl = 0
        para = _Para("", None, name, own_level or style_level, ilvl, False, label=label)
        parts: list[str] = []
        bold_runs: list[bool] = []
        started = [False]

        def on_text(text: str, bold: bool):
            if text.strip():
                if not started[0]:
                    started[0] = True
                    para.page = self.page
                bold_runs.append(bold)
            parts.append(text)

        def on_break():
            if started[0] or not parts:
                self._break()

        self._walk(p, para, on_text, on_break, style_bold)
        if para.page is None:
            para.page = self.page
        if self.mode == "explicit" and ppr is not None:
            sect = ppr.find(f"{W}sectPr")
            if sect is not None:
                kind = sect.find(f"{W}type")
                if kind is None or kind.get(f"{W}val") != "continuous":
                    self._break()
        para.text = " ".join("".join(parts).split())
        para.bold = bool(bold_runs) and all(bold_runs)
        return para

    def _break(self):
        if self.page is not None:
            self.page += 1

    def _walk(self, element, para: _Para, on_text, on_break, style_bold: bool):
        for child in element:
            tag = child.tag
            if tag in SKIPPED:
                continue
            if tag == f"{W}r":
                self._run(child, para, on_text, on_break, style_bold)
            elif tag in TRANSPARENT or tag == f"{W}sdt" or tag == f"{MC}AlternateContent" or tag == f"{MC}Choice":
                self._walk(child, para, on_text, on_break, style_bold)

    def _run(self, run, para: _Para, on_text, on_break, style_bold: bool):
        rpr = run.find(f"{W}rPr")
        bold = style_bold
        if rpr is not None:
            b = rpr.find(f"{W}b")
            if b is not None:
                bold = b.get(f"{W}val", "true") not in ("0", "false", "off")
        for child in run:
            tag = child.tag
            if tag == f"{W}t":
                on_text(child.text or "", bold)
            elif tag in (f"{W}tab", f"{W}cr"):
                on_text(" ", bold)
            elif tag == f"{W}br":
                if child.get(f"{W}type") == "page" and self.mode == "explicit":
                    on_break()
                else:
                    on_text(" ", bold)
            elif tag == f"{W}lastRenderedPageBreak" and self.mode == "rendered":
                on_break()
            elif tag == f"{W}noBreakHyphen":
                on_text("-", bold)
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                note = self.notes.get(("f" if "foot" in tag else "e") + child.get(f"{W}id", ""))
                if note:
                    para.notes.append(note)
            elif tag in (f"{W}drawing", f"{W}pict", f"{MC}AlternateContent", f"{W}object"):
                self._text_boxes(child, para)

    def _text_boxes(self, element, para: _Para):
        for box in element.iter(f"{W}txbxContent"):
            if any(a.tag == f"{MC}Fallback" for a in box.iterancestors()):
                continue  # the VML fallback repeats the DrawingML text box
            for p in box.iter(f"{W}p"):
                if p.getparent().tag == f"{W}txbxContent" or p.getparent().tag == f"{W}tc":
                    inner = self.paragraph(p)
                    if inner.text:
                        para.boxes.append(inner)

    def _style(self, style_id: str | None) -> tuple[str, int | None, bool, bool, tuple[str, int | None] | None]:
        """(name, heading level, bold, numbered, (numId, ilvl) of its list) of a paragraph style, following
        basedOn."""
        key = style_id or ""
        if key in self.style_cache:
            return self.style_cache[key]
        name, level, bold, numbered, num = "Normal", None, False, False, None
        style = self.styles.get(style_id) if style_id else self.document.styles.default(1)
        seen = 0
        first = True
        while style is not None and seen < 10:
            seen += 1
            if first:
                name = style.name or name
                first = False
            m = HEADING_STYLE.match(style.name or "")
            if level is None and m:
                level = int(m.group(1))
            elif level is None and (style.name or "").lower() in ("title",):
                level = 1
            ppr = style.element.find(f"{W}pPr")
            if ppr is not None:
                outline = ppr.find(f"{W}outlineLvl")
                if level is None and outline is not None and outline.get(f"{W}val", "9").isdigit() \
                        and int(outline.get(f"{W}val")) < 9:
                    level = int(outline.get(f"{W}val")) + 1
                num_id = ppr.find(f"{W}numPr/{W}numId")
                if num_id is not None and num_id.get(f"{W}val", "0") != "0":
                    numbered = True
                    if num is None:
                        lvl = ppr.find(f"{W}numPr/{W}ilvl")
                        value = lvl.get(f"{W}val", "0") if lvl is not None else None
                        num = (num_id.get(f"{W}val"), int(value) if value and value.isdigit() else None)
            if not bold and style.font.bold:
                bold = True
            style = style.base_style
        if name.lower().startswith("list") and not name.lower().startswith("list paragraph"):
            numbered = True
        self.style_cache[key] = (name, level, bold, numbered, num)
        return self.style_cache[key]

    # -- tables -------------------------------------------------------------------------------------------
    def table(self, tbl) -> tuple[list[list[str]], int, int | None, list]:
        """(grid, header rows, page, nested tables). Merged cells keep their text in the top-left cell only."""
        page = self.page
        grid: list[list[str]] = []
        header_rows = 0
        nested: list = []
        for tr in _rows(tbl):
            row: list[str] = []
            trpr = tr.find(f"{W}trPr")
            if trpr is not None:
                before = trpr.find(f"{W}gridBefore")
                if before is not None and before.get(f"{W}val", "0").isdigit():
                    row += [""] * int(before.get(f"{W}val"))
                if trpr.find(f"{W}tblHeader") is not None and header_rows == len(grid):
                    header_rows += 1
            for tc in _cells(tr):
                tcpr = tc.find(f"{W}tcPr")
                span, continued = 1, False
                if tcpr is not None:
                    gs = tcpr.find(f"{W}gridSpan")
                    if gs is not None and gs.get(f"{W}val", "1").isdigit():
                        span = max(1, int(gs.get(f"{W}val")))
                    vm = tcpr.find(f"{W}vMerge")
                    continued = vm is not None and vm.get(f"{W}val", "continue") == "continue"
                texts = []
                for child in _cell_children(tc):
                    if child.tag == f"{W}p":
                        para = self.paragraph(child)
                        texts += [para.text] + para.notes + [b.text for b in para.boxes]
                    elif child.tag == f"{W}tbl":
                        nested.append(child)
                text = " ".join(t for t in texts if t)
                row += ["" if continued else text] + [""] * (span - 1)
            grid.append(row)
        width = max((len(r) for r in grid), default=0)
        grid = [r + [""] * (width - len(r)) for r in grid]
        return grid, header_rows or 1, page, nested


def _unwrapped(element, tags: tuple[str, ...]):
    """Children with these tags, looking through content controls (w:sdt) and custom XML wrappers."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                yield from _unwrapped(content, tags)


def _rows(tbl):
    return _unwrapped(tbl, (f"{W}tr",))


def _cells(tr):
    return _unwrapped(tr, (f"{W}tc",))


def _cell_children(tc):
    return _unwrapped(tc, (f"{W}p", f"{W}tbl"))


def _body_items(container):
    """Paragraphs and tables of a body (or header) in order, looking inside content controls."""
    for child in container:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml", f"{W}ins"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                yield from _body_items(content)


def _notes(document) -> dict[str, str]:
    """Footnote and endnote texts by 'f<id>' / 'e<id>'; separators left out."""
    from docx.oxml import parse_xml

    found: dict[str, str] = {}
    for rel in document.part.rels.values():
        kind = "f" if rel.reltype.endswith("/footnotes") else "e" if rel.reltype.endswith("/endnotes") else None
        if kind is None or rel.is_external:
            continue
        root = parse_xml(rel.target_part.blob)
        for note in root:
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join("".join(t.text or "" for t in note.iter(f"{W}t")).split())
            if text:
                found[kind + note.get(f"{W}id", "")] = text
    return found


def _app_pages(document) -> int | None:
    for rel in document.part.package.rels.values():
        if rel.reltype.endswith("/extended-properties") and not rel.is_external:
            m = re.search(rb"<(?:\w+:)?Pages>(\d+)</", rel.target_part.blob)
            return int(m.group(1)) if m else None
    return None


class _Classifier:
    """Gives each paragraph its kind and keeps the heading path."""

    def __init__(self):
        self.headings: list[tuple[int, str]] = []
        self.strong_depth = 0

    def section(self) -> str | None:
        return " > ".join(t for _, t in self.headings) or None

    def kind(self, para: _Para, following: _Para | None) -> tuple[str, int | None]:
        """(kind, heading level); a heading's text, with Word's number in front, is self.headings[-1]."""
        text = para.text
        titled = f"{para.label} {text}" if para.label and not text.startswith(para.label) else text
        words = text.split()
        short = len(words) <= 14 and len(text) <= 120 and text[-1] not in ".,;"
        if para.style.lower().startswith("toc"):
            return "paragraph", None
        if para.style_level:
            if len(words) > 14:  # body text in a heading style: "Fees. Respondent shall submit ..."
                run_in = re.match(r"^([^.:]{2,60})[.:]\s", text)
                if run_in:
                    self._push(para.style_level, run_in.group(1), strong=True)
                return "paragraph", None
            return self._push(para.style_level, titled, strong=True)
        m = NUMBERED.match(text)
        if m and short and para.bold and not m.group(2)[0].islower():
            return self._push(m.group(1).count(".") + 1, text, strong=True)
        if LABELLED.match(text) and short and (para.bold or text.isupper()):
            return self._push(1, text, strong=True)
        heading_like = (len(words) <= 10 and len(text) <= 80 and text[-1] not in ".,;:" and text[0].isupper()
                        and not text[-1].isdigit() and "@" not in text and not BULLET.match(text)
                        and not KEY_VALUE.match(text))
        followed_by_body = following is not None and following.ilvl is None and not following.style_level
        if heading_like and (para.bold or (para.ilvl is not None and followed_by_body)):
            if re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){0,4}\.?", para.label):  # "4.2": its depth is its level
                return self._push(para.label.rstrip(".").count(".") + 1, titled, strong=True)
            level = self.strong_depth + (1 if text.isupper() else 2) + (para.ilvl or 0)
            return self._push(level, titled, strong=False)
        if para.ilvl is not None or BULLET.match(text):
            return "list_item", None
        return "paragraph", None

    def _push(self, level: int, text: str, strong: bool) -> tuple[str, int]:
        self.headings = [h for h in self.headings if h[0] < level]
        self.headings.append((level, text))
        if strong:
            self.strong_depth = level
        return "heading", level


# limits.unpacked_mb: a real tender DOCX unpacks to a few MB, more is a zip bomb; limits.ratio: Word's XML
# compresses about 10 to 35 times, a member of zeros over a thousand times
RATIO_FLOOR = 1024 * 1024  # members smaller than this unpack to too little to matter, whatever their ratio
PROLOG_BYTES = 64 * 1024  # what is read of each XML part to find its root element; Word writes ~60 bytes
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ROOT_TAG = re.compile(r"<[^?!]")


def _refuse_bombs(archive, path: Path) -> None:
    """InputError when the archive's headers say it unpacks past limits.unpacked_mb, or one member of over 1 MB
    unpacks to more than limits.ratio times its compressed size (zipfile stops reading a member at the size its
    header gives, so a header that lies is a CRC error, not a bomb)."""
    current = limits.current()
    infos = archive.infolist()
    most = current.on("unpacked_mb")
    unpacked = sum(info.file_size for info in infos)
    if most and unpacked > most * 1024 * 1024:
        raise InputError(path, limits.cause(f"DOCX would unpack to {unpacked / (1024 * 1024):,.0f} MB, over the "
                                            f"{most:g} MB limit: refusing a possible zip bomb", "unpacked_mb"),
                         code="too-large")
    ratio = current.on("ratio")
    for info in infos if ratio else ():
        if info.file_size > RATIO_FLOOR and info.file_size > ratio * max(info.compress_size, 1):
            raise InputError(path, limits.cause(
                f"DOCX part {info.filename} unpacks {info.file_size / max(info.compress_size, 1):,.0f} times its "
                f"compressed size, over the ratio limit of {ratio:g}: refusing a possible zip bomb", "ratio"),
                code="too-large")


def _refuse_dtds(archive, path: Path) -> None:
    """InputError for any XML part that declares a DTD: Word never writes one, and a DTD is where entity
    expansion (billion laughs) and external references (file:///etc/passwd, http://...) live. Only each
    part's prolog, the text before its root element, is read."""
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels")) or info.is_dir():
            continue
        with archive.open(info) as fh:
            head = fh.read(PROLOG_BYTES)
        encoding = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8"
        text = _COMMENT.sub("", head.decode(encoding, "ignore"))
        root = _ROOT_TAG.search(text)
        prolog = text[:root.start()] if root else text
        if "<!DOCTYPE" in prolog or "<!ENTITY" in prolog:
            raise InputError(path, f"DOCX part {info.filename} declares a DTD (<!DOCTYPE>): refusing XML entities "
                                   "and external references", code="unsafe-xml")
        if root is None and len(head) == PROLOG_BYTES:
            raise InputError(path, f"DOCX part {info.filename} has no root element in its first "
                                   f"{PROLOG_BYTES // 1024} KB: not a Word document part", code="corrupt")


def extract(path: Path) -> Document:
    import zipfile

    import docx

    with zipfile.ZipFile(path) as archive:
        _refuse_bombs(archive, path)
        _refuse_dtds(archive, path)
    document = docx.Document(str(path))
    reader = _Reader(document, _notes(document))
    classifier = _Classifier()
    blocks: list[Block] = []
    tables: list[Table] = []

    def add(kind: str, text: str, page: int | None, level: int | None = None, **where):
        if text:
            blocks.append(Block(kind, text, Location(page=page, block=len(blocks), section=classifier.section(),
                                                     **where), level))

    def add_table(tbl):
        grid, header_rows, page, nested = reader.table(tbl)
        if grid and any(any(c for c in r) for r in grid):
            index = len(tables)
            tables.append(Table(tuple(tuple(r) for r in grid), Location(page=page, section=classifier.section(),
                                                                        table=index), header_rows,
                                (page,) if page else ()))
            for r, row in enumerate(grid):
                for c, cell in enumerate(row):
                    add("table_cell", cell, page, table=index, row=r, col=c)
        for inner in nested:
            add_table(inner)

    _header_footer_blocks(document, reader, "header", add)
    items = list(_body_items(document.element.body))
    pending: _Para | None = None
    for element in items + [None]:
        para = reader.paragraph(element) if element is not None and element.tag == f"{W}p" else None
        if pending is not None:
            following = para if para is not None and para.text else None
            kind, level = classifier.kind(pending, following)
            add(kind, classifier.headings[-1][1] if kind == "heading" else pending.text, pending.page, level)
            for note in pending.notes:
                add("paragraph", note, pending.page)
            for box in pending.boxes:
                add("paragraph", box.text, box.page)
            pending = None
        if para is not None:
            if para.text:
                pending = para
            else:
                for box in para.boxes:
                    add("paragraph", box.text, box.page)
        elif element is not None:
            add_table(element)
    _header_footer_blocks(document, reader, "footer", add)

    counted = reader.page if reader.page is not None else 1
    pages = max(counted, _app_pages(document) or 0)
    core = document.core_properties
    metadata = {k: v for k, v in (("title", core.title), ("author", core.author), ("subject", core.subject)) if v}
    return Document(path=str(path), sha256="", format="docx", pages=pages, blocks=blocks, tables=tables,
                    metadata=metadata)


def _header_footer_blocks(document, reader: _Reader, kind: str, add) -> None:
    """Each section's own header/footer parts once (linked ones belong to an earlier section), text once."""
    seen_parts: set = set()
    seen_text: set[str] = set()
    saved = reader.page
    reader.page = None  # running text has no page of its own
    try:
        for section in document.sections:
            variants = [section.header, section.even_page_header, section.first_page_header] if kind == "header" \
                else [section.footer, section.even_page_footer, section.first_page_footer]
            for part in variants:
                if part.is_linked_to_previous:
                    continue
                element = part._element  # python-docx has no public XML root for a header part
                if id(element) in seen_parts:
                    continue
                seen_parts.add(id(element))
                for text in _texts(element, reader):
                    if text not in seen_text:
                        seen_text.add(text)
                        add(kind, text, None)
    finally:
        reader.page = saved


def _texts(container, reader: _Reader):
    for item in _body_items(container):
        if item.tag == f"{W}p":
            para = reader.paragraph(item)
            if para.text:
                yield para.text
            for box in para.boxes:
                yield box.text
        else:
            grid, _, _, nested = reader.table(item)
            for row in grid:
                yield from (c for c in row if c)
            for inner in nested:
                yield from _texts_table(inner, reader)


def _texts_table(tbl, reader: _Reader):
    grid, _, _, nested = reader.table(tbl)
    for row in grid:
        yield from (c for c in row if c)
    for inner in nested:
        yield from _texts_table(inner, reader)
