"""selection.*: turnover, insurance (and when it must be held), audited accounts, experience, accreditations."""

import pytest


def test_turnover_and_insurance_timing(facts_of):
    facts = facts_of("Bidders must have a minimum annual turnover of £480,000.\n\n"
                     "Bidders must provide evidence of public liability insurance of £10m with their tender. "
                     "Employer's liability insurance of £5 million will be required prior to contract award.")
    assert facts.value("selection.min_turnover_gbp") == 480_000
    insurance = {i["type"]: i for i in facts.value("selection.insurance")}
    assert insurance["public liability"] == {"type": "public liability", "amount_gbp": 10_000_000, "when": "bid"}
    assert insurance["employer's liability"]["when"] == "award"
    assert insurance["employer's liability"]["amount_gbp"] == 5_000_000


def test_insurance_table_amounts(facts_of):
    facts = facts_of("Bidders must submit copies of their insurance certificates with their tender:\n\n"
                     "| Insurance | Minimum cover |\n|---|---|\n| Employer's liability | £5,000,000 |\n"
                     "| Professional indemnity | £1,000,000 |\n")
    insurance = {i["type"]: i for i in facts.value("selection.insurance")}
    assert insurance["professional indemnity"]["amount_gbp"] == 1_000_000
    assert insurance["employer's liability"]["when"] == "bid"


def test_audited_accounts_demanded_or_only_where_required(facts_of):
    assert facts_of("Bidders must provide three years' audited accounts.").value(
        "selection.audited_accounts") is True
    relaxed = facts_of("Accounts need to be audited accounts only where the bidder is legally required to have "
                       "them audited.")
    assert relaxed.value("selection.audited_accounts") is False
    assert "audited" in relaxed.get("selection.audited_accounts").evidence


def test_experience_with_this_authority(facts_of):
    value = facts_of("Bidders must have held a previous contract with the Council.").value(
        "selection.experience_required")
    assert value["this_authority"] is True
    value = facts_of("Bidders must have delivered at least three comparable public sector contracts.").value(
        "selection.experience_required")
    assert value["contracts"] == 3 and value["public_sector"] and not value["this_authority"]


def test_accreditations_or_equivalent(facts_of):
    facts = facts_of("Bidders must hold ISO 9001 or an equivalent standard. Bidders must have Cyber Essentials "
                     "Plus.")
    items = {i["name"]: i["or_equivalent"] for i in facts.value("selection.accreditations")}
    assert items == {"ISO 9001": True, "Cyber Essentials Plus": False}


def test_insurance_timing_from_the_next_sentence(facts_of):
    facts = facts_of("Insurance requirements: Employer's Liability - £10,000,000; Public Liability - £5,000,000. "
                     "Evidence of cover must be provided prior to contract commencement.")
    insurance = {i["type"]: i for i in facts.value("selection.insurance")}
    assert insurance["public liability"] == {"type": "public liability", "amount_gbp": 5_000_000, "when": "award"}


def test_experience_of_contracts_of_similar_size(facts_of):
    value = facts_of("Bidders must have delivered at least two contracts of a similar size for a local authority "
                     "in the last five years.").value("selection.experience_required")
    assert value["contracts"] == 2 and value["public_sector"]


@pytest.mark.parametrize("lead, when", [
    ("Copies of the following certificates must be uploaded with your tender:", "bid"),
    ("The successful provider will need the following cover in place before the contract starts:", "award"),
])
def test_a_list_of_insurance_takes_its_timing_from_the_sentence_that_introduces_it(facts_of, lead, when):
    facts = facts_of(f"## Insurance\n\n{lead}\n\n- employer's liability of £5 million;\n"
                     "- public liability of £2 million.\n\n## Next section\n\nOther text.")
    assert [(i["amount_gbp"], i["when"]) for i in facts.value("selection.insurance")] == [(5000000, when),
                                                                                        (2000000, when)]


