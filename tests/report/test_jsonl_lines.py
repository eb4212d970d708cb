"""JSON Lines: "kind" names the line (document, error, summary), so --resume can find the documents a run
already wrote; what a document is (ITT, notice, pack, ...) is its "document_kind". Document kinds (issue 11)
had overwritten the line's kind, and --resume then skipped nothing."""

import json

from checker.report import jsonl


def test_a_document_line_is_kind_document_with_its_document_kind(sample_report, tmp_path):
    lines = [json.loads(line) for line in jsonl.render(sample_report).splitlines()]
    assert [line["kind"] for line in lines] == ["document", "document", "error", "summary"]
    for line, result in zip(lines, sample_report.documents, strict=False):
        assert line["document_kind"] == result.kind and line["path"] == result.document.path
    path = tmp_path / "run.jsonl"
    path.write_text(jsonl.render(sample_report), encoding="utf-8")
    done, rows, _ = jsonl.read_done(path)
    assert done == {"tenders/borough-support.pdf", "tenders/clean.md"}, "--resume skips what is there"
    assert [row["document_kind"] for row in rows] == [r.kind for r in sample_report.documents]
