"""evidence `unless`: a mention does not count when its sentence also holds an exception, so "co-designed ...
through an online survey" is not co-design while a co-design claim elsewhere still is."""

from .test_ruletypes import judge, make_rule

OPTIONS = {"phrases": ["co-designed"], "unless_regex": [r"(?i)\bthrough\s+an?\s+(online\s+)?survey\b"]}


def test_mention_with_an_exception_in_its_sentence_does_not_count(tmp_path):
    book, rule = make_rule(tmp_path, "evidence", OPTIONS)
    _, findings = judge(book, rule, "The model was co-designed with residents through an online survey.")
    assert len(findings) == 1
    assert "online survey" in findings[0].evidence  # the finding still points at what was found


def test_exception_in_another_sentence_does_not_discount(tmp_path):
    book, rule = make_rule(tmp_path, "evidence", OPTIONS)
    text = "We ran a short survey first. The model was co-designed with residents at four workshops."
    assert judge(book, rule, text)[1] == []
    text = "We learnt a lot through an online survey. The model was co-designed with residents at workshops."
    assert judge(book, rule, text)[1] == []


def test_unless_phrases_work_like_unless_regex(tmp_path):
    book, rule = make_rule(tmp_path, "evidence", {"phrases": ["co-designed"], "unless": ["questionnaire"]})
    assert len(judge(book, rule, "It was co-designed by questionnaire.")[1]) == 1
    assert judge(book, rule, "It was co-designed with a residents' panel.")[1] == []
