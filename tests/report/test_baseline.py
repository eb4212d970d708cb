"""Baselines: known findings leave the live set (and stop failing the run) but stay counted; new ones stay.
Fingerprints survive page renumbering and re-flowed text."""

import dataclasses
import json

import pytest

from checker import baseline
from checker.errors import ConfigError
from checker.model import Location

from .conftest import finding, make_report


def moved(f, **changes):
    return dataclasses.replace(f, **changes)


def test_write_then_apply_takes_out_every_live_finding(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = make_report()
    assert report.fails("warning")
    baseline.write(report, tmp_path / "baseline.json")
    fresh = make_report()
    baseline.apply(fresh, tmp_path / "baseline.json")
    doc = fresh.documents[0]
    assert [f.rule for f in doc.findings] == ["KIL-3.10-audited-accounts"], "the waived one stays, as waived"
    assert len(doc.baselined) == 3
    assert not fresh.fails("info")
    assert fresh.summary()["baselined"] == 3 and fresh.summary()["findings"] == 0
    assert fresh.to_dict()["documents"][0]["baselined"] == 3


def test_new_findings_stay_live(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    baseline.write(make_report(), tmp_path / "b.json")
    report = make_report()
    new = finding(rule="KIL-3.16-payment-terms", severity="error", evidence="Payment within 60 days.")
    report.documents[0].findings.append(new)
    baseline.apply(report, tmp_path / "b.json")
    assert [f.rule for f in report.documents[0].findings if not f.waived] == ["KIL-3.16-payment-terms"]
    assert report.fails("error")


def test_renumbered_pages_and_reflowed_quotes_still_match(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    baseline.write(make_report(), tmp_path / "b.json")
    report = make_report()
    doc = report.documents[0]
    doc.findings[:] = [moved(f, location=Location(page=(f.location.page or 0) + 3, section="Annex"),
                             evidence=f.evidence.replace(" ", "\n").replace("Borough-wide", "Borough-\nwide"))
                       for f in doc.findings]
    baseline.apply(report, tmp_path / "b.json")
    assert [f.rule for f in doc.findings] == ["KIL-3.10-audited-accounts"]


def test_changed_evidence_is_a_new_finding():
    f = finding()
    assert moved(f, evidence="Lot 1: Borough-wide support, £2,400,000 over 5 years").fingerprint != f.fingerprint
    assert moved(f, rule="KIL-4.3-bundling").fingerprint != f.fingerprint
    absent = finding(evidence="", message="No market engagement found; page 7 could not be read.")
    assert moved(absent, message="No market engagement found; page 9 could not be read.").fingerprint \
        == absent.fingerprint


def test_a_repeated_finding_beyond_the_baseline_count_is_new(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    baseline.write(make_report(), tmp_path / "b.json")
    report = make_report()
    report.documents[0].findings.append(moved(report.documents[0].findings[0], location=Location(page=11)))
    baseline.apply(report, tmp_path / "b.json")
    assert [f.location.page for f in report.documents[0].findings if not f.waived] == [11]


def test_paths_are_relative_to_the_baseline_file(tmp_path, monkeypatch):
    (tmp_path / "ci").mkdir()
    monkeypatch.chdir(tmp_path)
    baseline.write(make_report(), tmp_path / "ci" / "b.json")
    entries = json.loads((tmp_path / "ci" / "b.json").read_text())["findings"]
    assert {e["path"] for e in entries} == {"../tenders/borough-support.pdf"}
    report = make_report()
    for result in report.documents:  # the same documents named from another working folder
        result.document.path = str(tmp_path / result.document.path)
    monkeypatch.chdir(tmp_path / "ci")
    baseline.apply(report, tmp_path / "ci" / "b.json")
    assert len(report.documents[0].baselined) == 3


@pytest.mark.parametrize("content, message", [
    (None, "not found"),
    ("{not json", "not valid JSON"),
    ('{"schema": "other", "findings": []}', "not a tendercheck baseline"),
    ('{"schema": "tendercheck/baseline/v1", "findings": [{"path": 1}]}', "needs string path"),
])
def test_bad_baseline_files_are_config_errors(tmp_path, content, message):
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        baseline.apply(make_report(), path)
