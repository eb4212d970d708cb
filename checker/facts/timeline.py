"""timeline.tender_window_days (publication or issue date to the tender deadline), timeline.publication_date,
timeline.deadline_date and procurement.start_date (the publication date: when the procurement was begun)."""

from __future__ import annotations

import datetime as dt
import re

from checker.facts.base import Facts
from checker.facts.context import Context, fact

PUBLISHED = re.compile(r"\b(?:date\s+of\s+(?:publication|issue)|publication(?:\s+date|\s+of)?|published|issue\s+date|"
                       r"date\s+issued|issued|sent\s+out|dispatched|release\s+date|released|advertised|advertisement\s+date|"
                       r"(?:itt|rfp|rfq|rft|tender|notice)\s+(?:documents?\s+|pack\s+)?(?:(?:are|is|was|were|will\s+be)\s+)?"
                       r"(?:issued|published|released|available)|"
                       r"tender\s+notice|issue\s+of\s+(?:the\s+)?(?:itt|rfp|rfq|rft|tender|invitation|documents)|"
                       r"(?:tenders?|itt|rfq|rfp|rft|competition|opportunity|portal)\s+opens?|opening\s+date|launch(?:ed)?"
                       r"|go[\s-]live\s+of\s+(?:the\s+)?(?:tender|itt|rfq))\b", re.IGNORECASE)
DEADLINE = re.compile(r"\bdeadline\s+for\s+(?:the\s+)?(?:(?:receipt|return|submission)\s+of\s+)?(?:tenders|submissions?|bids|responses|quotes|"
                      r"proposals|quotations|applications|selection\s+questionnaires?|expressions?\s+of\s+interest|"
                      r"requests?\s+to\s+participate|sqs?|psqs?|pqqs?)|\b(?:tender|bid|submission|response|proposal|quotation|quote)s?"
                      r"\s+(?:deadline|due|closing|return)|\bclosing\s+(?:date|time)|\breturn\s+date|\bdue\s+date|"
                      r"\bsubmission\s+(?:date|deadline)|\bmust\s+be\s+(?:submitted|received|uploaded|returned)|"
                      r"\b(?:submitted|received|returned)\s+(?:no\s+later\s+than|by|before|on\s+or\s+before)|"
                      r"\b(?:tenders?|bids?|proposals?|quotations?|quotes?|submissions?|responses?|itt|rfq|rfp|rft|"
                      r"competition|opportunity)\s+(?:close[sd]?|are\s+due|is\s+due)|\btender\s+period\b[^.]{0,12}\buntil\b"
                      r"|\b(?:return|receipt|submission)\s+of\s+(?:completed\s+)?(?:tenders|quotations|quotes|bids|"
                      r"proposals|responses|submissions|applications)\b|^\s*(?:deadline|closing)\b"
                      # "send your quotation ... to arrive by 12 noon on", "Bids must reach the Council by",
                      # (a dot inside an address, "clerk@town.gov.uk", does not end the sentence)
                      # "responses should be with the Council by": a submission, then when it must arrive
                      r"|\b(?:tender|bid|quot|response|proposal|submission|application|send|return|submit|post|"
                      r"email|deliver)\w*\b(?:[^.]|\.(?=\w)){0,200}?\b(?:arrives?|reach(?:es)?\s+\w+(?:\s+\w+)?|be\s+(?:received|"
                      r"delivered|with\s+\w+(?:\s+\w+)?))\s+(?:\w+\s+)?(?:no\s+later\s+than|not\s+later\s+than|by|"
                      r"before|on\s+or\s+before)\b", re.IGNORECASE)
NOT_TENDER = re.compile(r"\b(?:clarifications?|questions?|enquir(?:y|ies)|engagement|prior\s+information|pin|planned\s+procurement|"
                        r"standstill|award|commence|start|mobili[sz]ation|interview|presentation|site\s+visit|"
                        r"expir\w+|census|evaluation|moderation|intention|notification|addendum|amendment|"
                        r"(?:19|20)\d\d\s+(?:census|act|regulations))\b", re.IGNORECASE)


def find(ctx: Context, facts: Facts) -> None:
    published = _first_date(ctx, PUBLISHED)
    deadline = _first_date(ctx, DEADLINE)
    if published:
        facts.add(fact("timeline.publication_date", published[0], "date", published[1], "timeline: published"))
        facts.add(fact("procurement.start_date", published[0], "date", published[1], "timeline: published"))
    if deadline:
        facts.add(fact("timeline.deadline_date", deadline[0], "date", deadline[1], "timeline: deadline"))
    if published and deadline:
        days = (dt.date.fromisoformat(deadline[0]) - dt.date.fromisoformat(published[0])).days
        if 0 < days <= 366:
            facts.add(fact("timeline.tender_window_days", days, "days", deadline[1], "timeline: window",
                           f"{published[1].quote()} … {deadline[1].quote()}"))


def _first_date(ctx: Context, cue: re.Pattern):
    """(ISO date, sentence) of the first dated sentence with the cue and no other milestone's words;
    a timetable row's label counts as its sentence."""
    for sent in ctx.sentences:
        previous_end = sent.span.start_char
        for date in sent.ents("DATE"):
            # the words between the previous date and this one say what this date is for
            label = sent.row_label or sent.block.text[previous_end:date.start_char].lower()
            if not label.strip(" \t:-–") and previous_end == 0:
                label = _heading_before(ctx, sent)  # a date alone under "## Tender submission deadline"
            previous_end = date.end_char
            if cue.search(label) and not NOT_TENDER.search(label):
                return date._.value, sent
    return None


def _heading_before(ctx: Context, sent) -> str:
    """The heading or short label line just above a block that holds only a date (notice forms put each
    field's name in a heading and its value in the next block)."""
    blocks = ctx.document.blocks
    i = sent.block_index - 1
    if i < 0 or sent.span.start_char != 0:
        return ""
    above = blocks[i]
    if above.kind == "heading" or (len(above.text) <= 80 and above.text.rstrip().endswith(":")):
        return above.text.lower()
    return ""
