"""The fact registry (checker/facts/registry.py): every fact the finders write is declared with its unit and type,
the finders run in an order derived from the inputs, a finder writes only its own facts, and docs/facts.md is
generated from it."""

import importlib
import pkgutil
from pathlib import Path

import pytest

import checker.facts
from checker import rulebook
from checker.facts import docs as facts_docs
from checker.facts import find_facts, registry
from checker.facts.base import Fact, Facts
from checker.facts.registry import FactSpec, Fallback, RegistryError
from checker.ruletypes import schema

ROOT = Path(__file__).resolve().parents[2]
# Markdown and DOCX fixtures (the PDFs hold the same kinds of text and take three times as long to read), and
# every bundled rule example. The runner itself refuses an undeclared write, so every other test that finds
# facts (accuracy, holdout, rule examples) enforces registration on its own documents too.
FIXTURE_SUFFIXES = (".md", ".docx")
PY_TYPES = {"number": (int, float), "bool": (bool,), "str": (str,), "list": (list,), "dict": (dict,)}


def _fixture_documents():
    from checker.extract import read_document

    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.suffix in FIXTURE_SUFFIXES and "src" not in path.relative_to(ROOT / "fixtures").parts:
            yield str(path.relative_to(ROOT)), read_document(path)


def _example_documents():
    from checker.extract.text import parse_text

    for rule in rulebook.load().rules:
        for example in rule.examples:
            yield example.case_id, parse_text(example.text, path=f"<{example.case_id}>")


@pytest.fixture(scope="module")
def written():
    """fact name -> [(where, Fact)] for every candidate the finders wrote on the fixtures and rule examples."""
    from checker.api import analyse

    out = {}
    for where, document in (*_fixture_documents(), *_example_documents()):
        facts = analyse(document)[1]
        for name in facts.names():
            out.setdefault(name, []).extend((where, f) for f in facts.all(name))
    return out


def test_the_registry_is_consistent():
    registry.check()
    assert len(registry.FACTS) >= 36
    bad = [s.name for s in registry.FACTS if not schema.FACT_NAME.match(s.name)]
    assert not bad, f"fact names must be dotted lower_snake_case: {bad}"


def test_every_finder_module_is_in_the_registry_and_every_registered_finder_exists():
    modules = {m.name for m in pkgutil.iter_modules(checker.facts.__path__)
               if hasattr(importlib.import_module(f"checker.facts.{m.name}"), "find")}
    assert modules == set(registry.finders()), "checker/facts/* modules with find() vs finders in the registry"


def test_every_fact_written_on_the_fixtures_is_registered_with_its_unit_and_type(written):
    assert len(written) > 20, "the fixtures should exercise most finders"
    problems = []
    for name, found in sorted(written.items()):
        if name not in registry.NAMES:
            problems.append(f"{name}: not registered{registry.suggestion(name)} (first in {found[0][0]})")
            continue
        spec = registry.BY_NAME[name]
        for where, fact in found:
            value_ok = isinstance(fact.value, PY_TYPES[spec.type]) and (
                spec.type == "bool" or not isinstance(fact.value, bool))
            if fact.unit != spec.unit or not value_ok:
                problems.append(f"{name} in {where}: unit {fact.unit!r}, value {fact.value!r}; the registry says "
                                f"unit {spec.unit!r}, type {spec.type}")
                break
    assert not problems, "\n".join(problems)


def test_every_registered_fact_is_written_somewhere(written):
    """A fact no finder writes on any fixture or rule example is dead, or untested: add a fixture or drop it."""
    unused = sorted(registry.NAMES - set(written))
    assert not unused, f"registered but never written on the fixtures or rule examples: {unused}"


def test_finder_order_respects_inputs():
    order = registry.finder_order()
    assert len(order) == len(set(order)) == len(registry.finders())
    position = {finder: i for i, finder in enumerate(order)}
    for spec in registry.FACTS:
        for fb in spec.fallbacks:
            assert position[spec.finder] < position[fb.finder], f"{spec.name}: fallback {fb.finder} runs first"
        readers = [(spec.finder, spec.inputs), *((fb.finder, fb.inputs) for fb in spec.fallbacks)]
        for reader, inputs in readers:
            for name in inputs:
                source = registry.BY_NAME[name]
                writers = [source.finder, *(fb.finder for fb in source.fallbacks)]
                ahead = writers[:writers.index(reader)] if reader in writers else writers
                for writer in ahead:
                    assert position[writer] < position[reader], f"{spec.name} reads {name}, written by {writer}"
    assert order.index("duration") < order.index("value") < order.index("lots") < order.index("selection")
    assert order.index("lots") < order.index("evidence")


