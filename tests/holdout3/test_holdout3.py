"""The third held-out set (fixtures/holdout3/, written blind in another voice: Welsh and Scottish councils, a fire
and rescue authority, a housing association, a combined authority, a town council, an NHS trust and a central
government department) is well formed, by the same checks as fixtures/holdout/: tests/holdout/test_holdout.py's
tests run here with its folder globals pointed at holdout3. Scores are reported by
`bench/holdout.py --root fixtures/holdout3`, never gated here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.holdout import test_holdout as base

ROOT = Path(__file__).resolve().parents[2]
HOLDOUT3 = ROOT / "fixtures" / "holdout3"
SOURCES3 = ROOT / "fixtures" / "src" / "holdout3"

rule_steps = base.rule_steps  # the same fixture: bundled error/warning rule id -> step


@pytest.fixture(autouse=True)
def point_base_at_holdout3(monkeypatch):
    monkeypatch.setattr(base, "HOLDOUT", HOLDOUT3)
    monkeypatch.setattr(base, "SOURCES", SOURCES3)


def labels() -> list[Path]:
    return sorted(HOLDOUT3.glob("*.expected.yaml"))


def test_the_set_has_five_pdfs_and_three_docx_at_least():
    docs = [p for p in HOLDOUT3.iterdir() if p.suffix in base.DOC_SUFFIXES]
    assert len([p for p in docs if p.suffix == ".pdf"]) >= 5
    assert len([p for p in docs if p.suffix == ".docx"]) >= 3


def test_every_document_has_a_label_a_source_and_the_reverse():
    base.test_every_document_has_a_label_a_source_and_the_reverse()


def test_labels_load_through_the_bench():
    base.test_labels_load_through_the_bench()


def test_pdfs_are_two_to_fifteen_pages():
    base.test_pdfs_are_two_to_fifteen_pages()


def test_docx_are_non_empty_word_documents():
    import docx

    for path in HOLDOUT3.glob("*.docx"):
        assert sum(len(p.text) for p in docx.Document(str(path)).paragraphs) > 1500, path.name


@pytest.mark.parametrize("path", labels(), ids=lambda p: p.name.removesuffix(".expected.yaml"))
def test_label_is_well_formed_and_consistent(path, rule_steps):
    base.test_label_is_well_formed_and_consistent(path, rule_steps)


def test_the_tuning_benches_leave_the_set_out():
    base.test_the_tuning_benches_leave_the_set_out()
    assert base.labels() == labels()