def test_a_nested_list_takes_its_timing_from_the_item_that_introduces_it(facts_of):
    facts = facts_of("## Conditions\n\n- 4.1 Accounts for two years are requested.\n"
                     "- 4.2 As part of their tender submission, tenderers must upload proof of this cover:\n"
                     "- employer's liability of £10 million;\n- public liability of £5 million.\n"
                     "- 4.3 References are taken up after award.\n")
    assert [i["when"] for i in facts.value("selection.insurance")] == ["bid", "bid"]


@pytest.mark.parametrize("text", [
    "Employer's liability insurance of £5 million, to be in place by contract start.",
    "You will need public liability insurance of £5 million before the work begins.",
    "Public liability insurance of £5 million is needed; you do not need to hold it when you tender.",
])
def test_insurance_needed_only_once_the_contract_starts_is_at_award(facts_of, text):
    assert [i["when"] for i in facts_of(text).value("selection.insurance")] == ["award"]


@pytest.mark.parametrize("text", [
    "We do not set a minimum turnover, and groups with an annual income below £150,000 are welcome to bid.",
    "There is no minimum turnover; the Council may run a credit check on bidders with income over £50,000.",
])
def test_a_turnover_demand_said_not_to_exist_is_no_demand(facts_of, text):
    assert facts_of(text).value("selection.min_turnover_gbp") is None


@pytest.mark.parametrize("text", [
    "Audited accounts are asked for only where the law requires the organisation to have an audit.",
    "Please send audited accounts if an audit is a statutory requirement for your organisation.",
])
def test_audited_accounts_only_where_the_law_requires_them_is_no_demand_of_every_bidder(facts_of, text):
    assert facts_of(text).value("selection.audited_accounts") is False


def _when(facts):
    return [i["when"] for i in facts.value("selection.insurance")]


# -- when: evidence sent with the bid, by whatever name the bid goes by, is at bid ------------------------------

@pytest.mark.parametrize("text", [
    ("Scanned cover notes for employer's liability of £10 million are to be attached with the selection "
     "questionnaire."),
    "Your public liability certificate, for at least £5 million, must accompany the tender you return.",
    "The certificate for professional indemnity of £2m should be enclosed with your expression of interest.",
    # the rule's own words (KIL-3.11) say bid for the fact too
    ("Quotes which do not include a current public liability insurance certificate for £2 million will not be "
     "considered."),
])
def test_evidence_sent_with_the_bid_by_any_name_is_at_bid(facts_of, text):
    assert _when(facts_of(text)) == ["bid"]


# -- when: cover to be held from a date, or evidence kept back from the bid, is at award ------------------------

@pytest.mark.parametrize("text", [
    "Providers must hold public liability insurance of £5m from the framework commencement date.",
    ("Each supplier must have employer's liability cover of £10m in place from the date its call-off contract "
     "begins."),
    "Public liability insurance of £5m must be evidenced once the framework agreement has been signed.",
    ("Public liability insurance of £5 million must be in place before the contract starts; you need not send "
     "certificates with your tender."),
    ("Employer's liability insurance of £5m is required. Certificates come from the winning bidder, not with the "
     "tender."),
    ("Bidders must hold employer's liability insurance of £10 million. Proof is only needed once the contract has "
     "been awarded."),
])
def test_cover_held_from_the_start_or_evidenced_after_the_bid_is_at_award(facts_of, text):
    assert _when(facts_of(text)) == ["award"]


def test_a_demand_to_hold_cover_that_names_no_time_is_at_bid(facts_of):
    assert _when(facts_of("Bidders must hold employer's liability insurance of £10 million.")) == ["bid"]


def test_a_sentence_saying_a_bid_without_evidence_fails_is_not_read_as_evidence_kept_back(facts_of):
    text = "Bids that do not include public liability insurance certificates for £5m with the tender will be rejected."
    assert _when(facts_of(text)) == ["bid"]


# -- when: the scope of a timing sentence over the table or lines it introduces ---------------------------------

TABLE = "| Cover | Level |\n|---|---|\n| Employer's liability | £10,000,000 |\n| Public liability | £5,000,000 |\n"


