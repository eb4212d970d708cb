"""JUnit XML: a test case per rule per document; failure for a live violation, skipped for waived or n/a.
Valid against the JUnit schema of the Jenkins xUnit plugin (junit-10.xsd), and read by junitparser, a consumer
library, as a CI test view reads the file."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema
from junitparser import Error, Failure, JUnitXml, Skipped

from checker.report import junit
from checker.results import Report

SCHEMA = xmlschema.XMLSchema(Path(__file__).parent / "data" / "junit-10.xsd")


def validate(text: str) -> None:
    SCHEMA.validate(text)


def parse(report):
    return ET.fromstring(junit.render(report))


def cases(suite):
    return {c.get("name").split(":")[0]: c for c in suite.findall("testcase")}


def test_a_case_per_rule_per_document(sample_report):
    root = parse(sample_report)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["tenders/borough-support.pdf", "tenders/clean.md", "unreadable files"]
    rule_ids = {"KIL-2.2-sv-weight-below-10", "KIL-3.1-market-engagement", "KIL-4.1-lot-value-cap",
                "KIL-3.10-audited-accounts"}
    assert set(cases(suites[0])) == rule_ids | {"every page read"}, "page 7 of the first was not read"
    assert set(cases(suites[1])) == rule_ids


def test_outcomes(sample_report):
    sample_report.rules = [{"id": "KIL-5.1-codesign-evidence", "step": 5, "title": "Co-design is evidenced",
                            "severity": "warning"}]
    doc, clean_doc, errors = parse(sample_report).findall("testsuite")
    c = cases(doc)
    failure = c["KIL-2.2-sv-weight-below-10"].find("failure")
    assert failure.get("type") == "error" and "Social value 5%" in failure.text and "fix:" in failure.text
    assert "Statutory body" in c["KIL-3.10-audited-accounts"].find("skipped").get("message")
    assert c["KIL-3.1-market-engagement"].find("skipped").get("message").startswith("needs review")
    assert "not applicable" in c["KIL-5.1-codesign-evidence"].find("skipped").get("message")  # step 5 is n/a
    assert all(len(list(case)) == 0 for case in clean_doc.findall("testcase")), "clean document: all pass"
    assert errors.find("testcase/error").get("type") == "corrupt"


def test_counts_add_up(sample_report):
    sample_report.fail_on = "warning"
    root = parse(sample_report)
    doc = root.find("testsuite")
    assert (doc.get("tests"), doc.get("failures"), doc.get("skipped")) == ("5", "3", "2")  # + every page read
    assert root.get("tests") == str(sum(int(s.get("tests")) for s in root.findall("testsuite")))
    assert root.get("errors") == "1"


def test_failures_follow_the_fail_on_level(sample_report):
    assert sample_report.fail_on == "error"
    c = cases(parse(sample_report).find("testsuite"))
    assert c["KIL-2.2-sv-weight-below-10"].find("failure") is not None
    advice = c["KIL-4.1-lot-value-cap"].find("skipped").get("message")
    assert advice.startswith("warning, below --fail-on error: Lot 1 is worth")
    sample_report.fail_on = "never"
    assert parse(sample_report).get("failures") == "1", "fail-on never: only the unread page fails"
    sample_report.allow_incomplete = True
    assert parse(sample_report).get("failures") == "0"


def test_hostile_text_stays_well_formed_xml(sample_report):
    sample_report.fail_on = "warning"
    f = sample_report.documents[0].findings[0]
    sample_report.documents[0].findings[0] = f.__class__(**{**f.__dict__, "evidence": "bad \x00\x0b <x> & ]]>"})
    root = parse(sample_report)
    failure = cases(root.find("testsuite"))["KIL-4.1-lot-value-cap"].find("failure")
    assert "bad <x> & ]]>" in failure.text


def test_valid_against_the_jenkins_xunit_schema(sample_report):
    validate(junit.render(sample_report))
    sample_report.fail_on = "warning"
    sample_report.allow_incomplete = True
    validate(junit.render(sample_report))
    validate(junit.render(Report()))


def test_schema_check_is_real(sample_report):
    root = parse(sample_report)
    root.find("testsuite/testcase").attrib.pop("name")  # a test case must be named
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        validate(ET.tostring(root, encoding="unicode"))
    root = parse(sample_report)
    root.set("skipped", "3")  # <testsuites> has no skipped count in this schema
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        validate(ET.tostring(root, encoding="unicode"))


def test_junitparser_reads_the_counts_and_outcomes(sample_report, tmp_path):
    """What a CI test view shows, read from the file as junitparser reads it."""
    path = tmp_path / "report.xml"
    path.write_text(junit.render(sample_report), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    suites = {suite.name: suite for suite in xml}
    assert list(suites) == ["tenders/borough-support.pdf", "tenders/clean.md", "unreadable files"]
    doc = suites["tenders/borough-support.pdf"]
    assert (doc.tests, doc.failures, doc.errors, doc.skipped) == (5, 2, 0, 3)
    outcomes = {case.name.split(":")[0]: [type(r) for r in case.result] for case in doc}
    assert outcomes == {"every page read": [Failure], "KIL-2.2-sv-weight-below-10": [Failure],
                        "KIL-3.1-market-engagement": [Skipped], "KIL-3.10-audited-accounts": [Skipped],
                        "KIL-4.1-lot-value-cap": [Skipped]}
    failure = next(case for case in doc if case.name.startswith("KIL-2.2")).result[0]
    assert failure.message == "Social value carries less than 10% of the total score", "the problem, not the pass"
    assert failure.type == "error"
    assert all(case.is_passed for case in suites["tenders/clean.md"])
    assert suites["tenders/clean.md"].tests == 4
    broken = next(iter(suites["unreadable files"]))
    assert [type(r) for r in broken.result] == [Error] and broken.classname == "tenders/broken.docx"
    assert (xml.tests, xml.failures, xml.errors) == (10, 2, 1)
    assert sum(suite.skipped for suite in xml) == 3
    props = {p.name: p.value for p in doc.properties()}
    assert props["status"] == "incomplete" and props["step.2"] == "barrier"


def test_a_rule_that_found_nothing_on_an_incomplete_document_is_not_a_pass(sample_report):
    sample_report.rules = [{"id": "KIL-1.1-local-needs-evidence", "step": 1, "title": "Local need is evidenced",
                            "severity": "warning"}]
    doc, clean_doc, _ = parse(sample_report).findall("testsuite")
    skipped = cases(doc)["KIL-1.1-local-needs-evidence"].find("skipped")
    assert skipped.get("message") == "not confirmed: nothing found, but page 7 could not be read"
    assert len(list(cases(clean_doc)["KIL-1.1-local-needs-evidence"])) == 0, "a complete document: a pass"
    validate(junit.render(sample_report))
