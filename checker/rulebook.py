"""Load and validate a rulebook: a folder of YAML rule files (one rule a file, stem == id) plus rulebook.yaml.

The whole rulebook is validated before any document is read; every problem is one RulebookError naming
file:line and, for enums, the allowed values. The format is docs/rulebook-format.md.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from checker import ruletypes
from checker.errors import RulebookError
from checker.findings import SEVERITIES, STEPS, natural_key, problem_headline
from checker.ruletypes import conditions, matching, schema, template
from checker.ruletypes.base import BuildContext
from checker.safeyaml import check_regular_file, load_mapping

DEFAULT_RULEBOOK = "keep-it-local"
META_FILE = "rulebook.yaml"
RULE_FIELDS = ("id", "aliases", "step", "title", "problem", "type", "severity", "applies_to", "applies_when",
               "error_when", "options", "message", "rationale", "citations", "fix", "params", "examples", "tags")
REQUIRED_FIELDS = ("id", "step", "title", "type", "severity", "options", "message", "rationale", "citations",
                   "fix", "examples")
META_FIELDS = ("name", "version", "description", "params", "scope")
APPLIES_TO_FIELDS = ("kinds",)  # applies_to: what the rule is for, beyond conditions on facts
MAX_PROBLEM = 120  # a headline: a GitHub annotation title, an HTML heading, a SARIF short description
OUTSIDE_SCOPE_TAG = "outside-scope"  # a rule with this tag applies only to documents outside the book's scope
CITATION_FIELDS = ("title", "section", "year", "url")
EXAMPLE_FIELDS = ("text", "pack", "params", "name")  # pack: {file name: text}, a pack of documents
MAX_RULES = 1000
RULE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
FACT_FIELDS = ("fact", "numerator", "denominator", "location_fact")  # compiled-option fields naming a fact


@dataclass(frozen=True)
class Example:
    rule: str
    kind: str  # pass | fail
    index: int
    text: str
    params: dict = field(default_factory=dict)
    name: str = ""
    line: int | None = None
    pack: tuple = ()  # ((file name, text), ...): the example is a pack of these documents (checker.pack)

    @property
    def case_id(self) -> str:
        return f"{self.rule}-{self.kind}-{self.index}"


@dataclass
class Rule:
    id: str
    step: int
    title: str
    type: str
    severity: str
    message: str
    rationale: str
    citations: tuple
    fix: str
    params: dict
    examples: tuple
    tags: tuple
    applies_when: object  # a conditions.* object or None
    compiled: object  # the rule type's compiled options
    options: dict
    path: str
    line: int = 1
    error_when: object = None  # severity error only where this holds (the legal duty binds this buyer); else warning
    problem: str = ""  # the problem stated, every finding's headline; may name params ('below {min_pct}%')
    aliases: tuple = ()  # the rule's former ids (renumbered when it moved step): still accepted, with a notice
    kinds: tuple = ()  # applies_to: kinds: the document kinds that should hold what the rule looks for (checker.kinds);
    # a single document of another kind skips the rule. Empty: every kind

    def headline_for(self, params: dict) -> str:
        """What a violation of this rule is headed with under these params: its `problem` rendered, else the
        title marked as not met."""
        problem = template.render(self.problem, params, None) if self.problem else ""
        return problem_headline(problem, self.title)

    @property
    def kind(self):
        return ruletypes.get(self.type)

    def facts_read(self) -> list[str]:
        """Every fact name the rule reads (options, applies_when, message), for docs and consistency tests."""
        names = set(template.fact_names(self.message))
        pending = [self.compiled, self.applies_when, self.error_when]
        while pending:
            node = pending.pop()
            if isinstance(node, (list, tuple)):
                pending.extend(node)
            elif hasattr(node, "facts_read"):
                names.update(node.facts_read())
            elif dataclasses.is_dataclass(node):
                for f in dataclasses.fields(node):
                    value = getattr(node, f.name)
                    if f.name in FACT_FIELDS and isinstance(value, str):
                        names.add(value)
                    else:
                        pending.append(value)
        return sorted(names)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "step": self.step, "title": self.title, "problem": self.problem, "type": self.type,
            "severity": self.severity,
            "message": self.message, "rationale": self.rationale, "citations": [dict(c) for c in self.citations],
            "fix": self.fix, "params": dict(self.params), "tags": list(self.tags), "aliases": list(self.aliases),
            "kinds": list(self.kinds),
            "examples": {k: [e.text for e in self.examples if e.kind == k] for k in ("pass", "fail")},
        }


@dataclass
class Rulebook:
    name: str
    version: str | None
    description: str
    folder: str
    rules: list[Rule]
    params: dict  # every param name -> default (rulebook.yaml and all rules)
    bank: matching.MatcherBank
    shared_params: dict = field(default_factory=dict)  # rulebook.yaml params only
    scope: object = None  # rulebook.yaml scope: a condition every document must meet for the book's rules to apply
    content_key: str | None = field(default=None, repr=False, compare=False)  # its files' and vocabularies' hash
    matchers_valid: bool = field(default=False, repr=False, compare=False)  # its matchers have built (here or before)
    cache_entry: tuple | None = field(default=None, repr=False, compare=False)  # (entry, vocab_state) it is stored as

    @property
    def aliases(self) -> dict[str, str]:
        """Every former rule id -> the rule's current id."""
        return {old: r.id for r in self.rules for old in r.aliases}

    def current_id(self, rule_id: str) -> str | None:
        """rule_id if a rule has it, the current id of the rule it used to name (an alias), else None."""
        if any(r.id == rule_id for r in self.rules):
            return rule_id
        return self.aliases.get(rule_id)

    def get(self, rule_id: str) -> Rule:
        """The rule with this id, or the one rule whose id starts with it followed by '-' (KIL-2.2); a former id
        (an alias, in full or short) names the rule it became (deprecated() says so)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        ids = [r.id for r in self.rules]
        by_prefix = [r for r in self.rules if r.id.lower().startswith(rule_id.lower() + "-")]
        if not by_prefix:
            by_prefix = [r for r in self.rules if any(a.lower() == rule_id.lower()
                                                      or a.lower().startswith(rule_id.lower() + "-")
                                                      for a in r.aliases)]
        if len(by_prefix) == 1:
            return by_prefix[0]
        if by_prefix:
            raise RulebookError(self.folder, f"{rule_id!r} matches several rules: {', '.join(r.id for r in by_prefix)}")
        raise RulebookError(self.folder, f"no such rule {rule_id!r}{schema.suggest(rule_id, ids)}")

    def compile(self) -> Rulebook:
        """Build the matchers now (imports spaCy), so pattern errors surface before any document is read. A book
        whose matchers built before it was stored in the rulebook cache leaves them to build where they are first
        used (a check whose every document is in the check cache never imports spaCy); otherwise, once they
        have built, the cache entry is rewritten to say so."""
        if self.matchers_valid:
            return self
        self.bank.compile()
        self.matchers_valid = True
        if self.cache_entry is not None:
            _store(self, *self.cache_entry)
        return self

    def __getstate__(self):
        """Pickled (the rulebook cache) without what belongs to this process: its cache entry and its content
        key, worked out again where it is loaded."""
        return {**self.__dict__, "cache_entry": None, "content_key": None}

    def info(self) -> dict:
        return {"name": self.name, "version": self.version, "rules": len(self.rules)}


def bundled_root() -> Path | None:
    """checker/bundled_rules (a plain pip install) or the repository's rules/ (source or editable install)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "bundled_rules", here.parent / "rules"):
        if (candidate / DEFAULT_RULEBOOK).is_dir():
            return candidate
    return None


