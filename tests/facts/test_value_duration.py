"""contract.value_* and contract.duration_months_*: whole life over the maximum term, excluding VAT."""

import pytest


def test_annual_value_is_carried_over_the_term(facts_of):
    facts = facts_of("The estimated contract value is £240k per annum for 5 years.")
    assert facts.value("contract.value_annual_gbp") == 240_000
    assert facts.value("contract.value_total_gbp") == 1_200_000


def test_annual_value_uses_the_maximum_term_including_extensions(facts_of):
    facts = facts_of("The contract will run for 3 years with the option to extend for up to 2 further periods "
                     "of 12 months.\n\nThe annual value is £100,000 excluding VAT.")
    assert facts.value("contract.duration_months_initial") == 36
    assert facts.value("contract.duration_months_max") == 60
    assert facts.value("contract.value_total_gbp") == 500_000


def test_stated_whole_life_value_beats_a_derived_one(facts_of):
    facts = facts_of("The maximum annual budget is £450,000. The estimated total value of the contract over "
                     "five years is £2,200,000 excluding VAT.")
    assert facts.value("contract.value_total_gbp") == 2_200_000
    assert facts.value("contract.value_annual_gbp") == 450_000
    assert not facts.conflict("contract.value_total_gbp")


def test_vat_inclusive_value_is_divided_and_says_so(facts_of):
    fact = facts_of("The total contract value is £1,200,000 including VAT.").get("contract.value_total_gbp")
    assert fact.value == pytest.approx(1_000_000)
    assert "1.2" in fact.source
    assert "£1,200,000" in fact.evidence


def test_dollars_insurance_and_turnover_are_not_the_contract_value(facts_of):
    facts = facts_of("The estimated value is $500,000 per year over 3 years.\n\n"
                     "Public liability insurance of £10,000,000 is required.\n\n"
                     "Bidders must have a minimum turnover of £1,000,000.")
    assert "contract.value_total_gbp" not in facts
    assert "contract.value_annual_gbp" not in facts


def test_extension_in_a_later_sentence_is_added(facts_of):
    facts = facts_of("The initial contract period is 3 years. There is an option to extend for a further 2 years.")
    assert facts.value("contract.duration_months_initial") == 36
    assert facts.value("contract.duration_months_max") == 60


def test_durations_that_are_not_the_term_are_ignored(facts_of):
    facts = facts_of("Bidders must have at least 5 years of experience. Tenders must remain valid for 90 days. "
                     "Please provide accounts for the last 3 years.")
    assert "contract.duration_months_initial" not in facts


def test_key_facts_table_row_label_gives_context(facts_of):
    facts = facts_of("| Item | Detail |\n|---|---|\n| Contract value | £310,000 per annum excluding VAT |\n"
                     "| Contract term | Four years from 1 May 2026 |\n")
    assert facts.value("contract.duration_months_max") == 48
    assert facts.value("contract.value_total_gbp") == 1_240_000
    fact = facts.get("contract.value_annual_gbp")
    assert fact.location.table == 0 and fact.location.row == 1


def test_value_over_years_gives_the_term(facts_of):
    facts = facts_of("| Item | Detail |\n|---|---|\n| Estimated total value | £2.4M (ex VAT) over four years |\n")
    assert facts.value("contract.value_total_gbp") == 2_400_000
    assert facts.value("contract.duration_months_max") == 48
    assert facts.value("contract.value_annual_gbp") == 600_000


@pytest.mark.parametrize("text, initial, maximum", [
    ("The contract period will be 1 April 2026 to 31 March 2029 with the option to extend by up to 24 months.",
     36, 60),
    ("The contract will be for 5 years (3 years plus an optional 2 years).", 36, 60),
    ("The contract term is 48 months (2+1+1 years).", 24, 48),
    ("The contract will run for three years and six months.", 42, 42),
])
def test_other_ways_of_writing_a_term(facts_of, text, initial, maximum):
    facts = facts_of(text)
    assert facts.value("contract.duration_months_initial") == initial
    assert facts.value("contract.duration_months_max") == maximum
    assert not facts.conflict("contract.duration_months_initial")


def test_part_of_the_term_is_not_the_term(facts_of):
    facts = facts_of("The contract value is £240k per annum for 5 years.\n\n"
                     "The Provider shall attend meetings monthly for the first six months of the Contract.")
    assert facts.value("contract.duration_months_max") == 60
    assert not facts.conflict("contract.duration_months_max")


def test_value_over_years_does_not_contradict_the_stated_term(facts_of):
    facts = facts_of("The contract is worth £0.85m a year, excluding VAT. It will run for an initial two years, plus "
                     "an optional extension of up to twelve months. The maximum value over three years is £2.55m.")
    assert (facts.value("contract.duration_months_initial"), facts.value("contract.duration_months_max")) == (24, 36)
    assert not facts.conflict("contract.duration_months_initial")
    assert facts.value("contract.value_total_gbp") == 2_550_000


def test_a_value_after_a_long_aside_still_belongs_to_its_subject(facts_of):
    facts = facts_of("The estimated value of the concession, meaning all the income the operator will take from the"
                     " two pools and the gym over the whole twelve years, is £24 million excluding VAT.")
    assert facts.value("contract.value_total_gbp") == 24000000



def test_the_buyers_estimate_is_the_contract_value(facts_of):
    facts = facts_of("The contract runs for four years. The Trust's estimate is £90,000 a year excluding VAT.")
    assert facts.value("contract.value_annual_gbp") == 90000
    assert facts.value("contract.value_total_gbp") == 360000
