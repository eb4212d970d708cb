"""Rule-type behaviour added so rules generalise: prohibited `excepted_once` (a definition given once serves the
document), prohibited `window: clause` (an exception excuses only the clause it sits in), the `regex` condition (wording that varies too much for a phrase list) and evidence rows answered
"None" (absence, not evidence)."""

import pytest

from checker.errors import RulebookError
from tests.engine.test_ruletypes import judge, make_rule

RESERVED = {"phrases": ["reserved for local suppliers"], "unless": ["boundary of"], "window": 20}
TITLE_AND_SECTION = ("Invitation to tender: reserved for local suppliers\n\n"
                     "## Reservation\n"
                     "The contract is reserved for local suppliers, those with premises inside the boundary of "
                     "the Eastmoor district.")


def test_without_excepted_once_every_undefined_mention_is_a_finding(tmp_path):
    book, rule = make_rule(tmp_path, "prohibited", RESERVED)
    findings = judge(book, rule, TITLE_AND_SECTION)[1]
    assert [f.evidence for f in findings] == ["Invitation to tender: reserved for local suppliers"]


def test_excepted_once_lets_one_definition_serve_the_document(tmp_path):
    book, rule = make_rule(tmp_path, "prohibited", {**RESERVED, "excepted_once": True})
    assert judge(book, rule, TITLE_AND_SECTION)[1] == []
    undefined = "Reserved for local suppliers.\n\nThis contract is reserved for local suppliers."
    assert len(judge(book, rule, undefined)[1]) == 2


def test_excepted_once_must_be_true_or_false(tmp_path):
    with pytest.raises(RulebookError, match="excepted_once must be true or false"):
        make_rule(tmp_path, "prohibited", {**RESERVED, "excepted_once": "yes"})


CERTS = {"regex": [r"(?i)\b(must|shall)\b[^.;]{0,60}?\b(ISO\s*9001|Cyber\s+Essentials)"],
         "unless": ["or equivalent"]}
BOTH_CLAUSES = "Suppliers shall hold Cyber Essentials or equivalent, and shall also be certified to ISO 9001."


def test_sentence_window_lets_one_exception_excuse_the_whole_sentence(tmp_path):
    book, rule = make_rule(tmp_path, "prohibited", CERTS)
    assert judge(book, rule, BOTH_CLAUSES)[1] == []


def test_clause_window_keeps_an_exception_to_its_own_clause(tmp_path):
    book, rule = make_rule(tmp_path, "prohibited", {**CERTS, "window": "clause"})
    hits = judge(book, rule, BOTH_CLAUSES)[0].hits
    assert len(hits) == 1 and hits[0].values["value"].endswith("ISO 9001")
    assert judge(book, rule, "Suppliers shall hold ISO 9001 and Cyber Essentials, or equivalent.")[1] == []
    assert len(judge(book, rule, "Suppliers must hold ISO 9001; they must also hold Cyber Essentials or "
                                 "equivalent.")[1]) == 1


def test_window_rejects_other_words(tmp_path):
    with pytest.raises(RulebookError, match="window"):
        make_rule(tmp_path, "prohibited", {**CERTS, "window": "paragraph"})


GATE = {"fire_when": {"regex": [r"(?i)\bmust\s+first\s+pass\s+the\s+(selection|suitability)\b"]}}


def test_regex_condition_matches_varied_wording(tmp_path):
    book, rule = make_rule(tmp_path, "composite", GATE)
    assert len(judge(book, rule, "Applicants must first pass the suitability check.")[1]) == 1
    assert judge(book, rule, "Applicants complete the suitability questions with their tender.")[1] == []


def test_regex_condition_ignores_negated_mentions(tmp_path):
    book, rule = make_rule(tmp_path, "composite", GATE)
    assert judge(book, rule, "It is not true that bidders must first pass the selection stage.")[1] == []


def test_regex_condition_rejects_unsafe_expressions(tmp_path):
    with pytest.raises(RulebookError):
        make_rule(tmp_path, "composite", {"fire_when": {"regex": [r"(a)\1"]}})


ENGAGEMENT = {"phrases": ["soft market testing"]}


@pytest.mark.parametrize("text", [
    "| Item | Detail |\n|---|---|\n| Soft market testing | Not carried out |",
    "| Item | Detail |\n|---|---|\n| Soft market testing | N/A |",
    "Soft market testing: none.",
])
def test_evidence_label_answered_no_is_absence(tmp_path, text):
    book, rule = make_rule(tmp_path, "evidence", ENGAGEMENT)
    assert len(judge(book, rule, text)[1]) == 1


@pytest.mark.parametrize("text", [
    "| Item | Detail |\n|---|---|\n| Soft market testing | Two supplier sessions in May 2026 |",
    "Soft market testing: two open sessions were held in May.",
])
def test_evidence_label_with_a_real_answer_counts(tmp_path, text):
    book, rule = make_rule(tmp_path, "evidence", ENGAGEMENT)
    assert judge(book, rule, text)[1] == []
