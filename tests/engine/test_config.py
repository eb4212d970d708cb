"""Config discovery, profiles, params, rule settings, --select/--ignore and waivers, through engine.evaluate."""

import datetime as dt
from pathlib import Path

import pytest

from checker import config, engine
from checker.api import CheckOptions
from checker.errors import ConfigError
from checker.extract.text import parse_text
from checker.facts.base import Facts
from checker.model import DocWarning, Location
from checker.nlp.pipeline import annotate

MINI = str(Path(__file__).resolve().parent / "data" / "mini")
BAD_DOC = "## Selection\nBidders must hold ISO 9001. Consortium bids will not be accepted.\n"


def options(**kw):
    return CheckOptions(rulebook=kw.pop("rulebook", MINI), **kw)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(cfg, text=BAD_DOC, path="tender.md", unreadable=False):
    document = parse_text(text, path=str(path))
    if unreadable:
        document.warnings.append(DocWarning("no-text-layer", "image page", Location(page=1)))
    return engine.evaluate(cfg, document, annotate(document), Facts())


def by_rule(findings):
    return {f.rule: f for f in findings}


def test_defaults_run_every_rule_and_score_steps():
    cfg = config.load(options())
    findings, steps = run(cfg)
    assert set(by_rule(findings)) == {"T-4.8-accreditation", "T-3.3-consortia", "T-5.1-codesign"}
    assert steps == {1: "n/a", 2: "n/a", 3: "barrier", 4: "barrier", 5: "barrier"}
    assert cfg.rulebook_info() == {"name": "mini", "version": "0.1", "rules": 3}


def test_steps_pass_and_turn_review_with_unread_pages():
    cfg = config.load(options())
    good = "The service was co-designed with residents. Bids from consortia are welcome. Hold ISO 9001 or equivalent."
    assert run(cfg, good)[1] == {1: "n/a", 2: "n/a", 3: "pass", 4: "pass", 5: "pass"}
    findings, steps = run(cfg, good, unreadable=True)
    assert findings == [] and steps[3] == "review" and steps[1] == "n/a"


def test_explicit_config_params_severity_disable_and_fail_on(tmp_path):
    cfg_path = write(tmp_path / "c.yaml", "fail_on: warning\nparams:\n  shared_label: Kent\nrules:\n"
                                          "  T-3.3-consortia: disable\n  T-4.8-accreditation: {severity: info}\n")
    cfg = config.load(options(config_path=str(cfg_path)))
    findings, steps = run(cfg)
    rules = by_rule(findings)
    assert "T-3.3-consortia" not in rules and steps[3] == "n/a"
    assert rules["T-4.8-accreditation"].severity == "info" and steps[4] == "pass"  # info is advice
    assert rules["T-5.1-codesign"].message.endswith("by Kent.")
    assert cfg.fail_on == "warning"
    assert config.load(options(config_path=str(cfg_path), fail_on="never")).fail_on == "never"


def test_cli_param_beats_config_param(tmp_path):
    cfg_path = write(tmp_path / "c.yaml", "params: {shared_label: Kent}\n")
    cfg = config.load(options(config_path=str(cfg_path), params={"shared_label": "Leeds"}))
    assert by_rule(run(cfg)[0])["T-5.1-codesign"].message.endswith("by Leeds.")


CONFIG_ERRORS = [
    ("params:\n  shared_lable: x\n", 2, ("unknown param 'shared_lable'; did you mean 'shared_label'? (allowed: "
                                        "shared_label)")),
    ("params:\n  shared_label: 5\n", 2, "param shared_label must be text"),
    ("rules:\n  T-9: disable\n", 2, "unknown rule 'T-9'"),
    ("rules:\n  T-3.3-consortia: off\n", 2, "must be enable, disable or"),
    ("rules:\n  T-3.3-consortia: {severity: high}\n", 2, "severity must be one of error, warning, info"),
    ("fail_on: sometimes\n", 1, "fail_on must be one of error, warning, info, never"),
    ("extends: strickt\n", 1, "unknown profile 'strickt'; did you mean 'strict'?"),
    ("colour: red\n", 1, "unknown key 'colour'"),
    ("waivers:\n  - rule: T-3.3-consortia\n    reason: ok\n", 2, "missing required key 'approved_by'"),
    ("waivers:\n  - {rule: T-3.3-consortia, reason: ok, approved_by: me, expires: soon}\n", 2, "ISO date"),
    ("waivers:\n  - {rule: T-0, reason: ok, approved_by: me}\n", 2, "waiver names unknown rule 'T-0'"),
    ("- a\n", 1, "top level must be a mapping"),
    ("x: !!python/name:os.system\n", 1, "tag !!python/name:os.system is not allowed"),
    ("a: &a [1]\nb: *a\n", 1, "anchors"),
]


