"""Each kind of tender document is told from its structure and wording, with what decided it: a Q&A addendum, a
pricing schedule (a spreadsheet and a DOCX table), a form of tender, contract terms, a specification, and an ITT
that also holds a form of tender and a price table at the back, which stays an ITT."""

from __future__ import annotations

import pytest

from checker.extract import read_documents
from checker.kinds import classify

KINDS = {"addendum-2.pdf": "addendum", "form-of-tender.docx": "form", "conditions.pdf": "contract terms",
         "specification.docx": "specification", "itt.pdf": "ITT", "rates.docx": "pricing schedule",
         "pricing.xlsx": "pricing schedule", "clarification-log.docx": "addendum", "evaluation.xlsx": "other",
         "rfq-grounds.pdf": "ITT", "befriending-brief.docx": "specification",
         "addendum-1.pdf": "addendum"}
REASONS = {"addendum-2.pdf": "6 questions with their answers", "form-of-tender.docx": "a form to fill in",
           "conditions.pdf": "contract clauses", "specification.docx": "describes the service",
           "itt.pdf": "instructs bidders", "rates.docx": "tables of prices, rates or costs",
           "pricing.xlsx": "a spreadsheet with prices", "clarification-log.docx": "5 questions with their answers",
           "evaluation.xlsx": "evaluation criteria", "rfq-grounds.pdf": "instructs bidders",
           "befriending-brief.docx": "describes the service", "addendum-1.pdf": "amendments to the tender documents"}


@pytest.mark.parametrize("name", list(KINDS))
def test_each_kind_is_told_with_what_decided_it(kind_files, name):
    found = classify(read_documents(kind_files[name])[0])
    assert found.kind == KINDS[name], found
    assert REASONS[name] in found.reason, found.reason


def test_an_itt_with_a_form_and_a_price_table_at_the_back_stays_an_itt(kind_files):
    document = read_documents(kind_files["itt.pdf"])[0]
    headings = [b.text for b in document.blocks if b.kind == "heading"]
    assert any("Form of Tender" in h for h in headings) and any("Pricing schedule" in h for h in headings)
    found = classify(document)
    assert found.kind == "ITT"
    assert "submission" in found.reason and "evaluation" in found.reason


def test_the_name_alone_does_not_make_a_narrow_kind(kind_files, tmp_path):
    """An ITT saved as 'form-of-tender.pdf' is still an ITT: the name is one signal, the text decides."""
    renamed = tmp_path / "form-of-tender.pdf"
    renamed.write_bytes(kind_files["itt.pdf"].read_bytes())
    assert classify(read_documents(renamed)[0]).kind == "ITT"


def test_a_schedule_that_holds_most_of_the_words_of_an_itt_does_not_make_it_a_pricing_schedule(kind_files):
    """A quotation request whose site-by-site price table is most of it still instructs bidders outside it."""
    from checker.kinds import _Reading

    document = read_documents(kind_files["rfq-grounds.pdf"])[0]
    assert _Reading(document, "rfq-grounds.pdf")._price_share()[0] > 0.6
    assert classify(document).kind == "ITT"


def test_headings_put_as_questions_do_not_make_an_addendum(kind_files):
    from checker.kinds import _Reading

    document = read_documents(kind_files["befriending-brief.docx"])[0]
    assert sum(b.text.endswith("?") for b in document.blocks) >= 4
    assert _Reading(document, "befriending-brief.docx")._qa_share()[0] == 0
