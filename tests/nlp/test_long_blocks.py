"""Blocks longer than spaCy's max_length (E088) are annotated in pieces joined back into one Doc per block."""

from __future__ import annotations

from checker.model import Block, Document, Location
from checker.nlp.pipeline import CHUNK_CHARS, annotate, get_nlp, split_text

SENTENCE = "The contract is worth £1.2m over 3 years, and social value is 10% of the score. "
FILLER = "The council will work with local groups to shape the service. "


def _document(*texts):
    return Document("long.txt", "", "txt", 1, [Block("paragraph", t, Location(page=1)) for t in texts])


def test_a_block_over_a_million_characters_is_annotated_whole():
    long = SENTENCE + FILLER * (1_200_000 // len(FILLER)) + SENTENCE
    docs = annotate(_document("Lot 1: £5k.", long, "The end."))
    assert len(docs) == 3 and [d.text for d in docs] == ["Lot 1: £5k.", long, "The end."]
    assert len(docs[1].ents) == 6
    tail = [e for e in docs[1].ents if e.start_char > len(long) - len(SENTENCE)]
    assert [(e.label_, e._.value) for e in tail] == [("MONEY", 1_200_000.0), ("DURATION", 36), ("PERCENT", 10.0)]
    assert all(long[e.start_char:e.end_char] == e.text for e in tail)
    alone = get_nlp()(SENTENCE)
    assert [(e.label_, e._.value, e._.period) for e in alone.ents] == \
        [(e.label_, e._.value, e._.period) for e in tail]


def test_pieces_join_back_exactly_and_cut_at_sentence_or_line_ends():
    text = SENTENCE * 3000 + "\n" + SENTENCE * 3000
    pieces = split_text(text)
    assert "".join(pieces) == text
    assert all(len(p) <= CHUNK_CHARS for p in pieces)
    assert all(p.endswith((". ", "\n")) for p in pieces[:-1])


def test_one_unbroken_run_is_cut_at_the_bound():
    text = "x" * (CHUNK_CHARS * 2 + 7)
    pieces = split_text(text)
    assert "".join(pieces) == text and [len(p) for p in pieces] == [CHUNK_CHARS, CHUNK_CHARS, 7]


def test_sentences_do_not_run_across_pieces():
    text = FILLER * (CHUNK_CHARS // len(FILLER) * 2)
    doc = annotate(_document(text))[0]
    assert {s.text.strip() for s in doc.sents} == {FILLER.strip()}
