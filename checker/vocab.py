"""One language layer: the vocabularies of rules/vocab/<concept>.yaml, loaded, validated and compiled once, and
the one matcher that both the fact finders (checker.facts) and the rule types (checker.ruletypes) use.

A vocabulary is the words for one concept (co-design, place, market engagement, ...), in the manner of Vale's
vocabularies: `phrases` (case-insensitive, token by token), spaCy token `patterns`, RE2 `regex`es, `unless`
cues (a mention in a sentence that also holds one of them does not count), named `cues` that a fact finder's
structure reads (the "through an online survey" of co-design, the "show that" of a needs source), and `terms`:
an alternation written once and named in any regex of the file as {name}. rules/vocab/README.md is the format.

Matching, one engine each: phrases go to one spaCy PhraseMatcher (attr LOWER: linear time), token patterns to
one Matcher (the REGEX predicate is refused: Python's backtracking `re` could hang), regexes to google-re2
(linear time, no backreferences or lookaround). RE2's \\s, \\w and \\b are ASCII, so a regex reads text through
`re2_view`, where a no-break or other Unicode space is a space and an accented Latin letter its plain twin
(same length, so offsets hold). A Bank holds keyed lists, compiles them once and scans a document's blocks once;
the bundled vocabularies share one Bank per process, and a block's scan is kept on its spaCy Doc, so the fact
finders and the rules read the same matches.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from checker.errors import RulebookError

FOLDER = "vocab"  # beside the bundled rulebooks: rules/vocab/<concept>.yaml
FIELDS = ("description", "include", "phrases", "patterns", "regex", "unless", "unless_patterns", "unless_regex",
          "terms", "cues")
MATCH_FIELDS = ("phrases", "patterns", "regex")
UNLESS_FIELDS = (("phrases", "unless"), ("patterns", "unless_patterns"), ("regex", "unless_regex"))
NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
TERM_REF = re.compile(r"\{([a-z][a-z0-9_]*)\}")  # {people}: never an RE2 repeat, which holds digits only
MAX_ITEMS = 2000  # phrases / patterns / regexes per list: enough for any real concept, bounded for hostile ones
TOKEN_PREDICATES = {"IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS", "==", "!=", ">=", "<=", ">", "<",
                    "FUZZY"} | {f"FUZZY{n}" for n in range(1, 10)}
TOKEN_KEYS = {"ORTH", "TEXT", "NORM", "LOWER", "LENGTH", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER",
              "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP", "IS_SENT_START", "LIKE_NUM", "LIKE_URL",
              "LIKE_EMAIL", "SHAPE", "PREFIX", "SUFFIX", "ENT_TYPE", "POS", "TAG", "LEMMA", "DEP", "OP", "_"}
OPERATORS = {"!", "?", "+", "*", "{n}", "{n,m}", "{n,}", "{,m}"}
QUANTIFIER = re.compile(r"^\{(\d*)(,?)(\d*)\}$")
# spaCy's Matcher follows every way a pattern can match without merging them: each optional token (`?`, or a
# copy that {n,m} adds beyond n) doubles the paths from each start, each unbounded repeat (`*`, `+`, {n,}) adds a
# factor of the block's length, so these bounds keep one pattern's work polynomial and small; measured on a
# 2,000-token block, 12 optional tokens took 3 s and {1,50} exhausted memory (std::bad_alloc).
MAX_REPEAT = 10  # n and m of {n}, {n,m}, {n,}, {,m}
MAX_OPTIONAL = 8  # optional tokens per pattern
MAX_WILDCARDS = 2  # unbounded repeats per pattern (two already make the work cubic in a block's length)
MAX_PATTERN_TOKENS = 40  # tokens per pattern once spaCy has expanded its quantifiers
MAX_BANK_ITEMS = 20000  # phrases, patterns and regexes in one compiled Bank (a rulebook's own, or the bundled one)
MAX_BANK_TOKENS = 50000  # pattern tokens (expanded) in one Bank


# -- text as RE2 reads it -------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _view_table() -> dict[int, str]:
    """Unicode spaces -> ' ', accented Latin letters -> their ASCII letter: one character for one."""
    table = {}
    extra = {"ß": "s", "æ": "a", "Æ": "A", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "t",
             "Þ": "T", "ð": "d", "Ð": "D", "ı": "i", "œ": "o", "Œ": "O"}
    for code in [*range(0xA0, 0x250), *range(0x1E00, 0x1F00), *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F,
                 0x205F, 0x3000]:
        ch = chr(code)
        if unicodedata.category(ch) in ("Zs", "Zl", "Zp"):
            table[code] = " "
        elif ch in extra:
            table[code] = extra[ch]
        elif ch.isalpha():
            base = unicodedata.normalize("NFKD", ch)[:1]
            if base.isascii() and base.isalpha():
                table[code] = base
    return table


def re2_view(text: str) -> str:
    """text as the vocabulary regexes read it (see the module docstring); same length as text."""
    return text if text.isascii() else text.translate(_view_table())


class Match:
    """An RE2 match over re2_view(text), read back from the original text."""

    __slots__ = ("_m", "string")

    def __init__(self, m, string: str):
        self._m, self.string = m, string

    def start(self, group=0) -> int:
        return self._m.start(self._index(group))

    def end(self, group=0) -> int:
        return self._m.end(self._index(group))

    def span(self, group=0) -> tuple[int, int]:
        return self.start(group), self.end(group)

    def group(self, group=0) -> str | None:
        start, end = self.span(group)
        return None if start < 0 else self.string[start:end]

    def _index(self, group) -> int:
        return self._m.re.groupindex[group] if isinstance(group, str) else group


class Regex:
    """A compiled google-re2 expression with the re.Pattern methods the finders use, run over re2_view."""

    __slots__ = ("_rx", "pattern")

    def __init__(self, pattern: str, compiled):
        self.pattern, self._rx = pattern, compiled

    def search(self, text: str, pos: int = 0) -> Match | None:
        m = self._rx.search(re2_view(text), pos)
        return None if m is None else Match(m, text)

    def match(self, text: str, pos: int = 0) -> Match | None:
        m = self._rx.match(re2_view(text), pos)
        return None if m is None else Match(m, text)

    def fullmatch(self, text: str) -> Match | None:
        m = self._rx.fullmatch(re2_view(text))
        return None if m is None else Match(m, text)

    def finditer(self, text: str):
        for m in self._rx.finditer(re2_view(text)):
            yield Match(m, text)

    def __repr__(self) -> str:
        return f"Regex({self.pattern!r})"


def _plain_regex(pattern: str) -> Regex:
    """pattern, already validated piece by piece, as a Regex."""
    import re2

    return Regex(pattern, re2.compile(re2_view(pattern), _re2_options()))


def _re2_options():
    import re2

    options = re2.Options()
    options.log_errors = False
    return options


def compile_regex(where, pattern: str, what: str, terms: dict | None = None) -> Regex:
    """pattern (with {term}s expanded) as a Regex; an invalid one is an error at where naming RE2's reason."""
    import re2

    source = pattern
    if terms is not None:
        def expand(m):
            if m.group(1) not in terms:
                known = ", ".join(sorted(terms)) or "none defined"
                raise where.error(f"{what} names unknown term {{{m.group(1)}}} (terms: {known})")
            return terms[m.group(1)]
        source = TERM_REF.sub(expand, pattern)
    try:
        return Regex(source, re2.compile(re2_view(source), _re2_options()))
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise where.error(f"{what} is not a valid RE2 expression ({reason}); RE2 has no backreferences "
                          "or lookaround") from None


