"""Classified evidence spans: evidence.co_design, evidence.consultation_only, evidence.place,
evidence.market_engagement, evidence.capacity_building, evidence.consortia_welcome, evidence.consortia_barred,
evidence.reason_not_lotted, evidence.sme_vcse.

Each is True with the first asserted quote. Negated, hedged and future-only mentions ("co-design is not
required", "we may consider co-production in future") are not evidence (checker.nlp.negation).
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.facts.base import Facts
from checker.facts.context import Context, fact
from checker.nlp.negation import polarity

PHRASES = {
    "co_design": ["co-design", "co-designed", "co-designing", "codesign", "codesigned", "co design", "co designed",
                  "co-production", "co-produced", "co-producing", "co-produce", "coproduction", "coproduced",
                  "co production", "lived experience", "experts by experience", "expert by experience",
                  "service user panel", "service users panel", "people with lived experience", "you said, we did",
                  "you said we did", "designed with service users", "designed with residents",
                  "designed together with", "developed with service users", "developed with residents",
                  "developed jointly with", "user-led", "community-led design", "citizens' panel",
                  "citizens panel"],
    "consultation": ["survey", "surveyed", "surveys", "questionnaire", "consultation", "consulted", "focus group",
                     "focus groups", "public engagement", "engagement events", "engagement sessions",
                     "listening events", "feedback from residents", "feedback from service users"],
    "place": ["joint strategic needs assessment", "jsna", "needs assessment", "local needs", "local need",
              "ward", "wards", "neighbourhood", "neighbourhoods", "locality", "localities", "place-based",
              "place based", "local growth plan", "local area", "local residents", "local communities",
              "local community", "local economy", "local people"],
    "market_engagement": ["market engagement", "preliminary market engagement", "pre-market engagement",
                          "soft market testing", "market sounding", "market testing", "supplier day",
                          "supplier event", "bidder day", "bidders day", "meet the buyer", "market event",
                          "provider event", "provider forum", "engagement event for prospective providers",
                          "planned procurement notice", "prior information notice", "pme notice",
                          "request for information", "market warming"],
    "capacity_building": ["capacity building", "capacity-building", "build capacity", "building capacity",
                          "bid support", "bid writing support", "bid-writing", "support to bid", "bidder briefing",
                          "briefing session", "bidders' briefing", "supplier development", "market development",
                          "support for smaller providers", "support smaller organisations", "mentoring",
                          "infrastructure organisation", "cvs support"],
    "sme_vcse": ["sme", "smes", "small and medium", "small and medium-sized", "vcse", "vcses", "voluntary sector",
                 "voluntary and community", "community sector", "social enterprise", "social enterprises",
                 "charities", "micro-businesses"],
}
CONSORTIA = re.compile(r"\bconsorti(?:a|um)\b|\bjoint\s+(?:bids?|ventures?|tenders?)\b|\bsub-?contract\w*\b|"
                       r"\bpartnership\s+bids?\b|\bgroup\s+of\s+(?:economic\s+operators|suppliers|providers)", re.IGNORECASE)
BARRED = re.compile(r"\b(?:not|n[o’']t)\s+(?:be\s+)?(?:accepted|permitted|allowed|considered|acceptable|eligible|"
                    r"entertained)|\bprohibited\b|\bmust\s+not\b|\bcannot\b|\bno\s+sub-?contract|\bsingle\s+legal"
                    r"\s+entity\b|\bonly\s+(?:accept|consider)\s+(?:bids|tenders)\s+from\s+(?:single|individual)|"
                    r"\bwill\s+not\s+(?:accept|consider)\b", re.IGNORECASE)
WELCOME = re.compile(r"\bwelcom\w*|\bencourag\w*|\b(?:are|is|will\s+be)\s+(?:accepted|permitted|allowed|eligible|"
                     r"acceptable|invited)|\bmay\s+(?:bid|tender|apply|submit)|\bcan\s+(?:bid|tender|apply|submit)|"
                     r"\bopen\s+to\b|\bsupport\w*\s+(?:bids|consortia)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _matcher():
    from spacy.matcher import PhraseMatcher

    from checker.nlp.pipeline import get_nlp

    nlp = get_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for name, phrases in PHRASES.items():
        matcher.add(name, list(nlp.tokenizer.pipe(phrases)))
    return matcher, nlp.vocab


def find(ctx: Context, facts: Facts) -> None:
    matcher, vocab = _matcher()
    first: dict[str, object] = {}
    cache = {}
    for sent in ctx.sentences:
        doc = sent.span.doc
        if id(doc) not in cache:
            cache[id(doc)] = matcher(doc)
        for match_id, start, end in cache[id(doc)]:
            name = vocab.strings[match_id]
            if name in first and first[name].block.kind != "heading" or not (sent.span.start <= start < sent.span.end):
                continue
            if polarity(sent.span, start, end) == "asserted" and (name not in first or sent.block.kind != "heading"):
                first[name] = sent
    for name, sent in first.items():
        if name != "consultation":
            facts.add(fact(f"evidence.{name}", True, "bool", sent, f"evidence: {name} phrase"))
    if "consultation" in first and "co_design" not in first:
        facts.add(fact("evidence.consultation_only", True, "bool", first["consultation"],
                       "evidence: consultation without co-design"))
    _consortia(ctx, facts)
    reason = facts.get("lots.reason_not_divided")
    if reason is not None:
        facts.add(fact("evidence.reason_not_lotted", True, "bool", None, "evidence: lots reason", reason.evidence,
                       reason.location))


def _consortia(ctx: Context, facts: Facts) -> None:
    found = set()
    for sent in ctx.find(CONSORTIA):
        if BARRED.search(sent.text):
            name = "evidence.consortia_barred"
        elif WELCOME.search(sent.text) and polarity(sent.span, sent.span.start, sent.span.start) != "hedged":
            name = "evidence.consortia_welcome"
        else:
            continue
        if name not in found:
            found.add(name)
            facts.add(fact(name, True, "bool", sent, "evidence: consortia"))
