"""Shared test helpers: where the read-only real corpus is, and a CLI runner. Tests never touch the user's own
cache folder: TENDERCHECK_CACHE_DIR points at a temporary folder for the session (what module-level code and
subprocesses see) and at a fresh one for each test, so no test reads what another stored."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

SESSION_CACHE = tempfile.mkdtemp(prefix="tendercheck-test-cache-")
os.environ["TENDERCHECK_CACHE_DIR"] = SESSION_CACHE

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "fixtures"


@pytest.fixture
def corpus_path():
    """../shared/corpus, or a skip with the reason (a user's own clone has no shared/ folder)."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus not present (a user's own clone); real-document tests need it")
    return CORPUS


@pytest.fixture
def cli_runner():
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory, monkeypatch):
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("TENDERCHECK_CACHE_DIR", str(folder))
    return folder


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(SESSION_CACHE, ignore_errors=True)
