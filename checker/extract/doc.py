"""Legacy binary Word (.doc, Word 97-2003): converted by a Debian tool, never parsed here.

LibreOffice headless, when installed, converts the file to .docx in a private temporary folder and the DOCX
reader reads that, so tables, merged cells, numbering, headers and footers survive. Without it antiword's
DocBook output is read: headings (Word heading styles), paragraphs, bold, lists and tables as grids, but no
headers, footers or text boxes. With neither installed the file is one InputError naming what to install.
Converters run with a time limit and write only into the temporary folder, never next to the input.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from checker.errors import InputError
from checker.extract.docx import _Classifier, _Para
from checker.model import Block, Document, DocWarning, Location, Table

SOFFICE_NAMES = ("soffice", "libreoffice")
SOFFICE_TIMEOUT = 180  # seconds: a first run creates a LibreOffice profile, which takes a few seconds
ANTIWORD_TIMEOUT = 60
INSTALL_HINT = ("install antiword (Debian/Ubuntu: apt-get install antiword) or LibreOffice "
                "(apt-get install libreoffice-writer-nogui), or save the file as .docx or PDF")
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SECTIONS = {"chapter": 1, "sect1": 2, "sect2": 3, "sect3": 4, "sect4": 5, "sect5": 6, "section": None}
LISTS = ("itemizedlist", "orderedlist")
TABLES = ("informaltable", "table")


def converters() -> dict[str, str]:
    """The converters on PATH, best first: {'libreoffice': path, 'antiword': path}."""
    found = {}
    for name in SOFFICE_NAMES:
        if where := shutil.which(name):
            found["libreoffice"] = where
            break
    if where := shutil.which("antiword"):
        found["antiword"] = where
    return found


def extract(path: Path) -> Document:
    info = _ole_info(path)
    tools = converters()
    if not tools:
        raise InputError(path, f"legacy Word .doc needs a converter that is not installed: {INSTALL_HINT}",
                         code="converter-missing")
    failures = []
    if "libreoffice" in tools:
        try:
            document = _via_libreoffice(path, tools["libreoffice"])
        except _ConversionFailed as exc:
            failures.append(f"LibreOffice: {exc}")
        else:
            return _finish(document, info, "libreoffice")
    if "antiword" in tools:
        try:
            document = _via_antiword(path, tools["antiword"])
        except _ConversionFailed as exc:
            failures.append(f"antiword: {exc}")
        else:
            if failures:  # LibreOffice was there but failed: say the reading is the thinner one
                document.warnings.append(DocWarning("converter-fallback", f"read with antiword ({failures[0]})"))
            return _finish(document, info, "antiword")
    raise InputError(path, f"cannot convert .doc ({'; '.join(failures)})", code="corrupt")


class _ConversionFailed(Exception):
    pass


def _ole_info(path: Path) -> dict:
    """Page count, title and author from the OLE summary; encrypted files refused here with a clear cause."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            fib = ole.openstream("WordDocument").read(12)
            meta = ole.get_metadata()
    except Exception as exc:  # noqa: BLE001 - olefile raises OleFileError, ValueError, ... on a damaged file
        raise InputError(path, f"corrupt legacy Word file ({str(exc)[:200] or type(exc).__name__})",
                         code="corrupt") from None
    if len(fib) >= 12 and int.from_bytes(fib[10:12], "little") & 0x0100:  # FIB fEncrypted
        raise InputError(path, "encrypted Word document: a password is required", code="encrypted")

    def text(value) -> str | None:
        if isinstance(value, bytes):
            value = value.decode("cp1252", "replace")
        value = (value or "").strip("\x00 \t\r\n")
        return value or None

    info = {"pages": meta.num_pages if isinstance(meta.num_pages, int) and meta.num_pages > 0 else None}
    for key in ("title", "author", "subject"):
        if value := text(getattr(meta, key, None)):
            info[key] = value
    return info


def _finish(document: Document, info: dict, converter: str) -> Document:
    document.format = "doc"
    document.pages = max(document.pages, info.get("pages") or 0, 1)
    for key in ("title", "author", "subject"):
        if key in info:
            document.metadata.setdefault(key, info[key])
    document.metadata["converter"] = converter
    return document


