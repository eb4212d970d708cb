"""End-to-end speed of `tendercheck check`, against bare PDF text extraction measured in the same run.

    .venv/bin/python bench/check.py [--repeat 3] [--pages 100,1000] [--no-corpus] [--keep DIR] [PDF ...]

Documents: generated tenders of --pages pages (the PDF sample tenders of fixtures/src/tenders, built by
fixtures/build.py one after another until the page count is reached, cut to exactly that many pages), a
100-page real tender (corpus PDFs joined, when ../shared/corpus is present), each corpus PDF, and any PDF given.

For each document, in rounds (check, pdfplumber, pypdfium2, pdftotext, then again), each one a fresh process
measured by the kernel (wait4): wall seconds, CPU seconds (user + system) and peak RSS (the largest single
process of the tree: the check's worker). The references are what a careful user writes: pdfplumber
`page.extract_text()` page by page, pypdfium2 `get_textpage().get_text_bounded()` page by page, and poppler's
`pdftotext` (where installed). Ratios are taken round by round (so a machine whose speed drifts under other
load still compares like with like) and their median printed; "x faster" above 1 means the check is faster.

Then start-up: `tendercheck check` on a one-line .txt file, beside `python -c pass`, first not checked before
(every figure above is of documents not checked before: the extraction and check caches are emptied before
each run, the compiled rulebook kept), then checked again (from the check cache). Then a per-stage table
(import, rulebook, extract, annotate, facts, rules, report) measured inside one fresh process per generated
document, with pages per second and milliseconds per page, to show that cost stays linear in pages.

Targets (issue 15): the 100-page check at least 5x faster than bare pdfplumber, start-up at most 0.35 s, and
1,000 pages linear and under 300 MB. Not part of pytest: speed targets live here, never in a timed unit test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

# As an installed tool runs: compiled bytecode kept (in a folder of the bench's own, PYTHONPYCACHEPREFIX, so
# nothing is written into the checkout), whatever PYTHONDONTWRITEBYTECODE the shell sets; a warm-up run
# compiles it before anything is timed.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
       "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "tendercheck-bench-pycache")}
# The check as a user runs it on a file it has not seen, with a generous per-document time limit (a 1,000-page
# PDF on a loaded machine must not be stopped by the 30 s default). The cache (in a folder of the bench's own)
# keeps the compiled rulebook from the warm-up run, as it would for a user's second run of the day, and its
# extracted documents are removed before every timed check, so every check reads its file afresh.
CHECK = [sys.executable, "-m", "checker", "check", "--timeout", "600"]
CACHE = Path(tempfile.mkdtemp(prefix="tendercheck-bench-cache-"))
ENV["TENDERCHECK_CACHE_DIR"] = str(CACHE)

PLUMBER = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
        page.close()
"""
PDFIUM = """
import sys, pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1])
for i in range(len(pdf)):
    page = pdf[i]
    text = page.get_textpage()
    text.get_text_bounded()
    text.close()
    page.close()
pdf.close()
"""

STAGES_CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
clock = []
def lap(name):
    clock.append((name, time.perf_counter(), time.process_time()))
lap("start")
import cli  # what `tendercheck check` imports before it runs, then what the stages use
from checker import api, config, engine
from checker.extract import read_documents
from checker.facts import find_facts
from checker.nlp.pipeline import annotate
from checker import report as reporters
lap("import")
options = api.CheckOptions()
base = config.load(options)
lap("rulebook")
path = {path!r}
documents = read_documents(path)
lap("extract")
annotated = [annotate(d) for d in documents]
lap("annotate")
facts = [find_facts(d, docs) for d, docs in zip(documents, annotated)]
lap("facts")
cfg = config.for_document(base, path, options)
results = []
from checker.results import DocumentResult, Report
for d, docs, f in zip(documents, annotated, facts):
    findings, steps = engine.evaluate(cfg, d, docs, f)
    results.append(DocumentResult(d, f, findings, steps))
lap("rules")
report = Report(documents=results, rulebook=base.rulebook_info(), fail_on=base.fail_on, rules=base.rules_info())
reporters.get("text").render(report, color=False)
reporters.get("json").render(report, color=False)
lap("report")
out = {{}}
for (_, w0, c0), (name, w1, c1) in zip(clock, clock[1:]):
    out[name] = [w1 - w0, c1 - c0]
