"""The bundled rulebook's citations and severities, read from the rule files: the sections checked against
legislation.gov.uk for issue 12 stay right, law is cited from the primary source, and an error is only claimed
for a legal duty (see docs/rulebook-format.md, Severity policy)."""

from __future__ import annotations

import re

import pytest

from checker import rulebook

BOOK = rulebook.load()
RULES = {r.id: r for r in BOOK.rules}
LEGISLATION = re.compile(r"\b(Act|Regulations|Order)\s+(19|20)\d\d\b")
PRIMARY = ("https://www.legislation.gov.uk/", "https://legislation.gov.uk/")


def cites(rule_id: str, title: str, section: str, url_part: str) -> bool:
    return any(c["title"].startswith(title) and section in c.get("section", "") and url_part in c.get("url", "")
               for c in RULES[rule_id].citations)


@pytest.mark.parametrize("rule_id, title, section, url_part", [
    # conditions of participation are s.22 (s.46 is frameworks' competitive selection process)
    ("KIL-3.10-audited-accounts", "Procurement Act 2023", "s.22(3)(a)", "/ukpga/2023/54/section/22"),
    ("KIL-3.10-audited-accounts", "Companies Act 2006", "Part 16", "/ukpga/2006/46/part/16"),
    ("KIL-3.11-insurance-at-bid", "Procurement Act 2023", "s.22(3)(b)", "/ukpga/2023/54/section/22"),
    ("KIL-3.12-prior-experience", "Procurement Act 2023", "s.22(4)(a)", "/ukpga/2023/54/section/22"),
    ("KIL-3.13-accreditation-no-equivalent", "Procurement Act 2023", "s.22(4)(c)", "/ukpga/2023/54/section/22"),
    ("KIL-3.18-public-sector-experience", "Procurement Act 2023", "s.22(1)", "/ukpga/2023/54/section/22"),
    ("KIL-3.9-turnover-ratio", "Public Contracts Regulations 2015", "reg 58(9)", "/uksi/2015/102/regulation/58"),
    # reliance on others is s.22(8)-(9); s.26(4) is only a definition
    ("KIL-3.3-consortia-subcontracting-barred", "Procurement Act 2023", "s.22(8)", "/ukpga/2023/54/section/22"),
    ("KIL-3.3-consortia-subcontracting-barred", "Public Contracts Regulations 2015", "reg 19(3)",
     "/uksi/2015/102/regulation/19"),
    ("KIL-3.8-consortia-welcome", "Procurement Act 2023", "s.22(8)", "/ukpga/2023/54/section/22"),
    # below threshold: s.85 and its exceptions, from the Act itself
    ("KIL-3.14-below-threshold-prequal", "Procurement Act 2023", "s.85(1)-(5)", "/ukpga/2023/54/part/6"),
    ("KIL-3.14-below-threshold-prequal", "Public Contracts Regulations 2015", "reg 111", "/regulation/111"),
    # time limits are s.54; the PCR open procedure was reg 27
    ("KIL-3.15-tender-window", "Procurement Act 2023", "s.54(4)", "/ukpga/2023/54/section/54"),
    ("KIL-3.15-tender-window", "Public Contracts Regulations 2015", "reg 27", "/uksi/2015/102/regulation/27"),
    # lots: s.18; reg 46(2) with the reg 84 report
    ("KIL-4.2-no-lots-no-reasons", "Procurement Act 2023", "s.18", "/ukpga/2023/54/section/18"),
    ("KIL-4.2-no-lots-no-reasons", "Public Contracts Regulations 2015", "reg 46(2), reg 84",
     "/uksi/2015/102/regulation/46"),
    ("KIL-4.2-no-lots-no-reasons", "Public Contracts (Scotland) Regulations 2015", "reg 47(2)",
     "/ssi/2015/446/regulation/47"),
    ("KIL-3.16-payment-terms", "Procurement Act 2023", "s.68(2)", "/ukpga/2023/54/section/68"),
    ("KIL-3.16-payment-terms", "Public Contracts Regulations 2015", "reg 113", "/uksi/2015/102/regulation/113"),
    ("KIL-2.1-sv-criterion-missing", "Public Services (Social Value) Act 2012", "(11)", "/ukpga/2012/3/section/1"),
    ("KIL-2.7-price-only", "Procurement Act 2023", "s.19", "/ukpga/2023/54/section/19"),
    ("KIL-2.4-sv-not-local", "Procurement Reform (Scotland) Act 2014", "s.24", "/asp/2014/12/"),
    ("KIL-3.7-feedback-commitment", "Procurement Act 2023", "s.50(3)", "/ukpga/2023/54/section/50"),
    ("KIL-0.1-regime-and-threshold", "Procurement Act 2023", "Schedule 1", "/ukpga/2023/54/schedule/1"),
    # issue 12, item 5: the rules added, each on the section that says what it claims
    ("KIL-3.17-sme-barrier-statement", "Procurement Act 2023", "s.12(4)", "/ukpga/2023/54/section/12"),
    ("KIL-3.17-sme-barrier-statement", "Cabinet Office, Procurement Policy Note 001", "", "gov.uk/government/publications/ppn-001"),
    ("KIL-3.19-mutual-reservation-limits", "Procurement Act 2023", "s.33", "/ukpga/2023/54/section/33"),
    ("KIL-3.20-supported-employment-reservation-test", "Procurement Act 2023", "s.32", "/ukpga/2023/54/section/32"),
    ("KIL-2.11-community-benefit-requirements", "Procurement Reform (Scotland) Act 2014", "s.25", "/asp/2014/12/section/25"),
    ("KIL-2.12-socially-responsible-procurement-wales", "Social Partnership and Public Procurement (Wales) Act 2023",
     "s.24", "/asc/2023/1/section/24"),
    # issue 12, the law items: s.100(5) on its own page; the Act's 2025 thresholds from the Cabinet Office guidance
    ("KIL-3.17-sme-barrier-statement", "Procurement Act 2023", "s.100(5)", "/ukpga/2023/54/section/100"),
    ("KIL-0.1-regime-and-threshold", "Guidance: Thresholds", "paragraph 4", "/guidance-thresholds-html"),
])
def test_corrected_citation(rule_id, title, section, url_part):
    assert cites(rule_id, title, section, url_part), [dict(c) for c in RULES[rule_id].citations]


