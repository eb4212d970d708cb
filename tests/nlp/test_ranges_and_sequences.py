"""Money ranges, VAT abbreviations and extension arithmetic written in the many ways tenders write them."""

import pytest

from checker.nlp import duration, money


@pytest.mark.parametrize("text, top, bottom", [
    ("Indicative value £150k–£275k over the term.", 275_000, 150_000),
    ("between £800,000 and £1.1m", 1_100_000, 800_000),
    ("£60,000 to £95,000 per annum", 95_000, 60_000),
])
def test_a_range_is_one_mention_valued_at_its_top(text, top, bottom):
    found = money.find(text)
    assert len(found) == 1
    attrs = found[0][2]
    assert attrs["value"] == top
    assert attrs["range_from"] == bottom


def test_a_range_shares_its_period_and_vat():
    (_, _, attrs), = money.find("£60,000 - £95,000 per annum (ex VAT)")
    assert attrs["period"] == "year" and attrs["vat"] == "ex"


def test_two_separate_amounts_are_not_a_range():
    found = money.find("Lot A is £90,000. Lot B is £40,000.")
    assert [a["value"] for _, _, a in found] == [90_000, 40_000]
    assert all(a["range_from"] is None for _, _, a in found)


@pytest.mark.parametrize("text", ["£312,000 (inc. VAT)", "£312,000 (incl. VAT).", "£312,000 inc. VAT and fees"])
def test_abbreviated_including_vat_is_read_through_its_full_stop(text):
    (_, _, attrs), = money.find(text)
    assert attrs["vat"] == "inc"


def test_money_in_words_with_and():
    (_, _, attrs), = money.find("The grant is one hundred and ninety thousand pounds a year.")
    assert attrs["value"] == 190_000 and attrs["period"] == "year"


def _term(text):
    found = [a for _, _, a in duration.find(text) if not a["is_extension"]]
    return found[0]["value"], found[0]["months_max"]


@pytest.mark.parametrize("text, initial, maximum", [
    ("an initial period of 18 months with a possible further 6 + 6 months", 18, 30),
    ("two years, extendable by a further 12 + 12 + 12 months", 24, 60),
    ("four years with an option to extend by another one year (4+1)", 48, 60),
    ("two years plus an optional extension of two years (2+2)", 24, 48),
    ("a term of 4 years (2+1+1)", 24, 48),
    ("a term of 3 years (3+1+1)", 36, 60),
    ("a 2+1+1 year agreement", 24, 48),
])
def test_extension_sequences_are_counted_once(text, initial, maximum):
    assert _term(text) == (initial, maximum)


def test_a_standalone_sequence_extension_sums_its_parts():
    ext = [a for _, _, a in duration.find("Options exist to extend for a further 6 + 6 months.") if a["is_extension"]]
    assert ext and ext[0]["months_max"] == 12


def test_two_amounts_joined_by_and_are_a_range_only_after_between():
    found = money.find("Cover of £5m and £10m respectively is required.")
    assert [a["value"] for _, _, a in found] == [5_000_000, 10_000_000]