def bundled_names() -> list[str]:
    root = bundled_root()  # rules/vocab holds the shared vocabularies (checker.vocab), not a rulebook
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
                  and p.name != "vocab") if root else []


def resolve(spec: str | None = None) -> tuple[Path, bool]:
    """(folder, is_bundled) for a rulebook folder, a rule file in one, or a bundled name (None: the default)."""
    root = bundled_root()
    path = Path(spec) if spec else None
    if path is not None and path.is_dir():
        return path, False
    if path is not None and path.is_file() and path.suffix == ".yaml":
        return path.parent, False
    name = spec or DEFAULT_RULEBOOK
    if root is not None and "/" not in name and "\\" not in name and (root / name).is_dir():
        return root / name, True
    if spec is None:
        raise RulebookError(name, "the bundled rulebook is missing from this installation")
    raise RulebookError(spec, f"no such rulebook folder or bundled rulebook (bundled: "
                              f"{', '.join(bundled_names()) or 'none'})")


def load(spec: str | None = None, use_cache: bool = True) -> Rulebook:
    """Load and validate a rulebook; cached per folder until a file in it changes, in this process and (unless
    use_cache is False) on disk, as the compiled rulebook of checker.cache keyed by the bytes of every rule and
    vocabulary file."""
    folder, bundled = resolve(spec)
    root = folder.resolve()
    stamps = []
    for path in sorted(folder.iterdir()):
        if path.suffix in (".yaml", ".yml"):
            _check_rule_file(path, root)
            st = path.stat()
            stamps.append((path.name, st.st_mtime_ns, st.st_size))
    return _cached(str(root), bundled, tuple(stamps), use_cache)


