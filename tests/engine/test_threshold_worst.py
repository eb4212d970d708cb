"""threshold `conflict: worst`: when the document gives several values, any that fails is a violation."""

from checker.facts.base import Fact, Facts
from checker.model import Location

from .test_ruletypes import judge, make_rule

OPTIONS = {"fact": "evaluation.social_value_pct", "op": ">=", "param": "min_pct", "conflict": "worst"}


def sv(value, page):
    return Fact("evaluation.social_value_pct", value, "%", Location(page=page), f"social value {value}%")


def rule(tmp_path):
    return make_rule(tmp_path, "threshold", OPTIONS, message="Social value {value}%.", params={"min_pct": 10})


def test_a_failing_candidate_is_the_violation_and_the_others_are_named(tmp_path):
    book, r = rule(tmp_path)
    outcome, findings = judge(book, r, "Evaluation.", facts=[sv(10, 1), sv(5, 4)])
    assert outcome.applied and [f.kind for f in findings] == ["violation"]
    assert findings[0].message.startswith("Social value 5%.") and "10 (p. 1)" in findings[0].message
    assert findings[0].location.page == 4


def test_all_candidates_passing_is_a_pass(tmp_path):
    book, r = rule(tmp_path)
    outcome, findings = judge(book, r, "Evaluation.", facts=[sv(10, 1), sv(12, 4)])
    assert outcome.applied and findings == []


def test_one_value_behaves_as_usual(tmp_path):
    book, r = rule(tmp_path)
    assert [f.kind for f in judge(book, r, "Evaluation.", facts=[sv(5, 1)])[1]] == ["violation"]
    assert judge(book, r, "Evaluation.", facts=[sv(15, 1)])[1] == []
    assert not judge(book, r, "Evaluation.", facts=[])[0].applied


def test_worst_is_a_threshold_choice_only():
    from checker.ruletypes import facts_access, threshold

    assert "worst" in threshold.CONFLICT and "worst" not in facts_access.CONFLICT


def test_facts_helper_sees_the_conflict():
    assert Facts([sv(10, 1), sv(5, 2)]).conflict("evaluation.social_value_pct")
