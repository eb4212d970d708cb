"""Labelled evaluation: the rulebook's five-step scorecard on the fixture tenders must be right at least 90% of
the time on every step and beat a naive keyword baseline. Figures and failures: bench/rulebook_accuracy.py."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MIN_STEP_ACCURACY = 0.9


def _bench():
    spec = importlib.util.spec_from_file_location("rulebook_accuracy", ROOT / "bench" / "rulebook_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


bench = _bench()


@pytest.fixture(scope="module")
def judged():
    labels = bench.load_labels()
    if not labels:
        pytest.fail("no labelled fixtures (fixtures/tenders/*.expected.yaml): the evaluation has nothing to run on")
    return bench.judge(labels)


def test_labels_name_only_error_or_warning_rules_that_exist(judged):
    known = bench.error_warning_rules()
    unknown = {rule for j in judged for rule in j.label.fires} - known
    assert not unknown, f"labels list rules that are not error/warning rules of the bundled rulebook: {unknown}"


@pytest.mark.parametrize("step", bench.STEPS)
def test_step_accuracy(judged, step):
    accuracy = bench.step_accuracy(judged)[step]
    wrong = [w for w in bench.mismatches(judged) if f": step {step} " in w]
    assert accuracy >= MIN_STEP_ACCURACY, f"step {step} accuracy {accuracy:.2f}:\n" + "\n".join(wrong)


def test_rulebook_beats_keyword_baseline(judged):
    rulebook = bench.step_accuracy(judged)["all"]
    baseline = bench.step_accuracy(judged, "baseline")["all"]
    assert rulebook > baseline, f"rulebook {rulebook:.2f} does not beat the keyword baseline {baseline:.2f}"


def test_baseline_reads_key_phrases_as_whole_words():
    verdict = bench.baseline_steps("Lots 1 and 2. Our pilot slot allotment; social values; locally")
    assert verdict[4] == "pass"
    assert verdict[2] == "pass"
    assert verdict[1] == "barrier"  # "locally" is not the word "local"
    assert bench.baseline_steps("A pilot in one slot.")[4] == "barrier"


def test_rule_scores_count_hits_misses_and_false_alarms():
    lab = bench.Labelled("a", Path("a.pdf"), dict.fromkeys(bench.STEPS, "pass"), {"R1", "R2"})
    other = bench.Labelled("b", Path("b.pdf"), dict.fromkeys(bench.STEPS, "pass"), set())
    judged = [bench.Judged(lab, lab.steps, {"R1"}, lab.steps), bench.Judged(other, other.steps, {"R1"}, other.steps)]
    scores = bench.rule_scores(judged, {"R1", "R2"})
    assert scores["R1"]["precision"] == 0.5 and scores["R1"]["recall"] == 1.0
    assert scores["R2"]["recall"] == 0.0 and scores["R2"]["precision"] is None
