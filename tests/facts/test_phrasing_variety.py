"""Facts stated the ways other authors write them: ranges, words, tables of key information, negative answers."""

import pytest


def test_lot_cap_takes_the_top_of_a_value_range(facts_of):
    facts = facts_of("| Lot | Service | Estimated value (whole term) |\n|---|---|---|\n"
                     "| 1 | Job coaching | £210k–£340k |\n| 2 | Skills for work | £90,000 - £180,000 |")
    assert facts.value("lots.max_value_gbp") == 340_000
    assert [i["value_gbp"] for i in facts.value("lots.items")] == [340_000, 180_000]


def test_lot_values_given_in_prose_fill_a_table_of_rates(facts_of):
    facts = facts_of("The work is split into three lots: Lot 1 Uplands (£0.8m), Lot 2 Riverside (£2.3m) and "
                     "Lot 3 Harbour (£1.1m). Values cover the full term.\n\n"
                     "| Lot | Day rate | Night rate |\n|---|---|---|\n| Lot 1 Uplands | £21.00 | £24.00 |\n"
                     "| Lot 2 Riverside | £22.50 | £25.00 |\n| Lot 3 Harbour | £21.80 | £24.60 |")
    assert facts.value("lots.count") == 3
    assert facts.value("lots.max_value_gbp") == 2_300_000


def test_value_in_words_paid_per_year_is_carried_over_the_term(facts_of):
    facts = facts_of("The agreement runs for four years. The Board will pay one hundred and fifty thousand pounds "
                     "a year (excluding VAT) for the service.")
    assert facts.value("contract.value_annual_gbp") == 150_000
    assert facts.value("contract.value_total_gbp") == 600_000


def test_abbreviated_inc_vat_in_a_key_facts_table_is_divided(facts_of):
    fact = facts_of("| Key fact | Detail |\n|---|---|\n| Contract value | £360,000 (incl. VAT) |") \
        .get("contract.value_total_gbp")
    assert fact.value == pytest.approx(300_000)
    assert "1.2" in fact.source


@pytest.mark.parametrize("text, maximum", [
    ("The contract will run for 30 months, with an option to extend by a further 6 + 6 months.", 42),
    ("Each agreement has an initial term of four years with the option to extend for one further year (4+1).", 60),
])
def test_extension_arithmetic_in_a_sentence(facts_of, text, maximum):
    assert facts_of(text).value("contract.duration_months_max") == maximum


def test_negative_answer_in_a_table_is_not_evidence(facts_of):
    facts = facts_of("| Item | Detail |\n|---|---|\n| Soft market testing | Not undertaken |\n"
                     "| Procedure | Open |")
    assert "evidence.market_engagement" not in facts


def test_positive_answer_in_a_table_is_evidence(facts_of):
    facts = facts_of("| Item | Detail |\n|---|---|\n| Soft market testing | Held with nine providers in May |")
    assert facts.value("evidence.market_engagement") is True


def test_hospital_wards_are_not_places(facts_of):
    facts = facts_of("The charity will place volunteers on the hospital's four inpatient stroke wards.")
    assert "evidence.place" not in facts


def test_electoral_wards_are_places(facts_of):
    facts = facts_of("The service covers the Eastbrook and Millfield wards, where need is highest.")
    assert facts.value("evidence.place") is True


@pytest.mark.parametrize("text", [
    "The model was designed in partnership with people who use the service over six months of sessions.",
    "These outcomes were developed together with tenants who have used the service.",
    "The specification has been co-produced with parents of disabled children.",
    "Every section of the service model was shaped by people with lived experience of addiction.",
])
def test_co_design_phrasings(facts_of, text):
    assert facts_of(text).value("evidence.co_design") is True


def test_partnership_with_other_agencies_is_not_co_design(facts_of):
    facts = facts_of("The service was developed in partnership with the police and the probation service.")
    assert "evidence.co_design" not in facts


@pytest.mark.parametrize("text", [
    "Providers may put in a bid together as a consortium, with one named lead.",
    "Submissions may be made by a group of organisations acting as a consortium.",
    ("Applications from consortia of small charities (for instance a food bank, a credit union and an advice "
    "centre working together) are very welcome."),
    "| Question | Answer |\n|---|---|\n| Consortium bids | Accepted |",
])
def test_consortia_welcome_phrasings(facts_of, text):
    facts = facts_of(text)
    assert facts.value("evidence.consortia_welcome") is True
    assert "evidence.consortia_barred" not in facts


@pytest.mark.parametrize("text", [
    "The Trust will not accept tenders from consortia.",
    "| Question | Answer |\n|---|---|\n| Consortium bids | Not accepted |",
])
def test_consortia_barred_phrasings(facts_of, text):
    facts = facts_of(text)
    assert facts.value("evidence.consortia_barred") is True
    assert "evidence.consortia_welcome" not in facts


def test_reason_for_a_single_lot_in_a_table_cell(facts_of):
    facts = facts_of("| Field | Detail |\n|---|---|\n| Lots | This contract is not split into lots. Reason: one "
                     "team covers the whole county and cannot be divided. |")
    assert facts.value("lots.count") == 1
    assert "one team covers" in facts.value("lots.reason_not_divided")


