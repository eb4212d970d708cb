"""One language layer: each concept's words live once, as data in rules/vocab/, and both the fact finders and
the rules read them there. A phrase list kept both in Python and in rule YAML drifts (each round edited one and
not the other), so these tests look for one written twice, whatever its wording."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHECKER = ROOT / "checker"
RULES = ROOT / "rules"
LIST_FIELDS = ("phrases", "unless")  # the phrase lists of a vocabulary file and of a rule's options
WRITTEN_TWICE = 4  # this many phrases of one YAML list recognised by one Python regex: the list, again


def _yaml_lists() -> dict[str, list[str]]:
    """Every phrase list in rules/: 'file:field' -> phrases."""
    out: dict[str, list[str]] = {}

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in LIST_FIELDS and isinstance(value, list):
                    out[f"{where}:{key}"] = [p for p in value if isinstance(p, str)]
                else:
                    walk(value, where)
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    for path in sorted(RULES.rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), str(path.relative_to(ROOT)))
    return out


def _python_sources():
    for path in sorted(CHECKER.rglob("*.py")):
        yield path.relative_to(ROOT), ast.parse(path.read_text(encoding="utf-8"))


def _python_string_lists():
    """(where, strings) for every list, tuple or set literal of three or more strings in checker/."""
    for where, tree in _python_sources():
        for node in ast.walk(tree):
            if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                strings = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if len(strings) >= 3:
                    yield f"{where}:{node.lineno}", strings


def _python_regexes():
    """(where, compiled) for every re.compile of a literal pattern in checker/, case-insensitive as read."""
    for where, tree in _python_sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "compile" and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                yield f"{where}:{node.lineno}", re.compile(node.args[0].value, re.IGNORECASE)


def _recognised(regex, phrase: str) -> bool:
    """The regex reads (nearly) the whole phrase, not just a word of it."""
    m = regex.search(phrase)
    return bool(m) and m.end() - m.start() >= 0.8 * len(phrase)


LISTS = _yaml_lists()


def test_the_yaml_phrase_lists_are_found():
    """The scan below means something only if it sees the lists: vocabularies and rules' own."""
    assert any(name.startswith("rules/vocab/co_design.yaml") for name in LISTS)
    assert any(name.startswith("rules/keep-it-local/") for name in LISTS)
    assert sum(len(p) for p in LISTS.values()) > 500


def test_no_python_string_list_repeats_a_yaml_phrase():
    phrases = {p.lower().strip(): name for name, found in LISTS.items() for p in found if " " in p.strip()}
    repeated = [(where, s, phrases[s.lower().strip()]) for where, strings in _python_string_lists()
                for s in strings if s.lower().strip() in phrases]
    assert not repeated, f"phrases kept in Python and in rule YAML (move them to rules/vocab): {repeated[:10]}"


def test_no_python_regex_is_a_yaml_phrase_list_written_again():
    every_phrase = [p for found in LISTS.values() for p in found]
    twice = []
    for where, regex in _python_regexes():
        if sum(_recognised(regex, p) for p in every_phrase) > len(every_phrase) / 2:
            continue  # reads any text (a word or line shape), so it is no one concept's vocabulary
        for name, phrases in LISTS.items():
            hits = [p for p in phrases if " " in p and _recognised(regex, p)]
            if len(hits) >= min(WRITTEN_TWICE, len(phrases)):
                twice.append(f"{where} recognises {len(hits)} phrases of {name}, e.g. {hits[:3]}")
    assert not twice, "a phrase list written twice, in Python and in rule YAML:\n" + "\n".join(twice)


def test_the_scan_would_catch_a_list_written_again():
    """A Python regex made of a vocabulary's own phrases is caught by the check above."""
    phrases = next(p for name, p in LISTS.items() if name.startswith("rules/vocab/price_only.yaml:phrases"))
    copied = re.compile("|".join(re.escape(p) for p in phrases[:6]), re.IGNORECASE)
    assert sum(" " in p and _recognised(copied, p) for p in phrases) >= WRITTEN_TWICE


def _vocabulary_names_read() -> set[str]:
    """Vocabulary names that a rule (`vocab: name`) or the Python (a string constant naming one) reads."""
    read = set()
    for path in RULES.rglob("*.yaml"):
        read.update(re.findall(r"^\s*vocab:\s*([a-z_]+)\s*$", path.read_text(encoding="utf-8"), re.MULTILINE))
    for _, tree in _python_sources():
        read.update(node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                    and isinstance(node.value, str) and re.fullmatch(r"[a-z_]+", node.value))
    return read


@pytest.mark.parametrize("path", sorted((RULES / "vocab").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_vocabulary_is_read_and_says_by_whom(path):
    assert path.stem in _vocabulary_names_read(), f"{path.name} is read by no rule or fact finder"
    head = path.read_text(encoding="utf-8").split("\ndescription:")[0]
    assert "Read by:" in head, "the file's opening comment says which facts and rules read it"
