"""payment.terms_days: days from a valid invoice to payment ("paid within 30 days of receipt", "net 45")."""

from __future__ import annotations

import re

from checker.facts.base import Facts
from checker.facts.context import Context, fact

PAYMENT = re.compile(r"\b(?:invoices?|payments?|paid|pay|payable|settle\w*|remit\w*)\b", re.IGNORECASE)
WITHIN = re.compile(r"\b(?:within|no\s+later\s+than|not\s+later\s+than|after|of|terms?\s*(?:of|are|is|:)|net)\s+"
                    r"(?:\w+\s+){0,2}$", re.IGNORECASE)
NET = re.compile(r"\bnet\s*(?P<n>\d{2,3})\b|\b(?P<n2>\d{2,3})[-\s]days?\s+(?:payment\s+)?terms\b", re.IGNORECASE)
BUYER_PAYS = re.compile(r"\b(?:paid|pay|payments?\s+(?:will|shall|must)\s+be\s+(?:made|issued|effected)|make\s+payment|"
                        r"payment\s+terms?|settled?|payable|remit\w*|undisputed\s+invoices?|submit\s+payment)\b",
                        re.IGNORECASE)
SUPPLIER_SUBMITS = re.compile(r"\b(?:must|shall|should|to|are|is)\s+(?:be\s+)?(?:submitted|submit)\s+(?:for\s+payment|(?:an?\s+|the\s+|their\s+|all\s+)?invoices?)|"
                              r"\binvoices?\s+(?:must|shall|should)\s+be\s+(?:submitted|sent|raised)", re.IGNORECASE)
NOT_PAYMENT = re.compile(r"\b(?:notice|dispute|terminat\w*|valid\w*|retain|standstill|clarification|query|queries)\b",
                         re.IGNORECASE)


def find(ctx: Context, facts: Facts) -> None:
    for sent in ctx.find(PAYMENT):
        if NOT_PAYMENT.search(sent.text) and not re.search(r"undisputed|valid\s+(?:and\s+undisputed\s+)?invoice",
                                                           sent.text, re.IGNORECASE):
            continue
        text = sent.block.text
        for ent in sent.ents("DURATION"):
            if ent._.unit != "day" or not 1 <= ent._.days <= 180:
                continue
            before = sent.row_label + " " + text[max(sent.span.start_char, ent.start_char - 100):ent.start_char]
            pays = BUYER_PAYS.search(before) or re.search(r"\bpayment", sent.row_label)  # "Payment | Within 30 days"
            if WITHIN.search(before[-30:]) and pays and not SUPPLIER_SUBMITS.search(before):
                facts.add(fact("payment.terms_days", ent._.days, "days", sent, "payment: days"))
                return
        if m := NET.search(sent.text):
            facts.add(fact("payment.terms_days", int(m.group("n") or m.group("n2")), "days", sent, "payment: net"))
            return