@pytest.mark.parametrize("text,line,fragment", CONFIG_ERRORS)
def test_config_errors_name_file_and_line(tmp_path, text, line, fragment):
    cfg_path = write(tmp_path / ".tendercheck.yaml", text)
    with pytest.raises(ConfigError) as info:
        config.load(options(config_path=str(cfg_path)))
    assert info.value.path == str(cfg_path) and info.value.line == line, str(info.value)
    assert fragment in str(info.value)


@pytest.fixture(scope="module")
def cli_main():
    import importlib.util

    spec = importlib.util.spec_from_file_location("tendercheck_cli_cfg", Path(__file__).resolve().parents[2] / "cli.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


@pytest.mark.parametrize("text,line,fragment", CONFIG_ERRORS)
def test_config_errors_via_cli_are_one_line_exit_2(tmp_path, cli_runner, cli_main, text, line, fragment):
    cfg_path = write(tmp_path / ".tendercheck.yaml", text)
    doc = write(tmp_path / "t.md", BAD_DOC)
    result = cli_runner.invoke(cli_main, ["check", "--rulebook", MINI, "--config", str(cfg_path), str(doc)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{cfg_path}:{line}: " in lines[0] and fragment in lines[0]


def test_cli_param_errors():
    with pytest.raises(ConfigError) as info:
        config.load(options(params={"nope": 1}))
    assert str(info.value) == "--param: unknown param 'nope' (allowed: shared_label)"
    with pytest.raises(ConfigError, match="matches no rule id"):
        config.load(options(select=("X-",)))


def test_select_and_ignore_by_prefix():
    cfg = config.load(options(select=("T-4", "T-3"), ignore=("T-3.3",)))
    assert [r.id for r in cfg.rules] == ["T-4.8-accreditation"]


def test_extends_profile_and_path_with_override(tmp_path):
    base = write(tmp_path / "shared" / "base.yaml", "extends: strict\nparams: {shared_label: Kent}\n")
    cfg_path = write(tmp_path / "team" / "c.yaml", "extends: ../shared/base.yaml\nrules: {T-5.1-codesign: disable}\n")
    cfg = config.load(options(config_path=str(cfg_path)))
    assert cfg.fail_on == "warning"  # from the bundled strict profile
    assert cfg.params == {"shared_label": "Kent"}
    assert "T-5.1-codesign" not in [r.id for r in cfg.rules]
    write(base, "extends: ../team/c.yaml\n")
    with pytest.raises(ConfigError, match="loop"):
        config.load(options(config_path=str(cfg_path)))


def test_discovery_walks_up_and_stops_at_git_root(tmp_path):
    repo = tmp_path / "repo"
    write(tmp_path / ".tendercheck.yaml", "params: {shared_label: Outside}\n")  # above the repository: ignored
    (repo / ".git").mkdir(parents=True)
    doc = write(repo / "tenders" / "2026" / "t.md", BAD_DOC)
    assert config.discover(doc) is None
    found = write(repo / ".tendercheck.yaml", "params: {shared_label: Repo}\n")
    assert config.discover(doc) == found.resolve()
    nearer = write(repo / "tenders" / ".tendercheck.yaml", "params: {shared_label: Tenders}\n")
    assert config.discover(doc) == nearer.resolve()


def test_for_document_uses_nearest_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    write(tmp_path / "north" / ".tendercheck.yaml", "params: {shared_label: North}\n")
    doc_north = write(tmp_path / "north" / "t.md", BAD_DOC)
    doc_south = write(tmp_path / "south" / "t.md", BAD_DOC)
    opts = options()
    base = config.load(opts)
    north = config.for_document(base, doc_north, opts)
    assert north is not base and north.params == {"shared_label": "North"}
    assert config.for_document(base, doc_south, opts) is base
    assert config.for_document(base, doc_north, opts) is north  # built once
    explicit = config.load(options(config_path=str(tmp_path / "north" / ".tendercheck.yaml")))
    assert config.for_document(explicit, doc_south, opts) is explicit


def test_expired_waiver_in_a_nested_config_reaches_the_run_notices(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    write(tmp_path / "north" / ".tendercheck.yaml",
          "waivers:\n  - {rule: T-3.3-consortia, reason: old, approved_by: me, expires: 2019-05-01}\n")
    doc = write(tmp_path / "north" / "t.md", BAD_DOC)
    opts = options()
    base = config.load(opts)
    findings, _ = run(config.for_document(base, doc, opts), path=doc)
    assert not by_rule(findings)["T-3.3-consortia"].waived
    assert any("expired on 2019-05-01" in n for n in base.notices())


def test_waiver_marks_finding_with_reason_and_keeps_it(tmp_path):
    cfg_path = write(tmp_path / ".tendercheck.yaml", (
        "waivers:\n"
        "  - rule: T-3.3-consortia\n    path: 'tenders/*.md'\n    reason: Single regulated provider needed\n"
        "    approved_by: Head of Procurement\n    expires: 2999-12-31\n"))
    cfg = config.load(options(config_path=str(cfg_path)))
    findings, steps = run(cfg, path=tmp_path / "tenders" / "t.md")
    waived = by_rule(findings)["T-3.3-consortia"]
    assert waived.waived and waived.waiver["reason"] == "Single regulated provider needed"
    assert waived.to_dict()["waiver"]["approved_by"] == "Head of Procurement"
    assert steps[3] == "pass"  # the only barrier of step 3 is waived
    other, _ = run(cfg, path=tmp_path / "elsewhere" / "t.md")
    assert not by_rule(other)["T-3.3-consortia"].waived  # glob does not match
    assert cfg.notices() == []


def test_expired_waiver_stops_applying_and_says_so(tmp_path):
    cfg_path = write(tmp_path / ".tendercheck.yaml", (
        "waivers:\n  - {rule: T-3.3-consortia, reason: old deal, approved_by: me, expires: 2020-01-31}\n"))
    cfg = config.load(options(config_path=str(cfg_path)))
    findings, steps = run(cfg)
    assert not by_rule(findings)["T-3.3-consortia"].waived and steps[3] == "barrier"
    notices = cfg.notices()
    assert len(notices) == 1 and "expired on 2020-01-31" in notices[0] and "T-3.3-consortia" in notices[0]
    cfg.today = dt.date(2020, 1, 31)  # still valid on its expiry day
    assert by_rule(run(cfg)[0])["T-3.3-consortia"].waived


def test_starter_config_loads_and_init_refuses_to_overwrite(tmp_path):
    written = config.write_starter(tmp_path)
    assert written.name == ".tendercheck.yaml"
    text = written.read_text()
    assert "waivers:" in text and "extends:" in text
    cfg = config.load(CheckOptions(config_path=str(written)))  # all comments: the bundled defaults
    assert cfg.params == {} and cfg.fail_on == "error"
    for name in cfg.rulebook.params:  # every param a council may set is listed with its default
        assert f"#   {name}: " in text
    uncommented = "\n".join(line if line.startswith("##") or not line else line[2:] for line in text.splitlines())
    live = write(tmp_path / "live.yaml", uncommented)
    cfg = config.load(CheckOptions(config_path=str(live)))  # every shown setting is valid as written
    assert cfg.params == cfg.rulebook.params and cfg.waivers[0].reason.startswith("Agreed")
    assert len(cfg.rules) == len(cfg.rulebook.rules) - 1
    with pytest.raises(ConfigError, match="already exists"):
        config.write_starter(tmp_path)


def test_matchers_are_built_once_per_rulebook_and_each_document_scanned_once(monkeypatch):
    from checker.ruletypes.matching import MatcherBank

    cfg = config.load(options())
    compiled = cfg.rulebook.bank.compile()
    scans = []
    original = MatcherBank.scan
    monkeypatch.setattr(MatcherBank, "scan", lambda self, docs: scans.append(len(docs)) or original(self, docs))
    run(cfg)
    run(cfg, "Another tender. Hold ISO 9001.")
    assert scans == [2, 1]  # one scan per document, shared by every rule
    assert config.load(options()).rulebook is cfg.rulebook  # loaded once per folder until a file changes
    assert cfg.rulebook.bank.compile() is compiled
