"""The report: what one run of `tendercheck check` found, in the JSON contract of DESIGN.md."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker import __version__
from checker.facts.base import Facts
from checker.findings import SEVERITY_RANK, STEPS, Finding
from checker.model import Document

SCHEMA = "tendercheck/report/v1"


@dataclass
class DocumentResult:
    document: Document
    facts: Facts
    findings: list[Finding]
    steps: dict[int, str]  # step number -> pass | barrier | review | n/a
    baselined: list[Finding] = field(default_factory=list)  # known findings taken out by --baseline
    hidden: list[Finding] = field(default_factory=list)  # findings below --min-severity, left out of reports
    fail_on: str | None = None  # the level of the config that governs this document (None: the report's)
    config: str | None = None  # that .tendercheck.yaml, if any
    cached: bool = field(default=False, repr=False, compare=False)  # facts and findings from the check cache
    kind_skipped: list[str] = field(default_factory=list)  # rules not applied: they look for what this kind of
    # document does not hold (applies_to: kinds; checker.engine.skipped_for_kind)

    @property
    def title(self) -> str | None:
        """The notice's (or document's) title, where it has one: what a reader knows a tender by."""
        return self.document.metadata.get("title") or None

    @property
    def buyer(self) -> str | None:
        return self.document.metadata.get("buyer") or None

    @property
    def ocid(self) -> str | None:
        return self.document.metadata.get("ocid") or None

    @property
    def unread_pages(self) -> list[int]:
        return list(self.document.unreadable_pages)

    @property
    def status(self) -> str:
        """'incomplete' when pages could not be read (no text layer, OCR too poor to trust): what the checks
        did not find may be on those pages. Else 'complete'."""
        return "incomplete" if self.unread_pages else "complete"

    @property
    def kind(self) -> str:
        """What the document is (checker.kinds, the fact document.kind): ITT, specification, contract terms,
        pricing schedule, form, notice, addendum or other, from its structure and wording; 'not a tender' when
        document.not_a_tender holds; 'pack' for a tender pack (its members carry their own kinds)."""
        return self._kind()[0]

    @property
    def kind_reason(self) -> str:
        """What decided the kind, in a few words: shown beside it in every report."""
        return self._kind()[1]

    def _kind(self) -> tuple[str, str]:
        from checker.facts.document import document_kind

        if self.facts is not None and self.facts.value("document.not_a_tender") is True:
            source = self.facts.get("document.not_a_tender").source
            return "not a tender", source.split(": ", 1)[-1]
        fact = self.facts.get("document.kind") if self.facts is not None else None
        if fact is not None:
            return fact.value, fact.source.split(": ", 1)[-1]
        return document_kind(self.document)

    def law(self) -> dict:
        """The jurisdiction and regime the rules worked under, with why and the evidence (checker.regime)."""
        from checker.regime import law_applied

        return law_applied(self.facts)

    def to_dict(self) -> dict:
        doc = self.document
        return {
            "path": doc.path,
            "sha256": doc.sha256,
            "format": doc.format,
            "kind": self.kind,
            "kind_reason": self.kind_reason,
            "kind_skipped": list(self.kind_skipped),
            "pages": doc.pages,
            "title": self.title,
            "buyer": self.buyer,
            "ocid": self.ocid,
            "value": doc.metadata.get("value"),
            "stage": doc.metadata.get("stage"),
            "status": self.status,
            "unread_pages": self.unread_pages,
            "fail_on": self.fail_on,
            "config": self.config,
            **({"pack": doc.metadata["pack"]} if doc.metadata.get("pack") else {}),
            "warnings": [w.to_dict() for w in doc.warnings],
            "law": self.law(),
            "facts": self.facts.to_dict(),
            "steps": {
                str(n): {
                    "title": STEPS[n],
                    "status": self.steps.get(n, "n/a"),
                    "findings": sum(1 for f in self.findings if f.step == n and not f.waived),
                }
                for n in STEPS
            },
            "findings": [f.to_dict() for f in self.findings],
            "baselined": len(self.baselined),
            "hidden": len(self.hidden),
        }


@dataclass(frozen=True)
class InputProblem:
    """A file or path that could not be checked; the rest of the batch still is."""

    path: str
    code: str
    message: str

    def to_dict(self) -> dict:
        return {"path": self.path, "code": self.code, "message": self.message}


@dataclass
class Report:
    documents: list[DocumentResult] = field(default_factory=list)
    errors: list[InputProblem] = field(default_factory=list)
    rulebook: dict = field(default_factory=lambda: {"name": None, "version": None, "rules": 0})
    notices: list[str] = field(default_factory=list)  # e.g. expired waivers
    fail_on: str = "error"  # from config; --fail-on overrides it in the CLI
    rules: list[dict] = field(default_factory=list)  # rule metadata (id, step, title, severity, citations, fix)
    outputs: list[tuple[str, str]] = field(default_factory=list)  # (format, file) this run writes; '-' is stdout
    min_severity: str | None = None  # --min-severity: findings below it are hidden (DocumentResult.hidden)
    allow_incomplete: bool = False  # --allow-incomplete: a document with unread pages does not fail the run
    deprecations: list[str] = field(default_factory=list)  # former rule ids used (stderr lines, not reports)
    aliases: dict = field(default_factory=dict)  # the rulebook's former rule ids -> current ids (baselines)
    skipped: dict = field(default_factory=dict)  # reason -> notices not checked (stage, closed, resumed, ...)
    interrupted: bool = False  # the run was stopped (Ctrl-C, SIGTERM): it holds what finished before
    prior: list[dict] = field(default_factory=list)  # --resume: earlier documents' JSON (for csv and summary)
    sort: str = "worst"  # --sort: the order of the csv and summary rows

    def incomplete(self) -> list[DocumentResult]:
        """Documents with pages that could not be read."""
        return [d for d in self.documents if d.status == "incomplete"]

    def fails_incomplete(self) -> bool:
        """True when a document is incomplete and the run was not told to accept that (--allow-incomplete)."""
        return bool(self.incomplete()) and not self.allow_incomplete

    def hide_below(self, min_severity: str) -> None:
        """Take findings below min_severity (error | warning | info) out of every report; they are counted as
        hidden. Call it after deciding the exit code: hiding changes what is shown, not what fails."""
        rank = SEVERITY_RANK[min_severity]
        for result in self.documents:
            result.hidden.extend(f for f in result.findings if SEVERITY_RANK.get(f.severity, 0) < rank)
            result.findings = [f for f in result.findings if SEVERITY_RANK.get(f.severity, 0) >= rank]
        self.min_severity = min_severity

    def findings(self, include_waived: bool = False):
        for result in self.documents:
            for f in result.findings:
                if include_waived or not f.waived:
                    yield result, f

    def worst_severity(self) -> str | None:
        ranks = [SEVERITY_RANK[f.severity] for _, f in self.findings() if f.kind == "violation"]
        if not ranks:
            return None
        return {v: k for k, v in SEVERITY_RANK.items()}[max(ranks)]

    def failing(self) -> list[DocumentResult]:
        """Documents with an unwaived violation at or above their own fail_on: the one their nearest
        .tendercheck.yaml sets (or --fail-on, which overrides every config), else the report's."""
        out = []
        for result in self.documents:
            level = result.fail_on or self.fail_on
            if level == "never":
                continue
            if any(f.kind == "violation" and not f.waived and SEVERITY_RANK[f.severity] >= SEVERITY_RANK[level]
                   for f in result.findings):
                out.append(result)
        return out

    def fails(self, fail_on: str) -> bool:
        """True when an unwaived violation is at or above fail_on (error | warning | info | never)."""
        if fail_on == "never":
            return False
        worst = self.worst_severity()
        return worst is not None and SEVERITY_RANK[worst] >= SEVERITY_RANK[fail_on]

    def summary(self) -> dict:
        counts = {s: 0 for s in SEVERITY_RANK}
        waived = 0
        for _, f in self.findings(include_waived=True):
            if f.waived:
                waived += 1
            else:
                counts[f.severity] += 1
        return {
            "documents": len(self.documents),
            "incomplete": len(self.incomplete()),
            "reviews": sum(1 for _, f in self.findings() if f.kind == "review"),
            "errors": len(self.errors),
            "findings": sum(counts.values()),
            "by_severity": counts,
            "waived": waived,
            "baselined": sum(len(d.baselined) for d in self.documents),
            "hidden": sum(len(d.hidden) for d in self.documents),
            "skipped": dict(sorted(self.skipped.items())),
            "interrupted": self.interrupted,
        }

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "tool": {"name": "tendercheck", "version": __version__},
            "rulebook": dict(self.rulebook),
            "documents": [d.to_dict() for d in self.documents],
            "errors": [e.to_dict() for e in self.errors],
            "notices": list(self.notices),
            "summary": self.summary(),
        }
