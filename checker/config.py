"""Configuration: .tendercheck.yaml discovery, profiles (`extends`), params, enable/disable, waivers.

Precedence, lowest first: bundled profile or file named by `extends`, the config file itself, the command
line (--rulebook, --param, --select, --ignore, --fail-on). A config is found from the checked file's folder
upwards, stopping at the filesystem root or at a folder holding `.git`; --config names one for every file.
Waived findings stay in every report, marked waived; an expired waiver stops applying and a notice says so.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from checker import limits as limits_mod
from checker import rulebook as rulebook_mod
from checker.errors import ConfigError
from checker.findings import SEVERITIES
from checker.ruletypes import schema
from checker.safeyaml import check_regular_file, load_mapping

CONFIG_NAME = ".tendercheck.yaml"
# what --force sets, where the rulebook has them: the rulebook's scope lets every document in, and the rules that
# look for something missing apply to every kind of document (checker.engine.for_kind)
FORCE_PARAMS = ("check_non_tenders", "check_outside_uk", "check_every_kind")
PROFILES = Path(__file__).resolve().parent / "profiles"
CONFIG_FIELDS = ("extends", "rulebook", "params", "rules", "fail_on", "waivers", "pack", "limits")
WAIVER_FIELDS = ("rule", "path", "reason", "approved_by", "expires")
RULE_SETTING_FIELDS = ("enabled", "severity")
FAIL_LEVELS = ("error", "warning", "info", "never")
MAX_EXTENDS = 10


@dataclass(frozen=True)
class Waiver:
    rule: str
    path: str  # glob, matched against the document path relative to the config's folder
    reason: str
    approved_by: str
    expires: dt.date | None
    base_dir: str
    file: str
    line: int | None = None

    @property
    def source(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def matches(self, doc_path) -> bool:
        doc = Path(doc_path)
        candidates = {doc.as_posix(), doc.name}
        try:
            candidates.add(doc.resolve().relative_to(Path(self.base_dir).resolve()).as_posix())
        except (ValueError, OSError):
            pass
        return any(fnmatch.fnmatch(c, self.path) for c in candidates)

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def to_dict(self) -> dict:
        d = {"reason": self.reason, "approved_by": self.approved_by, "path": self.path}
        if self.expires:
            d["expires"] = self.expires.isoformat()
        return d


@dataclass
class Settings:
    """One config file with its `extends` chain merged; not yet checked against a rulebook."""

    rulebook: str | None = None
    params: dict = field(default_factory=dict)  # name -> (value, Where)
    rules: dict = field(default_factory=dict)  # rule id -> ({enabled, severity}, Where)
    fail_on: str | None = None
    waivers: list[Waiver] = field(default_factory=list)
    source: str | None = None
    pack: tuple = ()  # this file's `pack:` (never inherited through extends): member files, resolved
    limits: dict = field(default_factory=dict)  # name -> value (validated)


@dataclass
class Config:
    rulebook: rulebook_mod.Rulebook | None = None
    rules: list = field(default_factory=list)  # enabled rules, in rulebook order
    params: dict = field(default_factory=dict)  # overrides of rulebook defaults
    severities: dict = field(default_factory=dict)  # rule id -> severity override
    fail_on: str = "error"
    waivers: list[Waiver] = field(default_factory=list)
    source: str | None = None  # the .tendercheck.yaml in use
    limits: limits_mod.Limits = limits_mod.DEFAULTS  # on each input file (checker.limits)
    per_document: bool = True  # look for a config per document (False with --config)
    pack: tuple = ()  # files checked as one tender pack (`pack:`), resolved, in the order listed
    today: dt.date = field(default_factory=dt.date.today)
    _notices: list = field(default_factory=list)
    _derived: dict = field(default_factory=dict)
    _deprecations: list = field(default_factory=list)  # former rule ids met (one stderr line each)
    jurisdiction: str | None = None  # --jurisdiction: replaces the jurisdiction the document reads as

    @property
    def name(self):
        return self.rulebook.name if self.rulebook else None

    @property
    def version(self):
        return self.rulebook.version if self.rulebook else None

    def rulebook_info(self) -> dict:
        return self.rulebook.info() if self.rulebook else {"name": None, "version": None, "rules": 0}

    def rules_info(self) -> list[dict]:
        """Metadata of the enabled rules (id, step, title, problem headline, severity as configured, rationale,
        citations, fix) for reporters."""
        return [{"id": r.id, "step": r.step, "title": r.title, "problem": r.headline_for(self.params_for(r)),
                 "severity": self.severity_of(r), "type": r.type, "rationale": r.rationale,
                 "citations": [dict(c) for c in r.citations], "fix": r.fix} for r in self.rules]

    def notices(self) -> list[str]:
        return list(dict.fromkeys(self._notices))

    def deprecations(self) -> list[str]:
        """One line per former rule id this run's configs and options used (the CLI prints them on stderr)."""
        return list(dict.fromkeys(self._deprecations))

    def add_notices(self, notices: list[str]) -> None:
        """Notices met while checking a document in a worker process (checker.isolation)."""
        self._notices.extend(notices)

    def params_for(self, rule) -> dict:
        return {**self.rulebook.params, **self.params}

    def severity_of(self, rule) -> str:
        return self.severities.get(rule.id, rule.severity)

    def apply_waiver(self, finding, doc_path):
        """The finding marked waived by the first live waiver for its rule and path; expired ones give a notice."""
        for waiver in self.waivers:
            if waiver.rule != finding.rule or not waiver.matches(doc_path):
                continue
            if waiver.expired(self.today):
                self._notices.append(f"waiver for {waiver.rule} on {waiver.path!r} ({waiver.source}) expired on "
                                     f"{waiver.expires.isoformat()}; its findings count again")
                continue
            return replace(finding, waived=True, waiver=waiver.to_dict())
        return finding


