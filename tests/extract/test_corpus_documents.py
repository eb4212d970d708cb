"""Real tender documents in ../shared/corpus: page counts and phrases at places checked by hand."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from checker.extract import read_document

ROOT = Path(__file__).resolve().parents[2]


@cache
def _read(path: str):
    return read_document(path)


@pytest.fixture
def corpus(corpus_path):
    return lambda name: _read(str(corpus_path / name))


def _block(document, text, kind=None):
    found = [b for b in document.blocks if b.text.startswith(text) and (kind is None or b.kind == kind)]
    assert found, f"no block starting {text!r}"
    return found[0]


# -- Penhold RFP (PDF, 72 pages) -----------------------------------------------------------------------------
PENHOLD = "ca-penhold-psb-rfp-2024-004.pdf"


def test_penhold_has_72_pages_each_with_text(corpus):
    document = corpus(PENHOLD)
    assert document.pages == 72
    assert {b.location.page for b in document.blocks} == set(range(1, 73))
    assert document.warnings == []


def test_penhold_evaluation_weightings_table(corpus):
    document = corpus(PENHOLD)
    table = next(t for t in document.tables if t.header == ("Criterion Description", "Score"))
    assert table.location.page == 27
    assert table.location.section == "8 Evaluation of Proposals > 8.2 Evaluation Criteria"
    rows = {row[0]: row[1] for row in table.body}
    assert rows["1. Proposed Conceptual Design"] == "20"
    assert rows["1. Proposal Price (Appendix H)"] == "35"
    assert rows["TOTAL POINTS"] == "100"
    assert not any("TOTAL POINTS" in b.text for b in document.blocks if b.kind != "table_cell")


def test_penhold_sections_and_running_text(corpus):
    document = corpus(PENHOLD)
    insurance = _block(document, "9.14 Insurance", "heading")
    assert insurance.location.page == 34
    assert insurance.location.section == "9 General Terms and Conditions > 9.14 Insurance"
    footers = {b.location.page: b.text for b in document.blocks if b.kind == "footer"}
    assert sorted(footers) == list(range(2, 73))  # the cover has none
    assert all(re.fullmatch(r"Page \d+ of 72", text) for text in footers.values())
    assert footers[2] == "Page 1 of 72" and footers[62] == "Page 61 of 72"
    headers = [b for b in document.blocks if b.kind == "header" and b.text == "Town of Penhold Request for Proposal"]
    assert len(headers) >= 40
    assert "Page 31 of 72" not in document.text()


def test_penhold_equipment_table_continues_onto_the_next_page(corpus):
    document = corpus(PENHOLD)
    table = next(t for t in document.tables if t.header[:3] == ("Unit#", "Year", "Make"))
    assert table.pages == (48, 49)
    makes = [row[2] for row in table.body]
    assert "Freightliner" in makes and "Big Tex" in makes


def test_penhold_extract_json_from_the_command_line(corpus_path):
    out = subprocess.run([sys.executable, "-m", "checker", "extract", "--format", "json", str(corpus_path / PENHOLD)],
                         capture_output=True, text=True, cwd=ROOT, timeout=300, check=True)
    data = json.loads(out.stdout)
    assert data["pages"] == 72
    assert sorted({b["location"]["page"] for b in data["blocks"]}) == list(range(1, 73))
    assert len(data["tables"]) >= 6
    assert any(t["rows"][-1] == ["TOTAL POINTS", "100"] and t["location"]["page"] == 27 for t in data["tables"])


# -- Penhold addendum (PDF, 5 pages, double spaced) -------------------------------------------------------
def test_penhold_addendum(corpus):
    document = corpus("ca-penhold-psb-addendum03.pdf")
    assert document.pages == 5
    assert document.tables[0].rows[1][:2] == ("Addendum No:", "03")
    flooring = _block(document, "1.3 What type of flooring and ceiling are expected in the main building?")
    assert flooring.location.page == 2
    answer = _block(document, "The flooring should be of resilient material")
    assert answer.text.endswith("The ceiling type is not defined by the owner.")  # double-spaced lines joined
    assert [b.text for b in document.blocks if b.kind == "footer"] == [f"Page {n} of 5" for n in range(1, 6)]


# -- VIA Metropolitan Transit RFP (PDF, 69 pages) -----------------------------------------------------------
def test_via_transit_rfp_pages_and_tables(corpus):
    document = corpus("us-tx-via-metro-transit-rfp-26-325-temporary-staffing.pdf")
    assert document.pages == 69
    dates = next(t for t in document.tables if t.location.page == 6)
    assert ("Small Business Enterprise (SBE) Goal:", "0%") in dates.rows
    points = next(t for t in document.tables if t.location.page == 9)
    assert points.rows[-1][0] == "Total Technical Points (max 100)" and "100" in points.rows[-1]
    assert [row[4] for row in points.body if row[4]] == ["40", "30", "15", "10", "5", "100"]
    assert points.location.section.endswith("1.5.2 Evaluation of Technical Proposal > 1.5.2.3 Evaluation Form")
    qualifications = _block(document, "1.5.1.4 Minimum Qualifications: The respondents to this RFP", "list_item")
    assert qualifications.location.page == 9
    assert qualifications.location.section.endswith("1.5.1 General > 1.5.1.4 Minimum Qualifications")
    footers = [b.text for b in document.blocks if b.kind == "footer" and b.location.page == 6]
    assert footers == ["TEMPORARY STAFFING AND RECRUITMENT SERVICES", "VIA RFP No. 26-325", "PART 1 PAGE 1"]


# -- Hamtramck RFP (DOCX) ----------------------------------------------------------------------------------
def test_hamtramck_insurance_requirements_section(corpus):
    document = corpus("us-mi-hamtramck-rfp-property-board-up.docx")
    assert document.format == "docx" and document.pages == 11
    heading = _block(document, "L. Insurance and Indemnity", "heading")  # "L." is Word's list number
    assert heading.location.page == 7
    deductible = _block(document, "The Contractor will be responsible for the payment of any and all deductible")
    assert deductible.location.section == "STANDARDS AND OTHER CONDITIONS > L. Insurance and Indemnity"
    cover = _block(document, "Contractor shall carry appropriate coverage for Worker", "list_item")
    assert cover.location.page == 4
    bidder = next(t for t in document.tables if t.rows[0][0] == "*Name:")
    assert ("*Email Address:", "") in bidder.rows


# -- CPS Energy RFP (DOCX) ---------------------------------------------------------------------------------
def test_cps_energy_rfp_structure(corpus):
    document = corpus("us-tx-cps-energy-rfp-7000205081-industrial-trucks.docx")
    assert document.pages == 13
    schedule = document.tables[0]
    assert schedule.header == ("Milestone", "Date") and schedule.location.section == "I. PURPOSE > E. RFP SCHEDULE"
    factors = _block(document, "A. EVALUATION FACTORS", "heading")
    assert factors.location.page == 10
    assert factors.location.section == "III. CONTRACT EVALUATION AND AWARD > A. EVALUATION FACTORS"
    local = _block(document, "Economic Development. Respondents classified as a local business")
    assert local.location.section.endswith("Economic Development")
    assert next(b.text for b in document.blocks if b.kind == "footer") == "RFP"


# -- OCDS ----------------------------------------------------------------------------------------------------
def test_sell2wales_releases_lots_and_criteria(corpus):
    document = corpus("ocds-sell2wales-2025-tender-releases.json")
    assert document.format == "ocds" and document.pages == 90
    framework = _block(document, "2025 Framework", "heading")
    lots = [b.text for b in document.blocks if b.kind == "list_item" and b.location.page == framework.location.page]
    assert lots[0] == "Lot 1: Roofing \u2014 value GBP 5,000,000" and len(lots) == 4
    assert any(t.body == (("Technical", "40%"), ("Commercial", "60%")) for t in document.tables)
    assert not any("rn -" in b.text for b in document.blocks)


def test_contracts_finder_releases(corpus):
    document = corpus("ocds-contractsfinder-england-2025-releases.json")
    assert document.pages == 201 and document.tables == []
    first = [b.text for b in document.blocks if b.location.page == 1]
    assert first[0] == "Parking Pilot - CEO"
    assert "Estimated value: GBP 372,032" in first and "Buyer: London Borough of Merton" in first
    assert not any("\u00e2\u20ac" in b.text for b in document.blocks)  # mojibake repaired
