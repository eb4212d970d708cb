"""The scorecard says what kind of findings a step has: a passing step whose only finding is advice reads
'PASS  1 advice', never 'PASS  1 finding'; and text output wraps a finding's message as it wraps its fix."""

from checker.findings import Finding
from checker.model import Document, Location
from checker.report import html, markdown, text
from checker.report.text import WIDTH
from checker.results import DocumentResult, Report

LONG = ("Nothing shows that social value was considered before the procurement started (a social value policy "
        "or priorities, or consultation with providers, residents or the voluntary sector about what social value "
        "to ask for), so the commissioner cannot show the pre-procurement duty was met.")


def _report() -> Report:
    advice = Finding(rule="KIL-2.5-sv-preprocurement-consultation", step=2, severity="info",
                     title="Social value was considered before the procurement",
                     problem="Nothing shows that social value was considered before the procurement", message=LONG,
                     fix="Say what was considered: " + "the council's social value priorities, " * 6)
    barrier = Finding(rule="KIL-3.16-payment-terms", step=3, severity="error", title="Invoices are paid in 30 days",
                      problem="Invoices are paid in more than 30 days", message="Payment terms are 60 days.",
                      location=Location(page=2))
    review = Finding(rule="KIL-3.1-market-engagement", step=3, severity="warning", kind="review",
                     title="Market engagement took place", message="Page 3 could not be read.")
    doc = Document(path="tender.pdf", sha256="ab" * 32, format="pdf", pages=3)
    steps = {1: "pass", 2: "pass", 3: "barrier", 4: "n/a", 5: "pass"}
    return Report(documents=[DocumentResult(doc, None, [advice, barrier, review], steps)])


def test_text_scorecard_says_advice_not_finding():
    lines = text.render(_report()).splitlines()
    step2 = next(line for line in lines if "Demonstrate social value" in line)
    assert step2.split()[-3:] == ["PASS", "1", "advice"]
    step3 = next(line for line in lines if "Commit to building community capacity" in line and "Step" not in line)
    assert step3.endswith("BARRIER  1 finding, 1 to review")


def test_markdown_and_html_scorecards_say_advice():
    md = markdown.render(_report())
    assert "| 2 | Demonstrate social value | ✅ PASS | 1 advice |" in md
    page = html.render(_report())
    assert '<span class="status">PASS</span></div><div class="title">Demonstrate social value</div>' \
           '<div class="note">1 advice</div>' in page


def test_text_wraps_messages_like_fixes():
    lines = text.render(_report()).splitlines()
    head = next(i for i, line in enumerate(lines) if "KIL-2.5" in line)
    assert lines[head].startswith("    [info] KIL-2.5-sv-preprocurement-consultation: Nothing shows")
    assert lines[head + 1] == "      before the procurement", "a long headline wraps too"
    message = []
    for line in lines[head + 2:]:
        if line.strip().startswith("at "):
            break
        message.append(line)
    assert len(message) >= 3, "a 300-character message takes several lines"
    assert all(line.startswith(" " * 6) and len(line) <= WIDTH for line in message)
    assert " ".join(line.strip() for line in message) == LONG
    assert all(len(line) <= WIDTH for line in lines if not line.startswith("tender.pdf"))
