"""agreement: the documents of a pack state the same value for each of the listed facts.

A pack (checker.pack) keeps each member's own facts (Facts.sources). For every fact in `facts` (a mapping of
fact name to the words a reader knows it by), the members that state it are compared: numbers agree within
`tolerance_pct` percent of the larger (rounding: "£2.5m" and "£2,499,600"), other values when equal. Each fact on
which two members disagree is one finding, quoting the first member's statement and naming every member's
value with its file and page. A single document, or a pack where fewer than two members state any of the
facts, is not judged (the rule does not apply).
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.ruletypes import schema
from checker.ruletypes.base import Hit, Outcome

NAME = "agreement"
OPTIONS = ("facts", "tolerance_pct")
PLACEHOLDERS = ("fact", "values")


@dataclass(frozen=True)
class Compiled:
    facts: tuple[tuple[str, str], ...]  # (fact name, label)
    tolerance_pct: float

    def facts_read(self) -> list[str]:
        return [name for name, _ in self.facts]


def build(where, options, bctx) -> Compiled:
    schema.keys(where, options, "options", OPTIONS, required=("facts",))
    raw = schema.mapping(where.at(options, "facts"), options["facts"], "facts")
    if not raw:
        raise where.at(options, "facts").error("facts must name at least one fact")
    facts = tuple((schema.fact_name(where.at(options, "facts").at(raw, name), name, "facts"),
                   schema.text(where.at(options, "facts").at(raw, name), raw[name], f"label of {name}"))
                  for name in raw)
    tolerance = options.get("tolerance_pct", 1)
    if not schema.is_number(tolerance) or not 0 <= tolerance < 50:
        raise where.at(options, "tolerance_pct").error("tolerance_pct must be a number from 0 to 50")
    return Compiled(facts, float(tolerance))


def evaluate(c: Compiled, ctx, params) -> Outcome:
    sources = getattr(ctx.facts, "sources", None) or []
    hits, judged = [], False
    for name, label in c.facts:
        stated = [(file, kind, fact) for file, kind, own in sources if (fact := own.get(name)) is not None]
        if len(stated) < 2:
            continue
        judged = True
        first = stated[0][2]
        if all(_agree(first.value, fact.value, c.tolerance_pct) for _, _, fact in stated[1:]):
            continue
        listed = "; ".join(f"{fact.display_value()} in {file} ({kind}{_page(fact)})" for file, kind, fact in stated)
        other = next(fact for _, _, fact in stated[1:] if not _agree(first.value, fact.value, c.tolerance_pct))
        location = _in_pack(ctx, first, stated[0][0])
        hits.append(Hit("violation", location, first.evidence,
                        {"fact": label, "values": listed, "value": other.display_value()}))
    return Outcome(judged, hits)


def _page(fact) -> str:
    return f", p. {fact.location.page}" if fact.location.page else ""


def _in_pack(ctx, fact, file: str):
    """The member's location as the pack names it (its file; block and table numbers of the joined pack)."""
    from dataclasses import replace

    loc = fact.location
    for block in ctx.document.blocks:
        if block.location.file == file and fact.evidence and fact.evidence[:60] in block.text:
            return block.location
    return replace(loc, file=file, block=None, table=None)


def _agree(a, b, tolerance_pct: float) -> bool:
    if schema.is_number(a) and schema.is_number(b):
        top = max(abs(a), abs(b))
        return top == 0 or abs(a - b) / top * 100 <= tolerance_pct
    return a == b
