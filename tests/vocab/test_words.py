"""A vocabulary's words as text finders read them (checker.vocab: words_any, unless_any) and the loader's
refusals, each at file:line."""

from __future__ import annotations

import pytest

from checker import vocab
from checker.errors import RulebookError


def _folder(tmp_path, text: str, name: str = "concept"):
    folder = tmp_path / "vocab"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def _one(tmp_path, text: str):
    return vocab.load(str(_folder(tmp_path, text)))["concept"]


WORDS = """description: walking groups
phrases:
  - walking group
  - price 100%
regex:
  - '(?i)\\bramblers?\\s+club\\b'
unless:
  - virtual walking
unless_regex:
  - '(?i)\\bcancelled\\b'
"""


def test_phrases_match_in_any_case_and_spacing_on_word_bounds(tmp_path):
    words = _one(tmp_path, WORDS).words_any
    assert words.search("Our Walking   Group meets weekly").group(0) == "Walking   Group"
    assert words.search("the walking groups") is None, "a phrase is whole words: 'group' is not 'groups'"
    assert words.search("a nonwalking group") is None
    assert words.search("Ramblers Club members").group(0) == "Ramblers Club", "its regexes too"


def test_a_phrase_ending_in_a_symbol_matches_before_punctuation(tmp_path):
    assert _one(tmp_path, WORDS).words_any.search("Weighting: price 100%.") is not None


def test_unless_words_are_its_phrases_and_its_regexes(tmp_path):
    unless = _one(tmp_path, WORDS).unless_any
    assert unless.search("a Virtual Walking challenge") and unless.search("the group was cancelled")
    assert unless.search("a walking group") is None


def test_a_vocabulary_with_no_unless_words_has_none(tmp_path):
    assert _one(tmp_path, "description: x\nphrases:\n  - a b\n").unless_any is None


def test_a_spaced_out_phrase_does_not_match_across_sentences_of_words(tmp_path):
    words = _one(tmp_path, "description: x\nphrases:\n  - lived experience\n").words_any
    assert words.search("they lived. Experience shows") is None


@pytest.mark.parametrize("text,line,fragment", [
    ("description: x\nphrasez:\n  - a\n", 2, "unknown key 'phrasez'"),
    ("description: x\nphrases:\n  - a b\nregex:\n  - '(a)\\1'\n", 5, "not a valid RE2 expression"),
    ("description: x\nregex:\n  - '{nope} x'\n", 3, "unknown term {nope}"),
    ("description: x\npatterns:\n  - [{LOWER: {REGEX: 'a+'}}]\n", 3, "REGEX predicate is not allowed"),
])
def test_a_bad_vocabulary_file_is_an_error_at_its_line(tmp_path, text, line, fragment):
    with pytest.raises(RulebookError) as info:
        vocab.load(str(_folder(tmp_path, text)))
    message = str(info.value)
    assert f"concept.yaml:{line}:" in message and fragment in message


def test_a_missing_cue_names_the_cues_there_are():
    with pytest.raises(KeyError, match="at_bid"):
        vocab.get("insurance_at_bid").cue("at_tender")
