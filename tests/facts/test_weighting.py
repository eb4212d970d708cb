"""evaluation.*: shares of the TOTAL score; social value nested in quality is taken out of quality."""

import pytest


def weights(facts):
    return tuple(facts.value(f"evaluation.{k}_pct") for k in ("price", "quality", "social_value"))


@pytest.mark.parametrize("text, expected", [
    ("The award criteria are Quality 60% of which Social Value 10%, and Price 40%.", (40, 50, 10)),
    (("Tenders will be evaluated on 40% quality and 60% price. Social value will account for 10% of the "
      "quality score."), (60, 36, 4)),
    ("The evaluation will be based on a 60/40 quality/price split.", (40, 60, None)),
    ("Price will account for 35% of the total marks, quality for 55% and social value for 10%.", (35, 55, 10)),
    ("Price 40%, Quality 60%, Social Value 10%.", (40, 50, 10)),
    ("The evaluation criteria: Technical 40 marks, Price 60 marks.", (60, 40, None)),
])
def test_prose_weightings(facts_of, text, expected):
    assert weights(facts_of(text)) == expected


def test_social_value_pass_fail_has_no_percentage(facts_of):
    facts = facts_of("Social value will be assessed on a pass/fail basis. Price 30%, Quality 70%.")
    assert weights(facts) == (30, 70, None)


def test_social_value_mentioned_but_not_scored(facts_of):
    facts = facts_of("Bidders are encouraged to describe social value. This will not be scored.\n\n"
                     "The evaluation will be on a 60/40 quality/price basis.")
    assert weights(facts) == (40, 60, None)


def test_flat_weighting_table(facts_of):
    facts = facts_of("| Criterion | Weighting |\n|---|---|\n| Price | 40% |\n| Quality | 50% |\n"
                     "| Social value | 10% |\n")
    assert weights(facts) == (40, 50, 10)
    assert facts.get("evaluation.price_pct").location.table == 0


def test_table_with_sub_criteria_rows_nests_social_value(facts_of):
    facts = facts_of("| Criterion | Weighting |\n|---|---|\n| Quality | 60% |\n| 1.1 Method | 30% |\n"
                     "| 1.2 Staffing | 20% |\n| 1.3 Social value | 10% |\n| Price | 40% |\n")
    assert weights(facts) == (40, 50, 10)
    criteria = facts.value("evaluation.criteria")
    assert {"name": "1.3 Social value", "pct": 10, "parent": "Quality"} in criteria


def test_table_with_parent_weight_in_first_column(facts_of):
    facts = facts_of("| Criterion | Sub-criterion | Weighting |\n|---|---|---|\n| Price | Total price | 40% |\n"
                     "| Quality (60%) | Service model | 25% |\n| | Outcomes | 20% |\n| | Staffing | 10% |\n"
                     "| | Social value | 5% |\n| Total | | 100% |\n")
    assert weights(facts) == (40, 55, 5)


def test_weightings_within_quality_are_scaled_to_the_total(facts_of):
    facts = facts_of("Tenders will be evaluated on the basis of Price 40% and Quality 60%.\n\n"
                     "| Question | Weighting within Quality |\n|---|---|\n| Q1 Service model | 50% |\n"
                     "| Q2 Staffing | 40% |\n| Q3 Social value | 10% |\n")
    assert weights(facts) == (40, 54, 6)


def test_lowest_price_award_is_price_only(facts_of):
    facts = facts_of("The contract will be awarded to the tenderer submitting the lowest total price. "
                     "No other criteria will be evaluated.")
    assert weights(facts) == (100, None, None)


def test_conflicting_social_value_weightings_are_kept(facts_of):
    facts = facts_of("Social value is weighted at 10% of the total score.\n\n"
                     "Elsewhere: the social value weighting is 5%.")
    assert facts.conflict("evaluation.social_value_pct")
    assert sorted(f.value for f in facts.all("evaluation.social_value_pct")) == [5, 10]
    assert facts.value("evaluation.social_value_pct") == 10  # first stated stays primary


def test_payment_percentages_are_not_weightings(facts_of):
    facts = facts_of("## Payment\n\nTen per cent of the annual contract price will be linked to outcomes; "
                     "the remaining 90% is a fixed block payment.")
    assert weights(facts) == (None, None, None)


def test_three_part_ratio(facts_of):
    facts = facts_of("Tenders will be weighted 60:30:10 (quality:price:social value).")
    assert weights(facts) == (30, 60, 10)


def test_negated_lowest_price_is_not_price_only(facts_of):
    facts = facts_of("Therefore, the Council may not necessarily award the contract to the lowest price.")
    assert "evaluation.price_pct" not in facts


def test_total_marks_are_not_a_criterion(facts_of):
    facts = facts_of("Tenders will be scored out of 100 marks: price 30 marks, quality 60 marks and social value "
                     "10 marks.")
    assert weights(facts) == (30, 60, 10)


