"""Is a matched mention asserted? Negated ("co-design is not required") and hedged or future-only
("we may consider co-production in future") mentions are not evidence.

Interface shared by fact finders and rule types: polarity(sentence, start, end) with a spaCy sentence Span
and the match's token offsets in the parent Doc.
"""

from __future__ import annotations

NEGATION_CUES = {"not", "no", "n't", "never", "without", "neither", "nor", "none", "nothing", "cannot"}
NEGATION_PHRASES = ("will not", "shall not", "is not", "are not", "does not", "do not", "has not", "have not",
                    "not be", "no requirement", "not required", "not applicable", "n/a")
HEDGE_CUES = {"may", "might", "could", "possibly", "perhaps", "intend", "intends", "consider", "considering",
              "hope", "hopes", "aspire", "aspires", "explore", "exploring", "potentially"}
FUTURE_PHRASES = ("in future", "in the future", "at a later date", "at a later stage", "future years",
                  "later in the contract", "where possible", "if appropriate", "if resources allow")
WINDOW = 6  # tokens before the match that a cue must sit within; sentence-wide for "not required" after it


def polarity(sentence, start: int, end: int) -> str:
    """'asserted', 'negated' or 'hedged' for the match doc[start:end] inside sentence."""
    doc = sentence.doc
    before = doc[max(sentence.start, start - WINDOW):start]
    after = doc[end:min(sentence.end, end + WINDOW)]
    before_words = [t.lower_ for t in before]
    after_text = " " + " ".join(t.lower_ for t in after) + " "
    before_text = " " + " ".join(before_words) + " "
    if any(w in NEGATION_CUES for w in before_words) or any(f" {p} " in before_text for p in NEGATION_PHRASES):
        return "negated"
    if any(f" {p} " in after_text for p in ("is not", "are not", "will not", "not required", "not be",
                                            "was not", "were not", "has not", "have not")):
        return "negated"
    sent_text = " " + " ".join(t.lower_ for t in sentence) + " "
    if any(w in HEDGE_CUES for w in before_words) or any(f" {p} " in sent_text for p in FUTURE_PHRASES):
        return "hedged"
    return "asserted"


def is_asserted(sentence, start: int, end: int) -> bool:
    return polarity(sentence, start, end) == "asserted"
