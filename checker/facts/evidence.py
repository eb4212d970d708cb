"""Classified evidence spans: evidence.co_design, evidence.consultation_only, evidence.place,
evidence.market_engagement, evidence.capacity_building, evidence.consortia_welcome, evidence.consortia_barred,
evidence.reason_not_lotted, evidence.sme_vcse.

evidence.consultation_only: people were surveyed or consulted, and nothing rises to co-design.

Each is True with the first asserted quote (from body text: a heading names a topic and asserts nothing). Negated, hedged and future-only mentions ("co-design is not
required", "we may consider co-production in future") are not evidence (checker.nlp.negation).
"""

from __future__ import annotations

from checker import vocab
from checker.facts.base import Facts
from checker.facts.context import Context, fact
from checker.facts.scope import is_defined_boilerplate, is_subject_matter, out_of_scope
from checker.nlp.negation import polarity
from checker.nlp.text import says_no

# The words for each concept live in rules/vocab/<concept>.yaml (checker.vocab: phrases, patterns, regexes,
# unless and structural cues); this module keeps the structure around them.
CONCEPTS = ("co_design", "place", "market_engagement", "capacity_building", "sme_vcse")  # evidence.<concept>
STATEMENT_WORDS = 5  # a fact quotes the first statement that shows it, else the first shorter mention



def find(ctx: Context, facts: Facts) -> None:
    words = {name: vocab.get(name) for name in CONCEPTS}
    co_design, place = words["co_design"], words["place"]
    scan = ctx.scan()
    by_block: dict[int, list] = {}  # block -> (start, end, concept) of every vocabulary mention, in order
    for name, v in words.items():
        for m in scan.get(v.key, ()):
            by_block.setdefault(m.block, []).append((m.start, m.end, name))
    for hits in by_block.values():
        hits.sort()
    first: dict[str, object] = {}  # concept -> its first asserted statement
    short: dict[str, object] = {}  # concept -> its first asserted mention in a few words ("1.4 Evidence of need.")
    surveyed = None
    negative_rows = {id(s) for s in ctx.sentences if says_no(ctx.row_answer(s))}
    hospital_wards = _hospital_wards(ctx, place)
    for sent in ctx.sentences:
        if out_of_scope(sent):
            continue  # FOI, GDPR, TUPE or Armed Forces Covenant schedules and definitions assert no practice
        doc = sent.span.doc
        for start, end, name in by_block.get(sent.block_index, ()):
            if name in first or sent.block.kind == "heading" or not (sent.span.start <= start < sent.span.end):
                continue  # a heading names a topic; it asserts nothing
            if id(sent) in negative_rows or says_no(doc[end:sent.span.end].text.strip(" :|-–—\t")):
                continue  # "Market engagement | None undertaken", "Soft market testing: none"
            if is_defined_boilerplate(ctx, doc[start:end].text):
                continue  # "a Request for Information" where the document defines the term by the FOIA
            if name == "place" and doc[start].lower_.startswith("ward") and hospital_wards:
                continue  # "three acute mental health wards": a hospital ward is not a place
            if name == "co_design" and is_subject_matter(sent, doc[start].idx - sent.span.start_char,
                                                         doc[end - 1].idx + len(doc[end - 1]) - sent.span.start_char):
                continue  # "to deliver co-production training": what the contract buys, not how it was made
            if words[name].unless_in(sent.text):
                if name == "co_design":
                    surveyed = surveyed or sent  # "co-designed ... through an online survey" is consultation
                continue  # "the Council's commercial estate" is no place
            if polarity(sent.span, start, end) == "asserted":
                if _statement(sent):
                    first[name] = sent
                else:
                    short.setdefault(name, sent)
    first.update((name, sent) for name, sent in short.items() if name not in first)
    for name, sent in first.items():
        facts.add(fact(f"evidence.{name}", True, "bool", sent, f"evidence: {name} wording"))
    if "co_design" not in first:
        made_with = co_design.regex_any
        surveyed = surveyed or next((s for s in ctx.sentences if s.block.kind != "heading"
                                     and co_design.unless_in(s.text) and made_with.search(s.text)), None)
        consulted = _first_mentioned(ctx, scan, vocab.get("consultation")) or surveyed
        if consulted is not None:
            facts.add(fact("evidence.consultation_only", True, "bool", consulted,
                           "evidence: consultation without co-design"))
    if "place" not in first and (local := _first_asserted(ctx, place.cue("need_source"), negative_rows,
                                                          accept=place.cue("area"))) is not None:
        facts.add(fact("evidence.place", True, "bool", local, "evidence: a source showing need in a place"))
    _consortia(ctx, facts)
    reason = facts.get("lots.reason_not_divided")
    if reason is not None:
        facts.add(fact("evidence.reason_not_lotted", True, "bool", None, "evidence: lots reason", reason.evidence,
                       reason.location))


