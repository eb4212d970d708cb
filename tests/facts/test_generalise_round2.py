"""Second held-out round: weighting matrices with a sub-weighting column, bullet lists whose last item lost its
bullet, a stated maximum term beating arithmetic, lot-relative turnover multiples, and 'or equivalent' that
belongs to one accreditation only. Wording is our own."""


def test_sub_weighting_column_is_not_read_as_the_main_weights(facts_of):
    facts = facts_of("Bids are assessed against the award matrix below.\n\n"
                     "| No. | Award criterion | Sub-weight % | Weight % |\n|---|---|---|---|\n"
                     "| A | Technical merit | | 55 |\n| A.1 | Delivery plan | 30 | |\n| A.2 | Staffing | 25 | |\n"
                     "| B | Community benefit | | 15 |\n| C | Cost | | 30 |\n| | Total | | 100 |")
    assert facts.value("evaluation.price_pct") == 30
    assert facts.value("evaluation.quality_pct") == 55
    assert facts.value("evaluation.social_value_pct") == 15
    kids = [c["name"] for c in facts.value("evaluation.criteria") if c["parent"]]
    assert kids == ["Delivery plan", "Staffing"]


def test_weight_list_whose_last_line_is_not_a_bullet_keeps_all_lines(facts_of):
    facts = facts_of("## Scoring\n\nResponses are marked out of 100:\n\n- Cost – 35 marks\n- Quality – 50 marks\n\n"
                     "Social value – 15 marks\n\nFurther detail follows.")
    assert facts.value("evaluation.price_pct") == 35
    assert facts.value("evaluation.quality_pct") == 50
    assert facts.value("evaluation.social_value_pct") == 15


def test_stated_maximum_term_wins_over_adding_the_extension(facts_of):
    facts = facts_of("The agreement will run for an initial period of two years from 1 April 2027; the Trust may "
                     "extend it by a further year, giving a maximum term of three years.")
    assert facts.value("contract.duration_months_initial") == 24
    assert facts.value("contract.duration_months_max") == 36


def test_turnover_multiple_of_a_lots_value_gives_no_gbp_figure(facts_of):
    facts = facts_of("The annual contract value is £200,000. Tenderers need an annual turnover of at least three "
                     "times the annual value of each lot they bid for.")
    assert facts.value("selection.turnover_multiple") == 3
    assert "selection.min_turnover_gbp" not in facts


def test_turnover_multiple_of_the_contract_value_gives_a_gbp_figure(facts_of):
    facts = facts_of("The annual contract value is £200,000. Tenderers need an annual turnover of at least twice "
                     "the annual contract value.")
    assert facts.value("selection.min_turnover_gbp") == 400_000


def test_or_equivalent_attaches_to_the_accreditation_it_follows(facts_of):
    items = facts_of("Providers must be certified to ISO 14001 or an equivalent scheme, and must also hold Cyber "
                     "Essentials Plus before the service starts.").value("selection.accreditations")
    assert {i["name"]: i["or_equivalent"] for i in items} == {"ISO 14001": True, "Cyber Essentials Plus": False}


def test_or_equivalent_after_a_list_covers_the_whole_list(facts_of):
    items = facts_of("Contractors must hold CHAS, SafeContractor or equivalent.").value("selection.accreditations")
    assert all(i["or_equivalent"] for i in items) and len(items) == 2


def test_a_rules_threshold_in_a_condition_is_not_the_contract_value(facts_of):
    facts = facts_of("We expect the work to cost about £12,000 a year over 2 years.\n\n"
                     "Financial Regulation 4: if the value of any purchase is over £10,000, the Clerk must seek "
                     "three written quotes.")
    assert facts.value("contract.value_annual_gbp") == 12_000
    assert facts.value("contract.value_total_gbp") == 24_000


def test_total_after_a_per_lot_amount_in_one_sentence_is_the_contracts(facts_of):
    facts = facts_of("The work is in two lots. Every lot is funded at £15,000 a year, and the overall budget "
                     "is £30,000 per annum.")
    assert facts.value("contract.value_annual_gbp") == 30_000


def test_arrive_by_phrasing_gives_the_deadline(facts_of):
    facts = facts_of("Tenders should be returned in a sealed envelope, to arrive by noon on 3 November 2026.")
    assert facts.value("timeline.deadline_date") == "2026-11-03"
    facts = facts_of("Post or email your completed quote to the Parish Office so that it reaches the Clerk no "
                     "later than 4pm on Monday 12 October 2026.")
    assert facts.value("timeline.deadline_date") == "2026-10-12"


def test_joint_quotes_welcome_is_consortia_welcome(facts_of):
    facts = facts_of("Joint quotes from small firms working together are welcome, provided one firm leads.")
    assert facts.value("evidence.consortia_welcome") is True
    assert "evidence.consortia_barred" not in facts


def test_bidding_jointly_is_consortia_welcome(facts_of):
    facts = facts_of("Two or more local groups may bid jointly for this contract.")
    assert facts.value("evidence.consortia_welcome") is True


def test_developed_in_partnership_with_the_people_served_is_co_design(facts_of):
    facts = facts_of("The outcomes framework was designed in partnership with older residents during a run of "
                     "community workshops in spring.")
    assert facts.value("evidence.co_design") is True


def test_partnership_with_agencies_is_not_co_design(facts_of):
    facts = facts_of("The service was developed in partnership with the police and the fire service.")
    assert "evidence.co_design" not in facts


def test_payment_terms_row_with_an_entry_column(facts_of):
    facts = facts_of("| Field | Entry |\n|---|---|\n| Buyer | Anyshire Council |\n| Payment terms | 21 days |")
    assert facts.value("payment.terms_days") == 21


def test_a_maximum_that_belongs_to_the_extension_is_still_added(facts_of):
    facts = facts_of("The contract period is two years, extendable by a maximum of two years.")
    assert facts.value("contract.duration_months_max") == 48


def test_more_ways_of_saying_when_a_submission_must_arrive(facts_of):
    assert facts_of("Please return your tender so that it reaches us by 10am on 2 February 2026.") \
        .value("timeline.deadline_date") == "2026-02-02"
    assert facts_of("Responses should be with the Council by noon on 9 February 2026.") \
        .value("timeline.deadline_date") == "2026-02-09"


def test_reaching_capacity_by_a_date_is_not_a_deadline(facts_of):
    assert "timeline.deadline_date" not in facts_of("The service must reach full capacity by 1 June 2026.")


def test_a_general_rule_about_contracts_over_an_amount_is_not_a_value(facts_of):
    facts = facts_of("The work is expected to cost £20,000. Contracts valued over £30,000 are published on "
                     "Contracts Finder.")
    assert [f.value for f in facts.all("contract.value_total_gbp")] == [20_000]


def test_a_ceiling_on_this_contract_is_still_its_value(facts_of):
    assert facts_of("The contract value will not exceed £80,000 over the term.") \
        .value("contract.value_total_gbp") == 80_000


def test_made_with_the_people_served_at_workshops_is_co_design(facts_of):
    assert facts_of("The specification was drawn up through a series of workshops with service users.") \
        .value("evidence.co_design") is True
    assert facts_of("The specification was developed with tenants at three workshops.") \
        .value("evidence.co_design") is True
