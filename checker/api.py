"""The one entry point the CLI, tests and integrations use: check(paths, options) -> Report."""

from __future__ import annotations

import os
import stat
import sys
import traceback
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from checker.errors import DocumentError, InputError, TendercheckError
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
    ocr: bool = True  # read PDF pages without a text layer by OCR (Tesseract, when installed); --no-ocr
    timeout_s: float | None = None  # per-document time limit (checker.isolation); None: the default, 0: off
    memory_mb: int | None = None  # per-document memory limit in MB; None: the default, 0: off
    packs: tuple[str, ...] = ()  # --pack: folders (or ZIPs) each checked as one tender
    force: bool = False  # --force: check documents that do not read as (UK) tenders with every rule
    limits: dict = field(default_factory=dict)  # --limit name=value (checker.limits), over the config's limits:
    jobs: int | None = None  # documents checked at once (forked workers); None: the CPU count
    stages: tuple[str, ...] = ("tender",)  # OCDS notices of these stages (planning, tender, award, contract, all)
    open_only: bool = False  # OCDS: only notices whose tender period has not closed (on `today`)
    today: date | None = None  # for open_only; None: the run's date
    executor: str = "local"  # local | dask
    scheduler: object = None  # dask: the scheduler's address (or a distributed.Client)

    jurisdiction: str | None = None  # --jurisdiction: england | wales | scotland | northern_ireland | not_uk
    cache: bool = True  # read and write the on-disk caches (checker.cache); --no-cache

@dataclass(frozen=True)
class PackSpec:
    """A tender pack to check as one tender: a ZIP file, or files (a --pack folder, a config's `pack:` list)."""

    path: str  # as reports name the pack: the ZIP, the folder, or the .tendercheck.yaml's folder
    source: str  # zip | folder | config
    files: tuple[str, ...] = ()  # the members of a folder or config pack, in order


def check(paths, options: CheckOptions | None = None, on_result=None, done=frozenset()) -> Report:
    """Check every document under paths (see _check), with the extraction cache on unless options.cache is
    False (--no-cache): the forked workers inherit the setting."""
    from checker import cache

    options = options or CheckOptions()
    previous = cache.activate(options.cache)
    try:
        return _check(paths, options, on_result, done)
    finally:
        cache.activate(previous)


def _check(paths, options: CheckOptions, on_result, done) -> Report:
    """Check every document under paths. Rulebook and config errors raise (nothing is read);
    a bad document becomes an entry in report.errors and the batch goes on.

    on_result(outcomes, planned) is called as each unit of work finishes, with its DocumentResults and
    InputProblems (in finishing order: for --format jsonl and the progress bar) and the number of documents
    planned so far. done: document paths already checked (--resume), skipped and counted. An interrupt
    (KeyboardInterrupt) stops the run: the report holds what finished and report.interrupted is set."""
    from checker import batch, cache
    from checker import config as config_mod

    options = options or CheckOptions()
    base = config_mod.load(options)  # validates rulebook + explicit config before any document is read
    report = Report(rulebook=base.rulebook_info(), fail_on=base.fail_on, rules=base.rules_info())
    plan = batch.Plan()
    filters = batch.Filters(tuple(options.stages), options.open_only, options.today)
    configs: dict = {}
    planned = [0]
    missed = [False]  # has a document missed the check cache (then the pipeline is loaded before the next fork)
    finished: list = []  # (seq, outcomes)

    def tasks():
        for unit in batch.units(_units(paths, options, base), filters, plan, done):
            item = unit.path
            where = item.files[0] if isinstance(item, PackSpec) and item.files else \
                item.path if isinstance(item, PackSpec) else item
            key = str(where)
            if key not in configs:
                configs[key] = config_mod.for_document(base, where, options)  # a bad config stops the run
            unit.config_key = key
            planned[0] += unit.size
            if missed[0]:  # a document was not in the check cache, and another is about to be forked:
                batch.warm(configs.values())  # load the pipeline here once, so the next workers need not
            yield unit, configs[key], options.ocr

    jobs = options.jobs or os.cpu_count() or 1
    if options.executor == "dask":
        results = batch.dask(tasks(), options.scheduler, options)
    else:
        if not cache.active():
            batch.warm(configs.values())  # before the first fork: no worker loads spaCy itself
        results = batch.local(tasks(), jobs)
    reported = 0
    try:
        for unit, value in results:
            outcomes = _outcomes(unit, value, configs[unit.config_key])
            if any(isinstance(o, DocumentResult) and not o.cached for o in outcomes):
                missed[0] = True  # the next task warms this process before it forks (tasks above)
            fresh = [p for _, p in plan.problems[reported:]]
            reported = len(plan.problems)
            finished.append((unit.seq, outcomes))
            if on_result is not None:
                on_result(fresh + outcomes, planned[0])
    except KeyboardInterrupt:
        report.interrupted = True
        close = getattr(results, "close", None)
        if close:
            close()  # kills the running workers
    if on_result is not None and plan.problems[reported:]:
        on_result([p for _, p in plan.problems[reported:]], planned[0])
    finished.extend((seq, [problem]) for seq, problem in plan.problems)
    for _, outcomes in sorted(finished, key=lambda item: item[0]):
        for outcome in outcomes:
            (report.errors if isinstance(outcome, InputProblem) else report.documents).append(outcome)
    report.skipped = dict(plan.skipped)
    report.notices.extend(base.notices())
    report.deprecations.extend(base.deprecations())
    report.aliases = dict(base.rulebook.aliases) if base.rulebook else {}
    return report


