"""A Report built by hand with every case a reporter must show: the four step statuses, a waived finding,
a review finding, an unreadable page, an input error, and document text that is hostile to every format."""

from __future__ import annotations

import pytest

from checker.facts.base import Fact, Facts
from checker.findings import Finding
from checker.model import Document, DocWarning, Location
from checker.results import DocumentResult, InputProblem, Report

HOSTILE = '<script>alert("x")</script> & 50% off, a:b\r\nnext | *bold* ::error::'
CITATION = {"title": "Procurement Act 2023", "section": "s.18", "year": 2023,
            "url": "https://www.legislation.gov.uk/ukpga/2023/54/section/18"}


def finding(rule="KIL-4.1-lot-value-cap", step=4, severity="warning", **kw) -> Finding:
    defaults = {
        "title": "Lots are small enough for local providers",
        "problem": "A lot is worth more than the local cap",
        "message": "Lot 1 is worth £1,200,000, above the £663,540 cap.",
        "location": Location(page=4, section="4 Lots > 4.1 Values", table=1, row=2),
        "evidence": "Lot 1: Borough-wide support, £1,200,000 over 5 years",
        "citations": (CITATION,),
        "fix": "Divide the service into lots of no more than £663,540 each.",
    }
    defaults.update(kw)
    return Finding(rule=rule, step=step, severity=severity, **defaults)


def make_report(tmp_path=None) -> Report:
    doc = Document(
        path="tenders/borough-support.pdf", sha256="ab" * 32, format="pdf", pages=12,
        warnings=[DocWarning("no-text-layer", "page 7 has no text layer (scanned image?)", Location(page=7))],
    )
    facts = Facts([Fact("evaluation.social_value_pct", 5, "%", Location(page=6), "Social value 5%", "table")])
    findings = [
        finding(),
        finding(rule="KIL-2.2-sv-weight-below-10", step=2, severity="error", title="Social value is at least 10%",
                problem="Social value carries less than 10% of the total score",
                message="Social value is 5% of the total score; the benchmark is 10%.",
                location=Location(page=6, section="6 Evaluation"), evidence="Social value 5%"),
        finding(rule="KIL-3.1-market-engagement", step=3, severity="warning", kind="review",
                title="Market engagement happened", message="No market engagement found; page 7 could not be read.",
                location=Location(), evidence=""),
        finding(rule="KIL-3.10-audited-accounts", step=4, severity="error", title="No audited accounts demanded",
                problem="Audited accounts are demanded from every bidder",
                message="Audited accounts are demanded from every bidder.",
                location=Location(page=9, section="9 Selection"), evidence=HOSTILE,
                waived=True, waiver={"reason": "Statutory body; accounts required by law", "approved_by": "J. Smith",
                                     "expires": "2027-03-31"}),
    ]
    steps = {1: "pass", 2: "barrier", 3: "review", 4: "barrier", 5: "n/a"}
    other = Document(path="tenders/clean.md", sha256="cd" * 32, format="md", pages=1)
    return Report(
        documents=[DocumentResult(doc, facts, findings, steps),
                   DocumentResult(other, Facts(), [], {1: "pass", 2: "pass", 3: "pass", 4: "pass", 5: "pass"})],
        errors=[InputProblem("tenders/broken.docx", "corrupt", "corrupt ZIP container; a .docx must be a valid ZIP")],
        rulebook={"name": "keep-it-local", "version": "1", "rules": 4},
        notices=["waiver for KIL-1.1-local-needs-evidence expired on 2025-01-01"],
    )


@pytest.fixture
def sample_report() -> Report:
    return make_report()


@pytest.fixture
def empty_report() -> Report:
    return Report()


def load_cli():
    """The top-level cli.py (the `cli` name on sys.path is the tests/cli package during pytest)."""
    import importlib.util
    import sys
    from pathlib import Path

    if "tendercheck_cli" not in sys.modules:
        path = Path(__file__).resolve().parents[2] / "cli.py"
        spec = importlib.util.spec_from_file_location("tendercheck_cli", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["tendercheck_cli"] = module
        spec.loader.exec_module(module)
    return sys.modules["tendercheck_cli"]


@pytest.fixture
def cli_app():
    return load_cli()
