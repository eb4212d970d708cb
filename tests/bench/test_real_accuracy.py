"""The checker on the hand-labelled real UK tenders (../shared/corpus/uk) does not fall below its committed floor.

bench/real_accuracy.py does the scoring; this test only holds the figures to bench.real_accuracy.FLOORS, so a
change that loses a real document's facts or step verdicts fails here, not months later on a user's tender."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import ROOT


def load_bench():
    spec = importlib.util.spec_from_file_location("real_accuracy", ROOT / "bench" / "real_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["real_accuracy"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured(request):
    bench = load_bench()
    if not (bench.CORPUS / "labels.yaml").is_file():
        pytest.skip(f"{bench.CORPUS} not present (a user's own clone); the real-tender floor needs it")
    return bench, bench.score(bench.CORPUS)


@pytest.mark.parametrize("figure", ["steps", "facts_found", "documents_right"])
def test_real_tenders_score_at_least_the_committed_floor(measured, figure):
    bench, scores = measured
    got = scores.ratios()[figure]
    assert got >= bench.FLOORS[figure] - 1e-9, (
        f"{figure} fell to {got:.2f} (floor {bench.FLOORS[figure]:.2f}):\n" + bench.render(scores, verbose=True))


def test_the_labels_name_only_fields_the_bench_knows():
    bench = load_bench()
    if not (bench.CORPUS / "labels.yaml").is_file():
        pytest.skip(f"{bench.CORPUS} not present (a user's own clone)")
    for label in bench.load_labels(bench.CORPUS):
        assert set(bench.KEY_FACTS) <= set(label), label["file"]
        assert set(bench.STEPS.values()) == set(label["steps"]), label["file"]
