"""Quotes, clauses and answers: the small text helpers that the fact finders (checker.facts) and the rule types
(checker.ruletypes) share, one of each.

- quote(text, limit): a sentence as reports show it, on one line and cut with an ellipsis.
- clause_index / clause_tail: where one clause ends and the next begins ("; ", ", and ...", "and must ...").
  checker.nlp.negation keeps a finer, token-level cut (any comma) for the window a negation cue must sit in.
- row_answer(document, block): for the label cell of a key-information table, the rest of its row.
- says_no(answer): an answer that says the labelled thing did not happen or does not apply ("None", "No",
  "N/A", "Not undertaken", "None undertaken at this stage"), whether a table row's or the rest of a line's.
"""

from __future__ import annotations

import re

QUOTE_MAX = 300  # a fact's quote; a finding's may be longer (checker.ruletypes.base.quote)

# where one clause of a sentence ends and the next begins: "; ", ", and ...", "and must ...", ", whereas".
# Not ", but" or ", although": "must hold X, but equivalent schemes are accepted" qualifies the clause before it
CLAUSE_BREAK = re.compile(r";|,\s*(?:and|while|whereas|plus)\b|\b(?:and|but)\s+(?:also\s+)?"
                          r"(?:must|shall|should|need|needs|have\s+to|has\s+to|will\s+need|(?:will\s+be|are|is)\s+"
                          r"required)\b", re.IGNORECASE)

# the whole answer of a label saying the thing did not happen or does not apply, give or take a few words
# ("None undertaken at this stage", "No - see 4.2"); "No restrictions" and "No minimum" are answers, not denials
NO_ANSWER = re.compile(r"^\W*(?:none|nil|n/?a|nothing|no(?!\s+(?:restrictions?|limits?|barriers?|objections?|"
                       r"problem|minimum|maximum))|not(?:\s+(?:yet\s+)?(?:applicable|undertaken|held|carried\s+out|"
                       r"planned|used|done|required|known|yet|offered|available|provided|accepted|permitted))?)\b"
                       r"[^.;]{0,30}[.;]?\W*$", re.IGNORECASE)


def quote(text: str, limit: int = QUOTE_MAX, label: str = "") -> str:
    """text on one line, after `label: ` when given, cut to limit characters with an ellipsis."""
    text = " ".join(text.split())
    if label:
        text = f"{label}: {text}"
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def clause_index(doc, token: int) -> int:
    """Which clause of its sentence a token lies in (0 = first), counting CLAUSE_BREAKs before it."""
    sentence = doc[token].sent
    before = doc.text[sentence.start_char:doc[token].idx]
    return sum(1 for _ in CLAUSE_BREAK.finditer(before))


def clause_tail(text: str) -> str:
    """The part of text after its last sentence or clause break (". ", "; ", ": "): cues must be in the same
    clause as what they qualify."""
    cut = max(text.rfind(". "), text.rfind("; "), text.rfind(": "))
    return text[cut + 1:] if cut >= 0 else text


def row_answer(document, block) -> str | None:
    """For a label cell (the first column of a key-information table), the text of the rest of its row."""
    loc = block.location
    if block.kind != "table_cell" or loc.col not in (0, None) or loc.table is None \
            or loc.table >= len(document.tables) or loc.row is None:
        return None
    rows = document.tables[loc.table].rows
    if loc.row >= len(rows):
        return None
    answer = " ".join(c for c in rows[loc.row][1:] if c and c.strip())
    return " ".join(answer.split()) or None


def says_no(answer: str | None) -> bool:
    """The answer says the labelled thing did not happen or does not apply."""
    return bool(answer) and NO_ANSWER.match(answer) is not None
