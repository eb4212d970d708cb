"""contract.duration_months_initial and contract.duration_months_max (extensions included).

Reads DURATION entities in sentences about the contract's term. An extension stated in a later sentence
("There is an option to extend for a further 2 years") is added to the term it follows.
"""

from __future__ import annotations

import itertools
import re

from checker.facts.base import Facts
from checker.facts.context import Context, add_best, fact

STRONG = re.compile(r"\b(?:contract|initial|framework|agreement|call-off)\s+(?:term|period|duration|length)\b"
                    r"|\b(?:term|duration|length)\s+of\s+(?:the\s+|this\s+|each\s+)?(?:contract|agreement|framework)s?\b"
                    r"|\b(?:contract|framework|agreement|appointment|commission)s?\s+(?:will|shall|is\s+to|are\s+to)\s+"
                    r"(?:each\s+)?(?:run|last|be\s+for|be\s+awarded\s+for|commence)"
                    r"|\b(?:contract|agreement|framework)s?\s+(?:is|are|will\s+be)\s+(?:each\s+)?for\b"
                    r"|\binitial\s+(?:\w+\s+)?(?:term|period)\b|\b(?:will|shall)\s+run\s+for\b", re.IGNORECASE)
WEAK = re.compile(r"\b(?:contract\w*|term|duration|period|agreement|framework|extend\w*|extension|runs?\s+for|"
                  r"will\s+run|lasts?\s+for|will\s+last)\b", re.IGNORECASE)
NOT_TERM = re.compile(r"\b(?:valid|validity|warranty|defects|standstill|notice|invoice|payment|retain|retention|"
                      r"records|mobili[sz]ation|implementation\s+period|probation|guarantee|lease|insurance|"
                      r"experience|trading|accounts|turnover|aged?|clarification|tender\s+period|review(?:ed|s)?|"
                      r"surviv\w*)\b", re.IGNORECASE)
# A glossary entry defines a word ("Contract Year: a period of 12 months", "'Term' means a period of ..."): it is
# not a statement of this contract's term.
DEFINITION = re.compile(r"^\W*[\w\s'’-]{1,40}(?::|\bmeans\b)\s+(?:a|an|the|each|any)\s+(?:\w+\s+)?(?:period|year)\s+of\b",
                        re.IGNORECASE)
# "extended for a further two years (up to 31 December 2029)": the extension ends on a date
EXTENSION_END = re.compile(r"^[^.;]{0,12}?\b(?:up\s+to|until|till|to|ending(?:\s+on)?|expiring(?:\s+on)?)\s*$",
                           re.IGNORECASE)
# "... extend the contract to 31 March 2032", "continue it to 31 March 2030", "an option until 31 August 2029"
EXTENDED_TO = re.compile(r"\b(?:extend\w*|extension|continu\w*|renew\w*|option)\b[^.;]{0,60}?\b(?:to|until|till|up\s+to)"
                         r"\s*$", re.IGNORECASE)
EXTENSION_CUE = re.compile(r"\b(?:extend\w*|extension|continu\w*|renew\w*|option)\b", re.IGNORECASE)
STATED_MAX = re.compile(r"\b(?:maximum|max\.?|overall|total|in\s+all|whole)\s+(?:contract\s+)?(?:term|period|"
                        r"duration|length)\s*(?:of\s+)?(?:up\s+to\s+)?$", re.IGNORECASE)
# between a start date and the date the (initial) term ends: "... and run for an initial period ending on"
PERIOD_ENDING = re.compile(r"[^.;]{0,60}?\b(?:ending|expiring|ends?|expires?|until|till|through)(?:\s+on)?\s*",
                           re.IGNORECASE)
START_CUE = re.compile(r"\b(?:commenc\w*|start(?:s|ing)?(?:\s+date)?|begin\w*|from)\b", re.IGNORECASE)
# "... redecoration on a six-year cycle": how often work recurs, not how long the contract runs
AFTER_NOT_TERM = re.compile(r"^\W*(?:[’']s?\s+)?(?:of\s+)?(?:cycles?\b|rotations?\b|intervals?\b|experience|trading|accounts|audited|financial|ago|old|"
                            r"prior|history|in\s+business|operation|after|before|from\s+the\s+date\s+of\s+(?:this|the)"
                            r"\s+(?:notice|tender))", re.IGNORECASE)
