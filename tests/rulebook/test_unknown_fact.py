"""A rulebook naming a fact the registry does not declare is a RulebookError at file:line with the nearest
known names, wherever the name appears: conditions, rule-type options and message templates."""

import shutil
from pathlib import Path

import pytest

from checker import rulebook
from checker.errors import RulebookError
from tests.rulebook.test_rulebook_errors import RULE, _book, _error, load_cli

BUNDLED = Path(__file__).resolve().parents[2] / "rules" / "keep-it-local"

THRESHOLD = """id: T-5.1-codesign
step: 5
title: Social value weight
type: threshold
severity: warning
options:
  fact: evaluation.social_value_pc
  op: ">="
  param: min_sv
params:
  min_sv: 10
message: "Social value is {value}%."
rationale: Social value should carry weight.
citations:
  - {title: "How to Keep it Local", section: Step 2, year: 2017}
fix: Weight social value at 10% or more.
examples:
  pass: ["Social value 10%."]
"""

RATIO = THRESHOLD.replace("type: threshold", "type: ratio").replace(
    "  fact: evaluation.social_value_pc\n",
    "  numerator: selection.min_turnover_gbp\n  denominator: contract.value_anual_gbp\n")

COMPOSITE = THRESHOLD.replace("type: threshold", "type: composite").replace(
    '  fact: evaluation.social_value_pc\n  op: ">="\n  param: min_sv\n',
    "  fire_when: {all: [{present: lots.count}, {absent: lots.reasons_not_divided}]}\n"
    "  location_fact: lots.count\n")

CASES = [
    # (id, old, new, line, unknown name, suggestion)
    ("applies-when-absent", "severity: warning\n", "severity: warning\napplies_when: {absent: evidence.plase}\n", 6,
     "evidence.plase", "(did you mean evidence.place?)"),
    ("applies-when-present", "severity: warning\n", "severity: warning\napplies_when: {present: lots.cont}\n", 6,
     "lots.cont", "(did you mean lots.count?)"),
    ("applies-when-compare", "severity: warning\n",
     "severity: warning\napplies_when:\n  fact: contract.value_total\n  op: '>'\n  value: 1\n", 7,
     "contract.value_total", "did you mean contract.value_total_gbp"),
    ("nested-condition", "severity: warning\n",
     "severity: warning\napplies_when:\n  any:\n    - {present: lots.count}\n    - not: {absent: evidence.codesign}\n",
     9, "evidence.codesign", "did you mean evidence.co_design?"),
    ("message-placeholder", "by {shared_label}", "by {facts[contract.value_totl_gbp]}", 10,
     "contract.value_totl_gbp", "did you mean contract.value_total_gbp"),
    ("nothing-close", "severity: warning\n", "severity: warning\napplies_when: {absent: weather.forecast}\n", 6,
     "weather.forecast", "docs/facts.md"),
]


@pytest.mark.parametrize("case_id,old,new,line,name,hint", CASES, ids=[c[0] for c in CASES])
def test_unknown_fact_names_file_line_and_nearest(tmp_path, case_id, old, new, line, name, hint):
    error = _error(_book(tmp_path, old, new))
    assert error.path.endswith(f"{RULE}.yaml") and error.line == line, str(error)
    assert f"unknown fact '{name}'" in str(error) and hint in str(error), str(error)


@pytest.mark.parametrize("text,line,name,hint", [
    (THRESHOLD, 7, "evaluation.social_value_pc", "did you mean evaluation.social_value_pct"),
    (RATIO, 8, "contract.value_anual_gbp", "did you mean contract.value_annual_gbp"),
    (COMPOSITE, 7, "lots.reasons_not_divided", "did you mean lots.reason_not_divided?"),
], ids=["threshold", "ratio", "composite"])
def test_unknown_fact_in_rule_type_options(tmp_path, text, line, name, hint):
    error = _error(_book(tmp_path, text=text))
    assert error.line == line and f"unknown fact '{name}'" in str(error) and hint in str(error), str(error)


def test_misspelt_fact_in_a_bundled_rule_is_caught(tmp_path):
    """The issue's own example: `absent: evidence.plase` used to load and was always true."""
    folder = tmp_path / "kil"
    shutil.copytree(BUNDLED, folder)
    path = folder / "KIL-1.1-local-needs-evidence.yaml"
    source = path.read_text(encoding="utf-8")
    assert "applies_when: {absent: evidence.place}" in source
    path.write_text(source.replace("{absent: evidence.place}", "{absent: evidence.plase}"), encoding="utf-8")
    line = next(i for i, text in enumerate(source.splitlines(), 1) if text.startswith("applies_when:"))
    with pytest.raises(RulebookError) as info:
        rulebook.load(str(folder))
    assert str(info.value) == (f"{path}:{line}: unknown fact 'evidence.plase' (did you mean evidence.place?)")


def test_cli_reports_unknown_fact_on_one_line_exit_2(tmp_path, cli_runner):
    folder = _book(tmp_path, "severity: warning\n", "severity: warning\napplies_when: {absent: evidence.plase}\n")
    result = cli_runner.invoke(load_cli().main, ["rules", "--rulebook", str(folder)])
    assert result.exit_code == 2, result.output
    assert f"{RULE}.yaml:6: unknown fact 'evidence.plase' (did you mean evidence.place?)" in result.stderr
