"""Evaluate a rulebook over one document's blocks and facts -> findings and the five-step scorecard.

Nothing rule-specific lives here: each rule's type module judges, the engine renders messages, applies
waivers and scores the steps. A step is n/a when no enabled rule of it applied.
"""

from __future__ import annotations

from dataclasses import replace

from checker import regime
from checker.findings import STEPS, Finding, step_status
from checker.ruletypes import template
from checker.ruletypes.base import Context, Outcome


def evaluate(cfg, document, docs, facts):
    """(findings, steps) for one document under a Config (checker.config)."""
    ctx = Context(document, docs, facts, cfg.rulebook.bank if cfg.rulebook else None)
    findings, applied = [], set()
    for rule in cfg.rules:
        params = cfg.params_for(rule)
        outcome = run_rule(rule, ctx, params)
        if outcome.applied:
            applied.add(rule.step)
        for finding in to_findings(rule, outcome, params, facts, cfg.severity_of(rule)):
            findings.append(cfg.apply_waiver(ocr_note(finding, document), document.path))
    findings.sort(key=_order)
    unread = bool(document.unreadable_pages)
    steps = {n: step_status([f for f in findings if f.step == n], n in applied, unread) for n in STEPS}
    return findings, steps


def evaluate_rule(rule, params: dict, document, docs, facts, bank) -> list[Finding]:
    """One rule with the given params, no config: what `tendercheck test-rules` runs for each example."""
    outcome = run_rule(rule, Context(document, docs, facts, bank), params)
    return to_findings(rule, outcome, params, facts, rule.severity)


def run_rule(rule, ctx: Context, params: dict) -> Outcome:
    if rule.applies_when is not None and not rule.applies_when.holds(ctx, params):
        return Outcome(False)
    return rule.kind.evaluate(rule.compiled, ctx, params)


def to_findings(rule, outcome: Outcome, params: dict, facts, severity: str) -> list[Finding]:
    out = []
    for hit in outcome.hits:
        if hit.message is not None:
            message = hit.message
        else:
            values = {"assumption": regime.assumption(facts), **params, **hit.values}
            message = template.render(rule.message, values, facts)
            message += hit.values.get("note", "")
        out.append(Finding(rule=rule.id, step=rule.step, severity=severity, title=rule.title, message=message,
                           location=hit.location, evidence=hit.evidence, citations=rule.citations, fix=rule.fix,
                           kind=hit.kind))
    return out


def ocr_note(finding: Finding, document) -> Finding:
    """A finding that quotes a block read by OCR says so: the quote may hold misread characters."""
    loc = finding.location
    if not finding.evidence or loc.block is None or not 0 <= loc.block < len(document.blocks):
        return finding
    block = document.blocks[loc.block]
    if block.ocr_confidence is None:
        return finding
    page = f"page {block.location.page}" if block.location.page else "a page image"
    return replace(finding, message=f"{finding.message} (Quoted from {page}, read by OCR with "
                                    f"{block.ocr_confidence:.0f}% confidence: check the wording against the page.)")


def _order(f: Finding):
    loc = f.location
    return (f.step, loc.block if loc.block is not None else -1, f.rule)
