"""Every finding is headed with its problem, in every format: a tender whose social value carries 5% is
headed "Social value carries less than 10% of the total score", never the rule's pass statement "... at least
10% ...", which a reader takes for a pass. Real rulebook, real check, every reporter."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from checker import rulebook
from checker.api import CheckOptions, check
from checker.report import get

RULE = "KIL-2.2-sv-weight-below-10"
PROBLEM = "Social value carries less than 10% of the total score"
PASS_STATEMENT = "Social value carries at least 10% of the total score"
TENDER = """# Community support service

## Award criteria

| Criterion | Weighting |
|---|---|
| Quality | 35% |
| Social value | 5% |
| Price | 60% |
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("headline")
    (folder / ".git").mkdir()  # no .tendercheck.yaml from outside the test folder
    path = folder / "tender.md"
    path.write_text(TENDER, encoding="utf-8")
    result = check([str(path)], CheckOptions(select=(RULE,)))
    assert [f.rule for _, f in result.findings()] == [RULE]
    return result


def test_the_finding_carries_the_problem_and_the_pass_statement_apart(report):
    (_, finding), = report.findings()
    assert finding.title == PASS_STATEMENT
    assert finding.headline == PROBLEM
    data = json.loads(get("json").render(report))["documents"][0]["findings"][0]
    assert data["headline"] == PROBLEM and data["title"] == PASS_STATEMENT


def test_text_heads_the_finding_with_the_problem(report):
    out = get("text").render(report)
    head = next(line for line in out.splitlines() if RULE in line)
    assert head.strip() == f"[warning] {RULE}: {PROBLEM}"
    assert PASS_STATEMENT not in out


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.headings = [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and re.fullmatch(r"h[1-6]", self.stack[-1]) and data.strip():
            self.headings.append(data.strip())


def test_html_heading_is_the_problem(report):
    parser = _Headings()
    parser.feed(get("html").render(report))
    assert PROBLEM in parser.headings
    assert PASS_STATEMENT not in parser.headings


def test_github_annotation_title_is_the_problem(report):
    line, = [line for line in get("github").render(report).splitlines() if line.startswith("::warning")]
    title = re.search(r"title=([^:]*)::", line).group(1)
    title = title.replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
    assert title == f"{RULE} (step 2): {PROBLEM}"


def test_sarif_short_description_is_the_problem(report):
    run = json.loads(get("sarif").render(report))["runs"][0]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == RULE)
    assert rule["shortDescription"]["text"] == PROBLEM
    assert rule["properties"]["passStatement"] == PASS_STATEMENT
    rationale = " ".join(next(r for r in BOOK.rules if r.id == RULE).rationale.split())
    assert rule["fullDescription"]["text"] == rationale, "the rationale, not the title again"
    result, = run["results"]
    assert "5% of the total score" in result["message"]["text"]


def test_markdown_heads_the_finding_with_the_problem(report):
    out = get("markdown").render(report)
    line = next(line for line in out.splitlines() if f"`{RULE}`" in line)
    assert f"**{PROBLEM}**" in line
    assert PASS_STATEMENT not in out


def test_junit_failure_says_the_problem_and_the_case_names_the_check(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "tender.md").write_text(TENDER, encoding="utf-8")
    report = check([str(tmp_path / "tender.md")], CheckOptions(select=(RULE,), fail_on="warning"))
    root = ET.fromstring(get("junit").render(report))
    case = next(c for c in root.iter("testcase") if c.get("name").startswith(RULE))
    assert case.get("name") == f"{RULE}: {PASS_STATEMENT}", "a case is named after what passing looks like"
    failure = case.find("failure")
    assert failure.get("message") == PROBLEM
    assert failure.text.startswith(f"warning: {PROBLEM}\n")


def test_a_param_in_the_problem_follows_the_config(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "tender.md").write_text(TENDER, encoding="utf-8")
    options = CheckOptions(select=(RULE,), params={"min_social_value_pct": 15})
    result = check([str(tmp_path / "tender.md")], options)
    (_, finding), = result.findings()
    assert finding.headline == "Social value carries less than 15% of the total score"
    assert next(r for r in result.rules if r["id"] == RULE)["problem"] == finding.headline


def test_a_review_says_what_could_not_be_confirmed():
    from checker.findings import Finding

    review = Finding(rule=RULE, step=2, severity="warning", title=PASS_STATEMENT, problem=PROBLEM,
                     message="The weighting could not be read.", kind="review")
    assert review.headline == "Not confirmed: social value carries at least 10% of the total score"
    no_problem = Finding(rule="X-1", step=2, severity="warning", title="PPN 002 is followed", message="m")
    assert no_problem.headline == "Not met: PPN 002 is followed"


BOOK = rulebook.load()


@pytest.mark.parametrize("rule", BOOK.rules, ids=[r.id for r in BOOK.rules])
def test_every_bundled_rule_states_its_problem(rule):
    headline = rule.headline_for(BOOK.params)
    assert rule.problem, f"{rule.id} needs a problem: headline"
    assert headline != rule.title and "{" not in headline and "not stated" not in headline
    assert len(headline) <= rulebook.MAX_PROBLEM
