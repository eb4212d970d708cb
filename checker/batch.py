"""A batch: the user's paths expanded into units of work, run by an executor, results handed back as each
unit finishes.

Paths are files, folders (walked), globs (`tenders/**/*.pdf`) and `@LIST` files (one path a line, `#`
comments); a file named twice (or reached twice) is checked once. A PDF, DOCX or text file is one unit; an
OCDS file is streamed here, its notices filtered by stage (tender-stage by default) and by `--open`, and
handed out in runs of NOTICES_PER_UNIT, so a multi-gigabyte JSON Lines file is checked with flat memory and
its notices spread over every worker. Skipped notices are counted (Report.skipped).

Executors: `local` runs units in forked workers under the per-document limits (checker.isolation.pool),
`--jobs` at once; `dask` maps the same unit function over a dask.distributed cluster, each unit still in a
forked worker under the limits on the Dask worker's machine.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from checker.errors import InputError

NOTICES_PER_UNIT = 16
GLOB_CHARS = ("*", "?", "[")


@dataclass
class Unit:
    """One task: a whole file (notices None) or a run of one OCDS file's notices."""

    seq: int  # its place in the run: reports list documents in this order whatever finishes first
    path: object  # a Path, or a checker.api.PackSpec (a pack checked as one tender)
    notices: list | None = None
    sha256: str = ""
    config_key: str = ""  # the file (or a pack's first member) whose nearest config governs it

    @property
    def size(self) -> int:
        """How many documents it is (for the progress bar)."""
        return 1 if self.notices is None else len(self.notices)


@dataclass
class Filters:
    """Which OCDS notices to check: stages (planning, tender, award, contract; 'all'), open ones only."""

    stages: tuple[str, ...] = ("tender",)
    open_only: bool = False
    today: date | None = None

    def reason_to_skip(self, release: dict) -> str | None:
        from checker.extract import ocds

        if "all" not in self.stages and ocds.stage_of(release) not in self.stages:
            return "stage"
        if self.open_only:
            state = ocds.is_open(release, self.today or date.today())
            if state is None:
                return "no_closing_date"
            if not state:
                return "closed"
        return None


@dataclass
class Plan:
    """What planning met besides units: input problems and skipped notices, filled in as it runs."""

    problems: list = field(default_factory=list)  # InputProblem
    skipped: dict = field(default_factory=dict)  # reason -> count


def expand(paths) -> Iterator[tuple[Path, InputError | None]]:
    """Files to check from the user's paths, each once: (path, None), or (path, InputError) for a path that is
    itself a problem. A path that does not exist but holds * ? or [ is a glob (** reaches into folders)."""
    from checker.extract import iter_input_files

    seen: set = set()
    for raw in _arguments(paths):
        if isinstance(raw, InputError):
            yield Path(raw.path), raw
            continue
        text = str(raw)
        if text == "-":  # JSON Lines on standard input
            if "-" not in seen:
                seen.add("-")
                yield Path("-"), None
            continue
        if not os.path.lexists(text) and any(c in text for c in GLOB_CHARS):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                yield Path(text), InputError(text, "no file matches this pattern", code="missing")
                continue
            candidates = [Path(m) for m in matches]
        else:
            candidates = [Path(text)]
        for candidate in candidates:
            try:
                for path, problem in iter_input_files([candidate]):
                    if problem is None:
                        key = _identity(path)
                        if key in seen:
                            continue
                        seen.add(key)
                    yield path, problem
            except Exception as exc:  # noqa: BLE001 - one path's fault must cost one line, never the batch
                from checker.api import one_line

                cause = getattr(exc, "strerror", None) or one_line(str(exc)) or type(exc).__name__
                yield candidate, InputError(candidate, f"cannot list: {cause}", code="unreadable")


def _identity(path: Path):
    """The same file by any name: device and inode where the file can be stat'ed, else its resolved path."""
    try:
        st = path.stat()
        return (st.st_dev, st.st_ino)
    except OSError:
        return os.path.realpath(path)


