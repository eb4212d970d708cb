"""Comparisons, param kinds and message rendering: the small pieces every rule type leans on."""

import datetime as dt

import pytest

from checker.errors import RulebookError
from checker.facts.base import Fact, Facts
from checker.rulebook import check_param_value
from checker.ruletypes import schema, template
from checker.ruletypes.conditions import compare


@pytest.mark.parametrize("left,op,right,expected", [
    (5, "<", 10, True), (10.0, "==", 10, True), (10, ">", 10, False), ("10", ">", 5, False),
    (None, "<", 5, False), (True, ">", 0, False), ("PA2023", "==", "PA2023", True), ("a", "!=", "b", True),
    ("2026-02-01", ">=", "2026-01-01", True), (dt.date(2025, 12, 31), ">=", "2026-01-01", False),
    ("1 Feb 2026", ">=", "2026-01-01", False),
])
def test_compare(left, op, right, expected):
    assert compare(left, op, right) is expected


def test_param_values_must_match_the_default_kind():
    where = schema.Where("c.yaml", 3)
    assert check_param_value(where, "cap", 500000.5, 663540) == 500000.5
    assert check_param_value(where, "since", dt.date(2026, 1, 1), "2025-02-24") == "2026-01-01"
    for value, default in ((True, 10), ("10", 10), (5, "x"), ("x", ["a"]), (1, False)):
        with pytest.raises(RulebookError) as info:
            check_param_value(where, "p", value, default)
        assert str(info.value).startswith("c.yaml:3: param p must be")


@pytest.mark.parametrize("value,spec,shown", [
    (1200000, "", "1,200,000"), (6.0, "", "6"), (2.456, "", "2.46"), (0.5, "", "0.5"), (None, "", "not stated"),
    (True, "", "yes"), (["a", "b"], "", "a, b"), (2.456, ".1f", "2.5"), ("x", ".1f", "x"),
])
def test_show(value, spec, shown):
    assert template.show(value, spec) == shown


def test_render_resolves_names_and_facts_only():
    facts = Facts([Fact("contract.value_total_gbp", 750000)])
    text = template.render("Worth £{facts[contract.value_total_gbp]}; cap {cap}; ratio {ratio:.1f}{assumption}",
                           {"cap": 663540, "ratio": 1.1304}, facts)
    assert text == "Worth £750,000; cap 663,540; ratio 1.1"


@pytest.mark.parametrize("message,fragment", [
    ("{value.__class__}", "unknown placeholder"), ("{facts[x]}", "unknown placeholder"), ("{0}", "unknown"),
    ("{value!r}", "conversion !r"), ("{value:{cap}}", "nested fields"), ("{ratio}", "unknown placeholder {ratio}"),
    ("{value", "bad template"),
])
def test_validate_rejects(message, fragment):
    with pytest.raises(RulebookError) as info:
        template.validate(schema.Where("r.yaml", 7), message, {"value", "cap"})
    assert fragment in str(info.value) and info.value.line == 7