BEFORE_NOT_TERM = re.compile(r"\b(?:last|past|previous|preceding|prior|within|over\s+the\s+last|at\s+least|minimum\s+"
                             r"of|no\s+later\s+than|aged|under|first|final|remaining|every|each|after)\s+(?:the\s+)?$",
                             re.IGNORECASE)
VALUE_OVER = re.compile(r"[£$€]\s?[\d.,]+\s*(?:[mk]|million|bn|thousand)?\b[^.;]{0,25}\b(?:over|for)\s+(?:a\s+|the\s+)?$",
                        re.IGNORECASE)
VALUE_WORDS = re.compile(r"\b(?:value|worth|budget|cost|price)\b", re.IGNORECASE)
CALL_OFF = re.compile(r"\bcall[\s-]offs?\b|\bmini[\s-]competitions?\b|\bmay\s+be\s+awarded\b", re.IGNORECASE)
LOOKAHEAD_BLOCKS = 3
SUCCESSIVE_EXTENSION = re.compile(r"\b(?:and|then|after\s+that|followed\s+by|thereafter)\b", re.IGNORECASE)
RESTATED = re.compile(r"\(|\bi\.e\b|\bthat\s+is\b|\bmeaning\b|\bin\s+total\b|\bup\s+to\s+a\b", re.IGNORECASE)
WHOLE_MAX_BEFORE = re.compile(r"\bup\s+to\s+a\s+(?:maximum|total)\s+of\s+$", re.IGNORECASE)
# "... extend them, in one or more periods, to a total term of no more than eight years": the whole term, named
WHOLE_TERM_BEFORE = re.compile(r"\b(?:total|overall|maximum|whole)\s+(?:contract\s+)?(?:term|period|duration|length)"
                               r"\s+(?:of\s+)?(?:no\s+more\s+than|not\s+more\s+than|not\s+exceeding|up\s+to|at\s+most)?\s*$",
                               re.IGNORECASE)
# "Maximum, with extension (60 months)", "5 years (including all extensions)": the whole term, extensions in it
WITH_EXTENSIONS_BEFORE = re.compile(r"\b(?:with|including|incl\.?|inclusive\s+of)\s+(?:all\s+|any\s+|both\s+|the\s+|"
                                    r"optional\s+|possible\s+)*(?:extensions?|extension\s+(?:periods?|options?))"
                                    r"\s*[(:,–-]?\s*$", re.IGNORECASE)
WITH_EXTENSIONS_AFTER = re.compile(r"^\s*\)?\s*[(,]?\s*(?:including|incl\.?|inclusive\s+of)\s+(?:all\s+|any\s+|both\s+|the\s+|"
                                   r"optional\s+|possible\s+)*extensions?\b", re.IGNORECASE)
# "by up to two years in total, so the longest a contract can run is five years": the extension restates the
# whole term it makes, which is the maximum (months_max), not a period to add
WHOLE_TERM_RESTATED = re.compile(r"\b(?:longest|maximum|overall|whole|total\s+(?:term|period|duration|length))\b",
                                 re.IGNORECASE)
IN_TOTAL_AFTER = re.compile(r"^\s*(?:\(\w+\)\s*)?in\s+(?:total|all)\b", re.IGNORECASE)
EXTENSION_ROW = re.compile(r"^(?:description\s+of\s+)?(?:the\s+)?(?:extensions?|renewals?|options?\s+to\s+extend)\b",
                           re.IGNORECASE)
NOTICE_DATE_ROWS = (
    ("extension", re.compile(r"(?:extension|extended|latest)\s+end\s+date|end\s+date\s+(?:including|with|if)\s+"
                             r"(?:all\s+)?extensions?", re.IGNORECASE)),
    ("start", re.compile(r"(?:contract\s+|estimated\s+)?start\s+date\b|commencement\s+date\b", re.IGNORECASE)),
    ("end", re.compile(r"(?:contract\s+|estimated\s+|initial\s+)?end\s+date\b|expiry\s+date\b", re.IGNORECASE)),
)


