"""JSON Lines (`--format jsonl`): one line per document as it finishes, then one summary line, so an
interrupted run keeps every document it checked and `--resume FILE` skips them.

Each document line is the document object of the JSON report (docs/report-schema.json) with "kind":
"document", its own kind (ITT, notice, pack, ...) under "document_kind"; a file that could not be checked is {"kind": "error", "path", "code", "message"}; the last line is
{"kind": "summary", ...} with the run's summary. Lines are written and flushed one at a time.
"""

from __future__ import annotations

import json
import os

from checker.findings import SEVERITY_RANK
from checker.report.common import json_text


def document_line(result, min_severity: str | None = None) -> str:
    """One document's line; findings below min_severity are left out and counted as hidden (as
    Report.hide_below does for the other formats, without changing the result the exit code is decided on)."""
    data = result.to_dict()
    # "kind" names the line (document, error, summary: --resume reads it); what the document is (ITT, notice,
    # pack, ...; the JSON report's documents[].kind) goes in document_kind
    data = {"kind": "document", "document_kind": data.pop("kind", None), **data}
    if min_severity:
        rank = SEVERITY_RANK[min_severity]
        kept = [f for f in data["findings"] if SEVERITY_RANK.get(f["severity"], 0) >= rank]
        data["hidden"] += len(data["findings"]) - len(kept)
        data["findings"] = kept
    return _line(data)


def error_line(problem) -> str:
    return _line({"kind": "error", **problem.to_dict()})


def summary_line(report) -> str:
    return _line({"kind": "summary", "rulebook": dict(report.rulebook), "notices": list(report.notices),
                  **report.summary()})


def render(report, color: bool = False) -> str:
    """The whole report at once (what a run that did not stream, or a test, writes)."""
    lines = [document_line(r, report.min_severity) for r in report.documents]
    lines += [error_line(p) for p in report.errors]
    return "".join(lines) + summary_line(report)


def _line(data: dict) -> str:
    return json_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"))) + "\n"


def read_done(path) -> tuple[set, list[dict], int]:
    """What a JSON Lines report already holds: the paths of its documents, their lines (for the CSV and
    summary views of a resumed run), and the length of its whole lines in bytes (a line cut short by an
    interrupt is not counted and is overwritten when the run appends). A missing file holds nothing."""
    done, rows, good = set(), [], 0
    if not os.path.exists(path):
        return done, rows, 0
    with open(path, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break  # cut short by an interrupt
            good += len(raw)
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            if isinstance(data, dict) and data.get("kind") == "document" and isinstance(data.get("path"), str):
                done.add(data["path"])
                rows.append(data)
    return done, rows, good