# -- validators shared by vocabulary files and rule options ---------------------------------------------------

def items(where, options, name: str, check, *args):
    """options[name] validated by check (or [] when absent), at most MAX_ITEMS long."""
    if name not in options:
        return []
    value = check(where.at(options, name), options[name], name, *args)
    if len(value) > MAX_ITEMS:
        raise where.at(options, name).error(f"{name} has {len(value)} items; the limit is {MAX_ITEMS}")
    return value


def phrase_list(where, value, name):
    from checker.ruletypes import schema

    return schema.text_list(where, value, name)


def regex_list(where, value, name, terms: dict | None = None) -> list[Regex]:
    from checker.ruletypes import schema

    listed = schema.text_list(where, value, name)
    return [compile_regex(where.at(value, i), p, f"{name} item {i + 1}", terms) for i, p in enumerate(listed)]


def token_patterns(where, value, name):
    if not isinstance(value, list):
        raise where.error(f"{name} must be a list of token patterns (each a list of token dicts)")
    for i, pattern in enumerate(value):
        at = where.at(value, i)
        if not isinstance(pattern, list) or not pattern:
            raise at.error(f"{name} item {i + 1} must be a non-empty list of token dicts")
        for j, token in enumerate(pattern):
            _token(where.at(pattern, j), token, f"{name} item {i + 1} token {j + 1}")
        _bounded(at, pattern, f"{name} item {i + 1}")
    return [[dict(t) for t in p] for p in value]


