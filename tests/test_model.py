"""checker.model: the document model's own readings of its parts (a table's stacked header rows)."""

from checker.model import Location, Table


def test_a_merged_heading_over_its_columns_makes_two_header_rows_read_as_one():
    table = Table((("Site", "Budget, net of VAT", "", ""),
                   ("", "Yearly", "First three years", "Up to five years"),
                   ("North", "£50,000", "£150,000", "£250,000"),
                   ("South", "£40,000", "£120,000", "£200,000")), Location(table=0))
    assert table.header_rows == 2
    assert table.header == ("Site", "Budget, net of VAT Yearly", "Budget, net of VAT First three years",
                            "Budget, net of VAT Up to five years")
    assert table.body[0][0] == "North"


def test_a_first_data_row_is_never_a_header_row():
    numbers = Table((("Lot", "Area", "", "Value"), ("1", "Harbourside", "", "£90,000")), Location(table=0))
    words = Table((("Question", "Topic", ""), ("", "How you will recruit local volunteers and keep them", "20%")),
                  Location(table=0))
    long_text = Table((("Item", "Detail", ""),
                       ("", "The provider must keep a log of every visit and share it with the Council each month", ""),
                       ("Payment", "Monthly", "")), Location(table=0))
    dated = Table((("", "Stage", "", "When"), ("Questions close", "", "14/03/2027", ""),
                   ("Bids due", "", "28/03/2027 noon", "")), Location(table=0))
    form = Table((("A.", "We accept the terms of the draft contract and will sign it if we are awarded it", ""),
                  ("Name", "", "Date"), ("Signed", "", "")), Location(table=0))
    assert (numbers.header_rows, words.header_rows, long_text.header_rows, dated.header_rows, form.header_rows) \
        == (1, 1, 1, 1, 1)


def test_a_table_without_merged_headings_keeps_one_header_row():
    table = Table((("Lot", "Area", "Annual value"), ("", "", ""), ("1", "East", "£30,000")), Location(table=0))
    assert table.header_rows == 1 and table.header == ("Lot", "Area", "Annual value")
