"""OCR of PDF pages without a text layer (Tesseract): the scanned fixture is read for real, its table kept as a
Table and its facts found as from the text-layer original; blocks say they were OCR'd and with what confidence;
without Tesseract, with --no-ocr, or where OCR finds nothing, the no-text-layer warning stays and says why.

Tesseract is needed for the real OCR tests: they skip without it, except under CI (CI set), where that is a
failure, since .ci/run installs it."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from checker.extract import ocr, read_document
from checker.extract.layout import Segment

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ROOT / "fixtures" / "scanned-award-criteria.pdf"
SHROPSHIRE = "uk/uk-eng-shropshire-council-rmcb053-security-cleaning-itt-2024.pdf"
WEIGHTS = (("Award criterion", "Weighting", "Question"), ("Quality", "50%", "Q1 to Q4"),
           ("Price", "40%", "Pricing schedule"), ("Social value", "10%", "Q5"), ("Total", "100%", ""))


@pytest.fixture
def tesseract():
    found = ocr.engine()
    if found is None:
        reason = "Tesseract with English data is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)"
        if os.environ.get("CI"):
            pytest.fail(reason + " — CI must have it (.ci/run installs it)")
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def scanned():
    if ocr.engine() is None:
        return None
    return read_document(SCANNED)


def _facts(document) -> dict:
    from checker.api import analyse

    _, facts = analyse(document)
    return {name: found["value"] if isinstance(found, dict) else [f["value"] for f in found]
            for name, found in facts.to_dict().items() if name.startswith("evaluation.")}


def test_the_fixture_really_has_no_text_layer():
    document = read_document(SCANNED, ocr=False)
    assert document.pages == 1 and document.body_blocks == [] and document.unreadable_pages == [1]
    assert document.warnings[0].message == "page 1 has no text layer (a scanned image?); its text was not read"


def test_scanned_page_is_read_by_ocr_with_its_table(tesseract, scanned):
    assert scanned.unreadable_pages == [] and scanned.ocr_pages == [1]
    assert [w.code for w in scanned.warnings] == ["ocr"]
    assert scanned.warnings[0].message.startswith("page 1 had no text layer and was read by OCR (tesseract ")
    assert scanned.metadata["ocr_pages"] == [1]
    assert [t.rows for t in scanned.tables] == [WEIGHTS]
    text = scanned.text()
    assert "Social value is scored at 10% of the total score." in text
    headings = [b.text for b in scanned.blocks if b.kind == "heading"]
    assert headings == ["6 Evaluation and award criteria", "7 Social value", "8 Payment"]


def test_ocr_blocks_carry_their_confidence(tesseract, scanned):
    assert all(b.ocr_confidence is not None and 0 <= b.ocr_confidence <= 100 for b in scanned.blocks)
    cell = next(b for b in scanned.blocks if b.kind == "table_cell" and b.text == "Social value")
    assert cell.ocr_confidence > 80 and cell.to_dict()["ocr_confidence"] == cell.ocr_confidence
    assert (cell.location.page, cell.location.table, cell.location.row) == (1, 0, 3)


def test_ocr_finds_the_same_weightings_as_the_text_layer_original(tesseract, scanned, tmp_path):
    pytest.importorskip("fpdf", reason="fpdf2 is in the test extra: pip install -e '.[test]'")
    spec = importlib.util.spec_from_file_location("fixtures_build_for_ocr", ROOT / "fixtures" / "build.py")
    build = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = build
    spec.loader.exec_module(build)
    source = build.parse(build.SRC / "scanned-award-criteria.md")
    source.meta.pop("scan")
    original = tmp_path / "text-layer.pdf"
    build.build_pdf(source, original)
    expected = _facts(read_document(original))
    assert expected["evaluation.social_value_pct"] == 10 and expected["evaluation.price_pct"] == 40
    assert _facts(scanned) == expected


def test_check_reports_the_ocr_pages(tesseract, cli_runner):
    import json

    import cli as cli_app

    result = cli_runner.invoke(cli_app.main, ["check", "--format", "json", str(SCANNED)])
    document = json.loads(result.stdout)["documents"][0]
    assert [w["code"] for w in document["warnings"]] == ["ocr"]
    assert document["facts"]["evaluation.social_value_pct"]["value"] == 10
    assert "no text layer" not in result.stderr


def test_a_finding_quoting_an_ocr_page_says_so(tesseract):
    from checker.api import check

    report = check([str(SCANNED)])
    payment = next(f for f in report.documents[0].findings if f.rule == "KIL-3.16-payment-terms")
    assert "within 60 days" in payment.evidence
    assert "(Quoted from page 1, read by OCR with " in payment.message
    quoted = [f for f in report.documents[0].findings if not f.evidence]
    assert quoted and not any("read by OCR" in f.message for f in quoted)  # absences quote nothing


def test_no_ocr_option_leaves_the_page_unread(cli_runner):
    import json

    import cli as cli_app

    for command in (["check", "--no-ocr", "--format", "json"], ["extract", "--no-ocr", "--format", "json"]):
        result = cli_runner.invoke(cli_app.main, command + [str(SCANNED)])
        data = json.loads(result.stdout)
        document = data["documents"][0] if "documents" in data else data
        assert [w["code"] for w in document["warnings"]] == ["no-text-layer"], command
        assert "1 of 1 page(s) have no text layer" in result.stderr


def test_without_tesseract_the_warning_stays_and_says_what_to_install(monkeypatch):
    monkeypatch.setattr(ocr, "engine", lambda: None)
    document = read_document(SCANNED)
    assert document.unreadable_pages == [1] and document.body_blocks == []
    assert "install tesseract-ocr and tesseract-ocr-eng" in document.warnings[0].message


def test_blank_scans_stay_unread_with_the_reason(tesseract, scan_pdf):
    document = read_document(scan_pdf)
    assert document.unreadable_pages == [1, 2, 3]
    assert all(w.message.endswith("(OCR found no text on it)") for w in document.warnings)


def _fake_engine(monkeypatch, page):
    monkeypatch.setattr(ocr, "engine", lambda: ocr.Engine("/bin/false", "tesseract 0.0-test"))
    monkeypatch.setattr(ocr, "read_page", page)


def test_a_page_read_with_low_confidence_is_kept_but_counts_as_unread(monkeypatch):
    def poor(image, dpi, engine):
        return ocr.OcrPage(segments=[Segment("Quallty 6O% Prlce 4O%", 60, 100, 300, 112, 11.0, False)],
                           words=[], confidences=[("Quallty", 31.0), ("6O%", 22.0), ("Prlce", 40.0), ("4O%", 25.0)])

    _fake_engine(monkeypatch, poor)
    document = read_document(SCANNED)
    assert document.unreadable_pages == [1] and document.ocr_pages == [1]
    assert [w.code for w in document.warnings] == ["ocr-low-confidence", "ocr"]
    assert document.blocks[0].ocr_confidence == pytest.approx(29.5)


def test_an_ocr_failure_keeps_the_page_unread_with_the_cause(monkeypatch):
    def broken(image, dpi, engine):
        raise RuntimeError("out of cheese")

    _fake_engine(monkeypatch, broken)
    document = read_document(SCANNED)
    assert document.unreadable_pages == [1]
    assert document.warnings[0].message.endswith("(OCR failed: RuntimeError: out of cheese)")


def test_ruling_lines_are_found_in_a_slightly_turned_scan():
    import numpy as np
    from PIL import Image, ImageDraw

    image = Image.new("L", (1200, 800), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 250, 400, 550):
        draw.line((100, y, 1100, y), fill=0, width=3)
    for x in (100, 500, 1100):
        draw.line((x, 100, x, 550), fill=0, width=3)
    draw.rectangle((600, 300, 640, 340), fill=0)  # a filled box is no rule
    image = image.rotate(0.4, resample=Image.Resampling.BICUBIC, fillcolor=255)
    edges = ocr._rules(np.asarray(image) < ocr.DARK, 72 / 300)
    horizontal = [e for e in edges if e["orientation"] == "h"]
    vertical = [e for e in edges if e["orientation"] == "v"]
    assert len(horizontal) == 4 and len(vertical) == 3
    assert all(e["width"] > 230 for e in horizontal) and all(e["height"] > 100 for e in vertical)


def test_page_ranges():
    from checker.extract.pdf import _page_ranges

    assert _page_ranges([3, 20, 22, 24, 25, 26, 30]) == "3, 20, 22, 24-26, 30"
    assert _page_ranges([1]) == "1"


def test_shropshire_scanned_award_criteria_page(tesseract, corpus_path, tmp_path):
    """Page 22 of the Shropshire FOI pack is a scan: its award-criteria table comes out as a Table."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(corpus_path / SHROPSHIRE))
    page = pdfium.PdfDocument.new()
    page.import_pages(source, [21])
    path = tmp_path / "shropshire-p22.pdf"
    page.save(str(path))
    page.close()
    source.close()
    document = read_document(path)
    assert document.ocr_pages == [1] and document.unreadable_pages == []
    assert document.blocks[0].text == "Award Criteria — Weighted Marked Questions"
    criteria = document.tables[0]
    assert criteria.rows[0] == ("Section / Question No.", "Award Criteria", "Weighting / Max Marks Available")
    rows = [tuple(r) for r in criteria.body]
    assert ("Price 40% (400 marks)", "", "") in rows and ("Quality 60% (600 marks)", "", "") in rows
    assert ("Total for price", "", "40% / 400 max marks") in rows
    assert ("Total for quality", "", "60% / 600 max marks") in rows
    assert len(rows) == 12


def test_blank_and_blacked_out_pages_have_nothing_to_read(tesseract, tmp_path):
    """A redacted (solid black) page and a blank page hold no text for anyone: they are named, not left 'unread',
    so absence findings on the rest of the document stay findings. A page with words on it is still OCR'd."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(200, 20, "A page with text on it.")
    pdf.add_page()
    pdf.set_fill_color(0, 0, 0)
    pdf.rect(10, 10, 575, 822, style="F")  # one solid redaction box over the whole page
    white = tmp_path / "white.png"
    Image.new("RGB", (120, 160), (255, 255, 255)).save(white)
    pdf.add_page()
    pdf.image(str(white), x=10, y=10, w=400)  # a scan of blank paper
    path = tmp_path / "redacted.pdf"
    pdf.output(str(path))
    document = read_document(path)
    codes = {w.location.page: w.code for w in document.warnings}
    assert codes.get(2) == "page-without-text" and codes.get(3) == "page-without-text"
    assert "blacked out" in next(w.message for w in document.warnings if w.location.page == 2)
    assert document.unreadable_pages == []