def quantifier(op) -> tuple[int, int | None] | None:
    """(least, most) repeats of a {n}, {n,m}, {n,} or {,m} operator (most None: unbounded); None otherwise."""
    m = QUANTIFIER.match(op) if isinstance(op, str) else None
    if m is None or not (m.group(1) or m.group(3)):
        return None
    def number(digits: str) -> int:  # a thousand digits is no reason for int() to raise
        return int(digits) if len(digits) <= 9 else 10**9

    least = number(m.group(1) or "0")
    if not m.group(2):
        return least, least
    return least, number(m.group(3)) if m.group(3) else None


def pattern_cost(pattern) -> tuple[int, int, int]:
    """(tokens once expanded, optional tokens, unbounded repeats) of a validated token pattern."""
    tokens = optional = wildcards = 0
    for token in pattern:
        op = token.get("OP")
        if op in ("?", "*", "+"):
            tokens += 1
            optional += op == "?"
            wildcards += op != "?"
        elif isinstance(op, str) and op.startswith("{"):
            least, most = quantifier(op) or (1, 1)
            tokens += max(least, most or 0) + (most is None)
            optional += (most - least) if most is not None else 0
            wildcards += most is None
        else:
            tokens += 1
    return tokens, optional, wildcards


def _bounded(where, pattern, name) -> None:
    tokens, optional, wildcards = pattern_cost(pattern)
    for count, limit, what in ((wildcards, MAX_WILDCARDS, "unbounded repeats (OP *, + or {n,})"),
                               (optional, MAX_OPTIONAL, "optional tokens (OP ? and the copies {n,m} adds beyond n)"),
                               (tokens, MAX_PATTERN_TOKENS, "tokens once its quantifiers are expanded")):
        if count > limit:
            why = "" if limit == MAX_PATTERN_TOKENS else (
                ", as spaCy's matcher follows every way such a pattern can match (use a `regex:` with a bounded "
                "repeat such as [^.]{0,60} instead)")
            raise where.error(f"{name} has {count} {what}; the limit is {limit}{why}")


def _token(where, token, name):
    from checker.ruletypes import schema

    if not isinstance(token, dict):
        raise where.error(f"{name} must be a mapping such as {{LOWER: lots}}, not {schema.kind_of(token)}")
    for key, value in token.items():
        if key not in TOKEN_KEYS:
            raise where.error(f"{name}: unknown token attribute {key!r}{schema.suggest(key, TOKEN_KEYS)}")
        if key == "OP" and (not isinstance(value, str) or value not in OPERATORS):
            bounds = quantifier(value)
            if bounds is None:
                raise where.error(f"{name}: OP must be one of {', '.join(sorted(OPERATORS))} (n and m digits), "
                                  f"not {value!r}")
            least, most = bounds
            if max(least, most or 0) > MAX_REPEAT:
                raise where.error(f"{name}: OP {value} repeats a token more than {MAX_REPEAT} times, the "
                                  f"limit for n and m")
            if most is not None and most < least:
                raise where.error(f"{name}: OP {value} needs n <= m")
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


# -- the matcher ----------------------------------------------------------------------------------------------

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


