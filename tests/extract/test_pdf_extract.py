"""PDF extraction on PDFs generated in tmp_path: pages, headings and sections, tables, running headers,
two-column order, split tables, pages without text, encryption and corrupt files."""

from __future__ import annotations

import pytest

from checker.errors import InputError
from checker.extract import read_document


def _body(document, kind=None):
    return [b for b in document.body_blocks if kind is None or b.kind == kind]


def test_every_page_is_read_and_every_block_has_its_page(tender_pdf):
    document = read_document(tender_pdf)
    assert document.format == "pdf"
    assert document.pages == 5
    assert {b.location.page for b in document.blocks} == {1, 2, 3, 4, 5}
    assert all(b.location.page is not None for b in document.blocks)
    assert document.warnings == []


def test_numbered_headings_give_section_paths(tender_pdf):
    document = read_document(tender_pdf)
    headings = [b.text for b in _body(document, "heading")]
    assert headings[:4] == ["1 Introduction", "2 Specification", "2.1 Service outcomes", "4 Evaluation"]
    levels = {b.text: b.level for b in _body(document, "heading")}
    assert levels["2.1 Service outcomes"] == 2 and levels["4 Evaluation"] == 1
    scored = next(b for b in _body(document, "paragraph") if b.text.startswith("Tenders will be scored"))
    assert scored.location.section == "4 Evaluation > 4.2 Weightings"
    assert scored.location.page == 2


def test_bullets_become_list_items(tender_pdf):
    items = [b for b in _body(read_document(tender_pdf), "list_item")]
    assert [b.text for b in items] == [f"Outcome {n}: fewer residents reach crisis in year {n}." for n in (1, 2, 3)]
    assert all(b.location.section == "2 Specification > 2.1 Service outcomes" for b in items)


def test_table_is_a_table_and_its_text_is_not_repeated_as_paragraphs(tender_pdf):
    document = read_document(tender_pdf)
    assert len(document.tables) == 1
    table = document.tables[0]
    assert table.header == ("Criterion", "Weighting")
    assert table.body == (("Price", "40%"), ("Quality", "50%"), ("Social value", "10%"))
    assert table.location.page == 2 and table.location.section == "4 Evaluation > 4.2 Weightings"
    cells = [b for b in document.blocks if b.kind == "table_cell"]
    assert {(b.location.row, b.location.col, b.text) for b in cells} >= {(3, 0, "Social value"), (3, 1, "10%")}
    prose = " ".join(b.text for b in document.blocks if b.kind != "table_cell")
    assert "40%" not in prose and "Social value 10%" not in prose


def test_table_cells_sit_in_reading_order(tender_pdf):
    kinds = [(b.kind, b.text) for b in read_document(tender_pdf).body_blocks]
    before = kinds.index(("paragraph", "Tenders will be scored against the criteria in the table below."))
    first_cell = kinds.index(("table_cell", "Criterion"))
    after = next(i for i, (k, t) in enumerate(kinds) if t.startswith("The social value score"))
    assert before < first_cell < after


def test_running_header_and_page_footer_are_tagged_not_body(tender_pdf):
    document = read_document(tender_pdf)
    headers = [b for b in document.blocks if b.kind == "header"]
    footers = [b for b in document.blocks if b.kind == "footer"]
    assert [b.location.page for b in headers] == [1, 2, 3, 4, 5]
    assert {b.text for b in headers} == {"Borough Council - Invitation to Tender ITT-2025-014"}
    assert [b.text for b in footers] == [f"Page {n} of 5" for n in range(1, 6)]
    assert "Invitation to Tender" not in document.text()
    assert "Page 3 of 5" not in document.text()


def test_page_top_headings_that_differ_only_in_number_are_not_running_headers(tender_pdf):
    headings = [b.text for b in _body(read_document(tender_pdf), "heading")]
    assert {"5 Terms part 1", "6 Terms part 2", "7 Terms part 3"} <= set(headings)


def test_two_columns_read_down_the_left_then_the_right(two_column_pdf):
    document = read_document(two_column_pdf)
    text = document.text()
    left = [text.index(f"Left column sentence {n} ") for n in range(1, 9)]
    right = [text.index(f"Right column sentence {n} ") for n in range(1, 9)]
    assert left == sorted(left) and right == sorted(right)
    assert left[-1] < right[0]
    assert text.index("6 Background") < left[0]
    assert right[-1] < text.index("Closing paragraph across the full width")


def test_table_split_over_a_page_break_is_one_table_without_the_repeated_header(split_table_pdf):
    document = read_document(split_table_pdf)
    assert document.pages == 2
    assert len(document.tables) == 1
    table = document.tables[0]
    assert table.pages == (1, 2)
    assert table.header == ("Lot", "Service", "Value")
    assert len(table.body) == 60
    assert [row[0] for row in table.body] == [str(n) for n in range(1, 61)]
    assert table.body[-1] == ("60", "Neighbourhood service area 60", "GBP 600,000")
    last_cells = [b for b in document.blocks if b.kind == "table_cell" and b.text == "GBP 600,000"]
    assert len(last_cells) == 1 and last_cells[0].location.page == 2 and last_cells[0].location.table == 0


def test_pages_without_text_layer_warn_per_page_and_still_give_a_document(scan_pdf):
    document = read_document(scan_pdf)
    assert document.pages == 3
    assert document.unreadable_pages == [1, 2, 3]
    assert all(w.code == "no-text-layer" and f"page {w.location.page}" in w.message for w in document.warnings)
    assert document.body_blocks == []