def _outcomes(unit, value, cfg) -> list:
    """A unit's results, each document with its config's fail_on; a stopped or failed worker is one problem."""
    from checker import isolation

    name = str(getattr(unit.path, "path", unit.path))
    if isinstance(value, isolation.LimitExceeded):
        return [InputProblem(name, "limit", value.cause)]
    if isinstance(value, InputError):
        return [InputProblem(value.path, value.code, value.cause)]
    if isinstance(value, BaseException):
        cause = (f"internal error: {type(value).__name__}: {one_line(str(value))} (set TENDERCHECK_DEBUG=1 for a "
                 "traceback)")
        return [InputProblem(name, "internal-error", cause)]
    outcomes, notices = value
    cfg.add_notices(notices)  # expired waivers met in the worker
    for outcome in outcomes:
        if not isinstance(outcome, InputProblem):
            outcome.fail_on = cfg.fail_on  # the nearest .tendercheck.yaml's fail_on; --fail-on overrides it
            outcome.config = cfg.source
    return outcomes


def _check_file(path, cfg, ocr: bool) -> tuple[list, list]:
    """Every document in one input file checked: DocumentResults and InputProblems in order, and the notices
    the check added (it runs in the worker, whose changes to cfg stay there; checker.isolation)."""
    from checker import cache, isolation
    from checker.extract import read_documents

    before = len(cfg.notices())
    try:
        if _is_pack(path):
            return _check_pack(PackSpec(str(path), "zip"), cfg, ocr)
        documents = guarded(path, "reading", read_documents, path, ocr, cache.active())
    except InputError as exc:
        return [InputProblem(exc.path, exc.code, exc.cause)], []
    outcomes = []
    for document in documents:
        try:
            outcomes.append(check_document(document, cfg))
        except InputError as exc:
            outcomes.append(InputProblem(exc.path, exc.code, exc.cause))
        isolation.beat()
    return outcomes, cfg.notices()[before:]


def _is_pack(path: Path) -> bool:
    """A ZIP that is no Office or OpenDocument file: a tender pack."""
    from checker.extract import sniff

    try:
        return Path(path).is_file() and sniff(Path(path)) == "zip"
    except InputError:
        return False


