"""Fact finders: one module per fact family; find_facts runs them all over an annotated document.

The order comes from checker/facts/registry.py: each finder runs after the finders of the facts it reads
(value after duration, lots after value, evidence after lots), and writes only the facts declared for it.
"""

from __future__ import annotations

import importlib

from checker.facts.base import Fact, Facts

__all__ = ["Fact", "Facts", "find_facts", "finder_module"]


def finder_module(name: str):
    """checker.facts.<name>: a module (or package) with find(ctx, facts)."""
    return importlib.import_module(f"{__name__}.{name}")


def find_facts(document, docs, jurisdiction: str | None = None) -> Facts:
    """docs: the spaCy Docs aligned one-to-one with document.blocks (see checker.nlp.pipeline.annotate).
    jurisdiction: --jurisdiction, which buyer.jurisdiction takes instead of the reading (which its source keeps)."""
    from checker.facts import registry
    from checker.facts.context import Context

    ctx = Context(document, docs)
    ctx.jurisdiction_override = jurisdiction
    facts = Facts()
    for name in registry.finder_order():
        with facts.writing(name, registry.writable_by(name)):
            finder_module(name).find(ctx, facts)
    return facts
