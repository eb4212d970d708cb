"""Batch benchmark (issue 13, item 7), every figure a ratio or rate measured in the same run:

    .venv/bin/python bench/batch.py [--notices 400] [--big-mb 200] [--skip-corpus]

1. 2 jobs vs 1: the wall time of checking ../shared/corpus (or, without it, a generated folder of notices) with
   --jobs 1 and --jobs 2; the ratio (target at least 1.7 on an idle machine with two free CPUs).
2. OCDS notices per second, streamed: a generated JSON Lines file of --notices tender notices checked end to
   end with --jobs 2 (the reading rate alone is printed too).
3. Warm cache vs cold: the CLI over the same documents (../shared/corpus, or the generated notices) with an
   empty cache folder, then again: the ratio of wall times (target at least 20x).
4. Peak memory on a generated large JSON Lines file: `tendercheck check BIG.jsonl -f jsonl` run as a subprocess
   on a file of --big-mb MB and on one a quarter of that size, with all notices at the award stage but one in
   a thousand (so the run reads every byte and checks a few): the peak RSS of the command and its workers, and
   the ratio big/small (flat: about 1; target under 300 MB). The issue asks for 1 GB: pass --big-mb 1024.

Not part of pytest; prints one line per figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))


def notice(n: int, tag: str = "tender") -> dict:
    return {"ocid": f"ocds-bench-{n}", "id": f"ocds-bench-{n}-1", "tag": [tag], "buyer": {"name": f"Council {n % 97}"},
            "tender": {"title": f"Community support service {n}",
                       "description": ("Support for older residents in every ward of the borough, delivered with "
                                       "local voluntary groups. The contract runs for three years with an option "
                                       "to extend for a further two years. ") * 3,
                       "value": {"amount": 50000 + 1000 * (n % 400), "currency": "GBP"},
                       "tenderPeriod": {"endDate": "2026-03-31T12:00:00Z"},
                       "awardCriteria": {"criteria": [{"name": "Quality", "weight": 60},
                                                      {"name": "Price", "weight": 40}]}}}


def write_jsonl(path: Path, count: int | None = None, size_mb: float | None = None, every: int = 0) -> int:
    """count notices (or size_mb of them); with every, only one notice in `every` is at the tender stage."""
    written = n = 0
    limit = size_mb * 1024 * 1024 if size_mb else None
    with open(path, "w", encoding="utf-8") as fh:
        while (count is None or n < count) and (limit is None or written < limit):
            tag = "tender" if not every or n % every == 0 else "award"
            line = json.dumps(notice(n, tag)) + "\n"
            fh.write(line)
            written += len(line)
            n += 1
    return n


def timed_check(paths, jobs: int) -> tuple[float, int]:
    from checker.api import CheckOptions, check

    start = time.perf_counter()
    report = check([str(p) for p in paths], CheckOptions(jobs=jobs, cache=False))  # every run does the work
    return time.perf_counter() - start, len(report.documents)


def peak_rss_mb(args, env: dict | None = None) -> tuple[float, float]:
    """Run the CLI (with env added to the environment); its wall time and the peak RSS of it and its workers
    (the largest of them), in MB."""
    code = ("import resource, subprocess, sys, time\n"
            "start = time.perf_counter()\n"
            "subprocess.run([sys.executable, '-m', 'checker', *sys.argv[1:]], stdout=subprocess.DEVNULL)\n"
            "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, env=env,
                         check=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def documents(args, tmp: Path) -> tuple[list[Path], str]:
    """What the jobs and cache figures check: ../shared/corpus, or (without it) a file of generated notices."""
    if CORPUS.is_dir() and not args.skip_corpus:
        return [CORPUS], "../shared/corpus"
    path = tmp / "folder.jsonl"
    if not path.exists():
        write_jsonl(path, count=args.notices)
    return [path], f"{args.notices} generated notices"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=400)
    parser.add_argument("--big-mb", type=float, default=200)
    parser.add_argument("--skip-corpus", action="store_true")
    parser.add_argument("--parts", default="jobs,rate,cache,memory", help="which figures: jobs, rate, cache, memory")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    from checker import batch

    batch.warm()
    with tempfile.TemporaryDirectory(prefix="tendercheck-bench-") as tmp:
        tmp = Path(tmp)
        if "jobs" in parts:
            paths, what = documents(args, tmp)
            one, docs = timed_check(paths, 1)
            two, _ = timed_check(paths, 2)
            print(f"jobs 2 vs 1 on {what} ({docs} documents; {os.cpu_count()} CPUs): {one:.1f} s vs {two:.1f} s = "
                  f"{one / two:.2f}x (target 1.7x)")

        if "rate" in parts:
            from checker.extract import ocds

            notices = tmp / "notices.jsonl"
            write_jsonl(notices, count=args.notices)
            start = time.perf_counter()
            read = sum(1 for _ in ocds.notices(notices))
            reading = time.perf_counter() - start
            seconds, checked = timed_check([notices], 2)
            print(f"OCDS streamed: {checked / seconds:.1f} notices/s checked end to end with --jobs 2 "
                  f"({checked} in {seconds:.1f} s); reading alone {read / reading:,.0f} notices/s")

        if "cache" in parts:
            paths, what = documents(args, tmp)
            run = ["check", "-f", "jsonl", "-o", os.devnull, "--exit-zero", *map(str, paths)]
            env = {"TENDERCHECK_CACHE_DIR": str(tmp / "cache")}
            cold, _ = peak_rss_mb(run, env)
            warm, _ = peak_rss_mb(run, env)
            print(f"cache on {what}: empty cache {cold:.1f} s, again {warm:.2f} s = {cold / warm:.1f}x "
                  f"(target 20x)")

        if "memory" in parts:
            small, big = tmp / "small.jsonl", tmp / "big.jsonl"
            write_jsonl(small, size_mb=args.big_mb / 4, every=1000)
            total = write_jsonl(big, size_mb=args.big_mb, every=1000)
            run = ["check", "-f", "jsonl", "-o", os.devnull, "--exit-zero", "-j", "2", "--no-cache"]
            _, small_mb = peak_rss_mb([*run, str(small)])
            big_s, big_mb = peak_rss_mb([*run, str(big)])
            size = big.stat().st_size / (1024 * 1024)
            print(f"peak memory: {big_mb:.0f} MB on {size:,.0f} MB of JSON Lines ({total:,} notices, "
                  f"{total // 1000 + 1} checked, {big_s:.0f} s; {size / big_s:.1f} MB/s) vs {small_mb:.0f} MB on a "
                  f"quarter of it: {big_mb / small_mb:.2f}x (flat: about 1; target under 300 MB)")


if __name__ == "__main__":
    main()
