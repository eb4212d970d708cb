"""Conditions of participation: selection.min_turnover_gbp, selection.insurance, selection.audited_accounts,
selection.experience_required, selection.accreditations."""

from __future__ import annotations

import re

from checker import vocab
from checker.facts.base import Facts
from checker.facts.context import Context, Sentence, fact, gbp
from checker.nlp.negation import polarity
from checker.nlp.numbers import parse_number

TURNOVER = re.compile(r"\bturnover\b", re.IGNORECASE)
MINIMUM = re.compile(r"\b(?:minimum|at\s+least|not\s+less\s+than|no\s+less\s+than|in\s+excess\s+of|exceed\w*|"
                     r"more\s+than|over|above|must\s+(?:have|demonstrate|show)|required|requirement|or\s+(?:more|"
                     r"greater|above))\b", re.IGNORECASE)
NO_TURNOVER_DEMAND = re.compile(r"\b(?:no|not\s+(?:\w+\s+){0,2}?(?:set|require|ask\s+for|impose|request|seek|apply|"
                                r"use|have))\s+(?:a\s+|any\s+)?(?:minimum\s+)?(?:level\s+of\s+)?(?:annual\s+)?"
                                r"turnover\b", re.IGNORECASE)
# Turnover stated against the contract's value: "at least twice the annual contract value", "2x the value".
MULTIPLE_WORDS = {"twice": 2, "double": 2, "treble": 3, "triple": 3, "thrice": 3, "one and a half times": 1.5}
MULTIPLE = re.compile(r"(?P<n>twice|double|treble|triple|thrice|one\s+and\s+a\s+half\s+times|\d+(?:\.\d+)?|"
                      r"one|two|three|four|five)\s*(?:x|×|times)?\s+(?:that\s+of\s+)?(?:the\s+)?(?P<base>(?:\w+[\s-]+){0,3}?"
                      r"(?:contract|lot|estimated|annual|total|whole[\s-]life)\s+(?:\w+\s+)?(?:value|price|budget)"
                      r"|(?:annual\s+|total\s+)?value\s+of\s+(?:the\s+|this\s+|each\s+)?(?:contract|lot|framework))\b",
                      re.IGNORECASE)
# "... the annual value of the lot or lots they bid for": the base named after the match
LOT_AFTER = re.compile(r"\s+(?:of|for)\s+(?:the|this|each|a|any|every|your|their|that|relevant|individual|\s)*lots?\b",
                       re.IGNORECASE)
Q = r"(?:\([^()]{1,40}\)\s*)?"  # a qualifier inside a type's name: "employer's (compulsory) liability"
INSURANCE_TYPES = (
    ("employer's liability", re.compile(rf"employer[’']?s?[’']?\s+{Q}liability", re.IGNORECASE)),
    ("public liability", re.compile(rf"public\s+{Q}(?:and\s+products?\s+)?liability", re.IGNORECASE)),
    ("product liability", re.compile(rf"products?\s+{Q}liability", re.IGNORECASE)),
    ("professional indemnity", re.compile(rf"professional\s+{Q}(?:indemnity|liability)", re.IGNORECASE)),
    ("motor", re.compile(r"motor\s+(?:vehicle\s+)?insurance|vehicle\s+insurance|automobile\s+liability", re.IGNORECASE)),
    ("cyber", re.compile(r"cyber\s+(?:liability\s+)?insurance", re.IGNORECASE)),
)
# types named together that share the amount after the last: "public liability and product liability of £5m each"
SHARED_GAP = 50  # "... insurance of not less than £5m": the shared amount follows the last type closely
COORDINATED = re.compile(r"\s*(?:insurances?\s*)?(?:,|/|&|\band/or\b|\band\b|\bor\b)\s*(?:(?:and|or)\s+)?", re.IGNORECASE)
EXPERIENCE = re.compile(r"\b(?:experience|track\s+record|(?:previous|prior|comparable|similar|existing)\s+"
                        r"(?:\w+\s+){0,3}?contracts?|contracts?\s+of\s+(?:a\s+)?(?:similar|comparable)|references?)\b",
                        re.IGNORECASE)
REQUIRED = re.compile(r"\b(?:must|shall|required|requirement|minimum|at\s+least|need\s+to|will\s+need|mandatory|"
                      r"essential|only\s+(?:bidders|suppliers|tenderers))\b", re.IGNORECASE)
