"""CSV for a campaigner's spreadsheet: one row per file checked, aligned with the header, unreadable files too."""

import csv
import io

from checker.report import csv as csv_report


def _rows(report):
    return list(csv.DictReader(io.StringIO(csv_report.render(report))))


def test_every_file_is_a_row_and_an_unreadable_one_says_why(sample_report):
    rows = _rows(sample_report)
    assert len(rows) == len(sample_report.documents) + len(sample_report.errors)
    unreadable = [r for r in rows if r["status"] == "unreadable"]
    assert len(unreadable) == len(sample_report.errors) >= 1
    problem = sample_report.errors[0]
    assert unreadable[0]["path"] == problem.path and problem.message in unreadable[0]["error"]
    assert all(r["error"] == "" for r in rows if r["status"] != "unreadable")


def test_rows_have_as_many_cells_as_the_header(sample_report):
    lines = list(csv.reader(io.StringIO(csv_report.render(sample_report))))
    assert {len(line) for line in lines} == {len(csv_report.HEADER)}
