"""Where a finding is, in the words every report uses: tables are counted from 1, as a reader counts them
('table 0 row 2' was the first table's second row)."""

from checker.model import Location
from checker.report import markdown, text


def test_tables_and_rows_count_from_one():
    assert Location(page=1, section="2 Lots and value", table=0, row=1).describe() == (
        "p. 1, 2 Lots and value, table 1 row 2")
    assert Location(page=4, table=2).describe() == "p. 4, table 3"


def test_reports_never_say_table_0(sample_report):
    f = sample_report.documents[0].findings[0]
    sample_report.documents[0].findings[0] = f.__class__(**{**f.__dict__, "location": Location(page=1, table=0,
                                                                                                row=0)})
    for out in (text.render(sample_report), markdown.render(sample_report)):
        assert "table 1 row 1" in out and "table 0" not in out