YEARS = re.compile(r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\(\d+\)\s*)?\+?\s*years?[’']?"
                   r"\s*(?:of\s+)?(?:\w+\s+){0,2}?(?:experience|track\s+record)", re.IGNORECASE)
CONTRACTS = re.compile(r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\(\d+\)\s*)?"
                       r"(?:\w+\s+){0,3}?(?:contracts|projects|references|engagements)", re.IGNORECASE)
PUBLIC_SECTOR = re.compile(r"public\s+sector|local\s+authorit|government|council|nhs", re.IGNORECASE)
THIS_AUTHORITY = re.compile(r"(?:with|for|by)\s+(?:the|this)\s+(?:council|authority|trust|department|buyer|"
                            r"contracting\s+authority)\b", re.IGNORECASE)
ACCREDITATIONS = re.compile(
    r"\bISO\s*/?\s*(?:IEC\s*)?\d{4,5}(?::\d{4})?|\bBS\s*EN\s*ISO\s*\d{4,5}|\bBS\s*\d{4,5}|\bCyber\s+Essentials(?:\s+Plus)?"
    r"|\bCHAS\b|\bSafeContractor\b|\bConstructionline(?:\s+(?:Gold|Silver))?|\bSMAS\b|\bSSIP\b|\bAcclaim\b"
    r"|\bInvestors\s+in\s+People\b|\bOHSAS\s*18001\b|\bCQC\s+regist\w+|\bLiving\s+Wage\s+(?:Employer\s+)?accredit\w*"
    r"|\bPAS\s*\d{2,4}\b|\bMatrix\s+Standard\b|\bQuality\s+Mark\b|\bNICEIC\b|\bGas\s+Safe\b|\bSIA\s+licen[cs]\w*"
    r"|\bPQASSO\b|\bTrusted\s+Charity\b|\bFORS\b|\bDBS\s+(?:check\w*|clearance)\b|\bUKAS\b", re.IGNORECASE)
EQUIVALENT = re.compile(r"\bor\s+(?:an?\s+)?equivalent|\bor\s+equal|\bequivalent\s+(?:standard|accreditation|"
                        r"certification|scheme)|\bor\s+(?:be\s+able\s+to\s+)?demonstrate\s+equivalent", re.IGNORECASE)


def find(ctx: Context, facts: Facts) -> None:
    _turnover(ctx, facts)
    _insurance(ctx, facts)
    _audited(ctx, facts)
    _experience(ctx, facts)
    _accreditations(ctx, facts)


def _turnover(ctx: Context, facts: Facts) -> None:
    for sent in ctx.find(TURNOVER):
        if NO_TURNOVER_DEMAND.search(sent.context):
            continue  # "We do not set a minimum turnover, and organisations with an income below £200,000 ..."
        amounts = [e for e in sent.ents("MONEY") if gbp(e) and e._.value >= 1000]
        if amounts and MINIMUM.search(sent.context):
            facts.add(fact("selection.min_turnover_gbp", amounts[0]._.value, "GBP", sent, "selection: turnover"))
            return
        if (m := MULTIPLE.search(sent.context)) and MINIMUM.search(sent.context) and not re.search(
                r"\b(?:not|never)\s+(?:\w+\s+)?(?:ask|require|request|seek|set|impose)\b", sent.context):
            _turnover_multiple(m, sent, facts)
            return


def _turnover_multiple(m: re.Match, sent: Sentence, facts: Facts) -> None:
    """'at least twice the annual contract value': the multiple, and the GBP figure when the value is known
    (annual unless the text says the total; a turnover is a yearly figure)."""
    word = m.group("n").lower()
    n = MULTIPLE_WORDS.get(word) or parse_number(word)
    if not n or not 0.1 <= n <= 20:
        return
    facts.add(fact("selection.turnover_multiple", n, "ratio", sent, "selection: turnover as a multiple of value"))
    whole = bool(re.search(r"total|whole[\s-]life|lifetime|aggregate", m.group("base"))) \
        and not re.search(r"annual|yearly|per\s+annum", m.group("base"))
    name = "contract.value_total_gbp" if whole else "contract.value_annual_gbp"
    after = sent.context[m.end():m.end() + 50]
    of_lot = re.search(r"\blots?\b", m.group("base")) or LOT_AFTER.match(after)
    base = None if of_lot else facts.value(name)  # a lot's value is not the contract's
    if base:
        basis = "total" if whole else "annual"
        facts.add(fact("selection.min_turnover_gbp", round(n * base, 2), "GBP", sent,
                       f"selection: turnover {n:g} x the {basis} contract value"))


