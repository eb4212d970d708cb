"""The generated hostile corpus (tests/hostile/generate.py), checked as a user would check it.

Documents: one `tendercheck check` over every hostile file and a good one. Each hostile file costs exactly one
line naming it and its cause, or is read and reported; the good file is reported; nothing prints a traceback;
no file needed the time or memory limit to stop it, and the whole run's largest process stayed under 1 GB;
no input changed. Rulebooks and configs: each is refused before any document is read, with one line naming
the file, the line and the cause."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.hostile import generate
from tests.hostile.helpers import HANG_GUARD, ROOT, assert_clean, good_file, hashes, run_cli

MEMORY_CAP_MB = 1024

# runs the CLI and reports, besides its output, the peak resident memory of it and every worker it forked
MEASURED = """
import json, resource, subprocess, sys, time
start = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"rc": done.returncode, "stdout": done.stdout, "stderr": done.stderr,
                  "seconds": time.monotonic() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    written = generate.write_all(folder)
    good = good_file(folder)
    before = hashes(folder)
    paths = [*written["documents"], good]
    done = subprocess.run([sys.executable, "-c", MEASURED, sys.executable, "-m", "checker", "check", "--format",
                           "json", *map(str, paths)], capture_output=True, text=True, cwd=ROOT,
                          timeout=HANG_GUARD * 2, check=True)
    run = json.loads(done.stdout)
    return folder, written, good, before, run


def test_no_traceback_and_exit_2(corpus):
    *_, run = corpus
    result = subprocess.CompletedProcess([], run["rc"], run["stdout"], run["stderr"])
    assert_clean(result)
    assert run["rc"] == 2


def _refuse(constant):
    raise ValueError(f"{constant} is not JSON")


def test_the_report_is_strict_json(corpus):
    *_, run = corpus
    json.loads(run["stdout"], parse_constant=_refuse)  # no NaN or Infinity from a hostile number


@pytest.mark.parametrize("name", sorted(generate.DOCUMENTS))
def test_each_hostile_document_is_one_line_or_a_report(corpus, name):
    folder, _, _, _, run = corpus
    path = folder / "documents" / name
    kind, cause = generate.DOCUMENTS[name][1]
    lines = [x for x in run["stderr"].splitlines() if x.startswith(f"tendercheck: error: {path}: ")]
    report = json.loads(run["stdout"])
    reported = [d["path"] for d in report["documents"]]
    if kind == "error":
        assert len(lines) == 1 and cause in lines[0], run["stderr"]
        assert [e["path"] for e in report["errors"]].count(str(path)) == 1
        assert str(path) not in reported
    else:
        assert lines == [] and reported.count(str(path)) == 1, run["stderr"]


def test_the_good_file_is_reported_with_its_findings(corpus):
    _, _, good, _, run = corpus
    (document,) = [d for d in json.loads(run["stdout"])["documents"] if d["path"] == str(good)]
    assert document["status"] == "complete" and document["steps"]


def test_no_case_needed_the_time_or_memory_limit_and_memory_stayed_under_1_gb(corpus):
    *_, run = corpus
    assert "without progress" not in run["stderr"] and "MB of memory" not in run["stderr"]
    assert run["peak_mb"] < MEMORY_CAP_MB, run["peak_mb"]
    assert run["seconds"] < HANG_GUARD


def test_no_input_was_written(corpus):
    folder, _, _, before, _ = corpus
    assert hashes(folder) == before


@pytest.mark.parametrize("name", sorted(generate.RULEBOOKS))
def test_each_hostile_rulebook_is_refused_naming_file_and_line(tmp_path, name):
    build, cause = generate.RULEBOOKS[name]
    rule = build(tmp_path / name)
    good = good_file(tmp_path)
    before = hashes(tmp_path)
    result = run_cli("check", "--rulebook", rule.parent, good)
    assert result.returncode == 2
    assert_clean(result)
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"tendercheck: error: {rule}:") and line.split(":")[3].strip().isdigit(), line
    assert cause in line
    assert result.stdout == "" and hashes(tmp_path) == before


@pytest.mark.parametrize("name", sorted(generate.CONFIGS))
def test_each_hostile_config_is_refused_naming_file_and_line(tmp_path, name):
    cfg = generate.write_config(tmp_path, name)
    good = good_file(tmp_path)
    before = hashes(tmp_path)
    result = run_cli("check", "--config", cfg, good)
    assert result.returncode == 2
    assert_clean(result)
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"tendercheck: error: {cfg}:") and generate.CONFIGS[name][1] in line, line
    assert hashes(tmp_path) == before


def test_the_generator_runs_as_a_script(tmp_path):
    done = subprocess.run([sys.executable, "-m", "tests.hostile.generate", str(tmp_path)], capture_output=True,
                          text=True, cwd=ROOT, timeout=HANG_GUARD, check=False)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "documents").iterdir()) == sorted(generate.DOCUMENTS)
    assert sorted(p.name for p in (tmp_path / "rulebooks").iterdir()) == sorted(generate.RULEBOOKS)
