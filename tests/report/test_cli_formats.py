"""The CLI end to end: several --format/--output pairs in one run, and baselines that make CI fail only on
new findings. Uses the real rulebook on a small Markdown tender."""

import json
import xml.etree.ElementTree as ET

from .test_json_schema import validate as validate_json
from .test_junit import validate as validate_junit
from .test_sarif import validate as validate_sarif

FAILING = """# Borough-wide support services

The Council invites tenders for a single borough-wide contract worth £4,000,000 over 5 years.

## Selection

Bidders must provide three years of audited accounts. Consortia will not be accepted.
"""


def test_each_format_goes_to_its_own_output(cli_runner, cli_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tender.md").write_text(FAILING)
    args = ["check", "tender.md", "--no-color",
            "--format", "json", "--output", "r.json", "--format", "sarif", "--output", "r.sarif",
            "--format", "junit", "--output", "r.xml", "--format", "html", "--output", "r.html",
            "--format", "markdown", "--output", "r.md", "--format", "text"]
    result = cli_runner.invoke(cli_app.main, args)
    assert result.exit_code == 1, result.output
    assert "Keep it Local scorecard" in result.output and "BARRIER" in result.output
    report = json.loads((tmp_path / "r.json").read_text())
    validate_json(report)
    live = [f for f in report["documents"][0]["findings"] if not f["waived"]]
    assert live, "the failing tender has findings"
    sarif = json.loads((tmp_path / "r.sarif").read_text())
    validate_sarif(sarif)
    assert len(sarif["runs"][0]["tool"]["driver"]["rules"]) == report["rulebook"]["rules"]
    assert len(sarif["runs"][0]["results"]) == len(report["documents"][0]["findings"])
    validate_junit((tmp_path / "r.xml").read_text())
    failures = ET.parse(tmp_path / "r.xml").getroot().get("failures")
    errors = {f["rule"] for f in live if f["kind"] == "violation" and f["severity"] == "error"}
    assert errors and int(failures) == len(errors), "JUnit failures are the rules that fail the run (--fail-on error)"
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    assert "| Step | Keep it Local | Status | Findings |" in (tmp_path / "r.md").read_text()


def test_two_formats_cannot_share_stdout(cli_runner, cli_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tender.md").write_text(FAILING)
    result = cli_runner.invoke(cli_app.main, ["check", "tender.md", "--format", "json", "--format", "sarif"])
    assert result.exit_code == 2 and "give each an --output" in result.output


def test_baseline_fails_only_on_new_findings(cli_runner, cli_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tender = tmp_path / "tender.md"
    tender.write_text(FAILING)
    first = cli_runner.invoke(cli_app.main, ["check", "tender.md", "--write-baseline", "baseline.json"])
    assert first.exit_code == 0, first.output
    again = cli_runner.invoke(cli_app.main, ["check", "tender.md", "--baseline", "baseline.json",
                                             "--format", "json"])
    assert again.exit_code == 0, again.output
    summary = json.loads(again.output)["summary"]
    assert summary["findings"] == 0 and summary["baselined"] > 0
    # The same text moved down the document is still known; a new barrier is not.
    tender.write_text(FAILING.replace("## Selection", "## Background\n\nSome history.\n\n## Selection")
                      + "\nPayment will be made within 60 days of invoice.\n")
    later = cli_runner.invoke(cli_app.main, ["check", "tender.md", "--baseline", "baseline.json",
                                             "--format", "json", "--fail-on", "error"])
    assert later.exit_code == 1, later.output
    live = json.loads(later.output)["documents"][0]["findings"]
    assert [f["rule"] for f in live if not f["waived"]] == ["KIL-3.16-payment-terms"]


def test_output_follows_its_own_format_wherever_stdout_format_stands(cli_runner, cli_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tender.md").write_text(FAILING)
    result = cli_runner.invoke(cli_app.main, ["check", "tender.md", "--format", "github",
                                              "--format", "sarif", "--output", "r.sarif",
                                              "--format", "junit", "--output", "r.xml"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("::")
    assert json.loads((tmp_path / "r.sarif").read_text())["version"] == "2.1.0"
    assert ET.parse(tmp_path / "r.xml").getroot().tag == "testsuites"


def test_outputs_listed_after_all_formats_pair_by_position(cli_runner, cli_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tender.md").write_text(FAILING)
    result = cli_runner.invoke(cli_app.main, ["check", "tender.md", "--format", "json", "--format", "markdown",
                                              "--output", "r.json", "--output", "r.md"])
    assert result.exit_code == 1, result.output
    assert result.output == ""
    assert json.loads((tmp_path / "r.json").read_text())["schema"] == "tendercheck/report/v1"
    assert (tmp_path / "r.md").read_text().startswith("## tendercheck")


def test_colour_only_on_request_or_a_terminal(cli_runner, cli_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tender.md").write_text(FAILING)
    plain = cli_runner.invoke(cli_app.main, ["check", "tender.md"])  # not a terminal
    assert "\x1b[" not in plain.output and "BARRIER" in plain.output
    forced = cli_runner.invoke(cli_app.main, ["check", "tender.md", "--color"])
    assert "\x1b[31mBARRIER" in forced.output
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli_runner.invoke(cli_app.main, ["check", "tender.md"]).output
