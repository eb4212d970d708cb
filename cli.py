"""tendercheck command line: parse options, call checker.api, hand the Report to a reporter, set the exit code.

Exit codes: 0 nothing at or above --fail-on (or --exit-zero); 1 findings at or above it, or a document with
unread pages (unless --allow-incomplete); 2 usage, config,
rulebook or input errors (reported after every other file has been checked), each one line on stderr,
`tendercheck: error: ...`, as ruff, Vale and Semgrep print them. Heavy libraries are imported inside commands.
"""

from __future__ import annotations

import os
import sys

import click

from checker import __version__
from checker.errors import TendercheckError

FORMATS = ("text", "json", "jsonl", "csv", "summary", "sarif", "junit", "github", "markdown", "html")
STAGES = ("planning", "tender", "award", "contract", "all")
SORTS = ("worst", "title", "buyer", "value", "path")
FAIL_LEVELS = ("error", "warning", "info", "never")
SEVERITY_LEVELS = ("error", "warning", "info")
EXIT_CODES = """\b
Exit codes:
  0  nothing at or above --fail-on (default error), or --exit-zero
  1  findings at or above --fail-on, or a document with pages that could
     not be read (unless --allow-incomplete)
  2  usage, config, rulebook or input errors (one line each on stderr,
     after every other file has been checked and reported)
  130  interrupted (Ctrl-C; 143 for SIGTERM): the reports hold what finished"""
MAIN_EPILOG = f"""\b
Examples:
  tendercheck check TENDER.pdf               the five-step scorecard, then findings
  tendercheck check tenders/ -f html -o report.html -f sarif -o report.sarif
  tendercheck check draft.docx --fail-on warning --min-severity warning
  tendercheck rules --step 4                 the rules of step 4
  tendercheck explain KIL-4.1                why a rule exists, its sources and fix
  tendercheck notices --from 2026-03-01 --to 2026-03-31 -o march.jsonl   a month of Find a Tender notices

{EXIT_CODES}

Run 'tendercheck COMMAND --help' for a command's options."""
CHECK_EPILOG = f"""\b
Examples:
  tendercheck check TENDER.pdf MORE.docx FOLDER/
  tendercheck check tender-pack.zip                  a pack: one tender, one scorecard
  tendercheck check --pack tenders/meals/            a folder's documents as one tender
  tendercheck check tenders/ -f html -o report.html -f sarif -o report.sarif
  tendercheck check draft.docx -c council.tendercheck.yaml --param max_lot_value_gbp=500000
  tendercheck check draft.docx --fail-on warning      exit 1 on warnings too
  tendercheck check tenders/ -q --min-severity warning   one line per finding, no advice
  tendercheck check tenders/ --statistics              counts per rule
  tendercheck check tenders/ -f markdown --exit-zero > comment.md
  tendercheck check notices.jsonl --open -f summary     live tender notices, worst first
  tendercheck check 'tenders/**/*.pdf' @more.txt -j 4 -f jsonl -o run.jsonl --resume run.jsonl
  tendercheck check tenders/ -f csv -o ranked.csv --sort value
  tendercheck check tenders/ --executor dask --scheduler tcp://10.0.0.5:8786 -f jsonl

{EXIT_CODES}"""


def _error(message: str) -> None:
    click.echo(f"tendercheck: error: {_visible(message)}", err=True)


def _warn(message: str) -> None:
    click.echo(f"tendercheck: warning: {_visible(message)}", err=True)


def _visible(text) -> str:
    """One line, control characters spelled out: a file name cannot inject terminal or CI commands."""
    from checker.report.common import visible

    return visible(text)


def _warn_unreadable(document) -> None:
    """One stderr line for pages with no text layer: their text was not checked, so silence would mislead. A
    tender pack gets one line per member with such pages, naming the member."""
    members = (document.metadata.get("pack") or {}).get("members")
    if members:
        for member in members:
            if member.get("unread_pages"):
                _warn_pages(member["path"], member["unread_pages"], member["pages"])
        return
    _warn_pages(document.path, document.unreadable_pages, document.pages)