out["pages"] = sum(d.pages for d in documents)
print(json.dumps(out))
"""
STAGES = ("import", "rulebook", "extract", "annotate", "facts", "rules", "report")


def run(argv: list[str], cold: bool = True) -> dict:
    """One fresh process: wall and CPU seconds, peak RSS in MB, as the kernel counts them (wait4). cold: with
    no extracted or checked document in the cache (the compiled rulebook stays, as on any machine after the
    first run)."""
    if cold:
        for kind in ("extract", "check"):
            shutil.rmtree(CACHE / kind, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(map(str, argv))} exited {proc.returncode}:\n{err[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def has_cache_flag() -> bool:
    out = subprocess.run([*CHECK[:4], "--help"], check=False, capture_output=True, text=True, env=ENV, cwd=ROOT)
    return "--no-cache" in out.stdout


def references(path: Path) -> dict:
    refs = {"pdfplumber": [sys.executable, "-c", PLUMBER, str(path)],
            "pypdfium2": [sys.executable, "-c", PDFIUM, str(path)]}
    if shutil.which("pdftotext"):
        refs["pdftotext"] = ["pdftotext", "-q", str(path), "-"]
    return refs


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def cut(src: Path, out: Path, pages: int) -> None:
    """out: the first `pages` pages of src."""
    join([src], out, pages)


def join(sources: list[Path], out: Path, pages: int) -> int:
    """out: the pages of sources one after another, stopping at `pages`; returns the page count written."""
    import pypdfium2 as pdfium

    target = pdfium.PdfDocument.new()
    try:
        for src in sources:
            left = pages - len(target)
            if left <= 0:
                break
            pdf = pdfium.PdfDocument(str(src))
            try:
                target.import_pages(pdf, list(range(min(left, len(pdf)))))
            finally:
                pdf.close()
        target.save(str(out))
        return len(target)
    finally:
        target.close()


def generate(out: Path, pages: int) -> None:
    """A `pages`-page tender: the PDF sample tenders' sources, one after another, built by fixtures/build.py."""
    from fixtures import build

    sources = [build.parse(p) for p in sorted((build.SRC / "tenders").glob("*.md"))]
    sources = [s for s in sources if s.fmt == "pdf" and not s.meta.get("scan")]
    one = build.Source(out.with_suffix(".src.md"), dict(sources[0].meta), [])
    for src in sources:
        one.items += [*src.items, build.Item("pagebreak")]
    full = out.with_suffix(".full.pdf")
    build.build_pdf(one, full)
    per_round = page_count(full)
    rounds = -(-pages // per_round)
    if rounds > 1:
        one.items = one.items * rounds
        build.build_pdf(one, full)
    cut(full, out, pages)
    full.unlink()


def corpus_pdfs() -> list[Path]:
    return sorted(CORPUS.rglob("*.pdf")) if CORPUS.is_dir() else []


def median(values) -> float:
    return statistics.median(values)


def measure(path: Path, repeat: int, check: list[str]) -> dict:
    """Rounds of the check and each reference; per-round ratios of wall and CPU time."""
    refs = references(path)
    rows = {"check": [], **{name: [] for name in refs}}
    for _ in range(repeat):
        rows["check"].append(run([*check, str(path)]))
        for name, argv in refs.items():
            rows[name].append(run(argv))
    out = {"pages": page_count(path), "runs": rows}
    for name in refs:
        out[name] = {kind: median(r[kind] / c[kind] for r, c in zip(rows[name], rows["check"]))
                     for kind in ("wall", "cpu")}
    return out


def stages(path: Path) -> dict:
    code = STAGES_CHILD.format(root=str(ROOT), path=str(path))
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, env=ENV, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"stage timing failed on {path}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def fmt_row(name: str, m: dict) -> str:
    check = m["runs"]["check"]
    wall, cpu = median(r["wall"] for r in check), median(r["cpu"] for r in check)
    rss = max(r["rss"] for r in check)
    ratios = "  ".join(f"{m[ref]['wall']:5.2f}x {m[ref]['cpu']:5.2f}x" if ref in m else f"{'-':>6} {'-':>6}"
                       for ref in ("pdfplumber", "pypdfium2", "pdftotext"))
    return (f"{name[:44]:44} {m['pages']:5d} {wall:7.2f} {cpu:7.2f} {m['pages'] / wall:7.1f} {rss:6.0f}  {ratios}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--pages", default="100,1000", help="generated tender sizes (default 100,1000)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per document (default 3); medians")
    parser.add_argument("--no-corpus", action="store_true", help="leave out the corpus PDFs")
    parser.add_argument("--keep", type=Path, help="generate into (and reuse from) this folder")
    parser.add_argument("--no-stages", action="store_true", help="leave out the per-stage table")
    args = parser.parse_args(argv)

    check = list(CHECK)
    cache = has_cache_flag()
    tmp = tempfile.TemporaryDirectory()
    folder = args.keep or Path(tmp.name)
    folder.mkdir(parents=True, exist_ok=True)
    documents: list[tuple[str, Path]] = []
    for pages in [int(p) for p in args.pages.split(",") if p]:
        path = folder / f"generated-{pages}.pdf"
        if not path.exists():
            t0 = time.perf_counter()
            generate(path, pages)
            print(f"generated {path.name} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        documents.append((path.name, path))
    corpus = [] if args.no_corpus else corpus_pdfs()
    if corpus:
        joined = folder / "corpus-joined-100.pdf"
        if not joined.exists():
            join(corpus, joined, 100)
        documents.append(("corpus PDFs joined (first 100 pages)", joined))
        documents += [(p.name, p) for p in corpus]
    documents += [(p.name, p) for p in args.pdfs]

    for _, path in documents[:1]:  # warm-up: bytecode compiled, files in the page cache; not counted
        run([*check, str(path)])
        for reference in references(path).values():
            run(reference)
    print(f"tendercheck check vs bare extraction, {args.repeat} rounds each, medians; machine load "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("x faster = reference time / check time (wall, CPU), round by round\n")
    print(f"{'document':44} {'pages':>5} {'wall s':>7} {'cpu s':>7} {'pages/s':>7} {'RSS MB':>6}  "
          f"{'vs pdfplumber':>13}  {'vs pypdfium2':>13}  {'vs pdftotext':>13}")
    results = {}
    for name, path in documents:
        results[name] = measure(path, args.repeat, check)
        print(fmt_row(name, results[name]), flush=True)

    one = folder / "one-line.txt"
    one.write_text("The Council invites tenders for a community transport service.\n", encoding="utf-8")
    start, bare = [], []
    for _ in range(max(args.repeat, 5)):
        start.append(run([*check, str(one)]))
        bare.append(run([sys.executable, "-c", "pass"]))
    print(f"\nstart-up (check of a one-line .txt not checked before): wall {median(r['wall'] for r in start):.3f} s, "
          f"CPU {median(r['cpu'] for r in start):.3f} s, RSS {max(r['rss'] for r in start):.0f} MB "
          f"(python -c pass: wall {median(r['wall'] for r in bare):.3f} s, CPU {median(r['cpu'] for r in bare):.3f} s;"
          f" target <= 0.35 s)")
    if cache:  # the same file again: its check is cached, so spaCy is never imported
        again = [run([*check, str(one)], cold=False) for _ in range(max(args.repeat, 5))]
        print(f"start-up, the same .txt checked again (check cache): wall {median(r['wall'] for r in again):.3f} s, "
              f"CPU {median(r['cpu'] for r in again):.3f} s, RSS {max(r['rss'] for r in again):.0f} MB")
    if cache:  # the first document again: with nothing cached, then with its extraction and check cached
        name, path = documents[0]
        empty, warm = [], []
        for _ in range(args.repeat):
            shutil.rmtree(CACHE, ignore_errors=True)
            empty.append(run([*check, str(path)]))
            warm.append(run([*check, str(path)], cold=False))
        nocache = [run([*check, "--no-cache", str(one)]) for _ in range(max(args.repeat, 5))]
        print(f"cache: {name} with an empty cache {median(r['wall'] for r in empty):.2f} s wall "
              f"({median(r['cpu'] for r in empty):.2f} s CPU), checked again {median(r['wall'] for r in warm):.2f} s "
              f"wall ({median(r['cpu'] for r in warm):.2f} s CPU): {median(e['cpu'] / w['cpu'] for e, w in zip(empty, warm)):.1f}x"
              f" less CPU; start-up with --no-cache {median(r['wall'] for r in nocache):.3f} s wall "
              f"({median(r['cpu'] for r in nocache):.3f} s CPU)")

    if not args.no_stages:
        generated = [(n, p) for n, p in documents if n.startswith("generated-")] + [(one.name, one)]
        timed = {n: stages(p) for n, p in generated}
        print("\nper stage, CPU seconds inside one fresh process (wall in brackets); ms/page over extract..report")
        print(f"{'stage':10} " + " ".join(f"{n:>24}" for n in timed))
        for stage in STAGES:
            print(f"{stage:10} " + " ".join(f"{t[stage][1]:10.3f} ({t[stage][0]:7.3f} s)  " for t in timed.values()))
        per_page = []
        for t in timed.values():
            work = sum(t[s][1] for s in STAGES[2:])
            per_page.append(f"{1000 * work / t['pages']:10.2f} ms/page        ")
        print(f"{'per page':10} " + " ".join(per_page))
    tmp.cleanup()
    shutil.rmtree(CACHE, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