def rulebook_in_use(spec: str | None = None) -> rulebook_mod.Rulebook:
    """The rulebook `spec` names, else the one the .tendercheck.yaml found from the current folder names, else
    the bundled one: what `tendercheck rules` and `explain` describe. Reads YAML only (no spaCy)."""
    if spec is None:
        found = discover(Path.cwd())
        spec = read_settings(found).rulebook if found else None
    return rulebook_mod.load(spec)


def load(options) -> Config:
    """The run's base config: --config, else a .tendercheck.yaml found from the current folder, else defaults.
    Validates the rulebook (matchers included) and every setting before any document is read."""
    if options.config_path:
        path = Path(options.config_path)
        if not path.exists() and not path.is_symlink():
            raise ConfigError(path, "no such config file")
        return _build(read_settings(path), options, per_document=False)
    found = discover(Path.cwd())
    return _build(read_settings(found) if found else Settings(), options, per_document=True)


def for_document(base: Config, path, options) -> Config:
    """The config for one document: the nearest .tendercheck.yaml above it, or the base config."""
    if not base.per_document:
        return base
    found = discover(Path(path))
    if found is None or str(found) == base.source:
        return base
    key = str(found)
    if key not in base._derived:
        derived = _build(read_settings(found), options, per_document=True)
        derived._notices = base._notices  # expired-waiver notices reach the report through base.notices()
        base._deprecations.extend(derived._deprecations)
        base._derived[key] = derived
    return base._derived[key]


def discover(start: Path) -> Path | None:
    try:
        folder = (start if start.is_dir() else start.parent).resolve()
    except OSError:
        return None
    for directory in (folder, *folder.parents):
        candidate = directory / CONFIG_NAME
        if candidate.is_file():
            return candidate
        if (directory / ".git").exists():
            return None
    return None


def read_settings(path: Path, chain: tuple = ()) -> Settings:
    path = Path(path)
    if len(chain) > MAX_EXTENDS or path.resolve() in chain:
        raise ConfigError(path, "extends forms a loop or is nested too deeply")
    data = load_mapping(path, ConfigError, empty_ok=True)
    where = schema.Where(path, data.line, ConfigError)
    schema.keys(where, data, CONFIG_NAME, CONFIG_FIELDS)
    at = functools.partial(where.at, data)
    settings = Settings(source=str(path.resolve()))
    if "extends" in data:
        parent = _profile_path(at("extends"), data["extends"], path.parent)
        settings = read_settings(parent, chain + (path.resolve(),))
        settings.source = str(path.resolve())
    if "rulebook" in data:
        name = _path_text(at("rulebook"), data["rulebook"], "rulebook")
        local = path.parent / name
        settings.rulebook = str(local) if local.exists() else name
    if "params" in data:
        params = schema.mapping(at("params"), data["params"], "params")
        settings.params.update({name: (value, at("params").at(params, name)) for name, value in params.items()})
    if "rules" in data:
        rules = schema.mapping(at("rules"), data["rules"], "rules")
        for rule_id, value in rules.items():
            rule_at = at("rules").at(rules, rule_id)
            merged = dict(settings.rules.get(rule_id, ({}, rule_at))[0])
            merged.update(_rule_setting(rule_at, rule_id, value))
            settings.rules[rule_id] = (merged, rule_at)
    if "fail_on" in data:
        settings.fail_on = schema.choice(at("fail_on"), data["fail_on"], "fail_on", FAIL_LEVELS)
    if "waivers" in data:
        settings.waivers = settings.waivers + _waivers(at("waivers"), data["waivers"], path)
    settings.pack = _pack(at("pack"), data["pack"], path.parent) if "pack" in data else ()
    if "limits" in data:
        given = schema.mapping(at("limits"), data["limits"], "limits")
        settings.limits = {**settings.limits, **{
            name: limits_mod.check_value(at("limits").at(given, name), name, value) for name, value in given.items()}}
    return settings


