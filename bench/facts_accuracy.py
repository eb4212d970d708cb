"""Per-fact precision and recall of the fact finders on the labelled fixtures.

Reads every fixtures/**/<name>.expected.yaml (its `document:` key, or <name>.pdf|docx|md|txt beside it), runs
extraction and fact finding, and compares the primary value of each fact with the label:

  true positive   found, and equal to the expected value (numbers within 1%; `true` matches any truthy value)
  false positive  found with a different value, or found although the label says `false`/null or lists the
                  fact under `absent:`
  false negative  expected (a value other than false/null) but not found, or found with a different value
Facts a label file does not mention are not judged. A label's `conflicts: {name: [v1, v2]}` is met when the
document's candidates for that name are exactly those values (a row "<name> (conflict)").

    .venv/bin/python bench/facts_accuracy.py [--root fixtures] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC_SUFFIXES = (".pdf", ".docx", ".md", ".txt", ".json")
TOLERANCE = 0.01


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


# fixtures/holdout*/: measured only by bench/holdout.py, never tuned on or gated
HELD_OUT = {"holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8",
            "holdout9", "holdout10"}


def label_files(root: Path) -> list[Path]:
    """Every label under root, except a held-out set in a folder below it (a root inside that folder keeps it)."""
    return sorted(p for p in root.rglob("*.expected.yaml") if not HELD_OUT & set(p.relative_to(root).parts[:-1]))


def document_for(label: Path, data: dict) -> Path | None:
    if data.get("document"):
        path = label.parent / data["document"]
        return path if path.exists() else None
    stem = label.name[: -len(".expected.yaml")]
    for suffix in DOC_SUFFIXES:
        if (label.parent / (stem + suffix)).exists():
            return label.parent / (stem + suffix)
    return None


def matches(found, expected) -> bool:
    if expected is True:
        return bool(found) and found is not False
    if isinstance(expected, bool) or expected is None:
        return found == expected
    if isinstance(expected, (int, float)) and isinstance(found, (int, float)) and not isinstance(found, bool):
        return abs(found - expected) <= TOLERANCE * max(abs(expected), 1e-9)
    if isinstance(expected, str) and isinstance(found, str):
        return found.strip().lower() == expected.strip().lower()
    if isinstance(expected, list) and isinstance(found, list):
        return len(found) == len(expected) and all(matches(f, e) for f, e in zip(found, expected))
    if isinstance(expected, dict) and isinstance(found, dict):
        return all(k in found and matches(found[k], v) for k, v in expected.items())
    return found == expected


def score_document(facts, expected: dict, absent: list, tallies: dict, name: str, conflicts: dict | None = None) -> None:
    for fact_name, want in expected.items():
        t = tallies.setdefault(fact_name, Tally())
        got = facts.get(fact_name)
        negative = want is False or want is None
        if got is None:
            if not negative:
                t.fn += 1
                t.misses.append(f"{name}: missing (expected {want!r})")
        elif negative:
            if got.value:
                t.fp += 1
                t.misses.append(f"{name}: found {got.value!r}, expected none ({got.evidence[:80]!r})")
        elif matches(got.value, want):
            t.tp += 1
        else:
            t.fp += 1
            t.fn += 1
            t.misses.append(f"{name}: found {got.value!r}, expected {want!r} ({got.evidence[:80]!r})")
    for fact_name, values in (conflicts or {}).items():
        t = tallies.setdefault(f"{fact_name} (conflict)", Tally())
        got = sorted(f.value for f in facts.all(fact_name) if isinstance(f.value, (int, float)))
        if facts.conflict(fact_name) and len(got) == len(values) and all(
                matches(g, w) for g, w in zip(got, sorted(values))):
            t.tp += 1
        else:
            t.fn += 1
            t.misses.append(f"{name}: candidates {got!r}, expected the conflict {values!r}")
    for fact_name in absent:
        t = tallies.setdefault(fact_name, Tally())
        got = facts.get(fact_name)
        if got is not None and got.value:
            t.fp += 1
            t.misses.append(f"{name}: found {got.value!r}, listed absent ({got.evidence[:80]!r})")


def evaluate(root: Path) -> tuple[dict[str, Tally], list[str]]:
    """Tallies per fact name, and problems (labels without a document, unreadable documents)."""
    import yaml

    from checker.api import analyse
    from checker.errors import TendercheckError
    from checker.extract import read_document

    tallies: dict[str, Tally] = {}
    problems = []
    for label in label_files(root):
        try:
            data = yaml.safe_load(label.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            problems.append(f"{label.relative_to(root)}: unreadable label: {exc}")
            continue
        doc_path = document_for(label, data)
        if doc_path is None:
            problems.append(f"{label.relative_to(root)}: no document yet")
            continue
        try:
            _, facts = analyse(read_document(doc_path))
        except TendercheckError as exc:
            problems.append(f"{doc_path.name}: {exc}")
            continue
        score_document(facts, data.get("facts") or {}, data.get("absent") or [], tallies, doc_path.name,
                       data.get("conflicts") or {})
    return tallies, problems


def render(tallies: dict[str, Tally], verbose: bool = False) -> str:
    def pct(x):
        return "   -" if x is None else f"{x:4.2f}"

    lines = [f"{'fact':40} {'TP':>3} {'FP':>3} {'FN':>3}  prec  rec"]
    for name in sorted(tallies):
        t = tallies[name]
        lines.append(f"{name:40} {t.tp:3} {t.fp:3} {t.fn:3}  {pct(t.precision)} {pct(t.recall)}")
        if verbose:
            lines.extend(f"    {m}" for m in t.misses)
    total = Tally(sum(t.tp for t in tallies.values()), sum(t.fp for t in tallies.values()),
                  sum(t.fn for t in tallies.values()))
    lines.append(f"{'ALL':40} {total.tp:3} {total.fp:3} {total.fn:3}  {pct(total.precision)} {pct(total.recall)}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT / "fixtures")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss with its evidence")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    tallies, problems = evaluate(args.root)
    print(render(tallies, args.verbose))
    for p in problems:
        print(f"note: {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
