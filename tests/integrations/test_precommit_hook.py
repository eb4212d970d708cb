"""The pre-commit hook, installed from this working tree with the real pre-commit tool, blocks a commit of a
tender with error-level barriers and lets a clean tender through.

pre-commit clones this repository at HEAD and pip-installs it into its own environment (PyPI must be
reachable); that is slow, so one PRE_COMMIT_HOME serves the whole test session.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FAILING = [
    ("h1", "Borough-wide support services"),
    ("p", "The Council invites tenders for a single borough-wide contract worth £4,000,000 over 5 years."),
    ("h2", "Selection"),
    ("p", "Bidders must provide three years of audited accounts. Consortia will not be accepted."),
    ("p", "Payment will be made within 60 days of invoice."),
]
PASSING = [
    ("h1", "Community wellbeing service: North ward"),
    ("p", "This procurement is run under the Procurement Act 2023. The estimated value is £150,000 over 3 years."),
    ("p", ("The service responds to needs set out in the Joint Strategic Needs Assessment for the North ward. "
           "It was co-designed with residents with lived experience in four workshops.")),
    ("h2", "Evaluation"),
    ("p", "Quality 60%, Social value 10%, Price 30%."),
    ("h2", "Selection"),
    ("p", "Bids from consortia are welcome. The Council will pay invoices within 30 days."),
]


def write_docx(path: Path, content) -> None:
    import docx

    document = docx.Document()
    for kind, text in content:
        if kind == "p":
            document.add_paragraph(text)
        else:
            document.add_heading(text, level=int(kind[1]))
    document.save(path)


def git(repo: Path, *args, check=True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=check)


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def hooked_repo(tmp_path, pre_commit_home):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    head = git(ROOT, "rev-parse", "HEAD", check=False)
    if head.returncode != 0:
        pytest.skip("the project folder is not a git checkout, so pre-commit cannot install the hook from it")
    sha = head.stdout.strip()
    if git(ROOT, "cat-file", "-e", f"{sha}:.pre-commit-hooks.yaml", check=False).returncode != 0:
        pytest.fail("HEAD has no .pre-commit-hooks.yaml")
    repo = tmp_path / "council-docs"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@tendercheck.invalid")
    git(repo, "config", "user.name", "tendercheck test")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {sha}\n    hooks:\n      - id: tendercheck\n"
        "        args: [--fail-on, error, --no-color]\n")
    env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home), "PRE_COMMIT_COLOR": "never"}
    pre_commit = [sys.executable, "-m", "pre_commit"]
    subprocess.run([*pre_commit, "install"], cwd=repo, env=env, check=True, capture_output=True)
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-q", "--no-verify", "-m", "pre-commit config")
    return repo, env


def commit(repo: Path, env: dict, name: str) -> subprocess.CompletedProcess:
    subprocess.run(["git", "add", name], cwd=repo, env=env, check=True)
    return subprocess.run(["git", "commit", "-m", f"add {name}"], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=1800, check=False)


def test_hook_blocks_a_failing_tender_and_passes_a_clean_one(hooked_repo):
    repo, env = hooked_repo
    write_docx(repo / "failing-tender.docx", FAILING)
    blocked = commit(repo, env, "failing-tender.docx")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "tendercheck" in output and "Failed" in output, output
    assert "KIL-3.10-audited-accounts" in output, output
    assert git(repo, "log", "--oneline").stdout.count("\n") == 1, "the failing tender was not committed"
    git(repo, "rm", "-q", "--cached", "failing-tender.docx")

    write_docx(repo / "passing-tender.docx", PASSING)
    allowed = commit(repo, env, "passing-tender.docx")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "passing-tender.docx" in git(repo, "show", "--stat", "HEAD").stdout


def test_hook_ignores_files_that_are_not_tenders(hooked_repo):
    repo, env = hooked_repo
    (repo / "notes.md").write_text("Bidders must provide three years of audited accounts.\n")
    done = commit(repo, env, "notes.md")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "(no files to check)" in done.stdout + done.stderr
