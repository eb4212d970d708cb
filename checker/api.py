"""The one entry point the CLI, tests and integrations use: check(paths, options) -> Report."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.errors import InputError
from checker.model import Document
from checker.results import DocumentResult, InputProblem, Report


@dataclass
class CheckOptions:
    """What the user asked for on top of .tendercheck.yaml (the CLI's flags)."""

    config_path: str | None = None  # explicit --config; else discovered from each file's folder upwards
    rulebook: str | None = None  # --rulebook: a folder of rule files, or a bundled rulebook name
    params: dict = field(default_factory=dict)  # --param name=value
    select: tuple[str, ...] = ()  # only these rule ids (prefixes allowed)
    ignore: tuple[str, ...] = ()  # never these rule ids (prefixes allowed)
    fail_on: str | None = None  # error | warning | info | never


def check(paths, options: CheckOptions | None = None) -> Report:
    """Check every document under paths. Rulebook and config errors raise (nothing is read);
    a bad document becomes an entry in report.errors and the batch goes on."""
    from checker import config as config_mod

    options = options or CheckOptions()
    base = config_mod.load(options)  # validates rulebook + explicit config before any document is read
    report = Report(rulebook=base.rulebook_info(), fail_on=base.fail_on, rules=base.rules_info())
    from checker.extract import iter_input_files, read_documents

    for path, problem in iter_input_files(paths):
        if problem is not None:
            report.errors.append(InputProblem(problem.path, problem.code, problem.cause))
            continue
        try:
            cfg = config_mod.for_document(base, path, options)
            for document in read_documents(path):
                report.documents.append(check_document(document, cfg))
        except InputError as exc:
            report.errors.append(InputProblem(exc.path, exc.code, exc.cause))
    report.notices.extend(base.notices())
    return report


def check_document(document: Document, cfg) -> DocumentResult:
    from checker import engine

    docs, facts = analyse(document)
    findings, steps = engine.evaluate(cfg, document, docs, facts)
    return DocumentResult(document, facts, findings, steps)


def analyse(document):
    """Annotate and find facts: the language half of the pipeline, shared by check and `extract --facts`."""
    from checker.facts import find_facts
    from checker.nlp.pipeline import annotate

    docs = annotate(document)
    return docs, find_facts(document, docs)
