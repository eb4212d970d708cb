"""MONEY, PERCENT, DURATION and DATE mentions: British forms normalised, foreign currency kept apart."""

import pytest

from checker.nlp import dates, duration, money, percent


def one(found):
    assert len(found) == 1, found
    return found[0][2]


@pytest.mark.parametrize("text, value", [
    ("£1.2m", 1_200_000),
    ("£1,200,000", 1_200_000),
    ("£240k", 240_000),
    ("one million two hundred thousand pounds", 1_200_000),
    ("£2.5 million", 2_500_000),
    ("GBP 500,000", 500_000),
    ("500,000 GBP", 500_000),
    ("1.5 million pounds sterling", 1_500_000),
    ("£5,000,000.00", 5_000_000),
])
def test_money_forms_normalise_to_pounds(text, value):
    attrs = one(money.find(f"The value is {text} in total."))
    assert attrs["value"] == pytest.approx(value)
    assert attrs["currency"] == "GBP"


def test_money_flags_period_and_vat():
    annual = one(money.find("The contract is worth £240k per annum for 5 years."))
    assert annual["per_annum"] and annual["period"] == "year"
    assert one(money.find("£2.5 million (excluding VAT)"))["vat"] == "ex"
    assert one(money.find("£300,000 inclusive of VAT"))["vat"] == "inc"
    assert one(money.find("The annual budget available is £450,000."))["per_annum"]
    assert one(money.find("Staff are paid £25 per hour."))["period"] == "hour"
    lump = money.find("The total value is £600,000 per annum, £1,800,000 over the term.")
    assert [a["per_annum"] for _, _, a in lump] == [True, False]


@pytest.mark.parametrize("text, period, vat", [
    ("a budget of sixty thousand pounds (£60,000) a year, excluding VAT", "year", "ex"),
    ("worth £1.2 million (one million two hundred thousand pounds) per annum", "year", None),
    ("up to fifteen thousand pounds (£15,000 inc VAT) over the term", None, "inc"),
])
def test_an_amount_restated_in_brackets_is_one_mention_qualified_after_the_bracket(text, period, vat):
    (found,) = money.find(text)
    assert (found[2]["period"], found[2]["vat"]) == (period, vat)


@pytest.mark.parametrize("text, period, vat", [
    ("The grant is £45,000 including VAT per academic year.", "year", "inc"),
    ("Fees are capped at £8,000 plus VAT each school year.", "year", "ex"),
    ("The fee is £12,500 (excluding VAT) per month.", "month", "ex"),
    ("The fee is £12,500 excluding VAT. A year later it is reviewed.", None, "ex"),
])
def test_a_vat_note_between_an_amount_and_its_period_keeps_both(text, period, vat):
    attrs = one(money.find(text))
    assert (attrs["period"], attrs["vat"]) == (period, vat)


def test_different_amounts_in_brackets_stay_apart():
    assert [m[2]["value"] for m in money.find("£40,000 (of which £10,000 is for training) a year")] == [40000, 10000]


def test_whole_life_flag():
    total, = money.find("The estimated total value is £2.2m.")[:1]
    assert total[2]["whole_life"]
    annual, lump = money.find("The total value is £600,000 per annum, £1,800,000 over the term.")
    assert not annual[2]["whole_life"] and lump[2]["whole_life"]
    assert not one(money.find("A fee of £5,000 applies."))["whole_life"]


def test_dollars_and_euros_are_not_pounds():
    assert one(money.find("The budget is $500,000 per year."))["currency"] == "USD"
    assert one(money.find("Fees of €20,000 apply."))["currency"] == "EUR"


def test_ordinary_english_is_not_money():
    assert money.find("We have lots of money and a million ideas.") == []


@pytest.mark.parametrize("text, value, basis", [
    ("10%", 10, "percent"),
    ("ten per cent", 10, "percent"),
    ("10 percent", 10, "percent"),
    ("10 marks out of 100", 10, "out_of"),
    ("15 points out of a total of 200", 7.5, "out_of"),
    ("a weighting of 10", 10, "weight"),
])
def test_percent_forms(text, value, basis):
    attrs = one(percent.find(f"Social value has {text}."))
    assert attrs["value"] == pytest.approx(value)
    assert attrs["basis"] == basis


def test_dates_are_not_fractions_of_100():
    assert percent.find("Published 10/03/2026.") == []


@pytest.mark.parametrize("text, initial, maximum", [
    ("3 years with the option to extend for up to 2 further periods of 12 months", 36, 60),
    ("3+1+1 years", 36, 60),
    ("36 months", 36, 36),
    ("an initial term of two years plus an optional extension of one year", 24, 36),
    ("three (3) years, extendable by two additional one-year periods", 36, 60),
    ("Three (3) years with two (2) 1-year options to extend", 36, 60),
    ("three years, with the option to extend for one further year", 36, 48),
    ("2 years with an option to extend for 12 months up to 2 times", 24, 48),
    ("3 years with a maximum term of 5 years", 36, 60),
])
def test_contract_terms_fold_extensions_in(text, initial, maximum):
    found = duration.find(f"The contract is for {text}.")
    attrs = one(found)
    assert (attrs["value"], attrs["months_max"]) == (initial, maximum)
    assert not attrs["is_extension"]


def test_stand_alone_extension_is_flagged():
    attrs = one(duration.find("There is an option to extend for a further 2 years."))
    assert attrs["is_extension"] and attrs["months_max"] == 24


def test_extensions_do_not_cross_sentences():
    found = duration.find("The term is 2 years. Tenders are valid for 90 days.")
    assert found[0][2]["months_max"] == 24
    assert found[1][2]["days"] == 90


@pytest.mark.parametrize("text, iso, ambiguous", [
    ("12 March 2026", "2026-03-12", False),
    ("12/03/2026", "2026-03-12", True),
    ("2026-03-12", "2026-03-12", False),
    ("March 12, 2026", "2026-03-12", False),
    ("Monday 3rd of February 2025", "2025-02-03", False),
    ("01/14/2026", "2026-01-14", False),
])
def test_dates_normalise_day_first(text, iso, ambiguous):
    attrs = one(dates.find(f"Tenders close on {text} at noon."))
    assert attrs["value"] == iso
    assert attrs["ambiguous"] == ambiguous


def test_impossible_dates_are_dropped():
    assert dates.find("On 31/02/2026 nothing happened.") == []
