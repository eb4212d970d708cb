"""`tendercheck extract FILE --facts` prints each fact readably, and every candidate of a conflict."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def extract(*args: str) -> subprocess.CompletedProcess:
    """Run the real CLI (tests/cli shadows the cli module inside pytest, so go through a process)."""
    return subprocess.run([sys.executable, "-m", "cli", "extract", *args], check=False, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_extract_facts_text_shows_values_and_conflicts(tmp_path):
    doc = tmp_path / "tender.md"
    doc.write_text("The estimated contract value is £240k per annum for 5 years.\n\n"
                   "Social value is weighted at 10% of the total score.\n\n"
                   "Elsewhere: the social value weighting is 5%.\n", encoding="utf-8")
    result = extract("--facts", str(doc))
    assert result.returncode == 0, result.stderr
    assert "contract.value_total_gbp = £1,200,000" in result.stdout
    assert "evaluation.social_value_pct = 10%  CONFLICT" in result.stdout
    assert "- 5%: " in result.stdout and "- 10%: " in result.stdout


def test_extract_facts_json(tmp_path):
    doc = tmp_path / "tender.md"
    doc.write_text("The contract will not be divided into lots because it is one service.\n", encoding="utf-8")
    result = extract("--facts", "--format", "json", str(doc))
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)["facts"]
    assert facts["lots.count"]["value"] == 1
    assert facts["lots.count"]["location"]["block"] == 0
    assert "because" in facts["lots.reason_not_divided"]["evidence"]