def _pack(where, value, folder: Path) -> tuple:
    """`pack: [itt.pdf, spec.docx, "schedules/*.xlsx"]`: files (or glob patterns) relative to the config's
    folder, checked together as one tender; a pattern matching nothing stays as written (then reported missing)."""
    names = schema.text_list(where, value, "pack", allow_empty=False)
    files = []
    for name in names:
        _path_text(where, name, "pack entry")
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise where.error(f"pack entry {name!r} must be a path inside the config's folder")
        matched = sorted(folder.glob(name)) if any(ch in name for ch in "*?[") else [folder / name]
        files.extend(p.resolve() for p in (matched or [folder / name]))
    return tuple(dict.fromkeys(files))


def _path_text(where, value, name: str) -> str:
    """A file or folder name from a config: text without control characters (a NUL, written "\0" in YAML,
    would make every file system call raise ValueError)."""
    value = schema.text(where, value, name)
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise where.error(f"{name} {value!r} holds a control character; a file name cannot")
    return value


def _profile_path(where, value, base_dir: Path) -> Path:
    value = _path_text(where, value, "extends")
    profile = PROFILES / f"{value}.yaml"
    if "/" not in value and not value.endswith((".yaml", ".yml")):
        if profile.is_file():
            return profile
        names = sorted(p.stem for p in PROFILES.glob("*.yaml"))
        raise where.error(f"unknown profile {value!r}{schema.suggest(value, names)} (bundled: {', '.join(names)}; "
                          "or give a path to a .yaml file)")
    path = base_dir / value
    if not path.exists() and not path.is_symlink():
        raise where.error(f"extends: no such file {value!r}")
    check_regular_file(path, lambda _path, message, line=None: where.error(f"extends: {value!r} {message}"))
    return path


def _rule_setting(where, rule_id, value) -> dict:
    if value in ("enable", "disable"):
        return {"enabled": value == "enable"}
    if isinstance(value, dict):
        schema.keys(where, value, f"rules.{rule_id}", RULE_SETTING_FIELDS)
        out = {}
        if "enabled" in value:
            if not isinstance(value["enabled"], bool):
                raise where.at(value, "enabled").error("enabled must be true or false")
            out["enabled"] = value["enabled"]
        if "severity" in value:
            out["severity"] = schema.choice(where.at(value, "severity"), value["severity"], "severity", SEVERITIES)
        return out
    raise where.error(f"rules.{rule_id} must be enable, disable or {{severity: ..., enabled: ...}}, not {value!r}")


def _waivers(where, value, path: Path) -> list[Waiver]:
    if not isinstance(value, list):
        raise where.error("waivers must be a list of {rule, path, reason, approved_by, expires}")
    out = []
    for i, item in enumerate(value):
        at = where.at(value, i)
        schema.keys(at.of(item), item, f"waiver {i + 1}", WAIVER_FIELDS, required=("rule", "reason", "approved_by"))
        expires = item.get("expires")
        if isinstance(expires, dt.datetime):
            expires = expires.date()
        elif isinstance(expires, str):
            try:
                expires = dt.date.fromisoformat(expires)
            except ValueError:
                raise at.at(item, "expires").error(
                    f"expires must be an ISO date such as 2026-03-31, not {expires!r}") from None
        elif expires is not None and not isinstance(expires, dt.date):
            raise at.at(item, "expires").error(f"expires must be an ISO date such as 2026-03-31, not {expires!r}")
        out.append(Waiver(
            rule=schema.text(at.at(item, "rule"), item["rule"], "waiver rule"),
            path=schema.text(at.at(item, "path"), item.get("path", "*"), "waiver path"),
            reason=" ".join(schema.text(at.at(item, "reason"), item["reason"], "waiver reason").split()),
            approved_by=schema.text(at.at(item, "approved_by"), item["approved_by"], "waiver approved_by").strip(),
            expires=expires, base_dir=str(path.parent.resolve()), file=str(path), line=at.line))
    return out


