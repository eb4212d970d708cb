"""SARIF 2.1.0: valid against the official schema; rules carry help and citations; results name the document
relative to the working folder, with page, section and the evidence as snippet."""

import json
from pathlib import Path

import jsonschema
import pytest

from checker.report import sarif
from checker.results import Report

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())


def validate(data):
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(data)


@pytest.fixture
def log(sample_report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the document paths are relative to this folder
    return json.loads(sarif.render(sample_report))


def test_valid_against_official_schema(log):
    validate(log)
    assert log["version"] == "2.1.0"


def test_empty_report_is_valid():
    validate(json.loads(sarif.render(Report())))


def test_schema_check_is_real(log):
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validate(log)


def test_rules_have_help_text_and_citations(log):
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "KIL-2.2-sv-weight-below-10" in ids and ids == sorted(ids)
    rule = rules[ids.index("KIL-4.1-lot-value-cap")]
    assert "Divide the service into lots" in rule["help"]["text"]
    assert "Procurement Act 2023, s.18 (2023)" in rule["help"]["text"]
    assert rule["helpUri"].startswith("https://www.legislation.gov.uk/")
    assert rule["properties"]["step"] == 4 and rule["properties"]["citations"][0]["section"] == "s.18"
    assert rule["defaultConfiguration"]["level"] == "warning"


def test_results_point_at_document_page_and_snippet(log):
    run = log["runs"][0]
    results = {r["ruleId"]: r for r in run["results"]}
    lot = results["KIL-4.1-lot-value-cap"]
    assert run["tool"]["driver"]["rules"][lot["ruleIndex"]]["id"] == "KIL-4.1-lot-value-cap"
    loc = lot["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "tenders/borough-support.pdf"
    assert loc["physicalLocation"]["region"]["snippet"]["text"].startswith("Lot 1: Borough-wide")
    assert loc["logicalLocations"][0]["name"] == "page 4"
    assert loc["properties"]["page"] == 4 and loc["properties"]["section"] == "4 Lots > 4.1 Values"
    assert lot["level"] == "warning" and lot["kind"] == "fail"
    assert len(lot["partialFingerprints"]["tendercheck/v1"]) == 16


def test_waived_is_suppressed_and_review_has_no_level(log):
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    waived = results["KIL-3.10-audited-accounts"]
    assert waived["suppressions"][0]["justification"].startswith("Statutory body")
    assert waived["suppressions"][0]["status"] == "accepted"
    review = results["KIL-3.1-market-engagement"]
    assert review["kind"] == "review" and review["level"] == "none"


def test_unreadable_files_and_pages_are_notifications(log):
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    texts = [n["message"]["text"] for n in invocation["toolExecutionNotifications"]]
    assert any("no text layer" in t for t in texts) and any("corrupt ZIP" in t for t in texts)


def test_paths_outside_the_working_folder_are_file_uris(sample_report, tmp_path, monkeypatch):
    inside = tmp_path / "here"
    inside.mkdir()
    monkeypatch.chdir(inside)
    sample_report.documents[0].document.path = str(tmp_path / "elsewhere" / "my tender.pdf")
    log = json.loads(sarif.render(sample_report))
    validate(log)
    uri = log["runs"][0]["artifacts"][0]["location"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/elsewhere/my%20tender.pdf")
