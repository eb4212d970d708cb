"""Rule types: an explicit registry from the `type:` of a rule file to the module that builds and runs it."""

from __future__ import annotations

from checker.ruletypes import agreement, composite, evidence, prohibited, ratio, threshold

REGISTRY = {m.NAME: m for m in (evidence, prohibited, threshold, ratio, composite, agreement)}


def get(name: str):
    """The rule-type module for `name`; KeyError naming the known types otherwise."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no such rule type {name!r} (known: {', '.join(REGISTRY)})") from None