def _build(settings: Settings, options, per_document: bool) -> Config:
    book = rulebook_mod.load(options.rulebook or settings.rulebook, getattr(options, "cache", True)).compile()
    ids = [r.id for r in book.rules]
    allowed_params = ", ".join(sorted(book.params)) or "none"

    def check_param(where, name, value):
        if name not in book.params:
            raise where.error(f"unknown param {name!r}{schema.suggest(name, book.params)} (allowed: {allowed_params})")
        return rulebook_mod.check_param_value(where, name, value, book.params[name])

    params = {name: check_param(where, name, value) for name, (value, where) in settings.params.items()}
    cli = schema.Where("--param", None, ConfigError)
    params.update({name: check_param(cli, name, value) for name, value in (options.params or {}).items()})
    if getattr(options, "force", False):  # --force: every document is checked as a tender, whatever it reads as
        params.update({name: True for name in FORCE_PARAMS if name in book.params})

    enabled = {r.id: True for r in book.rules}
    severities = {}
    deprecations: list[str] = []

    def current(rule_id, where_text):
        """The current id for a rule id or a former one (noting the deprecation), else None."""
        new = book.current_id(rule_id)
        if new is not None and new != rule_id:
            deprecations.append(rulebook_mod.deprecated(rule_id, new, where_text))
        return new

    for rule_id, (setting, where) in settings.rules.items():
        new = current(rule_id, _where_text(where))
        if new is None:
            raise where.error(f"unknown rule {rule_id!r}{schema.suggest(rule_id, ids)} in rulebook {book.name}")
        enabled[new] = setting.get("enabled", enabled[new])
        if "severity" in setting:
            severities[new] = setting["severity"]
    waivers = []
    for waiver in settings.waivers:
        new = current(waiver.rule, waiver.source)
        if new is None:
            raise ConfigError(waiver.file, f"waiver names unknown rule {waiver.rule!r}"
                                           f"{schema.suggest(waiver.rule, ids)}", waiver.line)
        waivers.append(replace(waiver, rule=new))
    selected = _pick(options.select, book, "--select", deprecations) if options.select else None
    ignored = _pick(options.ignore, book, "--ignore", deprecations) if options.ignore else set()
    rules = [r for r in book.rules
             if (r.id in selected if selected is not None else enabled[r.id]) and r.id not in ignored]
    return Config(rulebook=book, rules=rules, params=params, severities=severities,
                  fail_on=options.fail_on or settings.fail_on or "error", waivers=waivers,
                  source=settings.source, per_document=per_document, _deprecations=deprecations,
                  pack=tuple(settings.pack), limits=_limits(settings, options),
                  jurisdiction=_jurisdiction(getattr(options, "jurisdiction", None)))


def _limits(settings: Settings, options) -> limits_mod.Limits:
    """Defaults, then the config's `limits:`, then --limit, --timeout and --max-memory."""
    cli = schema.Where("--limit", None, ConfigError)
    given = dict(getattr(options, "limits", None) or {})
    for name in ("timeout_s", "memory_mb"):
        if getattr(options, name, None) is not None:
            given[name] = getattr(options, name)
    checked = {name: limits_mod.check_value(cli, name, value) for name, value in given.items()}
    return limits_mod.merged(limits_mod.DEFAULTS, {**settings.limits, **checked})


def _jurisdiction(value):
    from checker.facts.jurisdiction import JURISDICTIONS

    if value is None:
        return None
    value = value.strip().lower().replace("-", "_").replace(" ", "_")
    if value not in JURISDICTIONS:
        raise ConfigError("--jurisdiction", f"{value!r} is not one of {', '.join(JURISDICTIONS)}")
    return value


def _where_text(where) -> str:
    return f"{where.path}:{where.line}" if where.line else str(where.path)


