"""The role of an amount of money: what the number is for, read from the words around it.

Only an amount in the contract-value role may become contract.value_* or a lot's value. The others are real
numbers in tenders that phrase-matching took for the value: last year's or a framework's past spend ("spend for
FY24/25 was £2.9bn"), a threshold or a per-item limit ("do not include anything under £50 or over £10,000"),
an insurance level, a turnover demand, the size of contracts a bidder must have delivered, and rates.
"""

from __future__ import annotations

import re

ROLES = ("contract", "historic", "threshold", "cap", "insurance", "turnover", "experience", "rate")

INSURANCE = re.compile(r"\b(?:insurance|insured|indemnity|liability|cover\s+of)\b", re.IGNORECASE)
TURNOVER = re.compile(r"\b(?:turnover|net\s+worth|balance\s+sheet|net\s+assets)\b", re.IGNORECASE)
# the size of the contracts a bidder must already have delivered ("have delivered two contracts ..., each worth
# £100,000 or more"): a selection test, not this contract's value
EXPERIENCE = re.compile(r"(?<!will\s)\b(?:have|has|having|who\s+have)\s+(?:successfully\s+|already\s+|previously\s+)?"
                        r"(?:delivered|completed|performed|undertaken|managed|run|held|carried\s+out)\b"
                        r"|\b(?:experience|track\s+record)\s+of\s+(?:delivering|managing|running)\b", re.IGNORECASE)
# the amount is what was spent, or is spent now under another arrangement
HISTORIC_BEFORE = re.compile(r"\b(?:was|were|has\s+been|have\s+been|had\s+been|totall?ed|amounted\s+to|reached|"
                             r"spent|cost\s+us)\s+(?:(?:approximately|around|about|over|nearly|almost|roughly|some|"
                             r"just\s+(?:over|under))\s+)?$", re.IGNORECASE)
HISTORIC_WORDS = re.compile(r"\b(?:FY\s?\d{2}(?:\s?[/-]\s?\d{2})?|(?:in|during)\s+(?:19|20)\d{2}(?:\s?[/-]\s?\d{2,4})?|"
                            r"last\s+(?:financial\s+)?year|previous(?:ly)?|historic\w*|to\s+date|so\s+far|"
                            r"incumbent|current\s+(?:contract|provider|spend)|spend\s+(?:in|for|during|through))\b",
                            re.IGNORECASE)
# "below £25,000", "over £10,000": a comparison, unless a value noun owns it ("a value of over £1m")
COMPARATIVE_BEFORE = re.compile(r"\b(?:below|under|above|over|exceed(?:s|ing)?|less\s+than|more\s+than|greater\s+than|"
                                r"up\s+to|at\s+least|minimum\s+of)\s*$", re.IGNORECASE)
VALUE_NOUN_BEFORE = re.compile(r"\b(?:value[ds]?|worth|budget|price|cost|funding)\b(?:\s+\w+){0,3}\s+(?:of\s+)?"
                               r"(?:\w+\s+)?$", re.IGNORECASE)
CONDITION = re.compile(r"\b(?:where|if|when|whenever|unless|anything|any\s+(?:item|order|purchase|invoice)s?|"
                       r"for\s+(?:all\s+|any\s+)?(?:contracts|procurements|purchases|orders))\b"
                       r"|\b(?:contracts|purchases|procurements|orders|items|invoices)\s+(?:(?:valued|worth|with\s+"
                       r"(?:a|an)\s+(?:\w+\s+)?value)\s+(?:at\s+)?)?(?:of\s+)?\w*(?:\s+than)?\s*$", re.IGNORECASE)
CAP_BEFORE = re.compile(r"\b(?:capped\s+at|cap\s+of|limit(?:ed)?\s+(?:of|to)|maximum\s+of|no\s+more\s+than|"
                        r"not\s+(?:to\s+)?exceed(?:ing)?)\s*$", re.IGNORECASE)
PER_ITEM_AFTER = re.compile(r"^\s*(?:per|for\s+(?:each|any|a\s+single)|each|a)\s+(?:order|item|call[\s-]off|purchase|"
                            r"visit|invoice|claim|session|place|unit|person|participant|occurrence|event)\b",
                            re.IGNORECASE)


def role(sent, ent) -> str:
    """One of ROLES for a MONEY entity in a Sentence."""
    text = sent.block.text
    before = text[max(sent.span.start_char, ent.start_char - 100):ent.start_char]
    close_before = text[max(sent.span.start_char, ent.start_char - 40):ent.start_char]
    after = text[ent.end_char:min(sent.span.end_char, ent.end_char + 40)]
    near = sent.row_label + " " + before[-60:] + " " + after
    if ent._.period not in (None, "year", "month"):
        return "rate"
    if INSURANCE.search(near):
        return "insurance"
    if TURNOVER.search(near):
        return "turnover"
    clause = re.split(r"[;:]", text[max(sent.span.start_char, ent.start_char - 200):ent.start_char])[-1]
    if EXPERIENCE.search(clause):
        return "experience"  # the clause is about what bidders have done, however long the aside
    if PER_ITEM_AFTER.match(after) or (CAP_BEFORE.search(close_before) and not VALUE_NOUN_BEFORE.search(before)):
        return "cap"  # "capped at £2,500 per order"; not "the contract value will not exceed £80,000"
    if COMPARATIVE_BEFORE.search(close_before) and (CONDITION.search(before) or not VALUE_NOUN_BEFORE.search(before)):
        return "threshold"  # "where the value is below £25,000", "anything over £10,000"; not "a value of over £1m"
    if HISTORIC_BEFORE.search(close_before) or HISTORIC_WORDS.search(before[-60:]):
        return "historic"
    return "contract"
