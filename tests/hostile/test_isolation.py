"""Per-document isolation: a failure in any stage of one document's check (reading, annotating, facts, rules)
is that document's one error line naming it; every other document is still checked and reported; exit 2."""

from __future__ import annotations

import json

import pytest

from checker import api

GOOD = "The council will divide the contract into lots so that local charities can bid.\n"


@pytest.fixture
def batch(tmp_path):
    for name in ("a-good.txt", "b-bad.txt", "c-good.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    return tmp_path


def _fail_for(name, real):
    def stage(document, *args):
        if document.path.endswith(name):
            raise ValueError("boom\x1b[31m\nsecond line")
        return real(document, *args)
    return stage


STAGES = {
    "annotating the text": ("checker.nlp.pipeline", "annotate"),
    "finding facts": ("checker.facts", "find_facts"),
}


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_a_stage_failure_costs_one_document(batch, monkeypatch, stage):
    import importlib

    module = importlib.import_module(STAGES[stage][0])
    real = getattr(module, STAGES[stage][1])
    monkeypatch.setattr(module, STAGES[stage][1], _fail_for("b-bad.txt", real))
    report = api.check([str(batch / n) for n in ("a-good.txt", "b-bad.txt", "c-good.txt")])
    assert [d.document.path.rsplit("/", 1)[-1] for d in report.documents] == ["a-good.txt", "c-good.txt"]
    (error,) = report.errors
    assert error.path == str(batch / "b-bad.txt")
    assert error.message.startswith(f"internal error while {stage}: ValueError: boom")
    assert "\n" not in error.message and "\x1b" not in error.message


def test_a_rule_failure_costs_one_document(batch, monkeypatch):
    from checker import engine

    real = engine.judge

    def judge(cfg, document, docs, facts):
        if document.path.endswith("b-bad.txt"):
            raise KeyError("x")
        return real(cfg, document, docs, facts)

    monkeypatch.setattr(engine, "judge", judge)
    report = api.check([str(batch / n) for n in ("a-good.txt", "b-bad.txt", "c-good.txt")])
    assert len(report.documents) == 2
    assert report.errors[0].message.startswith("internal error while applying the rules: KeyError")


def test_a_reader_crash_costs_one_document(batch, monkeypatch):
    from checker.extract import text

    real = text.extract

    def extract(path):
        if str(path).endswith("b-bad.txt"):
            raise OSError("disk on fire")
        return real(path)

    monkeypatch.setattr(text, "extract", extract)
    # no cache: the three files hold the same bytes, so after the first the others would never be read
    report = api.check([str(batch / n) for n in ("a-good.txt", "b-bad.txt", "c-good.txt")], api.CheckOptions(cache=False))
    assert len(report.documents) == 2 and report.errors[0].path == str(batch / "b-bad.txt")


def test_cli_names_the_file_and_exits_2(batch, monkeypatch, cli_runner):
    import checker.facts
    from cli import main

    monkeypatch.delenv("TENDERCHECK_DEBUG", raising=False)
    monkeypatch.setattr(checker.facts, "find_facts", _fail_for("b-bad.txt", checker.facts.find_facts))
    before = {p.name: p.read_bytes() for p in batch.iterdir()}
    paths = [str(batch / n) for n in ("a-good.txt", "b-bad.txt", "c-good.txt")]
    result = cli_runner.invoke(main, ["check", "--format", "json", *paths])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("tendercheck: error: ")]
    assert errors == [line for line in errors if line.startswith(f"tendercheck: error: {batch / 'b-bad.txt'}: ")]
    assert len(errors) == 1 and "internal error while finding facts" in errors[0]
    report = json.loads(result.stdout)
    assert len(report["documents"]) == 2 and report["errors"][0]["code"] == "internal-error"
    assert {p.name: p.read_bytes() for p in batch.iterdir()} == before


def test_debug_prints_the_traceback_and_goes_on(batch, monkeypatch, capsys):
    import checker.facts

    monkeypatch.setenv("TENDERCHECK_DEBUG", "1")
    monkeypatch.setattr(checker.facts, "find_facts", _fail_for("b-bad.txt", checker.facts.find_facts))
    report = api.check([str(batch / n) for n in ("a-good.txt", "b-bad.txt", "c-good.txt")])
    assert len(report.documents) == 2 and len(report.errors) == 1
    assert "Traceback" in capsys.readouterr().err


def test_extract_command_names_the_file(batch, monkeypatch, cli_runner):
    import checker.facts
    from cli import main

    monkeypatch.delenv("TENDERCHECK_DEBUG", raising=False)
    monkeypatch.setattr(checker.facts, "find_facts", _fail_for("b-bad.txt", checker.facts.find_facts))
    result = cli_runner.invoke(main, ["extract", "--facts", str(batch / "b-bad.txt")])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        line for line in result.stderr.strip().splitlines()
        if line.startswith(f"tendercheck: error: {batch / 'b-bad.txt'}: internal error while finding facts")]


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    report = api.check([str(fifo), str(tmp_path / "good.txt")])
    assert len(report.documents) == 1
    assert report.errors[0].path == str(fifo) and "FIFO" in report.errors[0].message


def test_a_folder_walk_that_fails_costs_that_path_only(batch, monkeypatch):
    import checker.extract

    real = checker.extract.iter_input_files

    def walk(paths):
        if str(paths[0]).endswith("b-bad.txt"):
            raise PermissionError(13, "Permission denied")
        return real(paths)

    monkeypatch.setattr(checker.extract, "iter_input_files", walk)
    report = api.check([str(batch / n) for n in ("a-good.txt", "b-bad.txt", "c-good.txt")])
    assert len(report.documents) == 2
    (error,) = report.errors
    assert error.path == str(batch / "b-bad.txt") and error.message == "cannot list: Permission denied"