def _warn_pages(path, pages, total) -> None:
    if pages:
        shown = ", ".join(map(str, pages[:10])) + (f" and {len(pages) - 10} more" if len(pages) > 10 else "")
        click.echo(f"tendercheck: warning: {_visible(path)}: {len(pages)} of {total} page(s) have "
                   f"no text layer (scanned images?) and were not read: page{'s' if len(pages) > 1 else ''} {shown}",
                   err=True)


def _param(ctx, param, values):
    """--param name=value; values are read as YAML scalars so 500000 is a number and true a bool."""
    import yaml

    parsed = {}
    for item in values:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected name=value, got {item!r}")
        try:
            parsed[name.strip()] = yaml.safe_load(raw) if raw.strip() else ""
        except yaml.YAMLError:
            parsed[name.strip()] = raw
    return parsed


def _usage_line(exc: click.UsageError) -> str:
    """Click's three-line usage error as one line: 'no such option: --bogus (see 'tendercheck check --help')'."""
    if isinstance(exc, click.NoSuchOption) and exc.possibilities:
        import difflib

        # click suggests at difflib's 0.6; at 0.7 '--bogus' is no longer 'Did you mean --jobs?'
        exc.possibilities = difflib.get_close_matches(exc.option_name, exc.possibilities, cutoff=0.7)
    message = " ".join(exc.format_message().split())
    if len(message) > 1 and message[0].isupper() and message[1].islower():
        message = message[0].lower() + message[1:]
    if exc.ctx is not None:
        message = message.rstrip(".") + f" (see '{exc.ctx.command_path} --help')"
    return message


class TendercheckGroup(click.Group):
    """Turns our own errors and usage errors into one line and exit 2; a bug shows a traceback only with
    TENDERCHECK_DEBUG."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        prog_name = prog_name or "tendercheck"  # also under `python -m checker`
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:  # click would print usage, a hint and 'Error: ...' on three lines
            if type(exc).__name__ == "NoArgsIsHelpError":  # bare 'tendercheck' (click 8.2+): the help, as it is
                click.echo(exc.format_message(), err=True)
                sys.exit(exc.exit_code)
            _error(_usage_line(exc))
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            _error(" ".join(exc.format_message().split()))
            sys.exit(exc.exit_code)
        except click.Abort:
            _error("aborted")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except TendercheckError as exc:
            _error(str(exc))
            ctx.exit(2)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            _error("interrupted")
            ctx.exit(130)
        except Exception as exc:  # pragma: no cover - a bug, kept to one line for CI logs
            if os.environ.get("TENDERCHECK_DEBUG"):
                raise
            _error(f"internal error: {type(exc).__name__}: {exc} (set TENDERCHECK_DEBUG=1 for a traceback)")
            ctx.exit(2)


@click.group(cls=TendercheckGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=MAIN_EPILOG)
@click.version_option(__version__, "--version", prog_name="tendercheck")
def main():
    """Check tender documents against Locality's Keep it Local guide and the UK procurement law behind it."""


class CheckCommand(click.Command):
    """Remembers the order of --format and --output on the command line, so that an --output can follow its
    own --format: `--format text --format sarif --output r.sarif` sends SARIF to r.sarif and text to stdout."""

    def parse_args(self, ctx, args):
        try:
            _, _, order = self.make_parser(ctx).parse_args(args=list(args))
            ctx.meta["format_output_order"] = [p.name for p in order if p.name in ("formats", "outputs")]
        except click.ClickException:
            pass  # the real parse below reports it
        return super().parse_args(ctx, args)


