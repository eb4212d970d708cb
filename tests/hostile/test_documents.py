"""Hostile documents in a batch with a good one: each costs at most its own line, never the batch, and no
input is ever written. Generated here in tmp_path; the CLI runs in a subprocess as a user would."""

from __future__ import annotations

import json

import pytest

from tests.hostile.helpers import assert_clean, hashes, roman_docx, run_cli

FILLER = "The council will work with local groups to shape the service. "


def test_roman_numbering_from_a_billion_is_read_in_decimal(tmp_path, good):
    hostile = roman_docx(tmp_path / "roman.docx")
    before = hashes(tmp_path)
    result = run_cli("check", "--format", "json", hostile, good)
    assert_clean(result)
    assert result.returncode in (0, 1), result.stderr
    assert {d["path"] for d in json.loads(result.stdout)["documents"]} == {str(hostile), str(good)}
    assert hashes(tmp_path) == before


def test_roman_numbering_label(tmp_path):
    from checker.extract import read_document

    sections = [b.location.section for b in read_document(roman_docx(tmp_path / "roman.docx")).blocks]
    assert sections == ["1000000000. Weightings", "1000000001. Lots", "1000000001. Lots"]
    sections = [b.location.section for b in read_document(roman_docx(tmp_path / "seven.docx", 7)).blocks]
    assert sections == ["vii. Weightings", "viii. Lots", "viii. Lots"]


@pytest.mark.parametrize("start", ["99999999999999999999", "-5", "x", "\u00b2"])
def test_absurd_numbering_starts_do_not_stop_the_document(tmp_path, start):
    from checker.extract import read_document

    document = read_document(roman_docx(tmp_path / "odd.docx", start))
    first, second = (b.text for b in document.blocks[:2])
    assert first.endswith("Weightings") and second.endswith("Lots")


def test_a_paragraph_over_a_million_characters_is_checked(tmp_path, good):
    hostile = tmp_path / "long.md"
    hostile.write_text(FILLER * (1_200_000 // len(FILLER) + 1) + "\n", encoding="utf-8")
    before = hashes(tmp_path)
    # the per-document time limit is tests/hostile/test_limits.py's subject; here it must not cut a slow machine short
    result = run_cli("check", "--format", "json", "--timeout", "100", hostile, good)
    assert_clean(result)
    assert {d["path"] for d in json.loads(result.stdout)["documents"]} == {str(hostile), str(good)}
    assert hashes(tmp_path) == before
