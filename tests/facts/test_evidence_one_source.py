"""This round: the facts that rules now lean on (place, consortia, market engagement) and deadlines written
with an address and a weekday before the date."""


def test_deadline_after_an_email_address_and_a_weekday(facts_of):
    facts = facts_of("Issued on 3 March 2026.\n\nReturn your bid to the procurement officer at "
                     "tenders@ashby-pc.org.uk so that it arrives by 5pm on Monday 23 March 2026.")
    assert facts.value("timeline.deadline_date") == "2026-03-23"
    assert facts.value("timeline.tender_window_days") == 20


def test_market_engagement_in_event_words(facts_of):
    assert facts_of("Last autumn we ran a supplier open day at the Town Hall.").value("evidence.market_engagement")
    assert facts_of("We held two drop-in sessions with local contractors in June.").value(
        "evidence.market_engagement")
    assert facts_of("Three webinars for interested organisations took place in May.").value(
        "evidence.market_engagement")


def test_a_market_day_or_a_negated_event_is_not_engagement(facts_of):
    assert facts_of("The service must cover the Saturday market day in the square.").value(
        "evidence.market_engagement") is None
    assert facts_of("No supplier day was held before this tender.").value("evidence.market_engagement") is None


def test_the_month_of_may_is_no_hedge(facts_of):
    assert facts_of("A market engagement event ran in May 2025.").value("evidence.market_engagement")
    assert facts_of("In May 2024 the Council held a supplier day.").value("evidence.market_engagement")
    assert facts_of("Providers may be invited to a market engagement event.").value(
        "evidence.market_engagement") is None


def test_a_source_showing_need_in_a_place_is_place_evidence(facts_of):
    facts = facts_of("The Trust's admissions data for 2023/24 show that falls among over-80s are twice as "
                     "common in Millbrook and Shaw as elsewhere.")
    assert facts.value("evidence.place")
    assert facts_of("The Harbour Area Plan found that families in the coastal villages wait longest for "
                    "support.").value("evidence.place")


def test_the_local_economy_or_a_placeless_finding_is_not_place_evidence(facts_of):
    assert facts_of("The Council supports the local economy and buys locally where it can.").value(
        "evidence.place") is None
    assert facts_of("Our staff survey found that most workers prefer electronic rotas.").value(
        "evidence.place") is None


def test_no_legal_entity_needed_is_a_welcome(facts_of):
    facts = facts_of("Partners bidding as a consortium need not be a single legal entity at the time of bidding.")
    assert facts.value("evidence.consortia_welcome")
    assert facts.value("evidence.consortia_barred") is None


def test_an_assignment_bar_is_neither_welcome_nor_bar(facts_of):
    facts = facts_of("The Contractor shall not assign, novate or subcontract the Contract without the Board's "
                     "written consent.")
    assert facts.value("evidence.consortia_welcome") is None
    assert facts.value("evidence.consortia_barred") is None


def test_an_undecided_or_negated_welcome_is_no_welcome(facts_of):
    assert facts_of("The Board has not yet decided whether joint bids are acceptable.").value(
        "evidence.consortia_welcome") is None


def test_groups_working_together_are_welcomed(facts_of):
    assert facts_of("We welcome quotes from sole traders and from small firms working together.").value(
        "evidence.consortia_welcome")


def test_insurance_held_when_quoting_is_at_bid(facts_of):
    facts = facts_of("Firms must carry public liability insurance of £2 million at the time of quoting.")
    assert [i["when"] for i in facts.value("selection.insurance")] == ["bid"]
