"""A document with pages that could not be read is `incomplete` in every report and fails the run unless
--allow-incomplete: an image-only PDF read without OCR must not pass CI on findings that are really 'could
not read'. Its absence findings are reviews, and the summary line says so."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from checker.api import CheckOptions, check
from checker.report import get

SCAN = Path(__file__).resolve().parents[2] / "fixtures" / "scanned-award-criteria.pdf"


@pytest.fixture(scope="module")
def report():
    result = check([str(SCAN)], CheckOptions(ocr=False))
    (doc,) = result.documents
    assert doc.status == "incomplete" and doc.unread_pages
    return result


def test_json_says_incomplete_and_counts_the_reviews(report):
    data = json.loads(get("json").render(report))
    doc = data["documents"][0]
    assert doc["status"] == "incomplete" and doc["unread_pages"] == report.documents[0].unread_pages
    reviews = [f for f in doc["findings"] if f["kind"] == "review"]
    assert reviews and data["summary"]["incomplete"] == 1 and data["summary"]["reviews"] == len(reviews)
    assert all(f["headline"].startswith("Not confirmed: ") for f in reviews)
    from .test_json_schema import validate

    validate(data)


def test_summary_line_says_incomplete_and_to_review(report):
    from checker.report.common import summary_line

    line = summary_line(report)
    assert line.startswith("1 document checked, but incompletely: ")
    assert "to review, as pages could not be read" in line


def test_summary_line_parts_add_up_to_the_findings_as_the_tables_do(report):
    """'13 findings (1 info, 12 to review, ...)': the severities count the violations and the reviews stand
    beside them, so the parts add up, and agree with the csv's errors/warnings/info/reviews columns (the line
    said '4 warnings, 9 info; 12 to review': 25 things for 13 findings)."""
    import csv
    import io
    import re

    from checker.report.common import summary_line

    line = summary_line(report)
    total = int(re.search(r": (\d+) findings? \(", line).group(1))
    parts = re.search(r"findings? \(([^)]*)\)", line).group(1)
    counted = [int(n) for n in re.findall(r"(\d+) (?:errors?|warnings?|info|to review)", parts)]
    assert sum(counted) == total, line
    assert "; " not in parts
    (row,) = csv.DictReader(io.StringIO(get("csv").render(report)))
    assert sum(int(row[k]) for k in ("errors", "warnings", "info", "reviews")) == total
    assert f"{row['reviews']} to review" in parts


def test_every_format_shows_it(report):
    assert "INCOMPLETE" in get("text").render(report)
    assert "⛔ **Incomplete: page" in get("markdown").render(report)
    assert 'class="incomplete" data-status="incomplete"' in get("html").render(report)
    sarif = json.loads(get("sarif").render(report))["runs"][0]
    assert sarif["artifacts"][0]["properties"]["status"] == "incomplete"
    assert any(n["descriptor"]["id"] == "incomplete" and n["level"] == "error"
               for n in sarif["invocations"][0]["toolExecutionNotifications"])
    root = ET.fromstring(get("junit").render(report))
    case = next(c for c in root.iter("testcase") if c.get("name") == "every page read")
    assert case.find("failure").get("type") == "incomplete"
    github = get("github").render(report)
    assert any(line.startswith("::error ") and "document incomplete" in line for line in github.splitlines())


def test_junit_passes_no_rule_on_an_unread_document(report):
    """A scanned PDF read without OCR: a rule that found nothing has not passed (the scorecard says 'review'),
    so no test case passes in the CI test view; each says what was not read."""
    (suite,) = ET.fromstring(get("junit").render(report)).findall("testsuite")
    cases = suite.findall("testcase")
    assert cases and all(len(case) for case in cases), [c.get("name") for c in cases if not len(c)]
    quiet = [c for c in cases if c.find("skipped") is not None
             and c.find("skipped").get("message") == "not confirmed: nothing found, but page 1 could not be read"]
    assert quiet, "rules that found nothing say why they are not a pass"
    assert set(report.documents[0].steps.values()) <= {"review", "n/a"}


def test_allow_incomplete_is_shown_and_nothing_fails(report):
    accepted = copy.copy(report)
    accepted.allow_incomplete = True
    assert not accepted.fails_incomplete() and report.fails_incomplete()
    root = ET.fromstring(get("junit").render(accepted))
    case = next(c for c in root.iter("testcase") if c.get("name") == "every page read")
    assert case.find("failure") is None and "allow-incomplete" in case.find("skipped").get("message")
    assert "::error" not in "".join(line for line in get("github").render(accepted).splitlines()
                                    if "document incomplete" in line)
    assert "(accepted by --allow-incomplete)" in get("text").render(accepted)


def test_the_cli_fails_an_unread_document_by_default(cli_runner, cli_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    plain = cli_runner.invoke(cli_app.main, ["check", str(SCAN), "--no-ocr", "-f", "json"])
    data = json.loads(plain.stdout)
    assert data["summary"]["by_severity"]["error"] == 0, "no finding at --fail-on error"
    assert plain.exit_code == 1, "unread pages fail the run"
    assert cli_runner.invoke(cli_app.main, ["check", str(SCAN), "--no-ocr", "--allow-incomplete"]).exit_code == 0
    assert cli_runner.invoke(cli_app.main, ["check", str(SCAN), "--no-ocr", "--exit-zero"]).exit_code == 0