def _when(texts: list[str]) -> str | None:
    """'award' or 'bid' from the first of texts (the sentence, then the text that governs it: its table row, the
    sentence introducing its list or table, the one after) that says either. Award words (by award, from the
    contract's start by any name, the successful bidder, certificates not to be sent with the bid) come before
    bid words (sent with the bid, held at the time of bidding, or KIL-3.11's own words); a bare demand to hold
    cover ("must hold", no time) says bid only when none of the texts says either."""
    words = vocab.get("insurance_at_bid")  # KIL-3.11's words: its unless words say award, the rest bid
    at_award, at_bid, held = words.unless_any, words.cue("at_bid"), words.cue("held")
    texts = [t for t in texts if t]
    for text in texts:
        if at_award.search(text):
            return "award"
        if at_bid.search(text) or words.words_any.search(text):
            return "bid"
    return "bid" if any(held.search(t) for t in texts) else None


def _insurance(ctx: Context, facts: Facts) -> None:
    items, where, seen = [], [], set()
    for i, sent in enumerate(ctx.sentences):
        hits = sorted((m.start(), m.end(), name) for name, p in INSURANCE_TYPES for m in p.finditer(sent.context))
        if not hits:
            continue
        texts = [sent.text, *_lead_in(ctx, i)]
        for (_, _, name), amount in zip(hits, _amounts(sent, hits)):
            if name in seen:
                for item in items:
                    if item["type"] == name and item["amount_gbp"] is None:
                        item["amount_gbp"] = amount
                continue
            seen.add(name)
            items.append({"type": name, "amount_gbp": amount, "when": _when(texts)})
            where.append(sent)
    if any(item["amount_gbp"] is not None for item in items):
        # the levels of cover asked for: a type named with no level beside ones with a level ("and motor
        # insurance for the vehicles") is no level; a document that names no level keeps its types and timing
        where = [s for s, item in zip(where, items) if item["amount_gbp"] is not None]
        items = [item for item in items if item["amount_gbp"] is not None]
    if items:
        facts.add(fact("selection.insurance", items, "list", where[0], "selection: insurance"))


def _amounts(sent: Sentence, hits: list[tuple[int, int, str]]) -> list[float | None]:
    """The amount of each type named in the sentence: "public liability of £10m" (after the type, before the next
    one), else "£10m public liability" (just before it, unless the type before took it); types joined by "and",
    "or" or a comma with no amount of their own share the next one's when it follows close ("public and product
    liability of £5m each"); a lone type takes the sentence's first amount."""
    offset = len(sent.context) - len(sent.lower)  # row label prefix length in context
    amounts = [e for e in sent.ents("MONEY") if gbp(e)]
    rel = [(e.start_char - sent.span.start_char + offset, e.end_char - sent.span.start_char + offset, e)
           for e in amounts]
    out: list[tuple[float | None, int | None]] = []  # (amount, where it starts)
    for n, (pos, _, _) in enumerate(hits):
        end = hits[n + 1][0] if n + 1 < len(hits) else len(sent.context)
        found = next(((e._.value, a) for a, _, e in rel if pos <= a < end), None)
        if found is None:  # just before it, unless the type before took it: "£5m, and vehicle insurance"
            taken = out[-1][1] if out else None
            found = next(((e._.value, a) for a, b, e in rel if pos - 8 <= b <= pos and a != taken), None)
        if found is None and len(hits) == 1 and amounts:
            found = (amounts[0]._.value, None)
        out.append(found or (None, None))
    # an amount close after a type can be shared by the types coordinated before it
    close = [at is not None and 0 <= at - hit[1] <= SHARED_GAP for (_, at), hit in zip(out, hits)]
    for n in range(len(hits) - 2, -1, -1):
        if out[n][0] is None and close[n + 1] and COORDINATED.fullmatch(sent.context[hits[n][1]:hits[n + 1][0]]):
            out[n], close[n] = out[n + 1], True
    return [amount for amount, _ in out]


