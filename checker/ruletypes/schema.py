"""Small validators shared by the rulebook, the rule types and the config: each failure is one error at file:line.

A `Where` is a file and a line; `where.at(mapping, key)` moves to a key's line. Validators return the
checked value so callers can write `x = schema.text(where.at(opts, "x"), opts["x"], "x")`.
"""

from __future__ import annotations

import difflib
import re

from checker.errors import RulebookError
from checker.safeyaml import MDict, MList

FACT_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
PARAM_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


class Where:
    def __init__(self, path, line: int | None = None, error=RulebookError):
        self.path, self.line, self.error_cls = path, line, error

    def at(self, container, key) -> Where:
        line = None
        if isinstance(container, (MDict, MList)):
            line = container.line_of(key)
        return Where(self.path, line or self.line, self.error_cls)

    def of(self, value) -> Where:
        """The line where a nested mapping or list starts."""
        line = getattr(value, "line", None)
        return Where(self.path, line or self.line, self.error_cls)

    def error(self, message: str) -> RulebookError:
        return self.error_cls(self.path, message, self.line)


def kind_of(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def suggest(name, allowed) -> str:
    close = difflib.get_close_matches(str(name), [str(a) for a in allowed], n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def mapping(where: Where, value, name: str) -> MDict:
    if not isinstance(value, dict):
        raise where.error(f"{name} must be a mapping, not {kind_of(value)}")
    return value


def keys(where: Where, value, name: str, allowed, required=()) -> MDict:
    """A mapping with only `allowed` keys and every `required` key."""
    value = mapping(where, value, name)
    for key in value:
        if key not in allowed:
            raise where.at(value, key).error(
                f"unknown key {key!r} in {name}{suggest(key, allowed)} (allowed: {', '.join(allowed)})")
    for key in required:
        if key not in value:
            raise where.of(value).error(f"{name} is missing required key {key!r}")
    return value


def text(where: Where, value, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise where.error(f"{name} must be non-empty text, not {kind_of(value)}")
    return value


def integer(where: Where, value, name: str, lo: int | None = None, hi: int | None = None) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise where.error(f"{name} must be a whole number, not {kind_of(value)}")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise where.error(f"{name} must be between {lo} and {hi}, not {value}")
    return value


def choice(where: Where, value, name: str, allowed) -> str:
    if isinstance(value, (bool, list, dict)) or value not in allowed:  # a list or mapping is unhashable
        raise where.error(f"{name} must be one of {', '.join(map(str, allowed))}, not {value!r}")
    return value


def text_list(where: Where, value, name: str, allow_empty: bool = True) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise where.error(f"{name} must be a list of text, not {kind_of(value)}")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise where.at(value, i).error(f"{name} item {i + 1} must be non-empty text, not {kind_of(item)}")
    if not value and not allow_empty:
        raise where.error(f"{name} must list at least one item")
    return list(value)


def fact_name(where: Where, value, name: str) -> str:
    """A dotted fact name that the fact registry (checker/facts/registry.py, docs/facts.md) declares."""
    if not isinstance(value, str) or not FACT_NAME.match(value):
        raise where.error(f"{name} must be a dotted fact name such as contract.value_total_gbp, not {value!r}")
    known_fact(where, value)
    return value


def known_fact(where: Where, value: str, what: str = "") -> str:
    """value, when the registry declares it; else an error at where naming the nearest known facts."""
    from checker.facts import registry

    if not isinstance(value, str) or value not in registry.NAMES:
        raise where.error(f"unknown fact {value!r}{what}{registry.suggestion(str(value))}")
    return value


def param_ref(where: Where, value, name: str, known) -> str:
    if not isinstance(value, str) or value not in known:
        allowed = ", ".join(sorted(known)) or "none defined"
        raise where.error(f"{name} names unknown param {value!r}{suggest(value, known)} (defined: {allowed})")
    return value