def _arguments(paths):
    """The paths with each `@LIST` replaced by the paths it names (relative ones from the working folder, as a
    shell would read them); a list that cannot be read is an InputError."""
    for raw in paths:
        text = os.fspath(raw)
        if not text.startswith("@") or len(text) == 1 or os.path.lexists(text):
            yield text
            continue
        listing = text[1:]
        try:
            with open(listing, encoding="utf-8-sig") as fh:
                lines = fh.read().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            yield InputError(listing, f"cannot read the list of paths: {getattr(exc, 'strerror', None) or exc}",
                             code="unreadable")
            continue
        for line in lines:
            entry = line.strip()
            if entry and not entry.startswith("#"):
                yield entry


def units(items, filters: Filters, plan: Plan, done: set | frozenset = frozenset()) -> Iterator[Unit]:
    """The units of work, lazily, from (path or PackSpec, problem) pairs (checker.api._units): a file is sniffed
    (OCDS is streamed here; everything else, packs too, is read in its worker). done holds document paths
    already checked (--resume): they are skipped and counted."""
    from checker.extract import ocds, sha256_of, sniff
    from checker.results import InputProblem

    seq = 0
    for path, problem in items:
        if problem is not None:
            plan.problems.append((seq, InputProblem(problem.path, problem.code, problem.cause)))
            seq += 1
            continue
        if not isinstance(path, Path):  # a pack of files
            seq += 1
            if str(path.path) in done:
                _count(plan, "resumed")
                continue
            yield Unit(seq, path)
            continue
        try:
            fmt = "ocds" if str(path) == "-" else sniff(path) if path.is_file() else None
        except InputError:
            fmt = None  # the worker reads it and reports the problem as any reading problem
        if fmt != "ocds":
            seq += 1
            if str(path) in done:
                _count(plan, "resumed")
                continue
            yield Unit(seq, path)
            continue
        try:
            digest = "" if str(path) == "-" else sha256_of(path)  # stdin: each notice's own digest
            run: list = []
            for item in ocds.notices(path):
                if isinstance(item, InputError):
                    seq += 1
                    plan.problems.append((seq, InputProblem(item.path, item.code, item.cause)))
                    continue
                if isinstance(item, ocds.Skipped):
                    _count(plan, item.reason)
                    continue
                reason = filters.reason_to_skip(item.release)
                if reason is None and f"{path}#{item.name}" in done:
                    reason = "resumed"
                if reason:
                    _count(plan, reason)
                    continue
                run.append(item)
                if len(run) >= NOTICES_PER_UNIT:
                    seq += 1
                    yield Unit(seq, path, run, digest)
                    run = []
            if run:
                seq += 1
                yield Unit(seq, path, run, digest)
        except InputError as exc:
            seq += 1
            plan.problems.append((seq, InputProblem(exc.path, exc.code, exc.cause)))
        except OSError as exc:
            seq += 1
            plan.problems.append((seq, InputProblem(str(path), "unreadable", f"cannot read: {exc.strerror or exc}")))


def _count(plan: Plan, reason: str) -> None:
    plan.skipped[reason] = plan.skipped.get(reason, 0) + 1


def run_unit(unit: Unit, cfg, ocr: bool) -> tuple[list, list]:
    """Every document of a unit checked: DocumentResults and InputProblems in order, and the notices (expired
    waivers) the check added to cfg, which in a worker process stay there."""
    from checker import isolation
    from checker.api import PackSpec, _check_file, _check_pack, check_document
    from checker.extract import ocds
    from checker.results import InputProblem

    if isinstance(unit.path, PackSpec):
        return _check_pack(unit.path, cfg, ocr)
    if unit.notices is None:
        return _check_file(unit.path, cfg, ocr)
    before = len(cfg.notices())
    outcomes = []
    for notice in unit.notices:
        name = f"{unit.path}#{notice.name}"
        try:
            from checker.api import guarded

            document = guarded(name, "reading", ocds.notice_document, unit.path, notice, unit.sha256)
            outcomes.append(check_document(document, cfg))
        except InputError as exc:
            outcomes.append(InputProblem(exc.path, exc.code, exc.cause))
        isolation.beat()
    return outcomes, cfg.notices()[before:]