def _lead_in(ctx: Context, i: int) -> list[str]:
    """The text that says when insurance must be held, nearest first: for a table cell, its row (a "Required by"
    column), the sentences just before its table ("must submit copies ... with their tender") and the first one
    after it; for a list item, see _list_lead_in; for a sentence, the next one in its block ("Evidence of cover
    must be provided prior to contract commencement"), and for a short line in a run of them (a table read as
    lines), the sentence ending with a colon that introduces the run and the first one after it."""
    sent = ctx.sentences[i]
    if sent.block.kind == "list_item":
        return _list_lead_in(ctx, i)
    if sent.block.kind != "table_cell":
        nxt = ctx.sentences[i + 1] if i + 1 < len(ctx.sentences) else None
        return [nxt.text if nxt is not None and nxt.block_index == sent.block_index else "", *_lines_lead_in(ctx, i)]
    table, row = sent.block.location.table, sent.block.location.row
    cells = [s.context for s in ctx.sentences[max(0, i - 40):i + 40]
             if s.block.kind == "table_cell" and s.block.location.table == table and s.block.location.row == row]
    before = [s.text for s in ctx.sentences[max(0, i - 40):i]
              if s.block.kind != "table_cell" or s.block.location.table != table]
    after = next((s for s in ctx.sentences[i + 1:]
                  if s.block.kind != "table_cell" or s.block.location.table != table), None)
    return [" ".join(cells), " ".join(before[-2:]), _unless_heading(after)]


def _unless_heading(sent: Sentence | None) -> str:
    """A sentence's text, or nothing for a heading (a new section is not about the table or list above it)."""
    return sent.text if sent is not None and sent.block.kind != "heading" else ""


LINE_MAX = 160  # a line of a table the extractor read as paragraphs: "Public liability £5,000,000 per claim"


def _lines_lead_in(ctx: Context, i: int) -> list[str]:
    """For a short paragraph in a run of short paragraphs (a table whose rows came out as lines, its header row
    perhaps as a heading): the sentence ending with a colon just above the run, which governs it ("... at least
    the cover set out below:"), and the first sentence after the run; nothing when no such sentence introduces
    the run."""
    blocks = ctx.document.blocks
    here = ctx.sentences[i].block_index

    def line(k: int) -> bool:
        return blocks[k].kind == "paragraph" and len(blocks[k].text) <= LINE_MAX

    if not line(here):
        return []
    start = here
    while start > 0 and line(start - 1) and not blocks[start - 1].text.rstrip().endswith(":"):
        start -= 1
    intro = start - 1
    if intro >= 0 and blocks[intro].kind == "heading" and not blocks[intro].text.rstrip().endswith(":"):
        intro -= 1  # a header row read as a heading, just under the sentence that introduces the table
    if intro < 0 or not blocks[intro].text.rstrip().endswith(":"):
        return []
    end = here
    while end + 1 < len(blocks) and line(end + 1):
        end += 1
    lead = next((s.text for s in reversed(ctx.sentences[:i]) if s.block_index == intro), "")
    after = next((s for s in ctx.sentences[i + 1:] if s.block_index > end), None)
    return [lead, _unless_heading(after)]


def _list_lead_in(ctx: Context, i: int) -> list[str]:
    """A list item is governed by the sentence that introduces its list ('The following cover must be uploaded
    with your tender:') and by the first sentence after the list ('Certificates are needed before the contract
    starts.'): each item alone rarely says when."""
    blocks = ctx.document.blocks
    here = ctx.sentences[i].block_index
    own = " ".join(s.text for s in ctx.sentences[i + 1:i + 3] if s.block_index == here)
    start = end = here
    while start > 0 and blocks[start - 1].kind == "list_item" and not blocks[start - 1].text.rstrip().endswith(":"):
        start -= 1  # a nested list's introduction is itself an item that ends with a colon
    while end + 1 < len(blocks) and blocks[end + 1].kind == "list_item":
        end += 1
    before = next((s.text for s in reversed(ctx.sentences[:i]) if s.block_index < start
                   and s.block.kind not in ("heading", "table_cell")), "")
    after = next((s.text for s in ctx.sentences[i + 1:] if s.block_index > end), "")
    # the item's own next sentence, then the introducing sentence, then the one after the list
    return [own, before if len(before) < 400 else "", after]


