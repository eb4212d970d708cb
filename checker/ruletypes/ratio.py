"""ratio: one fact over another against a param, e.g. minimum turnover / annual contract value <= 2.

A missing, conflicting or zero denominator follows `missing` / `conflict` exactly as the threshold type does.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.ruletypes import facts_access, schema
from checker.ruletypes.base import Hit, Outcome
from checker.ruletypes.conditions import OPS, compare

NAME = "ratio"
OPTIONS = ("numerator", "denominator", "op", "param", "missing", "conflict")
PLACEHOLDERS = ("value", "fact", "other", "ratio")


@dataclass(frozen=True)
class Compiled:
    numerator: str
    denominator: str
    op: str
    param: str
    missing: str
    conflict: str


def build(where, options, bctx) -> Compiled:
    schema.keys(where, options, "options", OPTIONS, required=("numerator", "denominator", "op", "param"))
    return Compiled(
        schema.fact_name(where.at(options, "numerator"), options["numerator"], "numerator"),
        schema.fact_name(where.at(options, "denominator"), options["denominator"], "denominator"),
        schema.choice(where.at(options, "op"), options["op"], "op", tuple(OPS)),
        schema.param_ref(where.at(options, "param"), options["param"], "param", bctx.params),
        facts_access.missing_option(where, options),
        facts_access.conflict_option(where, options),
    )


def evaluate(c: Compiled, ctx, params) -> Outcome:
    top, top_problem = facts_access.read(ctx.facts, c.numerator, c.conflict)
    bottom, bottom_problem = facts_access.read(ctx.facts, c.denominator, c.conflict)
    if bottom is not None and bottom.value == 0:
        bottom, bottom_problem = None, "missing"
    for name, problem in ((c.numerator, top_problem), (c.denominator, bottom_problem)):
        if problem == "conflict":
            return Outcome(True, [Hit("review", message=facts_access.conflict_message(ctx.facts, name))])
    problems = {top_problem, bottom_problem} - {None}
    if "skip" in problems or (problems and c.missing == "skip"):
        return Outcome(False)
    if problems:
        absent = c.numerator if top_problem else c.denominator
        if c.missing == "review":
            return Outcome(True, [Hit("review", message=facts_access.missing_message(absent))])
        return Outcome(True, [Hit("violation", values={"value": None, "fact": None, "other": None, "ratio": None})])
    ratio = top.value / bottom.value
    if compare(ratio, c.op, params.get(c.param)):
        return Outcome(True)
    values = {"value": top.value, "fact": top.value, "other": bottom.value, "ratio": round(ratio, 2)}
    return Outcome(True, [Hit("violation", top.location, top.evidence, values)])
