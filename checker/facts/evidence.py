"""Classified evidence spans: evidence.co_design, evidence.consultation_only, evidence.place,
evidence.market_engagement, evidence.capacity_building, evidence.consortia_welcome, evidence.consortia_barred,
evidence.reason_not_lotted, evidence.sme_vcse.

evidence.consultation_only: people were surveyed or consulted, and nothing rises to co-design.

Each is True with the first asserted quote (from body text: a heading names a topic and asserts nothing). Negated, hedged and future-only mentions ("co-design is not
required", "we may consider co-production in future") are not evidence (checker.nlp.negation).
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.facts.base import Facts
from checker.facts.context import NEGATIVE_ANSWER, Context, fact
from checker.facts.scope import is_defined_boilerplate, is_subject_matter, out_of_scope
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
    "place": ["joint strategic needs assessment", "jsna", "needs assessment", "local needs", "local need",
              "ward", "wards", "neighbourhood", "neighbourhoods", "locality", "localities", "place-based",
              "place based", "local growth plan", "local area", "local residents", "local communities",
              "local community", "local people", "parish", "parishes", "villages",
              "residents of", "census", "geographic lots", "geographical lots", "lot area", "their community"],
    "market_engagement": ["market engagement", "preliminary market engagement", "pre-market engagement",
                          "soft market testing", "market sounding", "market testing", "supplier day",
                          "supplier event", "bidder day", "bidders day", "meet the buyer", "market event",
                          "provider event", "provider forum", "engagement event for prospective providers",
                          "planned procurement notice", "prior information notice", "pme notice",
                          "request for information", "market warming", "supplier briefing", "bidder briefing",
                          "bidders' briefing", "supplier engagement", "provider engagement", "engagement session",
                          "market engagement session", "pre-tender event"],
    "capacity_building": ["capacity building", "capacity-building", "build capacity", "building capacity",
                          "bid support", "bid writing support", "bid-writing", "support to bid", "help to bid",
                          "help with bidding", "bid clinic", "bidding workshop", "tender training",
                          "one-to-one advice", "advice on quoting", "advice on bidding", "advice on tendering",
                          "supplier development", "market development", "support for smaller providers",
                          "support smaller organisations", "infrastructure organisation", "cvs support"],
    "sme_vcse": ["sme", "smes", "small and medium", "small and medium-sized", "vcse", "vcses", "voluntary sector",
                 "voluntary and community", "community sector", "social enterprise", "social enterprises",
                 "charities", "micro-businesses"],
}
# Consultation needs people on the other end: a land survey or a bidder questionnaire is not consultation.
_PEOPLE = (r"(?:residents?|service\s+users?|users?|people|(?:the\s+)?public|stakeholders?|communit(?:y|ies)|carers?|"
           r"patients?|families|citizens?|young\s+people|tenants?|parents?|clients?|customers?)")
SURVEY_MEANS = re.compile(r"\b(?:through|via|by\s+means\s+of|using|in\s+the\s+form\s+of|by)\s+(?:an?\s+|the\s+|our\s+)?"
                          r"(?:\w+\s+){0,4}?(?:survey|questionnaire|poll|consultation)s?\b", re.IGNORECASE)
CONSULTATION = re.compile(r"\b(?:survey(?:ed|s)?|consult(?:ed|ation|ations|ing)|questionnaires?|focus\s+groups?|"
                          r"listening\s+events?|engagement\s+(?:events?|sessions?|exercise))\b[^.;]{0,60}?\b" + _PEOPLE
                          + r"\b|\b" + _PEOPLE + r"\s+(?:survey|consultation|questionnaire|focus\s+groups?|"
                          r"engagement|feedback)\b|\bpublic\s+consultation\b", re.IGNORECASE)
# Made with the people the service is for, in words other than "co-design": "developed in partnership with people
# who use the service", "designed together with tenants", "shaped by people with lived experience".
_SERVED = (r"(?:(?:the\s+|local\s+|our\s+)?(?:people|residents?|service\s+users?|users|tenants|patients|carers|"
           r"families|young\s+people|children|parents|clients|survivors|victims|communit(?:y|ies)|citizens|"
           r"older\s+people|members\s+of\s+the\s+public))")
_MADE = r"(?:developed|designed|shaped|drawn\s+up|written|drafted|created|planned|produced|agreed)"
CO_DESIGN = re.compile(r"\b(?:developed|designed|shaped|written|drafted|created|built|planned|produced|co-?written|"
                       r"agreed)\s+(?:\w+\s+){0,2}?(?:(?:in\s+(?:partnership|collaboration)|together|jointly|side\s+by"
                       r"\s+side)\s+with|with|by|alongside)\s+" + _SERVED + r"\s+(?:who\s+(?:use|have\s+used|"
                       r"access|receive|rely\s+on)|with\s+(?:lived|direct|personal)\s+experience|using|of\s+the)"
                       r"|\b(?:co-?produced|co-?designed)\s+(?:with|by|alongside)\b"
                       # "developed in partnership with young carers", "designed jointly with local tenants"
                       r"|\b" + _MADE + r"\s+(?:\w+\s+){0,2}?(?:in\s+(?:partnership|collaboration)|together|jointly|"
                       r"side\s+by\s+side)\s+with\s+(?:\w+\s+){0,2}?" + _SERVED + r"\b"
                       # "developed with tenants at three workshops", "drawn up through workshops with carers"
                       r"|\b" + _MADE + r"\s+(?:\w+\s+){0,3}?(?:with|alongside)\s+(?:\w+\s+){0,2}?" + _SERVED
                       + r"\b[^.;]{0,40}?\b(?:workshops?|design\s+sessions?|co-?design)\b"
                       r"|\b" + _MADE + r"\s+(?:\w+\s+){0,3}?(?:through|via|at|in)\s+(?:\w+\s+){0,4}?workshops?\s+"
                       r"(?:with|involving|attended\s+by|led\s+by)\s+(?:\w+\s+){0,2}?" + _SERVED + r"\b"
                       r"|\bshaped\s+by\s+(?:\w+\s+){0,2}?(?:lived\s+experience|" + _SERVED + r")\b",
                       re.IGNORECASE)
# Engagement in other words: "a provider market day", "supplier open days", "webinars for potential suppliers",
# "we held two sessions with local providers" (an event with the market, not with the people served).
_MARKET = r"(?:providers?|suppliers?|bidders?|tenderers?|contractors?|the\s+market|organisations)"
MARKET_EVENT = re.compile(r"\b(?:provider|supplier|bidder|industry)s?['’]?\s+(?:(?:market|open|information|"
                          r"engagement)\s+)?(?:days?|events?|sessions?|briefings?|workshops?|webinars?|forums?|"
                          r"open\s+days?)\b"
                          r"|\b(?:webinars?|workshops?|events?|sessions?|briefings?|open\s+days?|drop-ins?)\s+(?:for|with)\s+"
                          r"(?:potential|prospective|interested|local|possible)\s+" + _MARKET + r"\b"
                          r"|\bheld\b[^.;]{0,60}?\b(?:with|for)\s+(?:potential\s+|prospective\s+|interested\s+|local\s+)?"
                          r"(?:providers|suppliers|bidders|tenderers|contractors)\b", re.IGNORECASE)
# Local evidence in the author's words: a named source that shows a need, and a place it shows it in
# ("the Locality Plans show that the island communities of ...", "our arrears data show that 61% of customers
# ... live in the Ridgeford estates", "the Resilience Index shows that volunteering in coastal towns has fallen").
NEED_SOURCE = re.compile(r"\b(?:data|index|indices|plans?|profiles?|assessments?|audits?|reviews?|figures|statistics|"
                         r"survey|analysis|research|census|records)\s+(?:\(?(?:19|20)\d\d(?:[/-](?:19|20)?\d\d)?\)?\s+|for\s+"
                         r"(?:19|20)\d\d(?:[/-]\d\d)?\s+)?(?:shows?|showed|found|finds|identif(?:y|ies|ied)|"
                         r"highlights?|highlighted|indicates?|indicated|reveals?|revealed)\b", re.IGNORECASE)
AREA = re.compile(r"\b(?:towns?|wards?|estates|boroughs?|districts?|villages?|communities|neighbourhoods?|areas?|"
                  r"regions?|county|city|islands?|valleys?|parish(?:es)?|localit(?:y|ies))\b"
                  r"|\b(?:in|across|of)\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+and\s+(?:the\s+)?[A-Z][a-z]+")
# A topic followed at once by a negative answer: "Soft market testing: none", "Market engagement None undertaken".
NEGATIVE_AFTER = re.compile(r"^\s*[:\-–|]?\s*(?:none|nil|n/a|no(?!\s+(?:later|less|more|fewer))|not\s+(?:undertaken|"
                            r"applicable|held|carried\s+out|planned|done))\b", re.IGNORECASE)
CONSORTIA = re.compile(r"\bconsorti(?:a|um)\b|\bsingle\s+legal\s+entity\b|\bjoint\s+(?:bids?|ventures?|tenders?|"
                       r"quotations?|quotes?|submissions?|applications?|proposals?|responses?|offers?)\b|\bsub-?contract\w*\b|"
                       r"\bpartnership\s+bids?\b|\bgroups?\s+of\s+(?:economic\s+operators|suppliers|providers|organisations|"
                       r"contractors)|\b(?:bid|tender|quote|apply|submit)\w*\s+(?:\w+\s+){0,2}?(?:together|jointly)\b|"
                       r"\b(?:groups|organisations|businesses|firms|companies|charities|providers|suppliers)\s+working\s+(?:together|jointly)\b",
                       re.IGNORECASE)
# "A consortium need not be a single legal entity", "does not need to form a legal entity before award"
NO_ENTITY_NEEDED = re.compile(r"\b(?:need\s+not|needn['’]t|does\s+not\s+need\s+to|do\s+not\s+need\s+to|is\s+not\s+"
                              r"required\s+to|are\s+not\s+required\s+to|will\s+not\s+be\s+required\s+to)\s+(?:be|form|"
                              r"become|constitute|set\s+up|create)\s+(?:a\s+)?(?:single\s+)?(?:separate\s+)?legal\s+"
                              r"entit(?:y|ies)", re.IGNORECASE)
# "shall not assign, novate or subcontract the Contract without consent": about the contract once let
ASSIGNMENT = re.compile(r"\b(?:assign|assignment|novat\w*|transfer)\b[^.;]{0,60}\bsub-?contract\w*"
                        r"|\bsub-?contract\w*\b[^.;]{0,30}\b(?:or|and|,)\s+(?:assign|novate|transfer)\w*\b", re.IGNORECASE)
BARRED = re.compile(r"\b(?:not|n[o’']t)\s+(?:be\s+)?(?:accepted|permitted|allowed|considered|acceptable|eligible|"
                    r"entertained)|\bprohibited\b|\bmust\s+not\b|\bcannot\b|\bno\s+sub-?contracting\b|\bsingle\s+legal"
                    r"\s+entity\b|\bonly\s+(?:accept|consider)\s+(?:bids|tenders)\s+from\s+(?:single|individual)|"
                    r"\b(?:will|does|do|shall)\s+not\s+(?:accept|consider)\b|\bunable\s+to\s+(?:accept|consider)\b"
                    r"|(?::|\bbids?|\bconsorti(?:a|um))\s*[:\-–]?\s*(?:no|not\s+(?:accepted|permitted|allowed))\W*$"
                    r"|\bnot\s+open\s+to\b|\b(?:may|can)\s*not\s+(?:bid|tender|apply|submit|quote|form|be\s+(?:accepted|"
                    r"considered|used|permitted|allowed))\b",
                    re.IGNORECASE)
WELCOME = re.compile(r"\bwelcom\w*|\bencourag\w*|\b(?:are|is|will\s+be)\s+(?:accepted|permitted|allowed|eligible|"
                     r"acceptable|invited)|\b(?:may|can)\s+(?:\w+\s+){0,3}?(?:bid|tender|apply|submit|quote)\b|"
                     r"\b(?:bid|tender|apply|quote)\s+(?:\w+\s+){0,2}?as\s+(?:a\s+)?(?:consortium|consortia)\b|"
                     r"\bopen\s+to\b|\bsupport\w*\s+(?:bids|consortia)|\bmay\s+be\s+(?:submitted|made|led|formed)\s+by\b"
                     r"|(?::|\bbids?|\bconsorti(?:a|um))\s*[:\-–]?\s*(?:yes|accepted|permitted|allowed|welcome\w*|no\s+restrictions?)\b|\b(?:happy|pleased)\s+to\s+(?:receive|accept)",
                     re.IGNORECASE)


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
    surveyed = None
    cache = {}
    negative_rows = {id(s) for s in ctx.sentences if (a := ctx.row_answer(s)) and NEGATIVE_ANSWER.match(a)}
    hospital_wards = _hospital_wards(ctx)
    for sent in ctx.sentences:
        if out_of_scope(sent):
            continue  # FOI, GDPR, TUPE or Armed Forces Covenant schedules and definitions assert no practice
        doc = sent.span.doc
        if id(doc) not in cache:
            cache[id(doc)] = matcher(doc)
        for match_id, start, end in cache[id(doc)]:
            name = vocab.strings[match_id]
            if name in first or sent.block.kind == "heading" or not (sent.span.start <= start < sent.span.end):
                continue  # a heading names a topic; it asserts nothing
            if id(sent) in negative_rows or NEGATIVE_AFTER.match(doc[end:].text[:60]):
                continue  # "Market engagement | None undertaken", "Soft market testing: none"
            if is_defined_boilerplate(ctx, doc[start:end].text):
                continue  # "a Request for Information" where the document defines the term by the FOIA
            if name == "place" and doc[start].lower_.startswith("ward") and hospital_wards:
                continue  # "three acute mental health wards": a hospital ward is not a place
            if name == "co_design" and is_subject_matter(sent, doc[start].idx - sent.span.start_char,
                                                         doc[end - 1].idx + len(doc[end - 1]) - sent.span.start_char):
                continue  # "to deliver co-production training": what the contract buys, not how it was made
            if name == "co_design" and SURVEY_MEANS.search(sent.text):
                surveyed = surveyed or sent
                continue  # "co-designed ... through an online survey" is consultation, whatever it is called
            if polarity(sent.span, start, end) == "asserted":
                first[name] = sent
    for name, sent in first.items():
        facts.add(fact(f"evidence.{name}", True, "bool", sent, f"evidence: {name} phrase"))
    if "co_design" not in first and (made_with := _first_asserted(ctx, CO_DESIGN, negative_rows,
                                                                                  reject=SURVEY_MEANS)) is not None:
        first["co_design"] = made_with
        facts.add(fact("evidence.co_design", True, "bool", made_with, "evidence: made with the people served"))
    if "co_design" not in first:
        surveyed = surveyed or next((s for s in ctx.find(CO_DESIGN) if SURVEY_MEANS.search(s.text)
                                     and s.block.kind != "heading"), None)
        consulted = _first_asserted(ctx, CONSULTATION) or surveyed
        if consulted is not None:
            facts.add(fact("evidence.consultation_only", True, "bool", consulted,
                           "evidence: consultation without co-design"))
    if "place" not in first and (local := _first_asserted(ctx, NEED_SOURCE, negative_rows,
                                                          accept=AREA)) is not None:
        facts.add(fact("evidence.place", True, "bool", local, "evidence: a source showing need in a place"))
    if "market_engagement" not in first and (met := _first_asserted(ctx, MARKET_EVENT, negative_rows)) is not None:
        facts.add(fact("evidence.market_engagement", True, "bool", met, "evidence: an event with the market"))
    _consortia(ctx, facts)
    reason = facts.get("lots.reason_not_divided")
    if reason is not None:
        facts.add(fact("evidence.reason_not_lotted", True, "bool", None, "evidence: lots reason", reason.evidence,
                       reason.location))


def _hospital_wards(ctx: Context) -> bool:
    """True when the document's wards are hospital wards ('acute mental health wards', 'on the ward') and
    none is electoral ('the Eastbrook ward', 'ward councillors'): one sense of 'ward' per document."""
    clinical = electoral = False
    for sent in ctx.sentences:
        for m in re.finditer(r"\bwards?\b", sent.text, re.IGNORECASE):
            before, after = sent.text[max(0, m.start() - 60):m.start()], sent.text[m.end():m.end() + 30]
            if re.search(r"\b(?:hospital|inpatient|in-patient|acute|psychiatric|clinical|surgical|maternity|stroke|"
                         r"dementia|rehabilitation|paediatric|mental\s+health)\s+(?:[\w-]+\s+){0,2}$", before,
                         re.IGNORECASE) or re.search(r"\b(?:on|onto|off)\s+(?:a|the|its|their|each)\s+$", before,
                                                     re.IGNORECASE) \
                    or re.match(r"\s*(?:rounds?|staff|managers?|sisters?|-based)\b", after, re.IGNORECASE):
                clinical = True
            elif re.match(r"\s*(?:councillors?|members?|boundar\w+|of\s+the\s+(?:borough|city|district|county|"
                          r"town)|profiles?)\b", after, re.IGNORECASE) \
                    or re.search(r"\b(?:electoral|[A-Z][a-z]+)\s+(?:and\s+[A-Z][a-z]+\s+)?$", before):
                electoral = True
    return clinical and not electoral


def _first_asserted(ctx: Context, pattern: re.Pattern, skip: set = frozenset(), reject: re.Pattern | None = None,
                    accept: re.Pattern | None = None):
    for sent in ctx.find(pattern):
        if sent.block.kind == "heading" or id(sent) in skip or (reject is not None and reject.search(sent.text)) \
                or out_of_scope(sent):
            continue
        if accept is not None and not accept.search(sent.text):
            continue
        m = pattern.search(sent.text)
        if m is None:
            continue
        span = sent.span.doc.char_span(sent.span.start_char + m.start(), sent.span.start_char + m.end(),
                                       alignment_mode="expand")
        if span is not None and polarity(sent.span, span.start, span.end) == "asserted":
            return sent
    return None


def _asserted_at(sent, start: int, end: int) -> bool:
    """checker.nlp.negation's judgement on sent.text[start:end] ('not decided ... are acceptable' is no welcome);
    words in a row label are taken as asserted."""
    if start < 0:
        return True
    doc = sent.span.doc
    span = doc.char_span(sent.span.start_char + start, sent.span.start_char + end, alignment_mode="expand")
    return span is None or polarity(sent.span, span.start, span.end) == "asserted"


def _consortia(ctx: Context, facts: Facts) -> None:
    """Welcome or barred, judged from the words near the consortium or subcontracting mention."""
    found = set()
    for sent in ctx.find(CONSORTIA):
        text = f"{sent.row_label}: {sent.text}" if sent.row_label else sent.text
        offset = len(text) - len(sent.text)
        for m in CONSORTIA.finditer(text):
            lo = max(0, m.start() - 100)
            window = text[lo:m.end() + 160]
            if NO_ENTITY_NEEDED.search(window):
                name = "evidence.consortia_welcome"  # "need not be a single legal entity": an open door
            elif ASSIGNMENT.search(window):
                continue  # a bar on assigning the contract says nothing about bidding together
            elif BARRED.search(window):
                name = "evidence.consortia_barred"
            elif not m.group(0).lower().startswith(("sub", "single")) and (
                    w := WELCOME.search(window)) and _asserted_at(sent, lo + w.start() - offset, lo + w.end() - offset) \
                    and not re.search(r"\b(?:may|might|could)\s+(?:consider|be\s+considered)|\bwhether\b",
                                      window, re.IGNORECASE):
                name = "evidence.consortia_welcome"
            else:
                continue
            if name not in found:
                found.add(name)
                facts.add(fact(name, True, "bool", sent, "evidence: consortia"))
            break
