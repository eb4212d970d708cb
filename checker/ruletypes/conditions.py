"""Conditions on facts, params and text, for `applies_when` and the composite type.

Forms: {fact, op, param | value}, {param, op, value}, {present: fact}, {absent: fact}, {text: [phrases]},
{regex: [RE2 expressions]}, {all: [..]}, {any: [..]}, {not: cond}. A comparison with a missing (or non-numeric, for
< <= > >=) fact is false. {param, op, value} compares a param's value (as configured) with a literal, so a user can
switch a rule on or off with `--param` (`{param: check_outside_uk, op: "==", value: true}`).
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from dataclasses import dataclass

from checker.ruletypes import matching, schema

OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
       "!=": operator.ne}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FORMS = ("fact", "param", "present", "absent", "text", "regex", "all", "any", "not")


def compare(left, op: str, right) -> bool:
    """left op right; ordering needs two numbers or two ISO dates ("2026-01-01", so a rule can pick a
    threshold by procurement start date), equality works on any values (1 == 1.0)."""
    left, right = _iso(left), _iso(right)
    if op in ("==", "!="):
        return OPS[op](left, right)
    if not (schema.is_number(left) and schema.is_number(right)) and not (_iso_date(left) and _iso_date(right)):
        return False
    return OPS[op](left, right)


def _iso(value):
    """Dates as YYYY-MM-DD text, the form fact finders and params use."""
    return value.isoformat()[:10] if isinstance(value, (dt.date, dt.datetime)) else value


def _iso_date(value) -> bool:
    """YYYY-MM-DD text, whose string order is date order."""
    return isinstance(value, str) and ISO_DATE.fullmatch(value) is not None


@dataclass(frozen=True)
class Compare:
    fact: str
    op: str
    param: str | None = None
    value: object = None

    def holds(self, ctx, params) -> bool:
        found = ctx.facts.get(self.fact)
        if found is None:
            return False
        right = params.get(self.param) if self.param else self.value
        return compare(found.value, self.op, right)


@dataclass(frozen=True)
class ParamCompare:
    param: str
    op: str
    value: object

    def holds(self, ctx, params) -> bool:
        return self.param in params and compare(params[self.param], self.op, self.value)


@dataclass(frozen=True)
class Present:
    fact: str
    want: bool

    def holds(self, ctx, params) -> bool:
        return (self.fact in ctx.facts) == self.want


@dataclass(frozen=True)
class Text:
    spec: matching.MatchSpec

    def holds(self, ctx, params) -> bool:
        from checker.nlp.negation import polarity

        return any(polarity(m.sentence, m.start, m.end) != "negated" for m in self.spec.mentions(ctx))


@dataclass(frozen=True)
class Combine:
    how: str  # all | any | not
    parts: tuple

    def holds(self, ctx, params) -> bool:
        if self.how == "not":
            return not self.parts[0].holds(ctx, params)
        results = (p.holds(ctx, params) for p in self.parts)
        return all(results) if self.how == "all" else any(results)


def build(where, node, name: str, bctx, key: str):
    """Validate a condition; bctx gives `bank` and `params` (known param names). key names text matchers."""
    node = schema.mapping(where, node, name)
    form = [k for k in node if k in FORMS and not (k == "param" and "fact" in node)]  # {fact, op, param} compares
    if len(form) != 1:
        found = f"found {', '.join(form)}" if form else f"found {', '.join(map(str, node)) or 'nothing'}"
        raise where.of(node).error(f"{name} must have exactly one of {', '.join(FORMS)} ({found})")
    form = form[0]
    at = where.at(node, form)
    if form == "fact":
        schema.keys(where, node, name, ("fact", "op", "param", "value"), required=("fact", "op"))
        fact = schema.fact_name(at, node["fact"], f"{name} fact")
        op = schema.choice(where.at(node, "op"), node["op"], f"{name} op", tuple(OPS))
        if ("param" in node) == ("value" in node):
            raise where.of(node).error(f"{name} compares with exactly one of param or value")
        if "param" in node:
            return Compare(fact, op, param=schema.param_ref(where.at(node, "param"), node["param"],
                                                           f"{name} param", bctx.params))
        value = node["value"]
        if not (schema.is_number(value) or isinstance(value, (str, bool))):
            raise where.at(node, "value").error(f"{name} value must be a number, text or true/false")
        if op not in ("==", "!=") and not (schema.is_number(value) or _iso_date(value)):
            raise where.at(node, "value").error(f"{name} op {op} needs a number or a YYYY-MM-DD date, not {value!r}")
        return Compare(fact, op, value=value)
    if form == "param":
        schema.keys(where, node, name, ("param", "op", "value"), required=("param", "op", "value"))
        param = schema.param_ref(at, node["param"], f"{name} param", bctx.params)
        op = schema.choice(where.at(node, "op"), node["op"], f"{name} op", tuple(OPS))
        value = node["value"]
        if not (schema.is_number(value) or isinstance(value, (str, bool))):
            raise where.at(node, "value").error(f"{name} value must be a number, text or true/false")
        return ParamCompare(param, op, value)
    schema.keys(where, node, name, (form,))
    if form in ("present", "absent"):
        return Present(schema.fact_name(at, node[form], f"{name} {form}"), form == "present")
    if form in ("text", "regex"):  # wording that varies too much for a phrase list: a regex, per sentence
        spec = matching.build(at, {"phrases" if form == "text" else "regex": node[form]}, key, bctx.bank,
                              scoped=False)
        return Text(spec)
    if form == "not":
        return Combine("not", (build(at, node["not"], f"{name} not", bctx, key + ".not"),))
    parts = node[form]
    if not isinstance(parts, list) or not parts:
        raise at.error(f"{name} {form} must be a non-empty list of conditions")
    return Combine(form, tuple(build(at.at(parts, i), p, f"{name} {form}[{i + 1}]", bctx, f"{key}.{form}{i}")
                               for i, p in enumerate(parts)))
