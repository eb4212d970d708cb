"""evidence.*: classified spans, asserted only; negated or future-only co-design is not evidence."""

import pytest


def test_co_design_asserted(facts_of):
    facts = facts_of("The service has been co-designed with people with lived experience of homelessness.")
    assert facts.value("evidence.co_design") is True
    assert "co-designed" in facts.get("evidence.co_design").evidence


def test_negated_and_future_only_co_design_is_not_evidence(facts_of):
    facts = facts_of("Co-design is not required for this service. We may consider co-production in future.")
    assert "evidence.co_design" not in facts


def test_survey_without_co_design_is_consultation_only(facts_of):
    facts = facts_of("We ran a survey of residents and held a public consultation on the draft specification.")
    assert facts.value("evidence.consultation_only") is True
    assert "evidence.co_design" not in facts


def test_land_survey_is_not_consultation(facts_of):
    assert "evidence.consultation_only" not in facts_of("The Town will provide a topographical survey of the site.")


def test_consortia_welcome_and_barred(facts_of):
    assert facts_of("Consortium bids are welcome.").value("evidence.consortia_welcome") is True
    barred = facts_of("Consortia will not be accepted.")
    assert barred.value("evidence.consortia_barred") is True
    assert "evidence.consortia_welcome" not in barred


def test_subcontracting_allowed_is_not_a_consortium_welcome(facts_of):
    facts = facts_of("Joint bids will not be accepted. Subcontracting is allowed with the Council's consent.")
    assert facts.value("evidence.consortia_barred") is True
    assert "evidence.consortia_welcome" not in facts


def test_market_engagement_prefers_a_sentence_to_a_heading(facts_of):
    facts = facts_of("## 1.2 Market engagement\n\nA market engagement event was held on 14 January 2026.")
    assert facts.get("evidence.market_engagement").evidence.startswith("A market engagement event")


def test_co_design_through_a_survey_is_consultation(facts_of):
    facts = facts_of("The new service model has been co-designed with local people through an online survey.")
    assert "evidence.co_design" not in facts
    assert facts.value("evidence.consultation_only") is True


def test_supplier_briefing_is_market_engagement(facts_of):
    assert facts_of("A supplier briefing session was held online on 22 June 2026.").value(
        "evidence.market_engagement") is True


def test_other_ways_to_bar_consortia(facts_of):
    assert facts_of("The Council is unable to accept bids from consortia.").value("evidence.consortia_barred")
    assert facts_of("Bidders must be a single legal entity.").value("evidence.consortia_barred")


def test_a_heading_alone_is_not_evidence(facts_of):
    facts = facts_of("## People with lived experience\n\nPeople with lived experience were not involved in designing "
                     "this specification.")
    assert "evidence.co_design" not in facts


def test_capacity_building_is_help_to_bid_not_a_briefing_or_the_service(facts_of):
    assert facts_of("We offered one-to-one advice on quoting to small organisations.").value(
        "evidence.capacity_building") is True
    assert "evidence.capacity_building" not in facts_of("A supplier briefing session was held online.")
    assert "evidence.capacity_building" not in facts_of("The service provides mentoring for young people.")


@pytest.mark.parametrize("text", [
    "The service charter in Schedule 3 was drawn up with the Residents' Scrutiny Panel, who met four times.",
    "Our menu standards were agreed with the Parents' Catering Forum over three evenings.",
    "The outcomes framework was written alongside the Young People's Advisory Board.",
])
def test_made_with_a_body_of_the_people_served_is_co_design(facts_of, text):
    assert facts_of(text).value("evidence.co_design") is True


@pytest.mark.parametrize("text", [
    "The contract terms were agreed with the Council's Audit Committee.",
    "The specification was drafted by the commissioning team and checked by the Procurement Board.",
])
def test_made_with_a_body_of_officers_is_not_co_design(facts_of, text):
    assert facts_of(text).value("evidence.co_design") is None


def test_events_with_suppliers_named_by_their_trade_are_market_engagement(facts_of):
    facts = facts_of("Before the tender we ran two contractor workshops and an operator forum in Penfold.")
    assert facts.value("evidence.market_engagement") is True


@pytest.mark.parametrize("text, welcome", [
    ("Charities may apply as a group, naming one of them as the lead.", True),
    ("Firms can tender as a partnership if one partner leads.", True),
])
def test_applying_as_a_group_is_a_consortium_welcome(facts_of, text, welcome):
    assert facts_of(text).value("evidence.consortia_welcome") is welcome


@pytest.mark.parametrize("text", [
    "Tenders from partnerships of small community transport charities are welcome.",
    "The Trust encourages partnerships with faith groups and tenants' associations in each ward.",
    "Framework members may bid as the lead of a supply chain that brings in local mentoring groups.",
    "A group of organisations may bid together; it does not need to set up a company or any other legal entity.",
])
def test_partnerships_and_supply_chains_are_bidding_together(facts_of, text):
    facts = facts_of(text)
    assert facts.value("evidence.consortia_welcome") is True
    assert "evidence.consortia_barred" not in facts


def test_a_partnership_that_is_barred_is_no_welcome(facts_of):
    facts = facts_of("Bids from partnerships of organisations will not be accepted; each bidder must be a single "
                     "legal entity.")
    assert "evidence.consortia_welcome" not in facts
    assert facts.value("evidence.consortia_barred") is True


@pytest.mark.parametrize("text", [
    "The menu was planned over three workshops last autumn with parents from the two nurseries.",
    "Officers held co-design sessions in every village hall with older people who live alone.",
])
def test_sessions_held_with_the_people_served_are_co_design(facts_of, text):
    assert facts_of(text).value("evidence.co_design") is True


@pytest.mark.parametrize("text", [
    "The specification was drafted in two meetings with the incumbent providers.",
    "We ran design sessions with council officers and commissioners.",
])
def test_sessions_without_the_people_served_are_not_co_design(facts_of, text):
    assert "evidence.co_design" not in facts_of(text)


@pytest.mark.parametrize("text", [
    "Send copies of your insurance certificates with the questionnaire: public liability of £5m.",
    "A bidder drop-in session will be held online on 3 May.",
    "Suppliers must show that they have delivered two contracts for community engagement services.",
])
def test_bidders_and_the_adjective_public_are_not_consultation_of_people(facts_of, text):
    assert "evidence.consultation_only" not in facts_of(text)


def test_a_consultation_of_residents_still_is(facts_of):
    assert facts_of("We consulted residents at four events in March.").value("evidence.consultation_only") is True
