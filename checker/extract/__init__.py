"""Extractor registry: choose a reader by sniffing content (the suffix only breaks ties), never trust the name.

Each extractor module exposes `extract(path: Path) -> Document` and raises InputError for unreadable input.
Modules are imported lazily so `tendercheck --version` stays fast.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from checker import limits
from checker.errors import InputError
from checker.model import Document

EXTRACTORS = {
    "pdf": "checker.extract.pdf",
    "docx": "checker.extract.docx",
    "doc": "checker.extract.doc",
    "txt": "checker.extract.text",
    "md": "checker.extract.text",
    "ocds": "checker.extract.ocds",
    "odt": "checker.extract.office:extract_odt",
    "rtf": "checker.extract.office:extract_rtf",
    "ods": "checker.extract.office:extract_ods",
    "xls": "checker.extract.office:extract_xls",
    "xlsx": "checker.extract.sheet",
    "zip": "checker.extract.archive",  # a tender pack: checker.pack reads its members
}
SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".txt": "txt", ".md": "md", ".markdown": "md", ".json": "ocds",
            ".jsonl": "ocds", ".ndjson": "ocds",
            ".odt": "odt", ".rtf": "rtf", ".ods": "ods", ".xls": "xls", ".xlsx": "xlsx", ".xlsm": "xlsx", ".zip": "zip"}
# A folder walk takes tender formats only: READMEs and notes beside the tenders are not tenders.
FOLDER_SUFFIXES = (".pdf", ".docx", ".doc", ".json", ".jsonl", ".ndjson", ".odt", ".rtf", ".ods", ".xls",
                   ".xlsx", ".xlsm", ".zip")
BINARY_FORMATS = ("pdf", "docx", "doc", "odt", "rtf", "ods", "xls", "xlsx", "zip")
ODF_MIMETYPES = {"application/vnd.oasis.opendocument.text": "odt",
                 "application/vnd.oasis.opendocument.spreadsheet": "ods"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sniff(path: Path) -> str:
    """The format the bytes really are; InputError when they are none we read."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise InputError(path, f"cannot open: {exc.strerror or exc}") from None
    suffix_format = SUFFIXES.get(path.suffix.lower())
    if not head:
        raise InputError(path, "empty file (0 bytes)", code="empty")
    if head[:4] == b"PK\x03\x04":  # before the PDF test: a ZIP storing a PDF has %PDF- in its first KiB
        return _sniff_zip(path, suffix_format)
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head[:8] == OLE_MAGIC:
        return _sniff_ole(path)
    if head[:5] == b"{\\rtf":
        return "rtf"
    text = _decode_text(head)
    if text is None:
        what = f"not a {suffix_format.upper()} file" if suffix_format in BINARY_FORMATS else "not a document"
        raise InputError(path, f"{what}: unrecognised binary content", code="unrecognised")
    stripped = text.lstrip()
    if stripped[:1] in ("{", "[") and (suffix_format == "ocds" or _looks_like_ocds(path)):
        return "ocds"
    if suffix_format in BINARY_FORMATS:
        raise InputError(path, f"named .{suffix_format} but contains plain text, not a {suffix_format.upper()}",
                         code="mislabelled")
    if suffix_format == "ocds":
        raise InputError(path, "JSON file is not an OCDS release or record package", code="unsupported")
    return suffix_format if suffix_format in ("txt", "md") else "txt"


def _sniff_zip(path: Path, suffix_format: str | None) -> str:
    """A ZIP is a Word or Excel file, an OpenDocument file (by its mimetype member), or else a tender pack."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype")[:100].decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        what = f"a .{suffix_format} must be a valid ZIP" if suffix_format in BINARY_FORMATS else "a pack must be a valid ZIP"
        raise InputError(path, f"corrupt ZIP container ({exc}); {what}", code="corrupt") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype in ODF_MIMETYPES:
        return ODF_MIMETYPES[mimetype]
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        raise InputError(path, f"OpenDocument file of a kind we do not read ({mimetype}); save it as PDF",
                         code="unsupported")
    if suffix_format in ("docx", "xlsx", "odt", "ods"):
        inner = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}.get(suffix_format, "an OpenDocument mimetype")
        raise InputError(path, f"ZIP archive without {inner}: not a {suffix_format.upper()} document",
                         code="unrecognised")
    return "zip"


def _sniff_ole(path: Path) -> str:
    """An OLE2 compound file: Word 97-2003 is read; Excel, PowerPoint, Outlook and password-protected
    Office 2007+ files (which are OLE containers too) are named, so the cause is clear."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
    except Exception as exc:  # noqa: BLE001 - olefile raises OleFileError, ValueError, ... on a damaged file
        raise InputError(path, f"corrupt OLE2 file ({str(exc)[:200] or type(exc).__name__})", code="corrupt") from None
    if "WordDocument" in streams:
        return "doc"
    if "EncryptedPackage" in streams:
        raise InputError(path, "password-protected Office document: a password is required", code="encrypted")
    if streams & {"Workbook", "Book"}:
        return "xls"
    if "PowerPoint Document" in streams:
        raise InputError(path, "PowerPoint 97-2003 file (.ppt) is not supported; save it as PDF", code="unsupported")
    if any(name.startswith("__substg1.0_") for name in streams):
        raise InputError(path, "Outlook message (.msg) is not supported; save its attachments and check those",
                         code="unsupported")
    raise InputError(path, "OLE2 compound file that is not a Word document", code="unrecognised")


