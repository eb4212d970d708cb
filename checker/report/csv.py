"""CSV (`--format csv`, RFC 4180 quoting, LF line ends): one row per tender, worst first (`--sort` to change), ready to open in a
spreadsheet: title, buyer, value, currency, the five step statuses, findings by severity, reviews, status,
ocid, stage and path; a file that could not be read is a row with status `unreadable` and its cause under `error`,
after the tenders. A cell that a spreadsheet would run as a formula (= + - @ first) is prefixed with '."""

from __future__ import annotations

import csv
import io

from checker.findings import STEPS
from checker.report.common import one_line
from checker.report.rows import rows

HEADER = ["title", "buyer", "value", "currency", *(f"step_{n}" for n in STEPS), "errors", "warnings", "info",
          "reviews", "waived", "status", "ocid", "stage", "path", "error"]


def render(report, color: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")  # LF: spreadsheets read it, and no report carries a CR
    writer.writerow(HEADER)
    for r in rows(report):
        value = "" if r["value"] is None else (f"{r['value']:.2f}".rstrip("0").rstrip(".")
                                               if isinstance(r["value"], float) else str(r["value"]))
        writer.writerow([_cell(r["title"]), _cell(r["buyer"]), value, _cell(r["currency"]),
                         *(r["steps"][n] for n in STEPS), r["errors"], r["warnings"], r["info"], r["reviews"],
                         r["waived"], r["status"], _cell(r["ocid"]), r["stage"], _cell(r["path"]), ""])
    for problem in report.errors:  # a file that could not be read is a row too: the sheet has one row per file
        path = _cell(problem.path)
        writer.writerow([path.rsplit("/", 1)[-1], "", "", "", *("" for _ in STEPS), "", "", "", "", "", "unreadable",
                         "", "", path, _cell(f"{problem.code}: {problem.message}")])
    return out.getvalue()


def _cell(text) -> str:
    text = one_line(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