def find(ctx: Context, facts: Facts) -> None:
    candidates = []
    if (dated := _notice_dates(ctx)) is not None:
        candidates.append(dated)
    for i, sent in enumerate(ctx.sentences):
        if DEFINITION.search(sent.text):
            continue
        extension_seen = False
        stated_max = _stated_maximum(sent)
        for ent in sent.ents("DURATION"):
            if stated_max is not None and ent.start_char == stated_max.start_char:
                continue
            if ent._.is_extension:
                extension_seen = True
                if (ended := _extension_to_date(ctx, i, ent)) is not None:
                    candidates.append(ended)
                continue
            if extension_seen or not 1 <= ent._.value <= 300 or EXTENSION_ROW.search(sent.row_label):
                continue  # "Description of extensions | Up to 2 years in total" is not the term; a duration after
                # an extension in its sentence ("the costs for the ensuing 24 months") restates the extension
            if ent._.unit not in ("year", "month") and not (ent._.days and ent._.days >= 90
                                                           and STRONG.search(sent.context)):
                continue  # "contract period: 720 days" is a term; "30 days" elsewhere is not
            strength = _about_term(sent, ent)
            if not strength:
                continue
            score = 2 if STRONG.search(sent.context) or STRONG.search(sent.section) else strength
            if CALL_OFF.search(sent.context):
                score -= 0.5  # call-offs under a framework: the framework's own term comes first
            initial, maximum = ent._.value, ent._.months_max
            if ent._.unit in ("day", "week"):
                initial = maximum = round(ent._.days / 30.4375)
            extension_sent = None
            if stated_max is not None and stated_max._.value > initial:
                maximum = stated_max._.value  # "..., giving a maximum term of three years"
            if maximum == initial:
                extension_sent, extra, whole = _later_extension(ctx, i)
                # "renewable annually up to a maximum of five years in total": the maximum, once it exceeds the
                # initial term; otherwise the extensions' own total, added
                maximum = extra if whole and extra > initial else maximum + extra
            evidence = sent.quote() if extension_sent is None else f"{sent.quote()} … {extension_sent.quote()}"
            candidates.append((score, initial, maximum, sent, evidence))
        has_term = any(e._.unit in ("year", "month") and not e._.is_extension for e in sent.ents("DURATION"))
        if not has_term and (span := _date_range_months(sent)) is not None:
            extra = sum(e._.months_max for e in sent.ents("DURATION") if e._.is_extension)
            score = 2 if STRONG.search(sent.context) else 1
            maximum, evidence = span + extra, sent.quote()
            if not extra and (ended := _extended_to_date(ctx, i)) is not None:
                maximum, evidence = ended[0], evidence if ended[1] is sent else f"{evidence} … {ended[1].quote()}"
            candidates.append((score, span, maximum, sent, evidence))
    candidates = _most_complete(candidates, _document_extension(ctx))
    add_best(facts, [(s, fact("contract.duration_months_initial", _num(a), "months", sent, "duration", ev))
                     for s, a, _, sent, ev in candidates])
    add_best(facts, [(s, fact("contract.duration_months_max", _num(b), "months", sent, "duration", ev))
                     for s, _, b, sent, ev in candidates])


def _stated_maximum(sent):
    """The DURATION a sentence gives as the whole term's maximum ('giving a maximum term of three years')."""
    ents = sent.ents("DURATION")
    for ent in ents:
        if STATED_MAX.search(sent.block.text[max(0, ent.start_char - 40):ent.start_char]):
            others = [e for e in ents if e.start_char < ent.start_char and not e._.is_extension]
            return ent if others else None  # alone, "over the maximum term of five years" is the term itself
    return None


def _most_complete(candidates: list, extension) -> list:
    """Readings of the same initial term differ only in what they saw of its extension: a term read without one
    ('Contract duration | 25 April 2022 - 24 April 2025') takes the contract's one stand-alone extension statement
    made elsewhere, and a reading that still knows less than another of the same initial term gives way to it."""
    out = []
    for score, initial, maximum, sent, evidence in candidates:
        if extension is not None and maximum == initial:
            ext_sent, months = extension
            if ext_sent is not sent:
                maximum = initial + months
                evidence = f"{evidence} … {ext_sent.quote()}"
        out.append((score, initial, maximum, sent, evidence))
    fuller = {}
    for score, initial, maximum, *_ in out:
        fuller[(score, initial)] = max(fuller.get((score, initial), 0), maximum)
    return [c for c in out if not (c[2] == c[1] and fuller[(c[0], c[1])] > c[2])]


def _document_extension(ctx: Context):
    """(Sentence, months) of the contract's stand-alone extension, when every such statement agrees."""
    found = []
    for sent in ctx.sentences:
        if NOT_TERM.search(sent.context) or not WEAK.search(sent.context):
            continue
        for ent in sent.ents("DURATION"):
            if ent._.is_extension and ent._.unit in ("year", "month") and 1 <= ent._.months_max <= 120:
                found.append((sent, ent._.months_max))
                break
    values = {months for _, months in found}
    return found[0] if len(values) == 1 else None


