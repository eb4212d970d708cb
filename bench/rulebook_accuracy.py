"""How well the Keep it Local rulebook judges the labelled fixture tenders, against a naive keyword baseline.

Each labelled document `fixtures/tenders/<name>.<pdf|docx|...>` has `<name>.expected.yaml` (its `document:` key
names the file when given):

    steps: {1: pass, 2: barrier, 3: review, 4: barrier, 5: n/a}   # pass | barrier | review | n/a
    fires: [KIL-2.3-price-weight-high, ...]                        # error/warning rules expected to fire

Reported: per-step accuracy of the rulebook's scorecard and of the baseline, and precision/recall of every
error/warning rule (a rule "fires" when it gives an unwaived violation on the document).

The baseline reads the same extracted text and passes a step when its key phrase appears anywhere (whole
words, any case, plural allowed), otherwise calls it a barrier: step 1 "local", step 2 "social value",
step 3 "capacity" or "market engagement", step 4 "lot", step 5 "co-design" or "co-production".

Run: .venv/bin/python bench/rulebook_accuracy.py [fixtures/tenders]
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "fixtures" / "tenders"
STEPS = (1, 2, 3, 4, 5)
STATUSES = ("pass", "barrier", "review", "n/a")
BASELINE_PHRASES = {
    1: ("local",),
    2: ("social value",),
    3: ("capacity", "market engagement"),
    4: ("lot",),
    5: ("co-design", "co-production"),
}


@dataclass
class Labelled:
    """One fixture document and what a commissioner would conclude about it."""

    name: str
    path: Path
    steps: dict[int, str]
    fires: set[str]


@dataclass
class Judged:
    """What the rulebook and the baseline concluded about one labelled document."""

    label: Labelled
    steps: dict[int, str]
    fired: set[str]
    baseline: dict[int, str]
    rule_severity: dict[str, str] = field(default_factory=dict)


def load_labels(folder: Path = LABELLED) -> list[Labelled]:
    """Every document in folder that has a sidecar <stem>.expected.yaml, with the labels validated."""
    import yaml

    out = []
    for expected in sorted(folder.glob("*.expected.yaml")):
        stem = expected.name[: -len(".expected.yaml")]
        try:
            data = yaml.safe_load(expected.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ValueError(f"{expected.name}: not valid YAML: {' '.join(str(exc).split())}") from None
        if data.get("document"):
            docs = [folder / data["document"]] if (folder / data["document"]).is_file() else []
        else:
            docs = [p for p in folder.glob(stem + ".*") if p != expected and not p.name.endswith(".yaml")]
        if len(docs) != 1:
            raise ValueError(f"{expected.name}: its document ({data.get('document') or stem + '.*'}) is missing")
        steps = {int(k): str(v) for k, v in (data.get("steps") or {}).items()}
        bad = {k: v for k, v in steps.items() if k not in STEPS or v not in STATUSES}
        if bad or set(steps) != set(STEPS):
            raise ValueError(f"{expected.name}: steps must give 1-5 each one of {STATUSES}, got {steps}")
        out.append(Labelled(stem, docs[0], steps, set(data.get("fires") or ())))
    return out


def baseline_steps(text: str) -> dict[int, str]:
    """The naive keyword verdict: pass when a step's key phrase appears anywhere, else barrier."""
    lowered = " ".join(text.lower().split())
    verdict = {}
    for step, phrases in BASELINE_PHRASES.items():
        found = any(re.search(r"\b" + re.escape(p) + r"s?\b", lowered) for p in phrases)
        verdict[step] = "pass" if found else "barrier"
    return verdict


def judge(labels: list[Labelled]) -> list[Judged]:
    """Run the bundled rulebook over every labelled document (one rulebook load for the batch)."""
    from checker.api import CheckOptions, check

    report = check([str(lab.path) for lab in labels], CheckOptions())
    problems = {Path(p.path).resolve(): p for p in report.errors}
    by_path = {Path(r.document.path).resolve(): r for r in report.documents}
    judged = []
    for lab in labels:
        key = lab.path.resolve()
        if key in problems:
            raise RuntimeError(f"{lab.path.name}: could not be checked: {problems[key].message}")
        result = by_path[key]
        fired = {f.rule for f in result.findings
                 if f.kind == "violation" and not f.waived and f.severity in ("error", "warning")}
        severity = {f.rule: f.severity for f in result.findings}
        judged.append(Judged(lab, {int(k): v for k, v in result.steps.items()}, fired,
                             baseline_steps(result.document.text()), severity))
    return judged


def step_accuracy(judged: list[Judged], which: str = "steps") -> dict:
    """Share of documents whose verdict on each step matches the label; 'all' pools the five steps."""
    acc = {}
    for step in STEPS:
        right = sum(1 for j in judged if getattr(j, which)[step] == j.label.steps[step])
        acc[step] = right / len(judged) if judged else 0.0
    acc["all"] = sum(acc[s] for s in STEPS) / len(STEPS)
    return acc


def rule_scores(judged: list[Judged], rule_ids) -> dict[str, dict]:
    """Precision and recall of each error/warning rule over the labelled documents (None when undefined)."""
    scores = {}
    for rule in sorted(rule_ids):
        tp = sum(1 for j in judged if rule in j.fired and rule in j.label.fires)
        fp = sum(1 for j in judged if rule in j.fired and rule not in j.label.fires)
        fn = sum(1 for j in judged if rule not in j.fired and rule in j.label.fires)
        scores[rule] = {
            "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
            "fp_docs": [j.label.name for j in judged if rule in j.fired and rule not in j.label.fires],
            "fn_docs": [j.label.name for j in judged if rule not in j.fired and rule in j.label.fires],
        }
    return scores


def error_warning_rules() -> set[str]:
    """Ids of the bundled rules whose severity is error or warning (the ones labels list under fires)."""
    from checker import rulebook

    return {rule.id for rule in rulebook.load().rules if rule.severity in ("error", "warning")}


def mismatches(judged: list[Judged]) -> list[str]:
    """One line per wrong step verdict, to read next to the document."""
    lines = []
    for j in judged:
        for step in STEPS:
            if j.steps[step] != j.label.steps[step]:
                lines.append(f"{j.label.name}: step {step} expected {j.label.steps[step]}, got {j.steps[step]}")
    return lines


def _pct(value) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def render(judged: list[Judged]) -> str:
    rulebook, base = step_accuracy(judged), step_accuracy(judged, "baseline")
    out = [f"Labelled documents: {len(judged)}", "", "step  rulebook  baseline"]
    for step in (*STEPS, "all"):
        out.append(f"{step!s:>4}  {rulebook[step]:8.2f}  {base[step]:8.2f}")
    out += ["", f"{'rule (error/warning)':45} {'tp':>3} {'fp':>3} {'fn':>3}  prec   rec"]
    for rule, s in rule_scores(judged, error_warning_rules()).items():
        out.append(f"{rule:45} {s['tp']:3} {s['fp']:3} {s['fn']:3}  {_pct(s['precision'])}  {_pct(s['recall'])}"
                   + (f"  fp: {', '.join(s['fp_docs'])}" if s["fp_docs"] else "")
                   + (f"  fn: {', '.join(s['fn_docs'])}" if s["fn_docs"] else ""))
    wrong = mismatches(judged)
    if wrong:
        out += ["", "Wrong step verdicts:", *("  " + w for w in wrong)]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else LABELLED
    labels = load_labels(folder)
    if not labels:
        print(f"no labelled documents (*.expected.yaml) in {folder}")
        return 1
    sys.stdout.write(render(judge(labels)))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
