"""Evaluate a rulebook over one document's blocks and facts -> findings and the five-step scorecard.

PLACEHOLDER (issue 3 replaces it).
"""

from __future__ import annotations

from checker.findings import STEPS, step_status


def evaluate(cfg, document, docs, facts):
    findings = []
    steps = {n: step_status([], applicable=False) for n in STEPS}
    return findings, steps