def _extension_to_date(ctx: Context, i: int, ent):
    """'may be extended for a further two years (up to 31 December 2029)': the maximum runs from the contract's
    start to that date, and the initial term is what is left once the extension is taken off."""
    sent = ctx.sentences[i]
    end_date = next((d for d in sent.ents("DATE") if d.start_char >= ent.end_char
                     and EXTENSION_END.search(sent.block.text[ent.end_char:d.start_char].replace("(", " "))), None)
    if end_date is None:
        return None
    start = _start_date(ctx, i, ent)
    if start is None:
        return None
    maximum = _months_between(start[0], end_date._.value)
    # "extend it for a further year, and then for a second further year, to 30 April 2031": every extension
    # before that date is in the span, not just this one
    extensions = sum(e._.months_max for e in sent.ents("DURATION")
                     if e._.is_extension and e._.unit in ("year", "month") and e.end_char <= end_date.start_char)
    initial = maximum - max(extensions, ent._.months_max) if maximum else None
    if not maximum or not initial or initial < 1:
        return None
    return 2, initial, maximum, sent, f"{start[1].quote()} … {sent.quote()}" if start[1] is not sent else sent.quote()


def _start_date(ctx: Context, i: int, ent):
    """(iso date, Sentence) the contract starts: a date earlier in the extension's sentence or the sentence
    before it in the same block, else the document's own 'start date' or 'commencing on' statement."""
    sent = ctx.sentences[i]
    before = [d for d in sent.ents("DATE") if d.end_char <= ent.start_char]
    if before:
        return before[0]._.value, sent
    if i and ctx.sentences[i - 1].block_index == sent.block_index and (dates := ctx.sentences[i - 1].ents("DATE")):
        return dates[0]._.value, ctx.sentences[i - 1]
    for other in ctx.sentences:
        if START_CUE.search(other.context) and WEAK.search(other.context) and (dates := other.ents("DATE")):
            return dates[0]._.value, other
    return None


def _notice_dates(ctx: Context):
    """Notice forms give the term as dates: 'Start date | 1 July 2026', 'End date | 30 June 2029', 'Extension end
    date | 30 June 2031' -> initial 36, maximum 60 months. A candidate (score, initial, max, sentence, evidence)."""
    rows: dict[str, tuple] = {}
    for sent in ctx.sentences:
        label = sent.row_label if sent.block.kind == "table_cell" else ""
        dates = sent.ents("DATE")
        if not label or not dates:
            continue
        for key, pattern in NOTICE_DATE_ROWS:
            if key not in rows and pattern.match(label):
                rows[key] = (dates[0]._.value, sent)
                break
    if "start" not in rows or "end" not in rows:
        return None
    initial = _months_between(rows["start"][0], rows["end"][0])
    maximum = _months_between(rows["start"][0], rows["extension"][0]) if "extension" in rows else initial
    if not initial or not maximum or maximum < initial:
        return None
    quotes = " … ".join(rows[k][1].quote() for k in ("start", "end", "extension") if k in rows)
    return 2, initial, maximum, rows["end"][1], quotes


def _months_between(start: str, end: str) -> int | None:
    import datetime as dt

    days = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1
    months = round(days / 30.4375)
    return months if 1 <= months <= 300 else None


def _about_term(sent, ent) -> float:
    """How surely the duration is the contract's term: 1 (term words), 0.5 (only "£X over N years"), 0 (not)."""
    before = sent.block.text[max(0, ent.start_char - 40):ent.start_char]
    after = sent.block.text[ent.end_char:ent.end_char + 40]
    if AFTER_NOT_TERM.search(after) or BEFORE_NOT_TERM.search(before):
        return 0
    if NOT_TERM.search(sent.context) and not STRONG.search(sent.context):
        return 0
    over_value = VALUE_WORDS.search(sent.context) and (VALUE_OVER.search(before) or re.search(
        r"\bover\s+(?:a\s+|the\s+)?$", before, re.IGNORECASE))
    if over_value:
        return 0.5  # "£2.4m over four years", "value over three years": the term, when nothing says more
    if WEAK.search(sent.context) or WEAK.search(sent.section):
        return 1
    return 0


