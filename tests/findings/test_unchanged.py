"""Every fixture and corpus document gives the findings recorded in tests/findings/snapshot.json: work meant to
leave behaviour alone (speed, caching, refactors) is shown to change none of them. A change meant to change
findings regenerates the snapshot (the failure message says how) and commits it, so its diff shows what moved."""

from __future__ import annotations

import pytest

from tests.findings import snapshot

SNAPSHOT = snapshot.load()
HOW = (f"If the change is intended (a new rule, a fact fix, a new fixture), regenerate the snapshot with "
       f"`{snapshot.COMMAND}` and commit tests/findings/snapshot.json with the change; its diff shows what moved.")


def _compare(path):
    key = snapshot.key_of(path)
    now = snapshot.record(path)
    old = SNAPSHOT.get(key)
    if now != old:
        pytest.fail(f"findings changed:\n{snapshot.describe(key, old, now)}\n{HOW}", pytrace=False)


@pytest.mark.parametrize("path", snapshot.fixture_files(), ids=snapshot.key_of)
def test_fixture_findings_unchanged(path):
    _compare(path)


CORPUS_FILES = snapshot.corpus_files()


@pytest.mark.parametrize("path", CORPUS_FILES or [None], ids=snapshot.key_of if CORPUS_FILES else ["corpus"])
def test_corpus_findings_unchanged(path):
    if path is None:
        pytest.skip("../shared/corpus not present (a user's own clone); its findings cannot be compared")
    _compare(path)


def test_every_snapshot_entry_is_still_a_document():
    keys = {snapshot.key_of(p) for p in snapshot.fixture_files()}
    gone = sorted(k for k in SNAPSHOT if k.startswith("fixtures/") and k not in keys)
    if CORPUS_FILES:
        keys |= {snapshot.key_of(p) for p in CORPUS_FILES}
        gone += sorted(k for k in SNAPSHOT if k.startswith("corpus/") and k not in keys)
    if gone:
        pytest.fail(f"in the snapshot but no longer documents: {gone}\n{HOW}", pytrace=False)
