"""Score the checker against the hand labels of the real UK tenders in ../shared/corpus/uk/labels.yaml.

The labels were written by reading each document before any tool ran on it; their conventions are at the top of
labels.yaml and what each step label means is in ../shared/corpus/uk/README.md. Measured, as a new user meets it:

  steps     per-step agreement on the certain step labels (label ok = checker pass; a checker `review` or `n/a`
            agrees with neither), with the confusions
  facts     the key facts (weightings, lots, lot and contract values, maximum duration) on certain labels:
              found     stated facts (non-null label) the checker reports with the right value (numbers within 1%)
              right     per document, every certain key fact right: the value where the document states one,
                        nothing where it does not (a null label)
A document the checker refuses (an input error) finds nothing and agrees with no step.

    .venv/bin/python bench/real_accuracy.py [--corpus ../shared/corpus/uk] [--verbose]

tests/bench/test_real_accuracy.py fails when a figure falls below the floor committed in FLOORS.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "uk"
TOLERANCE = 0.01

# label field -> the fact that states it (docs/facts.md)
KEY_FACTS = {
    "social_value_weighting_pct": "evaluation.social_value_pct",
    "price_weighting_pct": "evaluation.price_pct",
    "quality_weighting_pct": "evaluation.quality_pct",
    "lots": "lots.count",
    "largest_lot_value_gbp": "lots.max_value_gbp",
    "total_value_gbp": "contract.value_total_gbp",
    "duration_months_max": "contract.duration_months_max",
}
STEPS = {"1": "1_place_based", "2": "2_social_value", "3": "3_community_capacity",
         "4": "4_maximum_contract_value", "5": "5_co_design"}
STATUS = {"ok": "pass", "barrier": "barrier"}

# the committed floor: tests/bench/test_real_accuracy.py fails below it (raise it as the checker improves)
FLOORS = {"steps": 0.9, "facts_found": 0.92, "documents_right": 0.9}


@dataclass
class Scores:
    step_agree: int = 0
    step_total: int = 0
    found: int = 0
    stated: int = 0
    documents_right: int = 0
    documents: int = 0
    confusions: dict = field(default_factory=dict)  # (step, label, got) -> count
    misses: list[str] = field(default_factory=list)

    def ratios(self) -> dict:
        return {"steps": _ratio(self.step_agree, self.step_total), "facts_found": _ratio(self.found, self.stated),
                "documents_right": _ratio(self.documents_right, self.documents)}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def load_labels(corpus: Path) -> list[dict]:
    import yaml

    with open(corpus / "labels.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)["documents"]


def uncertain_fields(label: dict) -> set[str]:
    """Fields and steps a careful second reader might label differently: not scored."""
    names = set(label.get("uncertain") or ())
    for key, step in (label.get("steps") or {}).items():
        if isinstance(step, dict) and step.get("uncertain"):
            names.add(f"step_{key}")
    return names


def same(found, expected) -> bool:
    if expected is None:
        return found is None
    if isinstance(found, bool) or not isinstance(found, (int, float)):
        return False
    return abs(found - expected) <= TOLERANCE * max(abs(expected), 1e-9)


def check_all(paths: list[Path]):
    """path -> DocumentResult, or the input error's message."""
    from checker.api import check

    report = check([str(p) for p in paths])
    results = {Path(r.document.path).name: r for r in report.documents}
    for problem in report.errors:
        results.setdefault(Path(problem.path).name, f"{problem.code}: {problem.message}")
    return results


def score(corpus: Path) -> Scores:
    labels = load_labels(corpus)
    results = check_all([corpus / label["file"] for label in labels])
    scores = Scores()
    for label in labels:
        name, unsure = label["file"], uncertain_fields(label)
        result = results.get(name, "not checked")
        refused = isinstance(result, str)
        if refused:
            scores.misses.append(f"{name}: refused ({result})")
        document_right = True
        for field_name, fact_name in KEY_FACTS.items():
            if field_name in unsure or field_name not in label:
                continue
            expected = label[field_name]
            got = None if refused else result.facts.value(fact_name)
            right = same(got, expected)
            if expected is not None:
                scores.stated += 1
                scores.found += right
            if not right:
                document_right = False
                scores.misses.append(f"{name}: {fact_name} expected {expected}, got {got}")
        scores.documents += 1
        scores.documents_right += document_right
        for key, step_key in STEPS.items():
            step = (label.get("steps") or {}).get(step_key)
            if not step or f"step_{step_key}" in unsure:
                continue
            expected = STATUS[step["status"]]
            got = "refused" if refused else result.steps.get(int(key), "n/a")
            scores.step_total += 1
            scores.step_agree += got == expected
            if got != expected:
                scores.confusions[(key, expected, got)] = scores.confusions.get((key, expected, got), 0) + 1
                scores.misses.append(f"{name}: step {key} expected {expected}, got {got}")
    return scores


def render(scores: Scores, verbose: bool) -> str:
    r = scores.ratios()
    lines = [
        f"steps agree      {scores.step_agree}/{scores.step_total} = {r['steps']:.2f}",
        f"facts found      {scores.found}/{scores.stated} = {r['facts_found']:.2f}",
        f"documents right  {scores.documents_right}/{scores.documents} = {r['documents_right']:.2f}",
        "confusions (step: label -> checker):",
    ]
    for (step, expected, got), n in sorted(scores.confusions.items()):
        lines.append(f"  step {step}: {expected} -> {got}  x{n}")
    if verbose:
        lines.append("misses:")
        lines.extend(f"  {m}" for m in scores.misses)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if not (args.corpus / "labels.yaml").is_file():
        print(f"no labels.yaml in {args.corpus}")
        return 1
    sys.path.insert(0, str(ROOT))
    print(render(score(args.corpus), args.verbose), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
