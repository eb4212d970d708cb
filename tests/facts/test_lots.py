"""lots.*: counts from statements, headings and tables; 'lots of' is English; reasons only when given."""

import pytest


def test_lots_of_in_ordinary_english_is_not_a_lot(facts_of):
    facts = facts_of("We have lots of experience of delivering lots of services. The contract runs for 36 months.")
    assert "lots.count" not in facts  # silence is not a statement that the contract is undivided


def test_not_divided_with_a_reason(facts_of):
    facts = facts_of("The contract will not be divided into lots because the services are highly interdependent "
                     "and must be delivered by a single provider.")
    assert facts.value("lots.count") == 1
    assert "interdependent" in facts.value("lots.reason_not_divided")
    assert facts.value("evidence.reason_not_lotted") is True


def test_not_divided_without_a_reason_gives_no_reason(facts_of):
    facts = facts_of("The contract will not be divided into lots. The service comprises four elements.")
    assert facts.value("lots.count") == 1
    assert "lots.reason_not_divided" not in facts


def test_lot_headings_give_items_on_the_whole_life_basis(facts_of):
    facts = facts_of("The procurement is divided into three lots.\n\n## Lot 1: North locality\n\n"
                     "Estimated value £300,000 per annum.\n\n## Lot 2: South locality\n\nEstimated value £500,000 "
                     "per annum.\n\n## Lot 3: Central\n\nEstimated value £250,000 per annum.\n\n## 5 Term\n\n"
                     "The contract term is 2 years with an option to extend for a further 1 year.")
    assert facts.value("lots.count") == 3
    items = facts.value("lots.items")
    assert [i["title"] for i in items] == ["North locality", "South locality", "Central"]
    assert [i["value_gbp"] for i in items] == [900_000, 1_500_000, 750_000]
    assert facts.value("lots.max_value_gbp") == 1_500_000
    assert facts.value("contract.value_total_gbp") == 3_150_000  # no total stated: the sum of the lots


def test_lot_table_prefers_the_whole_life_column(facts_of):
    facts = facts_of("| Lot | Area | Annual value | Whole-life value (5 years) |\n|---|---|---|---|\n"
                     "| 1 | North | £120,000 | £600,000 |\n| 2 | South | £100,000 | £500,000 |\n")
    assert facts.value("lots.count") == 2
    assert facts.value("lots.max_value_gbp") == 600_000
    assert [i["title"] for i in facts.value("lots.items")] == ["North", "South"]


def test_numbered_heading_is_not_a_lot_count(facts_of):
    facts = facts_of("# 4 Lots\n\nLot 1: North - £100,000.\n\nLot 2: South - £120,000.\n")
    assert facts.value("lots.count") == 2


def test_undivided_contract_lot_value_is_the_total(facts_of):
    facts = facts_of("The contract will be let as a single lot. The total contract value is £900,000.")
    assert facts.value("lots.count") == 1
    assert facts.value("lots.max_value_gbp") == 900_000


def test_lots_named_in_prose_with_values(facts_of):
    facts = facts_of("The requirement is divided into two lots. Lot 1 (North) has an estimated value of £320,000 "
                     "over the contract term and Lot 2 (South) is worth £410,000 over the same term.")
    assert facts.value("lots.count") == 2
    assert facts.value("lots.max_value_gbp") == 410_000
    assert [i["title"] for i in facts.value("lots.items")] == ["North", "South"]


def test_lots_called_something_else(facts_of):
    facts = facts_of("Zone A is worth £150,000 per year. Zone B is worth £180,000 per year. Zone C is worth "
                     "£120,000 per year. Each zone is a separate lot. Each zone will be let for an initial term "
                     "of 24 months with the option to extend for a further 24 months.")
    assert facts.value("lots.count") == 3
    assert facts.value("lots.max_value_gbp") == 720_000


def test_each_lot_value(facts_of):
    facts = facts_of("Three geographic lots: Lot 1 North, Lot 2 Central and Lot 3 South. Each contract will run "
                     "for 2 years with the option to extend for a further 2 years, so the maximum value of each "
                     "lot is £880,000.")
    assert facts.value("lots.count") == 3
    assert facts.value("lots.max_value_gbp") == 880_000


