"""JSON reports follow docs/report-schema.json (the DESIGN.md output contract)."""

import json
from pathlib import Path

import jsonschema
import pytest

from checker.report import json as json_report
from checker.results import Report

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "report-schema.json").read_text())


def validate(data):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_sample_report_is_valid(sample_report):
    data = json.loads(json_report.render(sample_report))
    validate(data)
    doc = data["documents"][0]
    assert doc["steps"]["2"] == {"title": "Demonstrate social value", "status": "barrier", "findings": 1}
    assert [f["waived"] for f in doc["findings"]].count(True) == 1
    assert data["summary"]["by_severity"] == {"error": 1, "warning": 2, "info": 0}


def test_empty_report_is_valid():
    validate(json.loads(json_report.render(Report())))


def test_unicode_is_kept_readable(sample_report):
    assert "£1,200,000" in json_report.render(sample_report)


@pytest.mark.parametrize("breakage", [
    lambda d: d["documents"][0]["steps"]["1"].update(status="ok"),
    lambda d: d["documents"][0]["findings"][0].update(step=6),
    lambda d: d["documents"][0]["findings"][0].pop("fix"),
    lambda d: d.update(schema="tendercheck/report/v0"),
    lambda d: d["documents"][0]["steps"].pop("5"),
])
def test_schema_rejects_reports_that_break_the_contract(sample_report, breakage):
    data = json.loads(json_report.render(sample_report))
    breakage(data)
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_cli_json_output_is_valid(cli_runner, cli_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tender.md").write_text("# Tender\n\nWe will buy support services for the borough.\n")
    result = cli_runner.invoke(cli_app.main, ["check", "--format", "json", "tender.md"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.output)
    validate(data)
    assert data["documents"][0]["path"].endswith("tender.md")
