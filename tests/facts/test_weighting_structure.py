"""Weighting tables read by their shape and checked by arithmetic (checker/facts/weighting/tree.py).

Each case is a table shape real award-criteria tables take, written here in new words: a category cell spanning
its sub-criteria, group heading rows over marks that add up to a total column, sections with weights within the
section and the section's share of the total, a table carried over a page break, marks checked against the
table's own Total row, and shapes that do not add up (which give no weighting rather than a guess)."""

import pytest

from checker.extract.text import PAGE_BREAK


def weights(facts):
    return tuple(facts.value(f"evaluation.{k}_pct") for k in ("price", "quality", "social_value"))


INTRO = "The tenders will be evaluated against the following award criteria.\n\n"


def test_a_category_cell_spans_the_sub_criteria_below_it(facts_of):
    # the first row is data, not a header, and the category column is left empty under its first row
    facts = facts_of(INTRO + "| Delivery | Approach to outreach in rural wards | 25% |\n|---|---|---|\n"
                     "| | Staffing and supervision | 20% |\n| | Safeguarding arrangements | 15% |\n"
                     "| | Cost control and reporting | 5% |\n| Financial | Tendered price | 35 % |\n")
    assert weights(facts) == (35, 65, None)  # 'Cost control' is a delivery sub-criterion, not the price
    criteria = facts.value("evaluation.criteria")
    assert {"name": "Delivery", "pct": 65, "parent": None} in criteria


def test_group_heading_rows_over_marks_that_add_up_to_a_total_column(facts_of):
    facts = facts_of(INTRO + "| Part | Scoring | Marks | Section total |\n|---|---|---|---|\n"
                     "| Schedule A - Declarations | | | |\n| Declaration of eligibility | Pass/Fail | | |\n"
                     "| Schedule B - Method Statements | | | |\n| B1 Service design | 0 - 4 | 40 | 70 |\n"
                     "| B2 Mobilisation plan | 0 - 4 | 30 | |\n| Schedule C - Pricing Schedule | | | |\n"
                     "| C1 Hourly rates | formula | 20 | 30 |\n| C2 Annual uplift | formula | 10 | |\n")
    assert weights(facts) == (30, 70, None)


def test_sections_weighted_within_themselves_and_as_a_share_of_the_total(facts_of):
    facts = facts_of(INTRO + "| Technical Submission | Weighting in section | Weighting overall |\n|---|---|---|\n"
                     "| T1 Delivery plan | 50% | 60% |\n| T2 Workforce | 25% | |\n"
                     "| T3 Social Value commitments | 25% | |\n"
                     "| Pricing | Weighting in section | Weighting overall |\n| Schedule of rates | 100% | 40% |\n"
                     "| Total | | 100% |\n")
    assert weights(facts) == (40, 45, 15)  # social value: 25% of the 60% technical section


def test_a_table_carried_over_a_page_break_is_read_as_one(facts_of):
    facts = facts_of(INTRO + "| Criterion | Weighting |\n|---|---|\n| Value for money | 45% |\n"
                     "| Track record | 25% |\n" + PAGE_BREAK + "| Track record (continued) | |\n|---|---|\n"
                     "| Staff training | 20% |\n| Local supply chain | 10% |\n")
    assert weights(facts)[0] == 45
    assert weights(facts)[1] == 55


def test_marks_become_shares_when_the_table_states_their_total(facts_of):
    facts = facts_of(INTRO + "| Criterion | Points |\n|---|---|\n| Method statement | 90 |\n| Tendered price | 60 |\n"
                     "| Total | 150 |\n")
    assert weights(facts) == (40, 60, None)


def test_numbers_that_do_not_add_up_give_no_weighting(facts_of):
    facts = facts_of(INTRO + "| Score | Meaning |\n|---|---|\n| Excellent | 4 |\n| Good | 3 |\n| Fair | 2 |\n"
                     "| Price band | 1 |\n")
    assert weights(facts) == (None, None, None)