def _check_pack(spec: PackSpec, cfg, ocr: bool) -> tuple[list, list]:
    """A pack checked as one tender: its DocumentResult (format pack) first, then one InputProblem per member
    that could not be read (`pack.zip!member`); the notices the check added, as _check_file."""
    import hashlib
    import tempfile

    from checker import engine, isolation
    from checker import pack as pack_mod
    from checker.extract import archive, read_documents

    before = len(cfg.notices())
    problems, read = [], []
    with tempfile.TemporaryDirectory(prefix="tendercheck-pack-") as tmp:
        if spec.source == "zip":
            _regular_file(Path(spec.path))
            try:
                members, bad = archive.unpack(Path(spec.path), spec.path, Path(tmp))
            except InputError as exc:
                return [InputProblem(exc.path, exc.code, exc.cause)], []
            problems += [InputProblem(str(e.path), e.code, e.cause) for e in bad]
            sources = [(m.name, m.path, pack_mod.short_name(m.name, spec.path)) for m in members]
            digest = _sha256(Path(spec.path))
        else:
            sources = [(f, Path(f), pack_mod.short_name(f, spec.path)) for f in spec.files]
            digest = None
        for name, where, file in sources:
            try:
                documents = guarded(name, "reading", read_documents, where, ocr)
            except InputError as exc:
                problems.append(InputProblem(name, exc.code, exc.cause))
                continue
            for document in documents:
                release = document.path.partition("#")[2]
                document.path = name + (f"#{release}" if release else "")
                read.append((document.path, file + (f"#{release}" if release else ""), document))
            isolation.beat()
    if not read:
        first = f" (first: {problems[0].path}: {problems[0].message})" if problems else ""
        problems.insert(0, InputProblem(spec.path, "empty", f"no document of the pack could be read{first}"))
        return problems, cfg.notices()[before:]
    if digest is None:
        digest = hashlib.sha256("".join(d.sha256 for _, _, d in read).encode()).hexdigest()
    document, docs, facts = guarded(spec.path, "reading the pack", pack_mod.analyse, spec.path, digest, read,
                                    spec.source, isolation.beat, getattr(cfg, "jurisdiction", None))
    findings, steps = guarded(spec.path, "applying the rules", engine.evaluate, cfg, document, docs, facts)
    return [DocumentResult(document, facts, findings, steps), *problems], cfg.notices()[before:]


def _sha256(path: Path) -> str:
    from checker.extract import sha256_of

    return sha256_of(path)


def _units(paths, options, base):
    """What to check, in order: (path or PackSpec, None), or (path, InputError) for a path that is itself a
    problem. Files a .tendercheck.yaml lists under `pack:` are one PackSpec, where the first of them comes;
    each --pack folder is one PackSpec of its files."""
    from checker import batch
    from checker import config as config_mod

    seen_packs = set()
    for path, problem in batch.expand(paths):
        if problem is None:
            cfg = config_mod.for_document(base, path, options)
            if cfg.pack and _resolved(path) in cfg.pack:
                if cfg.source not in seen_packs:
                    seen_packs.add(cfg.source)
                    yield PackSpec(str(Path(cfg.source).parent), "config", tuple(str(f) for f in cfg.pack)), None
                continue
        yield path, problem
    for raw in options.packs:
        folder = Path(raw)
        if folder.is_file():
            yield folder, None  # a ZIP given with --pack is a pack anyway
            continue
        files, trouble = [], None
        for path, problem in _input_files([raw]):
            if problem is not None:
                trouble = problem
            else:
                files.append(str(path))
        if trouble is not None and not files:
            yield Path(raw), trouble
        else:
            yield PackSpec(str(folder), "folder", tuple(files)), None


def _resolved(path) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path)


def _input_files(paths):
    """checker.extract.iter_input_files one user path at a time, so that a folder walk that fails (a folder
    that cannot be listed, say) is one error naming that path and the other paths are still checked."""
    from checker.extract import iter_input_files

    for raw in paths:
        try:
            yield from iter_input_files([raw])
        except Exception as exc:  # noqa: BLE001 - one path's fault must cost one line, never the batch
            if os.environ.get("TENDERCHECK_DEBUG"):
                traceback.print_exc(file=sys.stderr)
            cause = getattr(exc, "strerror", None) or one_line(str(exc)) or type(exc).__name__
            yield Path(raw), InputError(raw, f"cannot list: {cause}", code="unreadable")


