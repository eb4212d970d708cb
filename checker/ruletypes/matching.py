"""What a rule option matches: its own phrases, token patterns and regexes, or a named vocabulary.

The matching itself is checker.vocab's (one PhraseMatcher, one Matcher, google-re2; nothing a user pattern can
hang). A rulebook owns one Bank for the lists its rules give inline, compiled once; `vocab: co_design` names a
bundled vocabulary (rules/vocab/co_design.yaml) instead, whose words live in the one shared Bank that the fact
finders use too. Each document is scanned once for every key.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker import vocab
from checker.model import BLOCK_KINDS
from checker.ruletypes import schema
from checker.vocab import MAX_ITEMS, Mention  # noqa: F401 - re-exported for the rule types

DEFAULT_SCOPE = tuple(k for k in BLOCK_KINDS if k not in ("header", "footer"))
MatcherBank = vocab.Bank


@dataclass(frozen=True)
class MatchSpec:
    """What one option matches and where: the mentions under `key`, limited to block kinds and sections."""

    key: str
    scope: tuple[str, ...] = DEFAULT_SCOPE
    sections: tuple[str, ...] = ()
    vocab: str | None = None  # the vocabulary named, when the words are not the rule's own

    def mentions(self, ctx) -> list[Mention]:
        blocks = ctx.document.blocks
        out = []
        for m in ctx.scan().get(self.key, ()):
            block = blocks[m.block]
            if block.kind not in self.scope:
                continue
            if self.sections:
                section = (block.location.section or "").lower()
                if not any(s in section for s in self.sections):
                    continue
            out.append(m)
        return out


def build(where, options, key: str, bank: MatcherBank, required: bool = True,
          scoped: bool = True) -> MatchSpec | None:
    """Validate `phrases`, `patterns`, `regex` (or `vocab`), `scope`, `sections` in options and register them."""
    names = ("phrases", "patterns", "regex")
    scope, sections = DEFAULT_SCOPE, ()
    if scoped and "scope" in options:
        scope = tuple(schema.text_list(where.at(options, "scope"), options["scope"], "scope", allow_empty=False))
        for i, kind in enumerate(scope):
            schema.choice(where.at(options["scope"], i), kind, "scope item", BLOCK_KINDS)
    if scoped and "sections" in options:
        sections = tuple(s.lower() for s in schema.text_list(where.at(options, "sections"), options["sections"],
                                                              "sections"))
    if "vocab" in options:
        return _named(where, options, bank, scope, sections)
    phrases = vocab.items(where, options, "phrases", vocab.phrase_list)
    patterns = vocab.items(where, options, "patterns", vocab.token_patterns)
    regexes = vocab.items(where, options, "regex", vocab.regex_list)
    if not (phrases or patterns or regexes):
        if required:
            raise where.of(options).error(f"give at least one of {', '.join(names)} or vocab")
        return None
    bank.add(key, phrases, patterns, regexes, where.at(options, "patterns"))
    return MatchSpec(key, scope, sections)


def _named(where, options, bank, scope, sections) -> MatchSpec:
    """`vocab: name`: the bundled vocabulary's words, matched in the shared Bank."""
    at = where.at(options, "vocab")
    mixed = [k for k in ("phrases", "patterns", "regex", *UNLESS_OPTIONS) if k in options]
    if mixed:
        raise where.at(options, mixed[0]).error(
            f"{mixed[0]} and vocab do not mix: add the words to the vocabulary file instead, or list them all here")
    found = vocab.bundled()
    chosen = found.get_or_error(at, options["vocab"])
    if not (chosen.phrases or chosen.patterns or chosen.regex):
        raise at.error(f"vocabulary {chosen.name!r} has no phrases, patterns or regex to match (cues only)")
    bank.use(found.bank())
    return MatchSpec(chosen.key, scope, sections, chosen.name)


UNLESS_KEYS = (("phrases", "unless"), ("patterns", "unless_patterns"), ("regex", "unless_regex"))
UNLESS_OPTIONS = tuple(option for _, option in UNLESS_KEYS)


def build_unless(where, options, key: str, bank: MatcherBank) -> MatchSpec | None:
    """The exception matcher of `unless` (phrases), `unless_patterns` and `unless_regex`, or of the named
    vocabulary's own unless cues, if any is given."""
    if "vocab" in options:
        chosen = vocab.bundled().get_or_error(where.at(options, "vocab"), options["vocab"])
        return MatchSpec(chosen.unless_key, vocab=chosen.name) if chosen.unless_key else None
    given = [(name, option) for name, option in UNLESS_KEYS if option in options]
    if not given:
        return None
    sub = {name: options[option] for name, option in given}
    return build(where.at(options, given[0][1]), sub, key, bank, scoped=False)