class Bank:
    """Keyed phrase lists, token patterns and regexes, compiled together once and scanned once per document.

    `uses` names other Banks (the bundled vocabularies) whose keys a scan of this one also returns."""

    def __init__(self):
        self._items: dict[str, tuple[list, list, list, object]] = {}
        self._compiled = None
        self._total_items = self._total_tokens = 0
        self.uses: list[Bank] = []

    def add(self, key: str, phrases, patterns, regexes, where=None) -> str:
        """Register a key's lists; the Bank's totals are bounded (MAX_BANK_ITEMS, MAX_BANK_TOKENS), so a rulebook
        of many long lists cannot make the compiled matchers take unbounded memory."""
        old = self._items.get(key)
        items = self._total_items - (sum(map(len, old[:3])) if old else 0) + len(phrases) + len(patterns) \
            + len(regexes)
        tokens = self._total_tokens - (_tokens(old[1]) if old else 0) + _tokens(patterns)
        for count, limit, what in ((items, MAX_BANK_ITEMS, "phrases, patterns and regexes"),
                                   (tokens, MAX_BANK_TOKENS, "token-pattern tokens")):
            if count > limit:
                message = (f"the rulebook's matchers would hold {count:,} {what} with {key!r}; the limit is "
                           f"{limit:,}")
                raise where.error(message) if where is not None else RulebookError(key, message)
        self._items[key] = (list(phrases), list(patterns), list(regexes), where)
        self._total_items, self._total_tokens = items, tokens
        self._compiled = None
        return key

    def __getstate__(self):
        """Pickled without its compiled matchers (spaCy objects tied to this process's vocab): the rulebook
        cache (checker.cache) stores the lists, and compile() builds the matchers again where it is loaded."""
        return {**self.__dict__, "_compiled": None}

    def use(self, other: Bank) -> None:
        if other is not self and other not in self.uses:
            self.uses.append(other)

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def compile(self):
        """Build the matchers (imports spaCy); pattern errors spaCy finds become RulebookErrors."""
        for other in self.uses:
            other.compile()
        if self._compiled is not None:
            return self._compiled
        from checker.nlp.pipeline import get_nlp

        nlp = get_nlp()  # imports spaCy the light way first (checker.nlp.pipeline.import_spacy)
        from spacy.matcher import Matcher, PhraseMatcher

        phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        token_matcher = Matcher(nlp.vocab, validate=True)
        regexes = []  # (key, Regex) in the order of the RE2 set that prefilters them
        for key, (phrases, patterns, compiled_regexes, where) in self._items.items():
            if phrases:
                phrase_matcher.add(key, list(nlp.tokenizer.pipe(phrases)))
            if patterns:
                try:
                    token_matcher.add(key, patterns)
                except (ValueError, TypeError, KeyError) as exc:
                    first = " ".join(str(exc).split())[:300]
                    if where is None:
                        raise
                    raise where.error(f"bad token pattern: {first}") from None
            regexes += [(key, rx) for rx in compiled_regexes]
        self._compiled = (nlp, phrase_matcher, token_matcher, regexes, _regex_set(regexes))
        return self._compiled

    def scan(self, docs) -> dict[str, list[Mention]]:
        """All mentions of every key (this Bank's and those of the Banks it uses) in the document's Docs,
        deduplicated and in reading order."""
        found: dict[str, set] = {}
        for bank in (self, *self.uses):
            for i, doc in enumerate(docs):
                for key, start, end in bank.scan_doc(doc):
                    found.setdefault(key, set()).add((i, start, end))
        return {key: [Mention(b, s, e, docs[b]) for b, s, e in sorted(hits)] for key, hits in found.items()}

    def scan_doc(self, doc) -> list[tuple[str, int, int]]:
        """(key, start, end) of every match in one block's Doc; kept on the Doc, so a second scan is free."""
        memo = doc.user_data.setdefault("tendercheck.vocab", {})
        if id(self) in memo and memo[id(self)][0] is self:
            return memo[id(self)][1]
        nlp, phrase_matcher, token_matcher, regexes, regex_set = self.compile()
        hits = set()
        matches = list(phrase_matcher(doc)) + (list(token_matcher(doc)) if len(token_matcher) else [])
        for match_id, start, end in matches:
            hits.add((nlp.vocab.strings[match_id], start, end))
        if regexes and len(doc):
            text = re2_view(doc.text)
            # one RE2 set pass says which expressions match anywhere in the block; only those run per sentence
            candidates = regex_set.Match(text) if regex_set is not None else range(len(regexes))
            for sent in doc.sents if candidates else ():
                start = sent.start_char
                sentence = text[start:sent.end_char]
                for index in candidates:
                    key, rx = regexes[index]
                    for m in rx._rx.finditer(sentence):
                        if m.end() <= m.start():
                            continue
                        span = doc.char_span(start + m.start(), start + m.end(), alignment_mode="expand")
                        if span is not None and len(span):
                            hits.add((key, span.start, span.end))
        out = sorted(hits, key=lambda h: (h[1], h[2], h[0]))
        memo[id(self)] = (self, out)
        return out


