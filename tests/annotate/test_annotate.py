"""`tendercheck annotate`: a copy of the Word draft with one comment per finding, anchored on its evidence.

The comments read back with python-docx match the JSON report's findings one to one (by fingerprint); each
comment with an evidence quote covers those words; findings about the whole document sit on the title; the
draft is never written to; annotating the copy again replaces the earlier comments; LibreOffice reads them.
"""

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from checker.annotate import AUTHOR, _squash, write_reviewed
from checker.extract import read_document
from checker.findings import Finding
from checker.results import DocumentResult
from cli import main

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "tenders" / "calderbrook-grounds-pure-price.docx"
PDF = Path(__file__).resolve().parents[2] / "fixtures" / "sample-tender.pdf"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def anchored_text(document) -> dict[int, str]:
    """Comment id -> the document text between its range marks."""
    found, open_ = {}, {}
    for el in document.element.body.iter():
        if el.tag == f"{W}commentRangeStart":
            open_[el.get(f"{W}id")] = []
        elif el.tag == f"{W}commentRangeEnd":
            found[int(el.get(f"{W}id"))] = "".join(open_.pop(el.get(f"{W}id"), []))
        elif el.tag == f"{W}t":
            for parts in open_.values():
                parts.append(el.text or "")
    return found


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "draft.docx"
    shutil.copy(FIXTURE, path)
    return path


def json_findings(cli_runner, path) -> list[dict]:
    done = cli_runner.invoke(main, ["check", str(path), "--format", "json"])
    return json.loads(done.output)["documents"][0]["findings"]


def test_comments_match_the_json_findings_one_to_one_on_their_evidence(cli_runner, draft, tmp_path):
    before = sha(draft)
    done = cli_runner.invoke(main, ["annotate", str(draft)])
    assert done.exit_code == 0, done.output
    reviewed = tmp_path / "draft.reviewed.docx"
    assert f"wrote {reviewed}" in done.output
    assert sha(draft) == before, "the draft was written to"

    findings = json_findings(cli_runner, draft)
    document = docx.Document(str(reviewed))
    comments = list(document.comments)
    assert len(comments) == len(findings) > 5
    by_print = {f["fingerprint"]: f for f in findings}
    assert {c.text.splitlines()[-1].rsplit(" ", 1)[-1] for c in comments} == set(by_print)
    ranges = anchored_text(document)
    for comment in comments:
        assert comment.author == AUTHOR and comment.initials == "TC"
        finding = by_print[comment.text.splitlines()[-1].rsplit(" ", 1)[-1]]
        text = comment.text
        headline = finding.get("headline") or finding["title"]  # the problem, where the rulebook states it
        assert finding["severity"].upper() in text.splitlines()[0] and headline in text.splitlines()[0]
        assert f"Problem: {finding['message']}" in text
        if finding["fix"]:
            assert "Fix: " + " ".join(finding["fix"].split())[:40] in " ".join(text.split())
        for citation in finding["citations"]:
            assert f"Source: {citation['title']}" in text
        on = _squash(ranges[comment.comment_id])[0]
        assert on, f"comment {comment.comment_id} covers no text"
        if finding["evidence"]:
            assert on in _squash(finding["evidence"])[0], (finding["rule"], ranges[comment.comment_id])
        else:  # about the whole document: on the title
            assert ranges[comment.comment_id] == "Request for Tender"
            assert "Where: the whole document" in text


def test_an_evidence_quote_inside_a_paragraph_is_anchored_exactly(tmp_path):
    path = tmp_path / "runs.docx"
    made = docx.Document()
    made.add_heading("Invitation to tender", 0)
    paragraph = made.add_paragraph("Tenders are invited. The contract will be ")
    paragraph.add_run("awarded on price").bold = True
    paragraph.add_run(" alone, to the lowest bid. Nothing else counts.")
    made.save(str(path))
    extracted = read_document(path)
    block = next(b for b in extracted.blocks if "awarded" in b.text)
    quote = Finding("T-1", 2, "warning", "Price alone", "Awarded on price alone.", block.location,
                    evidence="The contract will be awarded on price alone, to the lowest bid.")
    absent = Finding("T-2", 5, "info", "Co-design", "No co-design found.")
    target = tmp_path / "out.docx"
    outcome = write_reviewed(path, DocumentResult(extracted, None, [quote, absent], {}), target)
    assert outcome.comments == 2
    document = docx.Document(str(target))
    ranges = anchored_text(document)
    first, second = list(document.comments)
    assert ranges[first.comment_id] == "The contract will be awarded on price alone, to the lowest bid."
    assert ranges[second.comment_id] == "Invitation to tender"
    # the runs were split at the quote's ends, and the text and the bold run are as they were
    body = document.paragraphs[1]
    assert body.text == "Tenders are invited. The contract will be awarded on price alone, to the lowest bid. " \
                        "Nothing else counts."
    assert [r.text for r in body.runs if r.bold] == ["awarded on price"]