def test_unstated_marks_are_not_rescaled_into_shares(facts_of):
    # 12 + 8 is not 100 and nothing says 20 is the whole: a part of a scheme, not the scheme
    facts = facts_of(INTRO + "| Commercial element | Marks |\n|---|---|\n| Day rates | 12 |\n"
                     "| Volume discounts | 8 |\n")
    assert weights(facts) == (None, None, None)


def test_reference_numbers_make_the_tree_and_sub_weights_within_a_section_are_scaled(facts_of):
    # the Ref column is numbering, not marks; 3.1-3.4 weigh 100 within section 3's 70%
    facts = facts_of(INTRO + "| Ref | Criterion | Sub-criterion | Section weight | Weight within section |\n"
                     "|---|---|---|---|---|\n| 1 | Cost | Rates from the pricing schedule | 30% | |\n"
                     "| 3 | Quality | | 70% | |\n| 3.1 | | Approach to assessment | | 40% |\n"
                     "| 3.2 | | Working with GP practices | | 30% |\n| 3.3 | | Local social value offer | | 20% |\n"
                     "| 3.4 | | Exit plan | | 10% |\n| Total | | | 100% | |\n")
    assert weights(facts) == (30, 56, 14)


def test_sub_weights_written_as_a_share_of_their_parent(facts_of):
    facts = facts_of(INTRO + "| Ref | Criterion | Weighting |\n|---|---|---|\n| P | Price | 45% |\n"
                     "| Q | Quality | 55% |\n| Q1 | Delivery model | 60% of Q |\n| Q2 | Partnership working | 20% of Q |\n"
                     "| Q3 | Social value | 20% of Q |\n")
    assert weights(facts) == (45, 44, 11)


def test_children_that_add_up_to_nothing_give_no_numbered_reading(facts_of):
    # 2.1 and 2.2 add up neither to 2's 60 nor to 100: no reading of this table is forced on it
    facts = facts_of(INTRO + "| Ref | Criterion | Weighting |\n|---|---|---|\n| 1 | Price | 40% |\n"
                     "| 2 | Quality | 60% |\n| 2.1 | Method | 35% |\n| 2.2 | Social value | 15% |\n")
    assert weights(facts) == (None, None, None)


def test_a_list_of_quality_questions_carries_social_value_nested_in_quality(facts_of):
    facts = facts_of("Bids are marked out of 100: Quality 65 marks and Price 35 marks. The quality marks are shared "
                     "between these questions:\n\n- A1 Outreach plan – 30 marks\n- A2 Team and training – 20 marks\n"
                     "- A3 Social value – 15 marks\n")
    assert weights(facts) == (35, 50, 15)


def test_a_list_within_quality_that_adds_up_to_100_is_scaled(facts_of):
    facts = facts_of("Price 40%, Quality 60%. Within the quality score the questions weigh:\n\n"
                     "- Method – 50%\n- Staffing – 25%\n- Social value – 25%\n")
    assert weights(facts) == (40, 45, 15)


def test_a_list_that_adds_up_to_neither_is_not_nested(facts_of):
    facts = facts_of("Price 40%, Quality 60%. Bidders will also be asked about:\n\n- Method – 20 marks\n"
                     "- Social value – 10 marks\n")
    assert weights(facts) == (40, 60, None)


def test_lots_weighted_differently_are_reported_per_lot(facts_of):
    facts = facts_of("## Award\n\nFor Lot 1, tenders will be evaluated on Quality 70% and Price 30%.\n\n"
                     "For Lots 2 and 3, tenders will be evaluated on Quality 40% and Price 60%.\n")
    by_lot = facts.value("evaluation.by_lot")
    assert [(s["lots"], s["price"], s["quality"]) for s in by_lot] == [("Lot 1", 30, 70), ("Lots 2 and 3", 60, 40)]
    # every lot's share is a candidate, so a rule on the price weighting sees the 60% lot too
    assert sorted(f.value for f in facts.all("evaluation.price_pct")) == [30, 60]


