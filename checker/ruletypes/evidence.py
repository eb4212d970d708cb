"""evidence: something good must be present, asserted rather than negated or hedged.

With `fact: evidence.co_design` the fact finder is the judge: the rule passes when the document has that fact
(checker/facts/evidence.py applies the vocabulary, negation, scope and the rest), and otherwise points at the
first mention of its words (`vocab:` or its own phrases), counted or not, so a reader sees what was discounted.
Without `fact`, the rule counts mentions of its own words as follows.

Fewer than `min_matches` distinct asserted mentions is a finding at document level. When pages could not be
read the finding is a review, because the evidence may sit on those pages. A mention whose sentence also holds
an `unless` phrase or `unless_regex` match does not count ("co-designed ... through an online survey" is a
survey, not co-design). A mention
that labels a table row whose answer is "None", "No", "N/A" or "Not undertaken" is the thing's absence, not
evidence of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.model import Location
from checker.nlp.text import row_answer, says_no
from checker.ruletypes import matching, schema
from checker.ruletypes.base import Hit, Outcome, quote, unread_note

NAME = "evidence"
OPTIONS = ("fact", "vocab", "phrases", "patterns", "regex", "scope", "sections", "min_matches", "exclude_negated",
           "unless", "unless_patterns", "unless_regex")
PLACEHOLDERS = ("count", "min_matches")


@dataclass(frozen=True)
class Compiled:
    spec: matching.MatchSpec | None
    min_matches: int
    exclude_negated: bool
    unless: matching.MatchSpec | None = None
    fact: str | None = None  # the fact whose presence is the evidence; mentions then only point


def build(where, options, bctx) -> Compiled:
    schema.keys(where, options, "options", OPTIONS)
    fact = schema.fact_name(where.at(options, "fact"), options["fact"], "fact") if "fact" in options else None
    if fact is not None and "min_matches" in options:
        raise where.at(options, "min_matches").error("min_matches counts the rule's own mentions; with fact, "
                                                     "the fact alone decides")
    spec = matching.build(where, options, f"{bctx.rule_id}/evidence", bctx.bank, required=fact is None)
    min_matches = schema.integer(where.at(options, "min_matches"), options.get("min_matches", 1), "min_matches",
                                 1, 1000)
    exclude = options.get("exclude_negated", True)
    if not isinstance(exclude, bool):
        raise where.at(options, "exclude_negated").error("exclude_negated must be true or false")
    unless = matching.build_unless(where, options, f"{bctx.rule_id}/evidence-unless", bctx.bank)
    return Compiled(spec, min_matches, exclude, unless, fact)


def evaluate(compiled: Compiled, ctx, params) -> Outcome:
    from checker.nlp.negation import polarity

    if compiled.fact is not None and compiled.fact in ctx.facts:
        return Outcome(True)  # the fact finder found the evidence
    asserted, discounted = [], []  # asserted: distinct (overlapping mentions in one block count once)
    excepted = compiled.unless.mentions(ctx) if compiled.unless else []
    for m in distinct(compiled.spec.mentions(ctx) if compiled.spec else ()):
        negated = compiled.exclude_negated and polarity(m.sentence, m.start, m.end) != "asserted"
        if negated or _answered_no(ctx.document, m) or any(_same_sentence(m, u) for u in excepted):
            discounted.append(m)
            continue
        asserted.append(m)
        if compiled.fact is None and len(asserted) >= compiled.min_matches:
            return Outcome(True)  # enough evidence: the rest of the document need not be judged
    count = len(asserted)
    values = {"count": count, "min_matches": compiled.min_matches}
    note = unread_note(ctx.document)
    hit = Hit("review" if note else "violation", Location(), "", values)
    shown = asserted or discounted  # point at what was found, e.g. "co-design is not required"
    if shown:
        block = ctx.document.blocks[shown[0].block]
        hit.location, hit.evidence = block.location, quote(shown[0])
    if note:
        hit.values["note"] = note
    return Outcome(True, [hit])


def _answered_no(document, mention) -> bool:
    """A label whose answer says the thing is absent: a table row ("Market engagement | None undertaken") or,
    where a PDF table came out as text, the rest of the line ("Market engagement: none")."""
    sentence = mention.sentence
    if says_no(mention.doc[mention.end:sentence.end].text.strip(" :|-–—\t")):
        return True
    return says_no(row_answer(document, document.blocks[mention.block]))

def _same_sentence(mention, other) -> bool:
    sentence = mention.sentence
    return other.block == mention.block and sentence.start <= other.start < sentence.end


def distinct(mentions) -> list:
    """Overlapping mentions in one block count once ("co-design" inside "co-designed with")."""
    out = []
    for m in sorted(mentions, key=lambda m: (m.block, m.start, -m.end)):
        if out and out[-1].block == m.block and m.start < out[-1].end:
            continue
        out.append(m)
    return out