def test_no_rule_cites_the_frameworks_section_for_conditions_of_participation():
    for rule in BOOK.rules:
        for c in rule.citations:
            assert "s.46" not in c.get("section", "") and "/section/46" not in c.get("url", ""), rule.id


def test_no_citation_is_marked_unverified_or_cites_the_2021_policy_statement():
    for rule in BOOK.rules:
        for c in rule.citations:
            assert "unverified" not in " ".join(map(str, c.values())).lower(), rule.id
            assert "05/21" not in c["title"], rule.id


def test_legislation_is_cited_from_legislation_gov_uk():
    for rule in BOOK.rules:
        for c in rule.citations:
            if LEGISLATION.search(c["title"]) and "url" in c and "guidance" not in c["title"].lower():
                assert c["url"].startswith(PRIMARY), (rule.id, c)


ERRORS = {"KIL-3.10-audited-accounts", "KIL-3.11-insurance-at-bid", "KIL-3.12-prior-experience",
          "KIL-3.13-accreditation-no-equivalent", "KIL-3.14-below-threshold-prequal", "KIL-3.16-payment-terms",
          "KIL-3.19-mutual-reservation-limits"}


def test_only_breaches_of_a_legal_duty_are_errors():
    """Policy (PPN 002, PPN 005), guidance and Keep it Local practice are warnings or info: price-only award, a
    consortium bar, no reasons for not lotting and PPN 002's 10% are not errors."""
    assert {r.id for r in BOOK.rules if r.severity == "error"} == ERRORS
    for rule_id in ERRORS - {"KIL-3.14-below-threshold-prequal"}:
        assert RULES[rule_id].error_when is not None, rule_id  # the duty binds only some buyers and regimes
    for rule in BOOK.rules:
        assert re.search(r"\b(error|warning|advice|info|information|heuristic|benchmark|practice)\b",
                         rule.rationale, re.IGNORECASE), rule.id  # each rationale says which, in plain words


def test_reports_are_cited_from_their_publisher_not_the_trade_press():
    """The FSB's report is cited from the FSB's own copy, not a trade-press story about it."""
    for rule in BOOK.rules:
        for c in rule.citations:
            assert "fmj.co.uk" not in c.get("url", ""), rule.id


def test_nhs_thresholds_are_explained_with_the_2015_schedule_and_what_was_not_verified():
    rationale = RULES["KIL-4.2-no-lots-no-reasons"].rationale
    assert "legislation.gov.uk/uksi/2015/102/schedules/2024-01-01" in rationale
    assert "NHS Foundation Trusts" in rationale and "not verified" in rationale
    assert "read here as sub-central" not in rationale
