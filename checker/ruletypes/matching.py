"""Phrase, token-pattern and regex matching that no user-supplied pattern can hang.

Phrases go to one spaCy PhraseMatcher (attr LOWER: case-insensitive, token-aware, linear time); token
patterns to one spaCy Matcher, with the REGEX predicate refused at load (Python's backtracking `re` could
hang); `regex:` options compile with google-re2 (linear time, no backreferences or lookaround) and run per
sentence. A rulebook owns one MatcherBank, compiled once; each document is scanned once for every key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from checker.model import BLOCK_KINDS
from checker.ruletypes import schema

DEFAULT_SCOPE = tuple(k for k in BLOCK_KINDS if k not in ("header", "footer"))
TOKEN_PREDICATES = {"IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS", "==", "!=", ">=", "<=", ">", "<",
                    "FUZZY"} | {f"FUZZY{n}" for n in range(1, 10)}
TOKEN_KEYS = {"ORTH", "TEXT", "NORM", "LOWER", "LENGTH", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER",
              "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP", "IS_SENT_START", "LIKE_NUM", "LIKE_URL",
              "LIKE_EMAIL", "SHAPE", "PREFIX", "SUFFIX", "ENT_TYPE", "POS", "TAG", "LEMMA", "DEP", "OP", "_"}
OPERATORS = {"!", "?", "+", "*", "{n}", "{n,m}", "{n,}", "{,m}"}
MAX_ITEMS = 2000  # phrases / patterns / regexes per option: enough for any real rule, bounded for hostile ones


class Mention(NamedTuple):
    """One match: block index into document.blocks, token offsets into that block's Doc."""

    block: int
    start: int
    end: int
    doc: object

    @property
    def span(self):
        return self.doc[self.start:self.end]

    @property
    def sentence(self):
        return self.doc[self.start].sent

    @property
    def text(self) -> str:
        return self.span.text


class MatcherBank:
    """Every phrase list, token pattern and regex of one rulebook, keyed by '<rule id>/<option>'."""

    def __init__(self):
        self._items: dict[str, tuple[list, list, list, schema.Where]] = {}
        self._compiled = None

    def add(self, key: str, phrases, patterns, regexes, where) -> str:
        self._items[key] = (list(phrases), list(patterns), list(regexes), where)
        self._compiled = None
        return key

    def compile(self):
        """Build the matchers (imports spaCy); pattern errors spaCy finds become RulebookErrors."""
        if self._compiled is not None:
            return self._compiled
        from spacy.matcher import Matcher, PhraseMatcher

        from checker.nlp.pipeline import get_nlp

        nlp = get_nlp()
        phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        token_matcher = Matcher(nlp.vocab, validate=True)
        regexes = []  # (key, compiled) in the order of the RE2 set that prefilters them
        for key, (phrases, patterns, compiled_regexes, where) in self._items.items():
            if phrases:
                phrase_matcher.add(key, [nlp.make_doc(p) for p in phrases])
            if patterns:
                try:
                    token_matcher.add(key, patterns)
                except (ValueError, TypeError, KeyError) as exc:
                    first = " ".join(str(exc).split())[:300]
                    raise where.error(f"bad token pattern: {first}") from None
            regexes += [(key, rx) for rx in compiled_regexes]
        self._compiled = (nlp, phrase_matcher, token_matcher, regexes, _regex_set(regexes))
        return self._compiled

    def scan(self, docs) -> dict[str, list[Mention]]:
        """All mentions of every key in the document's Docs, deduplicated and in reading order."""
        nlp, phrase_matcher, token_matcher, regexes, regex_set = self.compile()
        found: dict[str, set] = {}
        for i, doc in enumerate(docs):
            matches = list(phrase_matcher(doc)) + (list(token_matcher(doc)) if len(token_matcher) else [])
            for match_id, start, end in matches:
                found.setdefault(nlp.vocab.strings[match_id], set()).add((i, start, end))
            if not regexes or not len(doc):
                continue
            text = doc.text
            # one RE2 set pass says which expressions match anywhere in the block; only those run per sentence
            candidates = regex_set.Match(text) if regex_set is not None else range(len(regexes))
            if not candidates:
                continue
            for sent in doc.sents:
                start = sent.start_char
                sentence = text[start:sent.end_char]
                for index in candidates:
                    key, rx = regexes[index]
                    for m in rx.finditer(sentence):
                        if m.end() <= m.start():
                            continue
                        span = doc.char_span(start + m.start(), start + m.end(), alignment_mode="expand")
                        if span is not None and len(span):
                            found.setdefault(key, set()).add((i, span.start, span.end))
        return {key: [Mention(b, s, e, docs[b]) for b, s, e in sorted(hits)] for key, hits in found.items()}