def names_rule(prefix: str, rule_id: str) -> bool:
    """True when prefix is rule_id or its start at a number's end: KIL-4.1 names KIL-4.1-lot-value-cap, not
    KIL-4.10-..."""
    p, i = prefix.lower(), rule_id.lower()
    if not i.startswith(p):
        return False
    return len(i) == len(p) or not (p[-1].isdigit() and i[len(p)].isdigit())


def _pick(prefixes, book, flag, deprecations: list) -> set:
    """The current ids that --select/--ignore prefixes name; a prefix naming no current id may name former
    ones (aliases), which count with a deprecation notice."""
    ids = [r.id for r in book.rules]
    out = set()
    for prefix in prefixes:
        hits = {i for i in ids if names_rule(prefix, i)}
        if not hits:
            former = {old: new for old, new in book.aliases.items() if names_rule(prefix, old)}
            for old, new in sorted(former.items()):
                deprecations.append(rulebook_mod.deprecated(old if old.lower() == prefix.lower() else prefix,
                                                            new, flag))
            hits = set(former.values())
        if not hits:
            raise ConfigError(flag, f"{prefix!r} matches no rule id{schema.suggest(prefix, ids)}")
        out |= hits
    return out


def starter_text(book: rulebook_mod.Rulebook) -> str:
    """A commented .tendercheck.yaml: every setting shown, none active, so it changes nothing until edited.
    Prose lines start with '##'; removing the leading '# ' from any other line gives a valid setting."""

    def setting(text: str, note: str) -> str:
        return f"# {text:<42}  # {note}"

    first = book.rules[0].id if book.rules else "RULE-ID"
    second = book.rules[-1].id if book.rules else "RULE-ID"
    users = {name: ["-".join(r.id.split("-")[:2]) for r in book.rules if name in r.params] for name in book.params}
    lines = [
        "## tendercheck configuration, found from each checked file's folder upwards (or give --config).",
        "## Uncomment and edit what you need. `tendercheck rules` lists the rules; `tendercheck explain ID` says",
        "## why one exists. Reference: docs/configuration.md.",
        "",
        setting("extends: default", "a bundled profile (default, strict) or a path to another config"),
        setting(f"rulebook: {book.name}", "a bundled rulebook name or a folder of your own rule files"),
        setting("fail_on: error", "error | warning | info | never: lowest severity that fails the run"),
        "",
        setting("params:", "override rule thresholds; these are the defaults"),
    ]
    lines += [setting(f"  {name}: {_yaml_scalar(value)}", ", ".join(users[name]) or "shared (rulebook.yaml)")
              for name, value in sorted(book.params.items())]
    lines += [
        "",
        setting("rules:", "per rule id: enable, disable or {severity: ..., enabled: ...}"),
        f"#   {first}: disable",
        f"#   {second}: {{severity: warning}}",
        "",
        setting("waivers:", "waived findings stay in every report, marked waived with the reason"),
        f"#   - rule: {first}",
        setting('    path: "tenders/*.pdf"', "glob, relative to this file's folder"),
        "#     reason: Agreed with the procurement board; the service needs one provider.",
        "#     approved_by: Head of Procurement",
        setting("    expires: 2026-12-31", "ISO date; after it the waiver stops applying and reports say so"),
        "",
    ]
    return "\n".join(lines)


def _yaml_scalar(value) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value) if isinstance(value, (str, list)) else str(value)


def write_starter(path=None) -> Path:
    """Write a starter .tendercheck.yaml at path (a folder or a file name); never overwrites. A path that
    ends in a slash, or names no existing file and does not end in .yaml or .yml, is a folder: 'init sub/' for
    a missing sub/ is an error, not a file named 'sub'."""
    text = str(path or ".")
    target = Path(text)
    if target.is_dir() or text.endswith(("/", os.sep)):
        target = target / CONFIG_NAME
    elif not target.exists() and target.suffix.lower() not in (".yaml", ".yml"):
        raise ConfigError(target, "no such folder (a config file's name ends in .yaml)")
    if target.exists():
        raise ConfigError(target, "already exists; not overwriting it")
    if not target.parent.is_dir():
        raise ConfigError(target, "folder does not exist")
    try:
        with open(target, "x", encoding="utf-8") as fh:  # "x": never overwrite, even if created meanwhile
            fh.write(starter_text(rulebook_mod.load()))
    except OSError as exc:
        raise ConfigError(target, f"cannot write: {exc.strerror or exc}") from None
    return target
