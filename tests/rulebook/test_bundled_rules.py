"""The bundled rulebook: every rule is complete, docs/rules.md is current, and every example runs as a case.

`pytest -k KIL-2.2` runs one rule's examples; ids are <RULE-ID>-pass-0, <RULE-ID>-fail-1, ...
"""

import re
from pathlib import Path

import pytest

from checker import rulebook, rulebook_docs, ruletest
from checker.errors import RulebookError


def _load():
    try:
        return rulebook.load(), None
    except RulebookError as exc:
        return None, exc


BOOK, LOAD_ERROR = _load()
RULES = BOOK.rules if BOOK else []
CASES = [(rule, example) for rule in RULES for example in rule.examples]


def test_bundled_rulebook_loads_and_compiles():
    assert LOAD_ERROR is None, str(LOAD_ERROR)
    BOOK.compile()
    assert len(BOOK.rules) >= 30 and BOOK.name == "keep-it-local"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_complete(rule):
    assert rule.title and rule.message and rule.rationale and rule.fix
    assert rule.citations and all(c["title"] and c["year"] for c in rule.citations)
    kinds = [e.kind for e in rule.examples]
    assert "pass" in kinds and "fail" in kinds, f"{rule.id} needs at least one pass and one fail example"
    assert Path(rule.path).stem == rule.id


def test_every_fact_a_rule_reads_is_documented_in_facts_md():
    """A misspelt fact name would make a rule silently never apply; docs/facts.md is the finders' contract."""
    facts_md = Path(rulebook_docs.DOCS_PATH).parent / "facts.md"
    rows = re.findall(r"^\| `([a-z_]+(?:\.[a-z0-9_]+)+)`", facts_md.read_text(encoding="utf-8"), re.MULTILINE)
    documented = set(rows)
    unknown = {(name, rule.id) for rule in RULES for name in rule.facts_read() if name not in documented}
    assert not unknown, f"rules read facts that docs/facts.md does not list: {sorted(unknown)}"


def test_docs_rules_md_is_current():
    assert LOAD_ERROR is None, str(LOAD_ERROR)
    current = rulebook_docs.DOCS_PATH.read_text(encoding="utf-8")
    assert current == rulebook_docs.render_markdown(BOOK), (
        "docs/rules.md is stale: run `python -m checker.rulebook_docs --write`")


def test_every_rule_and_step_is_in_the_docs():
    text = rulebook_docs.DOCS_PATH.read_text(encoding="utf-8")
    for rule in RULES:
        assert f"### {rule.id}" in text


@pytest.mark.parametrize("rule,example", CASES, ids=[e.case_id for _, e in CASES])
def test_rule_example(rule, example):
    result = ruletest.run_example(BOOK, rule, example)
    assert result.ok, f"{example.case_id}: {result.detail}\n--- example ---\n{example.text}"