def _targets(formats, outputs, order) -> list[str]:
    """Where each format goes ('-' is stdout). When every --output comes straight after a --format it belongs
    to that format; otherwise the n-th --output belongs to the n-th --format."""
    targets = ["-"] * len(formats)
    adjacent = bool(order) and all(i > 0 and order[i - 1] == "formats" for i, name in enumerate(order)
                                   if name == "outputs")
    if adjacent and "formats" in order:
        f = o = -1
        for name in order:
            if name == "formats":
                f += 1
            else:
                o += 1
                targets[f] = outputs[o]
    else:
        targets[:len(outputs)] = outputs
    return targets


@main.command(cls=CheckCommand, epilog=CHECK_EPILOG)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--pack", "packs", multiple=True, type=click.Path(), metavar="FOLDER",
              help="Check this folder's documents as ONE tender (a pack: ITT, specification, schedules, ...); "
              "repeatable. A ZIP is always checked as a pack.")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Output format (default text); repeatable.")
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(dir_okay=False),
              help="File for the --format just before it (else the n-th --format); '-' or none: stdout.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS),
              help="Lowest severity that makes the exit code 1 (default: the config's fail_on, else error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are at or above --fail-on (errors "
              "reading files or the config still exit 2).")
@click.option("--allow-incomplete", is_flag=True, help="Accept documents with pages that could not be read (no "
              "text layer, poor OCR): reported as incomplete but not failing the run.")
@click.option("--min-severity", type=click.Choice(SEVERITY_LEVELS),
              help="Leave findings below this severity out of every report (counted as hidden in the summary); "
              "the exit code still counts them.")
@click.option("-q", "--quiet", is_flag=True, help="Text output: one line per finding and the summary, no "
              "scorecards; no warnings on stderr (errors still).")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule gave, most first, instead "
              "of the report on stdout (files named by --output are still written).")
@click.option("-c", "--config", "config_path", type=click.Path(dir_okay=False),
              help="A .tendercheck.yaml to use for every file (default: the nearest one to each file).")
@click.option("--rulebook", help="A rulebook folder, or the name of a bundled one.")
@click.option("--param", "params", multiple=True, callback=_param, help="Override a rule param: name=value.")
@click.option("--select", multiple=True, help="Only these rule ids (or id prefixes); repeatable.")
@click.option("--ignore", multiple=True, help="Skip these rule ids (or id prefixes); repeatable.")
@click.option("--jurisdiction", type=click.Choice(("england", "wales", "scotland", "northern_ireland", "not_uk")),
              help="Whose procurement law governs the buyer, instead of the one read from each document (reports "
              "say which was used and why).")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings not in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="Record current findings as a baseline (and accept them).")
@click.option("--color/--no-color", default=None, help="Colour text output (default: on a terminal, unless NO_COLOR).")
@click.option("--ocr/--no-ocr", default=True, help="Read PDF pages without a text layer by OCR (default: on, if "
              "Tesseract is installed).")
@click.option("--force", is_flag=True, help="Apply every rule even to a document that does not read as a tender "
              "(KIL-0.4) or as a UK one (KIL-0.2), instead of giving it only that notice, and to a pricing "
              "schedule, form, addendum or contract terms checked alone.")
@click.option("--timeout", "timeout_s", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="Stop a document that makes no progress for this long (default 30; 0: no limit).")
@click.option("--max-memory", "memory_mb", type=click.IntRange(min=0), default=None, metavar="MB",
              help="Stop a document whose check uses more memory than this (default 1024; 0: no limit).")
@click.option("--limit", "limits", multiple=True, callback=_param, metavar="NAME=N",
              help="Change a limit on each input file: file_mb (200), pages (5000), ocr_pages (300), block_chars "
              "(10000000), unpacked_mb (300), ratio (100), timeout_s (30), memory_mb (1024); 0: no limit. "
              "Also `limits:` in .tendercheck.yaml; repeatable.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Check N documents at once, each in its own worker process (default: the CPU count).")
@click.option("--stage", "stages", multiple=True, type=click.Choice(STAGES),
              help="OCDS notices of this stage only; repeatable (default: tender, i.e. tags tender, tenderUpdate "
              "and tenderAmendment). Skipped notices are counted in the summary.")
