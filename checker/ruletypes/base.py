"""What every rule type shares: the build context (load time), the evaluation context and the outcome.

A rule type is a module with NAME, OPTIONS (allowed option keys), PLACEHOLDERS (template names it fills),
build(where, options, bctx) -> compiled options, and evaluate(compiled, ctx, params) -> Outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.model import Location


@dataclass
class BuildContext:
    """Load-time context for one rule: its id, the rulebook's matcher bank, the param names it may use."""

    rule_id: str
    bank: object
    params: frozenset


@dataclass
class Context:
    """One document as the rule types see it: blocks, their spaCy Docs, facts; matchers scanned once."""

    document: object
    docs: list
    facts: object
    bank: object = None
    _scan: dict | None = None

    def scan(self) -> dict:
        if self._scan is None:
            self._scan = self.bank.scan(self.docs) if self.bank is not None else {}
        return self._scan


@dataclass
class Hit:
    """One thing a rule found; the engine turns it into a Finding with the rule's message.

    message, when set, replaces the rule's template (for review hits whose values are unknown).
    """

    kind: str = "violation"  # violation | review
    location: Location = field(default_factory=Location)
    evidence: str = ""
    values: dict = field(default_factory=dict)
    message: str | None = None


@dataclass
class Outcome:
    """applied: the rule had what it needed to judge (False = skipped, so its step may be n/a)."""

    applied: bool
    hits: list[Hit] = field(default_factory=list)


def unread_note(document) -> str:
    """Why "nothing was found" may be unsafe here: pages that could not be read, or a published notice
    (OCDS), which only summarises the tender. Such absence findings become reviews, not barriers."""
    note = ""
    pages = document.unreadable_pages
    if pages:
        listed = ", ".join(map(str, pages[:10])) + (" ..." if len(pages) > 10 else "")
        note += f" Page(s) {listed} could not be read, so a person must check them."
    if document.format == "ocds":
        note += " This is a published notice, which summarises the tender: check the tender documents themselves."
    return note


def sentence_location(ctx, mention) -> Location:
    return ctx.document.blocks[mention.block].location


def quote(mention, limit: int = 400) -> str:
    """The mention's sentence as a finding quotes it (checker.nlp.text.quote)."""
    from checker.nlp.text import quote as quote_text

    return quote_text(mention.sentence.text, limit)
