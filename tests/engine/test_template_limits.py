"""Message templates take only bounded standard format specs, refused at rulebook load naming the rule file,
so a rule cannot make rendering allocate gigabytes (`{count:>1400000000}`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker import rulebook
from checker.errors import RulebookError
from checker.ruletypes import schema, template

MINI = Path(__file__).resolve().parent / "data" / "mini"
RULE = "T-5.1-codesign"


@pytest.mark.parametrize("spec,fragment", [
    (">1400000000", "width 1400000000 is over the limit of 100"), (".1000000f", "precision 1000000 is over"),
    ("0101d", "width 101"), ("x^99999999999999999999", "width"), ("abc", "not a standard format spec"),
])
def test_validate_refuses_unbounded_or_odd_specs(spec, fragment):
    with pytest.raises(RulebookError) as info:
        template.validate(schema.Where("r.yaml", 7), f"{{value:{spec}}}", {"value"})
    assert fragment in str(info.value) and info.value.line == 7


@pytest.mark.parametrize("spec", [",.0f", ".1f", ">8", "*^20", ".2%", "+,d", "100", ",.100f"])
def test_ordinary_specs_still_pass(spec):
    template.validate(schema.Where("r.yaml", 7), f"{{value:{spec}}}", {"value"})


def test_render_ignores_an_unbounded_spec_even_unvalidated():
    assert template.render("{value:>1400000000}", {"value": 5}, None) == "5"
    assert template.show(2.456, ".1f") == "2.5"


def test_rulebook_load_names_the_rule_file_and_line(tmp_path):
    folder = tmp_path / "book"
    shutil.copytree(MINI, folder)
    path = folder / f"{RULE}.yaml"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("({count} of", "({count:>1400000000} of"), encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        rulebook.load(str(folder))
    assert info.value.path == str(path) and info.value.line == 10
    assert "placeholder {count}: format spec '>1400000000': width 1400000000 is over the limit" in str(info.value)
