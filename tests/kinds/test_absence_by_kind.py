"""The rules that look for something missing (applies_to: kinds) skip a single document of a narrow kind (a
pricing schedule holds no co-design), while rules that fire on wording that is there still run on it; ITT,
specification and other documents keep them, a pack is judged as a whole, and every report says which rules its
kind took out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.api import CheckOptions, check
from tests.kinds.test_classify import KINDS

ROOT = Path(__file__).resolve().parents[2]
NARROW = ("addendum-2.pdf", "form-of-tender.docx", "conditions.pdf", "rates.docx", "pricing.xlsx",
          "clarification-log.docx", "addendum-1.pdf")
ABSENCE = ("KIL-5.1-codesign-evidence", "KIL-3.1-market-engagement", "KIL-1.1-local-needs-evidence",
           "KIL-2.1-sv-criterion-missing", "KIL-3.8-consortia-welcome")


@pytest.fixture(scope="module")
def report(kind_files):
    return check([str(p) for p in kind_files.values()])


def _results(report) -> dict:
    return {Path(r.document.path).name: r for r in report.documents}


def test_absence_rules_are_skipped_for_the_narrow_kinds_and_kept_for_the_others(report):
    results = _results(report)
    assert {name: r.kind for name, r in results.items()} == KINDS
    for name, result in results.items():
        rules = {f.rule for f in result.findings}
        if name in NARROW:
            assert set(ABSENCE) <= set(result.kind_skipped), (name, result.kind_skipped)
            assert not rules & set(result.kind_skipped), (name, rules)
            assert result.steps[5] != "barrier", name  # no "no co-design" barrier for a schedule or form
        else:
            assert result.kind_skipped == [], name
            assert {"KIL-5.1-codesign-evidence", "KIL-3.1-market-engagement"} <= rules, (name, rules)


def test_rules_that_fire_on_present_wording_still_run_on_a_narrow_kind(report):
    form = _results(report)["form-of-tender.docx"]
    audited = [f for f in form.findings if f.rule == "KIL-3.10-audited-accounts"]
    assert audited and "Audited accounts for the last three years" in audited[0].evidence


def test_an_other_document_keeps_the_absence_rules(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nThe library opens at nine and closes at five on weekdays.\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (result,) = check([str(path)]).documents
    assert result.kind == "other" and result.kind_skipped == []
    assert "KIL-5.1-codesign-evidence" in {f.rule for f in result.findings}


def test_every_report_says_the_kind_why_and_what_was_skipped(report):
    from checker import report as reporters

    text = reporters.get("text").render(report)
    assert "Document kind: pricing schedule (a spreadsheet with prices" in text
    assert "Not checked for this kind: KIL-0.1-regime-and-threshold, " in text
    assert "Document kind: ITT (instructs bidders: " in text
    assert "Document kind: addendum (" in reporters.get("markdown").render(report)
    html = reporters.get("html").render(report)
    assert 'class="kind" data-kind="contract terms" data-skipped="KIL-0.1-regime-and-threshold ' in html
    junit = reporters.get("junit").render(report)
    assert 'message="not checked for this kind of document (form): the rule looks for what it does not hold"' in junit
    sarif = json.loads(reporters.get("sarif").render(report))
    kinds = {Path(a["location"]["uri"]).name: a["properties"] for a in sarif["runs"][0]["artifacts"]}
    assert "KIL-5.1-codesign-evidence" in kinds["rates.docx"]["kindSkipped"] and kinds["itt.pdf"]["kindSkipped"] == []
    documents = {Path(d["path"]).name: d for d in json.loads(json.dumps(report.to_dict()))["documents"]}
    assert documents["form-of-tender.docx"]["kind"] == "form"
    assert "a declaration" in documents["form-of-tender.docx"]["kind_reason"]
    assert "KIL-5.1-codesign-evidence" in documents["form-of-tender.docx"]["kind_skipped"]
    assert documents["itt.pdf"]["kind_skipped"] == []
    assert documents["itt.pdf"]["facts"]["document.kind"]["value"] == "ITT"


def test_the_report_matches_the_json_schema(report):
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    schema = json.loads((ROOT / "docs" / "report-schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(report.to_dict())), schema)


def test_a_pack_is_judged_as_a_whole(kind_files, tmp_path):
    """The same narrow documents in a pack with no co-design anywhere: the pack is told it, once."""
    folder = tmp_path / "pack"
    folder.mkdir()
    for name in ("addendum-2.pdf", "form-of-tender.docx", "pricing.xlsx"):
        (folder / name).write_bytes(kind_files[name].read_bytes())
    (tmp_path / ".git").mkdir()
    (result,) = check([], CheckOptions(packs=(str(folder),))).documents
    assert result.kind == "pack" and result.kind_skipped == []
    members = {m["file"]: (m["kind"], m["kind_reason"]) for m in result.document.metadata["pack"]["members"]}
    assert {f: k for f, (k, _) in members.items()} == {"addendum-2.pdf": "addendum", "form-of-tender.docx": "form",
                                                        "pricing.xlsx": "pricing schedule"}
    assert all(reason for _, reason in members.values())
    assert "KIL-5.1-codesign-evidence" in {f.rule for f in result.findings}


@pytest.mark.parametrize("options", [CheckOptions(force=True), CheckOptions(params={"check_every_kind": True})],
                         ids=["force", "param"])
def test_force_applies_the_absence_rules_to_every_kind(kind_files, options):
    (result,) = check([str(kind_files["form-of-tender.docx"])], options).documents
    assert result.kind == "form" and result.kind_skipped == []
    assert "KIL-5.1-codesign-evidence" in {f.rule for f in result.findings}