@pytest.mark.parametrize("table, expected", [
    (("| Criterion | Weighting within section | Overall weighting |\n|---|---|---|\n| Quality | 100% | 60% |\n"
     "| Method statement | 50% | 30% |\n| Staffing | 30% | 18% |\n| Social value | 20% | 12% |\n"
     "| Price | 100% | 40% |\n"), (40, 48, 12)),
    (("| Evaluation criteria | Weighting |\n|---|---|\n| Quality (incl. 10% social value) | 70% |\n"
     "| Price | 30% |\n"), (30, 60, 10)),
    (("| Stage | Criteria | Weighting |\n|---|---|---|\n| 2 | Technical | 55% |\n| 2 | Social Value | 15% |\n"
     "| 3 | Commercial | 30% |\n"), (30, 55, 15)),
    ("| Criteria | Weighting |\n|---|---|\n| Quality | 60 |\n| Price | 40 |\n", (40, 60, None)),
])
def test_weighting_table_layouts(facts_of, table, expected):
    assert weights(facts_of(table)) == expected


def test_bare_numbers_that_add_up_to_100(facts_of):
    assert weights(facts_of("Award criteria - Price: 50, Quality: 40, Social Value: 10")) == (50, 40, 10)


def test_included_social_value_in_prose(facts_of):
    assert weights(facts_of("Evaluation: Quality 70% (incl. 10% social value) and price 30%.")) == (30, 60, 10)


def test_combined_share_is_not_one_criterion(facts_of):
    facts = facts_of("## Evaluation\n\nQuality and social value will together account for 80% of the marks (quality "
                     "70%, social value 10%), with the remaining 20% allocated to price.")
    assert weights(facts) == (20, 70, 10)


@pytest.mark.parametrize("text, expected", [
    # a share nested in its parent, inside brackets: the parent's share of the total loses the part
    ("Bids are marked as follows: Technical 70 (of which Social Value 20) / Commercial 30.", (30, 50, 20)),
    ("Weightings: Quality 60 (including social value 10) : Price 40", (40, 50, 10)),
    # fractions of the marks
    ("Half of the marks are for quality, a quarter for social value and a quarter for price.", (25, 50, 25)),
    ("Two fifths of the score goes to price and three fifths to quality.", (40, 60, None)),
    # a ratio of criteria needs no other cue
    ("Quotes will be compared on a 60:40 quality:price basis.", (40, 60, None)),
])
def test_weightings_as_nested_shares_fractions_and_ratios(facts_of, text, expected):
    assert weights(facts_of(text)) == expected


@pytest.mark.parametrize("text", [
    "The poorest fifth of households saw half of all referrals, and a quarter of the budget went on transport.",
    "Technical 70 (of which Social Value 80) / Commercial 30.",  # a part larger than its whole reads as nothing
])
def test_fractions_and_brackets_that_are_no_weighting(facts_of, text):
    assert weights(facts_of(text)) == (None, None, None)


# Points with a stated total: shares of that total, scaled to 100, only when the named points add up to it.
@pytest.mark.parametrize("text, expected", [
    ("Bids are scored out of 300 points: technical 150 points, social value 30 points and price 120 points.",
     (40, 50, 10)),
    ("Each offer has a maximum of 50 points, made up of price 20 points and quality 30 points.", (40, 60, None)),
])
def test_points_out_of_a_stated_total_are_scaled_to_it(facts_of, text, expected):
    assert weights(facts_of(text)) == expected


@pytest.mark.parametrize("text", [
    # the named points fall short of the stated total: a part of the scheme, not shares of it
    "Bids are scored out of 300 points: technical 150 points and price 120 points.",
    # points with no total to check them against are not shares
    "Technical answers can earn 150 points and the price can earn 120 points.",
])
def test_points_that_do_not_make_up_a_stated_total_are_not_shares(facts_of, text):
    assert weights(facts_of(text))[:2] == (None, None)


# A nested share written as some of the quality marks ("N of the M quality marks"), alone or after a ratio.
@pytest.mark.parametrize("text, expected", [
    ("Offers are judged 60:40 quality:price. Of the 60 quality marks, 15 are for social value.",
     (40, 45, 15)),
    ("The split is 80/20 quality/price; social value makes up 8 of the 80 quality points.", (20, 72, 8)),
    # M is the quality section's own scale, not its share of the total: 20 of 100 quality marks is a fifth of 60
    ("Evaluation uses a 60/40 quality/price ratio. Social value is worth 20 out of the 100 quality marks.",
     (40, 48, 12)),
    # a ratio followed, in the same sentence, by social value inside its quality
    ("Bids will be weighted 70/30 quality/price, of which social value is 10%.", (30, 60, 10)),
    ("We will evaluate on a 75:25 quality:price basis, with social value 20% of the quality score.",
     (25, 60, 15)),
])
def test_social_value_nested_as_part_of_the_quality_marks(facts_of, text, expected):
    assert weights(facts_of(text)) == expected


@pytest.mark.parametrize("text", [
    # a quality question's marks are no social value, and no share of the total of their own
    "Offers are judged 60:40 quality:price. The delivery plan carries 25 of the 60 quality marks.",
    # social value that is not scored has no share
    ("Offers are judged 60:40 quality:price. Social value is not scored and takes none of the 60 quality "
     "marks."),
])
def test_parts_of_the_quality_marks_that_are_not_scored_social_value(facts_of, text):
    assert weights(facts_of(text)) == (40, 60, None)


def test_named_parts_of_points_available_in_total(facts_of):
    facts = facts_of("Offers will be marked against the matrix. There are 400 points available in total: 240 for "
                     "quality, 40 for social value and 120 for price.")
    assert weights(facts) == (30, 60, 10)


def test_named_parts_that_fall_short_of_the_total_are_not_shares(facts_of):
    facts = facts_of("There are 400 points available in total: 240 for quality and 120 for price.")
    assert weights(facts) == (None, None, None)