def test_lot_word_in_property_text_is_not_a_lot(facts_of):
    facts = facts_of("The vacant property at Lot 1 and Lot 2, Block 4 must be boarded up.")
    assert "lots.count" not in facts


def test_considered_but_decided_against_lots_with_reason(facts_of):
    facts = facts_of("The Council considered dividing the requirement into lots but concluded that a single "
                     "contract offers better value, because the service relies on one integrated pathway.")
    assert facts.value("lots.count") == 1
    assert "integrated pathway" in facts.value("lots.reason_not_divided")


def test_lot_table_annual_column_and_titles_with_dashes(facts_of):
    facts = facts_of("| Lot No. | Lot Title | Estimated Annual Value | Contract Length |\n|---|---|---|---|\n"
                     "| Lot 1 | Domiciliary care - North | £1,200,000 | 3 years |\n"
                     "| Lot 2 | Domiciliary care - South | £900,000 | 3 years |\n")
    assert [i["title"] for i in facts.value("lots.items")] == ["Domiciliary care - North", "Domiciliary care - South"]
    assert facts.value("lots.max_value_gbp") == 3_600_000


def test_maximum_lots_per_bidder_is_not_a_lot_count(facts_of):
    assert "lots.count" not in facts_of("Bidders may bid for a maximum of two lots.")


def test_amounts_for_named_zones_are_lot_values_not_the_contract_value(facts_of):
    facts = facts_of("Zone A is worth £150,000 per year. Zone B is worth £180,000 per year. Each zone is a separate "
                     "lot. Each zone will be let for a term of 24 months.")
    assert facts.value("contract.value_total_gbp") == 660_000  # the sum of the lots
    assert not facts.conflict("contract.value_total_gbp")


def test_reason_in_the_next_sentence(facts_of):
    facts = facts_of("The Council has not split this Contract into Lots. Given the relatively low value of the "
                     "Contract, splitting it would not be economically viable.")
    assert facts.value("lots.count") == 1
    assert "economically viable" in facts.value("lots.reason_not_divided")


def test_a_lot_split_into_sub_lots_counts_as_its_sub_lots(facts_of):
    facts = facts_of("## Lot 1 Housing advice\n\nAdvice for tenants.\n\n## Lot 2 Debt support\n\nLot 2 is split "
                     "into two sub-lots: 2A (face to face) and 2B (telephone).")
    assert facts.value("lots.count") == 3


def test_sub_lots_named_in_lists_are_each_a_lot(facts_of):
    facts = facts_of("Bidders may tender for Lot 1a and/or Lot 1b. Lots 2a, 2b and Lot 3 use the short form.\n\n"
                     "## Lot 3 Support\n\nOngoing support.")
    assert facts.value("lots.count") == 5


def test_lot_numbers_with_a_gap_are_not_read_as_sub_lots(facts_of):
    # 'Lot 4b' with no Lot 2 or 3 anywhere: a reference to another procurement's numbering, not this one's
    facts = facts_of("## Lot 1 Meals\n\nHot meals.\n\n## Lot 2 Shopping\n\nShopping help. This follows Lot 4b of "
                     "the old framework.")
    assert facts.value("lots.count") == 2


@pytest.mark.parametrize("text", [
    ("The Board weighed up a contract per district. It decided to award one contract for the county because a"
    " single triage line serves every district."),
    "The Council chose to procure the three services as a single contract, as they share one referral team.",
])
def test_a_decision_to_let_one_contract_with_its_reason(facts_of, text):
    facts = facts_of(text)
    assert facts.value("lots.count") == 1
    assert facts.value("lots.reason_not_divided")


def test_a_decision_to_let_one_contract_without_a_reason_gives_none(facts_of):
    facts = facts_of("The Council decided to let a single contract.")
    assert facts.value("lots.count") == 1 and facts.value("lots.reason_not_divided") is None


@pytest.mark.parametrize("text, count", [
    ("The county is split into three areas, and each area is a separate lot.", 3),
    (("Bidders may quote for one or more rounds. We will treat each round as a separate lot.\n\n"
     "| Round | Villages | Budget |\n| --- | --- | --- |\n| North | Ashby, Carr | £9,000 |\n"
     "| East | Denton | £8,000 |\n| West | Scar End | £7,500 |"), 3),
])
def test_lots_named_by_another_word(facts_of, text, count):
    assert facts_of(text).value("lots.count") == count


