"""HTML: self-contained (nothing loaded from outside, no scripts), every document string escaped, print CSS."""

import re

from checker.report import html
from checker.report.common import STATUS_LABELS


def test_self_contained(sample_report):
    out = html.render(sample_report)
    assert "<script" not in out.lower()
    assert not re.search(r"<(link|img|iframe|object|embed)\b", out, re.IGNORECASE)
    assert not re.search(r"\bsrc\s*=", out, re.IGNORECASE)
    assert not re.search(r"url\(|@import", out, re.IGNORECASE)
    hrefs = re.findall(r'href="([^"]*)"', out)
    assert hrefs and all(h.startswith(("https://", "#document-")) for h in hrefs)


def test_hostile_document_text_is_escaped(sample_report):
    sample_report.documents[0].document.path = 'evil"><script>alert(1)</script>.pdf'
    out = html.render(sample_report)
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    assert "evil&quot;&gt;&lt;script&gt;" in out


def test_javascript_citation_urls_are_not_links(sample_report):
    f = sample_report.documents[0].findings[0]
    bad = {"title": "Trap", "url": "javascript:alert(1)"}
    sample_report.documents[0].findings[0] = f.__class__(**{**f.__dict__, "citations": (bad,)})
    out = html.render(sample_report)
    assert "javascript:" not in out and "<li>Trap</li>" in out


def test_scorecard_findings_and_print_styles(sample_report):
    out = html.render(sample_report)
    statuses = re.findall(r'data-step="(\d)" data-status="([^"]+)"', out)
    assert statuses[:5] == [("1", "pass"), ("2", "barrier"), ("3", "review"), ("4", "barrier"), ("5", "n/a")]
    for status in ("pass", "barrier", "review"):
        assert f">{STATUS_LABELS[status]}<" in out
    assert '<mark>Social value 5%</mark>' in out
    assert "Fix:</strong> Divide the service" in out
    assert "waived: Statutory body" in out
    assert "@media print" in out
    assert "page 7 has no text layer" in out


def test_several_documents_get_an_overview_linking_to_each(sample_report):
    out = html.render(sample_report)
    assert out.index('class="overview"') < out.index('id="document-1"')
    assert '<a href="#document-2">tenders/clean.md</a>' in out
    sample_report.documents.pop()
    assert 'class="overview"' not in html.render(sample_report)