def _decode_text(head: bytes) -> str | None:
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    for enc in ("utf-8", "utf-16"):
        try:
            return head.decode(enc)
        except UnicodeDecodeError as exc:
            if enc == "utf-8" and exc.start > len(head) - 4:  # a multibyte char cut by the 8 KiB read
                return head[: exc.start].decode("utf-8")
    printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in head)
    return head.decode("latin-1") if printable / len(head) > 0.95 else None


def _looks_like_ocds(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536).decode("utf-8", "ignore")
    except OSError:
        return False
    return any(k in head for k in ('"releases"', '"records"', '"ocid"'))


def read_document(path: str | Path, ocr: bool = True) -> Document:
    """Read one file into a Document; InputError (one-line cause) for anything unreadable.

    ocr: read PDF pages that have no text layer with Tesseract, when it is installed."""
    path, fmt, module = _reader(path)
    return _finish(_guarded(path, fmt, _options(module.extract, fmt, ocr)), path, fmt)


def read_documents(path: str | Path, ocr: bool = True, cache: bool = False) -> list[Document]:
    """The documents one file holds: one, except an OCDS package, which holds a notice per release.

    cache: take them from the extraction cache (checker.cache) when this file's bytes were read before with the
    same options by the same tool, and store them there after reading."""
    path, fmt, module = _reader(path)
    digest = sha256_of(path)
    entry = _cache_entry(digest, fmt, ocr) if cache else None
    if entry is not None:
        from checker import cache as cache_mod

        hit = cache_mod.get("extract", entry)
        if isinstance(hit, tuple) and len(hit) == 2 and isinstance(hit[1], list):
            documents = _moved(hit[0], hit[1], path, digest)
            for document in documents:
                limits.check_blocks(document)
            return documents
    split = module.extract_releases
    if split is None:
        documents = [_finish(_guarded(path, fmt, _options(module.extract, fmt, ocr)), path, fmt, digest)]
    else:
        documents = _guarded(path, fmt, split)
        for document in documents:
            document.sha256 = digest
    for document in documents:
        limits.check_blocks(document)
    if entry is not None:
        cache_mod.put("extract", entry, (str(path), documents))
    return documents


def _cache_entry(digest: str, fmt: str, ocr: bool) -> str:
    """The extraction cache key: the file's bytes (by their SHA-256), its format, the OCR option, the limits the
    readers apply (a tighter page or OCR limit must not be served a document read under a looser one) and
    which external readers are installed (Tesseract reads scans, antiword and LibreOffice .doc and .odt
    files); the tool's own version and code come in through cache.key."""
    import shutil

    from checker import cache

    tools = [shutil.which(name) or "" for name in ("tesseract", "antiword", "soffice", "libreoffice")]
    current = limits.current()
    read_limits = [getattr(current, name) for name in ("file_mb", "pages", "ocr_pages", "unpacked_mb", "ratio")]
    return cache.key("extract", digest, fmt, ocr, *tools, *read_limits)


def _moved(stored: str, documents: list[Document], path: Path, digest: str) -> list[Document]:
    """Cached documents read from another path with the same bytes: their paths (`<file>` or, for OCDS
    notices, `<file>#<ocid>`) named after this one."""
    for document in documents:
        if document.path.startswith(stored):
            document.path = str(path) + document.path[len(stored):]
        document.sha256 = digest
    return documents


def _options(read, fmt: str, ocr: bool):
    """The reader with the options its format takes (only PDF pages are OCR'd)."""
    return functools.partial(read, ocr=ocr) if fmt == "pdf" else read


def _reader(path: str | Path):
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file or directory", code="missing")
    if path.is_dir():
        raise InputError(path, "is a directory", code="unsupported")
    limits.check_file_size(path)
    fmt = sniff(path)
    return path, fmt, reader_for(fmt)


class _Reader:
    """A format's reader: a module's extract (and extract_releases), or one function of a module."""

    def __init__(self, spec: str):
        module_name, _, function = spec.partition(":")
        module = importlib.import_module(module_name)
        self.extract = getattr(module, function or "extract")
        self.extract_releases = None if function else getattr(module, "extract_releases", None)


def reader_for(fmt: str) -> _Reader:
    return _Reader(EXTRACTORS[fmt])


def _guarded(path: Path, fmt: str, read):
    try:
        return read(path)
    except InputError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise InputError(path, f"too large or deeply nested to read ({type(exc).__name__})", code="corrupt") from None
    except Exception as exc:  # noqa: BLE001 - a library choking on a malformed file is an input problem, not a crash
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise InputError(path, f"cannot read {fmt.upper()}: {detail}", code="corrupt") from None


def _finish(document: Document, path: Path, fmt: str, digest: str | None = None) -> Document:
    document.path = str(path)
    document.format = fmt if fmt != "txt" or document.format != "md" else document.format
    document.sha256 = digest or sha256_of(path)
    return document


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, InputError | None]]:
    """Expand the user's paths: files as given, directories walked for supported suffixes (sorted).

    Yields (path, None) for each file to read, (path, InputError) for a path that is itself a problem.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield path, InputError(path, "no such file or directory", code="missing")
        elif path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES and not _hidden(p, path)
                and (p.suffix.lower() not in (".json", ".jsonl", ".ndjson") or _looks_like_ocds(p))  # other JSON in
                # a folder is not ours
            )
            if not found:
                yield path, InputError(path, "directory holds no supported documents (.pdf .docx .doc .odt .rtf .xlsx "
                                             ".ods .zip, OCDS .json; .txt and .md are read only when named)",
                                       code="empty-directory")
            for p in found:
                yield p, None
        else:
            yield path, None


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
