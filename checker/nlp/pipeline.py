"""The one spaCy pipeline, built once per process: spacy.blank("en") + sentencizer + a rule component that
marks MONEY, PERCENT, DURATION and DATE entities with normalised values.

The entity component runs compiled regular expressions over each block's text and snaps matches to tokens:
far cheaper than Matcher patterns with REGEX/IN predicates, and the patterns are ours, not user input.
spaCy's import costs ~0.3 s (without its command-line half: import_spacy), so it is imported lazily here.

Entity extension attributes (None when not applicable):
  ent._.value        MONEY: amount in its currency; PERCENT: percent; DURATION: initial months; DATE: ISO string
  ent._.currency     MONEY: GBP, USD, CAD, EUR
  ent._.period       MONEY: year, month, week, day, hour, unit (a rate), or None (a lump sum)
  ent._.per_annum    MONEY: True for "per annum" and "annual value of"
  ent._.whole_life   MONEY: a lump sum said to cover the whole term ("total value", "£1.2m over 5 years")
  ent._.vat          MONEY: "ex", "inc" or None
  ent._.range_from   MONEY: a range ("£400k–£750k") is one mention: value is the top, range_from the bottom
  ent._.months_max   DURATION: months including extensions written with it
  ent._.days         DURATION: exact days for day and week units
  ent._.unit         DURATION: year, month, week, day
  ent._.is_extension DURATION: a stand-alone extension ("an option to extend for a further 2 years")
  ent._.basis        PERCENT: percent, out_of, weight, marks (see checker.nlp.percent)
  ent._.ambiguous    DATE: numeric date readable day-first and month-first
"""

from __future__ import annotations

import re
import sys
import types
from functools import lru_cache

from checker.nlp import dates, duration, money, percent

FINDERS = (("MONEY", money.find), ("PERCENT", percent.find), ("DURATION", duration.find), ("DATE", dates.find))
ATTRS = ("value", "currency", "period", "per_annum", "whole_life", "vat", "months_max", "days", "unit",
         "is_extension", "basis", "ambiguous", "range_from")
# Abbreviations that never end a sentence, and ones that may (then only a lower-case or numeric start continues).
NEVER_FINAL = {"incl", "inc", "excl", "exc", "ex", "approx", "c", "ca", "e.g", "i.e", "eg", "ie", "para", "paras",
               "ref", "vs", "cf", "pp", "fig", "sec", "reg", "regs", "ss", "mr", "mrs", "ms", "dr", "cllr", "tel",
               "viz"}
ABBREVIATIONS = {"etc", "yrs", "yr", "mths", "pa", "p.a", "ltd", "plc", "co", "govt", "dept", "wk", "wks", "no", "nos",
                 "min", "max", "s", "p", "st", "art", "op", "est"}
# Priority when two mentions overlap: a date ("12 March 2026") is not a duration, money is not a percent.
PRIORITY = {"DATE": 0, "MONEY": 1, "DURATION": 2, "PERCENT": 3}


def import_spacy():
    """spaCy, imported without its command-line half. `import spacy` runs `from .cli.info import info`, which
    imports every spaCy command and with them typer, weasel, requests, httpx and jinja2: about a third of
    spaCy's import time, none of it used by a check. While spaCy's __init__ runs, stand-ins for spacy.cli and
    spacy.cli.info are in sys.modules; they are taken out once it has run, so a later `import spacy.cli`
    imports the real one, and spacy.info() imports it when called."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    commands = types.ModuleType("spacy.cli")
    commands.__path__ = []  # a package with nothing in it: no real submodule is loaded under the stand-in
    info = types.ModuleType("spacy.cli.info")
    info.info = _spacy_info
    commands.info = info
    stand_ins = {"spacy.cli": commands, "spacy.cli.info": info}
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        loaded = sys.modules.get("spacy")
        if loaded is not None and loaded.__dict__.get("cli") is commands:
            del loaded.__dict__["cli"]
    return spacy


def _spacy_info(*args, **kwargs):
    """spacy.info, importing spaCy's command-line half when it is first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


@lru_cache(maxsize=1)
def get_nlp():
    spacy = import_spacy()
    from spacy.language import Language
    from spacy.tokens import Span

    for name in ATTRS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if "tc_quantities" not in Language.factories:
        Language.component("tc_quantities", func=mark_quantities)
    if "tc_abbreviations" not in Language.factories:
        Language.component("tc_abbreviations", func=join_abbreviations)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("tc_abbreviations")
    nlp.add_pipe("tc_quantities")
    return nlp


def join_abbreviations(doc):
    """Undo sentence breaks after abbreviations: "(incl. 10% social value)", "approx. £500,000", "Lot No. 1".

    A break stays when the abbreviation can end a sentence ("3 yrs. Next") and a capitalised word follows."""
    for token in doc[1:]:
        if not token.is_sent_start:
            continue
        prev = doc[token.i - 1]
        word = prev.lower_.rstrip(".")
        if prev.text == "." and token.i >= 2:
            word = doc[token.i - 2].lower_
        elif not prev.text.endswith("."):
            continue
        if word in NEVER_FINAL or (word in ABBREVIATIONS and not token.is_title and not token.is_upper):
            token.is_sent_start = False
    return doc


def mark_quantities(doc):
    """Set doc.ents to the money, percent, duration and date mentions in doc.text (longest wins on overlap)."""
    from spacy.tokens import Span

    text = doc.text
    found = []
    for label, find in FINDERS:
        for start, end, attrs in find(text):
            found.append((start, end, label, attrs))
    found.sort(key=lambda f: (-(f[1] - f[0]), PRIORITY[f[2]], f[0]))
    taken = [False] * len(doc)
    spans = []
    for start, end, label, attrs in found:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or any(taken[span.start:span.end]):
            continue
        for i in range(span.start, span.end):
            taken[i] = True
        ent = Span(doc, span.start, span.end, label=label)
        for name, value in attrs.items():
            setattr(ent._, name, value)
        spans.append(ent)
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


def annotate(document) -> list:
    """spaCy Docs aligned one-to-one with document.blocks.

    A block longer than CHUNK_CHARS (spaCy refuses texts over nlp.max_length, E088) is annotated in pieces cut
    at a paragraph or sentence end, and the pieces joined back into one Doc whose text is the block's own, so
    character offsets and docs[i] <-> blocks[i] still hold."""
    nlp = get_nlp()
    texts = [b.text for b in document.blocks]
    if all(len(t) <= CHUNK_CHARS for t in texts):
        return list(nlp.pipe(texts, batch_size=256))
    return [_annotate_long(nlp, t) if len(t) > CHUNK_CHARS else nlp(t) for t in texts]


CHUNK_CHARS = 100_000  # well under spaCy's max_length (1,000,000); keeps each piece's regex work small
_SENTENCE_END = re.compile(r"[.!?;:][)\]\"'\u2019\u201d]*\s+")


def _annotate_long(nlp, text: str):
    from spacy.tokens import Doc

    return Doc.from_docs(list(nlp.pipe(split_text(text), batch_size=8)), ensure_whitespace=False)


def split_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """text cut into pieces of at most size characters that join back to text exactly: each cut falls after
    the last line break in the window, else after the last sentence end, else after the last space, else
    (one unbroken run of characters) at size."""
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n") + 1
        if cut < size // 2:
            ends = [m.end() for m in _SENTENCE_END.finditer(window, size // 2)]
            cut = ends[-1] if ends else 0
        if cut < size // 2:
            spaces = [i + 1 for i, ch in enumerate(window) if ch.isspace()]
            cut = spaces[-1] if spaces and spaces[-1] >= size // 2 else size
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces
