"""DOCX extraction on documents built with python-docx in tmp_path."""

from __future__ import annotations

import zipfile

import pytest

from checker.extract import read_document

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TEXT_BOX = (
    f'<w:r {W_NS} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:100pt;height:40pt">'
    '<v:textbox><w:txbxContent><w:p><w:r><w:t>Text box: bids close at noon</w:t></w:r></w:p></w:txbxContent>'
    "</v:textbox></v:shape></w:pict></w:r>"
)
FOOTNOTES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W_NS}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>Footnote: see the JSNA 2024.</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _build(path):
    import docx
    from docx.enum.section import WD_SECTION
    from docx.oxml import parse_xml

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Community Services Tender ITT-77"
    section.footer.paragraphs[0].text = "OFFICIAL"
    document.add_heading("Tender for community support", level=0)
    document.add_heading("1 Introduction", level=1)
    intro = document.add_paragraph("The council wants local providers to bid.")
    intro.runs[0]._r.addnext(parse_xml(TEXT_BOX))
    intro.add_run("Evidence of need")._r.append(parse_xml(f'<w:footnoteReference {W_NS} w:id="1"/>'))
    document.add_paragraph("Work with residents", style="List Bullet")
    document.add_paragraph("Report quarterly", style="List Bullet")
    document.add_page_break()
    document.add_heading("4 Evaluation", level=1)
    bold = document.add_paragraph()
    bold.add_run("4.2 Weightings").bold = True
    document.add_paragraph("Bids are scored as follows.")
    table = document.add_table(rows=4, cols=3)
    for r, row in enumerate((("Criterion", "Weight", "Notes"), ("Price", "40%", "lowest price scores 40"),
                             ("Quality", "50%", "method statements"), ("Social value", "10%", ""))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(2, 2).merge(table.cell(3, 2))  # vertical merge: one note for two rows
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Weight and notes"  # horizontal merge
    nested = table.cell(1, 2).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "Inner A"
    nested.cell(0, 1).text = "Inner B"
    document.add_paragraph("After the table.")
    document.add_section(WD_SECTION.NEW_PAGE)  # its header is linked to the first: read once
    document.add_heading("5 Contract", level=1)
    document.add_paragraph("The contract runs for three years.")
    document.save(str(path))
    _add_footnotes(path)
    return path


def _add_footnotes(path):
    """python-docx cannot write footnotes: add the part, its relationship and content type by hand."""
    with zipfile.ZipFile(path) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    files["word/footnotes.xml"] = FOOTNOTES.encode()
    rels = files["word/_rels/document.xml.rels"].decode()
    files["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdFoot1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'footnotes" Target="footnotes.xml"/></Relationships>')).encode()
    types = files["[Content_Types].xml"].decode()
    files["[Content_Types].xml"] = types.replace("</Types>", (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.footnotes+xml"/></Types>')).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)


@pytest.fixture
def tender_docx(tmp_path):
    return _build(tmp_path / "tender.docx")


def test_blocks_and_tables_in_document_order(tender_docx):
    document = read_document(tender_docx)
    texts = [b.text for b in document.blocks]
    assert texts.index("Bids are scored as follows.") < texts.index("Criterion") < texts.index("After the table.")
    assert texts.index("After the table.") < texts.index("5 Contract")


def test_heading_styles_and_bold_numbered_text_give_sections(tender_docx):
    document = read_document(tender_docx)
    headings = [(b.level, b.text) for b in document.blocks if b.kind == "heading"]
    assert headings == [(1, "Tender for community support"), (1, "1 Introduction"), (1, "4 Evaluation"),
                        (2, "4.2 Weightings"), (1, "5 Contract")]
    scored = next(b for b in document.blocks if b.text == "Bids are scored as follows.")
    assert scored.location.section == "4 Evaluation > 4.2 Weightings"
    assert document.tables[0].location.section == "4 Evaluation > 4.2 Weightings"


def test_list_styles_give_list_items(tender_docx):
    items = [b.text for b in read_document(tender_docx).blocks if b.kind == "list_item"]
    assert items == ["Work with residents", "Report quarterly"]


def test_merged_cells_hold_their_text_once_and_nested_tables_are_separate(tender_docx):
    document = read_document(tender_docx)
    outer, inner = document.tables
    assert outer.header == ("Criterion", "Weight and notes", "")
    assert outer.rows[2] == ("Quality", "50%", "method statements")
    assert outer.rows[3] == ("Social value", "10%", "")  # the vertically merged cell continues: no repeat
    assert inner.rows == (("Inner A", "Inner B"),)
    all_text = [b.text for b in document.blocks]
    assert all_text.count("method statements") == 1
    assert all_text.count("Weight and notes") == 1
    assert all_text.count("Inner A") == 1
    cell = next(b for b in document.blocks if b.text == "Inner B")
    assert cell.kind == "table_cell" and cell.location.table == 1 and cell.location.col == 1


def test_headers_and_footers_are_tagged_once(tender_docx):
    document = read_document(tender_docx)
    assert [b.text for b in document.blocks if b.kind == "header"] == ["Community Services Tender ITT-77"]
    assert [b.text for b in document.blocks if b.kind == "footer"] == ["OFFICIAL"]
    assert "ITT-77" not in document.text()


def test_pages_follow_explicit_page_breaks(tender_docx):
    document = read_document(tender_docx)
    page = {b.text: b.location.page for b in document.blocks if b.kind not in ("header", "footer")}
    assert page["1 Introduction"] == 1
    assert page["4 Evaluation"] == 2
    assert page["5 Contract"] == 3  # the new section starts a page
    assert document.pages == 3


def test_text_boxes_and_footnotes_are_read_next_to_their_paragraph(tender_docx):
    document = read_document(tender_docx)
    texts = [b.text for b in document.blocks]
    intro = next(i for i, t in enumerate(texts) if t.startswith("The council wants local providers"))
    assert "Text box: bids close at noon" in texts[intro + 1:intro + 3]
    assert "Footnote: see the JSNA 2024." in texts[intro + 1:intro + 3]
    assert "Text box" not in texts[intro]


def test_without_page_breaks_pages_are_unknown(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("One page of text.")
    path = tmp_path / "plain.docx"
    document.save(str(path))
    read = read_document(path)
    assert [b.location.page for b in read.blocks] == [None]
    assert read.pages == 1


def test_docx_that_would_unpack_too_far_is_refused(tmp_path):
    from checker import limits
    from checker.errors import InputError

    path = _build(tmp_path / "bomb.docx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as zf:
        zf.writestr("word/media/padding.bin", b"\0" * 2_000_000)
    with limits.using(limits.Limits(unpacked_mb=1)), pytest.raises(InputError, match="zip bomb"):
        read_document(path)


def test_word_list_numbers_are_put_in_front_of_numbered_headings(tmp_path):
    import docx

    document = docx.Document()
    for title, body in (("Scope", "The service covers the whole borough."),
                        ("Evaluation", "Price 40%, quality 60%."), ("Payment", "Within 30 days.")):
        heading = document.add_paragraph(style="List Number")
        heading.add_run(title).bold = True
        document.add_paragraph(body)
    bullet = document.add_paragraph("A bullet keeps its text", style="List Bullet")
    bullet.runs[0].bold = True
    document.add_paragraph("Body after the bullet.")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    read = read_document(path)
    headings = [(b.level, b.text) for b in read.blocks if b.kind == "heading"]
    assert headings[:3] == [(1, "1. Scope"), (1, "2. Evaluation"), (1, "3. Payment")]
    assert next(b for b in read.blocks if b.text.startswith("Price 40%")).location.section == "2. Evaluation"
    assert any(b.text == "A bullet keeps its text" for b in read.blocks)  # no label for bullets
