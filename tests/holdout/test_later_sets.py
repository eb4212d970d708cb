"""The later held-out sets (fixtures/holdout2/ to holdout10/, each written blind in another voice) are well formed, by
the same checks as fixtures/holdout/: tests/holdout/test_holdout.py's tests run once per set with its folder globals
pointed at that set. Scores are reported by `bench/holdout.py --root fixtures/<set>`, never gated here. holdout4
imitates portal layouts and holdout5 real buyers' own styles (Welsh-first bilingual, a clerk's letter, a PSR notice,
Word tables with merged cells and real list numbering), holdout6 other buyers' voices again (an NHS trust's
points-per-question matrix, a Scottish Quick Quote, a university's selection questionnaire table, a dynamic market's
lot table continued without its header), holdout7 others again (a fire authority's marks per
question, an academy trust's letter, a PSR grant-to-contract ITT, a Welsh domiciliary care tender, a leisure
concession, a glossary and fractions for weightings), holdout8 others again (a town clerk's quote request, a
national park's bus tender, a probation call-off notice with value ranges, an ICB grants-and-contract prospectus),
holdout9 others again (a London borough's lot table under a merged header with points, a Scottish council's
community benefits, a Welsh health board's Word-numbered tender, a central agency's options table, a lead
authority's partnership brief, a university's two-stage quotation below threshold), holdout10 others again (a county
council's key-facts table and lot maxima in "k", a Northern Ireland trust's budget per month, a national museum's
quotation in points, a Welsh town council's bilingual-headed quotation pack, a combined authority's lots as
headings, an NHS trust's shuttle tender); each is rendered by its own generator (fixtures/src/<set>/build_<set>.py)
from `.txt` sources, which fixtures/build.py never sees, and its committed documents must be what the generator
gives."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.holdout import test_holdout as base

ROOT = Path(__file__).resolve().parents[2]
# (PDFs, DOCX) each author wrote
MINIMUM_DOCUMENTS = {"holdout2": (6, 4), "holdout3": (5, 3), "holdout4": (5, 3), "holdout5": (5, 3), "holdout6": (5, 3),
                     "holdout7": (5, 3), "holdout8": (4, 2), "holdout9": (4, 2),
                     "holdout10": (4, 2)}
SETS = sorted(MINIMUM_DOCUMENTS)
# sets with their own generator and `.txt` sources, not fixtures/build.py
GENERATED = {"holdout4": "build_holdout4.py", "holdout5": "build_holdout5.py",
             "holdout6": "build_holdout6.py", "holdout7": "build_holdout7.py",
             "holdout8": "build_holdout8.py", "holdout9": "build_holdout9.py",
             "holdout10": "build_holdout10.py"}

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
    if held_out not in GENERATED:
        base.test_every_document_has_a_label_a_source_and_the_reverse()
        return
    docs = {p.name for p in folder(held_out).iterdir() if p.suffix in base.DOC_SUFFIXES}
    assert docs == {base.load(p)["document"] for p in labels(held_out)}
    for p in labels(held_out):
        assert base.load(p)["document"].rsplit(".", 1)[0] == p.name.removesuffix(".expected.yaml")
    sources = ROOT / "fixtures" / "src" / held_out
    assert {p.stem for p in sources.glob("*.txt")} == {d.rsplit(".", 1)[0] for d in docs}
    assert not list(sources.rglob("*.md")), "a .md source here would be built by fixtures/build.py as well"


def _generator(name: str):
    path = ROOT / "fixtures" / "src" / name / GENERATED[name]
    spec = importlib.util.spec_from_file_location(f"{name}_generator", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_set_rebuilds_byte_identical(name, tmp_path):
    """The committed documents are exactly what the committed generator and sources produce."""
    pytest.importorskip("fpdf", reason="fpdf2 is in the test extra: pip install -e '.[test]'")
    built = _generator(name).build(tmp_path)
    assert sorted(p.name for p in built) == sorted(
        p.name for p in folder(name).iterdir() if p.suffix in base.DOC_SUFFIXES)
    for path in built:
        assert path.read_bytes() == (folder(name) / path.name).read_bytes(), f"{path.name} is stale: rebuild it"


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