def test_the_same_weighting_repeated_for_each_lot_is_one_weighting(facts_of):
    facts = facts_of("## Award\n\nFor Lot 1, the weighting is Quality 60% and Price 40%.\n\n"
                     "For Lot 2, the weighting is Quality 60% and Price 40%.\n")
    assert "evaluation.by_lot" not in facts
    assert [f.value for f in facts.all("evaluation.price_pct")] == [40]


MARKS_BY_QUESTION = """# 4 How tenders are scored

Each question carries the marks shown in the table.

| Ref | Question | Marks |
| --- | --- | --- |
| T1 | Service delivery plan | 40 |
| T2 | Quality assurance and complaints handling | 30 |
| T3 | Working with schools and families | 30 |
| S1 | Social value in the county | 20 |
| C1 | Price (from the pricing schedule) | 80 |
| | Total | 200 |
"""


def test_marks_by_numbered_question_are_shares_of_a_total_over_100(facts_of):
    facts = facts_of(MARKS_BY_QUESTION)
    shares = tuple(facts.value(f"evaluation.{k}_pct") for k in ("price", "quality", "social_value"))
    assert shares == (40, 50, 10)


@pytest.mark.parametrize("label, kind", [
    ("Quality assurance and complaints handling", None),
    ("Price review mechanism", None),
    ("Cost control and savings plan", None),
    ("Quality", "quality"),
    ("Quality of service", "quality"),
    ("Costs", "price"),
    # a criterion named "Value" alone is the price criterion; value as one word of a longer name is not
    ("Value", "price"),
    ("Added value for the community", None),
    ("Social value", "social_value"),
])
def test_a_criterion_word_naming_a_topic_is_not_the_criterion(label, kind):
    from checker.facts.weighting.model import kind_of

    assert kind_of(label) == kind


# Points in a numbered question table whose Total row is over 100: each row is a share of that total.
POINTS_BY_NUMBERED_QUESTION = """The offer is marked as set out below.

| No. | Question | Points available |
|---|---|---|
| 1 | How the helpline will be staffed at night | 40 |
| 2 | Safeguarding and escalation | 35 |
| 3 | Training volunteers from the district | 30 |
| 4 | Social value for the district | 45 |
| 5 | Price per year | 150 |
| | Total | 300 |
"""


def test_points_against_a_total_row_over_100_are_shares_of_it(facts_of):
    facts = facts_of(POINTS_BY_NUMBERED_QUESTION)
    assert weights(facts) == (50, 35, 15)
    criteria = facts.value("evaluation.criteria")
    # a question named beside its number is one criterion, not a group holding itself
    assert {"name": "Social value for the district", "pct": 15, "parent": None} in criteria
    assert not any(c["parent"] for c in criteria)


def test_a_question_worth_30_points_inside_a_100_point_quality_section_is_not_30_percent(facts_of):
    facts = facts_of("Tenders will be evaluated on the basis of Price 40% and Quality 60%. The quality questions "
                     "are marked out of 100 points.\n\n"
                     "| No. | Quality question | Points |\n|---|---|---|\n| 1 | Approach to the service | 40 |\n"
                     "| 2 | Staff and volunteers | 30 |\n| 3 | Mobilisation | 30 |\n| | Total | 100 |\n")
    assert weights(facts) == (40, 60, None)


def test_marks_that_contradict_the_tables_own_total_give_no_weighting(facts_of):
    facts = facts_of("| Award criterion | Marks |\n|---|---|\n| Price | 30 |\n| Quality | 50 |\n| Total | 100 |\n")
    assert weights(facts) == (None, None, None)


def test_marks_that_agree_with_the_tables_own_total_are_scaled(facts_of):
    facts = facts_of("| Award criterion | Marks |\n|---|---|\n| Price | 30 |\n| Quality | 50 |\n| Total | 80 |\n")
    assert weights(facts) == (37.5, 62.5, None)


