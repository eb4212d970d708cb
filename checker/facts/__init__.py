"""Fact finders: one module per fact family; find_facts runs them all over an annotated document.

Order matters: value reads the duration, lots reads value and duration, evidence reads lots.
"""

from __future__ import annotations

from checker.facts.base import Fact, Facts

__all__ = ["Fact", "Facts", "find_facts"]


def find_facts(document, docs) -> Facts:
    """docs: the spaCy Docs aligned one-to-one with document.blocks (see checker.nlp.pipeline.annotate)."""
    from checker.facts import (
        duration,
        evidence,
        lots,
        payment,
        procurement,
        selection,
        timeline,
        value,
        weighting,
    )
    from checker.facts.context import Context

    ctx = Context(document, docs)
    facts = Facts()
    for finder in (duration, value, lots, weighting, selection, timeline, payment, procurement, evidence):
        finder.find(ctx, facts)
    return facts
