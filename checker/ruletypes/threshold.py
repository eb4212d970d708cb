"""threshold: a fact against a param; a compliant value satisfies `fact op param`.

When the fact is absent: `missing: skip` (rule does not apply), `review` (a person checks) or `finding`
(absence is itself the barrier). When finders disagree: `conflict: review`, `first`, `skip`, or `worst` (judge
every value the document gives: a violation at the first that fails, naming the others; for a weighting stated
as 10% in the text and 5% in the evaluation table, the 5% is a barrier whichever was meant).
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.ruletypes import facts_access, schema
from checker.ruletypes.base import Hit, Outcome
from checker.ruletypes.conditions import OPS, compare
from checker.ruletypes.template import show

NAME = "threshold"
OPTIONS = ("fact", "op", "param", "missing", "conflict")
PLACEHOLDERS = ("value", "fact")
CONFLICT = facts_access.CONFLICT + ("worst",)


@dataclass(frozen=True)
class Compiled:
    fact: str
    op: str
    param: str
    missing: str
    conflict: str


def build(where, options, bctx) -> Compiled:
    schema.keys(where, options, "options", OPTIONS, required=("fact", "op", "param"))
    return Compiled(
        schema.fact_name(where.at(options, "fact"), options["fact"], "fact"),
        schema.choice(where.at(options, "op"), options["op"], "op", tuple(OPS)),
        schema.param_ref(where.at(options, "param"), options["param"], "param", bctx.params),
        facts_access.missing_option(where, options),
        schema.choice(where.at(options, "conflict"), options.get("conflict", "review"), "conflict", CONFLICT),
    )


def evaluate(c: Compiled, ctx, params) -> Outcome:
    if c.conflict == "worst" and ctx.facts.conflict(c.fact):
        return _worst(c, ctx, params)
    fact, problem = facts_access.read(ctx.facts, c.fact, c.conflict)
    if problem == "conflict":
        return Outcome(True, [Hit("review", message=facts_access.conflict_message(ctx.facts, c.fact))])
    if problem == "skip" or (problem == "missing" and c.missing == "skip"):
        return Outcome(False)
    if problem == "missing":
        if c.missing == "review":
            return Outcome(True, [Hit("review", message=facts_access.missing_message(c.fact))])
        return Outcome(True, [Hit("violation", values={"value": "not stated", "fact": "not stated"})])
    if compare(fact.value, c.op, params.get(c.param)):
        return Outcome(True)
    return Outcome(True, [Hit("violation", fact.location, fact.evidence, {"value": fact.value, "fact": fact.value})])


def _worst(c: Compiled, ctx, params) -> Outcome:
    """Every numeric candidate judged; the first that fails is the violation and the others are named."""
    candidates = [f for f in ctx.facts.all(c.fact) if schema.is_number(f.value)]
    failing = [f for f in candidates if not compare(f.value, c.op, params.get(c.param))]
    if not failing:
        return Outcome(True)
    fact = failing[0]
    others = "; ".join(f"{show(f.value)} ({f.location.describe()})" for f in candidates if f is not fact)
    note = f" The document also gives {others}." if others else ""
    return Outcome(True, [Hit("violation", fact.location, fact.evidence,
                              {"value": fact.value, "fact": fact.value, "note": note})])