def _statement(sent) -> bool:
    """A sentence of five words or more: a quote that says something, not a label or a numbered title."""
    return sum(1 for t in sent.span if t.is_alpha) >= STATEMENT_WORDS


def _hospital_wards(ctx: Context, place: vocab.Vocabulary) -> bool:
    """True when the document's wards are hospital wards ('acute mental health wards', 'on the ward') and
    none is electoral ('the Eastbrook ward', 'ward councillors'): one sense of 'ward' per document."""
    clinical = electoral = False
    ward, clinical_before, clinical_after = place.cue("ward"), place.cue("clinical_before"), place.cue("clinical_after")
    electoral_before, electoral_after = place.cue("electoral_before"), place.cue("electoral_after")
    for sent in ctx.sentences:
        for m in ward.finditer(sent.text):
            before, after = sent.text[max(0, m.start() - 60):m.start()], sent.text[m.end():m.end() + 30]
            if clinical_before.search(before) or clinical_after.match(after):
                clinical = True
            elif electoral_after.match(after) or electoral_before.search(before):
                electoral = True
    return clinical and not electoral


def _first_asserted(ctx: Context, pattern: vocab.Regex, skip: set = frozenset(), accept: vocab.Regex | None = None):
    """The first body sentence whose leftmost match of pattern is asserted (and that accept also matches)."""
    for sent in ctx.sentences:
        if sent.block.kind == "heading" or id(sent) in skip or out_of_scope(sent):
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


def _first_mentioned(ctx: Context, scan: dict, words: vocab.Vocabulary):
    """The first body sentence holding an asserted mention of the vocabulary (none of its unless cues)."""
    hits: dict[int, list] = {}
    for m in scan.get(words.key, ()):
        hits.setdefault(m.block, []).append(m)
    for sent in ctx.sentences:
        mentions = [m for m in hits.get(sent.block_index, ()) if sent.span.start <= m.start < sent.span.end]
        if not mentions or sent.block.kind == "heading" or out_of_scope(sent) or words.unless_in(sent.text):
            continue
        if any(polarity(sent.span, m.start, m.end) == "asserted" for m in mentions):
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
    """Welcome or barred, judged from the words near the consortium or subcontracting mention (the cues of
    rules/vocab/consortia.yaml)."""
    words = vocab.get("consortia")
    mention, no_entity_needed, assignment = words.cue("mention"), words.cue("no_entity_needed"), words.cue("assignment")
    barred, welcome, undecided = words.cue("barred"), words.cue("welcome"), words.cue("undecided")
    found = set()
    for sent in ctx.find(mention):
        text = f"{sent.row_label}: {sent.text}" if sent.row_label else sent.text
        offset = len(text) - len(sent.text)
        for m in mention.finditer(text):
            lo = max(0, m.start() - 100)
            window = text[lo:m.end() + 160]
            if no_entity_needed.search(window):
                name = "evidence.consortia_welcome"  # "need not be a single legal entity": an open door
            elif assignment.search(window):
                continue  # a bar on assigning the contract says nothing about bidding together
            elif barred.search(window):
                name = "evidence.consortia_barred"
            elif not m.group(0).lower().startswith(("sub", "single")) and (w := welcome.search(window)) \
                    and _asserted_at(sent, lo + w.start() - offset, lo + w.end() - offset) and not undecided.search(window):
                name = "evidence.consortia_welcome"
            else:
                continue
            if name not in found:
                found.add(name)
                facts.add(fact(name, True, "bool", sent, "evidence: consortia"))
            break