@functools.lru_cache(maxsize=16)
def _cached(folder: str, bundled: bool, stamps: tuple, use_cache: bool) -> Rulebook:
    """The rulebook from the disk cache when its files, the vocabularies and the tool are unchanged, else
    loaded, validated and stored. A cached rulebook comes with the vocabularies its Bank uses, so the fact
    finders and the rules share one Bank (checker.vocab.adopt); when this process has read the vocabularies
    already, it loads afresh instead. Either way the book carries content_key, what its rules and vocabularies
    are (the check cache keys on it)."""
    from checker import cache, vocab

    vocab_state = vocab.bundled_state()
    content_key = _cache_key(folder, stamps, vocab_state) if use_cache else None
    entry = content_key if not (vocab_state and vocab.is_loaded(vocab_state)) else None
    if entry is not None:
        hit = cache.get("rulebook", entry)
        if isinstance(hit, tuple) and len(hit) == 2 and isinstance(hit[0], Rulebook):
            book, vocabularies = hit
            if vocab_state is None or vocabularies is None or vocab.adopt(vocab_state, vocabularies):
                book.content_key, book.cache_entry = content_key, (entry, vocab_state)
                return book
    book = _load(folder, bundled, stamps)
    book.content_key = content_key
    if entry is not None:
        book.cache_entry = (entry, vocab_state)
        _store(book, entry, vocab_state)
    return book


def _store(book: Rulebook, entry: str, vocab_state) -> None:
    from checker import cache, vocab

    used = vocab._LOADED.get(vocab_state) if vocab_state else None
    cache.put("rulebook", entry, (book, used))


def _cache_key(folder: str, stamps: tuple, vocab_state) -> str | None:
    """What the compiled rulebook depends on: every rule file's and vocabulary file's name and bytes (and the
    tool, through cache.key). None when a file cannot be read (the load then says why)."""
    from checker.safeyaml import MAX_BYTES

    files = [(folder, stamps)] + ([vocab_state] if vocab_state else [])
    parts = []
    try:
        for where, listed in files:
            parts.append(where)
            for name, _, size in listed:
                if size > MAX_BYTES:
                    return None  # the load refuses it, naming the file
                parts += [name, (Path(where) / name).read_bytes()]
    except OSError:
        return None
    from checker import cache

    return cache.key("rulebook", *parts)


def _check_rule_file(path: Path, root: Path) -> None:
    """A *.yaml entry of a rulebook folder must be a regular file in it: a FIFO, device, directory, dangling
    symlink or symlink out of the folder is an error naming it, never silently skipped."""
    if path.is_symlink() and path.exists():
        target = path.resolve()
        if root not in target.parents:
            raise RulebookError(path, f"is a symlink to {target}, outside the rulebook folder {root}")
    check_regular_file(path)


def _load(folder: str, bundled: bool, stamps: tuple) -> Rulebook:
    folder_path = Path(folder)
    names = [name for name, _, _ in stamps]
    for name in names:
        if name.endswith(".yml"):
            raise RulebookError(folder_path / name, "rule files use the .yaml suffix; rename it")
    rule_files = [folder_path / n for n in names if n != META_FILE]
    if len(rule_files) > MAX_RULES:
        raise RulebookError(folder, f"{len(rule_files)} rule files; the limit is {MAX_RULES}")
    if not rule_files and not bundled:
        raise RulebookError(folder, "no rule files (*.yaml) in this rulebook folder")
    meta = _meta(folder_path)
    shared = meta["params"]
    raws = [(path, load_mapping(path)) for path in rule_files]
    params = _collect_params(raws, shared, folder_path / META_FILE)
    bank = matching.MatcherBank()
    rules = sorted((_rule(path, data, shared, bank) for path, data in raws), key=lambda r: natural_key(r.id))
    _check_aliases(rules)
    scope = None
    if meta["scope"] is not None:
        where, value = meta["scope"]
        scope = conditions.build(where, value, "scope", BuildContext("rulebook", bank, frozenset(shared)),
                                 "rulebook/scope")
    return Rulebook(meta["name"], meta["version"], meta["description"], folder, rules, params, bank, shared, scope)


