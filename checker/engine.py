"""Evaluate a rulebook over one document's blocks and facts -> findings and the five-step scorecard.

Nothing rule-specific lives here: each rule's type module judges, the engine renders messages, applies
waivers and scores the steps. A step is n/a when no enabled rule of it applied.
"""

from __future__ import annotations

from dataclasses import replace

from checker import regime
from checker.findings import STEPS, Finding, natural_key, step_status
from checker.kinds import KINDS
from checker.rulebook import OUTSIDE_SCOPE_TAG
from checker.ruletypes import template
from checker.ruletypes.base import Context, Outcome


def evaluate(cfg, document, docs, facts):
    """(findings, steps) for one document under a Config (checker.config): judge(), then score()."""
    judged, applied = judge(cfg, document, docs, facts)
    return score(cfg, document, judged, applied)


def judge(cfg, document, docs, facts) -> tuple[list[Finding], set]:
    """Every enabled rule's findings, before waivers, and the steps some rule applied to: what depends only on
    the document, its facts, the rules and their params and severities (checker.api caches it).

    A rulebook's `scope` (rulebook.yaml) decides which of its rules may apply: inside it every rule but those tagged
    `outside-scope`, outside it only those (the notice that the book does not apply to this document)."""
    ctx = Context(document, docs, facts, cfg.rulebook.bank if cfg.rulebook else None)
    findings, applied = [], set()
    in_scope = in_rulebook_scope(cfg, ctx)
    for rule in cfg.rules:
        params = cfg.params_for(rule)
        if (OUTSIDE_SCOPE_TAG in rule.tags) == in_scope or not for_kind(rule, facts, params):
            continue
        outcome = run_rule(rule, ctx, params)
        if outcome.applied:
            applied.add(rule.step)
        severity = cfg.severity_of(rule)
        if rule.id not in cfg.severities:  # a severity set in the config is the user's; never second-guessed
            severity = legal_severity(rule, ctx, params)
        findings.extend(ocr_note(f, document) for f in to_findings(rule, outcome, params, facts, severity))
    return findings, applied


def score(cfg, document, judged: list[Finding], applied: set) -> tuple[list[Finding], dict]:
    """The config's waivers applied to judged findings, in report order, and the five-step scorecard."""
    findings = sorted((cfg.apply_waiver(f, document.path) for f in judged), key=_order)
    unread = bool(document.unreadable_pages)
    steps = {n: step_status([f for f in findings if f.step == n], n in applied, unread) for n in STEPS}
    return findings, steps


def for_kind(rule, facts, params: dict | None = None) -> bool:
    """Whether the rule applies to a document of this kind: a rule with applies_to: kinds looks for something
    only those kinds hold (a pricing schedule holds no co-design), so a single document of another kind skips it.
    A tender pack is judged as a whole (kind 'pack'), as is a document whose kind is not known; the param
    check_every_kind (set by --force) applies the rule to every kind."""
    if not getattr(rule, "kinds", ()) or facts is None or (params or {}).get("check_every_kind") is True:
        return True
    kind = facts.value("document.kind")
    return kind is None or kind not in KINDS or kind in rule.kinds


def skipped_for_kind(cfg, document, docs, facts) -> list[str]:
    """The ids of the rules this document's kind took out (for every report: 'not checked for a pricing
    schedule: ...'); none outside the rulebook's scope, where only the scope notice applies."""
    ctx = Context(document, docs, facts, cfg.rulebook.bank if cfg.rulebook else None)
    if not in_rulebook_scope(cfg, ctx):
        return []
    return [rule.id for rule in cfg.rules
            if OUTSIDE_SCOPE_TAG not in rule.tags and not for_kind(rule, facts, cfg.params_for(rule))]


def evaluate_rule(rule, params: dict, document, docs, facts, bank) -> list[Finding]:
    """One rule with the given params, no config: what `tendercheck test-rules` runs for each example."""
    ctx = Context(document, docs, facts, bank)
    if not for_kind(rule, facts, params):
        return []
    outcome = run_rule(rule, ctx, params)
    return to_findings(rule, outcome, params, facts, legal_severity(rule, ctx, params))


def in_rulebook_scope(cfg, ctx) -> bool:
    """Whether the document is one the rulebook is for (its rulebook.yaml `scope`; no scope: every document)."""
    book = cfg.rulebook
    scope = getattr(book, "scope", None) if book is not None else None
    return scope is None or scope.holds(ctx, {**book.params, **cfg.params})


def legal_severity(rule, ctx, params) -> str:
    """The rule's severity; an error whose `error_when` does not hold (the legal duty behind it does not bind this
    buyer, or not under this regime) is a warning."""
    if rule.severity == "error" and rule.error_when is not None and not rule.error_when.holds(ctx, params):
        return "warning"
    return rule.severity


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
            values = {"assumption": regime.assumption(facts), "vat_basis": regime.vat_basis(facts), **params,
                      **hit.values}
            message = template.render(rule.message, values, facts)
            message += hit.values.get("note", "")
        out.append(Finding(rule=rule.id, step=rule.step, severity=severity, title=rule.title, message=message,
                           location=hit.location, evidence=hit.evidence, citations=rule.citations, fix=rule.fix,
                           kind=hit.kind, problem=rule.headline_for(params)))
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
    return (f.step, loc.block if loc.block is not None else -1, natural_key(f.rule))