@click.option("--open", "open_only", is_flag=True, help="OCDS: only notices whose tender period has not closed "
              "(on --today).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="The date --open compares closing dates with (default: today).")
@click.option("--resume", "resume", type=click.Path(dir_okay=False), metavar="FILE",
              help="Skip the documents already in this JSON Lines report (an interrupted -f jsonl run); when it is "
              "also the jsonl --output, new lines are appended to it.")
@click.option("--sort", "sort_by", type=click.Choice(SORTS), default="worst", show_default=True,
              help="Order of the csv and summary rows.")
@click.option("--executor", type=click.Choice(("local", "dask")), default="local", show_default=True,
              help="local: worker processes on this machine; dask: a dask.distributed cluster (--scheduler; "
              "extra tendercheck[dask]).")
@click.option("--scheduler", metavar="ADDRESS", help="The Dask scheduler's address, e.g. tcp://10.0.0.5:8786.")
@click.option("--no-cache", "no_cache", is_flag=True, help="Read every file afresh and store nothing in the cache "
              "(see 'tendercheck cache info').")
def check(paths, packs, formats, outputs, fail_on, exit_zero, allow_incomplete, min_severity, quiet, statistics, config_path, rulebook,
          params, select, ignore, baseline, write_baseline, color, ocr, force, timeout_s, memory_mb, limits, jurisdiction, jobs,
          stages, open_only, today, resume, sort_by, executor, scheduler, no_cache):
    """Check tender documents (files or folders) and report barriers step by step.

    PATHS are PDF, Word (.docx, .doc), OpenDocument (.odt, .ods), RTF, Excel (.xlsx) files, OCDS JSON or JSON
    Lines, .txt or .md files, ZIP tender packs (checked as one tender each), folders (walked for all of these but
    .txt and .md), globs ('tenders/**/*.pdf') and @FILE lists of paths, one a line. A file named twice is checked
    once. OCDS files are streamed, tender-stage notices only unless --stage says otherwise. -f jsonl writes a
    line per document as each finishes, so an interrupted run keeps what it checked."""
    from checker import report as reporters
    from checker.api import CheckOptions
    from checker.api import check as run_check

    if not paths and not packs:
        raise click.UsageError("give at least one PATH or --pack FOLDER")
    formats = formats or ("text",)
    if len(outputs) > len(formats):
        raise click.UsageError("more --output than --format options")
    targets = _targets(formats, outputs, click.get_current_context().meta.get("format_output_order", []))
    to_stdout = [f for f, target in zip(formats, targets) if target == "-"]
    if len(to_stdout) > 1:
        raise click.UsageError(f"formats {', '.join(to_stdout)} would all go to stdout: give each an --output")

    from checker import output

    for target in [t for t in targets if t != "-"] + ([write_baseline] if write_baseline else []):
        output.check_target(target)  # before the run: a missing folder must not cost a whole check
    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS")
    options = CheckOptions(config_path=config_path, rulebook=rulebook, params=params, select=select,
                           ignore=ignore, fail_on=fail_on, ocr=ocr, timeout_s=timeout_s, memory_mb=memory_mb,
                           packs=packs, force=force, limits=limits, jurisdiction=jurisdiction,
                           jobs=jobs, stages=tuple(stages) or ("tender",), open_only=open_only,
                           today=today.date() if today else None, executor=executor, scheduler=scheduler,
                           cache=not no_cache)
    if (baseline or write_baseline) and "jsonl" in formats:
        raise click.UsageError("-f jsonl cannot be used with --baseline or --write-baseline (its lines are written "
                               "as each document finishes, before a baseline could apply)")
    stream = _Stream(formats, targets, resume, min_severity, show_progress=not quiet and sys.stderr.isatty())
    # a jsonl-only run keeps only what the summary line and the exit code need of each document once its line
    # is written: a million checked notices must not hold a million documents' text in memory
    stream.lean = set(formats) == {"jsonl"} and not statistics
    with _stop_on_sigterm() as stopped:
        try:
            report = run_check(paths, options, on_result=stream.result, done=stream.done)
        finally:
            stream.close_bar()
    report.prior = stream.prior
    report.sort = sort_by
    report.fail_on = fail_on or report.fail_on  # reporters (JUnit) mark failures by the level that fails the run
    if baseline or write_baseline:
        from checker import baseline as baseline_mod

        if write_baseline:
            baseline_mod.write(report, write_baseline)
        # --write-baseline alone accepts today's findings (exit 0); with --baseline, new ones are still new.
        baseline_mod.apply(report, baseline or write_baseline)

    report.allow_incomplete = allow_incomplete
    # decided before --min-severity hides anything; unread pages fail the run as findings do (an image-only PDF
    # must not pass CI on findings that are really "could not read")
    failed = bool(report.failing()) or report.fails_incomplete()  # each document by its own config's fail_on
    if min_severity:
        report.hide_below(min_severity)
    report.outputs = list(zip(formats, targets))  # a shortened report (Markdown) says where the full one is
    files = []
    for fmt, target in zip(formats, targets):
        use_color = color if color is not None else (target == "-" and sys.stdout.isatty()
                                                     and not os.environ.get("NO_COLOR"))
        if target == "-" and statistics:
            continue  # the counts go to stdout instead, below
        if fmt == "jsonl":
            continue  # written line by line as each document finished; its summary line below
        if fmt == "text" and quiet:
            from checker.report.text import render_concise

            text = render_concise(report, color=use_color)
        else:
            text = reporters.get(fmt).render(report, color=use_color)
        if target == "-":
            click.echo(text, nl=False, color=use_color)  # click would strip forced colour off a pipe
        else:
            files.append((target, text))
    streamed = stream.jsonl is not None
    stream.finish(report)
    output.write_all(files)  # each whole or not at all: temporary files, renamed when all are written
    if statistics:
        from checker.report.text import render_statistics

        use_color = color if color is not None else sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        click.echo(render_statistics(report, color=use_color), nl=False, color=use_color)
    if not quiet:
        for result in report.documents:
            _warn_unreadable(result.document)
        for note in report.deprecations:
            _warn(note)
    for problem in report.errors:
        _error(f"{problem.path}: {problem.message}")
    if report.interrupted:
        _error(f"interrupted: {len(report.documents)} document(s) checked before the stop are in the reports"
               + (" (resume with --resume)" if streamed else ""))
        sys.exit(143 if stopped.get("sigterm") else 130)
    if report.errors:
        sys.exit(2)
    sys.exit(1 if failed and not exit_zero else 0)


class _stop_on_sigterm:
    """SIGTERM stops the run as Ctrl-C does (KeyboardInterrupt): what finished is reported, workers are killed."""

    def __enter__(self):
        import signal

        self.state: dict = {}
        self.previous = None
        if hasattr(signal, "SIGTERM"):
            def stop(signum, frame):
                self.state["sigterm"] = True
                raise KeyboardInterrupt

            try:
                self.previous = signal.signal(signal.SIGTERM, stop)
            except ValueError:  # not the main thread (an embedding application): leave it alone
                self.previous = None
        return self.state

    def __exit__(self, *exc):
        import signal

        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)
        return False


