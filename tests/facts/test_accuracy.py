"""Fact-finder accuracy on the labelled fixtures (fixtures/**/*.expected.yaml), scored by bench/facts_accuracy.py.

Fails when a fact the rulebook leans on hardest falls below 0.9 precision or recall.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GATED = ("evaluation.social_value_pct", "evaluation.price_pct", "lots.count", "lots.max_value_gbp",
         "contract.value_total_gbp", "contract.duration_months_max")
MINIMUM = 0.9


def load_bench():
    """bench/ is scripts, not a package: load bench/facts_accuracy.py by path (registered for dataclasses)."""
    if "facts_accuracy" not in sys.modules:
        spec = importlib.util.spec_from_file_location("facts_accuracy", ROOT / "bench" / "facts_accuracy.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["facts_accuracy"] = module
        spec.loader.exec_module(module)
    return sys.modules["facts_accuracy"]


@pytest.fixture(scope="module")
def tallies():
    bench = load_bench()
    if not bench.label_files(ROOT / "fixtures"):
        pytest.skip("no labelled fixtures (fixtures/**/*.expected.yaml)")
    found, _ = bench.evaluate(ROOT / "fixtures")
    return found, bench


@pytest.mark.parametrize("name", GATED)
def test_precision_and_recall(tallies, name):
    found, _ = tallies
    tally = found.get(name)
    assert tally is not None and tally.tp + tally.fn > 0, f"no labelled value for {name}"
    detail = "\n".join(tally.misses)
    assert tally.precision is not None and tally.precision >= MINIMUM, f"{name} precision\n{detail}"
    assert tally.recall >= MINIMUM, f"{name} recall\n{detail}"


def test_scoring_rules():
    bench = load_bench()
    from checker.facts.base import Fact, Facts

    facts = Facts([Fact("a", 100.5), Fact("b", 7), Fact("c", "quote"), Fact("d", True)])
    tallies = {}
    bench.score_document(facts, {"a": 100, "b": 8, "c": True, "e": 3, "d": False}, ["c"], tallies, "doc")
    assert (tallies["a"].tp, tallies["a"].fp) == (1, 0)  # within 1%
    assert (tallies["b"].tp, tallies["b"].fp, tallies["b"].fn) == (0, 1, 1)  # wrong value
    assert (tallies["c"].tp, tallies["c"].fp) == (1, 1)  # true matches a quote; but listed absent too
    assert tallies["e"].fn == 1  # expected, not found
    assert tallies["d"].fp == 1  # found although labelled false
