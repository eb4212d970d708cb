"""Shared test helpers: where the read-only real corpus is, and a CLI runner."""

from pathlib import Path

import pytest

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
