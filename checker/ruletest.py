"""Run rules' own examples: each pass example must give no finding of its rule, each fail example a violation.

What `tendercheck test-rules` and the parametrised pytest cases share. Each example is a Markdown snippet,
read with the text extractor and annotated, with facts found, exactly as a real document would be.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker import rulebook as rulebook_mod


@dataclass(frozen=True)
class ExampleResult:
    example: rulebook_mod.Example
    ok: bool
    detail: str  # why it failed, or what it gave

    @property
    def case_id(self) -> str:
        return self.example.case_id

    @property
    def label(self) -> str:
        """The case id, with the example's name when it has one: 'KIL-2.2-...-fail-1 (nested weighting)'."""
        return f"{self.case_id} ({self.example.name})" if self.example.name else self.case_id


def run_example(book: rulebook_mod.Rulebook, rule: rulebook_mod.Rule, example: rulebook_mod.Example):
    from checker import engine
    from checker.api import analyse
    from checker.extract.text import parse_text

    if example.pack:
        from checker import pack

        members = [(file, file, parse_text(text, path=file)) for file, text in example.pack]
        document, docs, facts = pack.analyse(f"<{example.case_id}>", "", members, "example")
    else:
        document = parse_text(example.text, path=f"<{example.case_id}>")
        docs, facts = analyse(document)
    params = {**book.params, **example.params}
    findings = engine.evaluate_rule(rule, params, document, docs, facts, book.compile().bank)
    violations = [f for f in findings if f.kind == "violation"]
    if example.kind == "pass":
        ok = not findings
        detail = "no finding" if ok else f"expected no finding, got {_describe(findings)}"
    else:
        ok = bool(violations)
        detail = f"{len(violations)} violation(s)" if ok else (
            f"expected a violation, got {_describe(findings)}" if findings else "expected a violation, got none")
    return ExampleResult(example, ok, detail)


def run(spec: str | None = None) -> list[ExampleResult]:
    """Every example of every rule in a rulebook (folder, bundled name, or one rule file: that rule only)."""
    from pathlib import Path

    book = rulebook_mod.load(spec)
    only = Path(spec).stem if spec and Path(spec).is_file() else None
    return [run_example(book, rule, example) for rule in book.rules if only in (None, rule.id)
            for example in rule.examples]


def _describe(findings) -> str:
    first = findings[0]
    text = f"{first.kind} \"{first.message[:120]}\""
    return text + (f" and {len(findings) - 1} more" if len(findings) > 1 else "")