def _tokens(patterns) -> int:
    return sum(pattern_cost(p)[0] for p in patterns)


def _regex_set(regexes):
    """An RE2 set of every expression (indices as in `regexes`), or None when RE2 cannot build one."""
    import re2

    if not regexes:
        return None
    regex_set = re2.Set.SearchSet(_re2_options())
    try:
        for _, rx in regexes:
            regex_set.Add(re2_view(rx.pattern))
        regex_set.Compile()
    except re2.error:
        return None
    return regex_set


# -- vocabulary files -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Vocabulary:
    """The words for one concept, from rules/vocab/<name>.yaml."""

    name: str
    path: str
    line: int
    description: str
    phrases: tuple[str, ...] = ()
    patterns: tuple = ()
    regex: tuple[Regex, ...] = ()
    unless: tuple[str, ...] = ()
    unless_patterns: tuple = ()
    unless_regex: tuple[Regex, ...] = ()
    cues: dict = field(default_factory=dict)  # name -> Regex (the cue's items as one alternation)
    includes: tuple[str, ...] = ()  # vocabularies whose phrases, patterns and regexes this one takes in
    include_line: int = 0

    @property
    def key(self) -> str:
        """The Bank key of its phrases, patterns and regexes."""
        return f"vocab:{self.name}"

    @property
    def unless_key(self) -> str | None:
        return f"vocab:{self.name}/unless" if self.unless or self.unless_patterns or self.unless_regex else None

    @functools.cached_property
    def regex_any(self) -> Regex | None:
        """All its regexes as one alternation (the leftmost match of any), or None when it has none."""
        if not self.regex:
            return None
        return _plain_regex("|".join(f"(?:{rx.pattern})" for rx in self.regex))

    @functools.cached_property
    def words_any(self) -> Regex | None:
        """Its phrases (case-insensitive, word-bounded, any run of spaces) and regexes as one alternation, for a
        finder that reads text rather than the Bank's token matches; token patterns only the Bank matches."""
        return _alternation(self.phrases, self.regex)

    @functools.cached_property
    def unless_any(self) -> Regex | None:
        """Its unless phrases and unless regexes as one alternation (token patterns aside), or None."""
        return _alternation(self.unless, self.unless_regex)

    def cue(self, name: str) -> Regex:
        try:
            return self.cues[name]
        except KeyError:
            raise KeyError(f"vocabulary {self.name!r} has no cue {name!r} (cues: "
                           f"{', '.join(sorted(self.cues)) or 'none'})") from None

    def unless_in(self, text: str) -> bool:
        """True when text (a sentence) holds one of the unless regexes."""
        return any(rx.search(text) for rx in self.unless_regex)


def _alternation(phrases, regexes) -> Regex | None:
    def bounded(phrase: str) -> str:
        body = r"\s+".join(re.escape(word) for word in phrase.split())
        edge = (r"\b" if phrase[:1].isalnum() else "", r"\b" if phrase[-1:].isalnum() else "")
        return f"(?i:{edge[0]}{body}{edge[1]})"

    parts = [bounded(phrase) for phrase in phrases if phrase.strip()]
    parts += [f"(?:{rx.pattern})" for rx in regexes]
    return _plain_regex("|".join(parts)) if parts else None


