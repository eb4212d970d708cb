"""Markdown as its reader sees it (rendered by markdown-it): the overview's Findings column says what the JSON
report counts, and a comment cut to its character budget keeps every error first, then warnings, then the
rest, and says what it left out and where the full report is."""

from __future__ import annotations

import json
import re

import pytest
from markdown_it import MarkdownIt

from checker.api import CheckOptions, check
from checker.findings import Finding
from checker.model import Document, Location
from checker.report import json as json_report
from checker.report import markdown
from checker.results import DocumentResult, Report

TENDERS = {
    "a-borough.md": """# Borough-wide support services

The Council invites tenders for a single borough-wide contract worth £4,000,000 over 5 years.

## Selection

Bidders must provide three years of audited accounts. Consortia will not be accepted.

## Award criteria

| Criterion | Weighting |
|---|---|
| Quality | 35% |
| Social value | 5% |
| Price | 60% |
""",
    "b-clean.md": """# Community gardening grants

Residents co-designed this service with us over six workshops.
""",
    "c-payment.md": """# Youth service

Invoices will be paid within 60 days of receipt.
""",
}


def html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)


def table_rows(rendered: str, header: str) -> list[list[str]]:
    """The body rows of the rendered table whose header row starts with `header`, as cell texts."""
    for table in re.findall(r"<table>.*?</table>", rendered, re.DOTALL):
        head = re.search(r"<thead>(.*?)</thead>", table, re.DOTALL).group(1)
        if re.sub(r"<[^>]+>", "", head).split()[0] == header:
            body = re.search(r"<tbody>(.*?)</tbody>", table, re.DOTALL).group(1)
            return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)]
                    for row in re.findall(r"<tr>(.*?)</tr>", body, re.DOTALL)]
    raise AssertionError(f"no table headed {header!r}")


@pytest.fixture(scope="module")
def folder_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("folder")
    (folder / ".git").mkdir()
    for name, text in TENDERS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return check([str(folder / name) for name in TENDERS], CheckOptions())  # a folder walk skips .md


def test_overview_findings_column_equals_the_json_counts(folder_report):
    data = json.loads(json_report.render(folder_report))
    expected = [sum(step["findings"] for step in doc["steps"].values()) for doc in data["documents"]]
    assert any(expected), "the folder has findings to count"
    rows = table_rows(html("\n".join(markdown._overview(folder_report.documents, 60_000))), "Document")
    assert [int(row[-1]) for row in rows] == expected


def test_compact_comment_counts_equal_the_json_counts(folder_report):
    """A limit that forces the compact layout (one overview table for the folder)."""
    data = json.loads(json_report.render(folder_report))
    text = markdown.render(folder_report, limit=1_500)
    rows = table_rows(html(text), "Document")
    assert [int(row[-1]) for row in rows] == [sum(s["findings"] for s in d["steps"].values())
                                              for d in data["documents"]]
    assert len(text) <= 1_500 and "### `" not in text.split("| Document")[0]


def _finding(n: int, severity: str, **kw) -> Finding:
    return Finding(rule=f"R-{severity}-{n}", step=1 + n % 5, severity=severity, title=f"Rule {n} passes",
                   problem=f"Problem {severity} {n}", message=f"{severity} number {n}. " + "detail " * 30,
                   location=Location(page=n + 1), **kw)


def _big_report(documents: int = 3) -> Report:
    """Info first in document order, errors last: a budget spent in order would show only advice."""
    results = []
    for d in range(documents):
        found = ([_finding(n, "info") for n in range(30)] + [_finding(n, "warning") for n in range(30, 45)]
                 + [_finding(n, "error") for n in range(45, 78)])
        doc = Document(path=f"tenders/t{d}.pdf", sha256="ab" * 32, format="pdf", pages=100)
        results.append(DocumentResult(doc, None, found, {n: "barrier" for n in range(1, 6)}))
    return Report(documents=results)


def test_the_budget_goes_to_errors_first_then_warnings_then_the_rest():
    report = _big_report()
    report.outputs = [("markdown", "-"), ("html", "reports/tendercheck.html"), ("json", "reports/r.json")]
    limit = 40_000
    text = markdown.render(report, limit=limit)
    assert len(text) <= limit
    shown = re.findall(r"\*\*(Problem (error|warning|info) \d+)\*\*", text)
    kinds = [kind for _, kind in shown]
    total_errors = 3 * 33
    assert kinds.count("error") == total_errors, "every error is shown before any warning or advice"
    assert "info" not in kinds or kinds.count("warning") == 3 * 15, "advice only once all warnings are in"
    left = re.search(r"\*\*(\d+) findings not shown\*\* \(([^)]*)\)", text)
    assert left, text[-800:]
    assert int(left.group(1)) == 3 * 78 - len(shown)
    assert "info" in left.group(2) and "error" not in left.group(2)
    assert "from 3 documents" in left.group(2)
    assert "`reports/tendercheck.html` (html)" in text, "the note says where the full report is"
    rendered = html(text)
    assert "<strong>" in rendered and "<blockquote>" in rendered


def test_findings_stay_in_document_and_step_order_after_choosing():
    text = markdown.render(_big_report(1), limit=30_000)
    steps = [int(n) for n in re.findall(r"^#### Step (\d)", text, re.MULTILINE)]
    assert steps == sorted(steps) and len(steps) == len(set(steps))


def test_without_other_outputs_the_note_says_how_to_get_the_full_report(monkeypatch):
    for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID", "CI_JOB_URL"):
        monkeypatch.delenv(name, raising=False)
    text = markdown.render(_big_report(1), limit=10_000)
    assert "--format html --output report.html" in text
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "council/tenders")
    monkeypatch.setenv("GITHUB_RUN_ID", "42")
    assert "<https://github.com/council/tenders/actions/runs/42>" in markdown.render(_big_report(1), limit=10_000)


def test_the_cli_tells_the_markdown_where_the_other_reports_go(cli_runner, cli_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "tender.md").write_text(TENDERS["a-borough.md"], encoding="utf-8")
    result = cli_runner.invoke(cli_app.main, ["check", "tender.md", "--format", "markdown",
                                              "--format", "html", "--output", "full.html"])
    assert result.exit_code == 1, result.output
    assert "## tendercheck: Keep it Local report" in result.stdout
    report = check(["tender.md"], CheckOptions())
    report.outputs = [("markdown", "-"), ("html", "full.html")]
    assert "`full.html` (html)" in markdown.render(report, limit=2_500)
