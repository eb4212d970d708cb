"""docs/ci.md's recipes, run as written: the council folder script, the baseline commands and the GitHub and
GitLab check commands, copied out of the Markdown and run with the installed `tendercheck` on PATH. The
nearest .tendercheck.yaml to each document decides its fail_on (and extends, params, rules), whatever folder
the command runs from."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CI_MD = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent
WARNING_ONLY = ["Youth support service", "The Council invites tenders for a youth support service.",
                "Consortia will not be accepted."]  # KIL-3.3 and absences: warnings and advice, no error
ERROR = WARNING_ONLY + ["Invoices will be paid within 60 days of receipt."]  # KIL-3.16: an error

pytestmark = pytest.mark.skipif(not (BIN / "tendercheck").exists(), reason="needs the installed tendercheck command")


def _pdf(path: Path, lines) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 6, line)
        pdf.ln(2)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


def _block(after: str, lang: str) -> str:
    """The first ```lang block after the text `after` in docs/ci.md."""
    start = CI_MD.index(after)
    match = re.compile(rf"```{lang}\n(.*?)```", re.DOTALL).search(CI_MD, start)
    return match.group(1)


def _env():
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", NO_COLOR="1")
    for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID", "CI_JOB_URL"):
        env.pop(name, None)
    return env


def _sh(script: str, cwd: Path):
    return subprocess.run(["sh", "-c", script], check=False, capture_output=True, text=True, cwd=cwd,
                          env=_env(), timeout=600)


@pytest.fixture
def site(tmp_path):
    (tmp_path / ".git").mkdir()  # config discovery stops here, as at a repository's root
    return tmp_path


def test_council_folder_script_lets_each_folder_decide(site):
    script = site / "check-before-publishing.sh"
    script.write_text(_block("`check-before-publishing.sh`:", "sh"), encoding="utf-8")
    for name in ("to-publish", "publish", "reports"):
        (site / name).mkdir()
    # the council's policy: warnings hold a pack back too (a profile, through extends)
    (site / "to-publish" / ".tendercheck.yaml").write_text("extends: strict\n", encoding="utf-8")
    _pdf(site / "to-publish" / "warned" / "itt.pdf", WARNING_ONLY)
    # a pack with its own config, nearer to its documents than the council's: errors only
    _pdf(site / "to-publish" / "pilot" / "itt.pdf", WARNING_ONLY)
    (site / "to-publish" / "pilot" / ".tendercheck.yaml").write_text("fail_on: error\n", encoding="utf-8")
    _pdf(site / "to-publish" / "late-payer" / "itt.pdf", ERROR)

    done = _sh("sh ./check-before-publishing.sh", site)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "held back: warned (barriers" in done.stdout, "the folder's extends: strict decides (was published)"
    assert "held back: late-payer (barriers" in done.stdout
    assert "published: pilot" in done.stdout, "the pack's own .tendercheck.yaml is the nearest"
    assert (site / "publish" / "pilot" / "itt.pdf").exists() and (site / "to-publish" / "warned").exists()
    for name in ("warned", "pilot", "late-payer"):
        assert (site / "reports" / f"{name}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert "Keep it Local scorecard" in (site / "reports" / f"{name}.txt").read_text(encoding="utf-8")


def test_baseline_commands(site):
    if shutil.which("git") is None:
        pytest.skip("needs git")
    shutil.rmtree(site / ".git")
    subprocess.run(["git", "init", "-q"], check=True, cwd=site)
    _pdf(site / "tenders" / "old.pdf", ERROR)
    commands = [line.split("#")[0].strip() for line in _block("## Baselines", "sh").splitlines()]
    commands = [c for c in commands if c]
    assert [c.split()[0] for c in commands] == ["tendercheck", "git", "tendercheck"]
    for command in commands:
        done = _sh(command, site)
        assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
    _pdf(site / "tenders" / "new.pdf", ERROR)
    done = _sh(commands[-1], site)
    assert done.returncode == 1, "a new document's error fails CI"


def _folded(after: str) -> str:
    """The `tendercheck check` command of a YAML `>-` block (GitHub `run: >-`, GitLab `- >-`), folded."""
    yaml_text = _block(after, "yaml")
    match = re.search(r">-\n((?:\s+tendercheck check.*\n)(?:\s+--.*\n)*)", yaml_text)
    return " ".join(match.group(1).split())


@pytest.mark.parametrize("after,files", [
    ("## GitHub Actions", ["tendercheck.sarif", "tendercheck.md", "tendercheck.html"]),
    ("## GitLab CI", ["tendercheck-junit.xml", "tendercheck.html", "tendercheck.json"]),
])
def test_ci_check_commands(site, after, files):
    command = _folded(after)
    assert command.startswith("tendercheck check tenders/") and "--fail-on" not in command
    _pdf(site / "tenders" / "strict" / "itt.pdf", WARNING_ONLY)
    (site / "tenders" / "strict" / ".tendercheck.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    _pdf(site / "tenders" / "relaxed" / "itt.pdf", WARNING_ONLY)
    done = _sh(command, site)
    assert done.returncode == 1, "the strict folder's fail_on: warning fails the job"
    for name in files:
        assert (site / name).stat().st_size > 0
    if "tendercheck.json" in files:
        docs = {Path(d["path"]).parent.name: d for d in json.loads((site / "tendercheck.json").read_text())["documents"]}
        assert docs["strict"]["fail_on"] == "warning" and docs["relaxed"]["fail_on"] == "error"
        assert docs["strict"]["config"].endswith("strict/.tendercheck.yaml") and docs["relaxed"]["config"] is None
    (site / "tenders" / "strict" / ".tendercheck.yaml").write_text("fail_on: error\n", encoding="utf-8")
    assert _sh(command, site).returncode == 0
