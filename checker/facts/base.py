"""Fact and Facts: the typed contract between language (nlp, finders) and rules.

Names are declared in checker/facts/registry.py (docs/facts.md is generated from it).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from checker.model import Location


@dataclass(frozen=True)
class Fact:
    """One finding of a named quantity or classified span, with its provenance."""

    name: str  # dotted, e.g. evaluation.social_value_pct
    value: Any  # number, str, bool, or list of dicts (lots.items)
    unit: str | None = None  # GBP, %, months, days, count, ...
    location: Location = field(default_factory=Location)
    evidence: str = ""  # the quote the value was read from
    source: str = ""  # which finder/pattern produced it

    def display_value(self) -> str:
        """Human form of the value: '£1,200,000', '10%', '60 months', lists as '; '-joined items."""
        return _display(self.value, self.unit)

    def to_dict(self) -> dict:
        d = {"value": self.value, "unit": self.unit, "location": self.location.to_dict(), "evidence": self.evidence}
        if self.source:
            d["source"] = self.source
        return d


class Facts:
    """All facts of one document. A name may hold several candidates; differing values are a conflict,
    kept for rules to flag, never silently resolved. get() returns the primary (first added) candidate."""

    def __init__(self, facts: list[Fact] | None = None):
        self._by_name: dict[str, list[Fact]] = {}
        self._writer: tuple[str, frozenset] | None = None  # (finder, the names it may write) while one runs
        # a pack's members' own facts, (file, kind, Facts) in member order (checker.pack); empty for a document
        self.sources: list[tuple[str, str, Facts]] = []
        for f in facts or ():
            self.add(f)

    def add(self, fact: Fact) -> None:
        if self._writer is not None and fact.name not in self._writer[1]:
            from checker.facts.registry import RegistryError

            finder = self._writer[0]
            raise RegistryError(f"fact finder {finder!r} wrote {fact.name!r}, which checker/facts/registry.py does "
                                f"not give it: declare the fact there (finder={finder!r}, or as a fallback)")
        self._by_name.setdefault(fact.name, []).append(fact)

    @contextmanager
    def writing(self, finder: str, names: frozenset):
        """While a finder runs: add() accepts only the names the registry gives it (a set lookup per fact)."""
        previous, self._writer = self._writer, (finder, names)
        try:
            yield self
        finally:
            self._writer = previous

    def get(self, name: str) -> Fact | None:
        found = self._by_name.get(name)
        return found[0] if found else None

    def value(self, name: str, default=None):
        fact = self.get(name)
        return default if fact is None else fact.value

    def all(self, name: str) -> list[Fact]:
        return list(self._by_name.get(name, ()))

    def conflict(self, name: str) -> bool:
        values = {repr(f.value) for f in self._by_name.get(name, ())}
        return len(values) > 1

    def names(self) -> list[str]:
        return sorted(self._by_name)

    def __contains__(self, name: str) -> bool:
        return name in self._by_name

    def __len__(self) -> int:
        return len(self._by_name)

    def to_dict(self) -> dict:
        """Report form: name -> primary fact, plus the other values under 'conflict' when they differ."""
        out = {}
        for name in self.names():
            primary = self._by_name[name][0]
            d = primary.to_dict()
            if self.conflict(name):
                d["conflict"] = [f.to_dict() for f in self._by_name[name][1:] if repr(f.value) != repr(primary.value)]
            out[name] = d
        return out


def _display(value, unit: str | None = None) -> str:
    if isinstance(value, bool) or value is None:
        return str(value).lower()
    if isinstance(value, (int, float)):
        number = f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
        if unit == "GBP":
            return f"£{number}"
        if unit == "%":
            return f"{number}%"
        return f"{number} {unit}" if unit and unit not in ("count",) else number
    if isinstance(value, list):
        return "; ".join(_display(v) for v in value) or "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_display(v, 'GBP' if k.endswith('_gbp') else '%' if k == 'pct' else None)}"
                         for k, v in value.items() if v is not None)
    return str(value)
