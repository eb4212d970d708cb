"""Control characters from file names, documents and rulebooks never reach a report raw: every format strips
or escapes them, JUnit stays well-formed XML, GitHub workflow commands cannot be injected, JSON keeps the
exact value, and every report encodes as UTF-8 (a file name with an undecodable byte included)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from checker import report as reporters
from checker.facts.base import Fact, Facts
from checker.model import Document, DocWarning, Location
from checker.report import github
from checker.report.common import clean, visible
from checker.results import DocumentResult, InputProblem
from tests.report.conftest import finding, make_report

HOSTILE = "\x1b[31mred\x07\x00nul\r\n::error::pwned\x85\u2028\x9b31m\udcff\ufffe"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
FIELDS = ("path", "warning_code", "warning", "warning_section", "fact_section", "fact_evidence", "rule", "message",
          "title", "evidence", "fix", "section", "citation", "citation_section", "error_path", "error_code",
          "error", "notice", "rulebook_name", "rulebook_version")
FORMATS = tuple(reporters.REPORTERS)


def _report(field: str):
    def v(name):
        return HOSTILE if name == field else ""

    report = make_report()
    doc = Document(path=f"tenders/e{v('path')}.pdf", sha256="ab" * 32, format="pdf", pages=1,
                   warnings=[DocWarning(f"code{v('warning_code')}", f"msg{v('warning')}",
                                        Location(page=1, section=f"sec{v('warning_section')}"))])
    facts = Facts([Fact("evaluation.social_value_pct", 5, "%", Location(page=6, section=f"s{v('fact_section')}"),
                        f"ev{v('fact_evidence')}", "table")])
    f = finding(rule=f"R{v('rule')}", message=f"m{v('message')}", title=f"t{v('title')}",
                evidence=f"e{v('evidence')}", fix=f"f{v('fix')}", location=Location(page=2, section=f"x{v('section')}"),
                citations=({"title": f"c{v('citation')}", "year": 2023, "section": f"s{v('citation_section')}"},))
    report.documents.append(DocumentResult(doc, facts, [f], {1: "barrier"}))
    report.errors.append(InputProblem(f"x{v('error_path')}.docx", f"corrupt{v('error_code')}", f"cause{v('error')}"))
    report.notices.append(f"notice{v('notice')}")
    report.rulebook = {"name": f"kil{v('rulebook_name')}", "version": f"1{v('rulebook_version')}", "rules": 4}
    return report


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("field", FIELDS)
def test_no_control_character_reaches_any_format(fmt, field):
    out = reporters.get(fmt).render(_report(field), color=False)
    if fmt == "csv":  # records end in LF (no CR anywhere, below); no cell holds a line break either
        import csv
        import io

        cells = [cell for row in csv.reader(io.StringIO(out, newline="")) for cell in row]
        assert cells and not [c for c in cells if "\r" in c or "\n" in c]
    assert not RAW.findall(out), sorted({hex(ord(c)) for c in RAW.findall(out)})
    out.encode("utf-8")  # strict: a lone surrogate would raise here, as it would when the report is written
    if fmt == "junit":
        ET.fromstring(out)
    if fmt in ("json", "sarif"):
        json.loads(out)
    if fmt == "github":
        for line in out.splitlines():
            assert re.match(r"^::(error|warning|notice)( [^:]*)?::", line), line
        assert not re.search(r"^::error::pwned", out, re.MULTILINE)


def test_json_keeps_the_exact_path():
    out = reporters.get("json").render(_report("path"))
    paths = [d["path"] for d in json.loads(out)["documents"]]
    assert f"tenders/e{HOSTILE}.pdf" in paths


def test_junit_with_an_escape_in_a_file_name_is_well_formed():
    report = make_report()
    report.documents[0].document.path = "tenders/a\x1bb.pdf"
    root = ET.fromstring(reporters.get("junit").render(report))
    names = {s.get("name") for s in root.iter("testsuite")}
    assert "tenders/a\\x1bb.pdf" in names


def test_github_file_property_is_escaped_and_has_no_raw_escape():
    report = make_report()
    report.documents[0].document.path = "tenders/a\x1b,b:c%\n::error::x.pdf"
    out = github.render(report)
    assert "file=tenders/a\\x1b%2Cb%3Ac%25\\x0a%3A%3Aerror%3A%3Ax.pdf" in out
    assert "\x1b" not in out


def test_github_message_follows_the_toolkit_and_strips_other_controls():
    assert github.escape_data("a\x1b\x00b\r\nc%") == "ab%0D%0Ac%25"
    assert github.escape_data("a\u2028b") == "a%0Ab"


def test_visible_and_clean():
    assert visible("a\x1b\n\udcff\u2028b") == "a\\x1b\\x0a\\xff\\u2028b"
    assert visible("plain/π.pdf") == "plain/π.pdf"
    assert clean("a\r\nb\rc\x85d\x9b\x1be\udcff") == "a\nb\nc\nde"
