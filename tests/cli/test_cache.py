"""The cache (checker.cache): a second check of the same files extracts nothing again and finds the same, and
neither annotates nor judges a document again while the rules, params, severities and date are the same (waivers
are applied afresh; a run whose every document is cached never imports spaCy); a file whose bytes changed is read
again; --no-cache reads and writes nothing; `tendercheck cache info|clear`; entries
that are damaged or not the user's own are never used. Every test has a cache folder of its own
(TENDERCHECK_CACHE_DIR, tests/conftest.py): the user's cache is never touched."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker import cache
from checker.api import CheckOptions, check
from checker.model import Block, Document, Location

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
PDF = FIXTURES / "tenders" / "ashcombe-connectors-good-practice.pdf"
DOCX = FIXTURES / "tenders" / "barnford-handyperson-chas-no-subcontracting.docx"
RELEASES = {"releases": [
    {"ocid": f"ocds-abc-{n}", "id": f"ocds-abc-{n}-r1", "tag": ["tender"], "buyer": {"name": "Example Council"},
     "tender": {"title": title, "description": "Door to door transport. The contract will not be divided into lots.",
                "value": {"amount": 1200000, "currency": "GBP"}}}
    for n, title in ((1, "Community transport"), (2, "Meals on wheels"))]}


def run_cli(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=False, env={**os.environ, **(env or {})})


@pytest.fixture
def tenders(tmp_path):
    """A PDF, a DOCX and an OCDS package (streamed notice by notice, so not cached: reading a notice is cheap),
    copied so that tests may change them."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PDF, folder / PDF.name)
    shutil.copy(DOCX, folder / DOCX.name)
    (folder / "notices.json").write_text(json.dumps(RELEASES), encoding="utf-8")
    return folder


def _findings(report) -> list:
    return [(d.document.path, d.document.sha256, [f.to_dict() for f in d.findings], d.facts.to_dict())
            for d in report.documents]


def _no_reading(monkeypatch):
    """Every extractor fails the test if it is called."""
    from checker.extract import docx, pdf, text

    def read_again(*args, **kwargs):
        raise AssertionError(f"read again: {args[0]}")

    for module in (pdf, docx, text):
        monkeypatch.setattr(module, "extract", read_again)


def _entries(kind: str) -> int:
    return cache.info()[kind]["entries"]


def test_a_second_run_extracts_nothing_again_and_finds_the_same(tenders, monkeypatch):
    first = check([str(tenders)])
    assert not first.errors and len(first.documents) == 4  # a PDF, a DOCX and two notices
    assert _entries("extract") == 2
    _no_reading(monkeypatch)
    second = check([str(tenders)])
    assert not second.errors, second.errors
    assert _findings(second) == _findings(first)


def test_no_cache_reads_and_writes_nothing(tenders, monkeypatch, _own_cache):
    check([str(tenders)], CheckOptions(cache=False))
    assert not any(p.is_file() for p in _own_cache.rglob("*"))
    check([str(tenders)])  # now cached
    _no_reading(monkeypatch)
    report = check([str(tenders / PDF.name)], CheckOptions(cache=False))
    assert len(report.errors) == 1 and "read again" in report.errors[0].message  # it was read, not looked up


def test_changed_bytes_are_read_again(tmp_path):
    path = tmp_path / "tender.txt"
    path.write_text("The Council will buy a community transport service.\n", encoding="utf-8")
    before = check([str(path)])
    path.write_text("The Council will buy a Village minibus service.\n", encoding="utf-8")
    after = check([str(path)])
    assert before.documents[0].document.sha256 != after.documents[0].document.sha256
    assert "Village minibus" in after.documents[0].document.text()
    assert _entries("extract") == 2


def test_the_same_bytes_elsewhere_come_from_the_cache_under_their_own_name(tenders, tmp_path, monkeypatch):
    first = check([str(tenders / DOCX.name)])
    moved = tmp_path / "elsewhere" / "copy.docx"
    moved.parent.mkdir()
    shutil.copy(tenders / DOCX.name, moved)
    _no_reading(monkeypatch)
    second = check([str(moved)])
    assert not second.errors and [d.document.path for d in second.documents] == [str(moved)]
    assert [f.to_dict() for f in second.documents[0].findings] == [f.to_dict() for f in first.documents[0].findings]


