"""JUnit XML: a test case per rule per document; failure for a live violation, skipped for waived or n/a."""

import xml.etree.ElementTree as ET

from checker.report import junit


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
    assert advice.startswith("advice (warning, below --fail-on error): Lot 1 is worth")
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