# A table with a column of shares of the total beside a column of weights within quality is the whole scheme.
def test_a_total_share_column_beside_a_within_quality_column_is_the_whole_scheme(facts_of):
    facts = facts_of("| Criterion | Share of the overall score | Weighting within the quality section |\n"
                     "|---|---|---|\n| Quality | 70% | |\n| Method of delivery | | 60% |\n"
                     "| Risk and continuity | | 40% |\n| Social value | 10% | |\n| Price | 20% | |\n"
                     "| Total | 100% | 100% |\n")
    assert weights(facts) == (20, 70, 10)


def test_a_table_weighted_only_within_quality_stays_inside_quality(facts_of):
    facts = facts_of("Price carries 30% and quality 70% of the marks.\n\n"
                     "| Question | Weighting within the quality section |\n|---|---|\n| Method of delivery | 60% |\n"
                     "| Risk and continuity | 20% |\n| Social value | 20% |\n")
    assert weights(facts) == (30, 56, 14)


# Section rows worth more than 100 points, checked against a Total row, with pass/fail gates among the questions.
POINTS_BY_SECTION = """Offers will be evaluated using the points below.

| Ref | Question | Points | Word limit |
|---|---|---|---|
| A | Delivery | 120 | |
| A1 | Insurance certificates | Pass/Fail | |
| A2 | Rota and cover | 70 | 600 |
| A3 | Vehicles and equipment | 50 | 400 |
| B | Social value | 30 | |
| B1 | Local jobs | 30 | 300 |
| C | Price | 150 | |
| C1 | Annual charge | 150 | |
| | Total | 300 | |
"""


def test_section_points_over_100_against_the_total_row_are_shares_of_it(facts_of):
    facts = facts_of(POINTS_BY_SECTION)
    assert weights(facts) == (50, 40, 10)


def test_numbers_over_100_with_no_total_row_are_not_points(facts_of):
    facts = facts_of(POINTS_BY_SECTION.replace("| | Total | 300 | |\n", ""))
    assert weights(facts)[0] != 50


def test_key_criteria_with_value_as_the_price_criterion(facts_of):
    facts = facts_of("Responses are weighted against the key criteria as follows.\n\n"
                     "| No. | Key criterion | Weighting |\n|---|---|---|\n| 1 | Quality and innovation | 40% |\n"
                     "| 2 | Value | 30% |\n| 3 | Integration and collaboration | 20% |\n| 4 | Social value | 10% |\n"
                     "| | Total | 100% |\n")
    assert weights(facts) == (30, 60, 10)


# A table drawn with rules only that the extractor gave as a header line and one line of text a row.
def _lines(*lines):
    from checker.model import Block, Document, Location

    blocks = [Block(kind, text, Location(page=1, block=i)) for i, (kind, text) in enumerate(lines)]
    return Document(path="lines.pdf", sha256="", format="pdf", pages=1, blocks=blocks, tables=[])


def test_a_table_given_as_lines_of_text_is_read_against_its_total_line():
    from checker.api import analyse

    facts = analyse(_lines(("heading", "Criterion Marks"), ("paragraph", "Approach to the work 35"),
                           ("paragraph", "Team and experience 25"), ("paragraph", "Social value in the city 10"),
                           ("paragraph", "Fee for the year 30"), ("paragraph", "Total 100")))[1]
    assert weights(facts) == (30, 60, 10)


@pytest.mark.parametrize("total_line", [("paragraph", "Total 90"), ("paragraph", "Contact us for details")])
def test_lines_of_numbers_without_a_total_they_make_up_are_no_table(total_line):
    from checker.api import analyse

    facts = analyse(_lines(("heading", "Criterion Marks"), ("paragraph", "Approach to the work 35"),
                           ("paragraph", "Team and experience 25"), ("paragraph", "Social value in the city 10"),
                           ("paragraph", "Fee for the year 30"), total_line))[1]
    assert weights(facts) == (None, None, None)
