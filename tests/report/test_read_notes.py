"""Notes on how a document was read: 'Not read' heads only the warnings where something was not read (or read
too poorly to trust), never a page OCR read, a file read with a fallback converter or a blank page; and the
incomplete note reads as plain English."""

import json
import re

from checker.model import DocWarning, Location
from checker.report import github, html, markdown, sarif, text

OCR = DocWarning("ocr", "page 1 had no text layer and was read by OCR (tesseract 5.3.0, mean word confidence "
                 "95%): quotes from it may hold misread characters", Location(page=1))
FALLBACK = DocWarning("converter-fallback", "read with antiword (LibreOffice failed)")


def _with_read_notes(report):
    report.documents[1].document.warnings = [OCR, FALLBACK]
    return report


def test_markdown_says_read_by_ocr_not_not_read(sample_report):
    out = markdown.render(_with_read_notes(sample_report))
    clean_doc = out.split("### `tenders/clean.md`")[1]
    assert "**Read by OCR:** page 1 had no text layer and was read by OCR" in clean_doc
    assert "**Note:** read with antiword" in clean_doc
    assert "Not read" not in clean_doc and "may have missed" not in clean_doc
    unread_doc = out.split("### `tenders/clean.md`")[0]
    assert "**Not read:** page 7 has no text layer" in unread_doc and "may have missed it" in unread_doc


def test_html_says_read_by_ocr_not_not_read(sample_report):
    page = html.render(_with_read_notes(sample_report))
    clean_doc = page.split('<section class="document" id="document-2"')[1]
    notes = re.findall(r'<p class="warning[^"]*">(.*?)</p>', clean_doc)
    assert [re.sub(r"<[^>]+>", "", n).split(":")[0] for n in notes] == ["Read by OCR", "Note"]
    assert "Not read" not in clean_doc and "may have missed" not in clean_doc
    assert "<strong>Not read:</strong> page 7 has no text layer" in page.split('<section class="document" id="document-2"')[0]


def test_incomplete_note_reads_plainly(sample_report):
    out = text.render(sample_report)
    assert "could not be read (no text layer, or OCR too poor to trust), so what the checks did not find may" in (
        " ".join(out.split()))
    assert "found nothing of" not in out


def test_text_says_note_for_ocr_and_not_read_for_a_missing_page(sample_report):
    out = text.render(_with_read_notes(sample_report))
    assert "  note: page 1 had no text layer and was read by OCR" in out
    assert "  note: read with antiword" in out
    assert "  not read: page 7 has no text layer (scanned image?) [no-text-layer] (p. 7)" in out


def test_github_annotates_a_page_read_by_ocr_as_a_notice(sample_report):
    lines = github.render(_with_read_notes(sample_report)).splitlines()
    ocr = [line for line in lines if "was read by OCR" in line]
    assert len(ocr) == 1 and ocr[0].startswith("::notice ") and "title=tendercheck%3A Read by OCR (ocr)" in ocr[0]
    assert not any("could not read everything%3A ocr" in line for line in lines)
    assert any(line.startswith("::warning ") and "could not read everything%3A no-text-layer" in line
               for line in lines)


def test_sarif_notifies_a_page_read_by_ocr_as_a_note(sample_report):
    from tests.report.test_sarif import validate

    log = json.loads(sarif.render(_with_read_notes(sample_report)))
    validate(log)
    levels = {n["descriptor"]["id"]: n["level"] for n in log["runs"][0]["invocations"][0]["toolExecutionNotifications"]}
    assert levels["ocr"] == "note" and levels["converter-fallback"] == "note"
    assert levels["no-text-layer"] == "warning"


def test_a_packs_incomplete_note_names_each_members_own_pages():
    from checker.facts.base import Facts
    from checker.model import Document
    from checker.report.common import incomplete_note
    from checker.results import DocumentResult

    members = [{"path": "p.zip!itt.pdf", "file": "itt.pdf", "kind": "ITT", "format": "pdf", "pages": 12,
                "unread_pages": [2]},
               {"path": "p.zip!annex.pdf", "file": "annex.pdf", "kind": "other", "format": "pdf", "pages": 3,
                "unread_pages": [1, 2]},
               {"path": "p.zip!prices.xlsx", "file": "prices.xlsx", "kind": "pricing schedule", "format": "xlsx",
                "pages": 1, "unread_pages": []}]
    warnings = [DocWarning("no-text-layer", "no text", Location(page=p, file=f))
                for f, p in (("itt.pdf", 2), ("annex.pdf", 1), ("annex.pdf", 2))]
    pack = Document(path="p.zip", sha256="", format="pack", pages=16, metadata={"pack": {"members": members}},
                    warnings=warnings)
    note = incomplete_note(DocumentResult(pack, Facts(), [], {}))
    assert note.startswith("Incomplete: itt.pdf page 2 of 12; annex.pdf pages 1 and 2 of 3 could not be read"), note
