"""Measure the checker on the held-out labelled set (fixtures/holdout/), written blind by a second author.

The finders and rules were tuned on fixtures/tenders/ and fixtures/excerpts/; this set is for measuring, not
tuning, so its scores are reported and never gated. Definitions are exactly those of the two benches it reuses:

  facts   bench/facts_accuracy.py   per-fact precision and recall (numbers within 1%)
  rules   bench/rulebook_accuracy.py per-step accuracy (with the keyword baseline) and per-rule precision/recall

    .venv/bin/python bench/holdout.py [--root fixtures/holdout] [--verbose]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOLDOUT = ROOT / "fixtures" / "holdout"


def load_bench(name: str):
    """A sibling bench script as a module (bench/ is scripts, not a package; registered for dataclasses)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def fires_by_document(judged) -> list[str]:
    """Per document: the rules expected but not fired (missed) and fired but not expected (extra)."""
    lines = []
    for j in judged:
        missed, extra = sorted(j.label.fires - j.fired), sorted(j.fired - j.label.fires)
        if missed or extra:
            lines.append(f"  {j.label.name}: missed {', '.join(missed) or '-'}; extra {', '.join(extra) or '-'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HOLDOUT, help="labelled folder (default: fixtures/holdout)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every fact miss with its evidence")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    facts_bench, rules_bench = load_bench("facts_accuracy"), load_bench("rulebook_accuracy")

    labels = rules_bench.load_labels(args.root)
    if not labels:
        print(f"no labelled documents (*.expected.yaml) in {args.root}")
        return 1
    tallies, problems = facts_bench.evaluate(args.root)
    judged = rules_bench.judge(labels)

    print(f"Held-out set: {args.root.relative_to(ROOT) if args.root.is_relative_to(ROOT) else args.root}\n")
    print("Facts (precision/recall; numbers within 1%)")
    print(facts_bench.render(tallies, args.verbose))
    for p in problems:
        print(f"note: {p}")
    print("\nSteps and rules")
    sys.stdout.write(rules_bench.render(judged))
    per_doc = fires_by_document(judged)
    if per_doc:
        print("\nRules by document (error/warning):")
        print("\n".join(per_doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