def _poison(path: Path, mode: int) -> None:
    """Replace the cache entry of path with a planted document that says something the file does not."""
    (entry,) = [p for p in (cache.root() / "extract").iterdir() if p.suffix == ".pickle"]
    planted = Document(path=str(path), sha256="", format="pdf", pages=1,
                       blocks=[Block("paragraph", "PLANTED TEXT", Location(page=1))])
    entry.write_bytes(pickle.dumps((str(path), [planted])))
    entry.chmod(mode)


def test_an_entry_others_may_write_is_never_used(tenders):
    path = tenders / PDF.name
    check([str(path)])
    _poison(path, 0o600)  # the user's own entry is trusted: the planted text is what the check reads
    assert check([str(path)]).documents[0].document.text() == "PLANTED TEXT"
    _poison(path, 0o666)  # one anybody may write is not: the file is read again
    report = check([str(path)])
    assert "PLANTED TEXT" not in report.documents[0].document.text()
    assert "Community Connectors" in report.documents[0].document.text()


def test_a_damaged_entry_is_a_miss_and_is_replaced(tenders):
    path = tenders / DOCX.name
    first = check([str(path)])
    (entry,) = (cache.root() / "extract").iterdir()
    entry.write_bytes(entry.read_bytes()[:100])
    again = check([str(path)])
    assert _findings(again) == _findings(first)
    assert pickle.loads(entry.read_bytes())[1][0].text() == first.documents[0].document.text()


def test_an_unusable_cache_folder_costs_nothing(tenders, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TENDERCHECK_CACHE_DIR", str(blocker / "cache"))
    report = check([str(tenders)])
    assert not report.errors and len(report.documents) == 4
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_cli_second_run_same_json_then_info_and_clear(tenders, _own_cache):
    env = {"TENDERCHECK_CACHE_DIR": str(_own_cache)}
    runs = [run_cli("check", tenders, "-f", "json", env=env) for _ in range(2)]
    assert [r.returncode for r in runs] == [1, 1], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    fresh = run_cli("check", tenders, "-f", "json", "--no-cache", env=env)
    assert fresh.stdout == runs[0].stdout  # neither cache (rulebook, documents) changes a finding

    info = run_cli("cache", "info", "--format", "json", env=env)
    assert info.returncode == 0
    found = json.loads(info.stdout)
    assert found["path"] == str(_own_cache)
    assert found["extract"]["entries"] == 2 and found["rulebook"]["entries"] == 1
    assert found["check"]["entries"] == 4  # the PDF, the DOCX and the two notices
    assert found["extract"]["bytes"] > 0
    text = run_cli("cache", "info", env=env)
    assert text.stdout.splitlines()[0] == f"cache: {_own_cache}"
    assert text.stdout.split()[2:5] == ["rulebook", "1", "entries"]

    cleared = run_cli("cache", "clear", env=env)
    assert cleared.returncode == 0 and cleared.stdout.strip() == f"removed 7 cache entries from {_own_cache}"
    assert json.loads(run_cli("cache", "info", "--format", "json", env=env).stdout)["extract"]["entries"] == 0


def test_cache_info_on_a_missing_folder_creates_nothing(tmp_path):
    where = tmp_path / "never-made"
    result = run_cli("cache", "info", "--format", "json", env={"TENDERCHECK_CACHE_DIR": str(where)})
    assert result.returncode == 0 and json.loads(result.stdout)["extract"] == {"entries": 0, "bytes": 0}
    assert not where.exists()


MINI = ROOT / "tests" / "engine" / "data" / "mini"


def test_a_changed_rule_file_is_compiled_again(tmp_path, _own_cache):
    """The compiled rulebook is keyed by the bytes of every rule file: an edit shows in the next run."""
    book = tmp_path / "book"
    shutil.copytree(MINI, book)
    env = {"TENDERCHECK_CACHE_DIR": str(_own_cache)}
    first = run_cli("rules", "--rulebook", book, "--format", "json", env=env)
    assert first.returncode == 0, first.stderr
    again = run_cli("rules", "--rulebook", book, "--format", "json", env=env)
    assert again.stdout == first.stdout
    assert cache.info()["rulebook"]["entries"] == 1
    rule = book / "T-5.1-codesign.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("Local people helped design the service",
                                                              "Residents shaped the service"), encoding="utf-8")
    edited = run_cli("rules", "--rulebook", book, "--format", "json", env=env)
    assert "Residents shaped the service" in edited.stdout and "Local people helped" not in edited.stdout
    assert cache.info()["rulebook"]["entries"] == 2