class Vocabularies(dict):
    """name -> Vocabulary for one folder, with the Bank that holds them all (compiled on first use)."""

    def __init__(self, folder: str, found: dict):
        super().__init__(found)
        self.folder = folder
        self._bank = None

    def get_or_error(self, where, name):
        """The vocabulary `name`, or an error at where naming the nearest known ones."""
        from checker.ruletypes import schema

        if not isinstance(name, str) or name not in self:
            raise where.error(f"unknown vocabulary {name!r}{schema.suggest(name, sorted(self))} (known: "
                              f"{', '.join(sorted(self)) or 'none'}; files in {self.folder})")
        return self[name]

    def bank(self) -> Bank:
        if self._bank is None:
            bank = Bank()
            for v in self.values():
                if v.phrases or v.patterns or v.regex:
                    bank.add(v.key, v.phrases, v.patterns, v.regex)
                if v.unless_key:
                    bank.add(v.unless_key, v.unless, v.unless_patterns, v.unless_regex)
            self._bank = bank
        return self._bank

    def scan(self, docs) -> dict[str, list[Mention]]:
        return self.bank().scan(docs)


def bundled_folder() -> Path | None:
    from checker.rulebook import bundled_root

    root = bundled_root()
    return root / FOLDER if root is not None and (root / FOLDER).is_dir() else None


def bundled() -> Vocabularies:
    """The bundled vocabularies (rules/vocab), loaded once per process while their files are unchanged."""
    folder = bundled_folder()
    if folder is None:
        return Vocabularies("(none)", {})
    return load(folder)


def get(name: str) -> Vocabulary:
    """A bundled vocabulary by name (KeyError naming the known ones otherwise): for the fact finders."""
    found = bundled()
    if name not in found:
        raise KeyError(f"no vocabulary {name!r} in {found.folder} (known: {', '.join(sorted(found))})")
    return found[name]


def load(folder) -> Vocabularies:
    """Every <name>.yaml in folder, validated; cached until a file in it changes."""
    state = folder_state(folder)
    if state not in _LOADED:
        if len(_LOADED) >= 8:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[state] = _load(*state)
    return _LOADED[state]


_LOADED: dict[tuple, Vocabularies] = {}  # (folder, stamps) -> the one Vocabularies (and Bank) of this process


def folder_state(folder) -> tuple[str, tuple]:
    """(resolved folder, ((file name, mtime_ns, size), ...)) of a vocabulary folder: what a load depends on.
    Each *.yaml entry must be a regular file (an error naming it otherwise)."""
    from checker.safeyaml import check_regular_file

    folder = Path(folder)
    stamps = []
    for path in sorted(folder.iterdir()):
        if path.suffix in (".yaml", ".yml"):
            check_regular_file(path)
            st = path.stat()
            stamps.append((path.name, st.st_mtime_ns, st.st_size))
    return str(folder.resolve()), tuple(stamps)


def bundled_state() -> tuple[str, tuple] | None:
    folder = bundled_folder()
    return folder_state(folder) if folder is not None else None


def is_loaded(state) -> bool:
    return state in _LOADED


def adopt(state, vocabularies: Vocabularies) -> bool:
    """Make vocabularies (unpickled from the rulebook cache with the rulebook that shares their Bank) the
    process's own for state; False when the process already loaded them (then its own are kept)."""
    if state in _LOADED:
        return False
    _LOADED[state] = vocabularies
    return True


def _load(folder: str, stamps: tuple) -> Vocabularies:
    found = {}
    for name, _, _ in stamps:
        path = Path(folder) / name
        if path.suffix == ".yml":
            raise RulebookError(path, "vocabulary files use the .yaml suffix; rename it")
        vocabulary = load_file(path)
        found[vocabulary.name] = vocabulary
    return Vocabularies(folder, {name: _included(found, v) for name, v in found.items()})


