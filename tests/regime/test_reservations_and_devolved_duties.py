"""The rules added for issue 12, item 5, on tenders written for these tests: each fires under its own law (the
Procurement Act 2023 reservations in s.32 and s.33, the Social Partnership and Public Procurement (Wales) Act
2023 s.24 for a Welsh devolved body, the Procurement Reform (Scotland) Act 2014 s.25 at £4m), not elsewhere, and
s.12(4) with the 2025 policy statement only under the Act."""

from __future__ import annotations

from tests.regime.test_law_applies import run, severities

MUTUALS = "Under section 33 of the Procurement Act 2023 this light touch contract is reserved for qualifying public service mutuals."
SUPPORTED = "Under the Procurement Act 2023 this contract is reserved for supported employment providers."


def _english(body: str, term: str = "The contract will run for 3 years with an option to extend for a further 2 years.") -> str:
    return f"""# Invitation to tender: community wellbeing service

Easterby District Council invites tenders under the Procurement Act 2023. This is a contract for the provision of
community support services, estimated at £700,000.

{term}

{body}
"""


def test_a_mutuals_reservation_over_five_years_is_an_error_under_the_act(tmp_path):
    found = severities(run(tmp_path, _english(MUTUALS, "The contract will run for 5 years with an option to extend "
                                                        "for a further 2 years.")))
    assert found["KIL-3.19-mutual-reservation-limits"] == "error"


def test_a_mutuals_reservation_of_five_years_passes(tmp_path):
    found = severities(run(tmp_path, _english(MUTUALS)))
    assert "KIL-3.19-mutual-reservation-limits" not in found


def test_a_mutuals_reservation_for_works_is_an_error(tmp_path):
    text = _english(MUTUALS).replace("This is a contract for the provision of\ncommunity support services",
                                     "This is a works contract for the refurbishment of a community centre")
    result = run(tmp_path, text)
    assert result.facts.value("contract.category") == "works"
    assert severities(result)["KIL-3.19-mutual-reservation-limits"] == "error"


def test_welcoming_mutuals_is_no_reservation(tmp_path):
    body = "We welcome bids from charities, social enterprises and public service mutuals."
    found = severities(run(tmp_path, _english(body, "The contract will run for 7 years.")))
    assert "KIL-3.19-mutual-reservation-limits" not in found


def test_the_mutuals_rule_is_the_acts_not_the_2015_regulations(tmp_path):
    text = _english(MUTUALS, "The contract will run for 7 years.").replace("Procurement Act 2023",
                                                                           "Public Contracts Regulations 2015")
    result = run(tmp_path, text)
    assert result.facts.value("procurement.regime_applied") == "PCR2015"
    assert "KIL-3.19-mutual-reservation-limits" not in severities(result)


def test_a_supported_employment_reservation_without_the_30_per_cent_test_gets_advice(tmp_path):
    result = run(tmp_path, _english(SUPPORTED))
    advice = {f.rule: f for f in result.findings}
    assert advice["KIL-3.20-supported-employment-reservation-test"].severity == "info"
    assert "at least 30 per cent" in advice["KIL-3.20-supported-employment-reservation-test"].message
    stated = _english(SUPPORTED + " Disabled or disadvantaged people must be at least 30 per cent of the workforce.")
    assert "KIL-3.20-supported-employment-reservation-test" not in {f.rule for f in run(tmp_path, stated).findings}


WELSH = """# Invitation to tender: community transport

Cyngor Sir Ceredigion / Ceredigion County Council invites tenders under the Procurement Act 2023 and the
Procurement (Wales) Regulations 2024 for a community transport service worth £150,000 over three years.
{extra}
"""


def test_a_welsh_devolved_body_is_asked_about_the_well_being_goals(tmp_path):
    result = run(tmp_path, WELSH.format(extra=""))
    assert result.facts.value("buyer.devolved") == "wales"
    found = severities(result)
    assert found["KIL-2.12-socially-responsible-procurement-wales"] == "warning"
    assert "KIL-2.11-community-benefit-requirements" not in found  # Scottish law
    goals = "The service supports the Council's socially responsible procurement objectives and the well-being goals."
    assert "KIL-2.12-socially-responsible-procurement-wales" not in severities(run(tmp_path, WELSH.format(extra=goals)))


def test_the_welsh_duty_is_not_asked_of_an_english_council(tmp_path):
    found = severities(run(tmp_path, _english("")))
    assert "KIL-2.12-socially-responsible-procurement-wales" not in found


SCOTTISH = """# Invitation to tender: housing support

Glenmoray Council, a Scottish local authority, invites tenders on Public Contracts Scotland under the Public
Contracts (Scotland) Regulations 2015. The contract is worth {value} over five years.
{extra}
"""


def test_a_scottish_contract_of_4m_or_more_is_asked_about_community_benefits(tmp_path):
    result = run(tmp_path, SCOTTISH.format(value="£4,500,000", extra=""))
    assert result.facts.value("procurement.regime_applied") == "PCSR2015"
    found = severities(result)
    assert found["KIL-2.11-community-benefit-requirements"] == "warning"
    for other in ("KIL-2.12-socially-responsible-procurement-wales", "KIL-3.17-sme-barrier-statement",
                  "KIL-3.19-mutual-reservation-limits", "KIL-2.1-sv-criterion-missing"):
        assert other not in found, other
    reasons = "No community benefit requirements are included because the service is delivered by volunteers."
    assert "KIL-2.11-community-benefit-requirements" not in severities(
        run(tmp_path, SCOTTISH.format(value="£4,500,000", extra=reasons)))


def test_below_4m_or_outside_scotland_there_is_no_community_benefit_duty(tmp_path):
    assert "KIL-2.11-community-benefit-requirements" not in severities(
        run(tmp_path, SCOTTISH.format(value="£3,900,000", extra="")))
    english = _english("").replace("£700,000", "£4,500,000")
    assert "KIL-2.11-community-benefit-requirements" not in severities(run(tmp_path, english))


def test_the_sme_duty_is_the_acts(tmp_path):
    """s.12(4) and the 2025 statement bind Procurement Act procurements, not the 2015 Regulations."""
    under_act = run(tmp_path, _english(""))
    assert "KIL-3.17-sme-barrier-statement" in {f.rule for f in under_act.findings}
    pcr = run(tmp_path, _english("").replace("Procurement Act 2023", "Public Contracts Regulations 2015"))
    assert "KIL-3.17-sme-barrier-statement" not in {f.rule for f in pcr.findings}
