"""Text that looks like a fact but is not one: policy, history, rates, targets, negations, call-offs."""

import pytest


@pytest.mark.parametrize("text, name", [
    ("Under PPN 06/20, social value should be given a minimum weighting of 10% of the total score.",
     "evaluation.social_value_pct"),
    ("The Council spent £3.2 million on adult social care in 2024/25, an increase of 12%.",
     "contract.value_total_gbp"),
    ("Suppliers should note that the threshold for services is £214,904 including VAT.", "contract.value_total_gbp"),
    (("The service was previously delivered under a contract worth £400,000 per annum which expires on "
      "31 March 2026."), "contract.value_annual_gbp"),
    ("The successful provider will be paid £25.50 per hour for each hour of care delivered.",
     "contract.value_annual_gbp"),
    ("The provider must achieve a 95% satisfaction rate and answer 90% of calls within 20 seconds.",
     "evaluation.quality_pct"),
    ("Tenders must remain valid for 90 days from the closing date.", "contract.duration_months_max"),
    ("There is no requirement for bidders to hold ISO 9001.", "selection.accreditations"),
    ("Bidders with lots of experience in a rural setting are welcome.", "lots.count"),
])
def test_not_a_fact(facts_of, text, name):
    assert name not in facts_of(text)


def test_audited_accounts_with_an_alternative_are_not_a_demand(facts_of):
    facts = facts_of("Please provide your last two years of audited accounts, or if these are not available, "
                     "management accounts.")
    assert facts.value("selection.audited_accounts") is False


def test_framework_term_beats_call_off_term(facts_of):
    facts = facts_of("The framework will run for four years. Call-off contracts may be awarded for up to 2 years.")
    assert facts.value("contract.duration_months_max") == 48
    assert not facts.conflict("contract.duration_months_max")


def test_social_value_in_prose_is_carved_from_the_table_quality(facts_of):
    facts = facts_of("| Criterion | Weighting |\n|---|---|\n| Quality | 60% |\n| Price | 40% |\n| Total | 100% |\n\n"
                     "Social value will be evaluated as part of the quality score and accounts for 10% of the "
                     "quality weighting.")
    assert (facts.value("evaluation.price_pct"), facts.value("evaluation.quality_pct"),
            facts.value("evaluation.social_value_pct")) == (40, 54, 6)
