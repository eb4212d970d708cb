"""OCDS streamed: release packages, record packages and JSON Lines read a release at a time; tender-stage notices
by default, --stage and --open choose others, skipped notices are counted; every report names each notice by
title, buyer and ocid."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from checker.api import CheckOptions, check
from checker.errors import InputError
from checker.extract import ocds

ROOT = Path(__file__).resolve().parents[2]


def release(n: int, tag="tender", closes="2026-03-31", title=None, buyer="Exeter City Council", **extra) -> dict:
    tender = {"title": title or f"Community meals round {n}", "description": "Hot meals delivered to older "
              "residents at home across the city, five days a week.",
              "value": {"amount": 120000 + n, "currency": "GBP"},
              "tenderPeriod": {"endDate": f"{closes}T12:00:00Z"} if closes else {}}
    return {"ocid": f"ocds-test-{n}", "id": f"ocds-test-{n}-{tag}", "tag": [tag] if tag else [],
            "buyer": {"name": buyer}, "tender": tender, **extra}


def mixed() -> list[dict]:
    """Two tender notices, an amendment, a planning notice, an award and a contract notice."""
    return [release(1), release(2, "tenderAmendment"), release(3, "planning"), release(4, "award"),
            release(5, "tenderUpdate", closes="2025-01-10"), release(6, "contract")]


def names(report) -> list[str]:
    return [r.document.path.rpartition("#")[2] for r in report.documents]


def test_release_package_record_package_and_json_lines_give_the_same_notices(tmp_path):
    releases = mixed()
    package = tmp_path / "package.json"
    package.write_text(json.dumps({"publisher": {"name": "Test"}, "releases": releases}, indent=2))
    records = tmp_path / "records.json"
    records.write_text(json.dumps({"records": [{"ocid": r["ocid"], "releases": [r]} for r in releases]}))
    lines = tmp_path / "notices.jsonl"
    lines.write_text("".join(json.dumps(r) + "\n" for r in releases))
    packages_per_line = tmp_path / "packages.txt"  # JSON Lines by content: a package per line, any name
    packages_per_line.write_text("".join(json.dumps({"releases": [r]}) + "\n" for r in releases))
    every = CheckOptions(stages=("all",), jobs=1)
    for path in (package, records, lines):
        assert [n.name for n in ocds.notices(path)] == [f"ocds-test-{n}" for n in range(1, 7)]
    assert names(check([packages_per_line], every)) == [f"ocds-test-{n}" for n in range(1, 7)]
    report = check([package], CheckOptions(jobs=1))
    assert names(report) == ["ocds-test-1", "ocds-test-2", "ocds-test-5"]  # tender, tenderAmendment, tenderUpdate
    assert report.skipped == {"stage": 3}
    assert report.summary()["skipped"] == {"stage": 3}
    assert report.documents[0].document.metadata["publisher"] == "Test"


def test_stage_and_open_choose_notices_and_count_the_rest(tmp_path):
    path = tmp_path / "notices.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in mixed() + [release(7, closes=None)]))
    award = check([path], CheckOptions(stages=("award", "planning"), jobs=1))
    assert names(award) == ["ocds-test-3", "ocds-test-4"] and award.skipped == {"stage": 5}
    live = check([path], CheckOptions(open_only=True, today=date(2025, 6, 1), jobs=1))
    assert names(live) == ["ocds-test-1", "ocds-test-2"]  # 5 closed on 10 January; 7 gives no closing date
    assert live.skipped == {"stage": 3, "closed": 1, "no_closing_date": 1}
    later = check([path], CheckOptions(open_only=True, today=date(2026, 4, 1), jobs=1))
    assert names(later) == [] and later.skipped["closed"] == 3


def test_a_compiled_release_is_staged_by_what_it_holds():
    assert ocds.stage_of({"tag": ["compiled"], "tender": {}, "awards": [{"id": "1"}]}) == "award"
    assert ocds.stage_of({"tag": ["compiled"], "tender": {}}) == "tender"
    assert ocds.stage_of({"tag": ["tender", "award"]}) == "award"  # the latest stage it announces
    assert ocds.stage_of({"tag": "planning", "planning": {}}) == "planning"
    assert ocds.is_open({"tender": {"status": "cancelled", "tenderPeriod": {"endDate": "2099-01-01"}}},
                        date(2025, 1, 1)) is False


def test_a_bad_line_costs_that_line_only(tmp_path, cli_runner):
    from cli import main

    path = tmp_path / "notices.jsonl"
    path.write_text(json.dumps(release(1)) + "\n{not json\n" + '{"a": ' * 5000 + "1" + "}" * 5000 + "\n"
                    + json.dumps(release(2)) + "\n")
    result = cli_runner.invoke(main, ["check", str(path), "-f", "json", "-j", "1"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [d["ocid"] for d in data["documents"]] == ["ocds-test-1", "ocds-test-2"]
    assert [e["path"] for e in data["errors"]] == [f"{path}:2", f"{path}:3"]
    assert "invalid JSON" in data["errors"][0]["message"] and "nested too deeply" in data["errors"][1]["message"]
    assert result.stderr.count("tendercheck: error:") == 2


def test_nesting_that_would_exhaust_the_parser_is_an_input_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"releases": [' + '{"a": [' * 200000 + "]}" * 200000 + "]}")
    with pytest.raises(InputError, match="nested too deeply"):
        list(ocds.notices(path))


def test_notices_stream_in_flat_memory(tmp_path):
    """A 60 MB JSON Lines file is read a release at a time: the reader's peak memory grows by far less than
    the file (a whole-file json.loads takes several times its size)."""
    path = tmp_path / "big.jsonl"
    line = json.dumps(release(1, title="x" * 2000)) + "\n"
    with open(path, "w") as fh:
        fh.writelines(line.replace("ocds-test-1", f"ocds-test-{n}") for n in range(60 * 1024 * 1024 // len(line)))
    script = ("import resource, sys; from pathlib import Path; from checker.extract import ocds\n"
              "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
              "count = sum(1 for _ in ocds.notices(Path(sys.argv[1])))\n"
              "print(count, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)")
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout.split()
    assert int(out[0]) > 20000
    assert int(out[1]) < 30, f"reading grew memory by {out[1]} MB for a 60 MB file"


FORMATS = ("text", "json", "jsonl", "csv", "summary", "markdown", "html", "sarif", "junit", "github")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_names_each_notice_by_title_buyer_and_ocid(tmp_path, cli_runner, fmt):
    from cli import main

    path = tmp_path / "package.json"
    path.write_text(json.dumps({"releases": [release(1, title="Riverside meals on wheels",
                                                     buyer="Tamworth Borough Council"),
                                             release(2, title="Town centre cleansing",
                                                     buyer="Lichfield District Council")]}))
    result = cli_runner.invoke(main, ["check", str(path), "-f", fmt, "-j", "1", "--exit-zero"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in ("Riverside meals on wheels", "Tamworth Borough Council", "Town centre cleansing",
                 "Lichfield District Council"):
        assert text in out, f"{fmt} leaves out {text!r}"
    if fmt != "summary":  # the summary view is a table of titles and buyers; the others name the ocid too
        assert "ocds-test-1" in out and "ocds-test-2" in out


def test_json_documents_carry_title_and_buyer(tmp_path):
    path = tmp_path / "package.json"
    path.write_text(json.dumps({"releases": [release(1)]}))
    data = check([path], CheckOptions(jobs=1)).to_dict()
    document = data["documents"][0]
    assert (document["title"], document["buyer"], document["ocid"]) == ("Community meals round 1",
                                                                         "Exeter City Council", "ocds-test-1")
    assert document["value"] == {"amount": 120001, "currency": "GBP"} and document["stage"] == "tender"


def test_contracts_finder_award_notices_are_not_checked_by_default(corpus_path):
    """Issue 13: 140 of the 201 Contracts Finder releases are award notices, told to divide contracts long
    finished. By default only the 46 tender-stage ones (tender and tenderAmendment) are checked."""
    path = corpus_path / "ocds-contractsfinder-england-2025-releases.json"
    report = check([path], CheckOptions(select=("KIL-4.1",)))
    assert len(report.documents) == 46 and report.skipped == {"stage": 155}
    assert all(r.title and r.buyer and r.ocid for r in report.documents)
    every = check([path], CheckOptions(select=("KIL-4.1",), stages=("all",)))
    assert len(every.documents) == 201 and not every.skipped


def test_names_past_the_exact_table_stay_unique_and_the_same(tmp_path, monkeypatch):
    """Past _Names.EXACT the names seen are kept in a fixed-size Bloom filter: repeated ocids are still told
    apart, and reading the file again gives the same names."""
    monkeypatch.setattr(ocds._Names, "EXACT", 50)
    path = tmp_path / "notices.jsonl"
    path.write_text("".join(json.dumps(release(n % 300)) + "\n" for n in range(900)))  # each release thrice
    first = [n.name for n in ocds.notices(path)]
    assert len(set(first)) == 900
    assert first[:300] == [f"ocds-test-{n}" for n in range(300)]
    assert first[300] == "ocds-test-0/ocds-test-0-tender"  # a second release of the ocid adds its id
    assert first[600] == "ocds-test-0/ocds-test-0-tender/601"  # the same release again: its place tells it
    assert [n.name for n in ocds.notices(path)] == first