def _date_range_months(sent) -> float | None:
    """'The contract will run from 1 April 2026 to 31 March 2029' -> 36 months (whole months, rounded)."""
    import datetime as dt

    dates = sent.ents("DATE")
    if len(dates) > 2 and all(EXTENDED_TO.search(sent.block.text[dates[1].end_char:d.start_char]) for d in dates[2:]):
        dates = dates[:2]  # "From 1 April 2027 until 31 March 2030, with an option to extend it to 31 March 2032"
    if len(dates) != 2 or not WEAK.search(sent.context) or NOT_TERM.search(sent.context):
        return None
    text = sent.block.text
    between = text[dates[0].end_char:dates[1].start_char]
    if not re.fullmatch(r"\s*(?:to|until|till|-|–|—|and)\s*", between, re.IGNORECASE) and not (
            START_CUE.search(text[max(sent.span.start_char, dates[0].start_char - 40):dates[0].start_char])
            and PERIOD_ENDING.fullmatch(between)):
        return None  # "will start on 1 April 2027 and run for an initial period ending on 31 March 2029" is one
    days = (dt.date.fromisoformat(dates[1]._.value) - dt.date.fromisoformat(dates[0]._.value)).days + 1
    months = round(days / 30.4375)
    return months if 1 <= months <= 300 else None


def _extended_to_date(ctx: Context, i: int):
    """A term read from dates whose extension runs to a later date, in its own sentence ('..., with an option to
    extend the contract to 31 March 2032') or the next one in its block ('The Council may agree to continue it to
    31 March 2030'): (maximum months from the start, Sentence) or None."""
    sent = ctx.sentences[i]
    dates = sent.ents("DATE")
    start, end = dates[0]._.value, dates[1]._.value
    later = [(d, sent) for d in dates[2:]]
    if i + 1 < len(ctx.sentences) and ctx.sentences[i + 1].block_index == sent.block_index:
        nxt = ctx.sentences[i + 1]
        later += [(d, nxt) for d in nxt.ents("DATE") if EXTENSION_CUE.search(nxt.text)]
    for d, where in later:
        text = where.block.text[max(where.span.start_char, d.start_char - 80):d.start_char]
        if EXTENDED_TO.search(text) and d._.value > end:
            months = _months_between(start, d._.value)
            if months:
                return months, where
    return None


def _later_extension(ctx: Context, i: int):
    """A stand-alone extension in the next sentences of the same or the next few blocks: (sentence, months, whether
    it states the whole term's maximum rather than a period to add)."""
    block = ctx.sentences[i].block_index
    for sent in ctx.sentences[i + 1:]:
        if sent.block_index > block + LOOKAHEAD_BLOCKS:
            break
        extensions = [e for e in sent.ents("DURATION") if e._.is_extension and e._.unit in ("year", "month")]
        if len(extensions) > 1 and not NOT_TERM.search(sent.context) and all(
                SUCCESSIVE_EXTENSION.search(sent.block.text[a.end_char:b.start_char])
                and not RESTATED.search(sent.block.text[a.end_char:b.start_char])
                for a, b in itertools.pairwise(extensions)):
            # "extend it by a further year and, after that, by a further year again": one period after another
            return sent, sum(e._.months_max for e in extensions), False
        for ent in sent.ents("DURATION"):
            if ent._.is_extension and ent._.unit in ("year", "month") and not NOT_TERM.search(sent.context):
                text = sent.block.text
                before = text[max(0, ent.start_char - 60):ent.start_char]
                after = text[ent.end_char:ent.end_char + 40]
                if WHOLE_TERM_BEFORE.search(before) or (WHOLE_MAX_BEFORE.search(before) and IN_TOTAL_AFTER.match(after)) \
                        or WITH_EXTENSIONS_BEFORE.search(before) or WITH_EXTENSIONS_AFTER.match(after) \
                        or (ent._.months_max > ent._.value and WHOLE_TERM_RESTATED.search(ent.text)):
                    return sent, ent._.months_max, True  # the whole term's maximum, not a period to add
                return sent, ent._.months_max, False
        if any(e._.unit in ("year", "month") and not e._.is_extension for e in sent.ents("DURATION")) \
                and STRONG.search(sent.context):
            break  # another term statement: the extension, if any, belongs to it
    return None, 0, False


def _num(x: float):
    return int(x) if float(x).is_integer() else round(x, 1)
