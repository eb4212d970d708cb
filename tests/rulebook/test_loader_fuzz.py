"""Property tests (hypothesis) over the rulebook loader and the config loader: whatever a rule file or a
.tendercheck.yaml holds (random bytes, random YAML, a valid file with any field replaced by any value, token
patterns of any shape), loading it either succeeds or raises the one error class naming the file; never another
exception. What is valid round-trips: titles, params and limits come back as written. Example counts are
bounded so the file runs in seconds."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import config, rulebook, ruletypes
from checker.api import CheckOptions
from checker.errors import ConfigError, RulebookError
from checker.limits import INTEGER, NAMES
from tests.engine.test_ruletypes import BASE

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SCALARS = (st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(max_size=40) | st.sampled_from(["{count}", "{value:>99999}", "{0}", "{", "}", "*", "OP",
                                                   "LOWER", "{1,99}", "error", "warning", "KIL-1.1", "..", "/"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=12) | st.sampled_from(["LOWER", "OP", "phrases", "regex"]),
                                        inner, max_size=4), max_leaves=12)
TOKEN = st.dictionaries(st.sampled_from(["LOWER", "TEXT", "OP", "IS_ALPHA", "LENGTH", "REGEX", "_", "BOGUS"]),
                        st.sampled_from(["lots", "*", "+", "?", "!", "{2}", "{1,3}", "{,20}", "{3,}", "{x}", True,
                                         5, {"IN": ["a", "b"]}, {"REGEX": "a+"}, {">=": 3}]), max_size=3)
RULE_FIELDS = [*rulebook.RULE_FIELDS, "bogus"]
# text YAML keeps as written: no control characters (refused), no line or paragraph separators (YAML folds them)
PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))


def _rule(**fields) -> dict:
    return {"id": "F-1", "type": "prohibited", "message": "Not good.", **BASE,
            "options": {"phrases": ["divided into lots"]}, **fields}


def _load(text: str | bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "F-1.yaml"
        (path.write_bytes if isinstance(text, bytes) else lambda t: path.write_text(t, encoding="utf-8"))(text)
        try:
            return rulebook.load(folder).compile()
        except RulebookError as exc:
            assert str(exc) and str(exc.path).startswith(folder), exc
            return None


def _dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@FAST
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_as_a_rule_file(raw):
    _load(raw)


@FAST
@given(st.sampled_from(RULE_FIELDS), VALUES)
def test_a_valid_rule_with_one_field_replaced(name, value):
    _load(_dump(_rule(**{name: value})))


@FAST
@given(st.sampled_from(list(ruletypes.REGISTRY)), st.dictionaries(st.sampled_from(
    ["phrases", "patterns", "regex", "fact", "op", "value", "min_matches", "unless", "scope", "window", "vocab",
     "numerator", "denominator", "fire_when", "bogus"]), VALUES, max_size=4))
def test_any_rule_type_with_any_options(kind, options):
    _load(_dump(_rule(type=kind, options=options)))


@FAST
@given(st.lists(st.lists(TOKEN, min_size=1, max_size=12), min_size=1, max_size=3))
def test_token_patterns_of_any_shape(patterns):
    _load(_dump(_rule(options={"patterns": patterns})))


@FAST
@given(st.text(PRINTABLE, min_size=1, max_size=60).filter(str.strip),
       st.dictionaries(st.from_regex(r"\A[a-z][a-z0-9_]{0,20}\Z"),
                       st.integers(-10**12, 10**12) | st.floats(allow_nan=False, allow_infinity=False)
                       | st.text(PRINTABLE, max_size=20) | st.booleans(), max_size=4))
def test_titles_and_params_round_trip(title, params):
    book = _load(_dump(_rule(title=title, params=params)))
    if book is None:  # only a title YAML cannot hold as plain text may be refused
        return
    rule = book.get("F-1")
    assert rule.title == " ".join(title.split())
    assert rule.params == params


# -- config -----------------------------------------------------------------------------------------------------

CONFIG_KEYS = [*config.CONFIG_FIELDS, "bogus"]


def _load_config(text: str | bytes, **options):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ".tendercheck.yaml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        try:
            return config.load(CheckOptions(config_path=str(path), **options))
        except (ConfigError, RulebookError) as exc:
            assert str(exc), exc
            return None


@FAST
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_as_a_config(raw):
    _load_config(raw)


@FAST
@given(st.dictionaries(st.sampled_from(CONFIG_KEYS), VALUES, max_size=3))
def test_any_settings(data):
    _load_config(_dump(data))


@FAST
@given(st.dictionaries(st.sampled_from(["max_lot_value_gbp", "max_price_pct", "check_non_tenders", "bogus"]), VALUES,
                       max_size=3), st.dictionaries(st.sampled_from([*NAMES, "bogus"]), VALUES, max_size=3))
def test_any_params_and_limits_on_the_command_line(params, limits):
    _load_config("fail_on: error\n", params=params, limits=limits)


@FAST
@given(st.integers(1, 10**9), st.dictionaries(st.sampled_from(NAMES), st.integers(0, 10**6)
                                               | st.floats(0, 1e6, allow_nan=False), max_size=4))
def test_params_and_limits_round_trip(cap, limits):
    cfg = _load_config(_dump({"params": {"max_lot_value_gbp": cap}, "limits": limits}))
    integral = all(float(v).is_integer() for k, v in limits.items() if k in INTEGER)
    if not integral:
        assert cfg is None
        return
    assert cfg.params["max_lot_value_gbp"] == cap
    for name, value in limits.items():
        assert math.isclose(getattr(cfg.limits, name), value)


def test_a_nul_in_a_config_file_name_is_an_error_naming_the_line():
    # found by test_any_settings: `pack: "\0"` raised ValueError (embedded null byte) from pathlib, an internal
    # error with no file named; extends and rulebook took the same path
    for text in ('pack: "itt\\0.pdf"\n', 'extends: "base\\0.yaml"\n', 'rulebook: "mine\\0"\n'):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / ".tendercheck.yaml"
            path.write_text("fail_on: error\n" + text, encoding="utf-8")
            try:
                config.load(CheckOptions(config_path=str(path)))
            except ConfigError as exc:
                assert exc.path == str(path) and exc.line == 2 and "holds a control character" in str(exc), exc
            else:
                raise AssertionError(f"{text!r} was accepted")


def test_a_list_or_mapping_where_a_name_belongs_is_an_error_not_a_crash():
    # found by the fuzzers: `type: []`, `step: []` and `OP: {IN: [a, b]}` raised TypeError (unhashable)
    for fields in ({"type": []}, {"step": []}, {"step": {"a": 1}}, {"severity": ["error"]},
                   {"options": {"patterns": [[{"LOWER": "lots", "OP": {"IN": ["a", "b"]}}]]}}):
        assert _load(_dump(_rule(**fields))) is None, fields