def _regex_set(regexes):
    """An RE2 set of every expression (indices as in `regexes`), or None when RE2 cannot build one."""
    import re2

    if not regexes:
        return None
    options = re2.Options()
    options.log_errors = False
    regex_set = re2.Set.SearchSet(options)
    try:
        for _, rx in regexes:
            regex_set.Add(rx.pattern)
        regex_set.Compile()
    except re2.error:
        return None
    return regex_set


@dataclass(frozen=True)
class MatchSpec:
    """What one option matches and where: phrases/patterns/regex under `key`, limited to block kinds and sections."""

    key: str
    scope: tuple[str, ...] = DEFAULT_SCOPE
    sections: tuple[str, ...] = ()

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
    """Validate `phrases`, `patterns`, `regex`, `scope`, `sections` in options and register them under key."""
    names = {n: n for n in ("phrases", "patterns", "regex")}
    phrases = _items(where, options, names["phrases"], schema.text_list)
    patterns = _items(where, options, names["patterns"], _token_patterns)
    regexes = _items(where, options, names["regex"], _regexes)
    if not (phrases or patterns or regexes):
        if required:
            raise where.of(options).error(f"give at least one of {', '.join(names.values())}")
        return None
    scope, sections = DEFAULT_SCOPE, ()
    if scoped and "scope" in options:
        scope = tuple(schema.text_list(where.at(options, "scope"), options["scope"], "scope", allow_empty=False))
        for i, kind in enumerate(scope):
            schema.choice(where.at(options["scope"], i), kind, "scope item", BLOCK_KINDS)
    if scoped and "sections" in options:
        sections = tuple(s.lower() for s in schema.text_list(where.at(options, "sections"), options["sections"],
                                                              "sections"))
    bank.add(key, phrases, patterns, regexes, where.at(options, names["patterns"]))
    return MatchSpec(key, scope, sections)


UNLESS_KEYS = (("phrases", "unless"), ("patterns", "unless_patterns"), ("regex", "unless_regex"))


def build_unless(where, options, key: str, bank: MatcherBank) -> MatchSpec | None:
    """The exception matcher of `unless` (phrases), `unless_patterns` and `unless_regex`, if any is given."""
    given = [(name, option) for name, option in UNLESS_KEYS if option in options]
    if not given:
        return None
    sub = {name: options[option] for name, option in given}
    return build(where.at(options, given[0][1]), sub, key, bank, scoped=False)


def _items(where, options, name, check):
    if name not in options:
        return []
    value = check(where.at(options, name), options[name], name)
    if len(value) > MAX_ITEMS:
        raise where.at(options, name).error(f"{name} has {len(value)} items; the limit is {MAX_ITEMS}")
    return value


def _token_patterns(where, value, name):
    if not isinstance(value, list):
        raise where.error(f"{name} must be a list of token patterns (each a list of token dicts)")
    for i, pattern in enumerate(value):
        at = where.at(value, i)
        if not isinstance(pattern, list) or not pattern:
            raise at.error(f"{name} item {i + 1} must be a non-empty list of token dicts")
        for j, token in enumerate(pattern):
            _token(where.at(pattern, j), token, f"{name} item {i + 1} token {j + 1}")
    return [[dict(t) for t in p] for p in value]


def _token(where, token, name):
    if not isinstance(token, dict):
        raise where.error(f"{name} must be a mapping such as {{LOWER: lots}}, not {schema.kind_of(token)}")
    for key, value in token.items():
        if key not in TOKEN_KEYS:
            raise where.error(f"{name}: unknown token attribute {key!r}{schema.suggest(key, TOKEN_KEYS)}")
        if key == "OP" and value not in OPERATORS and not (isinstance(value, str) and value.startswith("{")):
            raise where.error(f"{name}: OP must be one of {', '.join(sorted(OPERATORS))}")
        if _has_regex(value):
            raise where.error(f"{name}: the REGEX predicate is not allowed (it could hang); "
                              "use the rule option `regex:` (google-re2) instead")
        if isinstance(value, dict) and key != "_":
            for pred in value:
                if pred not in TOKEN_PREDICATES:
                    allowed = ", ".join(sorted(p for p in TOKEN_PREDICATES if not p[-1].isdigit()))
                    raise where.error(f"{name}: unknown predicate {pred!r} (allowed: {allowed}, FUZZY1-9)")


def _has_regex(value) -> bool:
    """REGEX anywhere inside a token attribute, including custom `_` attributes and nested predicates."""
    if isinstance(value, dict):
        return any(k == "REGEX" or _has_regex(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_regex(v) for v in value)
    return False


def _regexes(where, value, name):
    import re2

    items = schema.text_list(where, value, name)
    options = re2.Options()
    options.log_errors = False
    compiled = []
    for i, pattern in enumerate(items):
        try:
            compiled.append(re2.compile(pattern, options))
        except re2.error as exc:
            reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
            raise where.at(value, i).error(
                f"{name} item {i + 1} is not a valid RE2 expression ({reason}); RE2 has no backreferences "
                "or lookaround") from None
    return compiled
