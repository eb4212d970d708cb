"""Former rule ids (issue 12, item 6): the rules about who can take part moved from step 4 to step 3 and were
renumbered (KIL-4.4 to KIL-4.13 became KIL-3.9 to KIL-3.18). An old id keeps working in `rules:`, waivers,
baselines, --select/--ignore and `explain`, with one stderr line naming the old and the new id; reports use
the new id."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from checker import rulebook
from checker.errors import RulebookError
from checker.findings import fingerprint_words
from tests.report.conftest import load_cli

TENDER = """# Support services

Easterby District Council invites tenders under the Procurement Act 2023 for support services worth
£150,000 over 2 years.

## Selection

All bidders must provide three years' audited accounts with their tender.
The Council will pay valid invoices within 60 days of receipt.
"""
RENAMED = {"KIL-4.4-turnover-ratio": "KIL-3.9-turnover-ratio", "KIL-4.5-audited-accounts": "KIL-3.10-audited-accounts",
           "KIL-4.6-insurance-at-bid": "KIL-3.11-insurance-at-bid",
           "KIL-4.7-prior-experience": "KIL-3.12-prior-experience",
           "KIL-4.8-accreditation-no-equivalent": "KIL-3.13-accreditation-no-equivalent",
           "KIL-4.9-below-threshold-prequal": "KIL-3.14-below-threshold-prequal",
           "KIL-4.10-tender-window": "KIL-3.15-tender-window", "KIL-4.11-payment-terms": "KIL-3.16-payment-terms",
           "KIL-4.12-sme-barrier-statement": "KIL-3.17-sme-barrier-statement",
           "KIL-4.13-public-sector-experience": "KIL-3.18-public-sector-experience"}


@pytest.fixture
def main():
    return load_cli().main


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # no .tendercheck.yaml from above the test folder
    (tmp_path / "tender.md").write_text(TENDER, encoding="utf-8")
    return tmp_path


def _json(result) -> dict:
    return json.loads(result.stdout)


def _rules(data) -> dict:
    return {f["rule"]: f for f in data["documents"][0]["findings"]}


def _deprecations(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if "deprecated" in line]


def test_the_bundled_rulebook_maps_every_former_id_to_a_step_3_rule():
    book = rulebook.load()
    assert book.aliases == RENAMED
    for new in RENAMED.values():
        rule = book.get(new)
        assert rule.step == 3 and rule.path.endswith(f"{new}.yaml")
    assert not any(r.id.startswith("KIL-4.") and r.step != 4 for r in book.rules), "step-4 ids are step-4 rules"
    assert book.get("KIL-4.5").id == "KIL-3.10-audited-accounts"  # the short former id too
    assert book.get("KIL-4.1").id == "KIL-4.1-lot-value-cap"  # a current id wins over former ones


def test_a_former_id_in_rules_sets_the_new_rule_with_one_stderr_line(cli_runner, main, folder):
    (folder / ".tendercheck.yaml").write_text("rules:\n  KIL-4.5-audited-accounts: {severity: info}\n"
                                              "  KIL-4.11-payment-terms: disable\n")
    result = cli_runner.invoke(main, ["check", "tender.md", "-f", "json"])
    found = _rules(_json(result))
    assert found["KIL-3.10-audited-accounts"]["severity"] == "info"
    assert "KIL-3.16-payment-terms" not in found
    assert not any(r.startswith(("KIL-4.5", "KIL-4.11")) for r in found), "reports use new ids"
    notes = _deprecations(result)
    assert len(notes) == 2, result.stderr
    assert all(line.startswith("tendercheck: warning: ") and ".tendercheck.yaml:" in line for line in notes)
    assert "KIL-4.5-audited-accounts is deprecated: it is now KIL-3.10-audited-accounts" in notes[0]
    assert "KIL-4.11-payment-terms is deprecated: it is now KIL-3.16-payment-terms" in notes[1]


def test_a_waiver_naming_a_former_id_waives_the_new_rules_finding(cli_runner, main, folder):
    (folder / ".tendercheck.yaml").write_text(
        "waivers:\n  - rule: KIL-4.11-payment-terms\n    reason: Agreed 60-day terms with the grant funder.\n"
        "    approved_by: Head of Procurement\n")
    result = cli_runner.invoke(main, ["check", "tender.md", "-f", "json"])
    payment = _rules(_json(result))["KIL-3.16-payment-terms"]
    assert payment["waived"] is True and payment["waiver"]["approved_by"] == "Head of Procurement"
    assert any("KIL-4.11-payment-terms is deprecated: it is now KIL-3.16-payment-terms" in n
               for n in _deprecations(result)), result.stderr


def test_select_and_ignore_take_former_ids(cli_runner, main, folder):
    result = cli_runner.invoke(main, ["check", "tender.md", "-f", "json", "--select", "KIL-4.5"])
    assert set(_rules(_json(result))) == {"KIL-3.10-audited-accounts"}
    assert "rule id KIL-4.5 is deprecated: it is now KIL-3.10-audited-accounts" in result.stderr
    result = cli_runner.invoke(main, ["check", "tender.md", "-f", "json", "--ignore", "KIL-4.11-payment-terms"])
    found = _rules(_json(result))
    assert "KIL-3.10-audited-accounts" in found and "KIL-3.16-payment-terms" not in found
    assert "--ignore: rule id KIL-4.11-payment-terms is deprecated" in result.stderr


def test_a_number_prefix_ends_at_the_number(cli_runner, main, folder):
    """KIL-4.1 is the lot cap, not the former KIL-4.10 to 4.13; KIL-4 is today's step 4."""
    from checker import config
    from checker.api import CheckOptions

    cfg = config.load(CheckOptions(select=("KIL-4.1",)))
    assert [r.id for r in cfg.rules] == ["KIL-4.1-lot-value-cap"] and not cfg.deprecations()
    cfg = config.load(CheckOptions(select=("KIL-4",)))
    assert {r.step for r in cfg.rules} == {4} and not cfg.deprecations()
    cfg = config.load(CheckOptions(select=("KIL-2.1",)))
    assert [r.id for r in cfg.rules] == ["KIL-2.1-sv-criterion-missing"]


