"""Small PDFs and DOCX files built in tmp_path, so the extractor tests need no checked-in binaries."""

from __future__ import annotations

import pytest

LOREM = ("Providers must show how the service will reach residents in every ward of the borough, working with "
         "local voluntary groups and the people who use the service today. ")
LEFT = "Left column sentence {n} describes the local need in detail and continues for a while. "
RIGHT = "Right column sentence {n} describes the social value offer and continues for a while. "


def _pdf():
    from fpdf import FPDF

    class Tender(FPDF):
        running_header = "Borough Council - Invitation to Tender ITT-2025-014"

        def header(self):
            if self.running_header:
                self.set_font("Helvetica", size=8)
                self.cell(0, 6, self.running_header, align="C")
                self.ln(10)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Tender(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    return pdf


def _heading(pdf, text: str, size: int = 13):
    pdf.set_font("Helvetica", "B", size)
    pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _para(pdf, text: str):
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


@pytest.fixture
def tender_pdf(tmp_path):
    """Five pages: numbered bold headings, paragraphs, bullets, a weightings table, running header/footer."""
    pdf = _pdf()
    pdf.add_page()
    _heading(pdf, "1 Introduction", 15)
    _para(pdf, LOREM * 6)
    _heading(pdf, "2 Specification", 15)
    _heading(pdf, "2.1 Service outcomes")
    for n in range(1, 4):
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(0, 5, f"- Outcome {n}: fewer residents reach crisis in year {n}.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    _para(pdf, LOREM * 10)
    pdf.add_page()
    _heading(pdf, "4 Evaluation", 15)
    _heading(pdf, "4.2 Weightings")
    _para(pdf, "Tenders will be scored against the criteria in the table below.")
    pdf.set_font("Helvetica", size=10)
    with pdf.table(col_widths=(120, 40)) as table:
        for row in (("Criterion", "Weighting"), ("Price", "40%"), ("Quality", "50%"), ("Social value", "10%")):
            table.row(row)
    pdf.ln(4)
    _para(pdf, "The social value score is part of the quality score. " + LOREM * 12)
    for n in range(3):
        pdf.add_page()
        _heading(pdf, f"{5 + n} Terms part {n + 1}", 15)
        _para(pdf, LOREM * 14)
    path = tmp_path / "tender.pdf"
    pdf.output(str(path))
    return path


@pytest.fixture
def split_table_pdf(tmp_path):
    """A 60-row table that runs over a page break and repeats its header row."""
    pdf = _pdf()
    pdf.add_page()
    _heading(pdf, "3 Lots")
    _para(pdf, "The contract is divided into the following lots.")
    pdf.set_font("Helvetica", size=10)
    with pdf.table(col_widths=(30, 100, 40), repeat_headings=1) as table:
        table.row(("Lot", "Service", "Value"))
        for n in range(1, 61):
            table.row((str(n), f"Neighbourhood service area {n}", f"GBP {n * 10},000"))
    _para(pdf, "End of the lot list.")
    path = tmp_path / "split-table.pdf"
    pdf.output(str(path))
    return path


@pytest.fixture
def two_column_pdf(tmp_path):
    """A full-width heading, then two text columns, then a full-width closing paragraph."""
    pdf = _pdf()
    pdf.add_page()
    _heading(pdf, "6 Background", 15)
    pdf.set_font("Helvetica", size=10)
    top = pdf.get_y()
    width = (pdf.epw - 12) / 2
    pdf.set_xy(pdf.l_margin, top)
    pdf.multi_cell(width, 5, "".join(LEFT.format(n=n) for n in range(1, 9)), new_x="LMARGIN", new_y="NEXT")
    bottom_left = pdf.get_y()
    pdf.set_xy(pdf.l_margin + width + 12, top)
    pdf.multi_cell(width, 5, "".join(RIGHT.format(n=n) for n in range(1, 9)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(bottom_left, pdf.get_y()) + 8)
    _para(pdf, "Closing paragraph across the full width of the page, after both columns have ended. " * 2)
    path = tmp_path / "two-column.pdf"
    pdf.output(str(path))
    return path


@pytest.fixture
def scan_pdf(tmp_path):
    """Three pages holding only an image with no words on it (a grey wash, not one even tone): no text layer."""
    from fpdf import FPDF
    from PIL import Image

    image = tmp_path / "scan.png"
    wash = Image.linear_gradient("L").resize((120, 160)).point(lambda v: 150 + v // 4)
    Image.merge("RGB", (wash, wash, wash)).save(image)
    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()
        pdf.image(str(image), x=10, y=10, w=150)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    return path


def make_encrypted_pdf(path, user_password: str) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Confidential tender pack. " * 20, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


@pytest.fixture
def encrypted_pdf_factory(tmp_path):
    def make(user_password: str):
        path = tmp_path / f"locked-{len(user_password)}.pdf"
        make_encrypted_pdf(path, user_password)
        return path

    return make
