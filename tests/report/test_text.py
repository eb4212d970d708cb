"""Text: scorecard first, findings by step with page, quote and fix; colour only when asked."""

from checker.findings import STEPS
from checker.report import text


def test_scorecard_comes_first_in_step_order(sample_report):
    lines = text.render(sample_report).splitlines()
    step_lines = [i for i, line in enumerate(lines) if any(title in line for title in STEPS.values())]
    first_five = step_lines[:5]
    assert first_five == list(range(first_five[0], first_five[0] + 5)), "the five steps sit together"
    assert first_five[0] <= 2, "the scorecard is at the top"
    for n, line_no in zip(STEPS, first_five):
        assert STEPS[n] in lines[line_no]
    assert "BARRIER" in lines[first_five[1]] and "PASS" in lines[first_five[0]]
    assert "REVIEW" in lines[first_five[2]] and "n/a" in lines[first_five[4]]
    first_finding = next(i for i, line in enumerate(lines) if "KIL-" in line)
    assert first_finding > first_five[-1]


def test_findings_show_location_quote_and_fix(sample_report):
    out = text.render(sample_report)
    assert "p. 6, 6 Evaluation" in out
    assert '"Social value 5%"' in out
    assert "fix: Divide the service" in out
    assert "Procurement Act 2023, s.18 (2023)" in out


def test_waived_finding_is_shown_as_waived_with_reason(sample_report):
    out = text.render(sample_report)
    assert "[waived] KIL-3.10-audited-accounts" in out
    assert "waived: Statutory body; accounts required by law (approved by J. Smith, expires 2027-03-31)" in out
    assert "1 waived" in out


def test_unreadable_pages_errors_and_notices_are_shown(sample_report):
    out = text.render(sample_report)
    assert "page 7 has no text layer" in out and "(p. 7)" in out
    assert "tenders/broken.docx" in out and "corrupt ZIP" in out
    assert "waiver for KIL-1.1-local-needs-evidence expired" in out


def test_colour_only_when_asked(sample_report):
    assert "\x1b[" not in text.render(sample_report, color=False)
    coloured = text.render(sample_report, color=True)
    assert "\x1b[31mBARRIER" in coloured and "\x1b[32mPASS" in coloured


def test_control_characters_from_documents_are_removed(sample_report):
    out = text.render(sample_report)
    assert "\r" not in out and "\x1b" not in out


def test_baselined_findings_are_counted(sample_report):
    doc = sample_report.documents[0]
    doc.baselined.append(doc.findings.pop(0))  # the step-4 lot-value finding
    out = text.render(sample_report)
    assert "1 baselined" in out
    assert "KIL-4.1-lot-value-cap" not in out


def test_several_documents_end_with_an_overview(sample_report):
    lines = text.render(sample_report).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Overview"))
    assert start > max(i for i, line in enumerate(lines) if line.startswith("    ["))  # after every finding
    assert lines[start + 1].split() == ["tenders/borough-support.pdf", "PASS", "BARRIER", "REVIEW", "BARRIER", "n/a",
                                        "incomplete"]
    assert lines[start + 2].split() == ["tenders/clean.md"] + ["PASS"] * 5
    sample_report.documents.pop()
    assert "Overview" not in text.render(sample_report)


def test_one_sentence_verdict_under_each_document(sample_report):
    lines = text.render(sample_report).splitlines()
    assert lines[1] == ("  Keep it Local scorecard: Incomplete (pages not read): barriers in steps 2 and 4; step 3 "
                        "needs review.")
    clean_doc = next(i for i, line in enumerate(lines) if line.startswith("tenders/clean.md"))
    assert lines[clean_doc + 1].endswith("No barriers found.")