def test_a_table_cell_finding_is_anchored_in_its_cell(cli_runner, draft, tmp_path):
    cli_runner.invoke(main, ["annotate", str(draft)])
    document = docx.Document(str(tmp_path / "draft.reviewed.docx"))
    ranges = anchored_text(document)
    cell_comment = next(c for c in document.comments if "KIL-4.2" in c.text)
    assert ranges[cell_comment.comment_id] == "£310,000 per annum excluding VAT"
    assert document.tables[0].cell(1, 1).text == "£310,000 per annum excluding VAT"


def test_annotating_the_copy_again_replaces_its_comments_and_keeps_a_persons(cli_runner, draft, tmp_path):
    assert cli_runner.invoke(main, ["annotate", str(draft)]).exit_code == 0
    reviewed = tmp_path / "draft.reviewed.docx"
    document = docx.Document(str(reviewed))
    count = len(document.comments)
    document.add_comment(document.paragraphs[3].runs, text="Check the address", author="Jane Buyer", initials="JB")
    document.save(str(reviewed))

    again = tmp_path / "again.docx"
    done = cli_runner.invoke(main, ["annotate", str(reviewed), "-o", str(again)])
    assert done.exit_code == 0, done.output
    assert f"{count} earlier tendercheck comment(s) replaced" in done.output
    redone = docx.Document(str(again))
    authors = [c.author for c in redone.comments]
    assert authors.count(AUTHOR) == count and authors.count("Jane Buyer") == 1
    body = redone.element.body
    ids = {str(c.comment_id) for c in redone.comments}
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        marks = [m.get(f"{W}id") for m in body.iter(f"{W}{tag}")]
        assert sorted(marks) == sorted(ids), f"{tag} marks do not match the comments"
    assert redone.paragraphs[0].text == docx.Document(str(draft)).paragraphs[0].text


def test_waived_findings_are_marked_as_waived(cli_runner, draft, tmp_path):
    (tmp_path / ".tendercheck.yaml").write_text(
        "waivers:\n  - rule: KIL-2.3-price-weight-high\n    reason: Statutory burial fees fix the price\n"
        "    approved_by: Head of Bereavement Services\n", encoding="utf-8")
    assert cli_runner.invoke(main, ["annotate", str(draft)]).exit_code == 0
    document = docx.Document(str(tmp_path / "draft.reviewed.docx"))
    waived = [c for c in document.comments if c.text.startswith("WAIVED")]
    assert len(waived) == 1 and "KIL-2.3-price-weight-high" in waived[0].text
    assert "Waived: Statutory burial fees fix the price (approved by Head of Bereavement Services)" \
        in waived[0].text


def test_the_draft_itself_is_never_the_output(cli_runner, draft):
    before = sha(draft)
    done = cli_runner.invoke(main, ["annotate", str(draft), "-o", str(draft)])
    assert done.exit_code == 2
    assert "the draft is never written to" in done.output
    assert sha(draft) == before


def test_an_unreadable_draft_is_one_error_line(cli_runner, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    done = cli_runner.invoke(main, ["annotate", str(bad)])
    assert done.exit_code == 2 and "bad.docx" in done.output and "Traceback" not in done.output
    assert not (tmp_path / "bad.reviewed.docx").exists()


def test_a_pdf_gets_its_html_report_beside_it(cli_runner, tmp_path):
    pdf = tmp_path / "tender.pdf"
    shutil.copy(PDF, pdf)
    done = cli_runner.invoke(main, ["annotate", str(pdf)])
    assert done.exit_code == 0, done.output
    page = (tmp_path / "tender.report.html").read_text(encoding="utf-8")
    assert 'data-step="1"' in page and "Keep it Local check" in page


def test_libreoffice_reads_the_comments(cli_runner, draft, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed: the copy is only checked with python-docx")
    assert cli_runner.invoke(main, ["annotate", str(draft)]).exit_code == 0
    reviewed = tmp_path / "draft.reviewed.docx"
    count = len(docx.Document(str(reviewed)).comments)
    out = tmp_path / "lo"
    done = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                           "--convert-to", "odt", "--outdir", str(out), str(reviewed)],
                          capture_output=True, timeout=180, check=False)
    converted = out / "draft.reviewed.odt"
    assert converted.exists(), done.stderr.decode(errors="replace")[-2000:]
    content = zipfile.ZipFile(converted).read("content.xml").decode("utf-8")
    assert len(re.findall(r"<office:annotation[ >]", content)) == count
    assert len(re.findall(r"<office:annotation-end ", content)) == count  # each covers its range
    assert f"<dc:creator>{AUTHOR}</dc:creator>" in content
