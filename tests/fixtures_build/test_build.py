"""fixtures/build.py: the committed sample documents are exactly what the committed sources produce."""

import importlib.util
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _load_build():
    spec = importlib.util.spec_from_file_location("fixtures_build_module", FIXTURES / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = _load_build()


def pdf_text(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def docx_text(path: Path) -> list[str]:
    import docx

    d = docx.Document(str(path))
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        out.extend(c.text for row in t.rows for c in row.cells)
    for s in d.sections:
        out.extend(p.text for p in s.header.paragraphs + s.footer.paragraphs)
    return out


def text_of(path: Path) -> list[str]:
    return pdf_text(path) if path.suffix == ".pdf" else docx_text(path)


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    pytest.importorskip("fpdf", reason="fpdf2 is in the test extra: pip install -e '.[test]'")
    out = tmp_path_factory.mktemp("fixtures")
    return out, build.build(out)


def test_every_source_is_rebuilt(rebuilt):
    out, built = rebuilt
    assert len(built) == len(build.sources()) >= 23
    for path in built:
        committed = FIXTURES / path.relative_to(out)
        assert committed.is_file(), f"{committed} is not committed: run fixtures/build.py"


def test_rebuilt_text_matches_committed(rebuilt):
    out, built = rebuilt
    for path in built:
        committed = FIXTURES / path.relative_to(out)
        assert text_of(path) == text_of(committed), f"{committed.name} is stale: run fixtures/build.py"


def test_rebuild_is_byte_identical(rebuilt):
    """Fixed dates and zip timestamps: a rebuild with the same library versions reproduces the bytes."""
    out, _ = rebuilt
    again = out.parent / "again"
    for path in build.build(again, ["sample-tender", "calderbrook-grounds-pure-price"]):
        assert path.read_bytes() == (out / path.relative_to(again)).read_bytes()


def test_every_committed_document_has_a_source():
    sources = {p.stem for p in build.sources()}
    for doc in list(FIXTURES.glob("*.pdf")) + list((FIXTURES / "tenders").glob("*.*")):
        if doc.suffix in (".pdf", ".docx"):
            assert doc.stem in sources, f"{doc} has no source in fixtures/src"


def test_pdf_pages_carry_running_header_and_page_of_total():
    pages = pdf_text(FIXTURES / "sample-tender.pdf")
    assert 6 <= len(pages) <= 10
    for n, page in enumerate(pages, 1):
        assert page.startswith("Northmoor Borough Council")
        assert f"Page {n} of {len(pages)}" in page


def test_pdf_tables_are_ruled_and_split_tables_repeat_their_header():
    import pdfplumber

    with pdfplumber.open(FIXTURES / "tenders" / "irwell-cleaning-sq-split-table.pdf") as pdf:
        firsts = [t[0][:2] for page in pdf.pages for t in page.extract_tables()]
    assert firsts.count(["Ref", "Area"]) >= 2  # one table, headed again on the next page


def test_parse_supports_the_source_dialect(tmp_path):
    src = tmp_path / "x.md"
    src.write_text(
        "---\nformat: docx\nvars: {buyer: Testshire}\n---\n"
        "@title T\n# 1 Intro\nLine one\nline two.\n\n- a bullet\n(a) an item\n"
        "@table borderless widths=1,2\n| H1 | H2 |\n|---|---|\n| {{buyer}} | £1 |\n@pagebreak\n@columns 2\n## 1.1 Sub\n",
        encoding="utf-8",
    )
    items = build.parse(src).items
    kinds = [i.kind for i in items]
    assert kinds == [
        "title",
        "heading",
        "para",
        "bullet",
        "numbered",
        "table",
        "pagebreak",
        "columns",
        "heading",
    ]
    assert items[2].text == "Line one line two."
    assert items[5].rows == [["H1", "H2"], ["Testshire", "£1"]]
    assert items[5].opts == {"borders": "borderless", "widths": [1.0, 2.0]}
    assert (items[8].level, items[8].text) == (2, "1.1 Sub")


def test_parse_rejects_unknown_directive(tmp_path):
    src = tmp_path / "bad.md"
    src.write_text("---\nformat: pdf\n---\n@colums 2\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="unknown directive"):
        build.parse(src)


def test_docx_carries_columns_repeated_table_headers_and_page_fields():
    import docx
    from docx.oxml.ns import qn

    d = docx.Document(str(FIXTURES / "tenders" / "hollinsworth-homecare-zones-numeric-dates.docx"))
    columns = [s._sectPr.find(qn("w:cols")) for s in d.sections]
    assert [c.get(qn("w:num")) for c in columns if c is not None][-2:] == ["2", "1"]
    for table in d.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    footer = d.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert d.core_properties.author == "Hollinsworth Metropolitan Borough Council"


@pytest.mark.parametrize(
    "front, body, message",
    [
        ("format: odt", "x", "format must be pdf or docx"),
        ("format: pdf\nfont: comic", "x", "PDF font must be one of"),
        ("format: pdf\nfooter_left: x", "x", "unknown front matter"),
        ("format: pdf", "Dear {{buyer}}", "not in the front matter vars"),
        ("format: pdf", "@include common/no-such-file.md", "not found"),
    ],
)
def test_parse_reports_bad_sources_by_file(tmp_path, front, body, message):
    src = tmp_path / "bad.md"
    src.write_text(f"---\n{front}\n---\n{body}\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=message):
        build.parse(src)
