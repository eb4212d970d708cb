"""Jurisdiction and regime as facts: whose law governs the buyer (buyer.jurisdiction, buyer.devolved) and which regime
the rules apply (procurement.regime_applied), read from what a document names; a document that is not a UK tender
gets the not-UK notice and nothing else. Test documents are written for these tests."""

from __future__ import annotations

import pytest

from checker.api import CheckOptions, analyse, check
from checker.extract.text import parse_text


def facts_of(text: str):
    document = parse_text(text, path="<test>")
    return analyse(document)[1]


def report_of(tmp_path, text: str, **options):
    path = tmp_path / "tender.md"
    path.write_text(text, encoding="utf-8")
    report = check([str(path)], CheckOptions(**options))
    assert not report.errors, report.errors
    (result,) = report.documents
    return result


SCOTTISH_COUNCIL = """# Invitation to quote: community meals on wheels

## About the buyer
Glenbrae Council is a local authority in Scotland. This quick quote is advertised on Public Contracts Scotland
and run under the Public Contracts (Scotland) Regulations 2015 and the Procurement Reform (Scotland) Act 2014.
Community benefits are part of the evaluation, in line with Fair Work First.
"""

WELSH_COUNCIL = """# Invitation to tender: young carers' support

## About the buyer
Cyngor Bwrdeistref Sirol Nantgarw / Nantgarw County Borough Council invites tenders under the Procurement Act 2023
and the Procurement (Wales) Regulations 2024. The service supports the well-being goals of the Well-being of Future
Generations (Wales) Act 2015 and our duties under the Social Partnership and Public Procurement (Wales) Act 2023.
Address: Civic Offices, Nantgarw CF15 7QZ.
"""

US_COUNTY = """# Request for Proposals 2026-14: Roadside Mowing

The Jackson County Department of Transportation, 415 E 12th Street, Kansas City, MO 64106, requests proposals from
qualified contractors. The estimated budget is $250,000 per year. Proposers must submit a Form W-9 and a
certificate of insurance with their proposal. Disadvantaged Business Enterprise participation is encouraged.
"""

UK_WIDE_FRAMEWORK = """# About the framework

The framework is open to public sector buyers in England, Wales, Scotland and Northern Ireland. Call-Off Schedule 21
(Northern Ireland Law) switches the contract from the laws of England and Wales to the law of Northern Ireland.
The estimated value is £2,000,000.
"""

NI_TRUST = """# Tender for domiciliary care support

The Lagan Valley Health and Social Care Trust invites tenders for home support across its area in Northern Ireland.
Tenders are submitted through eTendersNI. The contract is worth £300,000 a year.
"""


@pytest.mark.parametrize("text, jurisdiction, devolved", [
    (SCOTTISH_COUNCIL, "scotland", "scotland"),
    (WELSH_COUNCIL, "wales", "wales"),
    (US_COUNTY, "not_uk", None),
    (NI_TRUST, "northern_ireland", "northern_ireland"),
])
def test_jurisdiction_is_read_from_the_law_portals_bodies_and_addresses(text, jurisdiction, devolved):
    facts = facts_of(text)
    assert facts.value("buyer.jurisdiction") == jurisdiction
    assert facts.value("buyer.devolved") == devolved
    assert facts.get("buyer.jurisdiction").evidence  # the cue is quoted


def test_a_uk_wide_framework_or_a_governing_law_clause_names_no_nation():
    assert facts_of(UK_WIDE_FRAMEWORK).value("buyer.jurisdiction") is None


def test_an_english_council_with_no_nation_named_has_no_jurisdiction_fact():
    text = "# Tender\n\nNorthmoor Borough Council invites tenders for a befriending service worth £240,000.\n"
    facts = facts_of(text)
    assert facts.value("buyer.jurisdiction") is None and facts.value("buyer.devolved") is None


def test_registered_in_england_and_wales_counts_for_neither_nation():
    text = ("# Tender\n\nCyngor Gwynant invites tenders. Bidders registered in England and Wales, or in England and "
            "Wales only, are welcome. The Welsh Government funds the service.\n")
    assert facts_of(text).value("buyer.jurisdiction") == "wales"


