"""JUnit XML for CI test-report views (GitLab `artifacts:reports:junit`, Jenkins, Azure): one test suite per
document and one test case per rule. A live violation at or above the run's fail-on level is a failure, so
the test view agrees with the exit code; a violation below it, or a waived, baselined, review-only
or not-applicable rule, is skipped with the reason, as is a rule that found nothing in a document with unread
pages (its scorecard says 'review', not 'pass'); an unreadable file is an error case."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checker.findings import SEVERITY_RANK
from checker.report.common import (
    citation_text,
    clean,
    incomplete_note,
    member_line,
    one_line,
    pack_members,
    pages_text,
    relative_path,
    rule_index,
    waiver_note,
)


def render(report, color: bool = False) -> str:
    root = ET.Element("testsuites", name="tendercheck")
    rules = rule_index(report)
    for result in report.documents:
        level = getattr(result, "fail_on", None) or report.fail_on  # the document's own config, or --fail-on
        _suite(root, result, rules, level, getattr(report, "allow_incomplete", False))
    if report.errors:
        suite = ET.SubElement(root, "testsuite", name="unreadable files")
        for problem in report.errors:
            path = relative_path(problem.path)
            case = ET.SubElement(suite, "testcase", classname=path, name="read document", file=path)
            error = ET.SubElement(case, "error", type=one_line(problem.code), message=one_line(problem.message))
            error.text = clean(problem.message)
    _totals(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root, result, rules: dict, fail_on: str, allow_incomplete: bool = False) -> None:
    path = relative_path(result.document.path)
    suite = ET.SubElement(root, "testsuite", name=path, file=path)
    props = ET.SubElement(suite, "properties")
    for n in sorted(result.steps):
        ET.SubElement(props, "property", name=f"step.{n}", value=result.steps[n])
    ET.SubElement(props, "property", name="status", value=result.status)
    ET.SubElement(props, "property", name="kind", value=result.kind)
    if getattr(result, "kind_reason", ""):
        ET.SubElement(props, "property", name="kind.reason", value=one_line(result.kind_reason))
    for i, member in enumerate(pack_members(result), start=1):
        ET.SubElement(props, "property", name=f"pack.member.{i}", value=member_line(member))
    for key in ("title", "buyer", "ocid"):
        if getattr(result, key, None):
            ET.SubElement(props, "property", name=key, value=one_line(getattr(result, key)))
    for w in result.document.warnings:
        ET.SubElement(props, "property", name=f"warning.{one_line(w.code)}", value=one_line(w.message))
    if result.status == "incomplete":  # a case that fails as the run does, unless --allow-incomplete
        read = ET.SubElement(suite, "testcase", classname=path, name="every page read", file=path)
        if allow_incomplete:
            ET.SubElement(read, "skipped", message="accepted by --allow-incomplete: " + incomplete_note(result))
        else:
            ET.SubElement(read, "failure", type="incomplete", message=incomplete_note(result))
    fail_rank = SEVERITY_RANK.get(fail_on, 99)  # 'never': nothing fails
    for rule_id, meta in rules.items():
        found = [f for f in result.findings if f.rule == rule_id]
        baselined = [f for f in result.baselined if f.rule == rule_id]
        title = one_line(meta.get("title") or rule_id)
        case = ET.SubElement(suite, "testcase", classname=path, name=f"{one_line(rule_id)}: {title}", file=path)
        live = [f for f in found if not f.waived and f.kind == "violation"]
        failing = [f for f in live if SEVERITY_RANK.get(f.severity, 0) >= fail_rank]
        review = [f for f in found if not f.waived and f.kind == "review"]
        if failing:
            worst = max(failing, key=lambda f: SEVERITY_RANK.get(f.severity, 0))
            failure = ET.SubElement(case, "failure", type=worst.severity,
                                    message=one_line(worst.headline, 300))
            failure.text = "\n\n".join(_details(f) for f in failing)
        elif live:
            # not 'advice': the scorecards count a warning as a finding; it just does not fail this run
            ET.SubElement(case, "skipped", message=f"{live[0].severity}, below --fail-on {fail_on}: "
                          + one_line(live[0].message, 300))
        elif review:
            ET.SubElement(case, "skipped", message="needs review: " + one_line(review[0].message, 300))
        elif found:
            ET.SubElement(case, "skipped", message=waiver_note(found[0]))
        elif baselined:
            ET.SubElement(case, "skipped", message="known finding (in the baseline)")
        elif rule_id in getattr(result, "kind_skipped", ()):
            ET.SubElement(case, "skipped", message=f"not checked for this kind of document ({result.kind}): the rule "
                          f"looks for what it does not hold")
        elif result.steps.get(meta.get("step")) == "n/a":
            ET.SubElement(case, "skipped", message="not applicable to this document")
        elif result.status == "incomplete":  # found nothing, but not on the unread pages: the step is 'review'
            ET.SubElement(case, "skipped", message=f"not confirmed: nothing found, but {pages_text(result.unread_pages)}"
                          " could not be read")


def _details(f) -> str:
    lines = [f"{f.severity}: {one_line(f.headline)}", clean(f.message), f"at {f.location.describe()}"]
    if f.evidence:
        lines.append(f'evidence: "{one_line(f.evidence)}"')
    if f.fix:
        lines.append(f"fix: {clean(f.fix).strip()}")
    if f.citations:
        lines.append("see: " + "; ".join(citation_text(c) for c in f.citations))
    return "\n".join(lines)


def _totals(root) -> None:
    grand = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": sum(1 for c in cases if c.find("failure") is not None),
            "errors": sum(1 for c in cases if c.find("error") is not None),
            "skipped": sum(1 for c in cases if c.find("skipped") is not None),
        }
        for key, value in counts.items():
            suite.set(key, str(value))
            grand[key] += value
    for key, value in grand.items():
        if key != "skipped":  # <testsuites> has no skipped count in the Jenkins xUnit schema (junit-10.xsd)
            root.set(key, str(value))
