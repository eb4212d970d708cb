"""The regime assumption a finding states, and choosing thresholds by procurement start date."""

from checker import regime
from checker.facts.base import Fact, Facts
from checker.ruletypes.conditions import compare


def facts(**values):
    return Facts([Fact(name.replace("__", "."), value) for name, value in values.items()])


def test_nothing_assumed_when_the_document_states_everything():
    stated = facts(procurement__regime="PA2023", procurement__start_date="2026-02-01", buyer__type="local",
                   contract__category="services")
    assert regime.assumption(stated) == ""


def test_regime_is_assumed_from_the_start_date():
    before = regime.assumption(facts(procurement__start_date="2024-07-10", buyer__type="local",
                                     contract__category="works"))
    after = regime.assumption(facts(procurement__start_date="2025-02-24", buyer__type="local",
                                    contract__category="works"))
    assert "Public Contracts Regulations 2015" in before and "10 Jul 2024" in before
    assert "Procurement Act 2023" in after and "Regulations 2015" not in after


def test_missing_facts_are_each_named():
    text = regime.assumption(Facts())
    assert text.startswith("Assumed: ")
    for words in ("no procurement regime or start date", "thresholds from 1 Jan 2026", "sub-central authority",
                  "goods or services"):
        assert words in text


def test_a_stated_regime_without_a_date_still_says_which_thresholds():
    text = regime.assumption(facts(procurement__regime="PCR2015", buyer__type="central", contract__category="goods"))
    assert text == "Assumed: no start date is stated, so the thresholds from 1 Jan 2026 were assumed."


def test_unreadable_start_date_counts_as_missing():
    text = regime.assumption(facts(procurement__start_date="sometime", buyer__type="local",
                                   contract__category="goods"))
    assert "no procurement regime or start date" in text


def test_conditions_order_iso_dates_but_not_other_text():
    assert compare("2025-11-10", "<", "2026-01-01")
    assert not compare("2026-01-16", "<", "2026-01-01")
    assert compare("2026-01-01", ">=", "2026-01-01")
    assert not compare("10 Nov 2025", "<", "2026-01-01")  # not ISO: no ordering, the comparison is false
    assert not compare("2025-11-10", "<", 5)


def test_an_nhs_buyer_is_told_which_thresholds_it_got_and_on_what_law():
    """NHS buyers get the central government thresholds: under the 2015 Regulations NHS trusts, foundation trusts
    and NHS England are in Schedule 1; under the Act the list (Procurement Regulations 2024 Schedule 2) was not
    verified, which the sentence says; the PSR has no thresholds, so nothing is said."""
    pcr = regime.assumption(facts(procurement__regime="PCR2015", procurement__start_date="2024-06-03",
                                  buyer__type="nhs", contract__category="services"))
    act = regime.assumption(facts(procurement__regime_applied="PA2023", procurement__regime="PA2023",
                                  procurement__start_date="2026-03-02", buyer__type="nhs",
                                  contract__category="services"))
    psr = regime.assumption(facts(procurement__regime="PSR", procurement__start_date="2026-03-02",
                                  buyer__type="nhs", contract__category="services"))
    assert "central government thresholds were used" in pcr and "Schedule 1 to the Public Contracts Regulations 2015" in pcr
    assert "NHS foundation trusts" in pcr
    assert "central government thresholds were used" in act and "was not verified" in act
    assert "Procurement Regulations 2024" in act
    assert psr == ""


def test_an_nhs_buyer_without_a_regime_or_date_is_read_under_the_act():
    text = regime.assumption(facts(buyer__type="nhs", contract__category="goods"))
    assert "Procurement Act 2023 and the thresholds from 1 Jan 2026 were assumed" in text
    assert "Procurement Regulations 2024" in text


def test_the_law_summary_says_an_nhs_buyer_gets_the_central_government_thresholds():
    assert "central government thresholds" in regime.BUYER_NAMES["nhs"]