def test_a_baseline_written_under_former_ids_still_matches(cli_runner, main, folder):
    """A baseline from before the renumbering names the old id, and its fingerprints hash the old id."""
    live = _json(cli_runner.invoke(main, ["check", "tender.md", "-f", "json"]))["documents"][0]["findings"]
    renamed_back = {new: old for old, new in RENAMED.items()}
    entries = []
    for f in live:
        old = renamed_back.get(f["rule"], f["rule"])
        words = fingerprint_words(f["evidence"] or f["message"])
        entries.append({"path": "tender.md", "rule": old, "where": "", "message": f["message"],
                        "fingerprint": hashlib.sha256(f"{old}\x00{words}".encode()).hexdigest()[:16]})
    assert {"KIL-4.5-audited-accounts", "KIL-4.11-payment-terms"} <= {e["rule"] for e in entries}
    (folder / "baseline.json").write_text(json.dumps({"schema": "tendercheck/baseline/v1", "findings": entries}))
    result = cli_runner.invoke(main, ["check", "tender.md", "-f", "json", "--baseline", "baseline.json"])
    assert result.exit_code == 0, result.output
    report = _json(result)
    assert report["documents"][0]["findings"] == [] and report["summary"]["baselined"] == len(entries)
    assert any("baseline.json: rule id KIL-4.5-audited-accounts is deprecated" in n for n in _deprecations(result))


def test_explain_takes_a_former_id(cli_runner, main, folder):
    result = cli_runner.invoke(main, ["explain", "KIL-4.11"])
    assert result.exit_code == 0
    assert result.stdout.startswith("KIL-3.16-payment-terms: ")
    assert "former id (deprecated): KIL-4.11-payment-terms" in result.stdout
    assert "rule id KIL-4.11 is deprecated: it is now KIL-3.16-payment-terms" in result.stderr


def test_an_alias_that_is_another_rules_id_is_a_rulebook_error(tmp_path):
    source = rulebook.load().get("KIL-3.10-audited-accounts")
    text = Path(source.path).read_text(encoding="utf-8")
    book = tmp_path / "book"
    book.mkdir()
    (book / "rulebook.yaml").write_text((Path(source.path).parent / "rulebook.yaml").read_text(encoding="utf-8"))
    (book / "KIL-3.10-audited-accounts.yaml").write_text(text, encoding="utf-8")
    other = Path(rulebook.load().get("KIL-3.16-payment-terms").path).read_text(encoding="utf-8")
    (book / "KIL-3.16-payment-terms.yaml").write_text(
        other.replace("aliases: [KIL-4.11-payment-terms]", "aliases: [KIL-3.10-audited-accounts]"), encoding="utf-8")
    with pytest.raises(RulebookError, match="alias 'KIL-3.10-audited-accounts' is the id of another rule"):
        rulebook.load(str(book))
