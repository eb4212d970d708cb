"""Property tests (hypothesis) over the quantity parsers in checker/nlp: money, percent, duration, dates and
number words. On any text they never raise, every span lies inside the text in order, and every number they
give is finite; what they can read back, they read back exactly (round trips). Example counts are bounded so
the file runs in seconds."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checker.nlp import dates, duration, money, numbers, percent

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text built from the pieces these parsers look for, so that the properties are tried where the parsers work,
# not only on random characters that match nothing.
PIECES = ["£", "$", "€", "GBP", "pounds", "per cent", "%", "percent", "out of", "marks", "/", "100", "weighting",
          "m", "k", "million", "bn", "thousand", "hundred", "and", "one", "two", "twenty", "-", "+", ",", ".", "(",
          ")", "years", "months", "weeks", "days", "year", "further", "periods of", "option to extend", "up to",
          "a maximum of", "x", "times", "per annum", "excluding VAT", "inc. VAT", "March", "Sept", "12th", "of",
          "2026", "31/12/2026", "2026-02-30", "13/13/13", "0", "00", "9" * 40, "9" * 400, "1e308", "1,000,000",
          "0.5", " ", "  ", "\n", "\u00a0", "\u2013"]
QUANTITY_TEXT = st.lists(st.sampled_from(PIECES) | st.integers(0, 10**15).map(str), max_size=40).map(" ".join)
ANY_TEXT = st.text(max_size=300) | QUANTITY_TEXT


def _well_formed(text: str, found) -> None:
    for start, end, attrs in found:
        assert 0 <= start <= end <= len(text), (start, end, len(text))
        for key, value in attrs.items():
            if isinstance(value, float):
                assert math.isfinite(value), (key, value, text[start:end])


@FAST
@given(ANY_TEXT)
@example("£" + "9" * 400)
@example("9" * 400 + " pounds")
def test_money_never_fails(text):
    _well_formed(text, money.find(text))


@FAST
@given(ANY_TEXT)
@example("9" * 400 + "%")
@example("5 out of 0")
def test_percent_never_fails(text):
    _well_formed(text, percent.find(text))


@FAST
@given(ANY_TEXT)
@example("9" * 400 + " days")
@example("9" * 400 + " weeks")
@example("1" + "0" * 400 + "+1 years")
@example("3 years (+" + "9" * 400 + ")")
def test_duration_never_fails(text):
    _well_formed(text, duration.find(text))


@FAST
@given(ANY_TEXT)
@example("31/02/2026 and 0/0/0000 and 99999-99-99")
def test_dates_never_fail(text):
    _well_formed(text, dates.find(text))


@FAST
@given(ANY_TEXT)
def test_number_words_never_fail(text):
    for value in (numbers.words_to_number(text), numbers.parse_number(text)):
        assert value is None or isinstance(value, float)


# -- round trips --------------------------------------------------------------------------------------------

def _only(found):
    assert len(found) == 1, found
    return found[0][2]


@FAST
@given(st.integers(1, 10**12))
def test_money_in_digits_round_trips(value):
    assert _only(money.find(f"a budget of £{value:,} excluding VAT"))["value"] == value
    assert _only(money.find(f"a budget of £{value} excluding VAT"))["value"] == value


@FAST
@given(st.integers(1, 9999), st.sampled_from([("k", 1e3), ("m", 1e6), ("million", 1e6), ("bn", 1e9)]))
def test_money_with_a_multiplier_round_trips(tenths, unit):
    word, factor = unit
    text = f"£{tenths / 10:g}{'' if len(word) <= 2 else ' '}{word}"
    assert math.isclose(_only(money.find(text))["value"], tenths / 10 * factor)


@FAST
@given(st.integers(0, 10000))
def test_percent_round_trips(hundredths):
    value = hundredths / 100
    assert _only(percent.find(f"Quality {value:g}% of the score"))["value"] == value
    assert _only(percent.find(f"Quality {value:g} per cent"))["value"] == value


@FAST
@given(st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)))
def test_dates_round_trip(day):
    iso = day.isoformat()
    for text in (day.strftime("%d %B %Y"), day.strftime("%B %d, %Y"), iso, day.strftime("%d/%m/%Y")):
        assert _only(dates.find(f"Tenders close on {text}."))["value"] == iso, text


@FAST
@given(st.integers(1, 600), st.sampled_from([("months", 1), ("years", 12)]))
def test_durations_round_trip(n, unit):
    word, months = unit
    found = _only(duration.find(f"The contract runs for {n} {word}."))
    assert found["value"] == n * months and found["months_max"] == n * months


def _words(n: int) -> str:
    """n (0 to 999,999,999) in English words, as a tender writes it."""
    small = {v: k for k, v in numbers.SMALL.items()}
    if n < 20:
        return small[n]
    if n < 100:
        return small[n - n % 10] + ("-" + small[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return small[n // 100] + " hundred" + (" and " + _words(rest) if rest else "")
    for scale, size in (("million", 10**6), ("thousand", 10**3)):
        if n >= size:
            rest = n % size
            return _words(n // size) + " " + scale + (" " + _words(rest) if rest else "")
    raise AssertionError(n)


@FAST
@given(st.integers(0, 999_999_999))
def test_number_words_round_trip(n):
    assert numbers.words_to_number(_words(n)) == n
    assert numbers.parse_number(f"{_words(n)} ({n})") == n
