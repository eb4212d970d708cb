"""Which law the rules worked under, and why (issue 12, items 1 and 2): every report names the jurisdiction and
regime used with the reason and the quote they were read from, and --jurisdiction overrides the reading."""

from __future__ import annotations

import json

import pytest

from tests.report.conftest import load_cli

SCOTTISH = """# Quick quote: lunch club

Lochmaben Council is a Scottish local authority. This quick quote is published on Public Contracts Scotland
under the Public Contracts (Scotland) Regulations 2015.

The estimated value of the contract is £40,000 over two years.
"""
US_COUNTY = """# Request for Proposals: roadside mowing

Jackson County Department of Transportation, Missouri, requests proposals from licensed contractors. Proposers
must submit a Form W-9 and a certificate of insurance with the proposal. Payment will be made within 60 days.
The estimated budget is $80,000.
"""
ENGLISH = """# Invitation to tender: parks volunteering

Easterby District Council invites tenders under the Procurement Act 2023. The estimated value of the contract
is £60,000. The Council will pay valid invoices within 60 days of receipt.
"""


@pytest.fixture
def main():
    return load_cli().main


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    for name, text in (("scottish.md", SCOTTISH), ("us.md", US_COUNTY), ("english.md", ENGLISH)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _doc(cli_runner, main, *args) -> dict:
    result = cli_runner.invoke(main, ["check", *args, "-f", "json", "--exit-zero"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["documents"][0]


def test_json_names_the_jurisdiction_and_regime_with_why_and_the_quote(cli_runner, main, folder):
    law = _doc(cli_runner, main, "scottish.md")["law"]
    assert law["jurisdiction"]["value"] == "scotland"
    assert law["jurisdiction"]["why"].startswith("read from the document: cues for Scotland score")
    assert "Public Contracts Scotland" in law["jurisdiction"]["evidence"]
    assert law["regime"]["value"] == "PCSR2015" and law["regime"]["why"] == "named in the document"
    assert law["regime"]["location"]["page"] == 1
    assert law["devolved"] == "scotland"
    assert law["summary"].startswith("Law applied: Scotland (")
    assert "the Public Contracts (Scotland) Regulations 2015 (named in the document)" in law["summary"]


def test_a_regime_worked_out_from_the_date_says_so(cli_runner, main, folder):
    (folder / "dated.md").write_text("# ITT\n\nWestbury District Council invites tenders.\n\n"
                                     "| Date of publication | 8 April 2024 |\n|---|---|\n", encoding="utf-8")
    law = _doc(cli_runner, main, "dated.md")["law"]
    assert law["regime"]["value"] == "PCR2015"
    assert law["regime"]["why"] == "no regime named; begun 08 Apr 2024"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_human_report_says_which_law_and_why(cli_runner, main, folder, fmt):
    result = cli_runner.invoke(main, ["check", "scottish.md", "-f", fmt, "--exit-zero", "--no-color"])
    out = " ".join(result.stdout.split())  # text wraps at 100 columns
    assert "Law applied: Scotland" in out, out[:2000]
    assert "Public Contracts (Scotland) Regulations 2015 (named in the document)" in out
    assert "Jurisdiction read from:" in out and "published on Public Contracts Scotland" in out
    if fmt == "html":
        assert 'data-jurisdiction="scotland"' in result.stdout and 'data-regime="PCSR2015"' in result.stdout


def test_a_us_county_is_not_uk_and_gets_only_the_notice(cli_runner, main, folder):
    doc = _doc(cli_runner, main, "us.md")
    assert doc["law"]["jurisdiction"]["value"] == "not_uk" and doc["law"]["regime"]["value"] is None
    assert doc["law"]["summary"].startswith("Law applied: none of the UK's")
    assert [f["rule"] for f in doc["findings"]] == ["KIL-0.2-not-a-uk-tender"]


def test_jurisdiction_flag_applies_uk_law_to_a_document_read_as_not_uk(cli_runner, main, folder):
    doc = _doc(cli_runner, main, "us.md", "--jurisdiction", "england")
    why = doc["law"]["jurisdiction"]["why"]
    assert doc["law"]["jurisdiction"]["value"] == "england"
    assert why.startswith("set by --jurisdiction england; the document read as not_uk"), why
    rules = {f["rule"] for f in doc["findings"]}
    assert "KIL-0.2-not-a-uk-tender" not in rules and "KIL-3.11-insurance-at-bid" in rules


def test_jurisdiction_flag_can_say_a_document_is_not_a_uk_tender(cli_runner, main, folder):
    doc = _doc(cli_runner, main, "english.md", "--jurisdiction", "not_uk")
    assert [f["rule"] for f in doc["findings"]] == ["KIL-0.2-not-a-uk-tender"]
    # no nation named: "Easterby District Council" under the Act reads as UK, with no nation
    assert doc["law"]["jurisdiction"]["why"] == "set by --jurisdiction not_uk; the document gave no clear reading"


def test_jurisdiction_flag_makes_a_welsh_reading_devolved(cli_runner, main, folder):
    doc = _doc(cli_runner, main, "english.md", "--jurisdiction", "wales")
    assert doc["law"]["devolved"] == "wales"
    rules = {f["rule"] for f in doc["findings"]}
    assert "KIL-2.12-socially-responsible-procurement-wales" in rules  # the Welsh duty
    assert "KIL-3.14-below-threshold-prequal" not in rules  # s.85(5)(a)


def test_an_unknown_jurisdiction_is_a_usage_error(cli_runner, main, folder):
    result = cli_runner.invoke(main, ["check", "english.md", "--jurisdiction", "texas"])
    assert result.exit_code == 2
    assert "--jurisdiction" in result.stderr
