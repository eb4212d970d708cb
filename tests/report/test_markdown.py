"""Markdown for PR/MR comments: a scorecard table per document, findings by step, document text made inert."""

from checker.report import markdown


def test_scorecard_table_per_document(sample_report):
    out = markdown.render(sample_report)
    rows = [line for line in out.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == 10
    assert all(row.count("|") == 5 for row in rows)
    assert "❌ BARRIER" in rows[1] and "✅ PASS" in rows[0] and "➖ n/a" in rows[4]


def test_findings_with_quote_fix_and_source(sample_report):
    out = markdown.render(sample_report)
    assert "#### Step 2: Demonstrate social value" in out
    assert "> Social value 5%" in out
    assert "**Fix:** Divide the service" in out
    assert "(<https://www.legislation.gov.uk/ukpga/2023/54/section/18>)" in out
    assert "~~Audited accounts are demanded from every bidder.~~" in out
    assert "waived: Statutory body" in out


def test_document_text_cannot_inject_markup(sample_report):
    out = markdown.render(sample_report)
    assert "<script>" not in out
    assert "&lt;script&gt;" in out and r"\*bold\*" in out and r"\|" in out


def test_escape_neutralises_line_starts():
    assert markdown.esc("# heading") == r"\# heading"
    assert markdown.esc("1. first") == r"1\. first"
    assert markdown.esc("[click](javascript:x)") == r"\[click\](javascript:x)"


def test_long_reports_stay_under_the_comment_limit(sample_report):
    full = markdown.render(sample_report)
    limit = len(full) - 200
    short = markdown.render(sample_report, limit=limit)
    assert len(short) <= limit
    assert short.count("| 5 |") == 2, "every document keeps its scorecard"
    assert "finding not shown" in short or "findings not shown" in short
    assert "not shown" not in full


def test_many_documents_get_one_overview_table_under_the_limit(sample_report):
    """A folder or OCDS package of hundreds of notices: every document still has a row of step statuses."""
    import copy

    many = copy.copy(sample_report)
    many.documents = [copy.copy(sample_report.documents[0]) for _ in range(300)]
    for n, result in enumerate(many.documents):
        result.document = copy.copy(result.document)
        result.document.path = f"package.json#notice-{n}"
    text = markdown.render(many, limit=60_000)
    assert len(text) <= 60_000
    assert "| Document | 1 | 2 | 3 | 4 | 5 | Findings |" in text
    rows = [line for line in text.splitlines() if line.startswith("| `package.json#notice-")]
    shown = len(rows)
    assert shown == 300 or f"{300 - shown} more documents not shown" in text
    assert shown > 100