def _check_aliases(rules: list[Rule]) -> None:
    """A former id names one rule and is no rule's current id, so an old config cannot mean two things."""
    ids = {r.id for r in rules}
    owner: dict[str, Rule] = {}
    for rule in rules:
        for old in rule.aliases:
            if old in ids:
                raise RulebookError(rule.path, f"alias {old!r} is the id of another rule", rule.line)
            if old in owner:
                raise RulebookError(rule.path, f"alias {old!r} is also an alias of {owner[old].id}", rule.line)
            owner[old] = rule


def deprecated(old: str, new: str, where: str | None = None) -> str:
    """The one-line notice for a former rule id met in a config, waiver, baseline or option."""
    at = f"{where}: " if where else ""
    return (f"{at}rule id {old} is deprecated: it is now {new} (renumbered when the rule moved step); "
            "the old id still works")


def _meta(folder: Path) -> dict:
    meta = {"name": folder.name, "version": None, "description": "", "params": {}, "scope": None}
    path = folder / META_FILE
    if not path.exists():
        return meta
    data = load_mapping(path, empty_ok=True)
    where = schema.Where(path, data.line)
    schema.keys(where, data, META_FILE, META_FIELDS)
    for key in ("name", "description"):
        if key in data:
            meta[key] = schema.text(where.at(data, key), data[key], key).strip()
    if "version" in data:
        version = data["version"]
        if not isinstance(version, (str, int, float)) or isinstance(version, bool):
            raise where.at(data, "version").error("version must be text such as \"1.0.0\"")
        meta["version"] = str(version)
    if "params" in data:
        meta["params"] = _params(where.at(data, "params"), data["params"])
    if "scope" in data:
        meta["scope"] = (where.at(data, "scope"), data["scope"])  # built once the matcher bank exists
    return meta


def _params(where, value) -> dict:
    value = schema.mapping(where, value, "params")
    out = {}
    for name, default in value.items():
        at = where.at(value, name)
        if not isinstance(name, str) or not schema.PARAM_NAME.match(name):
            raise at.error(f"param name {name!r} must be lower_snake_case")
        ok = schema.is_number(default) or isinstance(default, (str, bool))
        if isinstance(default, list):
            ok = all(schema.is_number(v) or isinstance(v, (str, bool)) for v in default)
        if not ok:
            raise at.error(f"param {name} default must be a number, text, true/false or a list of those, "
                           f"not {schema.kind_of(default)}")
        out[name] = list(default) if isinstance(default, list) else default
    return out


def check_param_value(where, name: str, value, default):
    """value, if it has the same kind as the param's default (any number for a number); else an error.
    An unquoted YAML date (2026-01-01) for a text default becomes its ISO text, as rules compare dates so."""
    if isinstance(default, str) and isinstance(value, datetime.date):
        value = value.isoformat()
    if any(schema.is_number(v) and not math.isfinite(v) for v in (value if isinstance(value, list) else [value])):
        raise where.error(f"param {name} must hold finite numbers only, not {value!r}")
    if schema.is_number(default):
        ok = schema.is_number(value)
    elif isinstance(default, list):
        ok = isinstance(value, list)
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise where.error(f"param {name} must be {schema.kind_of(default)} like its default {default!r}, "
                          f"not {value!r}")
    return value


def _collect_params(raws, shared: dict, meta_path: Path) -> dict:
    params = dict(shared)
    owner = {name: meta_path for name in shared}
    for path, data in raws:
        if "params" not in data:
            continue
        where = schema.Where(path, data.line)
        for name, default in _params(where.at(data, "params"), data["params"]).items():
            if name in params and params[name] != default:
                raise where.at(data["params"], name).error(
                    f"param {name} = {default!r} conflicts with {params[name]!r} in {owner[name].name}; "
                    "a param has one default per rulebook")
            params[name] = default
            owner.setdefault(name, path)
    return params


