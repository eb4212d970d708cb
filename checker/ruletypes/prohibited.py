"""prohibited: wording that must not appear, unless an exception (such as "or equivalent") is near it.

One finding per sentence holding a match with no `unless` phrase in the same sentence (or within `window`
tokens either side, or with `window: clause` in the same clause as the end of the matched wording, so the
"or equivalent" after ISO 9001 does not excuse "and must hold Cyber Essentials" later in the sentence). Negated mentions ("there is no requirement for audited accounts") don't count; hedged
ones ("bidders may be asked for audited accounts") still do, since a possible demand still deters.
With `excepted_once: true`, one match with its exception clears every match in the document: a reservation
defined in its own section need not be defined again where a title page or summary repeats it.
`vocab: name` takes the wording and its exceptions from rules/vocab/<name>.yaml (its phrases, patterns and regexes,
and its unless cues) instead of listing them here.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.nlp.text import clause_index
from checker.ruletypes import matching, schema
from checker.ruletypes.base import Hit, Outcome, quote

NAME = "prohibited"
OPTIONS = ("vocab", "phrases", "patterns", "regex", "scope", "sections", "unless", "unless_patterns", "unless_regex",
           "window", "exclude_negated", "excepted_once")
PLACEHOLDERS = ("value", "count")


@dataclass(frozen=True)
class Compiled:
    spec: matching.MatchSpec
    unless: matching.MatchSpec | None
    window: int | str | None  # None = same sentence; "clause" = same clause of it
    exclude_negated: bool
    excepted_once: bool = False


def build(where, options, bctx) -> Compiled:
    schema.keys(where, options, "options", OPTIONS)
    spec = matching.build(where, options, f"{bctx.rule_id}/prohibited", bctx.bank)
    unless = matching.build_unless(where, options, f"{bctx.rule_id}/unless", bctx.bank)
    window = options.get("window", "sentence")
    if window == "clause":
        pass
    elif window != "sentence":
        window = schema.integer(where.at(options, "window"), window, "window ('sentence', 'clause' or tokens)", 1,
                                200)
    else:
        window = None
    exclude = options.get("exclude_negated", True)
    if not isinstance(exclude, bool):
        raise where.at(options, "exclude_negated").error("exclude_negated must be true or false")
    once = options.get("excepted_once", False)
    if not isinstance(once, bool):
        raise where.at(options, "excepted_once").error("excepted_once must be true or false")
    return Compiled(spec, unless, window, exclude, once)


def evaluate(compiled: Compiled, ctx, params) -> Outcome:
    from checker.nlp.negation import polarity

    excepted = compiled.unless.mentions(ctx) if compiled.unless else []
    hits, seen = [], set()
    for m in compiled.spec.mentions(ctx):
        sentence = m.sentence
        where = (m.block, sentence.start)
        if where in seen:
            continue
        if compiled.exclude_negated and polarity(sentence, m.start, m.end) == "negated":
            continue
        if any(_near(m, u, compiled.window) for u in excepted):
            if compiled.excepted_once:
                return Outcome(True)
            continue
        seen.add(where)
        hits.append(Hit("violation", ctx.document.blocks[m.block].location, quote(m), {"value": m.text}))
    for hit in hits:
        hit.values["count"] = len(hits)
    return Outcome(True, hits)


def _near(match, other, window) -> bool:
    if other.block != match.block:
        return False
    if window is None or window == "clause":
        sentence = match.sentence
        if not sentence.start <= other.start < sentence.end:
            return False
        return window is None or clause_index(match.doc, match.end - 1) == clause_index(match.doc, other.start)
    return other.end > match.start - window and other.start < match.end + window

