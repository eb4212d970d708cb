"""Every class of rulebook error is one RulebookError naming file:line (and the allowed values for enums),
and the CLI turns it into one line on stderr with exit code 2."""

import importlib.util
import shutil
from pathlib import Path

import pytest

from checker import rulebook
from checker.errors import RulebookError

MINI = Path(__file__).resolve().parents[1] / "engine" / "data" / "mini"
RULE = "T-5.1-codesign"


def load_cli():
    """The top-level cli.py by path: under pytest the tests/cli package would shadow `import cli`."""
    spec = importlib.util.spec_from_file_location("tendercheck_cli", MINI.parents[3] / "cli.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _book(tmp_path, old=None, new=None, name=RULE, text=None):
    """A copy of the mini rulebook with one edit in the T-5.1 rule file (or its whole text replaced)."""
    folder = tmp_path / "book"
    shutil.copytree(MINI, folder)
    path = folder / f"{name}.yaml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    elif old is not None:
        source = path.read_text(encoding="utf-8")
        assert old in source, old
        path.write_text(source.replace(old, new, 1), encoding="utf-8")
    return folder


def _error(folder) -> RulebookError:
    with pytest.raises(RulebookError) as info:
        rulebook.load(str(folder))
    return info.value


CASES = [
    # (id, old, new, line, fragments)
    ("unknown-key", "severity: warning\n", "severity: warning\nseverty: error\n", 6, ["unknown key 'severty'",
                                                                                    "allowed:"]),
    ("bad-severity", "severity: warning", "severity: fatal", 5, ["severity must be one of error, warning, info",
                                                                 "'fatal'"]),
    ("bad-step", "step: 5", "step: 9", 2, ["step must be one of 1, 2, 3, 4, 5"]),
    ("step-as-text", "step: 5", "step: five", 2, ["step must be one of"]),
    ("unknown-type", "type: evidence", "type: evidense", 4, ["unknown rule type 'evidense'", "did you mean 'evidence'",
                                                             "allowed: evidence, prohibited, threshold, ratio, composite"]),
    ("wrong-type-title", "title: Local people helped design the service", "title: [a, b]", 3,
     ["title must be non-empty text"]),
    ("missing-citation", "citations:\n  - {title: \"How to Keep it Local\", section: Step 5, year: 2017}\n", "", 1,
     ["missing required key 'citations'"]),
    ("empty-citations", "  - {title: \"How to Keep it Local\", section: Step 5, year: 2017}\n", "  []\n", 12,
     ["at least one citation"]),
    ("citation-without-year", "section: Step 5, year: 2017}", "section: Step 5}", 13, ["missing required key 'year'"]),
    ("bad-option", "  min_matches: 1\n", "  min_matches: 1\n  minimum: 2\n", 10, ["unknown key 'minimum'",
                                                                                "options for type evidence"]),
    ("bad-option-value", "  min_matches: 1", "  min_matches: lots", 9, ["min_matches must be a whole number"]),
    ("no-phrases", ("  phrases: [co-design, co-designed, co-production, co-produced]\n"
                   "  regex: ['(?i)lived experience (panel|group)s?']\n"), "", 7,
     ["give at least one of phrases, patterns, regex"]),
    ("bad-scope", "  min_matches: 1", "  min_matches: 1\n  scope: [paragraph, sidebar]", 10,
     ["scope item must be one of heading, paragraph"]),
    ("unknown-placeholder", "by {shared_label}", "by {author}", 10, ["unknown placeholder {author}", "allowed:"]),
    ("attribute-placeholder", "by {shared_label}", "by {count.__class__}", 10, ["unknown placeholder"]),
    ("bad-template", "by {shared_label}", "by {shared_label", 10, ["bad template"]),
    ("id-characters", "id: T-5.1-codesign", "id: T 5.1 <codesign>", 1, ["may hold only letters, digits"]),
    ("id-not-stem", "id: T-5.1-codesign", "id: T-5.1-other", 1, ["must equal the file name stem"]),
    ("bad-param-default", "severity: warning\n", "severity: warning\nparams:\n  max_x: {a: 1}\n", 7,
     ["param max_x default must be"]),
    ("bad-param-name", "severity: warning\n", "severity: warning\nparams:\n  Max-X: 1\n", 7, ["lower_snake_case"]),
    ("param-conflicts-shared", "severity: warning\n", "severity: warning\nparams:\n  shared_label: other\n", 7,
     ["conflicts with 'the council' in rulebook.yaml"]),
    ("regex-predicate", "  min_matches: 1", "  min_matches: 1\n  patterns: [[{TEXT: {REGEX: '(a+)+$'}}]]", 10,
     ["REGEX predicate is not allowed"]),
    ("nested-regex", "  min_matches: 1", "  min_matches: 1\n  patterns: [[{_: {kind: {REGEX: x}}}]]", 10,
     ["REGEX predicate is not allowed"]),
    ("fuzzy-regex", "  min_matches: 1", "  min_matches: 1\n  patterns: [[{TEXT: {FUZZY: {REGEX: x}}}]]", 10,
     ["REGEX predicate is not allowed"]),
    ("bad-predicate", "  min_matches: 1", "  min_matches: 1\n  patterns: [[{LOWER: {LIKE: x}}]]", 10,
     ["unknown predicate 'LIKE'", "FUZZY1-9"]),
    ("bad-token-attr", "  min_matches: 1", "  min_matches: 1\n  patterns: [[{WORD: x}]]", 10,
     ["unknown token attribute 'WORD'"]),
    ("re2-backreference", "'(?i)lived experience (panel|group)s?'", "'(a)\\1'", 8, ["not a valid RE2 expression",
                                                                                   "backreferences"]),
    ("bad-examples", "  pass:\n", "  passes:\n", 16, ["unknown key 'passes' in examples"]),
    ("example-unknown-param", "    - \"A lived experience panel shaped the outcomes.\"",
     "    - {text: \"A lived experience panel.\", params: {nope: 1}}", 18, ["unknown param 'nope'"]),
    ("python-object-tag", "title: Local people helped design the service",
     "title: !!python/object/apply:os.system ['touch /tmp/tendercheck-pwned']", 3, ["tag !!python/object/apply"]),
    ("local-tag", "step: 5", "step: !include other.yaml", 2, ["tag !include is not allowed"]),
    ("anchor", "step: 5", "step: &s 5", 2, ["anchors"]),
    ("duplicate-key", "severity: warning\n", "severity: warning\nseverity: error\n", 6,
     ["duplicate key 'severity' (first at line 5)"]),
    ("invalid-yaml", "step: 5", "step: [5", 3, ["invalid YAML"]),
    ("applies-when-unknown-param", "severity: warning\n",
     "severity: warning\napplies_when: {fact: lots.count, op: '>', param: nope}\n", 6, ["unknown param 'nope'"]),
    ("applies-when-bad-op", "severity: warning\n",
     "severity: warning\napplies_when: {fact: lots.count, op: '=>', value: 1}\n", 6, ["op must be one of <, <="]),
    ("applies-when-two-forms", "severity: warning\n",
     "severity: warning\napplies_when: {present: lots.count, absent: lots.items}\n", 6, ["exactly one of"]),
    ("applies-to-unknown-kind", "severity: warning\n", "severity: warning\napplies_to:\n  kinds: [ITT, pricing]\n", 7,
     ["kinds must be one of ITT, specification, contract terms, pricing schedule, form, notice, addendum, other",
      "'pricing'"]),
    ("applies-to-unknown-key", "severity: warning\n", "severity: warning\napplies_to:\n  kind: [ITT]\n", 7,
     ["unknown key 'kind' in applies_to", "allowed: kinds"]),
    ("applies-to-no-kinds", "severity: warning\n", "severity: warning\napplies_to:\n  kinds: []\n", 7,
     ["kinds must name at least one kind"]),
    ("applies-to-not-a-mapping", "severity: warning\n", "severity: warning\napplies_to: [ITT]\n", 6,
     ["applies_to must be a mapping"]),
]


@pytest.mark.parametrize("case_id,old,new,line,fragments", CASES, ids=[c[0] for c in CASES])
def test_error_names_file_line_and_cause(tmp_path, case_id, old, new, line, fragments):
    folder = _book(tmp_path, old, new)
    error = _error(folder)
    assert error.path.endswith(f"{RULE}.yaml"), error.path
    assert error.line == line, str(error)
    for fragment in fragments:
        assert fragment in str(error), str(error)
    assert "\n" not in str(error)


def test_python_tag_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    folder = _book(tmp_path, "title: Local people helped design the service",
                   f"title: !!python/object/apply:os.system ['touch {marker}']")
    _error(folder)
    assert not marker.exists()


def test_billion_laughs_is_refused_quickly(tmp_path):
    lol = ["a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lol.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    folder = _book(tmp_path, text="\n".join(lol) + "\n")
    error = _error(folder)
    assert error.line == 1 and "anchors" in str(error)


def test_alias_without_anchor_line_is_refused(tmp_path):
    folder = _book(tmp_path, "step: 5", "step: *missing")
    assert "alias" in str(_error(folder)).lower()


def test_huge_file_is_refused_before_parsing(tmp_path):
    folder = _book(tmp_path, text="# " + "x" * 400_000 + "\nid: T-5.1-codesign\n")
    assert "limit" in str(_error(folder))


@pytest.mark.parametrize("text,fragment", [("- a\n- b\n", "not a list"), ("just text\n", "not a string"),
                                           ("", "not empty")])
def test_top_level_must_be_a_mapping(tmp_path, text, fragment):
    error = _error(_book(tmp_path, text=text))
    assert "top level must be a mapping" in str(error) and fragment in str(error)


def test_deep_nesting_is_an_error_not_a_crash(tmp_path):
    folder = _book(tmp_path, text="a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "RulebookError" == type(_error(folder)).__name__


def test_yml_suffix_and_empty_folder(tmp_path):
    folder = _book(tmp_path)
    (folder / "stray.yml").write_text("id: stray\n")
    assert ".yaml suffix" in str(_error(folder))
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no rule files" in str(_error(empty))


def test_unknown_rulebook_names_the_bundled_ones(tmp_path):
    with pytest.raises(RulebookError) as info:
        rulebook.load(str(tmp_path / "nowhere"))
    assert "keep-it-local" in str(info.value)


def test_rulebook_meta_errors(tmp_path):
    folder = _book(tmp_path)
    (folder / "rulebook.yaml").write_text("name: x\nversoin: 1\n")
    error = _error(folder)
    assert error.path.endswith("rulebook.yaml") and error.line == 2 and "unknown key 'versoin'" in str(error)


def test_token_pattern_spacy_rejects_becomes_rulebook_error(tmp_path):
    folder = _book(tmp_path, "  min_matches: 1", "  min_matches: 1\n  patterns: [[{LOWER: {IN: 5}}]]")
    with pytest.raises(RulebookError) as info:
        rulebook.load(str(folder)).compile()
    assert "bad token pattern" in str(info.value) and info.value.line == 10


@pytest.fixture(scope="module")
def cli_main():
    return load_cli().main


@pytest.mark.parametrize("case_id,old,new,line,fragments", CASES, ids=[c[0] for c in CASES])
def test_cli_prints_one_line_and_exits_2(tmp_path, cli_runner, cli_main, case_id, old, new, line, fragments):
    folder = _book(tmp_path, old, new)
    for args in (["rules", "--rulebook", str(folder)], ["test-rules", str(folder)],
                 ["check", "--rulebook", str(folder), str(MINI / "rulebook.yaml")]):
        result = cli_runner.invoke(cli_main, args)
        assert result.exit_code == 2, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert f"{RULE}.yaml:{line}:" in lines[0] and fragments[0] in lines[0]
        assert "Traceback" not in result.output


@pytest.mark.parametrize("text", ["a: &a [1, 2]\nb: *a\n", "- 1\n", "x: 1\nx: 2\n", "# " + "x" * 300_000])
def test_cli_hostile_yaml_is_one_line_exit_2(tmp_path, cli_runner, cli_main, text):
    folder = _book(tmp_path, text=text)
    result = cli_runner.invoke(cli_main, ["test-rules", str(folder)])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert f"{RULE}.yaml" in result.stderr
