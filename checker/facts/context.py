"""What every fact finder reads: the document's sentences with their spaCy spans, location and context.

A table cell's context also holds its row label and column header, so "3 years" in a cell beside
"Contract duration" reads like the sentence "Contract duration: 3 years".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from checker.facts.base import Fact, Facts
from checker.model import Block, Document, Location
from checker.nlp import text as text_helpers
from checker.nlp.prefilter import screen


@dataclass
class Sentence:
    block: Block
    block_index: int
    span: object  # spacy Span
    row_label: str = ""  # table cells: first cell of the row and the column header
    own_ents: tuple = ()  # the entities inside this sentence, found once per block (Span.ents rescans the Doc)

    @cached_property
    def text(self) -> str:
        return self.block.text[self.span.start_char:self.span.end_char]  # == doc.text, without rebuilding it

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def context(self) -> str:
        """Lower-case sentence text, prefixed by the row label and column header for table cells."""
        return (self.row_label + " " + self.lower).strip() if self.row_label else self.lower

    @property
    def location(self) -> Location:
        return self.block.location

    @property
    def section(self) -> str:
        return (self.block.location.section or "").lower()

    def ents(self, label: str | None = None) -> list:
        return [e for e in self.own_ents if label is None or e.label_ == label]

    def quote(self) -> str:
        label = self.row_label if self.block.kind == "table_cell" else ""
        return text_helpers.quote(self.text, label=label)


class Context:
    """The document, its aligned spaCy docs, and its body sentences in reading order."""

    def __init__(self, document: Document, docs: list):
        self.document = document
        self.docs = docs
        self.sentences: list[Sentence] = []
        self.cells: dict[tuple[int, int, int], list[Sentence]] = {}  # (table, row, col) -> the cell's sentences
        self._scan: dict | None = None
        self._once: dict = {}  # readings worked out once and shared by finders (Context.once)
        self.jurisdiction_override: str | None = None  # --jurisdiction (checker.facts.jurisdiction)
        for i, (block, doc) in enumerate(zip(document.blocks, docs)):
            if block.kind in ("header", "footer"):
                continue
            label = self.row_label(block)
            loc = block.location
            ents = list(doc.ents)  # in order; each sentence takes its own run of them, so one long block is linear
            starts = [e.start for e in ents]
            for sent in doc.sents:
                lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
                sentence = Sentence(block, i, sent, label, tuple(e for e in ents[lo:hi] if e.end <= sent.end))
                self.sentences.append(sentence)
                if block.kind == "table_cell":
                    self.cells.setdefault((loc.table, loc.row, loc.col), []).append(sentence)

    def row_label(self, block: Block) -> str:
        loc = block.location
        if block.kind != "table_cell" or loc.table is None or loc.table >= len(self.document.tables):
            return ""
        table = self.document.tables[loc.table]
        parts = []
        if loc.row is not None and loc.row < len(table.rows) and loc.col:
            parts.append(table.rows[loc.row][0])
        if table.header_rows and loc.row is not None and loc.row >= table.header_rows and loc.col is not None \
                and loc.col < len(table.header):
            parts.append(table.header[loc.col])
        return " ".join(" ".join(p.split()) for p in parts if p).lower()

    def cell(self, table: int, row: int, col: int | None = None) -> list[Sentence]:
        """Sentences of one table cell, or of a whole row when col is None."""
        if col is not None:
            return self.cells.get((table, row, col), [])
        return [s for (t, r, _), found in sorted(self.cells.items()) if t == table and r == row for s in found]

    def row_answer(self, sentence: Sentence) -> str | None:
        """For a label cell (first column of a key-information table), the text of the rest of its row."""
        return text_helpers.row_answer(self.document, sentence.block)

    def scan(self) -> dict:
        """Every mention of the bundled vocabularies (rules/vocab) in the document: vocabulary key -> mentions in
        reading order, scanned once by checker.vocab and shared with the rules."""
        if self._scan is None:
            from checker import vocab

            self._scan = vocab.bundled().scan(self.docs)
        return self._scan

    def once(self, key: str, compute):
        """compute(self), worked out once for this document: a reading several finders share (the tender's own
        word for its lots is read by the lot and the value finders)."""
        if key not in self._once:
            self._once[key] = compute(self)
        return self._once[key]

    def find(self, pattern: re.Pattern) -> list[Sentence]:
        """Sentences whose context matches pattern (a compiled, case-insensitive regex); sentences without a
        string every match needs are passed over without running it (checker.nlp.prefilter)."""
        search = screen(pattern)
        return [s for s in self.sentences if search(s.context)]


def fact(name: str, value, unit: str | None, where: Sentence | None, source: str, evidence: str | None = None,
         location: Location | None = None) -> Fact:
    """A Fact located at a sentence (its block's location and its quote)."""
    return Fact(name=name, value=tidy(value), unit=unit,
                location=location or (where.location if where else Location()),
                evidence=evidence if evidence is not None else (where.quote() if where else ""), source=source)


def tidy(value):
    """Whole floats as ints (1200000.0 -> 1200000), recursively, so reports and YAML labels read cleanly."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [tidy(v) for v in value]
    if isinstance(value, dict):
        return {k: tidy(v) for k, v in value.items()}
    return value


def add_best(facts: Facts, candidates: list[tuple[float, Fact]]) -> None:
    """Add the candidates of the highest score, first in reading order as primary. Distinct values at that
    score stay as further candidates (a conflict for rules to flag); weaker readings are dropped."""
    if not candidates:
        return
    top = max(score for score, _ in candidates)
    seen = set()
    for score, f in candidates:
        key = repr(f.value)
        if score == top and key not in seen:
            seen.add(key)
            facts.add(f)


def gbp(ent) -> bool:
    return ent.label_ == "MONEY" and ent._.currency == "GBP"


def near(a: float, b: float, tolerance: float = 0.01) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-9)
