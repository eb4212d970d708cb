"""Reading one numeric fact for threshold and ratio rules, with explicit missing and conflict behaviour."""

from __future__ import annotations

from checker.ruletypes import schema
from checker.ruletypes.template import show

MISSING = ("skip", "review", "finding")
CONFLICT = ("review", "first", "skip")


def missing_option(where, options) -> str:
    return schema.choice(where.at(options, "missing"), options.get("missing", "skip"), "missing", MISSING)


def conflict_option(where, options) -> str:
    return schema.choice(where.at(options, "conflict"), options.get("conflict", "review"), "conflict", CONFLICT)


def read(facts, name: str, conflict: str):
    """(fact, problem): the primary fact when usable; else None and 'missing' | 'conflict' | 'skip'."""
    candidates = facts.all(name)
    if not candidates:
        return None, "missing"
    if not schema.is_number(candidates[0].value):
        return None, "missing"
    if facts.conflict(name) and conflict != "first":
        return None, "skip" if conflict == "skip" else "conflict"
    return candidates[0], None


def conflict_message(facts, name: str) -> str:
    values = "; ".join(f"{show(f.value)} ({f.location.describe()})" for f in facts.all(name))
    return f"The document gives different values for {name} ({values}); a person must check which holds."


def missing_message(name: str) -> str:
    return f"{name} was not found in the document, so this could not be checked; a person must check it."