def test_password_protected_pdf_is_an_input_error(encrypted_pdf_factory):
    path = encrypted_pdf_factory("let-me-in")
    with pytest.raises(InputError) as raised:
        read_document(path)
    assert raised.value.cause == "encrypted PDF: a password is required"
    assert raised.value.code == "encrypted"


def test_pdf_encrypted_with_an_empty_user_password_opens(encrypted_pdf_factory):
    document = read_document(encrypted_pdf_factory(""))
    assert document.pages == 1
    assert "Confidential tender pack." in document.text()


def test_truncated_pdf_names_the_cause(tender_pdf, tmp_path):
    data = tender_pdf.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError) as raised:
        read_document(cut)
    assert raised.value.cause.startswith("corrupt or truncated PDF")
    assert "\n" not in str(raised.value)


def test_pdf_with_no_pages_is_an_input_error(tmp_path):
    import pypdfium2 as pdfium

    empty = pdfium.PdfDocument.new()
    path = tmp_path / "no-pages.pdf"
    empty.save(str(path))
    with pytest.raises(InputError) as raised:  # pdfium refuses it as malformed; either way one clear line
        read_document(path)
    assert raised.value.code == "corrupt"


def test_bold_run_in_numbered_lead_names_the_section(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for text in ("**1.3 General Information:**", "**1.3.1 Summary of Dates:** The tender opens on 2 March.",
                 "**1.3.2 Questions:** Ask through the portal by 9 March.", "Late questions are not answered."):
        pdf.multi_cell(0, 6, text, markdown=True, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    path = tmp_path / "run-in.pdf"
    pdf.output(str(path))
    document = read_document(path)
    sections = {b.text: b.location.section for b in document.blocks}
    assert sections["1.3.1 Summary of Dates: The tender opens on 2 March."] == (
        "1.3 General Information > 1.3.1 Summary of Dates")
    assert sections["Late questions are not answered."] == "1.3 General Information > 1.3.2 Questions"
    assert [b.kind for b in document.blocks] == ["heading", "list_item", "list_item", "paragraph"]


def test_running_lines_after_a_cover_page_let_a_table_run_on_without_its_header(tmp_path):
    """A three-page document whose cover has no running header: the header and footer of pages 2 and 3 are
    still running lines, so a table that ends page 2 and goes on at the top of page 3 (its header not repeated)
    is one table."""
    from fpdf import FPDF

    class Paper(FPDF):
        def header(self):
            if self.page_no() > 1:
                self.set_font("Helvetica", size=8)
                self.cell(0, 5, "Borsetshire Council Transport Unit | REF/TR/2027")
                self.ln(10)

        def footer(self):
            if self.page_no() > 1:
                self.set_y(-12)
                self.set_font("Helvetica", size=8)
                self.cell(0, 5, f"Borsetshire Council, Shire Hall | OFFICIAL | Page {self.page_no()}")

    pdf = Paper()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 40, "Rural Bus Routes: Lots and Rules")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, "The routes are let in lots by area. " * 150)
    with pdf.table(col_widths=(20, 60, 40), repeat_headings=0) as table:
        table.row(("Lot", "Area", "Estimated spend"))
        for n in range(1, 31):
            table.row((str(n), f"Parish group {n}", f"GBP {n * 10},000"))
    pdf.multi_cell(0, 5, "Operators may join any number of lots.")
    path = tmp_path / "cover-then-lots.pdf"
    pdf.output(str(path))

    document = read_document(path)
    assert document.pages == 3
    lot_tables = [t for t in document.tables if t.rows and t.rows[0][0] == "Lot"]
    assert len(lot_tables) == 1 and len(document.tables) == 1, [t.rows[:2] for t in document.tables]
    assert [r[0] for r in lot_tables[0].rows[1:]] == [str(n) for n in range(1, 31)]
    assert set(lot_tables[0].pages) == {2, 3}


def test_a_sentence_broken_by_a_page_break_is_one_paragraph(tmp_path):
    """A paragraph that stops mid-sentence at the foot of a page and goes on, in lower case, under the next
    page's running header is one block; a paragraph that ends with a full stop before the break is not joined
    to the next page's first one."""
    pdf = _pdf_with_running_lines()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, "Filler text about the service and the people it is for. " * 140)
    pdf.ln(3)
    pdf.set_y(pdf.h - 18 - 5.5)  # room for one line above the bottom margin: the next paragraph breaks over it
    pdf.multi_cell(0, 5, "The agreements will last for three years, and the Trust may lengthen any of them by up to "
                         "nine months where the provider has met its targets in every quarter of the last year of "
                         "the term.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.multi_cell(0, 5, "Providers are paid monthly.", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "break.pdf"
    pdf.output(str(path))
    document = read_document(path)
    assert document.pages == 3
    joined = [b for b in document.body_blocks if b.text.startswith("The agreements will last")]
    assert len(joined) == 1 and joined[0].text.endswith("the last year of the term."), joined
    assert joined[0].location.page == 2
    assert any(b.text == "Providers are paid monthly." for b in document.body_blocks)


def _pdf_with_running_lines():
    from fpdf import FPDF

    class Paper(FPDF):
        def header(self):
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, "Wexcombe NHS Trust | Community Advice Agreements")
            self.ln(10)

        def footer(self):
            self.set_y(-12)
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, f"OFFICIAL | Page {self.page_no()}")

    pdf = Paper(format="A4")
    pdf.set_auto_page_break(True, margin=18)
    return pdf