def test_a_us_county_department_of_transportation_is_not_a_uk_central_government_buyer():
    facts = facts_of(US_COUNTY)
    assert facts.value("buyer.type") is None  # "Department of" no longer reads as a UK department
    assert facts.value("procurement.regime_applied") is None


def test_a_scottish_buyer_is_under_the_scottish_regulations_whatever_english_act_it_mentions():
    facts = facts_of(SCOTTISH_COUNCIL)
    assert facts.value("procurement.regime") == "PCSR2015"
    assert facts.value("procurement.regime_applied") == "PCSR2015"
    text = ("# Quote\n\nStrathmore Council, a Scottish local authority, publishes this on Public Contracts Scotland. "
            "The Procurement Act 2023 does not apply to it.\n")
    applied = facts_of(text).get("procurement.regime_applied")
    assert applied.value == "PCSR2015" and "devolved Scottish" in applied.source


def test_the_regime_applied_says_why():
    named = facts_of("# ITT\n\nThis procurement is run under the Public Contracts Regulations 2015.\n")
    assert named.value("procurement.regime_applied") == "PCR2015"
    assert "named in the document" in named.get("procurement.regime_applied").source
    dated = facts_of("# ITT\n\nThe Council invites tenders.\n\n| Date of publication | 10 July 2024 |\n|---|---|\n")
    assert dated.value("procurement.regime_applied") == "PCR2015"
    assert "begun 10 Jul 2024" in dated.get("procurement.regime_applied").source
    silent = facts_of("# ITT\n\nThe Council invites tenders for grounds maintenance.\n")
    assert silent.value("procurement.regime_applied") == "PA2023"
    assert "assumed" in silent.get("procurement.regime_applied").source


def test_the_provider_selection_regime_is_a_regime():
    text = ("# Invitation\n\nNHS Wyrebank Integrated Care Board is procuring community podiatry under the Provider "
            "Selection Regime (the Health Care Services (Provider Selection Regime) Regulations 2023), using the "
            "Competitive Process. The Provider Selection Regime applies, not the Procurement Act 2023.\n")
    facts = facts_of(text)
    assert facts.value("procurement.regime") == "PSR" == facts.value("procurement.regime_applied")
    assert facts.value("buyer.jurisdiction") == "england"  # an Integrated Care Board is English


def test_a_us_document_gets_only_the_not_uk_notice_and_passes(tmp_path):
    result = report_of(tmp_path, US_COUNTY)
    assert [(f.rule, f.severity) for f in result.findings] == [("KIL-0.2-not-a-uk-tender", "info")]
    steps = result.to_dict()["steps"]
    assert steps["4"]["status"] == "pass" and all(steps[s]["status"] == "n/a" for s in "1235")
    assert "Form W-9" in result.findings[0].evidence or "Missouri" in result.findings[0].evidence \
        or "$" in result.findings[0].evidence or "Department of Transportation" in result.findings[0].evidence


def test_check_outside_uk_applies_the_uk_rules_anyway(tmp_path):
    result = report_of(tmp_path, US_COUNTY, params={"check_outside_uk": True})
    rules = {f.rule for f in result.findings}
    assert "KIL-0.2-not-a-uk-tender" not in rules
    assert "KIL-3.11-insurance-at-bid" in rules  # the UK rules ran: a certificate of insurance with the proposal


def test_the_regime_assumption_names_the_scottish_regulations():
    from checker import regime

    text = regime.assumption(facts_of(SCOTTISH_COUNCIL.replace("run under the Public Contracts (Scotland) "
                                                               "Regulations 2015 and the Procurement Reform "
                                                               "(Scotland) Act 2014", "run by the Council")))
    assert "devolved Scottish authority" in text and "Public Contracts (Scotland) Regulations 2015" in text
    assert regime.assumption(facts_of(US_COUNTY)) == ""
