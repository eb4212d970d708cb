"""Optional converters seen from the command line: a .doc with no converter installed is one error line naming
the file and what to install, exit 2, and the other files of the batch are still checked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import cli as cli_app

ROOT = Path(__file__).resolve().parents[2]
LEGACY = ROOT / "fixtures" / "legacy" / "lowmoor-day-opportunities-survey-codesign.doc"
TENDER = "# 1 Evaluation\n\nPrice 40%, quality 50% and social value 10% of the total score.\n"


def test_doc_without_a_converter_is_one_line_and_the_batch_goes_on(cli_runner, monkeypatch, tmp_path):
    legacy = tmp_path / "old.doc"
    shutil.copy(LEGACY, legacy)
    other = tmp_path / "tender.md"
    other.write_text(TENDER, encoding="utf-8")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no soffice, no antiword
    result = cli_runner.invoke(cli_app.main, ["check", "--format", "json", str(legacy), str(other)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("tendercheck: error: ")]
    assert len(errors) == 1 and errors[0].startswith(f"tendercheck: error: {legacy}: legacy Word .doc needs")
    assert "apt-get install antiword" in errors[0]
    report = json.loads(result.stdout)
    assert [d["path"] for d in report["documents"]] == [str(other)]
    assert report["errors"] == [{"path": str(legacy), "code": "converter-missing",
                                 "message": report["errors"][0]["message"]}]


def test_extract_of_a_doc_without_a_converter_exits_2_with_one_line(cli_runner, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = cli_runner.invoke(cli_app.main, ["extract", str(LEGACY)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "antiword" in result.stderr
