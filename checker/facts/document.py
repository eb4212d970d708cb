"""Whether the document is a tender at all: document.not_a_tender.

Decided from vocabulary and structure, conservatively: a document is NOT a tender only when it is long enough
to judge (MIN_WORDS), none of the procurement facts is found (weightings or criteria, a tender deadline, a
contract value, lots, a procurement regime) and it uses fewer than MIN_TERMS distinct terms of tendering
(rules/vocab/tender.yaml: tender, bid, quotation, procurement, award criteria, specification, ...). A software
manual or an annual report has none of these; the thinnest real tender document (a Q&A addendum, a pricing
schedule, a contract notice) has several. Being wrong the other way is cheap (a tender's usual findings), so
every doubt counts as a tender.

A document whose structure makes it one of the narrow kinds of tender document (a pricing schedule, a form, an
addendum, contract terms: checker.kinds) is never judged not a tender.

document.kind: what the document is (checker.kinds: ITT, specification, contract terms, pricing schedule, form,
notice, addendum, other; a tender pack is 'pack'), with what decided it in the fact's source. The rules that look
for something missing say which kinds should hold it (applies_to: kinds) and skip the others.
"""

from __future__ import annotations

from checker import vocab
from checker.facts.base import Fact, Facts

MIN_WORDS = 150  # shorter is too little to judge: treated as a tender
MIN_TERMS = 2  # distinct tendering terms that make a document a tender
SIGNAL_FACTS = ("evaluation.price_pct", "evaluation.quality_pct", "evaluation.social_value_pct",
                "evaluation.criteria", "timeline.deadline_date", "contract.value_total_gbp", "lots.count",
                "procurement.regime")


def tender_terms(texts) -> dict[int, str]:
    """The distinct tendering terms the texts use: the index of each vocabulary regex that matches, with the
    first text it matched."""
    words = vocab.get("tender")
    found: dict[int, str] = {}
    for text in texts:
        for i, regex in enumerate(words.regex):
            if i not in found and (m := regex.search(text)) is not None:
                found[i] = m.group(0)
        if len(found) >= MIN_TERMS:
            break
    return found


def judge(texts, signal_facts: bool) -> tuple[bool, str]:
    """(not a tender, why) for a document's body texts."""
    words = sum(len(t.split()) for t in texts)
    if words < MIN_WORDS or signal_facts:
        return False, ""
    terms = tender_terms(texts)
    if len(terms) >= MIN_TERMS:
        return False, ""
    used = f" (only \"{next(iter(terms.values()))}\")" if terms else ""
    return True, (f"{words:,} words with no invitation to tender, award criteria, submission deadline, contract "
                  f"value or procurement regime, and no more than one word of tendering{used}")


def find(ctx, facts: Facts) -> None:
    from checker.kinds import NARROW

    kind, why = document_kind(ctx.document)
    facts.add(Fact("document.kind", kind, "category", evidence="", source=f"document: {why}"))
    texts = [b.text for b in ctx.document.body_blocks]
    # a schedule of prices, a form, an addendum or contract clauses, told by its structure, is part of a tender
    # even when it uses few words of tendering
    signal = kind in NARROW or any(facts.get(name) is not None for name in SIGNAL_FACTS)
    not_tender, why = judge(texts, signal)
    if not_tender:
        facts.add(Fact("document.not_a_tender", True, "bool", evidence="", source=f"document: {why}"))


def document_kind(document) -> tuple[str, str]:
    """(kind, why) for a document; a tender pack is judged as a whole ('pack'), its members each have a kind."""
    if document.format == "pack":
        return "pack", "a tender pack, checked as one tender (each member has its own kind)"
    from checker.kinds import classify

    found = classify(document)
    return found.kind, found.reason
