"""This round: the facts that rules now lean on (place, consortia, market engagement) and deadlines written
with an address and a weekday before the date."""


def test_deadline_after_an_email_address_and_a_weekday(facts_of):
    facts = facts_of("Issued on 3 March 2026.\n\nReturn your bid to the procurement officer at "
                     "tenders@ashby-pc.org.uk so that it arrives by 5pm on Monday 23 March 2026.")
    assert facts.value("timeline.deadline_date") == "2026-03-23"
    assert facts.value("timeline.tender_window_days") == 20
