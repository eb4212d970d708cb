"""Legacy Word .doc: sniffed by content, converted by LibreOffice (when installed) or antiword, and read with the
same headings, tables and facts as the DOCX it was saved from. Converters that are missing, hang or fail cost
one clear line for that file."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.extract import doc as doc_reader
from checker.extract import read_document, sniff

ROOT = Path(__file__).resolve().parents[2]
LEGACY = ROOT / "fixtures" / "legacy" / "lowmoor-day-opportunities-survey-codesign.doc"
SOURCE_DOCX = ROOT / "fixtures" / "tenders" / "lowmoor-day-opportunities-survey-codesign.docx"
OSCH = "uk/uk-british-council-rfp-osch-learning-partners-2017.doc"
COP = "uk/uk-british-council-rfp-online-cop-research-2020.doc"


def _need(tool: str):
    if shutil.which(tool) is None:
        reason = f"{tool} is not installed"
        if os.environ.get("CI") and tool == "antiword":
            pytest.fail(reason + " — CI must have it (.ci/run installs it)")
        pytest.skip(reason)


@pytest.fixture
def antiword_only(monkeypatch):
    """LibreOffice hidden even where it is installed, so antiword reads."""
    _need("antiword")
    monkeypatch.setattr(doc_reader, "SOFFICE_NAMES", ())


@pytest.fixture
def libreoffice():
    if doc_reader.converters().get("libreoffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")


def _facts(document) -> dict:
    """Fact name -> value(s), without locations (a .doc has no pages, a DOCX may)."""
    from checker.api import analyse

    _, facts = analyse(document)
    return {name: found["value"] if isinstance(found, dict) else [f["value"] for f in found]
            for name, found in facts.to_dict().items()}


def test_ole_word_file_is_sniffed_as_doc_whatever_its_name(tmp_path):
    renamed = tmp_path / "tender.pdf"
    renamed.write_bytes(LEGACY.read_bytes())
    assert sniff(LEGACY) == "doc"
    assert sniff(renamed) == "doc"


def test_ole_magic_with_garbage_is_a_corrupt_file(tmp_path):
    bad = tmp_path / "broken.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError) as raised:
        read_document(bad)
    assert raised.value.code == "corrupt" and "OLE2" in raised.value.cause


def test_antiword_reading_keeps_headings_lists_tables_and_metadata(antiword_only):
    document = read_document(LEGACY)
    assert document.format == "doc" and document.metadata["converter"] == "antiword"
    assert document.metadata["author"] == "Lowmoor District Council"
    assert document.tables[0].rows == (("Criterion", "Weighting"), ("Price", "40%"), ("Quality", "50%"),
                                       ("Social Value", "10%"))
    headings = [b.text for b in document.blocks if b.kind == "heading"]
    assert "5 Evaluation" in headings
    cell = next(b for b in document.blocks if b.kind == "table_cell" and b.text == "Social Value")
    assert cell.location.section == "5 Evaluation" and (cell.location.table, cell.location.row) == (0, 3)


def test_antiword_reading_finds_the_same_facts_as_the_docx(antiword_only):
    assert _facts(read_document(LEGACY)) == _facts(read_document(SOURCE_DOCX))


def test_libreoffice_reading_finds_the_same_facts_as_the_docx(libreoffice, tmp_path):
    copy = tmp_path / "in" / "tender.doc"
    copy.parent.mkdir()
    shutil.copy(LEGACY, copy)
    document = read_document(copy)
    assert document.format == "doc" and document.metadata["converter"] == "libreoffice"
    assert _facts(document) == _facts(read_document(SOURCE_DOCX))
    assert sorted(p.name for p in copy.parent.iterdir()) == ["tender.doc"]  # nothing written beside the input


def test_no_converter_is_one_clear_input_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # neither soffice nor antiword on PATH
    with pytest.raises(InputError) as raised:
        read_document(LEGACY)
    error = raised.value
    assert error.code == "converter-missing"
    assert str(error).startswith(str(LEGACY) + ": ") and "\n" not in str(error)
    assert "apt-get install antiword" in error.cause


def _fake_antiword(folder: Path, body: str) -> None:
    script = folder / "antiword"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def test_a_hanging_converter_is_stopped_at_its_time_limit(monkeypatch, tmp_path):
    _fake_antiword(tmp_path, "sleep 30")
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    monkeypatch.setattr(doc_reader, "SOFFICE_NAMES", ())
    monkeypatch.setattr(doc_reader, "ANTIWORD_TIMEOUT", 1)
    with pytest.raises(InputError) as raised:
        read_document(LEGACY)
    assert raised.value.code == "corrupt" and "within 1 s" in raised.value.cause


def test_a_failing_converter_names_its_message(monkeypatch, tmp_path):
    _fake_antiword(tmp_path, "echo 'this is not a Word Document' >&2; exit 1")
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    monkeypatch.setattr(doc_reader, "SOFFICE_NAMES", ())
    with pytest.raises(InputError) as raised:
        read_document(LEGACY)
    assert "antiword: this is not a Word Document" in raised.value.cause


# -- the real .doc tenders in ../shared/corpus/uk -------------------------------------------------------------
def test_british_council_osch_rfp_reads_text_and_tables(corpus_path, antiword_only):
    document = read_document(corpus_path / OSCH)
    assert document.pages == 11
    weights = next(t for t in document.tables if t.rows[0] == ("Evaluation Criteria", "Weighting"))
    assert weights.body == (("Quality", "30%"), ("Methodology and approach", "15%"), ("Delivery time", "25%"),
                            ("Commercial", "30%"))
    timetable = document.tables[0]
    assert timetable.rows[1] == ("RFP Issued to bidding suppliers", "04 October 2017")
    text = document.text()
    assert "The Contract awarded will be for a duration of up to 6 months." in text
    assert "[pic]" not in text


def test_british_council_cop_rfp_reads_numbered_headings_and_tables(corpus_path, antiword_only):
    document = read_document(corpus_path / COP)
    assert document.pages == 36 and len(document.tables) == 10
    headings = [b.text for b in document.blocks if b.kind == "heading"]
    assert "1 Overview of the British Council" in headings and "6 Payment and Invoicing" in headings
    payment = next(b for b in document.blocks if b.text.startswith("6.1 The British Council will pay"))
    assert payment.location.section == "6 Payment and Invoicing"


def test_british_council_rfps_through_libreoffice(corpus_path, libreoffice):
    document = read_document(corpus_path / OSCH)
    assert document.metadata["converter"] == "libreoffice" and len(document.tables) == 3
    assert any(t.body[:1] == (("Quality", "30%"),) for t in document.tables)
