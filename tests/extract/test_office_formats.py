"""OpenDocument text, RTF and spreadsheets are read as text and tables: .xlsx with openpyxl, .odt, .rtf and .ods
through LibreOffice headless (made here from real files by LibreOffice itself). Without LibreOffice on PATH the
file is one error line naming it and what to install, exit 2, and the rest of the batch is still checked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.extract import read_document, sniff

ROOT = Path(__file__).resolve().parents[2]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs "
                                                           "libreoffice-writer-nogui and libreoffice-calc-nogui)")
RTF = (r"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}" "\n"
       r"{\pard\b 3 Evaluation\b0\par}" "\n"
       r"{\pard Tenders will be evaluated on quality and price. The total contract value is \'a32,500,000.\par}" "\n"
       r"\trowd\cellx3000\cellx6000\intbl Criterion\cell Weighting\cell\row" "\n"
       r"\trowd\cellx3000\cellx6000\intbl Quality\cell 60%\cell\row" "\n"
       r"\trowd\cellx3000\cellx6000\intbl Price\cell 40%\cell\row" "\n"
       r"\pard\par}")


def _workbook(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Evaluation"
    sheet.append(["Criterion", "Weighting"])
    sheet.append(["Quality", 0.6])
    sheet.append(["Price", 0.4])
    for row in (2, 3):
        sheet.cell(row, 2).number_format = "0%"
    prices = book.create_sheet("Prices")
    prices.append(["Item", "Annual price"])
    prices.append(["Befriending service", 250000])
    prices["B2"].number_format = '"£"#,##0'
    book.create_sheet("Empty")
    book.save(path)
    return path


def _spec_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Service Specification", 0)
    document.add_heading("2 How the service was designed", 1)
    document.add_paragraph("The service was co-designed with residents and carers at four workshops.")
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate((("Criterion", "Weighting"), ("Quality", "60%"), ("Price", "40%"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(path)
    return path


def _convert(source: Path, target_ext: str, out: Path) -> Path:
    out.mkdir(exist_ok=True)
    subprocess.run([SOFFICE, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless", "--convert-to",
                    target_ext, "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180,
                   env={**os.environ, "HOME": str(out)})
    return out / f"{source.stem}.{target_ext}"


def _weights(document) -> dict[str, str]:
    (table,) = [t for t in document.tables if t.rows and t.rows[0][0] == "Criterion"]
    return {row[0]: row[1] for row in table.body}


def test_xlsx_sheets_are_tables_with_values_as_shown(tmp_path):
    document = read_document(_workbook(tmp_path / "schedule.xlsx"))
    assert document.format == "xlsx" and document.pages == 3
    assert _weights(document) == {"Quality": "60%", "Price": "40%"}
    prices = next(t for t in document.tables if t.location.section == "Prices")
    assert prices.rows[1] == ("Befriending service", "£250,000") and prices.location.page == 2
    assert [b.text for b in document.blocks if b.kind == "heading"] == ["Evaluation", "Prices"]  # empty sheet left out
    cell = next(b for b in document.blocks if b.text == "£250,000")
    assert (cell.kind, cell.location.table, cell.location.row, cell.location.col) == ("table_cell", 1, 1, 1)


def test_a_spreadsheet_is_sniffed_by_content_not_name(tmp_path):
    renamed = tmp_path / "schedule.docx"
    shutil.copyfile(_workbook(tmp_path / "schedule.xlsx"), renamed)
    assert sniff(renamed) == "xlsx"  # the bytes decide, never the name
    plain = tmp_path / "schedule"
    shutil.copyfile(tmp_path / "schedule.xlsx", plain)
    assert sniff(plain) == "xlsx"


@needs_soffice
def test_rtf_is_read_with_its_table(tmp_path):
    path = tmp_path / "itt.rtf"
    path.write_text(RTF, encoding="ascii")
    assert sniff(path) == "rtf"
    document = read_document(path)
    assert document.format == "rtf" and document.metadata["converter"] == "libreoffice"
    assert _weights(document) == {"Quality": "60%", "Price": "40%"}
    assert any("£2,500,000" in b.text for b in document.blocks)


@needs_soffice
def test_odt_and_ods_are_read_through_libreoffice(tmp_path):
    odt = _convert(_spec_docx(tmp_path / "specification.docx"), "odt", tmp_path / "odt")
    document = read_document(odt)
    assert sniff(odt) == "odt" and document.format == "odt"
    assert any(b.kind == "heading" and "How the service was designed" in b.text for b in document.blocks)
    assert any("co-designed with residents" in b.text for b in document.blocks)
    assert _weights(document) == {"Quality": "60%", "Price": "40%"}
    ods = _convert(_workbook(tmp_path / "schedule.xlsx"), "ods", tmp_path / "ods")
    sheet = read_document(ods)
    assert sniff(ods) == "ods" and sheet.format == "ods"
    assert _weights(sheet) == {"Quality": "60%", "Price": "40%"}


@needs_soffice
def test_legacy_excel_xls_is_read_through_libreoffice(tmp_path):
    xls = _convert(_workbook(tmp_path / "schedule.xlsx"), "xls", tmp_path / "xls")
    assert sniff(xls) == "xls"  # an OLE2 workbook, told from Word .doc by its streams
    sheet = read_document(xls)
    assert sheet.format == "xls" and sheet.metadata["converter"] == "libreoffice"
    assert _weights(sheet) == {"Quality": "60%", "Price": "40%"}


def test_without_libreoffice_each_file_is_one_line_naming_what_to_install(tmp_path):
    (tmp_path / ".git").mkdir()
    rtf = tmp_path / "itt.rtf"
    rtf.write_text(RTF, encoding="ascii")
    ods = tmp_path / "schedule.ods"
    ods.write_bytes(b"PK\x03\x04")  # replaced below by a real ODF container
    import zipfile

    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    good = _workbook(tmp_path / "schedule.xlsx")
    empty_path = tmp_path / "bin"
    empty_path.mkdir()
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(rtf), str(ods), str(good), "-q"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
                            env={**os.environ, "PATH": str(empty_path), "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("tendercheck: error:")]
    assert errors == [
        (f"tendercheck: error: {rtf}: RTF needs LibreOffice, which is not installed: install LibreOffice "
         "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui), or save it as .docx"),
        (f"tendercheck: error: {ods}: OpenDocument spreadsheet (.ods) needs LibreOffice, which is not installed: "
         "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-calc-nogui), or save it as .xlsx")]
    assert "1 document checked" in result.stdout  # the .xlsx
