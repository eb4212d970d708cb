"""Markdown for PR/MR comments: a scorecard table per document, findings by step, document text made inert.
The rendered tests read the HTML that markdown-it (CommonMark with GitHub's tables and strikethrough) makes of
it, as a PR or MR comment shows it."""

import re

from markdown_it import MarkdownIt

from checker.report import markdown


def rendered(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)


def plain(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment)).strip()


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


def test_rendered_headings_and_scorecard_tables(sample_report):
    page = rendered(markdown.render(sample_report))
    assert [plain(h) for h in re.findall(r"<h2>(.*?)</h2>", page)] == ["tendercheck: Keep it Local report"]
    assert re.findall(r"<h3><code>(.*?)</code></h3>", page) == ["tenders/borough-support.pdf", "tenders/clean.md"]
    assert [plain(h) for h in re.findall(r"<h4>(.*?)</h4>", page)] == [
        "Step 2: Demonstrate social value", "Step 3: Commit to building community capacity",
        "Step 4: Impose a maximum value on contracts"]
    tables = re.findall(r"<table>(.*?)</table>", page, re.DOTALL)
    assert len(tables) == 2, "a scorecard table per document"
    for table in tables:
        assert [plain(th) for th in re.findall(r"<th[^>]*>(.*?)</th>", table)] == [
            "Step", "Keep it Local", "Status", "Findings"]
    rows = [[plain(td) for td in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)]
            for row in re.findall(r"<tr>(.*?)</tr>", tables[0].split("<tbody>")[1], re.DOTALL)]
    assert [row[0] for row in rows] == ["1", "2", "3", "4", "5"]
    assert [row[2] for row in rows] == ["✅ PASS", "❌ BARRIER", "⚠️ REVIEW", "❌ BARRIER", "➖ n/a"]
    assert rows[1][3] == "1 finding" and rows[3][3] == "1 finding, 1 waived"


def test_rendered_quote_holds_only_the_tenders_words(sample_report):
    """The fix and the sources are ours: they must not show inside the quote of the tender (a line right after
    a '>' line is read into the quote unless a blank line ends it)."""
    page = rendered(markdown.render(sample_report))
    quotes = [plain(q) for q in re.findall(r"<blockquote>(.*?)</blockquote>", page, re.DOTALL)]
    assert "Social value 5%" in quotes and "Lot 1: Borough-wide support, £1,200,000 over 5 years" in quotes
    assert not any("Fix:" in q or "Sources:" in q or "waived:" in q for q in quotes), quotes
    item = re.search(r"<li>(?:(?!</li>).)*KIL-2\.2-sv-weight-below-10.*?</li>", page, re.DOTALL).group(0)
    assert "<strong>Fix:</strong> Divide the service" in item, "the fix stays in the finding's list item"
    assert '<a href="https://www.legislation.gov.uk/ukpga/2023/54/section/18">' in item
    assert "<script" not in page and "<s>Audited accounts are demanded from every bidder</s>" in page
