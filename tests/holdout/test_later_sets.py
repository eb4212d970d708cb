"""The later held-out sets (fixtures/holdout2/ and holdout3/, each written blind in another voice) are well formed,
by the same checks as fixtures/holdout/: tests/holdout/test_holdout.py's tests run once per set with its folder
globals pointed at that set. Scores are reported by `bench/holdout.py --root fixtures/<set>`, never gated here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.holdout import test_holdout as base

ROOT = Path(__file__).resolve().parents[2]
MINIMUM_DOCUMENTS = {"holdout2": (6, 4), "holdout3": (5, 3)}  # (PDFs, DOCX) each author set out to write
SETS = sorted(MINIMUM_DOCUMENTS)

rule_steps = base.rule_steps  # the same fixture: bundled error/warning rule id -> step


def folder(name: str) -> Path:
    return ROOT / "fixtures" / name


def labels(name: str) -> list[Path]:
    return sorted(folder(name).glob("*.expected.yaml"))


@pytest.fixture(params=SETS)
def held_out(request, monkeypatch) -> str:
    """The set's name, with the base module's folder globals pointed at it."""
    point_base_at(request.param, monkeypatch)
    return request.param


def point_base_at(name: str, monkeypatch) -> None:
    monkeypatch.setattr(base, "HOLDOUT", folder(name))
    monkeypatch.setattr(base, "SOURCES", ROOT / "fixtures" / "src" / name)


def test_the_set_has_the_documents_its_author_set_out_to_write(held_out):
    docs = [p for p in folder(held_out).iterdir() if p.suffix in base.DOC_SUFFIXES]
    pdfs, docx = MINIMUM_DOCUMENTS[held_out]
    assert len([p for p in docs if p.suffix == ".pdf"]) >= pdfs
    assert len([p for p in docs if p.suffix == ".docx"]) >= docx


def test_every_document_has_a_label_a_source_and_the_reverse(held_out):
    base.test_every_document_has_a_label_a_source_and_the_reverse()


def test_labels_load_through_the_bench(held_out):
    base.test_labels_load_through_the_bench()


def test_pdfs_are_two_to_fifteen_pages(held_out):
    base.test_pdfs_are_two_to_fifteen_pages()


def test_docx_are_non_empty_word_documents(held_out):
    import docx

    for path in folder(held_out).glob("*.docx"):
        assert sum(len(p.text) for p in docx.Document(str(path)).paragraphs) > 1500, path.name


@pytest.mark.parametrize("name,path", [(name, path) for name in SETS for path in labels(name)],
                         ids=lambda v: v if isinstance(v, str) else v.name.removesuffix(".expected.yaml"))
def test_label_is_well_formed_and_consistent(name, path, rule_steps, monkeypatch):
    point_base_at(name, monkeypatch)
    base.test_label_is_well_formed_and_consistent(path, rule_steps)


def test_the_tuning_benches_leave_the_set_out(held_out):
    base.test_the_tuning_benches_leave_the_set_out()
    assert base.labels() == labels(held_out)
