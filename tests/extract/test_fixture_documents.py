"""The generated sample tenders in fixtures/ (built by fixtures/build.py): two-column order, running
header/footer tagging, a table split across pages, and DOCX structure, as a reader of each would see them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.extract import read_document

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _fixture(name: str):
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"{name} not built (run fixtures/build.py)")
    return read_document(path)


def test_sample_tender_running_header_and_footer_on_every_page():
    document = _fixture("sample-tender.pdf")
    assert document.pages == 8
    headers = [b for b in document.blocks if b.kind == "header"]
    footers = [b for b in document.blocks if b.kind == "footer"]
    assert [b.location.page for b in headers] == list(range(1, 9))
    assert {b.text for b in headers} == {"Northmoor Borough Council - Invitation to Tender Ref NBC/ASC/2026/014"}
    assert [b.text for b in footers] == [f"Community Wellbeing Services ITT - OFFICIAL Page {n} of 8" for n in range(1, 9)]
    assert "OFFICIAL Page" not in document.text()


def test_sample_tender_award_criteria_table_and_sections():
    document = _fixture("sample-tender.pdf")
    table = next(t for t in document.tables if t.header == ("Criterion", "Sub-criterion", "Weighting"))
    assert table.location.page == 4 and table.location.section == "5 Evaluation > 5.1 Award criteria"
    assert ("", "Social value", "5%") in table.body and table.body[-1] == ("Total", "", "100%")
    turnover = next(b for b in document.blocks if "minimum annual turnover of £1,350,000" in b.text)
    assert turnover.location.section == "4 Conditions of participation > 4.1 Economic and financial standing"


def test_two_column_page_reads_each_column_down():
    document = _fixture("tenders/harrowfield-two-column-spec.pdf")
    page1 = [b.text for b in document.body_blocks if b.kind == "heading" and b.location.page == 1]
    numbered = [int(m.group(1)) for t in page1 if (m := re.match(r"(\d+) ", t))]
    assert numbered == [1, 2, 3, 4, 5, 6, 7]
    outcomes = next(b for b in document.blocks if b.text.startswith("Survivors feel safer"))
    assert "where it is safe to do so; survivors report improved wellbeing" in outcomes.text  # across the columns
    assert outcomes.location.section == "5 Outcomes"


def test_table_split_across_pages_is_one_table():
    document = _fixture("tenders/irwell-cleaning-sq-split-table.pdf")
    table = next(t for t in document.tables if t.header == ("Ref", "Area", "Task", "Frequency"))
    assert table.pages == (2, 3)
    refs = [row[0] for row in table.body]
    assert refs == [f"C{n:02d}" for n in range(1, len(refs) + 1)] and len(refs) > 30
    assert sum(1 for b in document.blocks if b.kind == "table_cell" and b.text == "Ref") == 1
    second_page_cells = {b.location.page for b in document.blocks if b.kind == "table_cell" and b.text == refs[-1]}
    assert second_page_cells == {3}


def test_docx_fixture_structure():
    document = _fixture("tenders/barnford-handyperson-chas-no-subcontracting.docx")
    assert document.format == "docx"
    assert next(b.text for b in document.blocks if b.kind == "header") == "Barnford City Council - Housing Standards"
    evaluation = next(t for t in document.tables if t.header == ("Criterion", "Weighting"))
    assert ("Social value", "10%") in evaluation.body
    assert evaluation.location.section == "5 Evaluation"
    chas = next(b for b in document.blocks if b.text.startswith("4.2 Contractors must be accredited under CHAS"))
    assert chas.location.section == "4 Requirements of bidders"