def check_document(document: Document, cfg) -> DocumentResult:
    """One document's findings; any failure in any stage is an InputError naming the document.

    With the cache on (checker.cache), the facts, the rules' findings before waivers and the rules the document's
    kind took out are kept under a key of everything they depend on (_judged_entry), so a document checked before
    under the same rules, params, severities, jurisdiction and date is neither annotated nor judged again;
    waivers are applied afresh."""
    from checker import cache, engine

    entry = _judged_entry(document, cfg) if cache.active() else None
    hit = cache.get("check", entry) if entry else None
    if isinstance(hit, tuple) and len(hit) == 4:
        facts, judged, applied, skipped = hit
        findings, steps = engine.score(cfg, document, judged, applied)
        return DocumentResult(document, facts, findings, steps, kind_skipped=skipped, cached=True)
    docs, facts = analyse_guarded(document, getattr(cfg, "jurisdiction", None))
    judged, applied = guarded(document.path, "applying the rules", engine.judge, cfg, document, docs, facts)
    skipped = engine.skipped_for_kind(cfg, document, docs, facts)
    if entry:
        cache.put("check", entry, (facts, judged, applied, skipped))
    findings, steps = engine.score(cfg, document, judged, applied)
    return DocumentResult(document, facts, findings, steps, kind_skipped=skipped)


def _judged_entry(document: Document, cfg) -> str | None:
    """The check cache key: the document as read (its pickled bytes: text, layout, path, OCR marks), the rulebook's
    files and vocabularies, the enabled rules, the params and severities the config sets, --jurisdiction and the
    date (a rule may read today's date). None when the rulebook has no content key (read without the cache)."""
    import pickle

    book = getattr(cfg, "rulebook", None)
    if book is None or book.content_key is None:
        return None
    from checker import cache

    try:
        data = pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - a document that does not pickle is simply not cached
        return None
    settings = repr(([r.id for r in cfg.rules], sorted(cfg.params.items()), sorted(cfg.severities.items()),
                     getattr(cfg, "jurisdiction", None), cfg.today.isoformat()))
    return cache.key("check", data, book.content_key, settings)


def analyse_guarded(document, jurisdiction: str | None = None):
    """analyse() with each stage's failure turned into an InputError naming the document (the CLI's view);
    jurisdiction: --jurisdiction, taken over the one the document reads as."""
    from checker.facts import find_facts
    from checker.nlp.pipeline import annotate

    docs = guarded(document.path, "annotating the text", annotate, document)
    return docs, guarded(document.path, "finding facts", find_facts, document, docs, jurisdiction)


def guarded(path, stage: str, fn, *args):
    """fn(*args); an InputError passes through, our other errors and any unexpected exception become a
    DocumentError naming path and stage. With TENDERCHECK_DEBUG=1 the traceback goes to stderr too."""
    if stage == "reading":
        _regular_file(Path(path))
    try:
        return fn(*args)
    except InputError:
        raise
    except TendercheckError as exc:
        raise InputError(path, str(exc), code=exc.code) from exc
    except Exception as exc:  # one document's fault must cost one line, never the batch
        if os.environ.get("TENDERCHECK_DEBUG"):
            traceback.print_exc(file=sys.stderr)
        if isinstance(exc, (MemoryError, RecursionError)):
            cause = f"too large or too deeply nested to check ({type(exc).__name__} while {stage})"
        else:
            detail = one_line(str(exc)) or type(exc).__name__
            cause = (f"internal error while {stage}: {type(exc).__name__}: {detail} "
                     "(set TENDERCHECK_DEBUG=1 for a traceback)")
        raise DocumentError(path, cause) from exc


def _regular_file(path: Path) -> None:
    """Refuse FIFOs, devices and sockets before anything opens them (a FIFO would block the run forever)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # the reader says what is wrong (missing, no permission)
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) \
            else "a socket" if stat.S_ISSOCK(mode) else "not a regular file"
        raise InputError(path, f"{kind}, not a document file", code="unsupported")


def one_line(text: str, limit: int = 200) -> str:
    """text on one line without control characters, cut to limit characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def analyse(document):
    """Annotate and find facts: the language half of the pipeline, shared by check and `extract --facts`."""
    from checker.facts import find_facts
    from checker.nlp.pipeline import annotate

    docs = annotate(document)
    return docs, find_facts(document, docs)