def test_lots_considered_and_rejected_with_a_reason(facts_of):
    facts = facts_of("The Board weighed up splitting the work into lots by district but decided against it "
                     "because families need one point of contact.")
    assert facts.value("lots.count") == 1
    assert facts.value("lots.reason_not_divided")


@pytest.mark.parametrize("text, window", [
    (("| Item | Detail |\n|---|---|\n| RFQ sent out | 3 May 2026 |\n| Return of quotations | 24 May 2026 at noon |\n"
     "| Contract start | 1 July 2026 |"), 21),
    (("Key dates:\n\n- Tender opens: 1 July 2026\n- Clarification questions close: 10 July 2026\n"
     "- Tender closes: 29 July 2026, 12:00"), 28),
    ("| Key information | |\n|---|---|\n| Published | 12/05/2026 |\n| Deadline | 09/06/2026 17:00 |", 28),
])
def test_tender_window_from_key_information(facts_of, text, window):
    assert facts_of(text).value("timeline.tender_window_days") == window


def test_dates_under_their_own_headings(facts_of):
    facts = facts_of("# Submission\n\n## Enquiry deadline\n\n1 June 2026\n\n## Closing date for bids\n\n"
                     "9 June 2026\n\n## Date of publication\n\n5 May 2026")
    assert facts.value("timeline.deadline_date") == "2026-06-09"
    assert facts.value("timeline.tender_window_days") == 35


def test_a_table_of_shares_of_the_total_is_not_rescaled(facts_of):
    facts = facts_of("Bids are scored on Price 35% / Quality 65%. Social value sits inside quality and is worth 10% "
                     "of the total score.\n\n| Question | Weighting (% of total score) |\n|---|---|\n"
                     "| Q1 Delivery model | 25 |\n| Q2 Staffing | 20 |\n| Q3 Safeguarding | 10 |\n"
                     "| Q4 Social value | 10 |\n| Total quality | 65 |")
    assert facts.value("evaluation.social_value_pct") == 10
    assert facts.value("evaluation.quality_pct") == 55
    assert facts.value("evaluation.price_pct") == 35


def test_a_complete_table_of_shares_of_the_total_is_read_as_it_stands(facts_of):
    facts = facts_of("| Question | Weighting (% of overall score) |\n|---|---|\n| Q1 Delivery model | 30 |\n"
                     "| Q2 Staffing | 15 |\n| Q3 Social value | 5 |\n| Price | 50 |")
    assert facts.value("evaluation.price_pct") == 50
    assert facts.value("evaluation.social_value_pct") == 5


def test_payment_schedule_shares_are_not_weightings(facts_of):
    facts = facts_of("# Payment\n\nPayment is quarterly in arrears. 80% of the annual fee is paid in equal "
                     "instalments; the final 20% of the contract price is released when outcome targets, assessed "
                     "each quarter, are met.")
    assert "evaluation.price_pct" not in facts


@pytest.mark.parametrize("text, days", [
    ("Terms:\n\n8. Payment: 45 days from invoice.", 45),
    ("The Trust pays correct invoices within 21 days of receipt.", 21),
    ("| Item | Detail |\n|---|---|\n| Payment terms | 30 days |", 30),
])
def test_payment_terms_phrasings(facts_of, text, days):
    assert facts_of(text).value("payment.terms_days") == days


def test_supplier_invoicing_deadline_is_not_payment_terms(facts_of):
    assert "payment.terms_days" not in facts_of("Invoices must be submitted within 10 days of the month end.")


def test_turnover_as_a_multiple_of_the_annual_value(facts_of):
    facts = facts_of("The contract runs for 3 years. The annual contract value is £200,000.\n\n"
                     "Bidders need a yearly turnover of at least twice the annual contract value.")
    assert facts.value("selection.turnover_multiple") == 2
    fact = facts.get("selection.min_turnover_gbp")
    assert fact.value == 400_000 and "annual" in fact.source


def test_turnover_multiple_of_the_total_value(facts_of):
    facts = facts_of("The total contract value is £900,000 over three years. Suppliers must show a turnover of "
                     "at least 1.5 times the total contract value.")
    assert facts.value("selection.turnover_multiple") == 1.5
    assert facts.value("selection.min_turnover_gbp") == 1_350_000


def test_turnover_multiple_without_a_known_value_gives_only_the_multiple(facts_of):
    facts = facts_of("Bidders must have a turnover at least double the value of the contract.")
    assert facts.value("selection.turnover_multiple") == 2
    assert "selection.min_turnover_gbp" not in facts


def test_amount_allocated_to_a_named_lot_belongs_to_that_lot(facts_of):
    facts = facts_of("The contract is for 4 years. Of this, £70,000 per year is allocated to Lot 1 and £50,000 "
                     "per year to Lot 2.")
    assert [i["value_gbp"] for i in facts.value("lots.items")] == [280_000, 200_000]