def _run(argv: list[str], timeout: int, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a converter in its own process group, so a timeout ends it and everything it started."""
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=env, start_new_session=True)
    except OSError as exc:
        raise _ConversionFailed(f"cannot run {Path(argv[0]).name}: {exc.strerror or exc}") from None
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        raise _ConversionFailed(f"gave no result within {timeout} s") from None
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def _first_line(data: bytes) -> str:
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[0][:200] if lines else ""


# -- LibreOffice -------------------------------------------------------------------------------------------
def _via_libreoffice(path: Path, soffice: str) -> Document:
    from checker.extract import docx as docx_reader

    with tempfile.TemporaryDirectory(prefix="tendercheck-doc-") as tmp:
        tmp_path = Path(tmp)
        out_dir = tmp_path / "out"
        out_dir.mkdir()
        # A private profile: no clash with a LibreOffice the user has open, nothing left in their home.
        profile = (tmp_path / "profile").as_uri()
        argv = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
                "--nodefault", "--nologo", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir),
                str(path.resolve())]
        env = {**os.environ, "HOME": tmp}
        result = _run(argv, SOFFICE_TIMEOUT, env)
        produced = sorted(out_dir.glob("*.docx"))
        if not produced:
            detail = _first_line(result.stderr) or _first_line(result.stdout) or f"exit status {result.returncode}"
            raise _ConversionFailed(f"no .docx produced ({detail})")
        return docx_reader.extract(produced[0])


# -- antiword ----------------------------------------------------------------------------------------------
def _via_antiword(path: Path, antiword: str) -> Document:
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    result = _run([antiword, "-x", "db", "-w", "0", str(path)], ANTIWORD_TIMEOUT, env)
    if result.returncode != 0 or not result.stdout.strip():
        message = _first_line(result.stderr) or f"exit status {result.returncode}"
        if "encrypt" in message.lower():
            raise InputError(path, "encrypted Word document: a password is required", code="encrypted")
        raise _ConversionFailed(message)
    text = XML_INVALID.sub(" ", result.stdout.decode("utf-8", "replace"))
    text = re.sub(r"<!DOCTYPE[^>]*>", "", text, count=1)  # the DTD is not fetched, and not needed
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise _ConversionFailed(f"unreadable DocBook output ({exc})") from None
    return _DocBook(path).read(root)


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _bold(element) -> bool:
    """All of the element's visible text is inside bold emphasis."""
    plain = (element.text or "").strip()
    if plain:
        return False
    seen = False
    for child in element:
        if child.tag == "emphasis" and child.get("role") == "bold":
            seen = seen or bool(_text(child))
        elif _text(child):
            return False
        if (child.tail or "").strip():
            return False
    return seen


class _DocBook:
    """antiword's DocBook to Blocks and Tables, with the DOCX reader's heading classifier."""

    def __init__(self, path: Path):
        self.path = path
        self.classifier = _Classifier()
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.pending: list[_Para] = []  # paragraphs waiting for the next one (the classifier looks ahead)

    def read(self, root) -> Document:
        metadata = {}
        title = root.find("title")
        if title is not None and _text(title):
            metadata["title"] = _text(title)
        for child in root:
            self.walk(child, 0)
        self.flush()
        return Document(path=str(self.path), sha256="", format="doc", pages=1, blocks=self.blocks,
                        tables=self.tables, metadata=metadata)

    def add(self, kind: str, text: str, level: int | None = None, **where) -> None:
        if text:
            self.blocks.append(Block(kind, text, Location(block=len(self.blocks), section=self.classifier.section(),
                                                          **where), level))

    def para(self, para: _Para) -> None:
        if para.text and para.text != "[pic]":
            self.pending.append(para)
            if len(self.pending) == 2:
                self._classify(self.pending.pop(0), self.pending[0])

    def flush(self) -> None:
        while self.pending:
            para = self.pending.pop(0)
            self._classify(para, self.pending[0] if self.pending else None)

    def _classify(self, para: _Para, following: _Para | None) -> None:
        kind, level = self.classifier.kind(para, following)
        self.add(kind, self.classifier.headings[-1][1] if kind == "heading" else para.text, level)

    def walk(self, element, list_depth: int) -> None:
        tag = element.tag
        if tag in ("bookinfo", "title"):
            return
        if tag in SECTIONS:
            title = element.find("title")
            if title is not None and _text(title):
                level = SECTIONS[tag] or 1
                self.para(_Para(_text(title), None, f"Heading {level}", level, None, _bold(title)))
            for child in element:
                if child.tag != "title":
                    self.walk(child, list_depth)
        elif tag == "para":
            tables = [child for child in element if child.tag in TABLES]
            if tables:
                for child in element:
                    if child.tag in TABLES:
                        self.table(child)
                return
            self.para(_Para(_text(element), None, "List Paragraph" if list_depth else "Normal", None,
                            list_depth - 1 if list_depth else None, _bold(element)))
        elif tag in LISTS:
            for item in element:
                self.walk(item, list_depth + 1)
        elif tag == "listitem":
            for child in element:
                self.walk(child, list_depth)
        elif tag in TABLES:
            self.table(element)
        else:
            for child in element:
                self.walk(child, list_depth)

    def table(self, element) -> None:
        self.flush()
        grid: list[list[str]] = []
        header_rows = 0
        for group in element.iter("tgroup"):
            for part in group:
                if part.tag not in ("thead", "tbody", "tfoot"):
                    continue
                for row in part.iter("row"):
                    grid.append([_text(entry) for entry in row if entry.tag == "entry"])
                    if part.tag == "thead":
                        header_rows += 1
        width = max((len(r) for r in grid), default=0)
        grid = [r + [""] * (width - len(r)) for r in grid if any(r)]
        if not grid:
            return
        index = len(self.tables)
        section = self.classifier.section()
        self.tables.append(Table(tuple(tuple(r) for r in grid), Location(section=section, table=index),
                                 header_rows or 1))
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                self.add("table_cell", cell, table=index, row=r, col=c)
