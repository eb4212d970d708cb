"""Each rule type judged on small Markdown documents, with Facts built directly (the engine must not care how
the fact finders work)."""

import yaml

from checker import engine, rulebook
from checker.extract.text import parse_text
from checker.facts.base import Fact, Facts
from checker.model import DocWarning, Location
from checker.nlp.pipeline import annotate

BASE = {
    "step": 2, "title": "A test rule", "severity": "warning", "rationale": "Because.",
    "citations": [{"title": "Source", "year": 2024}], "fix": "Fix it.",
    "examples": {"pass": ["ok"], "fail": ["bad"]},
}


def make_rule(tmp_path, rule_type, options, message="Not good.", **extra):
    folder = tmp_path / "book"
    folder.mkdir(parents=True, exist_ok=True)
    rule_id = extra.pop("id", "T-1")
    data = {"id": rule_id, "type": rule_type, "options": options, "message": message, **BASE, **extra}
    (folder / f"{rule_id}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    book = rulebook.load(str(folder)).compile()
    return book, book.get(rule_id)


def judge(book, rule, text, facts=(), params=None, unreadable=False):
    document = parse_text(text)
    if unreadable:
        document.warnings.append(DocWarning("no-text-layer", "page 2 is an image", Location(page=2)))
    docs = annotate(document)
    outcome = engine.run_rule(rule, engine.Context(document, docs, Facts(list(facts)), book.bank),
                              {**book.params, **(params or {})})
    findings = engine.to_findings(rule, outcome, {**book.params, **(params or {})}, Facts(list(facts)),
                                  rule.severity)
    return outcome, findings


# evidence -----------------------------------------------------------------------------------------------------
EVIDENCE = {"phrases": ["co-design", "co-designed", "co-production"]}


def test_evidence_present_case_insensitively(tmp_path):
    book, rule = make_rule(tmp_path, "evidence", EVIDENCE, message="No co-design ({count}).")
    _, findings = judge(book, rule, "The service was CO-DESIGNED with residents.")
    assert findings == []


def test_evidence_absent_gives_one_document_level_finding(tmp_path):
    book, rule = make_rule(tmp_path, "evidence", EVIDENCE, message="No co-design ({count} found).")
    outcome, findings = judge(book, rule, "The provider will deliver the service.")
    assert outcome.applied and len(findings) == 1
    assert findings[0].kind == "violation" and findings[0].message == "No co-design (0 found)."
    assert findings[0].location == Location()


def test_negated_and_hedged_mentions_do_not_count(tmp_path):
    book, rule = make_rule(tmp_path, "evidence", EVIDENCE)
    for text in ("Co-design is not required.", "We may consider co-production in future years.",
                 "There will be no co-design."):
        _, findings = judge(book, rule, text)
        assert len(findings) == 1, text
        assert findings[0].evidence, "the finding quotes the discounted mention"


def test_negated_mentions_count_when_the_rule_says_so(tmp_path):
    book, rule = make_rule(tmp_path, "evidence", {**EVIDENCE, "exclude_negated": False})
    assert judge(book, rule, "Co-design is not required.")[1] == []


def test_min_matches_counts_distinct_places(tmp_path):
    book, rule = make_rule(tmp_path, "evidence", {**EVIDENCE, "min_matches": 2})
    assert len(judge(book, rule, "It was co-designed.")[1]) == 1
    assert judge(book, rule, "It was co-designed. Delivery is by co-production.")[1] == []


def test_scope_and_sections_limit_where_evidence_counts(tmp_path):
    book, rule = make_rule(tmp_path, "evidence", {**EVIDENCE, "scope": ["paragraph"], "sections": ["background"]})
    assert judge(book, rule, "## Background\nThe service was co-designed.")[1] == []
    assert len(judge(book, rule, "## Pricing\nThe service was co-designed.")[1]) == 1
    assert len(judge(book, rule, "## Background\n- co-designed with residents")[1]) == 1  # a list item


def test_token_patterns_and_re2_regex_match(tmp_path):
    book, rule = make_rule(tmp_path, "evidence", {
        "patterns": [[{"LOWER": "lived"}, {"LOWER": "experience"}, {"LOWER": {"IN": ["panel", "group"]}}]],
        "regex": [r"(?i)experts? by experience"]})
    assert judge(book, rule, "A lived experience panel shaped it.")[1] == []
    assert judge(book, rule, "Experts by Experience shaped it.")[1] == []
    assert len(judge(book, rule, "A panel shaped it.")[1]) == 1


def test_unreadable_pages_turn_missing_evidence_into_review(tmp_path):
    book, rule = make_rule(tmp_path, "evidence", EVIDENCE, message="No co-design.")
    _, findings = judge(book, rule, "The provider will deliver the service.", unreadable=True)
    assert findings[0].kind == "review" and "could not be read" in findings[0].message


def test_hostile_regex_runs_in_linear_time(tmp_path):
    book, rule = make_rule(tmp_path, "evidence", {"regex": ["(a+)+$", "(a|aa)+b"]})
    _, findings = judge(book, rule, "a" * 50_000 + "!")  # catastrophic for Python's re; RE2 is linear
    assert len(findings) == 1


# prohibited ---------------------------------------------------------------------------------------------------
PROHIBITED = {"phrases": ["ISO 9001", "audited accounts"], "unless": ["or equivalent"]}


def test_prohibited_one_finding_per_sentence_with_quote_and_location(tmp_path):
    book, rule = make_rule(tmp_path, "prohibited", PROHIBITED, message="Names {value} ({count}).", step=4)
    text = "## Selection\nHold ISO 9001 and supply audited accounts. Nothing else.\n\nAlso ISO 9001 again."
    _, findings = judge(book, rule, text)
    assert [f.evidence for f in findings] == ["Hold ISO 9001 and supply audited accounts.", "Also ISO 9001 again."]
    assert findings[0].message == "Names ISO 9001 (2)."
    assert findings[0].location.section == "Selection" and findings[1].location.block == 2


def test_unless_in_same_sentence_excuses(tmp_path):
    book, rule = make_rule(tmp_path, "prohibited", PROHIBITED)
    assert judge(book, rule, "Bidders must hold ISO 9001 or equivalent.")[1] == []
    assert len(judge(book, rule, "Bidders must hold ISO 9001. We accept nothing or equivalent.")[1]) == 1


def test_unless_window_in_tokens(tmp_path):
    book, rule = make_rule(tmp_path, "prohibited", {**PROHIBITED, "window": 3})
    assert judge(book, rule, "Hold ISO 9001 or equivalent.")[1] == []
    far = "Hold ISO 9001 which must be current and valid and renewed, or equivalent."
    assert len(judge(book, rule, far)[1]) == 1


def test_negated_prohibited_wording_is_not_a_demand_but_hedged_is(tmp_path):
    book, rule = make_rule(tmp_path, "prohibited", PROHIBITED)
    assert judge(book, rule, "There is no requirement for audited accounts.")[1] == []
    assert len(judge(book, rule, "Bidders may be asked for audited accounts.")[1]) == 1


def test_text_condition_ignores_negated_mentions(tmp_path):
    book, rule = make_rule(tmp_path, "composite", {"fire_when": {"text": ["borough-wide"]}})
    assert len(judge(book, rule, "The service is borough-wide.")[1]) == 1
    assert len(judge(book, rule, "The service may be delivered borough-wide.")[1]) == 1
    assert judge(book, rule, "The service is not borough-wide.")[1] == []


# threshold ----------------------------------------------------------------------------------------------------
def threshold(tmp_path, **opts):
    options = {"fact": "evaluation.social_value_pct", "op": ">=", "param": "min_sv_pct", **opts}
    return make_rule(tmp_path, "threshold", options, message="SV {value}% < {min_sv_pct}%.",
                     params={"min_sv_pct": 10})


SV = Fact("evaluation.social_value_pct", 5, "%", Location(page=3, section="Evaluation"), "Social value 5%")


def test_threshold_fires_below_and_passes_at_param(tmp_path):
    book, rule = threshold(tmp_path)
    _, findings = judge(book, rule, "x", [SV])
    assert len(findings) == 1 and findings[0].message == "SV 5% < 10%."
    assert findings[0].location.page == 3 and findings[0].evidence == "Social value 5%"
    assert judge(book, rule, "x", [Fact("evaluation.social_value_pct", 10)])[1] == []


def test_threshold_param_override_changes_the_verdict(tmp_path):
    book, rule = threshold(tmp_path)
    assert judge(book, rule, "x", [SV], params={"min_sv_pct": 5})[1] == []


def test_threshold_missing_behaviours(tmp_path):
    for missing, kinds, applied in (("skip", [], False), ("review", ["review"], True),
                                    ("finding", ["violation"], True)):
        book, rule = threshold(tmp_path / missing, missing=missing)
        outcome, findings = judge(book, rule, "x")
        assert [f.kind for f in findings] == kinds and outcome.applied == applied, missing
    assert "not stated" in findings[0].message


def test_threshold_conflict_behaviours(tmp_path):
    facts = [SV, Fact("evaluation.social_value_pct", 15)]
    for conflict, kinds in (("review", ["review"]), ("first", ["violation"]), ("skip", [])):
        book, rule = threshold(tmp_path / conflict, conflict=conflict)
        _, findings = judge(book, rule, "x", facts)
        assert [f.kind for f in findings] == kinds, conflict
        if conflict == "review":
            assert "5" in findings[0].message and "15" in findings[0].message


# ratio --------------------------------------------------------------------------------------------------------
def test_ratio_compares_fact_over_fact(tmp_path):
    options = {"numerator": "selection.min_turnover_gbp", "denominator": "contract.value_annual_gbp", "op": "<=",
               "param": "max_ratio"}
    book, rule = make_rule(tmp_path, "ratio", options, params={"max_ratio": 2},
                           message="Turnover {value} is {ratio}x the annual value {other}.")
    turnover = Fact("selection.min_turnover_gbp", 1_000_000, "GBP")
    _, findings = judge(book, rule, "x", [turnover, Fact("contract.value_annual_gbp", 200_000, "GBP")])
    assert findings[0].message == "Turnover 1,000,000 is 5x the annual value 200,000."
    assert judge(book, rule, "x", [turnover, Fact("contract.value_annual_gbp", 500_000, "GBP")])[1] == []
    outcome, findings = judge(book, rule, "x", [turnover, Fact("contract.value_annual_gbp", 0)])
    assert findings == [] and not outcome.applied  # a zero denominator is missing, and missing: skip


# composite and applies_when -----------------------------------------------------------------------------------
def test_composite_all_any_not(tmp_path):
    fire = {"all": [{"fact": "lots.count", "op": "==", "value": 1}, {"absent": "lots.reason_not_divided"},
                    {"any": [{"text": ["borough-wide"]}, {"not": {"present": "lots.items"}}]}]}
    book, rule = make_rule(tmp_path, "composite", {"fire_when": fire, "location_fact": "lots.count"},
                           message="One lot ({value}).")
    lots = Fact("lots.count", 1, "count", Location(page=2))
    _, findings = judge(book, rule, "The service is borough-wide.", [lots])
    assert findings[0].message == "One lot (1)." and findings[0].location.page == 2
    assert rule.facts_read() == ["lots.count", "lots.items", "lots.reason_not_divided"]
    assert judge(book, rule, "x", [lots, Fact("lots.reason_not_divided", "one hub")])[1] == []
    assert judge(book, rule, "x", [Fact("lots.count", 3)])[1] == []
    assert judge(book, rule, "The service is not borough-wide.", [lots, Fact("lots.items", [])])[1] == []


def test_applies_when_false_means_not_applied(tmp_path):
    book, rule = make_rule(tmp_path, "evidence", EVIDENCE, params={"threshold_gbp": 100},
                           applies_when={"fact": "contract.value_total_gbp", "op": ">", "param": "threshold_gbp"})
    outcome, findings = judge(book, rule, "Nothing here.")
    assert not outcome.applied and findings == []  # missing fact: comparison false
    outcome, findings = judge(book, rule, "Nothing here.", [Fact("contract.value_total_gbp", 500)])
    assert outcome.applied and len(findings) == 1


def test_message_renders_facts_and_numbers(tmp_path):
    book, rule = make_rule(tmp_path, "composite", {"fire_when": {"present": "contract.value_total_gbp"}},
                           message="Worth {facts[contract.value_total_gbp]} over {facts[contract.duration_months_max]}.")
    _, findings = judge(book, rule, "x", [Fact("contract.value_total_gbp", 1234567.0)])
    assert findings[0].message == "Worth 1,234,567 over not stated."
    assert rule.facts_read() == ["contract.duration_months_max", "contract.value_total_gbp"]
