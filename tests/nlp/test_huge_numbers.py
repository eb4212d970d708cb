"""A number too long for a float (hundreds of digits) is no quantity. It used to become inf: a term in days then
cost its document with 'OverflowError: cannot convert float infinity to integer' while annotating, and an
amount gave a contract value of inf, which the JSON report wrote as `Infinity` (not JSON). Found by the
property tests in test_parser_properties.py."""

from __future__ import annotations

import json
import math

from checker.nlp import duration, money, numbers, percent
from tests.hostile.helpers import assert_clean, run_cli

HUGE = "9" * 400


def test_the_parsers_skip_a_number_too_long_for_a_float():
    assert duration.find(f"The service runs for {HUGE} days.") == []
    assert duration.find(f"A term of {HUGE}+1 years.") == []
    assert money.find(f"The budget is £{HUGE}.") == []
    assert percent.find(f"Price {HUGE} marks") == []
    assert numbers.parse_number(HUGE) is None
    assert numbers.parse_number("9" * 300) == float("9" * 300)  # long but finite is still a number


def test_a_document_with_such_numbers_is_checked_and_its_report_is_json(tmp_path):
    path = tmp_path / "tender.txt"
    path.write_text(f"The total contract value is £{HUGE} excluding VAT. The contract runs for {HUGE} days.\n"
                    f"Estimated value: {HUGE} GBP\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", path)
    assert_clean(result)
    assert result.returncode in (0, 1), result.stderr

    def refuse(constant):
        raise AssertionError(f"{constant} in the JSON report")

    report = json.loads(result.stdout, parse_constant=refuse)
    (document,) = report["documents"]
    for fact in document["facts"].values():
        value = fact.get("value") if isinstance(fact, dict) else None
        assert not isinstance(value, float) or math.isfinite(value)


def test_json_and_sarif_write_null_for_a_non_finite_number(monkeypatch):
    # the report's own guarantee, whatever a fact finder gives: strict JSON, never NaN or Infinity
    from checker.report import common, sarif
    from checker.report import json as json_report

    class Report:
        def to_dict(self):
            return {"facts": {"a": {"value": float("inf")}, "b": [float("nan"), 1.5]}}

    text = json_report.render(Report())
    assert json.loads(text, parse_constant=lambda c: 1 / 0) == {"facts": {"a": {"value": None}, "b": [None, 1.5]}}
    monkeypatch.setattr(sarif, "to_sarif", lambda report: {"runs": [{"x": -float("inf")}]})
    assert json.loads(sarif.render(object())) == {"runs": [{"x": None}]}
    assert common.finite_json((1.0, "x", {"k": float("nan")})) == [1.0, "x", {"k": None}]
