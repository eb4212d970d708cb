"""Fact finders: one module per fact family; find_facts runs them all over an annotated document."""

from __future__ import annotations

from checker.facts.base import Fact, Facts

__all__ = ["Fact", "Facts", "find_facts"]


def find_facts(document, docs) -> Facts:
    """docs: the spaCy Docs aligned one-to-one with document.blocks (see checker.nlp.pipeline.annotate)."""
    return Facts()