def test_a_single_contract_procurement_is_one_lot(facts_of):
    facts = facts_of("The total value is £900,000 over the maximum 5-year term (3 years + 2 x 1 year). This "
                     "procurement is for a single contract covering all sites.")
    assert facts.value("lots.count") == 1
    assert facts.value("contract.duration_months_initial") == 36
    assert facts.value("contract.duration_months_max") == 60


def test_topic_followed_by_none_is_not_evidence(facts_of):
    facts = facts_of("Key facts\n\nMarket engagement None undertaken\n\nConsortium bids Accepted")
    assert "evidence.market_engagement" not in facts
    assert facts.value("evidence.consortia_welcome") is True


def test_one_sense_of_ward_per_document(facts_of):
    facts = facts_of("Peer workers will support patients on two acute wards at the General Hospital.\n\n"
                     "The team works across both wards as one team.")
    assert "evidence.place" not in facts


def test_may_not_about_something_else_is_not_a_consortium_bar(facts_of):
    facts = facts_of("Subcontractors may not be required to attend the site meeting in person.")
    assert "evidence.consortia_barred" not in facts


def test_may_not_bid_as_a_consortium_is_a_bar(facts_of):
    assert facts_of("Organisations may not bid as a consortium.").value("evidence.consortia_barred") is True


def test_notice_form_dates_give_the_term_and_its_extensions(facts_of):
    facts = facts_of("## Contract dates\n\n| Field | Value |\n|---|---|\n| Start date | 1 April 2027 |\n"
                     "| End date | 31 March 2029 |\n| Extension end date | 31 March 2030 |\n"
                     "| Description of extensions | Up to 1 year in total |")
    assert facts.value("contract.duration_months_initial") == 24
    assert facts.value("contract.duration_months_max") == 36


@pytest.mark.parametrize("text, price, quality, social_value", [
    (("# Evaluation\n\nBids will be scored as follows:\n\n- Price – 35 points\n- Quality – 55 points\n"
     "- Social Value – 10 points"), 35, 55, 10),
    ("# Scoring\n\n- Cost: 20 marks\n- Quality: 15 marks\n- Social value: 5 marks", 50, 37.5, 12.5),
    ("# Evaluation\n\nBids are judged on Quality 75 : Price 25.", 25, 75, None),
])
def test_weights_in_lists_and_interleaved_ratios(facts_of, text, price, quality, social_value):
    facts = facts_of(text)
    assert facts.value("evaluation.price_pct") == price
    assert facts.value("evaluation.quality_pct") == quality
    assert facts.value("evaluation.social_value_pct") == social_value


def test_a_numbered_list_outside_evaluation_is_not_a_weighting(facts_of):
    facts = facts_of("# Staffing\n\n- Quality assurance officer 40\n- Price analyst 60")
    assert "evaluation.price_pct" not in facts


@pytest.mark.parametrize("text, initial, maximum", [
    ("The initial contract term is 24 months with options to extend by 6 months on three occasions.", 24, 42),
    ("The agreement will run for 2 years (+1 +1).", 24, 48),
    ("The contract will run for 30 months (+6 months).", 30, 36),
])
def test_more_extension_phrasings(facts_of, text, initial, maximum):
    facts = facts_of(text)
    assert facts.value("contract.duration_months_initial") == initial
    assert facts.value("contract.duration_months_max") == maximum


def test_fractions_of_a_million_in_words(facts_of):
    facts = facts_of("The total contract value is half a million pounds.")
    assert facts.value("contract.value_total_gbp") == 500_000


def test_short_negative_answers_deny_the_topic_but_no_restrictions_does_not(facts_of):
    facts = facts_of("| Question | Answer |\n|---|---|\n| Bid support | None offered |\n"
                     "| Consortia | No restrictions |")
    assert "evidence.capacity_building" not in facts
    assert facts.value("evidence.consortia_welcome") is True


def test_a_promise_not_to_ask_for_a_turnover_multiple_is_not_a_requirement(facts_of):
    facts = facts_of("The annual contract value is £150,000. We will not ask for a turnover of more than twice "
                     "the annual contract value.")
    assert "selection.min_turnover_gbp" not in facts


def test_made_with_people_through_surveys_is_consultation(facts_of):
    facts = facts_of("The new pathway was designed with patients using a series of online surveys.")
    assert "evidence.co_design" not in facts
    assert facts.value("evidence.consultation_only") is True


def test_clarification_deadline_row_is_not_the_tender_deadline(facts_of):
    facts = facts_of("| Event | Date |\n|---|---|\n| Deadline for clarification questions | 2 May 2026 |\n"
                     "| Deadline | 12 May 2026 |")
    assert facts.value("timeline.deadline_date") == "2026-05-12"


def test_turnover_multiple_of_a_lot_value_gives_only_the_multiple(facts_of):
    facts = facts_of("The annual contract value is £600,000 across three lots. Bidders must have a turnover of at "
                     "least twice the annual lot value for each lot bid for.")
    assert facts.value("selection.turnover_multiple") == 2
    assert "selection.min_turnover_gbp" not in facts
