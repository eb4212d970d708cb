"""OpenDocument text (.odt), RTF, OpenDocument spreadsheets (.ods) and Excel 97-2003 workbooks (.xls): converted by LibreOffice headless (from
Debian: libreoffice-writer-nogui, libreoffice-calc-nogui) in a private temporary folder, then read by the DOCX
or spreadsheet reader, so headings, lists and tables survive. Without LibreOffice the file is one InputError
naming what to install; nothing is written next to the input.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from checker.errors import InputError
from checker.model import Document

WRITER_HINT = "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui), or save it as .docx"
CALC_HINT = "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-calc-nogui), or save it as .xlsx"
WHAT = {"odt": ("OpenDocument text (.odt)", "docx", "docx:MS Word 2007 XML", WRITER_HINT),
        "rtf": ("RTF", "docx", "docx:MS Word 2007 XML", WRITER_HINT),
        "ods": ("OpenDocument spreadsheet (.ods)", "xlsx", "xlsx:Calc MS Excel 2007 XML", CALC_HINT),
        "xls": ("Excel 97-2003 workbook (.xls)", "xlsx", "xlsx:Calc MS Excel 2007 XML", CALC_HINT)}


def soffice() -> str | None:
    from checker.extract.doc import SOFFICE_NAMES

    return next((where for name in SOFFICE_NAMES if (where := shutil.which(name))), None)


def extract_odt(path: Path) -> Document:
    return _extract(path, "odt")


def extract_rtf(path: Path) -> Document:
    return _extract(path, "rtf")


def extract_ods(path: Path) -> Document:
    return _extract(path, "ods")


def extract_xls(path: Path) -> Document:
    return _extract(path, "xls")


def _extract(path: Path, fmt: str) -> Document:
    from checker.extract import docx as docx_reader
    from checker.extract import sheet as sheet_reader

    what, suffix, filter_name, hint = WHAT[fmt]
    tool = soffice()
    if tool is None:
        raise InputError(path, f"{what} needs LibreOffice, which is not installed: {hint}", code="converter-missing")
    with tempfile.TemporaryDirectory(prefix=f"tendercheck-{fmt}-") as tmp:
        converted = convert(path, tool, Path(tmp), fmt, suffix, filter_name)
        document = (sheet_reader.extract(converted, fmt) if suffix == "xlsx" else docx_reader.extract(converted))
    document.format = fmt
    document.metadata["converter"] = "libreoffice"
    return document


def convert(path: Path, tool: str, tmp: Path, fmt: str, suffix: str, filter_name: str) -> Path:
    """path converted by LibreOffice into tmp/out/*.<suffix>; InputError when it produced nothing."""
    from checker.extract.doc import SOFFICE_TIMEOUT, _ConversionFailed, _first_line, _run

    out_dir = tmp / "out"
    out_dir.mkdir()
    # The input is copied under a plain name: LibreOffice picks its import filter by the suffix too.
    source = tmp / f"input.{fmt}"
    shutil.copyfile(path, source)
    argv = [tool, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
            "--nolockcheck", "--nodefault", "--nologo", "--convert-to", filter_name, "--outdir", str(out_dir),
            str(source)]
    try:
        result = _run(argv, SOFFICE_TIMEOUT, {**os.environ, "HOME": str(tmp)})
    except _ConversionFailed as exc:
        raise InputError(path, f"LibreOffice could not convert it: {exc}", code="corrupt") from None
    produced = sorted(out_dir.glob(f"*.{suffix}"))
    if not produced:
        detail = _first_line(result.stderr) or _first_line(result.stdout) or f"exit status {result.returncode}"
        raise InputError(path, f"LibreOffice could not convert it ({detail})", code="corrupt")
    return produced[0]
