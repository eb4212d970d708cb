"""Message templates: `{name}` placeholders checked at load, rendered with readable numbers.

Only plain names and `facts[dotted.name]` resolve: no attribute access, no other indexing, no nested fields,
so a template can never reach into Python objects. A format spec is Python's mini-language with width and
precision at most MAX_SPEC_NUMBER, checked at load, so `{value:>1400000000}` cannot allocate gigabytes.
"""

from __future__ import annotations

import re
import string

from checker.ruletypes import schema

FACT_FIELD = re.compile(r"^facts\[([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)\]$")
PLAIN_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# [[fill]align][sign][z][#][0][width][grouping][.precision][type]
SPEC = re.compile(r"^(?:.?[<>=^])?[-+ ]?z?#?0?(?P<width>\d*)[,_]?(?:\.(?P<precision>\d+))?[bcdeEfFgGnosxX%]?$",
                  re.DOTALL)
MAX_SPEC_NUMBER = 100
# the regime assumption a rule worked under, and the VAT basis a value was compared with thresholds on (checker.regime);
# each empty when there is nothing to say
ALWAYS = ("assumption", "vat_basis")
_formatter = string.Formatter()


def validate(where, template: str, allowed) -> None:
    """Raise at `where` when the template is malformed or names a placeholder outside `allowed`."""
    try:
        parts = list(_formatter.parse(template))
    except ValueError as exc:
        raise where.error(f"bad template: {exc} (write literal braces as {{{{ and }}}})") from None
    names = sorted(set(allowed) | set(ALWAYS))
    for _, field, spec, conversion in parts:
        if field is None:
            continue
        if spec and ("{" in spec or "}" in spec):
            raise where.error(f"placeholder {{{field}}}: nested fields in a format spec are not allowed")
        problem = spec_problem(spec)
        if problem:
            raise where.error(f"placeholder {{{field}}}: {problem}")
        if conversion not in (None, "s"):
            raise where.error(f"placeholder {{{field}}}: conversion !{conversion} is not allowed")
        if m := FACT_FIELD.match(field):
            schema.known_fact(where, m.group(1), f" in placeholder {{{field}}}")
            continue
        if not PLAIN_FIELD.match(field) or field not in names:
            raise where.error(f"unknown placeholder {{{field}}} (allowed: {', '.join(names)}, facts[fact.name])")


def spec_problem(spec: str | None) -> str | None:
    """Why a format spec is refused, or None: only the standard mini-language, width and precision bounded."""
    if not spec:
        return None
    m = SPEC.match(spec)
    if m is None:
        return f"format spec {spec!r} is not a standard format spec such as ',.0f' or '>8'"
    for part in ("width", "precision"):
        digits = m.group(part)
        if digits and (len(digits) > 3 or int(digits) > MAX_SPEC_NUMBER):
            return f"format spec {spec!r}: {part} {digits} is over the limit of {MAX_SPEC_NUMBER}"
    return None


def fact_names(template: str) -> list[str]:
    """The facts a template reads as {facts[name]}."""
    return [m.group(1) for _, f, _, _ in _formatter.parse(template) if f and (m := FACT_FIELD.match(f))]


def field_names(template: str) -> list[str]:
    """Every placeholder a template names, as written ('value', 'facts[contract.value_total_gbp]')."""
    return [f for _, f, _, _ in _formatter.parse(template) if f is not None]


def render(template: str, values: dict, facts) -> str:
    out = []
    for literal, field, spec, _ in _formatter.parse(template):
        out.append(literal)
        if field is None:
            continue
        m = FACT_FIELD.match(field)
        if m:
            value = facts.value(m.group(1)) if facts is not None else None
        else:
            value = values.get(field, "" if field in ALWAYS else None)
        out.append(show(value, spec))
    return " ".join("".join(out).split())


def show(value, spec: str = "") -> str:
    """A value as a reader wants it: 1234567 -> 1,234,567; 6.0 -> 6; 2.456 -> 2.46; None -> 'not stated'."""
    if value is None:
        return "not stated"
    if spec and spec_problem(spec) is None:  # validated at load; checked again so no caller can allocate GBs
        try:
            return format(value, spec)
        except (ValueError, TypeError):
            pass
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value.is_integer():
            return f"{int(value):,}"
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple)):
        return ", ".join(show(v) for v in value)
    return str(value)