def local(tasks, jobs: int):
    """(unit, cfg, ocr) tasks in forked workers, `jobs` at once, each under its config's limits (the time and
    memory ones watched from here, the others read by the extractors in the worker): yields (unit, outcome or
    exception)."""
    from checker import isolation

    return isolation.pool(((unit, limited, (cfg.limits, run_unit, unit, cfg, ocr), worker_limits(cfg))
                           for unit, cfg, ocr in tasks), jobs)


def limited(limits, fn, *args):
    """fn(*args) with limits current (checker.limits.using): what the extractors read."""
    from checker import limits as limits_mod

    with limits_mod.using(limits):
        return fn(*args)


def worker_limits(cfg):
    from checker import isolation

    return isolation.Limits(cfg.limits.on("timeout_s"), cfg.limits.on("memory_mb"))


def dask(tasks, scheduler: str, options, in_flight: int | None = None):
    """The same units on a dask.distributed cluster at `scheduler` (an address, or a Client): each worker
    builds the configuration from the options (the paths must be readable there at the same names), runs
    the unit in a forked worker under limits, and sends the results back; yields (unit, outcome) as each
    finishes. At most in_flight units wait on the cluster at once (default: four per worker thread)."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise InputError("--executor dask", f"needs the dask extra ({exc.name} is missing): "
                         "in the tendercheck folder, pip install '.[dask]'", code="unsupported") from None
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler, set_as_default=False)
    try:
        if in_flight is None:
            threads = sum(client.nthreads().values()) or 1
            in_flight = 4 * threads
        tasks = iter(tasks)
        keys: dict = {}

        def submit():
            task = next(tasks, None)
            if task is None:
                return None
            unit, _cfg, _ocr = task
            future = client.submit(remote_unit, unit, options, pure=False)
            keys[future.key] = unit
            return future

        first = [f for f in (submit() for _ in range(in_flight)) if f is not None]
        more = len(first) == in_flight
        if not first:
            return
        pending = as_completed(first, loop=client.loop)
        for future in pending:
            unit = keys.pop(future.key)
            try:
                value = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker is this unit's error, not the batch's
                value = exc
            future.release()
            yield unit, value
            if more:
                following = submit()
                if following is None:
                    more = False
                else:
                    pending.add(following)
    finally:
        if client is not scheduler:
            client.close()


_remote_configs: dict = {}


def remote_unit(unit: Unit, options):
    """A unit run on a Dask worker: the configuration built there (once per options; each file's own config
    found there, so the files must be at the same paths), the unit in a forked worker under its limits."""
    import pickle

    from checker import config as config_mod
    from checker import isolation

    key = pickle.dumps(options)
    base = _remote_configs.get(key)
    if base is None:
        base = _remote_configs[key] = config_mod.load(options)
    cfg = config_mod.for_document(base, unit.config_key, options)
    from checker import cache

    cache.activate(options.cache)  # this worker's own cache folder, unless --no-cache
    warm()
    return isolation.run(limited, (cfg.limits, run_unit, unit, cfg, options.ocr), worker_limits(cfg))


_warm = False


def warm(configs=()) -> None:
    """Load the language pipeline once in this process, and build the configs' rulebook matchers, before workers
    fork from it, so no worker pays for spaCy's import and the pipeline's build (about a second each). The
    caller warms before forking when documents will need the pipeline: upfront without the check cache, and
    with it once a document was not in the cache (a fully cached run never imports spaCy)."""
    global _warm
    if not _warm:
        from checker.api import analyse
        from checker.model import Block, Document, Location

        analyse(Document("warm-up", "", "txt", 1, [Block("paragraph", "The contract is worth £100,000 over 2 years.",
                                                          Location(page=1, block=0))]))
        _warm = True
    for cfg in configs:
        if cfg.rulebook is not None:
            cfg.rulebook.bank.compile()