def _rule(path: Path, data, shared: dict, bank) -> Rule:
    where = schema.Where(path, data.line)
    schema.keys(where, data, "rule", RULE_FIELDS, required=REQUIRED_FIELDS)
    at = functools.partial(where.at, data)
    rule_id = schema.text(at("id"), data["id"], "id")
    if not RULE_ID.match(rule_id):
        raise at("id").error(f"id {rule_id!r} may hold only letters, digits, '.', '_' and '-' (e.g. KIL-2.2-sv-weight)")
    if rule_id != path.stem:
        raise at("id").error(f"id {rule_id!r} must equal the file name stem {path.stem!r}")
    step = data["step"]
    if not isinstance(step, int) or isinstance(step, bool) or step not in STEPS:
        raise at("step").error(f"step must be one of {', '.join(map(str, STEPS))}, not {step!r}")
    type_name = data["type"]
    if not isinstance(type_name, str) or type_name not in ruletypes.REGISTRY:
        raise at("type").error(f"unknown rule type {type_name!r}{schema.suggest(type_name, ruletypes.REGISTRY)} "
                               f"(allowed: {', '.join(ruletypes.REGISTRY)})")
    kind = ruletypes.REGISTRY[type_name]
    severity = schema.choice(at("severity"), data["severity"], "severity", SEVERITIES)
    own = _params(at("params"), data["params"]) if "params" in data else {}
    known = {**shared, **own}
    bctx = BuildContext(rule_id, bank, frozenset(known))
    options = schema.mapping(at("options"), data["options"], "options")
    schema.keys(where.of(options), options, f"options for type {type_name}", kind.OPTIONS)
    compiled = kind.build(where.of(options), options, bctx)
    kinds = _applies_to(at("applies_to"), data["applies_to"]) if "applies_to" in data else ()
    applies_when = None
    if "applies_when" in data:
        applies_when = conditions.build(at("applies_when"), data["applies_when"], "applies_when", bctx,
                                        f"{rule_id}/applies_when")
    error_when = None
    if "error_when" in data:
        if severity != "error":
            raise at("error_when").error(f"error_when needs severity error (it says when the error stands), not "
                                         f"{severity!r}")
        error_when = conditions.build(at("error_when"), data["error_when"], "error_when", bctx,
                                      f"{rule_id}/error_when")
    problem = _problem(at("problem"), data["problem"], known) if "problem" in data else ""
    aliases = tuple(schema.text_list(at("aliases"), data["aliases"], "aliases")) if "aliases" in data else ()
    for old in aliases:
        if not RULE_ID.match(old) or old == rule_id:
            raise at("aliases").error(f"alias {old!r} must be a former rule id (letters, digits, '.', '_', '-'), "
                                      "not this rule's own id")
    message = schema.text(at("message"), data["message"], "message")
    template.validate(at("message"), message, set(kind.PLACEHOLDERS) | set(known))
    return Rule(
        id=rule_id, step=step, title=" ".join(schema.text(at("title"), data["title"], "title").split()),
        type=type_name, severity=severity, message=message.strip(),
        rationale=schema.text(at("rationale"), data["rationale"], "rationale").strip(),
        citations=_citations(at("citations"), data["citations"]),
        fix=schema.text(at("fix"), data["fix"], "fix").strip(), params=own,
        examples=_examples(at("examples"), data["examples"], rule_id, known),
        tags=tuple(schema.text_list(at("tags"), data["tags"], "tags")) if "tags" in data else (),
        applies_when=applies_when, compiled=compiled, options=dict(options), path=str(path), line=data.line,
        error_when=error_when, problem=problem, aliases=aliases, kinds=kinds,
    )


def _applies_to(where, value) -> tuple:
    """applies_to: {kinds: [...]}: the kinds of document that should hold what the rule looks for."""
    from checker.kinds import KINDS

    value = schema.mapping(where, value, "applies_to")
    schema.keys(where.of(value), value, "applies_to", APPLIES_TO_FIELDS, required=APPLIES_TO_FIELDS)
    at = where.of(value).at(value, "kinds")
    kinds = schema.text_list(at, value["kinds"], "kinds")
    if not kinds:
        raise at.error(f"kinds must name at least one kind of document (allowed: {', '.join(KINDS)})")
    for kind in kinds:
        schema.choice(at, kind, "kinds", KINDS)
    if len(set(kinds)) != len(kinds):
        raise at.error("kinds names a kind twice")
    return tuple(kinds)


