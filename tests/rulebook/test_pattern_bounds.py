"""Token patterns a user rulebook may give are bounded when the rulebook is loaded, before any document is read:
a large {n,m} quantifier, many optional tokens or many `*` wildcards make spaCy's matcher follow exponentially or
polynomially many paths (measured: {1,50} exhausted memory on a 2,000-token block), so each is a RulebookError
naming file:line. The compiled rulebook's matchers are bounded in total too."""

from __future__ import annotations

import time

import pytest
import yaml

from checker import rulebook, vocab
from checker.errors import RulebookError
from tests.engine.test_ruletypes import BASE, judge, make_rule
from tests.hostile.helpers import assert_clean, good_file, hashes, run_cli


def _tokens(n, **token):
    return [dict(token) for _ in range(n)]


def _refused(tmp_path, pattern) -> RulebookError:
    with pytest.raises(RulebookError) as info:
        make_rule(tmp_path, "prohibited", {"patterns": [pattern]})
    error = info.value
    assert error.path == str(tmp_path / "book" / "T-1.yaml") and error.line is not None
    return error


@pytest.mark.parametrize("op", ["{1,100000}", "{100000}", "{11,}", "{,11}", "{1," + "9" * 40 + "}"])
def test_a_large_quantifier_is_refused_at_load(tmp_path, op):
    error = _refused(tmp_path, [{"LOWER": "lots", "OP": op}])
    assert f"OP {op} repeats a token more than 10 times" in str(error)


@pytest.mark.parametrize("op", ["{x}", "{,}", "{1,2,3}", "{-1}", "{2,1}"])
def test_a_malformed_quantifier_is_refused(tmp_path, op):
    assert "OP" in str(_refused(tmp_path, [{"LOWER": "lots", "OP": op}]))


def test_thirty_five_wildcards_are_refused(tmp_path):
    error = _refused(tmp_path, [*_tokens(35, OP="*"), {"LOWER": "lots"}])
    assert "has 35 unbounded repeats" in str(error) and "the limit is 2" in str(error)


def test_optional_tokens_and_quantifier_copies_count_together(tmp_path):
    error = _refused(tmp_path, [{"LOWER": "a", "OP": "{1,5}"}, *_tokens(5, LOWER="b", OP="?")])
    assert "has 9 optional tokens" in str(error)


def test_a_pattern_longer_than_forty_expanded_tokens_is_refused(tmp_path):
    assert "41 tokens once its quantifiers are expanded" in str(
        _refused(tmp_path, [*_tokens(4, LOWER="a", OP="{10}"), {"LOWER": "b"}]))


def test_patterns_within_the_bounds_load_and_match(tmp_path):
    pattern = [{"LOWER": "divided"}, {"OP": "*"}, {"LOWER": "into"}, {"IS_ALPHA": True, "OP": "{,3}"},
               {"LOWER": "lots"}, *_tokens(5, IS_PUNCT=True, OP="?")]
    book, rule = make_rule(tmp_path, "prohibited", {"patterns": [pattern]})
    assert len(judge(book, rule, "The work is divided into three separate lots.")[1]) == 1
    assert judge(book, rule, "The work is one contract.")[1] == []


def test_the_compiled_rulebook_is_bounded_in_total(tmp_path):
    folder = tmp_path / "book"
    folder.mkdir()
    for i in range(11):  # 11 rules of 2,000 phrases (each list within its own limit): 22,000 > 20,000
        data = {"id": f"T-{i}", "type": "prohibited", "message": "Not good.", **BASE,
                "options": {"phrases": [f"phrase {i} {j}" for j in range(2000)]}}
        (folder / f"T-{i}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        rulebook.load(str(folder))
    assert "the limit is 20,000" in str(info.value) and info.value.path.endswith(".yaml")


def test_a_vocabulary_file_is_bounded_the_same_way(tmp_path):
    path = tmp_path / "lots.yaml"
    path.write_text("description: lots\npatterns:\n  - [{LOWER: lots, OP: '{1,1000}'}]\n", encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        vocab.load_file(path)
    assert info.value.path == str(path) and info.value.line == 3 and "more than 10 times" in str(info.value)


def test_cli_catastrophic_pattern_is_one_line_quickly(tmp_path):
    make_rule(tmp_path / "ok", "prohibited", {"phrases": ["lots"]})
    folder = tmp_path / "ok" / "book"
    rule = folder / "T-1.yaml"
    data = yaml.safe_load(rule.read_text(encoding="utf-8"))
    data["options"] = {"patterns": [[{"LOWER": "a", "OP": "{1,1000000}"}]]}
    rule.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    good = good_file(tmp_path)
    before = hashes(tmp_path)
    started = time.monotonic()
    result = run_cli("check", "--rulebook", folder, good)
    assert time.monotonic() - started < 60
    assert result.returncode == 2
    assert_clean(result)
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"tendercheck: error: {rule}:") and "more than 10 times" in line
    assert hashes(tmp_path) == before
