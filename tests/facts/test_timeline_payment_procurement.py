"""timeline.*, payment.*, procurement.regime, buyer.type, contract.category."""

import pytest


def test_tender_window_from_timetable_table(facts_of):
    facts = facts_of("| Activity | Date |\n|---|---|\n| Publication of contract notice | 2 March 2026 |\n"
                     "| Clarification deadline | 20 March 2026 |\n| Tender deadline | 30 March 2026 at 14:00 |\n")
    assert facts.value("timeline.tender_window_days") == 28
    assert facts.value("procurement.start_date") == "2026-03-02"


def test_deadline_in_a_sentence_with_other_milestones(facts_of):
    facts = facts_of("The tender was published on 2 March 2026. The deadline for clarification questions is "
                     "20 March 2026 and the deadline for tenders is 12:00 on 1 April 2026.")
    assert facts.value("timeline.deadline_date") == "2026-04-01"
    assert facts.value("timeline.tender_window_days") == 30


def test_uk_numeric_dates_are_day_first(facts_of):
    facts = facts_of("The ITT was issued on 12/03/2026. The deadline for tenders is 2026-04-01 at noon.")
    assert facts.value("timeline.tender_window_days") == 20


def test_payment_terms(facts_of):
    assert facts_of("Valid invoices will be paid within 30 days of receipt.").value("payment.terms_days") == 30
    assert facts_of("Payments will be made within sixty (60) days of a valid invoice.").value(
        "payment.terms_days") == 60


def test_supplier_deadlines_are_not_payment_terms(facts_of):
    facts = facts_of("All jobs must be submitted for payment with documentation within 7 days.")
    assert "payment.terms_days" not in facts


def test_regime_buyer_and_category(facts_of):
    facts = facts_of("Northmoor Borough Council invites tenders for a services contract under the light touch "
                     "regime of the Procurement Act 2023.")
    assert facts.value("procurement.regime") == "PA2023"
    assert facts.value("buyer.type") == "local"
    assert facts.value("contract.category") == "light-touch"
    assert facts_of("NHS Kestrel Integrated Care Board.").value("buyer.type") == "nhs"
    assert facts_of("This procurement is run under the Public Contracts Regulations 2015.").value(
        "procurement.regime") == "PCR2015"


def test_payment_terms_label(facts_of):
    assert facts_of("Payment terms: 30 days from receipt of invoice.").value("payment.terms_days") == 30
    assert "payment.terms_days" not in facts_of("The provider shall submit invoices within 30 days of the end of "
                                                "each month.")


def test_notice_style_lines(facts_of):
    facts = facts_of("Buyer: City & County of Swansea\n\nContract period: 720 days\n\nTender period: until 2025-03-24\n")
    assert facts.value("buyer.type") == "local"
    assert facts.value("contract.duration_months_max") == 24
    assert facts.value("timeline.deadline_date") == "2025-03-24"


@pytest.mark.parametrize("text, at_risk", [
    (("Ten per cent of the annual contract price will be linked to the achievement of the outcomes and paid "
     "quarterly; the remaining 90% is a fixed block payment."), 10),
    (("40% of the contract price will be paid only on achievement of job outcomes. The remaining 60% will be paid "
     "monthly as a service fee."), 40),
    ("The Agency will pay 80% of the annual price monthly in arrears and 20% quarterly on delivery of KPIs.", 20),
    ("Payment will be 70% fixed, with the remainder contingent on outcomes.", 30),
    ("The contract is 100% payment by results.", 100),
])
def test_share_of_payment_at_risk(facts_of, text, at_risk):
    assert facts_of(text).value("payment.at_risk_pct") == at_risk


def test_performance_targets_are_not_payment_at_risk(facts_of):
    assert "payment.at_risk_pct" not in facts_of("The provider must achieve 90% of KPI targets.")


@pytest.mark.parametrize("text, days", [
    ("The ITT was published on 2 March 2026. The deadline for the return of tenders is 12:00 on 3 April 2026.", 32),
    ("Opportunity published: 2 March 2026. Tenders should be returned by 5pm on 1 April 2026.", 30),
    ("Timetable: ITT issued 02/03/2026; clarification deadline 16/03/2026; tender submission deadline 30/03/2026.",
     28),
    ("Tender documents available from 2 March 2026. Closing date: 27 March 2026.", 25),
])
def test_tender_window_phrasings(facts_of, text, days):
    assert facts_of(text).value("timeline.tender_window_days") == days


@pytest.mark.parametrize("text, pct", [
    (("Eighty per cent of the yearly price is paid monthly. The other twenty per cent is paid each spring according"
     " to progress against the two outcomes in the specification."), 20),
    (("Providers are paid per client: 60% of the price at referral and the remaining 40% only once the client"
     " reaches a sustained outcome."), 40),
])
def test_a_share_paid_on_results_in_other_words(facts_of, text, pct):
    assert facts_of(text).value("payment.at_risk_pct") == pct


def test_a_percentage_beside_results_but_not_payment_is_not_at_risk(facts_of):
    facts = facts_of("We expect 95% of visits to start on time, based on the results of last year's audit.")
    assert facts.value("payment.at_risk_pct") is None


@pytest.mark.parametrize("text, regime", [
    (("This is a transport service, so the Trust buys it under the Procurement Act 2023 and not under the Provider "
     "Selection Regime."), "PA2023"),
    ("The Board is using the Procurement Act 2023 rather than the Provider Selection Regime.", "PA2023"),
    ("The Provider Selection Regime does not apply. The Procurement Act 2023 governs this tender.", "PA2023"),
    ("The ICB is procuring this health care service under the Provider Selection Regime.", "PSR"),
])
def test_a_regime_named_to_say_it_is_not_used_is_not_the_regime(facts_of, text, regime):
    assert facts_of(text).value("procurement.regime") == regime