def test_cache_entries_are_private(tenders, _own_cache):
    check([str(tenders / DOCX.name)])
    for path in [_own_cache, *_own_cache.rglob("*")]:
        assert path.stat().st_mode & 0o077 == 0, path


def _no_judging(monkeypatch):
    """Annotating a document or running the rules over it fails the test."""
    from checker import engine
    from checker.nlp import pipeline

    def again(*args, **kwargs):
        raise AssertionError("annotated or judged again")

    monkeypatch.setattr(pipeline, "annotate", again)
    monkeypatch.setattr(engine, "judge", again)


def test_a_second_run_neither_annotates_nor_judges_again(tenders, monkeypatch):
    first = check([str(tenders)])
    _no_judging(monkeypatch)
    second = check([str(tenders)])
    assert not second.errors, second.errors
    assert _findings(second) == _findings(first)
    assert [d.steps for d in second.documents] == [d.steps for d in first.documents]


def test_other_params_severities_or_rules_are_judged_afresh(tenders):
    path = str(tenders / PDF.name)
    first = check([path])
    sv = [f for f in first.documents[0].findings if f.rule.startswith("KIL-2.")]
    stricter = check([path], CheckOptions(params={"min_social_value_pct": 99}))
    assert [f.to_dict() for f in stricter.documents[0].findings] != [f.to_dict() for f in first.documents[0].findings]
    only = check([path], CheckOptions(select=("KIL-2",)))
    assert {f.rule for f in only.documents[0].findings} == {f.rule for f in sv}
    again = check([path])
    assert [f.to_dict() for f in again.documents[0].findings] == [f.to_dict() for f in first.documents[0].findings]


def test_waivers_apply_to_a_cached_document(tenders, tmp_path, monkeypatch):
    path = tenders / DOCX.name
    first = check([str(path)])
    rule = next(f.rule for f in first.documents[0].findings if f.severity in ("error", "warning"))
    (tenders / ".tendercheck.yaml").write_text(
        f"waivers:\n  - rule: {rule}\n    path: '*.docx'\n    reason: agreed with the commissioner\n"
        "    approved_by: Head of Procurement\n", encoding="utf-8")
    monkeypatch.chdir(tenders)
    _no_judging(monkeypatch)
    waived = check([str(path)])
    assert not waived.errors, waived.errors
    assert [f.rule for f in waived.documents[0].findings if f.waived] == [rule]


SPACY_REFUSED = """
import builtins, sys
real_import = builtins.__import__
def refuse_spacy(name, *args, **kwargs):  # find_spec (the cache key's spaCy version) still sees spaCy
    if name == "spacy" or name.startswith("spacy."):
        raise ImportError("spaCy imported by a cached run")
    return real_import(name, *args, **kwargs)
builtins.__import__ = refuse_spacy
from checker.api import check
report = check(sys.argv[1:])
print(len(report.documents), len(report.errors), "spacy" in sys.modules)
for problem in report.errors:
    print(problem.path, problem.message)
"""


def test_a_fully_cached_run_never_imports_spacy(tenders, _own_cache):
    env = {**os.environ, "TENDERCHECK_CACHE_DIR": str(_own_cache), "PYTHONPATH": str(ROOT)}
    warm = run_cli("check", tenders, "-f", "json", env=env)
    assert warm.returncode == 1, warm.stderr
    run = subprocess.run([sys.executable, "-c", SPACY_REFUSED, str(tenders)], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "4 0 False", run.stdout  # the workers forked from it did not either


ONE_FILE_NOT_CACHED = """
import sys
from checker.api import check
report = check(sys.argv[1:])
print(len(report.documents), len(report.errors), "spacy" in sys.modules)
"""


def test_a_single_uncached_file_loads_the_pipeline_once_in_its_worker_only(tmp_path, _own_cache):
    """With nothing left to fork after it, a document that missed the check cache does not make this process
    load spaCy too (that would double a pre-commit hook's start-up)."""
    path = tmp_path / "one.txt"
    path.write_text("The Council invites tenders for a community transport service.\n", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("The Council invites quotations for grounds maintenance.\n", encoding="utf-8")
    env = {**os.environ, "TENDERCHECK_CACHE_DIR": str(_own_cache), "PYTHONPATH": str(ROOT)}
    first = run_cli("check", other, env=env)  # stores the rulebook, its matchers checked: as on any later run
    assert first.returncode in (0, 1), first.stderr
    run = subprocess.run([sys.executable, "-c", ONE_FILE_NOT_CACHED, str(path)], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["1", "0", "False"], run.stdout
