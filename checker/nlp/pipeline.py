"""The one spaCy pipeline, built once per process (spaCy import costs ~0.6 s, so it is imported lazily here)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def get_nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def annotate(document) -> list:
    """spaCy Docs aligned one-to-one with document.blocks."""
    nlp = get_nlp()
    return list(nlp.pipe(b.text for b in document.blocks))