class _Stream:
    """What happens as each document finishes: its JSON Lines line written and flushed (--format jsonl), the
    progress bar moved on. --resume FILE: the documents FILE holds are
    skipped; when FILE is the jsonl output too, new lines are appended after its last whole line."""

    def __init__(self, formats, targets, resume, min_severity, show_progress: bool):
        from checker.report import jsonl

        self.min_severity = min_severity
        self.lean = False
        self.done, self.prior = set(), []
        good = 0
        if resume:
            self.done, self.prior, good = jsonl.read_done(resume)
        self.jsonl = None
        self._close_jsonl = False
        for fmt, target in zip(formats, targets):
            if fmt != "jsonl":
                continue
            if target == "-":
                self.jsonl = sys.stdout
            else:
                import io

                appending = bool(resume) and os.path.exists(target) and os.path.samefile(target, resume)
                try:
                    raw = open(target, "r+b" if appending else "wb")  # noqa: SIM115 - open for the whole run
                    if appending:
                        raw.seek(good)
                        raw.truncate()  # a line an interrupt cut short
                except OSError as exc:
                    raise TendercheckError(f"{target}: cannot write: {exc.strerror or exc}") from None
                if not appending:
                    self.prior = []  # a fresh file: earlier documents are not in it
                self.jsonl = io.TextIOWrapper(raw, encoding="utf-8", errors="backslashreplace", newline="\n")
                self._close_jsonl = True
            break
        self.bar = None
        if show_progress:
            self.bar = _progress_bar()

    def result(self, outcomes, planned: int) -> None:
        from checker.report import jsonl
        from checker.results import InputProblem

        if self.jsonl is not None:
            self.jsonl.write("".join(jsonl.error_line(o) if isinstance(o, InputProblem)
                                     else jsonl.document_line(o, self.min_severity) for o in outcomes))
            self.jsonl.flush()
            if self.lean:
                from checker.facts.base import Facts

                for o in outcomes:
                    if not isinstance(o, InputProblem):
                        o.document.blocks, o.document.tables, o.facts = [], [], Facts()
        if self.bar is not None:
            self.bar.total = max(planned, self.bar.n + len(outcomes))
            self.bar.update(len(outcomes))

    def close_bar(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def finish(self, report) -> None:
        """The jsonl summary line, and the file closed."""
        from checker.report import jsonl

        if self.jsonl is not None:
            self.jsonl.write(jsonl.summary_line(report))
            self.jsonl.flush()
            if self._close_jsonl:
                self.jsonl.close()
            self.jsonl = None


def _progress_bar():
    """A progress bar on stderr (a terminal only): documents checked of those planned so far (OCDS files are
    streamed, so the total grows as notices are read)."""
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=None, unit="doc", desc="checking", file=sys.stderr, leave=False, dynamic_ncols=True)


