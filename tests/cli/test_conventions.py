"""The command line behaves like ruff, Vale and Semgrep: a usage error is one line `tendercheck: error: ...`
with exit 2; -f/-o/-c/-q short flags; --min-severity hides findings from the reports but not from the exit
code; --exit-zero; --statistics; examples and exit codes in --help; rules listed in number order."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.report.conftest import load_cli

ROOT = Path(__file__).resolve().parents[2]
ADVICE_ONLY = """# Youth service

## Award criteria

| Criterion | Weighting |
|---|---|
| Quality | 50% |
| Social value | 10% |
| Price | 40% |
"""
FAILING = """# Borough-wide support services

The Council invites tenders for a single borough-wide contract worth £4,000,000 over 5 years.

## Selection

Bidders must provide three years of audited accounts. Consortia will not be accepted.
Invoices will be paid within 60 days of receipt.
"""


@pytest.fixture
def main():
    return load_cli().main


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # no .tendercheck.yaml from above the test folder
    (tmp_path / "advice.md").write_text(ADVICE_ONLY, encoding="utf-8")
    (tmp_path / "failing.md").write_text(FAILING, encoding="utf-8")
    return tmp_path


def _run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "checker", *args], check=False, capture_output=True, text=True,
                          cwd=cwd, timeout=300)


@pytest.mark.parametrize("args,fragment", [
    (["check", "--bogus", "x.pdf"], "no such option '--bogus' (see 'tendercheck check --help')"),
    (["check"], "give at least one PATH or --pack FOLDER (see 'tendercheck check --help')"),
    (["check", "-f", "pdf", "x.pdf"], "invalid value for '-f' / '--format': 'pdf' is not one of"),
    (["chek", "x.pdf"], "no such command 'chek'. (Did you mean one of: 'cache', 'check'?) (see 'tendercheck --help')"),
    (["--bogus"], "no such option '--bogus' (see 'tendercheck --help')"),
    (["rules", "--step", "9"], "invalid value for '--step'"),
    (["check", "--param", "novalue", "x.pdf"], "expected name=value, got 'novalue'"),
])
def test_a_usage_error_is_one_line_and_exit_2(args, fragment):
    result = _run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tendercheck: error: ") and fragment in lines[0], lines[0]
    assert "Usage:" not in result.stderr and "Try '" not in result.stderr


def test_bare_tendercheck_prints_the_help_not_a_one_line_error():
    """With no command, the help as --help lays it out (on stderr, exit 2, as click does), not the whole help
    squeezed into one 'tendercheck: error: usage: ...' line."""
    result = _run()
    assert result.returncode == 2 and result.stdout == ""
    assert "tendercheck: error" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Usage: tendercheck [OPTIONS] COMMAND")
    assert "Commands:" in lines and any(line.strip().startswith("check ") for line in lines)
    assert result.stderr.strip() == _run("--help").stdout.strip()


def test_short_flags(cli_runner, main, folder):
    (folder / "conf.yaml").write_text("fail_on: never\n", encoding="utf-8")
    result = cli_runner.invoke(main, ["check", "failing.md", "-f", "json", "-o", "r.json", "-f", "text",
                                      "-c", "conf.yaml", "-q"])
    assert result.exit_code == 0, result.output  # the config's fail_on: never
    report = json.loads((folder / "r.json").read_text())
    assert report["summary"]["findings"] > 0
    lines = result.stdout.splitlines()
    assert all(line.startswith("failing.md (") for line in lines[:-1]), "-q: one line per finding"
    assert len(lines) - 1 == report["summary"]["findings"] and "Keep it Local scorecard" not in result.stdout
    assert lines[-1].startswith("1 document checked: ")


def test_min_severity_hides_advice_from_reports_but_not_from_the_exit_code(cli_runner, main, folder):
    only_advice = ["--select", "KIL-3.7", "--select", "KIL-5.3"]  # two info rules
    full = cli_runner.invoke(main, ["check", "advice.md", "-f", "json", "--fail-on", "info", *only_advice])
    data = json.loads(full.stdout)
    advice = [f for f in data["documents"][0]["findings"] if f["severity"] == "info"]
    assert len(advice) == 2 and full.exit_code == 1
    assert all(f["severity"] == "info" for f in data["documents"][0]["findings"]), "advice only"
    hidden = cli_runner.invoke(main, ["check", "advice.md", "-f", "json", "--fail-on", "info",
                                      "--min-severity", "warning", *only_advice])
    assert hidden.exit_code == 1, "hiding advice does not change what fails the run"
    shown = json.loads(hidden.stdout)
    assert shown["documents"][0]["findings"] == []
    assert shown["summary"]["hidden"] == len(advice) and shown["documents"][0]["hidden"] == len(advice)
    text = cli_runner.invoke(main, ["check", "advice.md", "--min-severity", "warning", *only_advice])
    assert text.exit_code == 0
    assert f"{len(advice)} below warning hidden" in text.stdout.splitlines()[-1]
    assert "[info]" not in text.stdout


def test_exit_zero(cli_runner, main, folder):
    assert cli_runner.invoke(main, ["check", "failing.md"]).exit_code == 1
    assert cli_runner.invoke(main, ["check", "failing.md", "--exit-zero"]).exit_code == 0
    assert cli_runner.invoke(main, ["check", "failing.md", "missing.pdf", "--exit-zero"]).exit_code == 2


def test_statistics_counts_per_rule(cli_runner, main, folder):
    result = cli_runner.invoke(main, ["check", "failing.md", "advice.md", "--statistics", "-f", "json",
                                      "-o", "r.json"])
    data = json.loads((folder / "r.json").read_text())
    lines = result.stdout.splitlines()
    counts = [int(line.split()[0]) for line in lines[:-1]]
    assert counts == sorted(counts, reverse=True) and sum(counts) == data["summary"]["findings"]
    rule = "KIL-3.16-payment-terms"
    line = next(line for line in lines if rule in line)
    assert line.split()[:3] == ["1", rule, "error"] and "Invoices are paid in more than 30 days" in line


def test_help_has_examples_and_exit_codes(cli_runner, main):
    for args in ([], ["check"]):
        out = cli_runner.invoke(main, [*args, "--help"]).output
        assert "Examples:" in out and "Exit codes:" in out
        assert re.search(r"^\s+2\s+usage, config, rulebook or input errors", out, re.MULTILINE)
    check_help = cli_runner.invoke(main, ["check", "--help"]).output
    for flag in ("-f, --format", "-o, --output", "-c, --config", "-q, --quiet", "--min-severity", "--exit-zero",
                 "--statistics"):
        assert flag in check_help


def test_rules_are_listed_in_number_order(cli_runner, main):
    ids = [line.split()[0] for line in cli_runner.invoke(main, ["rules"]).output.splitlines()[:-1]]
    assert ids.index("KIL-3.2-capacity-building") < ids.index("KIL-3.10-audited-accounts")
    numbers = [tuple(int(n) for n in re.match(r"KIL-(\d+)\.(\d+)", i).groups()) for i in ids]
    assert numbers == sorted(numbers)


def test_readme_usage_says_the_venv_must_be_active():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    usage = readme.split("## Usage", 1)[1].split("```", 1)[0]
    assert ". .venv/bin/activate" in usage and ".venv/bin/tendercheck" in usage


def test_readme_quickstart_check_runs_as_written():
    """The Quickstart's first command after its install step: .venv/bin/tendercheck on the bundled sample."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if "fixtures/sample-tender.pdf" in line)
    command = line.split("&&")[-1].split()
    assert command[:2] == [".venv/bin/tendercheck", "check"]
    if not (ROOT / command[0]).exists():
        pytest.skip("no .venv/bin/tendercheck here: the Quickstart's install step has not been run")
    result = subprocess.run(command, check=False, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 1, result.stderr  # the sample has barriers to find
    assert "Keep it Local scorecard" in result.stdout


def test_install_hints_name_extras_that_exist_and_install_from_the_folder():
    """'pip install tendercheck[web]' asks a package index for a tendercheck it does not have (the Quickstart
    installs from the repository folder), and 'tendercheck[sheets]' named an extra setup.cfg never had."""
    import configparser

    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    extras = set(cfg["options.extras_require"])
    files = [ROOT / "README.md", ROOT / "cli.py", *sorted((ROOT / "docs").glob("*.md")),
             *sorted((ROOT / "checker").rglob("*.py"))]
    named = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"pip install -?e? ?['\"]?tendercheck\[", text), f"{path}: install from the folder"
        named |= set(re.findall(r"(?:tendercheck|\.)\[([a-z]+)\]", text))
    assert named and named <= extras, named - extras


def test_rules_and_extract_take_f_as_check_does(cli_runner, main, folder):
    listed = cli_runner.invoke(main, ["rules", "-f", "json"])
    assert listed.exit_code == 0 and json.loads(listed.stdout)["rulebook"]["rules"] > 0
    read = cli_runner.invoke(main, ["extract", "failing.md", "-f", "json"])
    assert read.exit_code == 0 and json.loads(read.stdout)["format"] == "md"
    assert "[default: text]" in cli_runner.invoke(main, ["extract", "--help"]).stdout