def _included(found: dict, v: Vocabulary) -> Vocabulary:
    """v with the phrases, patterns and regexes of the vocabularies it includes (which include none)."""
    from checker.ruletypes import schema

    if not v.includes:
        return v
    where = schema.Where(v.path, v.include_line)
    phrases, patterns, regex = list(v.phrases), list(v.patterns), list(v.regex)
    seen = {" ".join(p.lower().split()): v.name for p in v.phrases}
    for name in v.includes:
        if name not in found:
            raise where.error(f"include names unknown vocabulary {name!r}{schema.suggest(name, sorted(found))}")
        other = found[name]
        if other.includes or other.name == v.name:
            raise where.error(f"include {name!r}: an included vocabulary may not include others (or itself)")
        for phrase in other.phrases:
            folded = " ".join(phrase.lower().split())
            if folded in seen:
                raise where.error(f"phrase {phrase!r} is in both {seen[folded]} and {name}: keep it in one")
            seen[folded] = name
        phrases += other.phrases
        patterns += other.patterns
        regex += other.regex
    return dataclasses.replace(v, phrases=tuple(phrases), patterns=tuple(patterns), regex=tuple(regex))


def load_file(path) -> Vocabulary:
    """One vocabulary file, validated: every problem is a RulebookError naming file:line."""
    from checker.ruletypes import schema
    from checker.safeyaml import load_mapping

    path = Path(path)
    data = load_mapping(path)
    where = schema.Where(path, data.line)
    if not NAME.match(path.stem):
        raise where.error(f"vocabulary file name {path.stem!r} must be lower_snake_case (a-z, 0-9, _), "
                          "as rules name it: `vocab: co_design`")
    schema.keys(where, data, "vocabulary", FIELDS, required=("description",))
    description = " ".join(schema.text(where.at(data, "description"), data["description"], "description").split())
    includes = ()
    if "include" in data:
        includes = tuple(schema.text_list(where.at(data, "include"), data["include"], "include", allow_empty=False))
    terms = _terms(where, data)
    cues = {}
    if "cues" in data:
        raw = schema.mapping(where.at(data, "cues"), data["cues"], "cues")
        for cue, value in raw.items():
            at = where.at(raw, cue)
            if not isinstance(cue, str) or not NAME.match(cue):
                raise at.error(f"cue name {cue!r} must be lower_snake_case")
            listed = regex_list(at, value, f"cue {cue}", terms)
            if not listed:
                raise at.error(f"cue {cue} must list at least one regex")
            cues[cue] = compile_regex(at, "|".join(f"(?:{rx.pattern})" for rx in listed), f"cue {cue}")
    found = {
        "phrases": items(where, data, "phrases", phrase_list),
        "patterns": items(where, data, "patterns", token_patterns),
        "regex": items(where, data, "regex", regex_list, terms),
        "unless": items(where, data, "unless", phrase_list),
        "unless_patterns": items(where, data, "unless_patterns", token_patterns),
        "unless_regex": items(where, data, "unless_regex", regex_list, terms),
    }
    if not (found["phrases"] or found["patterns"] or found["regex"] or cues or includes):
        raise where.error("a vocabulary must give at least one of phrases, patterns, regex or cues")
    for name in ("phrases", "unless"):
        seen = {}
        for i, phrase in enumerate(found[name]):
            folded = " ".join(phrase.lower().split())
            if folded in seen:
                raise where.at(data[name], i).error(f"{name} item {i + 1} {phrase!r} repeats item {seen[folded]}")
            seen[folded] = i + 1
    return Vocabulary(path.stem, str(path), data.line, description, **{k: tuple(v) for k, v in found.items()},
                      cues=cues, includes=includes, include_line=data.line_of("include"))


def _terms(where, data) -> dict[str, str]:
    """terms: {name: [alternatives]} -> {name: '(?:a|b|c)'}; a term may use the terms defined before it."""
    from checker.ruletypes import schema

    if "terms" not in data:
        return {}
    raw = schema.mapping(where.at(data, "terms"), data["terms"], "terms")
    terms: dict[str, str] = {}
    for name, value in raw.items():
        at = where.at(raw, name)
        if not isinstance(name, str) or not NAME.match(name):
            raise at.error(f"term name {name!r} must be lower_snake_case")
        listed = regex_list(at, value, f"term {name}", terms)
        if not listed:
            raise at.error(f"term {name} must list at least one alternative")
        terms[name] = "(?:" + "|".join(rx.pattern for rx in listed) + ")"
    return terms
