"""Money by role (checker/facts/money_roles.py): only an amount in the contract-value role becomes
contract.value_* or a lot's value. Each role is tested beside a sentence where the same kind of words do state
the value, so the role cannot pass by refusing every amount."""

import pytest

from checker.facts.money_roles import role


def roles_in(nlp_sentence_text):
    from checker.extract.text import parse_text
    from checker.facts.context import Context
    from checker.nlp.pipeline import annotate

    document = parse_text(nlp_sentence_text)
    ctx = Context(document, annotate(document))
    return [role(s, e) for s in ctx.sentences for e in s.ents("MONEY")]


@pytest.mark.parametrize("text, expected", [
    ("Across the region, spend on the old framework in 2023/24 was £41m.", "historic"),
    ("Last year the service cost us £310,000.", "historic"),
    ("Exclude from the return any invoice under £25 or over £5,000.", "threshold"),
    ("Where a purchase is below £10,000, one written quote is enough.", "threshold"),
    ("Spot purchases are capped at £2,500 per order.", "cap"),
    ("Bidders must hold employer's liability cover of £5m.", "insurance"),
    ("A minimum annual turnover of £400,000 is required.", "turnover"),
    ("The contract has an estimated value of over £1.5m across its full term.", "contract"),
    ("The budget for the service is £220,000 a year.", "contract"),
])
def test_each_amount_gets_its_role(text, expected):
    assert set(roles_in(text)) == {expected}


def test_past_spend_is_not_the_contract_value(facts_of):
    facts = facts_of("Spend through the previous arrangement was £2.4m in 2024/25.\n\n"
                     "The new contract is worth £600,000 over three years.")
    assert facts.value("contract.value_total_gbp") == 600000


def test_a_per_item_limit_is_not_a_lot_value(facts_of):
    facts = facts_of("## Lot 2 Equipment servicing\n\nDo not enter any single item over £8,000 in the price "
                     "schedule.\n\n## Lot 1 Repairs\n\nLot 1 is worth £90,000.")
    values = [item["value_gbp"] for item in facts.value("lots.items") or []]
    assert 8000 not in values


def test_a_notice_form_value_is_read_with_the_forms_currency_field(facts_of):
    facts = facts_of("II.1.5) Total value of the contract/lot (excluding VAT): 1,250,000\n\nCurrency: GBP\n\n"
                     "II.1.6) Information about lots")
    assert facts.value("contract.value_total_gbp") == 1250000


def test_a_notice_form_value_in_another_currency_is_not_pounds(facts_of):
    facts = facts_of("II.1.5) Total value of the contract/lot (excluding VAT): 1,250,000\n\nCurrency: EUR")
    assert "contract.value_total_gbp" not in facts


@pytest.mark.parametrize("text", [
    ("Bidders must show that they have delivered at least three contracts for local authorities in the last "
    "four years, each worth £250,000 or more."),
    ("Applicants who have previously managed a service of a similar size, with an annual budget of £400,000, "
    "should describe it."),
])
def test_the_size_of_contracts_a_bidder_has_delivered_is_not_this_contracts_value(facts_of, text):
    facts = facts_of(text)
    assert "contract.value_total_gbp" not in facts
    assert "contract.value_annual_gbp" not in facts


def test_an_amount_in_a_sentence_about_this_contract_still_counts(facts_of):
    facts = facts_of("The provider will have delivered the first phase by March; the contract is worth £300,000.")
    assert facts.value("contract.value_total_gbp") == 300_000
