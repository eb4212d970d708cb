"""payment.terms_days: days from a valid invoice to payment ("paid within 30 days of receipt", "net 45").
payment.at_risk_pct: the share of payment that depends on results ("40% ... paid only on achievement of job
outcomes", "80% fixed and 20% on delivery of KPIs")."""

from __future__ import annotations

import re

from checker.facts.base import Facts
from checker.facts.context import Context, fact

PAYMENT = re.compile(r"\b(?:invoices?|payments?|paid|pay|payable|settle\w*|remit\w*)\b", re.IGNORECASE)
WITHIN = re.compile(r"\b(?:within|no\s+later\s+than|not\s+later\s+than|after|of|terms?\s*(?:of|are|is|:)|net)\s+"
                    r"(?:\w+\s+){0,2}$", re.IGNORECASE)
NET = re.compile(r"\bnet\s*(?P<n>\d{2,3})\b|\b(?P<n2>\d{2,3})[-\s]days?\s+(?:payment\s+)?(?:terms|policy)\b",
                 re.IGNORECASE)
BUYER_PAYS = re.compile(r"\b(?:paid|pays?|payments?\s+(?:will|shall|must)\s+be\s+(?:made|issued|effected)|make\s+payment|"
                        r"payment\s+terms?|settled?|payable|remit\w*|undisputed\s+invoices?|submit\s+payment)\b",
                        re.IGNORECASE)
# "30 days from invoice", "30 days of receipt of a valid invoice": the days run from the supplier's invoice.
FROM_INVOICE = re.compile(r"^\s*(?:from|of|after|following)\s+(?:the\s+)?(?:date\s+of\s+)?(?:receipt\s+of\s+)?"
                          r"(?:an?\s+|the\s+)?(?:(?:valid|correct|undisputed|approved|accurate|properly\s+submitted)"
                          r"\s+(?:and\s+\w+\s+)?)?invoices?\b", re.IGNORECASE)
TERMS_LABEL = re.compile(r"\bpayment(?:\s+terms?)?\s*(?:detail|details|value|answer|information|entry|response|particulars|description|text|summary)?\s*[:\-–]?\s*$",
                         re.IGNORECASE)
SUPPLIER_SUBMITS = re.compile(r"\b(?:must|shall|should|to|are|is)\s+(?:be\s+)?(?:submitted|submit)\s+(?:for\s+payment|(?:an?\s+|the\s+|their\s+|all\s+)?invoices?)|"
                              r"\binvoices?\s+(?:must|shall|should)\s+be\s+(?:submitted|sent|raised)", re.IGNORECASE)
NOT_PAYMENT = re.compile(r"\b(?:notice|dispute|terminat\w*|valid\w*|retain|standstill|clarification|query|queries)\b",
                         re.IGNORECASE)


OUTCOME = re.compile(r"payment[\s-]by[\s-]results|\bPbR\b|outcome[\s-](?:based\s+)?payments?|results[\s-]based|"
                     r"\bat\s+risk\b|contingent\s+(?:on|upon)|linked\s+to\s+(?:the\s+)?(?:achievement\s+of\s+)?(?:the\s+)?"
                     r"(?:outcomes|results|performance|kpis?|targets)|(?:on|upon|against|subject\s+to)\s+(?:the\s+)?"
                     r"(?:achievement|delivery|attainment|evidence)\s+of|performance[\s-]related|success\s+fees?",
                     re.IGNORECASE)
# Looser ties to results, which count only in a sentence about paying: "the remaining ten per cent will be paid
# ... according to progress on the three outcomes", "paid only when the learner achieves a positive outcome"
# (not "95% of visits on time, based on the results of last year")
PAID_ON_RESULTS = re.compile(r"\b(?:according\s+to|depending\s+on|dependent\s+(?:on|upon)|based\s+on|tied\s+to)\s+"
                             r"(?:the\s+)?"
                             r"(?:progress\s+(?:on|towards|against)\s+)?(?:the\s+)?(?:\w+\s+){0,2}?(?:outcomes|results|"
                             r"targets|kpis?)\b"
                             r"|\bonly\s+(?:when|if|once|after)\b[^.;]{0,60}?\b(?:achiev\w*|deliver\w*|attain\w*|meets?|met|"
                             r"reach\w*)\b[^.;]{0,40}?\b(?:outcomes?|results?|targets?|milestones?|kpis?)\b",
                             re.IGNORECASE)
PAID_WORDS = re.compile(r"\b(?:paid|payable|payments?|pays?)\b", re.IGNORECASE)
FIXED = re.compile(r"\bfixed\b|\bblock\s+(?:payment|contract|fee)|\bguaranteed\b|\bservice\s+fee\b|\bcore\s+payment|"
                   r"\bunconditional", re.IGNORECASE)


def find(ctx: Context, facts: Facts) -> None:
    _terms(ctx, facts)
    _at_risk(ctx, facts)


def _at_risk(ctx: Context, facts: Facts) -> None:
    """The percentage tied to results: the one whose own words name outcomes, or 100 minus a fixed share."""
    def tied(text: str, sent) -> bool:
        return bool(OUTCOME.search(text) or (PAID_WORDS.search(sent.text) and PAID_ON_RESULTS.search(text)))

    for sent in [s for s in ctx.sentences if tied(s.context, s)]:
        ents = [e for e in sent.ents("PERCENT") if e._.basis == "percent" and 0 < e._.value <= 100]
        text = sent.block.text
        for n, ent in enumerate(ents):
            start = ents[n - 1].end_char if n else sent.span.start_char
            end = ents[n + 1].start_char if n + 1 < len(ents) else sent.span.end_char
            after, before = text[ent.end_char:end], text[start:ent.start_char]
            own_words = re.split(r"[,;]|\band\b|\bwith\b|\bwhile\b", after, maxsplit=1)[0]
            if FIXED.search(own_words):
                if len(ents) > 1:
                    continue  # the other percentage says what is at risk
                value = 100 - ent._.value  # "70% fixed, with the remainder contingent on outcomes"
            elif tied(after, sent) or tied(before, sent):
                value = ent._.value
            else:
                continue
            facts.add(fact("payment.at_risk_pct", value, "%", sent, "payment: share tied to results"))
            return


def _terms(ctx: Context, facts: Facts) -> None:
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
            after = text[ent.end_char:ent.end_char + 80]
            said = WITHIN.search(before[-30:]) or FROM_INVOICE.match(after) or TERMS_LABEL.search(before[-40:])
            pays = pays or (FROM_INVOICE.match(after) and re.search(r"\bpayment\b", before, re.IGNORECASE))
            if said and pays and not SUPPLIER_SUBMITS.search(before):
                facts.add(fact("payment.terms_days", ent._.days, "days", sent, "payment: days"))
                return
        if m := NET.search(sent.text):
            facts.add(fact("payment.terms_days", int(m.group("n") or m.group("n2")), "days", sent, "payment: net"))
            return
