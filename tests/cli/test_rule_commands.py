"""tendercheck rules / explain / test-rules / init, and a user's whole journey with a rule of their own."""

import importlib.util
import json
import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "engine" / "data" / "mini"


@pytest.fixture(scope="module")
def main():
    """cli.main loaded by path: under pytest the tests/cli package would shadow `import cli`."""
    spec = importlib.util.spec_from_file_location("tendercheck_cli_rules", ROOT / "cli.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def test_rules_text_lists_each_rule_once(cli_runner, main):
    result = cli_runner.invoke(main, ["rules", "--rulebook", str(MINI)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["T-3.3-consortia", "T-4.8-accreditation", "T-5.1-codesign"]
    assert lines[-1] == "3 rule(s) in mini 0.1"


def test_rules_step_filter_and_json(cli_runner, main):
    result = cli_runner.invoke(main, ["rules", "--rulebook", str(MINI), "--step", "4", "--format", "json"])
    data = json.loads(result.output)
    assert [r["id"] for r in data["rules"]] == ["T-4.8-accreditation"]
    assert data["rules"][0]["citations"][0]["url"].startswith("https://")
    assert data["params"] == {"shared_label": "the council"}


def test_rules_markdown_for_bundled_rulebook(cli_runner, main):
    result = cli_runner.invoke(main, ["rules", "--format", "markdown", "--step", "2"])
    assert result.exit_code == 0, result.output
    assert "## Step 2: Demonstrate social value" in result.output and "## Step 4" not in result.output


def test_explain_shows_everything(cli_runner, main):
    result = cli_runner.invoke(main, ["explain", "T-5.1-codesign", "--rulebook", str(MINI)])
    assert result.exit_code == 0, result.output
    out = result.output
    for part in ("T-5.1-codesign: Local people helped design the service", "step 5", "warning",
                 "Keep it Local step 5 asks", "How to Keep it Local, Step 5, 2017", "shared_label = the council",
                 "The specification was co-designed", "Examples that should pass:", "lived experience panel"):
        assert part in out, part


def test_explain_accepts_the_short_id(cli_runner, main):
    result = cli_runner.invoke(main, ["explain", "KIL-2.2"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("KIL-2.2-sv-weight-below-10: ")
    assert "Facts read: " in result.output and "evaluation.social_value_pct" in result.output
    ambiguous = cli_runner.invoke(main, ["explain", "T", "--rulebook", str(MINI)])
    assert ambiguous.exit_code == 2 and "matches several rules" in ambiguous.stderr


def test_explain_unknown_rule_is_exit_2(cli_runner, main):
    result = cli_runner.invoke(main, ["explain", "T-5.1-codesing", "--rulebook", str(MINI)])
    assert result.exit_code == 2
    assert "no such rule 'T-5.1-codesing'; did you mean 'T-5.1-codesign'?" in result.stderr


def test_test_rules_passes_on_a_good_rulebook(cli_runner, main):
    result = cli_runner.invoke(main, ["test-rules", str(MINI)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "11 passed, 0 failed"


def test_test_rules_reports_each_failing_example(cli_runner, main, tmp_path):
    book = tmp_path / "book"
    shutil.copytree(MINI, book)
    rule = book / "T-4.8-accreditation.yaml"
    # a wrong example: this text has no accreditation, so it cannot fail the rule
    rule.write_text(rule.read_text().replace('"Bidders must hold ISO 9001. Bidders must hold Cyber Essentials Plus."',
                                             '"Bidders must be nice."'))
    result = cli_runner.invoke(main, ["test-rules", str(book)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines == ["FAIL T-4.8-accreditation-fail-0: expected a violation, got none", "10 passed, 1 failed"]
    one = cli_runner.invoke(main, ["test-rules", str(rule)])  # a single rule file runs that rule only
    assert one.output.splitlines()[-1] == "3 passed, 1 failed"
    rule.write_text(rule.read_text().replace("Suppliers shall be certified to ISO 9001", "Suppliers shall be nice"))
    named = cli_runner.invoke(main, ["test-rules", str(rule)])
    assert "FAIL T-4.8-accreditation-fail-1 (certified at bid): expected a violation, got none" in named.output


def test_init_writes_once(cli_runner, main, tmp_path):
    result = cli_runner.invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 0 and (tmp_path / ".tendercheck.yaml").is_file()
    before = (tmp_path / ".tendercheck.yaml").read_text()
    again = cli_runner.invoke(main, ["init", str(tmp_path)])
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert (tmp_path / ".tendercheck.yaml").read_text() == before


def test_init_into_a_missing_folder_is_an_error_not_a_file(cli_runner, main, tmp_path, monkeypatch):
    """'tendercheck init sub/' wrote a config file named 'sub' when sub/ did not exist."""
    monkeypatch.chdir(tmp_path)
    for arg in ("sub/", "sub"):
        result = cli_runner.invoke(main, ["init", arg])
        assert result.exit_code == 2, result.output
        assert not (tmp_path / "sub").exists()
    assert "folder does not exist" in cli_runner.invoke(main, ["init", "sub/"]).stderr
    assert "no such folder" in result.stderr
    named = cli_runner.invoke(main, ["init", "council.tendercheck.yaml"])
    assert named.exit_code == 0 and (tmp_path / "council.tendercheck.yaml").is_file()
    (tmp_path / "sub").mkdir()
    assert cli_runner.invoke(main, ["init", "sub"]).exit_code == 0 and (tmp_path / "sub" / ".tendercheck.yaml").is_file()


USER_RULE = textwrap.dedent("""\
    id: CITY-1-sv-weight
    step: 2
    title: Social value carries enough of the score
    type: threshold
    severity: error
    options:
      fact: evaluation.social_value_pct
      op: ">="
      param: city_min_sv_pct
      missing: review
    params:
      city_min_sv_pct: 10
    message: "Social value is {value}% of the score; the city asks for {city_min_sv_pct}%."
    rationale: Our council's social value policy (2025) asks for at least 10% (a local benchmark).
    citations:
      - {title: City Council Social Value Policy, year: 2025}
    fix: Raise social value to the city's minimum.
    examples:
      pass:
        - "| Criterion | Weighting |\\n|---|---|\\n| Price | 50% |\\n| Quality | 38% |\\n| Social value | 12% |"
      fail:
        - "| Criterion | Weighting |\\n|---|---|\\n| Price | 60% |\\n| Quality | 35% |\\n| Social value | 5% |"
        - {text: "| Criterion | Weighting |\\n|---|---|\\n| Price | 60% |\\n| Quality | 28% |\\n| Social value | 12% |",
           params: {city_min_sv_pct: 15}, name: stricter city}
    """)
TENDER = textwrap.dedent("""\
    # Community meals service

    ## Award criteria
    | Criterion | Weighting |
    |---|---|
    | Price | 50% |
    | Quality | 38% |
    | Social value | 12% |
    """)


def _findings(cli_runner, main, args):
    result = cli_runner.invoke(main, ["check", "tender.md", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output + result.stderr
    report = json.loads(result.stdout)
    return result.exit_code, report, [f for f in report["documents"][0]["findings"] if f["rule"] == "CITY-1-sv-weight"]


def test_user_rule_journey(cli_runner, main, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # discovery stops here
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "CITY-1-sv-weight.yaml").write_text(USER_RULE)
    (tmp_path / "tender.md").write_text(TENDER)

    tested = cli_runner.invoke(main, ["test-rules", "rules"])
    assert tested.exit_code == 0 and tested.output.strip() == "3 passed, 0 failed", tested.output

    (tmp_path / ".tendercheck.yaml").write_text("rulebook: rules\n")
    listed = cli_runner.invoke(main, ["rules"])  # the rulebook the config names
    assert listed.output.splitlines()[0].startswith("CITY-1-sv-weight ")
    assert cli_runner.invoke(main, ["explain", "CITY-1"]).output.startswith("CITY-1-sv-weight: ")
    code, report, findings = _findings(cli_runner, main, [])
    assert code == 0 and findings == [] and report["rulebook"]["rules"] == 1
    assert report["documents"][0]["steps"]["2"]["status"] == "pass"

    (tmp_path / ".tendercheck.yaml").write_text("rulebook: rules\nparams:\n  city_min_sv_pct: 15\n")
    code, report, findings = _findings(cli_runner, main, [])
    assert code == 1 and len(findings) == 1
    assert findings[0]["message"] == "Social value is 12% of the score; the city asks for 15%."
    assert findings[0]["waived"] is False and report["documents"][0]["steps"]["2"]["status"] == "barrier"

    code, _, findings = _findings(cli_runner, main, ["--param", "city_min_sv_pct=12"])
    assert code == 0 and findings == []  # the command line beats the config file

    (tmp_path / ".tendercheck.yaml").write_text(
        "rulebook: rules\nparams:\n  city_min_sv_pct: 15\nwaivers:\n  - rule: CITY-1-sv-weight\n"
        "    path: tender.md\n    reason: Cabinet agreed 12% for this pilot\n    approved_by: Director of Finance\n"
        "    expires: 2999-01-01\n")
    code, report, findings = _findings(cli_runner, main, [])
    assert code == 0 and len(findings) == 1 and findings[0]["waived"] is True
    assert findings[0]["waiver"]["reason"] == "Cabinet agreed 12% for this pilot"
    assert report["summary"]["waived"] == 1 and report["notices"] == []

    (tmp_path / ".tendercheck.yaml").write_text(
        "rulebook: rules\nparams:\n  city_min_sv_pct: 15\nwaivers:\n  - rule: CITY-1-sv-weight\n"
        "    reason: Cabinet agreed 12% for this pilot\n    approved_by: Director of Finance\n    expires: 2001-01-01\n")
    code, report, findings = _findings(cli_runner, main, [])
    assert code == 1 and findings[0]["waived"] is False
    assert any("expired on 2001-01-01" in n for n in report["notices"])


def test_check_with_bad_config_is_one_line_exit_2(cli_runner, main, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "tender.md").write_text(TENDER)
    (tmp_path / ".tendercheck.yaml").write_text("params:\n  no_such_param: 3\n")
    result = cli_runner.invoke(main, ["check", "tender.md"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and ".tendercheck.yaml:2: unknown param 'no_such_param'" in lines[0]
    assert "allowed: " in lines[0]