def _problem(where, value, known: dict) -> str:
    """One line stating the problem. A headline is the same for every document (GitHub and code-scanning views
    group by it), so its only placeholders are params ({min_social_value_pct}): no facts, no found values."""
    text = " ".join(schema.text(where, value, "problem").split())
    try:
        used = set(template.field_names(text))
    except ValueError:
        template.validate(where, text, set(known))  # raises the template error, with the braces advice
        raise
    others = sorted(used - set(known))
    if others:
        listed = ", ".join("{" + name + "}" for name in others)
        raise where.error(f"problem is a headline, the same for every document: it may name params only, not "
                          f"{listed} (put found values and facts in message; params: "
                          f"{', '.join(sorted(known)) or 'none defined'})")
    template.validate(where, text, set(known))  # format specs
    if len(text) > MAX_PROBLEM:
        raise where.error(f"problem is a headline of at most {MAX_PROBLEM} characters, not {len(text)}; put "
                          "the detail in message")
    return text


def _citations(where, value) -> tuple:
    if not isinstance(value, list) or not value:
        raise where.error("citations must list at least one citation {title, section, year, url}")
    out = []
    for i, item in enumerate(value):
        at = where.at(value, i)
        schema.keys(at.of(item), item, f"citation {i + 1}", CITATION_FIELDS, required=("title", "year"))
        cite = {"title": schema.text(at.at(item, "title"), item["title"], "citation title").strip()}
        year = item["year"]
        if not (isinstance(year, int) and not isinstance(year, bool)) and not isinstance(year, str):
            raise at.at(item, "year").error(f"citation year must be a year such as 2023, not {year!r}")
        cite["year"] = year
        for key in ("section", "url"):
            if key in item:
                cite[key] = schema.text(at.at(item, key), str(item[key]) if schema.is_number(item[key])
                                        else item[key], f"citation {key}").strip()
        out.append(cite)
    return tuple(out)


def _examples(where, value, rule_id: str, known: dict) -> tuple:
    value = schema.keys(where, value, "examples", ("pass", "fail"))
    out = []
    for kind in ("pass", "fail"):
        items = value.get(kind, [])
        at = where.at(value, kind)
        if not isinstance(items, list):
            raise at.error(f"examples {kind} must be a list of texts or {{text, params, name}}")
        for i, item in enumerate(items):
            item_at = at.at(items, i)
            params, name = {}, ""
            pack = ()
            if isinstance(item, dict):
                schema.keys(item_at.of(item), item, f"{kind} example {i + 1}", EXAMPLE_FIELDS,
                            required=() if "pack" in item else ("text",))
                if "pack" in item:
                    if "text" in item:
                        raise item_at.error(f"{kind} example {i + 1}: give text or pack, not both")
                    members = schema.mapping(item_at.at(item, "pack"), item["pack"], "example pack")
                    if len(members) < 2:
                        raise item_at.at(item, "pack").error("an example pack needs at least two documents")
                    pack = tuple((str(file), schema.text(item_at.at(item, "pack").at(members, file), body,
                                                         f"example pack document {file}"))
                                 for file, body in members.items())
                    text = "\n".join(f"<!-- {file} -->\n{body}" for file, body in pack)
                else:
                    text = schema.text(item_at.at(item, "text"), item["text"], "example text")
                name = str(item.get("name", ""))
                raw = schema.mapping(item_at.at(item, "params"), item.get("params", {}), "example params")
                for pname, pvalue in raw.items():
                    p_at = item_at.at(item, "params").at(raw, pname)
                    schema.param_ref(p_at, pname, "example param", known)
                    params[pname] = check_param_value(p_at, pname, pvalue, known[pname])
            else:
                text = schema.text(item_at, item, f"{kind} example {i + 1}")
            out.append(Example(rule_id, kind, i, text, params, name, item_at.line, pack))
    if not out:
        raise where.error("examples must give at least one pass or fail example")
    return tuple(out)