def test_a_unit_said_to_be_a_lot_with_no_count_gives_none(facts_of):
    assert facts_of("Each district is a separate lot.").value("lots.count") is None


UNIT_TABLE = """# Areas and value

The county is divided into three areas, and each area is a separate lot.

| Area | Towns | Estimated annual value (ex VAT) |
| --- | --- | --- |
| 1 | Alford and Brent | £400,000 |
| 2 | Corby Glen | £250,000 |
| 3 | Dunmore | £150,000 |

The three areas together are worth £800,000 a year. The contracts run for four years.
"""


def test_a_table_of_the_units_called_lots_gives_lot_values_not_the_contract_value(facts_of):
    facts = facts_of(UNIT_TABLE)
    assert facts.value("lots.count") == 3
    assert facts.value("lots.max_value_gbp") == 1600000  # £400,000 a year for four years
    assert facts.value("contract.value_annual_gbp") == 800000  # the whole, not the first area's row
    assert facts.value("contract.value_total_gbp") == 3200000


@pytest.mark.parametrize("text", [
    ("The Board will let the two libraries as a single concession and not divide it into lots, because neither"
    " branch is viable alone."),
    "We have kept the service as one contract, not lots, because families asked for one named worker.",
])
def test_one_concession_or_contract_kept_whole_with_its_reason(facts_of, text):
    facts = facts_of(text)
    assert facts.value("lots.count") == 1 and facts.value("lots.reason_not_divided")


LOT_TABLE_WITH_STACKED_COLUMNS = """\
The service is let as two lots.

| Lot | Area | Estimated value, net of VAT | | |
|---|---|---|---|---|
| | | Yearly | Initial two years | Whole term, with extensions (4 years) |
| 1 | Upper valley | £75,000 | £150,000 | £300,000 |
| 2 | Lower valley | £50,000 | £100,000 | £200,000 |
| | Both lots | £125,000 | £250,000 | £500,000 |

The contracts will each run for two years from April 2027, and may be extended by up to two years in total.
"""


def test_a_lot_table_with_yearly_and_whole_term_columns_under_one_heading(facts_of):
    facts = facts_of(LOT_TABLE_WITH_STACKED_COLUMNS)
    assert facts.value("lots.count") == 2
    assert facts.value("lots.max_value_gbp") == 300_000  # the whole-term column, not the first amount
    assert facts.value("contract.value_total_gbp") == 500_000
    assert facts.value("contract.value_annual_gbp") == 125_000  # the lots' yearly column added up
    assert "stated excluding VAT" in facts.get("contract.value_total_gbp").source  # "net of VAT" in the heading
    assert facts.value("contract.duration_months_max") == 48


def test_lot_values_without_a_yearly_column_give_the_annual_value_over_the_term(facts_of):
    facts = facts_of("The contract runs for 3 years and may be extended by a further 2 years.\n\n"
                     "| Lot | Area | Maximum value |\n|---|---|---|\n| 1 | Coast | £250,000 |\n| 2 | Moor | £150,000 |\n")
    assert facts.value("contract.value_total_gbp") == 400_000
    assert facts.value("contract.value_annual_gbp") == 80_000
    assert facts.get("contract.value_annual_gbp").source == "value: total over 60 months"


@pytest.mark.parametrize("text", [
    ("The Council considered dividing the work into four area lots. It decided not to do so, because one depot "
    "serves the whole district."),
    ("We looked at splitting the service into two lots (north and south) but decided against it: the caseload "
    "is too small for two providers."),
])
def test_a_division_weighed_and_refused_is_one_contract_with_its_reason(facts_of, text):
    facts = facts_of(text)
    assert facts.value("lots.count") == 1
    assert facts.value("evidence.reason_not_lotted") is True


def test_a_division_made_is_still_read(facts_of):
    facts = facts_of("Having considered the market, the Council has divided the service into three lots.")
    assert facts.value("lots.count") == 3
