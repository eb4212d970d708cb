"""Reports are written safely: the output folder is checked before anything is read, each report is written
whole or not at all (temporary file, then rename), an interrupted run leaves old reports untouched and no
partial file, and file names with control characters cannot inject into stderr, JUnit or GitHub output."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.hostile.helpers import GOOD_TEXT, assert_clean, hashes, run_cli


@pytest.fixture
def cli_main():
    from cli import main

    return main


@pytest.mark.parametrize("flag", ["--output", "--write-baseline"])
def test_a_missing_output_folder_stops_the_run_before_it_starts(tmp_path, cli_runner, cli_main, flag):
    missing = tmp_path / "missing"
    args = ["check", *(["--format", "json"] if flag == "--output" else []), flag, str(missing / "report.json"),
            str(tmp_path / "never-read.pdf")]
    result = cli_runner.invoke(cli_main, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"tendercheck: error: {missing}: output folder does not exist"]
    assert result.stdout == "" and not missing.exists()


def test_reports_are_written_whole(tmp_path, cli_runner, cli_main):
    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.json").write_text("OLD", encoding="utf-8")
    result = cli_runner.invoke(cli_main, ["check", "--fail-on", "never", "--format", "json", "--output",
                                          str(out / "r.json"), "--format", "junit", "--output", str(out / "r.xml"),
                                          str(tmp_path / "good.txt")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["r.json", "r.xml"]
    assert json.loads((out / "r.json").read_text(encoding="utf-8"))["documents"]
    ET.parse(out / "r.xml")


def test_an_interrupted_write_leaves_old_reports_and_no_partial_file(tmp_path, cli_runner, cli_main, monkeypatch):
    from checker import output

    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.json").write_text("OLD JSON", encoding="utf-8")
    (out / "r.xml").write_text("OLD XML", encoding="utf-8")
    real, calls = output.os.fsync, []

    def interrupted(fd):
        calls.append(fd)
        if len(calls) == 2:  # the second report is on disk under its temporary name, not yet synced
            raise KeyboardInterrupt  # Ctrl-C
        return real(fd)

    monkeypatch.setattr(output.os, "fsync", interrupted)
    result = cli_runner.invoke(cli_main, ["check", "--format", "json", "--output", str(out / "r.json"),
                                          "--format", "junit", "--output", str(out / "r.xml"),
                                          str(tmp_path / "good.txt")])
    assert result.exit_code == 130
    assert (out / "r.json").read_text(encoding="utf-8") == "OLD JSON"
    assert (out / "r.xml").read_text(encoding="utf-8") == "OLD XML"
    assert sorted(p.name for p in out.iterdir()) == ["r.json", "r.xml"]


def test_control_characters_in_file_names_reach_no_output_raw(tmp_path):
    good = tmp_path / "a\x1b[31mred.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    bad = tmp_path / "b\x1b]0;title\x07\n::error::pwned.pdf"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    out.mkdir()
    before = hashes(tmp_path)
    result = run_cli("check", "--format", "text", "--format", "github", "--output", out / "gh.txt",
                     "--format", "junit", "--output", out / "j.xml", "--format", "json", "--output", out / "r.json",
                     good, bad)
    assert result.returncode == 2
    assert_clean(result)
    assert "\x1b" not in result.stderr + result.stdout
    (line,) = result.stderr.splitlines()
    assert line == (f"tendercheck: error: {tmp_path}/b\\x1b]0;title\\x07\\x0a::error::pwned.pdf: "
                    "empty file (0 bytes)")
    lines = (out / "gh.txt").read_text(encoding="utf-8").splitlines()
    assert lines and all(re.match(r"^::(error|warning|notice) ", x) for x in lines)
    assert "\x1b" not in (out / "gh.txt").read_text(encoding="utf-8")
    names = {s.get("name") for s in ET.parse(out / "j.xml").getroot().iter("testsuite")}
    assert str(good).replace("\x1b", "\\x1b") in names
    report = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert [d["path"] for d in report["documents"]] == [str(good)]
    assert [e["path"] for e in report["errors"]] == [str(bad)]
    assert {k: v for k, v in hashes(tmp_path).items() if "/out/" not in k} == before


def test_an_undecodable_byte_in_a_file_name_is_reported_not_a_crash(tmp_path):
    import os

    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes on a UTF-8 system: a lone surrogate in Python
    good = tmp_path / name
    good.write_text(GOOD_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli("check", "--fail-on", "never", "--format", "junit", "--output", out / "j.xml",
                     "--format", "json", "--output", out / "r.json", "--format", "text", good)
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    ET.parse(out / "j.xml")
    assert json.loads((out / "r.json").read_text(encoding="utf-8"))["documents"][0]["path"] == str(good)
