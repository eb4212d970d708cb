"""A DOCX whose XML declares a DTD (external entities, billion laughs) is refused with one line naming the
file and the part, before python-docx parses it; the rest of the batch is checked; no input is written."""

from __future__ import annotations

import json

import pytest

from tests.hostile.helpers import assert_clean, docx_with_dtd, hashes, run_cli

XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = ("<!DOCTYPE w:document [<!ENTITY lol \"lol\">"
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + "]>")
CASES = {
    "xxe.docx": (XXE, "word/document.xml", "&xxe;"),
    "laughs.docx": (LAUGHS, "word/document.xml", "&lol9;"),
    "xxe-in-styles.docx": (XXE, "word/styles.xml", ""),
    "xxe-in-rels.docx": ('<!DOCTYPE Relationships SYSTEM "http://example.invalid/x.dtd">', "_rels/.rels", ""),
    "commented.docx": ("<!-- <w:x> --><!DOCTYPE w:document [<!ENTITY a \"b\">]>", "word/document.xml", "&a;"),
}


@pytest.fixture
def batch(tmp_path, good):
    for name, (dtd, part, body) in CASES.items():
        docx_with_dtd(tmp_path / name, dtd, part, body)
    return tmp_path


def test_dtds_are_refused_naming_file_and_part(batch, good):
    before = hashes(batch)
    paths = [batch / name for name in CASES]
    result = run_cli("check", "--format", "json", *paths, good)
    assert result.returncode == 2
    assert_clean(result)
    for name, (_, part, _) in CASES.items():
        (line,) = [x for x in result.stderr.splitlines() if x.startswith(f"tendercheck: error: {batch / name}: ")]
        assert f"DOCX part {part} declares a DTD (<!DOCTYPE>): refusing XML entities" in line
    report = json.loads(result.stdout)
    assert [d["path"] for d in report["documents"]] == [str(good)]
    assert {e["code"] for e in report["errors"]} == {"unsafe-xml"}
    assert hashes(batch) == before


def test_extract_refuses_too(tmp_path):
    path = docx_with_dtd(tmp_path / "xxe.docx", XXE, body="&xxe;")
    result = run_cli("extract", path)
    assert result.returncode == 2
    assert_clean(result)
    assert "root:" not in result.stdout
    assert result.stderr.startswith(f"tendercheck: error: {path}: DOCX part word/document.xml declares a DTD")


def test_an_ordinary_docx_is_still_read(tmp_path):
    from checker.extract import read_document

    path = docx_with_dtd(tmp_path / "plain.docx", "", body="Lot 1")
    assert read_document(path).blocks[0].text.startswith("Lot 1 The council")
