"""Plain text: the five-step scorecard first, then findings grouped by step with page and quote."""

from __future__ import annotations

from checker.findings import STEPS

MARKS = {"pass": "PASS", "barrier": "BARRIER", "review": "REVIEW", "n/a": "n/a"}


def render(report, color: bool = False) -> str:
    out: list[str] = []
    for result in report.documents:
        doc = result.document
        out.append(f"{doc.path} ({doc.format}, {doc.pages} page{'s' if doc.pages != 1 else ''})")
        for n, title in STEPS.items():
            status = result.steps.get(n, "n/a")
            count = sum(1 for f in result.findings if f.step == n and not f.waived)
            out.append(f"  Step {n} {title:<42} {MARKS[status]:<8} {count or ''}".rstrip())
        for w in doc.warnings:
            out.append(f"  warning: {w.code}: {w.message} ({w.location.describe()})")
        for n in STEPS:
            step_findings = [f for f in result.findings if f.step == n]
            if not step_findings:
                continue
            out.append(f"\n  Step {n}: {STEPS[n]}")
            for f in step_findings:
                tag = "waived" if f.waived else f.severity
                out.append(f"    [{tag}] {f.rule}: {f.message} ({f.location.describe()})")
                if f.evidence:
                    out.append(f'      "{f.evidence}"')
                if f.fix and not f.waived:
                    out.append(f"      fix: {f.fix.strip().splitlines()[0]}")
        out.append("")
    for e in report.errors:
        out.append(f"error: {e.path}: {e.message}")
    s = report.summary()
    out.append(f"{s['documents']} document(s) checked, {s['findings']} finding(s), {s['waived']} waived, "
               f"{s['errors']} error(s)")
    return "\n".join(out) + "\n"
