"""Which sentences can be evidence of the buyer's own practice, and why the others cannot.

Tenders carry text that uses the words of good practice without describing it: standard schedules (Freedom of
Information, data protection, TUPE, the Armed Forces Covenant, modern slavery, anti-bribery), definitions and
glossaries ("'Request for Information' means ..."), requirements on what bidders have done before ("must show
they have delivered co-produced services"), and the subject matter of the contract itself (a contract to
deliver co-production training says nothing about how this service was designed). Evidence facts skip those
sentences; out_of_scope says why, so a finding can show it.
"""

from __future__ import annotations

import re

# standard schedules and clauses that every tender of a buyer carries, whatever the service
BOILERPLATE = re.compile(
    r"\bfreedom\s+of\s+information\b|\bFOI(?:A)?\b|\benvironmental\s+information\s+regulations\b|"
    r"\bdata\s+protection\b|\bGDPR\b|\bdata\s+processing\b|\bprivacy\s+notice\b|\bTUPE\b|"
    r"\btransfer\s+of\s+undertakings\b|\barmed\s+forces\s+covenant\b|\bmodern\s+slavery\b|\banti-?bribery\b|"
    r"\bbribery\s+act\b|\bconflicts?\s+of\s+interest\b|\bwhistleblowing\b|\bequality\s+act\b|"
    r"\bprevent\s+duty\b|\bcyber\s+essentials\b|\bterms\s+and\s+conditions\b|\bconditions\s+of\s+contract\b",
    re.IGNORECASE)
# a heading that opens a schedule of definitions or standard terms
DEFINITIONS_SECTION = re.compile(r"\bdefinitions?\b|\bglossary\b|\binterpretation\b|\bdefined\s+terms\b",
                                 re.IGNORECASE)
# "'Request for Information' means ...", "Co-production: means ...", "X shall have the meaning"
DEFINITION = re.compile(r"^\W*[\w\s'’\"“”()/-]{1,60}?(?:[\"”’']\s*)?(?:\bmeans\b|\bshall\s+mean\b|\bhas\s+the\s+meaning\b|"
                        r"\bshall\s+have\s+the\s+meaning\b|\bis\s+defined\s+as\b|:\s*means\b)", re.IGNORECASE)
# the service bought: "to deliver co-production training", "provision of a co-design programme"
SUBJECT_MATTER = re.compile(r"\b(?:provi(?:de|sion\s+of)|deliver(?:y\s+of)?|commission(?:ing)?|procur(?:e|ing|ement\s+of)|"
                            r"seek(?:s|ing)?\s+(?:a\s+|an\s+)?(?:provider|supplier|partner|organisation)s?\s+to"
                            r"\s+(?:deliver|provide|run))\s+(?:\w+\s+){0,4}?$", re.IGNORECASE)
SERVICE_NOUN = re.compile(r"^[\w-]*\s*(?:training|programme|program|course|courses|service|support\s+service|"
                          r"academy|sessions?|workshops?\s+for\s+staff|toolkit|consultancy)\b", re.IGNORECASE)


# what bidders must already have done ("Suppliers must show that they have delivered two contracts for community
# engagement services"): a selection test on the bidder's past work, not the buyer's own practice
BIDDERS_PAST_WORK = re.compile(r"\b(?:bidders?|suppliers?|tenderers?|applicants?|providers?|organisations|you)\s+"
                               r"(?:must|should|shall|will\s+need\s+to|are\s+required\s+to)\s+(?:be\s+able\s+to\s+)?"
                               r"(?:show|demonstrate|evidence|provide\s+evidence|have)\b[^.;]{0,80}?\b(?:have\s+delivered|"
                               r"delivered|experience\s+of|track\s+record|completed|case\s+stud(?:y|ies))\b", re.IGNORECASE)


def out_of_scope(sent) -> str | None:
    """Why the sentence is not evidence of the buyer's own practice, or None when it can be."""
    section = sent.location.section or ""
    if BOILERPLATE.search(section):
        return "a standard schedule (" + BOILERPLATE.search(section).group(0) + ")"
    if BOILERPLATE.search(sent.text):
        return "standard wording (" + BOILERPLATE.search(sent.text).group(0) + ")"
    if DEFINITIONS_SECTION.search(_last_heading(section)) or DEFINITION.search(sent.text):
        return "a definition"
    if BIDDERS_PAST_WORK.search(sent.text):
        return "a requirement on bidders' past work"
    return None


def is_subject_matter(sent, start: int, end: int) -> bool:
    """The matched words name what the contract buys ('deliver co-production training'), not how it was made."""
    before = sent.text[max(0, start - 80):start]
    after = sent.text[end:end + 40]
    return bool(SUBJECT_MATTER.search(before) and SERVICE_NOUN.match(after))


# "“Request for Information” means a request for information (as defined in the FOIA)": the quoted term
DEFINED_TERM = re.compile(r"^\W*[\"“”'‘’](?P<term>[A-Z][\w’' -]{2,60}?)[\"“”'‘’]\s*(?:means|shall\s+mean|has\s+the\s+meaning|"
                          r"shall\s+have\s+the\s+meaning|is\s+defined\s+as)\b(?P<meaning>.*)$", re.DOTALL)


def boilerplate_terms(ctx) -> dict[str, str]:
    """Capitalised terms the document defines with a standard schedule's meaning ('Request for Information' as
    in the FOIA): lower-cased term -> the reason. A later use of the Capitalised Term carries that meaning."""
    cached = getattr(ctx, "_boilerplate_terms", None)
    if cached is None:
        cached = {}
        for sent in ctx.sentences:
            m = DEFINED_TERM.match(sent.text)
            if m and (schedule := BOILERPLATE.search(m.group("meaning"))):
                cached[m.group("term").strip().lower()] = f"the defined term '{m.group('term').strip()}' " \
                                                          f"({schedule.group(0)})"
        ctx._boilerplate_terms = cached
    return cached


def is_defined_boilerplate(ctx, matched: str) -> bool:
    """The words are the Capitalised form of a term the document defines with a standard schedule's meaning."""
    return matched[:1].isupper() and matched.lower() in boilerplate_terms(ctx) \
        and all(w[:1].isupper() for w in matched.split() if w.lower() not in ("for", "of", "the", "and", "to"))


def _last_heading(section: str) -> str:
    return section.rsplit(">", 1)[-1]