@pytest.mark.parametrize("before, after, when", [
    ("The appointed provider must hold the cover in this table from the contract start:", "", "award"),
    ("Upload a certificate for each cover below with your response:", "", "bid"),
    ("The levels of cover are:", ("Certificates for all of the above are checked before the call-off contract is "
                                  "signed."), "award"),
    # the sentence above the table is nearer than the one after it
    ("Copies of these certificates go in with your bid:", ("The cover must be kept up for the duration of the "
                                                           "contract."), "bid"),
])
def test_a_table_takes_its_timing_from_the_sentence_before_it_then_after_it(facts_of, before, after, when):
    facts = facts_of(f"## Insurance\n\n{before}\n\n{TABLE}\n{after}\n")
    assert [(i["amount_gbp"], i["when"]) for i in facts.value("selection.insurance")] == [(10_000_000, when),
                                                                                        (5_000_000, when)]


def test_a_when_column_in_the_row_outweighs_a_bare_demand_to_hold_above_the_table(facts_of):
    facts = facts_of("## Insurance\n\nSuppliers must hold the cover below:\n\n| Cover | Level | Needed by |\n"
                     "|---|---|---|\n| Employer's liability | £10,000,000 | Contract start date |\n"
                     "| Public liability | £5,000,000 | Contract start date |\n")
    assert _when(facts) == ["award", "award"]


def test_lines_of_a_table_read_as_paragraphs_take_the_timing_of_the_sentence_that_introduces_them(facts_of):
    facts = facts_of("## 7 Insurance\n\nThe cover listed here must be in place before the service begins:\n\n"
                     "### Cover Minimum\n\nEmployer's liability £10,000,000 per event\n\n"
                     "Public liability £5,000,000 per event\n\n## 8 Experience\n\nTwo examples are needed.\n")
    assert [(i["amount_gbp"], i["when"]) for i in facts.value("selection.insurance")] == [(10_000_000, "award"),
                                                                                        (5_000_000, "award")]


def test_a_short_line_not_introduced_by_a_colon_sentence_takes_no_timing_from_far_above(facts_of):
    facts = facts_of("## 6 Returns\n\nCopies of the documents below go with your tender:\n\n- a price schedule\n\n"
                     "## 7 Insurance\n\nPublic liability £5,000,000 per event\n")
    assert _when(facts) == [None]


# -- amounts: types coordinated before one amount share it ------------------------------------------------------

def test_types_named_together_share_the_amount_that_follows_them(facts_of):
    facts = facts_of("Product liability or public liability insurance of £2 million each, and professional "
                     "indemnity of £1 million, are needed.")
    assert {i["type"]: i["amount_gbp"] for i in facts.value("selection.insurance")} == {
        "product liability": 2_000_000, "public liability": 2_000_000, "professional indemnity": 1_000_000}


def test_a_type_does_not_take_an_amount_stated_far_from_it(facts_of):
    facts = facts_of("Employer's liability and public liability insurance are both required, and for this "
                     "contract a level of £5 million is asked for the public liability cover.")
    amounts = {i["type"]: i["amount_gbp"] for i in facts.value("selection.insurance")}
    assert amounts["public liability"] == 5_000_000 and amounts.get("employer's liability") is None


def test_a_qualifier_in_brackets_inside_a_type_name(facts_of):
    facts = facts_of("Employer's (compulsory) liability insurance of £10 million is required.")
    assert [(i["type"], i["amount_gbp"]) for i in facts.value("selection.insurance")] == [
        ("employer's liability", 10_000_000)]


# -- the list holds levels of cover: a type with no level beside ones with a level is left out ------------------

def test_a_type_named_without_a_level_beside_levelled_ones_is_left_out(facts_of):
    facts = facts_of("Operators need public liability insurance of £5m, and vehicle insurance for the fleet.")
    assert [i["type"] for i in facts.value("selection.insurance")] == ["public liability"]


def test_types_with_no_level_at_all_are_kept_with_their_timing(facts_of):
    facts = facts_of("Employer's liability insurance must be in place before the contract starts.")
    assert facts.value("selection.insurance") == [{"type": "employer's liability", "amount_gbp": None,
                                                   "when": "award"}]
