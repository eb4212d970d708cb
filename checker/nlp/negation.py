"""Is a matched mention asserted? Negated ("co-design is not required") and hedged or future-only
("we may consider co-production in future") mentions are not evidence.

Interface shared by fact finders and rule types: polarity(sentence, start, end) with a spaCy sentence Span
and the match's token offsets in the parent Doc. A cue counts only inside the match's own clause, so
"There is no budget, but the service was co-designed" stays asserted.
"""

from __future__ import annotations

NEGATION_CUES = {"not", "no", "n't", "never", "without", "neither", "nor", "none", "nothing", "cannot", "nobody",
                 "lack", "lacks", "absence"}
NEGATION_PHRASES = ("will not", "shall not", "is not", "are not", "does not", "do not", "has not", "have not",
                    "not be", "no requirement", "not required", "not applicable", "n/a", "rather than",
                    "instead of")
AFTER_NEGATIONS = ("is not", "are not", "will not", "not required", "not be", "was not", "were not", "has not",
                   "have not", "is n't", "are n't", "was n't", "were n't", "has n't", "have n't", "wo n't",
                   "is no longer", "not needed", "not necessary", "not expected", "not planned", ": no ", ": none",
                   "- no ", "not undertaken", "not carried out", "not possible", "did not", "does not", "do not")
NOT_NEGATIONS = ("not only", "not just", "not least", "not limited to", "no later than", "no less than",
                 "not less than", "no fewer than", "not fewer than", "no more than", "without delay",
                 "without limitation", "no doubt", "none other")
HEDGE_CUES = {"may", "might", "could", "possibly", "perhaps", "intend", "intends", "consider", "considering",
              "hope", "hopes", "aspire", "aspires", "explore", "exploring", "potentially", "would", "wish",
              "plan", "plans", "seek", "seeks", "aim", "aims", "ideally", "optional", "optionally"}
FUTURE_PHRASES = ("in future", "in the future", "at a later date", "at a later stage", "future years",
                  "later in the contract", "where possible", "if appropriate", "if resources allow", "if possible",
                  "where appropriate", "where practicable", "if required", "subject to funding", "in due course",
                  "yet to be", "to be confirmed", "not yet")
CLAUSE_BREAKS = {",", ";", ":", "but", "however", "although", "though", "whereas", "while", "whilst", "yet",
                 "(", ")", "–", "—"}
WINDOW = 6  # tokens before the match that a cue must sit within; AFTER_WINDOW after it
AFTER_WINDOW = 6


def polarity(sentence, start: int, end: int) -> str:
    """'asserted', 'negated' or 'hedged' for the match doc[start:end] inside sentence."""
    doc = sentence.doc
    before_tokens = list(doc[max(sentence.start, start - WINDOW):start])
    for i in range(len(before_tokens) - 1, -1, -1):  # keep only the match's own clause
        if before_tokens[i].lower_ in CLAUSE_BREAKS:
            before_tokens = before_tokens[i + 1:]
            break
    before_words = [t.lower_ for t in before_tokens if not _the_month(t)]
    before_text = " " + " ".join(before_words) + " "
    after_tokens = []
    for t in doc[end:min(sentence.end, end + AFTER_WINDOW)]:
        if t.lower_ in CLAUSE_BREAKS - {":"} and t.lower_ != "(":
            break
        after_tokens.append("" if _the_month(t) else t.lower_)
    after_text = " " + " ".join(after_tokens) + " "
    cleaned_before = before_text
    for phrase in NOT_NEGATIONS:
        cleaned_before = cleaned_before.replace(f" {phrase} ", " ")
    if any(f" {w} " in cleaned_before for w in NEGATION_CUES) \
            or any(f" {p} " in cleaned_before for p in NEGATION_PHRASES):
        return "negated"
    cleaned_after = after_text
    for phrase in NOT_NEGATIONS:
        cleaned_after = cleaned_after.replace(f" {phrase} ", " ")
    if any(f" {p.strip()} " in cleaned_after or (p.startswith((":", "-")) and cleaned_after.startswith(p[:3]))
           for p in AFTER_NEGATIONS):
        return "negated"
    sent_text = " " + " ".join(t.lower_ for t in sentence) + " "
    if any(w in HEDGE_CUES for w in before_words) or any(f" {p} " in sent_text for p in FUTURE_PHRASES):
        return "hedged"
    if any(w in after_tokens[:3] for w in ("may", "might", "could")):
        return "hedged"
    return "asserted"


def _the_month(token) -> bool:
    """'May' the month ('in May 2025', '3 May'), not the hedge 'may'."""
    if token.text != "May":
        return False
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    prev = doc[token.i - 1] if token.i > 0 else None
    return (nxt is not None and nxt.like_num) or (prev is not None and (prev.like_num or prev.lower_ in (
        "in", "of", "since", "until", "during", "from", "early", "late", "mid", "end", "by")))


def is_asserted(sentence, start: int, end: int) -> bool:
    return polarity(sentence, start, end) == "asserted"
