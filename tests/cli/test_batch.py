"""Batches: folders, globs, @FILE lists, a file named twice checked once, --jobs N worker processes with the
same results as one, --format jsonl streamed a line per document, --resume skipping what is there, an
interrupted run (SIGINT, SIGTERM) keeping what it wrote, a progress bar on a terminal only."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from checker.api import CheckOptions, check

ROOT = Path(__file__).resolve().parents[2]
TENDERS = ROOT / "fixtures" / "tenders"


def release(n: int) -> dict:
    return {"ocid": f"ocds-batch-{n}", "id": f"r{n}", "tag": ["tender"], "buyer": {"name": f"Council {n}"},
            "tender": {"title": f"Grounds maintenance lot {n}", "description": "Grass cutting and hedges for "
                       "the parish, three years with an option to extend by one year.",
                       "value": {"amount": 40000 * n, "currency": "GBP"}}}


@pytest.fixture
def folder(tmp_path):
    """Three tenders (a PDF, a DOCX, an OCDS package of 20 notices) in a folder with a subfolder."""
    root = tmp_path / "tenders"
    (root / "more").mkdir(parents=True)
    shutil.copy(TENDERS / "ashcombe-connectors-good-practice.pdf", root / "ashcombe.pdf")
    shutil.copy(TENDERS / "calderbrook-grounds-pure-price.docx", root / "more" / "calderbrook.docx")
    (root / "more" / "notices.json").write_text(json.dumps({"releases": [release(n) for n in range(1, 21)]}))
    return root


def _cli(*args, cwd=None, **kw):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "checker", *args], check=False, capture_output=True, text=True, cwd=cwd or ROOT,
                          env=env, **kw)


def _paths(report) -> list[str]:
    return [r.document.path for r in report.documents]


def test_globs_lists_and_a_path_named_twice(folder, tmp_path):
    pdf, docx = folder / "ashcombe.pdf", folder / "more" / "calderbrook.docx"
    listing = tmp_path / "list.txt"
    listing.write_text(f"# tenders to check\n{docx}\n\n{pdf}\n")
    one = CheckOptions(jobs=1, select=("KIL-4.1",))
    report = check([str(folder / "**" / "*.docx"), f"@{listing}", str(pdf), str(folder / "more" / ".." / "ashcombe.pdf")], one)
    assert _paths(report) == [str(docx), str(pdf)]  # each once, in the order first named
    nothing = check([str(folder / "*.xlsx"), f"@{tmp_path / 'no-list.txt'}"], one)
    assert [e.code for e in nothing.errors] == ["missing", "unreadable"]
    assert "no file matches" in nothing.errors[0].message


def test_two_jobs_give_the_results_of_one(folder):
    one = check([folder], CheckOptions(jobs=1, timeout_s=600)).to_dict()  # no time limit may differ on a busy CPU
    two = check([folder], CheckOptions(jobs=2, timeout_s=600)).to_dict()
    assert len(one["documents"]) == 22
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)


def test_jsonl_streams_and_resume_skips_what_is_there(folder, tmp_path):
    out = tmp_path / "run.jsonl"
    first = _cli("check", str(folder), "-f", "jsonl", "-o", str(out), "-j", "2", "--select", "KIL-4")
    assert first.returncode in (0, 1), first.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["kind"] for line in lines] == ["document"] * 22 + ["summary"]
    assert lines[-1]["documents"] == 22
    # an interrupted run: the summary never written, the last line cut short
    kept = out.read_text().splitlines(keepends=True)[:5]
    out.write_text("".join(kept) + kept[5 - 1][:40])
    again = _cli("check", str(folder), "-f", "jsonl", "-o", str(out), "--resume", str(out), "-j", "2",
                 "--select", "KIL-4", "-f", "csv", "-o", str(tmp_path / "all.csv"))
    assert again.returncode in (0, 1), again.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    documents = [line["path"] for line in lines if line["kind"] == "document"]
    assert len(documents) == 22 and len(set(documents)) == 22  # nothing twice, nothing lost
    assert lines[-1]["kind"] == "summary" and lines[-1]["documents"] == 17
    assert lines[-1]["skipped"] == {"resumed": 5}
    rows = (tmp_path / "all.csv").read_text().splitlines()
    assert len(rows) == 1 + 22  # the ranked CSV covers the whole job, resumed documents included


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_run_keeps_what_it_wrote(tmp_path, signum, code):
    path = tmp_path / "notices.jsonl"
    path.write_text("".join(json.dumps(release(n)) + "\n" for n in range(1, 401)))
    out = tmp_path / "run.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "checker", "check", str(path), "-f", "jsonl", "-o", str(out),
                             "-j", "1", "-f", "json", "-o", str(tmp_path / "run.json")],
                            cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < 20):
        time.sleep(0.1)
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert "interrupted" in stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    documents = [line for line in lines if line["kind"] == "document"]
    assert 20 <= len(documents) < 400
    assert lines[-1]["kind"] == "summary" and lines[-1]["interrupted"] is True
    report = json.loads((tmp_path / "run.json").read_text())  # the other reports hold the same documents
    assert len(report["documents"]) == len(documents) and report["summary"]["interrupted"] is True


def test_a_progress_bar_on_a_terminal_only(folder):
    # --no-cache: each run does the work (from the check cache, 20 notices finish before the bar's first redraw)
    quiet = _cli("check", str(folder / "more" / "notices.json"), "-f", "json", "-o", os.devnull, "-j", "1",
                 "--no-cache")
    assert quiet.stderr == ""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new pty is 0 columns wide
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "checker", "check", str(folder / "more" / "notices.json"), "-f",
                           "json", "-o", os.devnull, "-j", "1", "--no-cache"], stderr=child, stdout=subprocess.DEVNULL, cwd=ROOT,
                          env=env, timeout=120, check=False)
    os.close(child)
    seen = b""
    try:
        while chunk := os.read(main, 65536):
            seen += chunk
    except OSError:
        pass
    os.close(main)
    assert proc.returncode in (0, 1)
    assert b"20/20" in seen and b"doc" in seen, seen[-300:]


def test_a_bad_file_in_a_parallel_batch_costs_one_line(folder, tmp_path):
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    result = _cli("check", str(folder), "-j", "2", "-f", "summary", "--select", "KIL-4.1")
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("tendercheck: error:")]
    assert len(errors) == 1 and "broken.pdf" in errors[0]
    assert "22 documents checked" in result.stdout
