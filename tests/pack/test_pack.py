"""A ZIP of an ITT PDF, a specification DOCX and an .xlsx pricing schedule is one tender: one result, facts
merged with their file and page, the ITT's £2.5m against the schedule's £3m reported, members listed with
their kinds in every report format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.api import CheckOptions, check

ROOT = Path(__file__).resolve().parents[2]
RULE = "KIL-0.3-pack-documents-agree"


def run_cli(*args, cwd):
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture(scope="module")
def report(pack_zip):
    return check([str(pack_zip)])


def test_a_zip_is_one_tender_with_its_members_and_kinds(report, pack_zip):
    assert not report.errors
    (result,) = report.documents
    assert result.document.format == "pack" and result.document.path == str(pack_zip)
    members = {m["file"]: m for m in result.document.metadata["pack"]["members"]}
    assert {f: m["kind"] for f, m in members.items()} == {
        "tender/itt.pdf": "ITT", "tender/specification.docx": "specification",
        "tender/pricing-schedule.xlsx": "pricing schedule"}
    assert members["tender/pricing-schedule.xlsx"]["format"] == "xlsx"
    assert list(members) == ["tender/itt.pdf", "tender/specification.docx", "tender/pricing-schedule.xlsx"]  # ITT first
    assert members["tender/itt.pdf"]["path"] == f"{pack_zip}!tender/itt.pdf"
    assert set(result.steps) == {1, 2, 3, 4, 5}  # one scorecard for the pack


def test_facts_are_merged_across_documents_with_file_and_page(report):
    facts = report.documents[0].facts
    price = facts.get("evaluation.price_pct")
    assert price.value == 40 and price.location.file == "tender/itt.pdf" and price.location.page
    value = facts.get("contract.value_total_gbp")  # the ITT's figure leads; KIL-0.3 reports the schedule's
    assert value.value == 2_500_000 and value.location.file == "tender/itt.pdf"
    co_design = facts.get("evidence.co_design")
    assert co_design is not None and co_design.location.file == "tender/specification.docx"
    as_json = report.documents[0].to_dict()["facts"]["evaluation.price_pct"]["location"]
    assert as_json["file"] == "tender/itt.pdf"


def test_the_conflicting_value_is_one_warning_naming_both_documents(report):
    found = [f for _, f in report.findings() if f.rule == RULE]
    assert len(found) == 1, [f.message for f in found]
    (finding,) = found
    assert finding.severity == "warning"
    assert "£2,500,000 in tender/itt.pdf (ITT, p. " in finding.message
    assert "£3,000,000 in tender/pricing-schedule.xlsx (pricing schedule, p. 1)" in finding.message
    assert finding.location.file == "tender/itt.pdf" and "£2,500,000" in finding.evidence


def test_a_single_document_is_not_judged_for_agreement(pack_files):
    single = check([str(pack_files["itt.pdf"])], CheckOptions(select=(RULE,)))
    assert not list(single.findings())
    assert single.documents[0].steps[4] == "n/a"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html", "sarif", "junit", "github"])
def test_every_report_format_shows_the_pack_and_its_members(pack_zip, fmt, tmp_path):
    out = tmp_path / f"report.{fmt}"
    result = run_cli("check", str(pack_zip), "-f", fmt, "-o", str(out), "--exit-zero", cwd=pack_zip.parent)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    for file, kind in (("itt.pdf", "ITT"), ("specification.docx", "specification"),
                       ("pricing-schedule.xlsx", "pricing schedule")):
        if fmt == "json":
            members = json.loads(text)["documents"][0]["pack"]["members"]
            assert {"file": f"tender/{file}", "kind": kind} in [{"file": m["file"], "kind": m["kind"]}
                                                                for m in members]
        else:
            assert f"tender/{file}: {kind} (" in text, fmt
    assert "befriending-pack.zip" in text


def test_a_folder_given_with_pack_is_one_tender(pack_files):
    folder = pack_files["itt.pdf"].parent
    (folder / ".git").mkdir(exist_ok=True)
    report = check([], CheckOptions(packs=(str(folder),)))
    (result,) = report.documents
    assert result.document.format == "pack" and result.document.metadata["pack"]["source"] == "folder"
    assert {m["file"] for m in result.document.metadata["pack"]["members"]} == set(pack_files)
    assert [f.rule for _, f in report.findings()].count(RULE) == 1


def test_a_pack_list_in_the_config_is_one_tender(pack_files, tmp_path):
    for name, file in pack_files.items():
        (tmp_path / name).write_bytes(file.read_bytes())
    (tmp_path / "notes.pdf").write_bytes(pack_files["itt.pdf"].read_bytes())  # not in the pack: on its own
    (tmp_path / ".git").mkdir()
    (tmp_path / ".tendercheck.yaml").write_text("pack: [itt.pdf, specification.docx, '*.xlsx']\n", encoding="utf-8")
    report = check([str(tmp_path)])
    formats = sorted(r.document.format for r in report.documents)
    assert formats == ["pack", "pdf"], formats
    pack = next(r for r in report.documents if r.document.format == "pack")
    assert [m["file"] for m in pack.document.metadata["pack"]["members"]] == [
        "itt.pdf", "specification.docx", "pricing-schedule.xlsx"]


def test_the_pack_report_matches_the_json_schema(report):
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    schema = json.loads((ROOT / "docs" / "report-schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(report.to_dict())), schema)


def test_unread_pages_of_a_member_are_named_by_member(pack_files, tmp_path):
    import zipfile

    scanned = ROOT / "fixtures" / "scanned-award-criteria.pdf"
    path = tmp_path / "scanned-pack.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(scanned, "award-criteria.pdf")
        archive.write(pack_files["specification.docx"], "specification.docx")
    (tmp_path / ".git").mkdir()
    result = run_cli("check", str(path), "--no-ocr", "-f", "json", "-o", str(tmp_path / "r.json"), cwd=tmp_path)
    assert result.returncode == 1  # incomplete: a page of the pack was not read
    warnings = [line for line in result.stderr.splitlines() if line.startswith("tendercheck: warning:")]
    assert len(warnings) == 1 and warnings[0].startswith(f"tendercheck: warning: {path}!award-criteria.pdf: ")
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"][0]
    assert document["status"] == "incomplete"
    members = {m["file"]: m for m in document["pack"]["members"]}
    assert members["award-criteria.pdf"]["unread_pages"] and not members["specification.docx"]["unread_pages"]


def test_every_document_says_its_kind_in_every_report(pack_files):
    """Single documents are classified too (ITT, specification, pricing schedule, ...), shown beside the format."""
    from checker import report as reporters

    report = check([str(p) for p in pack_files.values()])
    kinds = {Path(r.document.path).name: r.kind for r in report.documents}
    assert kinds == {"itt.pdf": "ITT", "specification.docx": "specification",
                     "pricing-schedule.xlsx": "pricing schedule"}
    assert {d["kind"] for d in report.to_dict()["documents"]} == set(kinds.values())
    assert "(docx, 1 page, specification)" in reporters.get("text").render(report)
    assert ", pricing schedule. **" in reporters.get("markdown").render(report)
    assert "· ITT ·" in reporters.get("html").render(report)
    assert 'name="kind" value="pricing schedule"' in reporters.get("junit").render(report)
