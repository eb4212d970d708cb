"""contract.duration_months_*: which duration is the contract's term, and the arithmetic of its extensions.

Each case is a class of mistake made on real tenders, written here in new words: durations that belong to
something else (a policy's review cycle, a clause that survives, a glossary entry, the restated extension),
terms that follow one another, an extension that runs to a date, and the same term read in two places where
only one of them saw the extension."""

import pytest


def term(facts):
    return facts.value("contract.duration_months_initial"), facts.value("contract.duration_months_max")


@pytest.mark.parametrize("text", [
    "The safeguarding policy must be reviewed every two years, or sooner if the law changes.",
    "The confidentiality obligations in this clause shall survive for a period of six years after expiry.",
    "Contract Year: a period of 12 months starting on the Service Commencement Date.",
    "'Review Period' means a period of three months after each anniversary.",
])
def test_durations_that_belong_to_something_else_are_not_the_term(facts_of, text):
    assert term(facts_of(text)) == (None, None)


@pytest.mark.parametrize("text, expected", [
    ("The framework will run as three (3) terms of 12 months and one term of 6 months.", (12, 42)),
    ("The contract will run for an initial term of 2 years, followed by a second term of 2 years.", (24, 48)),
])
def test_successive_terms_add_up(facts_of, text, expected):
    assert term(facts_of(text)) == expected


def test_an_extension_that_runs_to_a_date_is_measured_from_the_start(facts_of):
    facts = facts_of("The services will be delivered from 1 April 2026 to 31 March 2028. After that the contract "
                     "may be extended by a further year (until 31 March 2029) if performance is good.")
    assert term(facts) == (24, 36)


def test_a_restated_extension_is_not_a_second_term(facts_of):
    facts = facts_of("The agreement may be extended for one more year, with prices for the extra 12 months agreed "
                     "within the initial contract term. The agreement will run for 2 years.")
    assert term(facts)[1] == 36


def test_a_term_read_from_dates_takes_the_extension_stated_elsewhere(facts_of):
    facts = facts_of("| Item | Detail |\n|---|---|\n| Contract period | 1 June 2026 - 31 May 2029 |\n\n"
                     "## Extensions\n\nPara one.\n\nPara two.\n\nPara three.\n\nPara four.\n\n"
                     "The council may extend the contract for up to a further 12 months.")
    assert term(facts) == (36, 48)


@pytest.mark.parametrize("text", [
    ("Contract period: from 1 April 2027 until 31 March 2029, with an option for the Council to extend it to "
    "31 March 2030."),
    ("The agreement will run from 1 April 2027 to 31 March 2029. If performance is good the Council may continue "
    "it to 31 March 2030 on the same terms."),
])
def test_a_term_given_as_dates_extends_to_a_later_date(facts_of, text):
    assert term(facts_of(text)) == (24, 36)


def test_a_later_date_that_is_no_extension_does_not_lengthen_the_term(facts_of):
    facts = facts_of("The agreement will run from 1 April 2027 to 31 March 2029. Monitoring reports are due by "
                     "30 June 2029.")
    assert term(facts) == (24, 24)


@pytest.mark.parametrize("text", [
    "The contractor repaints the communal stairwells on a four-year cycle and sweeps them weekly.",
    "Boilers are serviced at twelve-month intervals by a Gas Safe engineer.",
])
def test_how_often_work_recurs_is_not_the_term(facts_of, text):
    assert term(facts_of(text)) == (None, None)


@pytest.mark.parametrize("text, expected", [
    # an extension repeated a stated number of times, however long the aside between the verb and its period
    (("The agreement begins on 1 May 2027 for an initial period of three years. The Board may, at its own"
     " discretion and subject to budget approval, extend it on up to three occasions by six months each."), (36, 54)),
    ("The service will run for eighteen months. It can be extended twice by a further six months.", (18, 30)),
    # an extension into an ordinal year adds one year
    (("The grant-funded service will run for two years from April 2027. If the funding is renewed, the Trust may"
     " extend it into a third year."), (24, 36)),
    ("Each contract lasts three years, and the Authority may extend it for a fourth and final year.", (36, 48)),
])
def test_extensions_stated_as_a_count_or_an_ordinal_year(facts_of, text, expected):
    assert term(facts_of(text)) == expected


@pytest.mark.parametrize("text, expected", [
    (("The contract is awarded for an initial term of two financial years, with an option to extend for a"
     " further financial year."), (24, 36)),
    ("The contract will run for four academic years from September 2027.", (48, 48)),
])
def test_a_kind_of_year_is_still_a_year(facts_of, text, expected):
    assert term(facts_of(text)) == expected


