"""Evidence facts describe the buyer's own practice: standard schedules, definitions and the thing being bought
are not evidence of it (checker/facts/scope.py). Each case pairs a sentence that must not count with one that
must, so the filter cannot pass by dropping everything."""

import pytest


@pytest.mark.parametrize("text, fact", [
    (("## Freedom of Information\n\nEach Request for Information that the Council receives is answered within 20 "
      "working days."), "evidence.market_engagement"),
    (("## Armed Forces Covenant\n\nThe Council supports veterans and their families living in local communities "
      "across the borough."), "evidence.place"),
    ("## Definitions\n\nCo-production: the way of working set out in the provider's delivery plan.",
     "evidence.co_design"),
    ("'Lived Experience Panel' means the panel described in Schedule 4.", "evidence.co_design"),
    ("The Board is seeking a provider to deliver co-production training for its commissioning staff.",
     "evidence.co_design"),
    ("Personal data about local residents will be processed under the UK GDPR and the Data Protection Act 2018.",
     "evidence.place"),
])
def test_boilerplate_definitions_and_subject_matter_are_not_evidence(facts_of, text, fact):
    assert fact not in facts_of(text)


@pytest.mark.parametrize("text, fact", [
    (("## Market engagement\n\nWe issued a Request for Information to the market in May and held a provider "
      "day."), "evidence.market_engagement"),
    ("The specification was co-produced with young carers at four workshops last spring.", "evidence.co_design"),
    (("The service will work in the Eastfield and Marsh Lane wards, where the needs assessment found the highest "
     "rates of isolation."), "evidence.place"),
])
def test_the_same_words_describing_the_buyers_own_practice_still_count(facts_of, text, fact):
    assert facts_of(text).value(fact) is True


def test_a_term_defined_by_a_standard_schedule_keeps_that_meaning(facts_of):
    facts = facts_of("## Interpretation\n\n“Request for Information” means a request for information under the "
                     "Freedom of Information Act 2000.\n\n## Confidentiality\n\nWhere the Council receives a Request "
                     "for Information about the Contract, the Supplier will help it to reply.")
    assert "evidence.market_engagement" not in facts


def test_the_same_words_not_in_defined_form_are_market_engagement(facts_of):
    facts = facts_of("## Interpretation\n\n“Request for Information” means a request for information under the "
                     "Freedom of Information Act 2000.\n\n## Market engagement\n\nIn March we published a request for "
                     "information to the market and met eleven providers.")
    assert facts.value("evidence.market_engagement") is True