@main.command(epilog="""\b
Examples:
  tendercheck notices --from 2026-03-01 --to 2026-03-31 -o march.jsonl
  tendercheck check march.jsonl --open -f csv -o march.csv
  tendercheck notices --source cf --from 2026-03-01 --cpv 85 --region UKK -o care.jsonl
  tendercheck notices ... -o march.jsonl --resume     carry on where a stopped run left off
  tendercheck notices --from 2026-03-01 -o - | tendercheck check - -f summary""")
@click.option("--source", type=click.Choice(("fts", "cf")), default="fts", show_default=True,
              help="fts: Find a Tender; cf: Contracts Finder.")
@click.option("--from", "date_from", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="First publication (or update) date.")
@click.option("--to", "date_to", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Last publication (or update) date.")
@click.option("--stage", "stages", multiple=True, type=click.Choice(STAGES),
              help="Notices of this stage; repeatable (default: tender).")
@click.option("--cpv", multiple=True, help="CPV code prefix (45: construction; 85311: social work); repeatable.")
@click.option("--buyer", multiple=True, help="Words of the buyer's name; repeatable (any matches).")
@click.option("--region", multiple=True, help="NUTS/ITL code prefix or words of the delivery or buyer region; "
              "repeatable.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The JSON Lines file to write (one release a line), read by 'tendercheck check'; '-': stdout, "
              "for 'tendercheck check -'.")
@click.option("--resume", is_flag=True, help="Carry on from where a stopped run on the same --output left off "
              "(its .state file).")
@click.option("--base-url", help="Another server speaking the same API (a mirror, a replayed recording).")
@click.option("--backoff", default=1.0, show_default=True, type=click.FloatRange(min=0), metavar="SECONDS",
              help="First wait before retrying a rate-limited or failed page (doubles each time).")
def notices(source, date_from, date_to, stages, cpv, buyer, region, output, resume, base_url, backoff):
    """Download OCDS notices from Find a Tender or Contracts Finder (public APIs, no key) as JSON Lines.

    Follows the API's paging, retries rate limits (HTTP 429, honouring Retry-After) and server errors with
    backoff, and saves its place after every page in OUTPUT.state, so --resume carries on without writing a
    notice twice. The only tendercheck command that uses the network; 'check' never does."""
    from checker import notices as notices_mod
    from checker import output as output_mod

    if output != "-":
        output_mod.check_target(output)
    elif resume:
        raise click.UsageError("--resume needs an --output file (its .state file says where to carry on)")
    if base_url:
        notices_mod.check_url(base_url)
    query = notices_mod.Query(source=source, date_from=date_from.date() if date_from else None,
                              date_to=date_to.date() if date_to else None, stages=tuple(stages) or ("tender",),
                              cpv=tuple(cpv), buyer=tuple(buyer), region=tuple(region), base_url=base_url)
    progress = notices_mod.Progress()
    try:
        notices_mod.fetch(query, output, resume=resume, backoff_s=backoff, progress=progress)
    except KeyboardInterrupt:
        _error(f"interrupted after {progress.pages} page(s): {progress.written} notice(s) in {output}; carry on "
               "with --resume")
        sys.exit(130)
    except notices_mod.FetchError as exc:
        _error(f"{exc} ({progress.written} notice(s) in {_visible(output)} so far; carry on with --resume)")
        sys.exit(2)
    for note in progress.notes:
        click.echo(f"tendercheck: {_visible(note)}", err=True)
    click.echo(f"wrote {progress.written} notice(s) to {_visible(output) if output != '-' else 'stdout'}: "
               f"{progress.received} received in {progress.pages} page(s), {progress.retries} retried",
               err=output == "-")


@main.group("cache")
def cache_group():
    """Show or empty the cache of compiled rulebooks, extracted documents and their checks (in the user cache
    folder, or $TENDERCHECK_CACHE_DIR): a second check of the same file reads it from there."""


@cache_group.command("info")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text")
def cache_info(fmt):
    """Where the cache is and how much it holds."""
    from checker import cache

    found = cache.info()
    if fmt == "json":
        import json

        click.echo(json.dumps(found, indent=2))
        return
    click.echo(f"cache: {_visible(found['path'])}")
    for kind in cache.KINDS:
        click.echo(f"  {kind:9} {found[kind]['entries']:6d} entries  {_size(found[kind]['bytes']):>9}")


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024:
            return f"{n:.0f} B" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


@cache_group.command("clear")
def cache_clear():
    """Remove every cached rulebook and document."""
    from checker import cache

    removed = cache.clear()
    click.echo(f"removed {removed} cache entr{'y' if removed == 1 else 'ies'} from {_visible(cache.root())}")


@main.command()
@click.argument("path", type=click.Path())
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text: blocks and tables as read; json: the same, with --facts under \"facts\".")
@click.option("--facts", is_flag=True, help="Also find facts (money, weightings, lots, ...) and print them.")
@click.option("--ocr/--no-ocr", default=True, help="Read PDF pages without a text layer by OCR (default: on, if "
              "Tesseract is installed).")
