"""checker.safeyaml reads a file from libyaml's events when it can and in pure Python otherwise: both give the
same values and the same line of every key and item, and everything the loader refuses is left to the
pure-Python path, so errors and their lines never depend on which parser ran."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import safeyaml
from checker.errors import RulebookError

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*(ROOT / "rules").rglob("*.yaml"), *(ROOT / "checker" / "profiles").glob("*.yaml"),
                *(ROOT / "tests" / "engine" / "data").rglob("*.yaml")])

pytestmark = pytest.mark.skipif(safeyaml._CLoader is None, reason="PyYAML without libyaml: one parser only")


def shape(value):
    """value with the lines it remembers, for comparing both parsers' output exactly."""
    if isinstance(value, safeyaml.MDict):
        return ("map", value.line, dict(value.lines), {k: shape(v) for k, v in value.items()})
    if isinstance(value, safeyaml.MList):
        return ("seq", value.line, list(value.lines), [shape(v) for v in value])
    return (type(value).__name__, value)


def test_every_bundled_rule_vocabulary_and_profile_file_reads_the_same_from_both():
    assert len(FILES) > 50
    for path in FILES:
        text = path.read_text(encoding="utf-8-sig")
        assert shape(safeyaml._load_c(text)) == shape(safeyaml._load_python(text, path)), path


SAME = [
    "", "# only a comment\n", "---\na: 1\n...\n", "a: 1\nb: [1, 2, {c: d}]\n", "- x\n- - y\n  - z\n-\n",
    "a:\n  - b: 1\n    c: [x, y]\n  - {d: e}\n", "text: |\n  two\n  lines\nfolded: >\n  one\n  line\n",
    "n: ~\nt: true\nf: no\ni: 0x1f\nfl: 1.5e3\nd: 2026-01-05\nts: 2026-01-05 10:00:00\ns: '007'\n",
    "1: one\n2.5: two\nnull: three\n", "quoted: \"a\\tb \\u00e9\"\nplain: caf\u00e9 \u2014 ok\n",
    "a: {}\nb: []\nc: ''\n", "? complex\n: value\n", "list:\n- a\n- b\nnext: 1\n",
    "a: !!str 1\n",  # a plain-YAML tag: left to the Python path, which allows it
]


@pytest.mark.parametrize("text", SAME)
def test_tricky_but_valid_yaml_reads_the_same(text):
    python = shape(safeyaml._load_python(text, "x.yaml"))
    try:
        c = shape(safeyaml._load_c(text))
    except safeyaml._Fallback:
        c = python  # left to the Python path: load_text gives its result
    assert c == python
    assert shape(safeyaml.load_text(text, "x.yaml")) == python


REFUSED = [
    ("a: &x 1\n", "anchors"), ("a: 1\nb: *x\n", "alias"), ("a: !!python/object:os.system x\n", "tag"),
    ("a: 1\na: 2\n", "duplicate key"), ("a: .nan\n", "non-finite"), ("? [a, b]\n: c\n", "keys must be plain"),
    ("a: 1\n---\nb: 2\n", "another document"), ("a: [1, 2\n", "invalid YAML"), ("a: b: c\n", "invalid YAML"),
    ("a: 'x\u0007'\n", "control character"), ("[" * 100 + "]" * 100, None),
]


@pytest.mark.parametrize("text,fragment", REFUSED)
def test_what_is_refused_is_left_to_the_python_path(text, fragment):
    with pytest.raises(safeyaml._Fallback):
        safeyaml._load_c(text)
    if fragment is None:  # deep nesting: whatever the Python path makes of it
        return
    with pytest.raises(RulebookError) as info:
        safeyaml.load_text(text, "x.yaml")
    assert fragment in str(info.value)