def test_the_annual_value_divides_the_total_by_the_term_with_its_extensions(facts_of):
    facts = facts_of("The contract starts on 1 June 2027 for an initial period of two years. It may be extended,"
                     " at the Council's discretion, on up to two occasions by twelve months each. The estimated"
                     " value over the full term, if both extensions are used, is £480,000.")
    assert term(facts) == (24, 48)
    assert facts.value("contract.value_total_gbp") == 480000
    assert facts.value("contract.value_annual_gbp") == 120000


@pytest.mark.parametrize("text, expected", [
    (("The licence runs for an initial two years. Thereafter it may be renewed year by year, up to a maximum of four"
     " years in total."), (24, 48)),
    (("The contract will run for an initial term of three years. It may be extended by up to a maximum of two years"
     " in total."), (36, 60)),
])
def test_a_later_maximum_in_total_is_the_whole_term_once_it_exceeds_the_initial_one(facts_of, text, expected):
    assert term(facts_of(text)) == expected


@pytest.mark.parametrize("text, expected", [
    (("The agreement runs from 1 April 2027 to 31 March 2029, and the Council may extend it for the 2029/30"
     " financial year."), (24, 36)),
    (("The contract runs from 1 September 2026 to 31 August 2027, with the option to continue it into the 2027-28"
     " school year."), (12, 24)),
])
def test_an_extension_into_a_named_year_adds_a_year(facts_of, text, expected):
    assert term(facts_of(text)) == expected


@pytest.mark.parametrize("text", [
    "Spending in the 2025/26 academic year was lower than planned.",
    "The 2024-25 financial year accounts must be attached.",
])
def test_a_year_label_is_not_a_count_of_years(facts_of, text):
    assert term(facts_of(text)) == (None, None)


@pytest.mark.parametrize("text, expected", [
    (("The agreement will commence on 1 October 2026 and run for an initial period ending on 30 September 2028."
     " The Board may continue it for a further period or periods not exceeding 12 months in total."), (24, 36)),
    ("The contract starts on 1 January 2027 and continues until 31 December 2029.", (36, 36)),
])
def test_a_term_from_its_start_date_to_the_date_it_ends(facts_of, text, expected):
    assert term(facts_of(text)) == expected


def test_dates_of_something_else_are_no_term(facts_of):
    assert term(facts_of("The consultation opened on 1 May 2026 and ended on 30 June 2026.")) == (None, None)


def test_an_extension_to_a_named_total_term_sets_the_maximum(facts_of):
    facts = facts_of("The service contract begins on 1 July 2027 for an initial four years. The Authority may extend it,"
                     " once or in several steps, to an overall term of not more than six years.")
    assert term(facts) == (48, 72)


@pytest.mark.parametrize("text, expected", [
    (("The agreement runs for an initial two years. The Council may then extend it by a further year and, after"
     " that, by a further year again."), (24, 48)),
    # the same period said twice is one period
    (("The agreement runs for an initial two years. The Council may extend it by a further year (that is, a"
     " further twelve months)."), (24, 36)),
])
def test_extensions_one_after_another_in_one_sentence(facts_of, text, expected):
    assert term(facts_of(text)) == expected


@pytest.mark.parametrize("text, initial, maximum", [
    # a label that says the figure already holds the extensions
    ("The contract term is 30 months.\n\nMaximum term, with extension (54 months).", 30, 54),
    (("The contract period is 3 years. The longest possible term, including all extensions (5 years), applies "
     "only if both options are taken."), 36, 60),
    # the extension sentence restates the whole term it makes
    (("Each agreement will run for four years. The Board may extend them by up to two years in total, so the "
     "longest an agreement can last is six years."), 48, 72),
])
def test_a_term_said_to_include_its_extensions_is_the_maximum_not_an_extension(facts_of, text, initial, maximum):
    facts = facts_of(text)
    assert facts.value("contract.duration_months_initial") == initial
    assert facts.value("contract.duration_months_max") == maximum  # not the two added together


def test_a_second_further_year_is_a_second_extension(facts_of):
    facts = facts_of("The contract is for an initial period of three years from 1 April 2027. The Council may "
                     "extend it for a further year, and then for a second further year, to 31 March 2032 at the "
                     "latest.")
    assert facts.value("contract.duration_months_initial") == 36
    assert facts.value("contract.duration_months_max") == 60
    assert not facts.conflict("contract.duration_months_initial")


@pytest.mark.parametrize("subject", ["The contracts will be for", "The agreements are each for",
                                     "The frameworks will run for"])
def test_a_plural_subject_states_the_term_as_strongly_as_a_singular_one(facts_of, subject):
    facts = facts_of(f"{subject} two years, with an option to extend each of them by up to six months.\n\n"
                     "Price is scored on the total price for the two-year initial term.")
    assert facts.value("contract.duration_months_max") == 30
