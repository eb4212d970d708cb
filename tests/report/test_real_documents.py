"""Every reporter on real tender documents written by other hands (../shared/corpus): a PDF, a Word file and
an OCDS release package. The outputs must be valid and safe whatever the documents contain."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from checker import report as reporters
from checker.api import check

from .test_json_schema import validate as validate_json
from .test_junit import validate as validate_junit
from .test_sarif import validate as validate_sarif

SAMPLES = ("ca-penhold-psb-addendum03.pdf", "us-mi-hamtramck-rfp-property-board-up.docx",
           "ocds-contractsfinder-england-2025-releases.json")


CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


@pytest.fixture(scope="module")
def outputs():
    corpus = CORPUS
    if not corpus.is_dir():
        pytest.skip("../shared/corpus not present (a user's own clone); real-document tests need it")
    paths = [corpus / name for name in SAMPLES if (corpus / name).exists()]
    if not paths:
        pytest.skip("none of the sample documents is in ../shared/corpus")
    report = check([str(p) for p in paths])
    return report, {fmt: reporters.get(fmt).render(report) for fmt in reporters.REPORTERS}


def test_json_and_sarif_are_valid(outputs):
    report, out = outputs
    data = json.loads(out["json"])
    validate_json(data)
    assert len(data["documents"]) + len(data["errors"]) == len(report.documents) + len(report.errors)
    log = json.loads(out["sarif"])
    validate_sarif(log)
    assert len(log["runs"][0]["results"]) == sum(len(d.findings) for d in report.documents)


def test_junit_has_a_case_per_rule_per_document(outputs):
    report, out = outputs
    validate_junit(out["junit"])
    root = ET.fromstring(out["junit"])
    suites = [s for s in root.findall("testsuite") if s.get("name") != "unreadable files"]
    assert len(suites) == len(report.documents)
    from checker.report.common import relative_path

    incomplete = {relative_path(d.document.path) for d in report.incomplete()}
    assert all(len(s.findall("testcase")) == len(report.rules) + (s.get("name") in incomplete) for s in suites)


def test_text_html_markdown_github_are_safe(outputs):
    _, out = outputs
    assert out["text"].splitlines()[1].strip().startswith("Keep it Local scorecard: ")
    assert "<script" not in out["html"].lower()
    assert len(out["markdown"]) <= 60_000
    assert all(re.match(r"^::(error|warning|notice) file=", line) for line in out["github"].splitlines())