def _spec(name, finder, inputs=(), fallbacks=()):
    return FactSpec(name, None, "number", finder, "a test fact", tuple(inputs), fallbacks=tuple(fallbacks))


def test_order_is_derived_from_inputs_not_from_declaration():
    facts = (_spec("c.total", "c", ["b.sum", "a.term"]), _spec("b.sum", "b", ["a.term"]), _spec("a.term", "a"))
    assert registry.order(facts) == ("a", "b", "c")
    independent = (_spec("x.one", "x"), _spec("y.one", "y"))
    assert registry.order(independent) == ("x", "y")  # ties keep registry order


def test_a_fallback_runs_after_the_finder_it_fills_in_for():
    facts = (_spec("v.total", "v", fallbacks=[Fallback("l", ("l.items",))]), _spec("l.items", "l", ["v.total"]),
             _spec("s.turnover", "s", ["v.total"]))
    order = registry.order(facts)
    assert order.index("v") < order.index("l") < order.index("s")


def test_a_cycle_of_inputs_is_an_internal_error():
    facts = (_spec("a.x", "a", ["b.y"]), _spec("b.y", "b", ["a.x"]))
    with pytest.raises(RegistryError, match="cycle: a, b"):
        registry.order(facts)
    with pytest.raises(RegistryError, match="unknown fact 'a.nope'"):
        registry.check((_spec("a.x", "a", ["a.nope"]),), (registry.Section("A", ("a",)),))


def test_find_facts_runs_the_finders_in_registry_order(monkeypatch):
    from checker.extract.text import parse_text
    from checker.nlp.pipeline import annotate

    ran = []

    class Finder:
        def __init__(self, name):
            self.name = name

        def find(self, ctx, facts):
            ran.append(self.name)

    monkeypatch.setattr(checker.facts, "finder_module", Finder)
    document = parse_text("Nothing here.")
    find_facts(document, annotate(document))
    assert tuple(ran) == registry.finder_order()


def test_a_finder_writing_a_fact_it_does_not_own_is_an_internal_error(monkeypatch):
    from checker.extract.text import parse_text
    from checker.nlp.pipeline import annotate

    class Rogue:
        def __init__(self, name):
            self.name = name

        def find(self, ctx, facts):
            if self.name == "timeline":
                facts.add(Fact("lots.count", 3, "count"))

    monkeypatch.setattr(checker.facts, "finder_module", Rogue)
    document = parse_text("Nothing here.")
    with pytest.raises(RegistryError, match="fact finder 'timeline' wrote 'lots.count'"):
        find_facts(document, annotate(document))


def test_ownership_is_checked_only_while_a_finder_runs():
    facts = Facts([Fact("a.b", 1)])  # tests and reports build Facts by hand
    with facts.writing("lots", registry.writable_by("lots")):
        facts.add(Fact("lots.count", 2, "count"))
        facts.add(Fact("contract.value_total_gbp", 10, "GBP"))  # lots is the sum-of-lots fallback
        with pytest.raises(RegistryError, match="not give it"):
            facts.add(Fact("evaluation.price_pct", 40, "%"))
    facts.add(Fact("anything.else", 3))
    assert facts.names() == ["a.b", "anything.else", "contract.value_total_gbp", "lots.count"]


def test_every_fact_a_bundled_rule_reads_is_registered():
    unknown = {(name, r.id) for r in rulebook.load().rules for name in r.facts_read() if name not in registry.NAMES}
    assert not unknown


def test_docs_facts_md_is_current():
    current = facts_docs.DOCS_PATH.read_text(encoding="utf-8")
    assert current == facts_docs.render_markdown(), "docs/facts.md is stale: run `python -m checker.facts.docs --write`"
    for spec in registry.FACTS:
        assert f"| `{spec.name}` |" in current


def test_fixture_labels_name_only_registered_facts():
    """A label naming an unregistered fact would score nothing and pass silently."""
    import yaml

    unknown = []
    for path in sorted((ROOT / "fixtures").rglob("*.expected.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        names = [*(data.get("facts") or {}), *(data.get("absent") or []), *(data.get("conflicts") or {})]
        unknown += [f"{path.relative_to(ROOT)}: {n}{registry.suggestion(n)}" for n in names if n not in registry.NAMES]
    assert not unknown, "\n".join(unknown)
