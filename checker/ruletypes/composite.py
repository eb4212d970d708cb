"""composite: a finding when a condition over facts and text holds (all / any / not of conditions)."""

from __future__ import annotations

from dataclasses import dataclass

from checker.ruletypes import conditions, schema
from checker.ruletypes.base import Hit, Outcome

NAME = "composite"
OPTIONS = ("fire_when", "location_fact")
PLACEHOLDERS = ("value", "fact")


@dataclass(frozen=True)
class Compiled:
    fire_when: object
    location_fact: str | None


def build(where, options, bctx) -> Compiled:
    schema.keys(where, options, "options", OPTIONS, required=("fire_when",))
    fire_when = conditions.build(where.at(options, "fire_when"), options["fire_when"], "fire_when", bctx,
                                 f"{bctx.rule_id}/fire_when")
    location_fact = None
    if "location_fact" in options:
        location_fact = schema.fact_name(where.at(options, "location_fact"), options["location_fact"],
                                         "location_fact")
    return Compiled(fire_when, location_fact)


def evaluate(c: Compiled, ctx, params) -> Outcome:
    if not c.fire_when.holds(ctx, params):
        return Outcome(True)
    hit = Hit("violation")
    fact = ctx.facts.get(c.location_fact) if c.location_fact else None
    if fact is not None:
        hit.location, hit.evidence = fact.location, fact.evidence
        hit.values = {"value": fact.value, "fact": fact.value}
    return Outcome(True, [hit])
