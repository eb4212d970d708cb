"""Findings and the per-step scorecard: the neutral records every reporter renders."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from checker.model import Location

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
STEPS = {
    1: "Take a place-based approach",
    2: "Demonstrate social value",
    3: "Commit to building community capacity",
    4: "Impose a maximum value on contracts",
    5: "Involve local people through co-design",
}
STEP_STATUSES = ("pass", "barrier", "review", "n/a")
_PAGE_REFS = re.compile(r"\b(?:pages?|pp?\.)\s*\d+(?:\s*(?:,|and|&|-|–|to)\s*\d+)*", re.IGNORECASE)
_WORDS = re.compile(r"[^\W_]+")


def fingerprint_words(text: str) -> str:
    """Letters and digits only, lower-cased and run together, page references dropped: the same quote
    re-flowed, re-hyphenated ('co-\ndesign', 'codesign') or moved to another page gives the same string."""
    return "".join(_WORDS.findall(_PAGE_REFS.sub(" ", text or "").lower()))


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on one document.

    kind is 'violation' (the rule's barrier is present) or 'review' (a person must look: the fact the rule
    needs is missing or ambiguous, or pages could not be read).
    """

    rule: str
    step: int
    severity: str
    title: str
    message: str
    location: Location = field(default_factory=Location)
    evidence: str = ""
    citations: tuple[dict, ...] = ()
    fix: str = ""
    kind: str = "violation"
    waived: bool = False
    waiver: dict | None = None  # {reason, approved_by, expires}
    problem: str = ""  # the rule's problem statement (its `problem`); `title` states what passing looks like

    @property
    def headline(self) -> str:
        """What every reporter heads the finding with. A violation states the problem ('Social value carries
        less than 10% of the total score'), never the rule's pass statement; a review says what could not be
        confirmed ('Not confirmed: social value carries at least 10% of the total score')."""
        if self.kind == "review":
            return f"Not confirmed: {_lower_first(self.title)}"
        return problem_headline(self.problem, self.title)

    @property
    def fingerprint(self) -> str:
        """Stable across page renumbering, moved text and re-flowed lines: the rule plus the words of the
        evidence quote (or, for a finding about an absence, of the message with page references taken out)."""
        return self.fingerprint_as(self.rule)

    def fingerprint_as(self, rule_id: str) -> str:
        """The fingerprint this finding had under another id of its rule (a former id: old baselines)."""
        words = fingerprint_words(self.evidence or self.message)
        return hashlib.sha256(f"{rule_id}\x00{words}".encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def to_dict(self) -> dict:
        d = {
            "rule": self.rule,
            "step": self.step,
            "severity": self.severity,
            "kind": self.kind,
            "title": self.title,
            "headline": self.headline,
            "message": self.message,
            "location": self.location.to_dict(),
            "evidence": self.evidence,
            "citations": [dict(c) for c in self.citations],
            "fix": self.fix,
            "waived": self.waived,
            "fingerprint": self.fingerprint,
        }
        if self.waiver:
            d["waiver"] = dict(self.waiver)
        return d


def natural_key(rule_id: str) -> tuple:
    """Sort key that reads numbers as numbers: KIL-3.2 before KIL-3.10, as people number rules."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.lower())
                 for part in re.findall(r"\d+|\D+", rule_id))


def problem_headline(problem: str, title: str) -> str:
    """A violation's headline: the rule's problem statement; a rule without one (an older user rulebook) has
    its pass statement marked as not met, so that nobody reads it as a pass."""
    return problem or f"Not met: {title}"


def _lower_first(text: str) -> str:
    """'Social value ...' -> 'social value ...'; an acronym or a name ('PPN 002 ...') keeps its capital."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[0].isupper() and text[1].islower() else text


def step_status(findings: list[Finding], applicable: bool, unreadable_pages: bool = False) -> str:
    """barrier: an unwaived error/warning violation; review: a review finding or unread pages; n/a: no rule
    of the step applied; else pass. Info violations are advice and leave a step passing."""
    if not applicable:
        return "n/a"
    live = [f for f in findings if not f.waived]
    if any(f.kind == "violation" and f.severity in ("error", "warning") for f in live):
        return "barrier"
    if unreadable_pages or any(f.kind == "review" for f in live):
        return "review"
    return "pass"
