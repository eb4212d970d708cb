"""A rule's `problem` is its findings' headline: one line, the same for every document, so it may name params
but no facts or found values; a bad one is an error at file:line like every other rulebook error."""

import pytest

from checker import rulebook
from checker.errors import RulebookError

from .test_rulebook_errors import _book

TITLE = "title: Local people helped design the service\n"


def _with_problem(tmp_path, problem: str):
    return _book(tmp_path, TITLE, TITLE + f"problem: {problem}\n")


def test_a_problem_is_loaded_and_rendered_with_params(tmp_path):
    book = rulebook.load(str(_with_problem(tmp_path, "'No co-design found by {shared_label}'")))
    rule = book.get("T-5.1")
    assert rule.problem == "No co-design found by {shared_label}"
    assert rule.headline_for({"shared_label": "the council"}) == "No co-design found by the council"


def test_without_a_problem_the_headline_marks_the_title_as_not_met(tmp_path):
    rule = rulebook.load(str(_book(tmp_path))).get("T-5.1")
    assert rule.headline_for({}) == "Not met: Local people helped design the service"


@pytest.mark.parametrize("problem,fragment", [
    ("'Only {count} co-design mentions'", "may name params only"),
    ("'Value {facts[contract.value_total_gbp]}'", "may name params only"),
    ("'{no_such_param} is missing'", "params: shared_label"),
    ("'Only {count:>999} found'", "may name params only"),
    ("'Bad {shared_label:>999}'", "over the limit"),
    ("'Unclosed {shared_label'", "bad template"),
    ("'" + "x" * 130 + "'", "at most 120 characters"),
    ("[a, b]", "problem must be non-empty text"),
])
def test_a_bad_problem_is_an_error_at_its_line(tmp_path, problem, fragment):
    with pytest.raises(RulebookError) as info:
        rulebook.load(str(_with_problem(tmp_path, problem)))
    assert fragment in str(info.value)
    assert info.value.line == 4