def extract(path, fmt, facts, ocr):
    """Show what was read from one document: blocks with their location, tables as grids."""
    import json

    from checker.api import analyse_guarded, guarded
    from checker.extract import read_document

    document = guarded(path, "reading", read_document, path, ocr)  # any failure: one line naming the file
    _warn_unreadable(document)
    found = None
    if facts:
        _, found = analyse_guarded(document)
    if fmt == "json":
        data = document.to_dict()
        if found is not None:
            data["facts"] = found.to_dict()
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from checker.report.extract_text import render_document

    click.echo(render_document(document, found), nl=False)


@main.command()
@click.option("--step", type=click.IntRange(1, 5), help="Only rules of this Keep it Local step.")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json", "markdown")), default="text",
              show_default=True, help="markdown: the rule reference, as in docs/rules.md.")
@click.option("--rulebook", help="A rulebook folder, or the name of a bundled one.")
def rules(step, fmt, rulebook):
    """List the rules of a rulebook (default: the one your .tendercheck.yaml names, else the bundled one), in
    rule-number order (KIL-3.2 before KIL-3.10)."""
    from checker.config import rulebook_in_use
    from checker.rulebook_docs import RENDERERS

    click.echo(RENDERERS[fmt](rulebook_in_use(rulebook), step=step), nl=False)