def _audited(ctx: Context, facts: Facts) -> None:
    """The first demand for audited accounts, in the words of rules/vocab/audited_accounts.yaml (which KIL-3.10
    reads too); its unless words (only where required by law, where available, management accounts) make it no
    demand of every bidder."""
    words = vocab.get("audited_accounts")
    for sent in ctx.find(words.words_any):
        m = words.words_any.search(sent.text)
        if not m:
            continue
        tok = sent.span.doc.char_span(m.start() + sent.span.start_char, m.end() + sent.span.start_char,
                                      alignment_mode="expand")
        asserted = polarity(sent.span, tok.start, tok.end) == "asserted" and not words.unless_any.search(sent.text)
        facts.add(fact("selection.audited_accounts", asserted, "bool", sent,
                       "selection: audited accounts" + ("" if asserted else " (not demanded, or only where required)")))
        return


def _experience(ctx: Context, facts: Facts) -> None:
    for sent in ctx.find(EXPERIENCE):
        if not REQUIRED.search(sent.text) or polarity(sent.span, sent.span.start, sent.span.start + 1) == "negated":
            continue
        years = YEARS.search(sent.text)
        contracts = CONTRACTS.search(sent.text)
        if not (years or contracts or PUBLIC_SECTOR.search(sent.text) or THIS_AUTHORITY.search(sent.text)
                or re.search(r"\b(?:demonstrable|proven|relevant|previous|prior|comparable|similar)\s+"
                             r"(?:experience|contracts?|track)", sent.text, re.IGNORECASE)):
            continue
        from checker.nlp.numbers import parse_number

        value = {
            "years": parse_number(years.group("n")) if years else None,
            "contracts": parse_number(contracts.group("n")) if contracts else None,
            "public_sector": bool(PUBLIC_SECTOR.search(sent.text)),
            "this_authority": bool(THIS_AUTHORITY.search(sent.text) and re.search(
                r"previous|prior|existing|past|already", sent.text, re.IGNORECASE)),
        }
        facts.add(fact("selection.experience_required", value, "requirement", sent, "selection: experience"))
        return


def _accreditations(ctx: Context, facts: Facts) -> None:
    items, seen, first = [], set(), None
    for sent in ctx.find(ACCREDITATIONS):
        matches = list(ACCREDITATIONS.finditer(sent.text))
        equivalents = _equivalence(sent.text, matches)
        for m, equivalent in zip(matches, equivalents):
            span = sent.span.doc.char_span(sent.span.start_char + m.start(), sent.span.start_char + m.end(),
                                           alignment_mode="expand")
            if span is not None and polarity(sent.span, span.start, span.end) == "negated":
                continue  # "There is no requirement to hold ISO 9001"
            name = " ".join(m.group(0).split())
            key = name.lower().replace(" ", "")
            if key in seen:
                if equivalent:
                    for item in items:
                        if item["name"].lower().replace(" ", "") == key:
                            item["or_equivalent"] = True
                continue
            seen.add(key)
            items.append({"name": name, "or_equivalent": equivalent})
            first = first or sent
    if items:
        facts.add(fact("selection.accreditations", items, "list", first, "selection: accreditations"))


def _equivalence(text: str, matches: list[re.Match]) -> list[bool]:
    """Which accreditations accept an equivalent. 'or equivalent' attaches to the accreditation (or the list of
    accreditations: 'ISO 9001, ISO 14001 or equivalent') it follows, up to the next accreditation or clause end;
    'ISO 9001 or equivalent, and must hold Cyber Essentials' accepts an equivalent to ISO 9001 only. An
    equivalence stated before any accreditation ('equivalent standards such as ...') covers them all."""
    first = EQUIVALENT.search(text)
    if first and matches and first.end() <= matches[0].start():
        return [True] * len(matches)
    out: list[bool] = []
    run: list[int] = []
    for i, m in enumerate(matches):
        run.append(i)
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        gap = text[m.end():nxt]
        if i + 1 < len(matches) and LIST_GAP.fullmatch(gap):
            continue  # "ISO 9001, ISO 14001 and ...": one list, one equivalence
        tail = re.split(r"[.;]\s|\bbut\b|\bwhile\b", gap)[0]
        out.extend([bool(EQUIVALENT.search(tail))] * len(run))
        run = []
    return out


LIST_GAP = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b)?\s*(?:(?:and|or)\s+)?(?:certification\s+|accreditation\s+)?",
                      re.IGNORECASE)