@main.command()
@click.argument("rule_id")
@click.option("--rulebook", help="A rulebook folder, or the name of a bundled one.")
def explain(rule_id, rulebook):
    """Say what a rule checks, why, its sources, params, fix and examples."""
    from checker.config import rulebook_in_use
    from checker.rulebook_docs import explain as explain_rule

    book = rulebook_in_use(rulebook)
    rule = book.get(rule_id)
    if not rule.id.lower().startswith(rule_id.lower()):  # a former id (alias)
        from checker.rulebook import deprecated

        _warn(deprecated(rule_id, rule.id))
    click.echo(explain_rule(rule, book), nl=False)


@main.command("test-rules")
@click.argument("path", required=False)
def test_rules(path):
    """Run every rule's pass and fail examples (bundled rulebook, or a rulebook folder or rule file)."""
    from checker.ruletest import run

    results = run(path)
    failed = [r for r in results if not r.ok]
    for result in failed:
        click.echo(f"FAIL {result.label}: {result.detail}")
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("path", required=False, type=click.Path())
def init(path):
    """Write a commented starter .tendercheck.yaml (never overwrites an existing file).

    PATH is the folder to write it in (default: the current folder), or a file name ending in .yaml.
    """
    from checker.config import write_starter

    click.echo(f"wrote {write_starter(path)}")


@main.command()
@click.argument("path", type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Where to write (default: DRAFT.reviewed.docx, or DOC.report.html for a PDF, beside it).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="A .tendercheck.yaml to use.")
@click.option("--rulebook", help="A rulebook folder, or the name of a bundled one.")
def annotate(path, output, config_path, rulebook):
    """Write a copy of a Word draft with one comment per finding (a PDF gets its HTML report beside it)."""
    from checker.annotate import annotate as run_annotate
    from checker.api import CheckOptions

    done = run_annotate(path, output, CheckOptions(config_path=config_path, rulebook=rulebook))
    if done.kind == "docx":
        extra = f", {done.waived} of them waived" if done.waived else ""
        again = f"; {done.replaced} earlier tendercheck comment(s) replaced" if done.replaced else ""
        click.echo(f"wrote {_visible(done.path)}: {done.comments} comment(s){extra}{again}")
    else:
        click.echo(f"wrote {_visible(done.path)}: the HTML report (only a .docx can carry Word comments)")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback: this "
              "computer only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="A .tendercheck.yaml to use.")
@click.option("--max-upload-mb", default=20, show_default=True, type=click.IntRange(1, 500),
              help="Largest upload accepted, in MB.")
@click.option("--allow-host", "allow_hosts", multiple=True,
              help="Host name the browser or reverse proxy uses; repeatable (default on loopback: localhost).")
def serve(host, port, config_path, max_upload_mb, allow_hosts):
    """Serve a local web page: upload a PDF or DOCX, see its report, download the commented copy."""
    try:
        from checker import web
    except ImportError as exc:
        raise click.ClickException(f"serve needs the web extra ({exc.name} is missing): in the tendercheck "
                                   "folder, pip install '.[web]'") from None
    web.serve(host, port, config_path=config_path, max_upload_bytes=max_upload_mb * 1024 * 1024,
              allow_hosts=allow_hosts, echo=click.echo)


if __name__ == "__main__":
    main()
