"""Rules that know where they apply: tenders written for these tests, one per kind of buyer and regime, get the
law of their own regime and no rule of another; errors stand only where the duty binds the buyer."""

from __future__ import annotations

from checker.api import CheckOptions, check

PQQ = ("Suppliers must first pass the selection questionnaire before their tenders are opened. Only suppliers "
       "who pass the pre-qualification questionnaire will be invited to submit a full tender.")
ACCOUNTS = "All bidders must provide three years' audited accounts with their tender."
PAY_60 = "The Council will pay valid invoices within 60 days of receipt."


def run(tmp_path, text: str, **options):
    path = tmp_path / "tender.md"
    path.write_text(text, encoding="utf-8")
    report = check([str(path)], CheckOptions(**options))
    assert not report.errors, report.errors
    (result,) = report.documents
    return result


def severities(result) -> dict:
    return {f.rule: f.severity for f in result.findings if f.kind == "violation"}


def test_scottish_council_under_pcsr_gets_no_s85_error_and_no_english_order(tmp_path):
    text = f"""# Quick quote: lunch club for older people

## The buyer
Lochmaben Council is a Scottish local authority. This quick quote is published on Public Contracts Scotland under
the Public Contracts (Scotland) Regulations 2015 and the Procurement Reform (Scotland) Act 2014.

## Value
The estimated value of the contract is £40,000 over two years.

## Process
{PQQ}

## Payment
{PAY_60}
"""
    result = run(tmp_path, text)
    found = severities(result)
    assert result.facts.value("buyer.jurisdiction") == "scotland"
    assert result.facts.value("procurement.regime_applied") == "PCSR2015"
    for english_law in ("KIL-3.14-below-threshold-prequal", "KIL-1.3-below-threshold-reservation-considered",
                        "KIL-0.1-regime-and-threshold", "KIL-2.1-sv-criterion-missing", "KIL-3.17-sme-barrier-statement"):
        assert english_law not in found, english_law
    assert found.get("KIL-3.16-payment-terms") == "warning"  # the Scottish payment rules were not checked


def test_welsh_devolved_body_is_outside_s85_and_the_social_value_act(tmp_path):
    text = f"""# Invitation to tender: community connectors

## The buyer
Cyngor Bwrdeistref Sirol Pentre / Pentre County Borough Council invites tenders under the Procurement Act 2023 and
the Procurement (Wales) Regulations 2024, in line with the Social Partnership and Public Procurement (Wales) Act
2023.

## Value
The estimated value of the contract is £60,000 over two years. This is a contract for the provision of community
support services.

## Evaluation
Tenders will be evaluated 60% quality and 40% price.

## Process
{PQQ}
"""
    result = run(tmp_path, text)
    found = severities(result)
    assert result.facts.value("buyer.devolved") == "wales"
    assert result.facts.value("procurement.regime_applied") == "PA2023"
    assert "KIL-3.14-below-threshold-prequal" not in found  # s.85(5)(a)
    assert "KIL-2.1-sv-criterion-missing" not in found  # Social Value Act s.1(11)(e)
    assert "KIL-1.3-below-threshold-reservation-considered" not in found  # the English Order


def test_english_council_below_threshold_under_the_act_gets_the_s85_error(tmp_path):
    text = f"""# Request for quotation: parks volunteering

Easterby District Council invites quotations under the Procurement Act 2023. The estimated value of the contract
is £60,000.

{PQQ}

{ACCOUNTS}
"""
    found = severities(run(tmp_path, text))
    assert found["KIL-3.14-below-threshold-prequal"] == "error"
    # s.22 governs above-threshold awards: below threshold the audited-accounts demand is a barrier, not a breach
    assert found["KIL-3.10-audited-accounts"] == "warning"


def test_english_council_above_threshold_under_the_act_breaches_s22(tmp_path):
    text = f"""# Invitation to tender: home from hospital support

Easterby District Council invites tenders under the Procurement Act 2023. The estimated value of the contract is
£600,000 over three years. This is a contract for the provision of support services.

{ACCOUNTS}

{PAY_60}
"""
    found = severities(run(tmp_path, text))
    assert found["KIL-3.10-audited-accounts"] == "error"
    assert found["KIL-3.16-payment-terms"] == "error"  # s.68(2) and (6)


def test_english_district_council_under_pcr_2015_begun_in_2024(tmp_path):
    text = f"""# Invitation to tender: grounds maintenance

Westbury District Council invites tenders under the Public Contracts Regulations 2015.

| Date of publication | 8 April 2024 |
|---|---|

The estimated value of the contract is £150,000.

{PQQ}

{ACCOUNTS}
"""
    result = run(tmp_path, text)
    found = severities(result)
    assert result.facts.value("procurement.regime_applied") == "PCR2015"
    assert found["KIL-3.14-below-threshold-prequal"] == "error"  # reg 111(1)
    assert found["KIL-3.10-audited-accounts"] == "warning"  # no s.22(3)(a) under the 2015 Regulations


def test_central_government_department_ppn_002_is_policy_not_law(tmp_path):
    text = """# Invitation to tender: energy advice

The Department for Rural Communities invites tenders under the Procurement Act 2023. The estimated value of the
contract is £900,000. This is a contract for the provision of advice services.

## Evaluation
| Criterion | Weighting |
|---|---|
| Quality | 55% |
| Social value | 5% |
| Price | 40% |
"""
    result = run(tmp_path, text)
    found = severities(result)
    assert result.facts.value("buyer.type") == "central"
    assert found["KIL-2.8-sv-weight-central-minimum"] == "warning"
    assert "error" not in found.values()


def test_nhs_health_care_under_the_psr_gets_no_procurement_act_duties(tmp_path):
    text = f"""# Invitation to tender: community podiatry

NHS Wyrebank Integrated Care Board is procuring community podiatry services under the Provider Selection Regime
(the Health Care Services (Provider Selection Regime) Regulations 2023), using the Competitive Process. The
estimated value of the contract is £90,000.

{PQQ}
"""
    result = run(tmp_path, text)
    found = severities(result)
    assert result.facts.value("procurement.regime_applied") == "PSR"
    assert result.facts.value("buyer.type") == "nhs"
    for rule in ("KIL-3.14-below-threshold-prequal", "KIL-4.2-no-lots-no-reasons", "KIL-2.1-sv-criterion-missing",
                 "KIL-1.3-below-threshold-reservation-considered"):
        assert rule not in found, rule


def test_nhs_trust_is_an_nhs_buyer(tmp_path):
    text = ("# Invitation to tender\n\nTamworth Vale NHS Foundation Trust invites tenders under the Procurement Act "
            "2023 for peer support services worth £300,000.\n")
    result = run(tmp_path, text)
    assert result.facts.value("buyer.type") == "nhs"
    assert result.facts.value("buyer.devolved") is None


def test_a_severity_set_in_the_config_is_used_as_it_stands(tmp_path):
    text = f"# RFQ\n\nEasterby District Council invites quotations under the Procurement Act 2023.\n\n{ACCOUNTS}\n"
    (tmp_path / ".tendercheck.yaml").write_text("rules:\n  KIL-3.10-audited-accounts: {severity: info}\n")
    found = severities(run(tmp_path, text))
    assert found["KIL-3.10-audited-accounts"] == "info"


NHS_VALUE_2026 = """

## Key dates
| Milestone | Date |
|---|---|
| Tender published | 10 November 2026 |
| Tender deadline | 15 December 2026 |

## Value
The estimated contract value is £160,000 including VAT over three years. It will be let as a single contract.
"""


def test_an_nhs_trust_gets_the_central_government_threshold_for_lots(tmp_path):
    """£160,000 is above the £135,018 central government threshold and below the £207,720 sub-central one: the
    NHS trust's single contract draws the lotting warning, the council's does not."""
    nhs = run(tmp_path, "# Invitation to tender: hospital discharge befriending\n\nRiverbend NHS Foundation Trust "
                        "invites tenders under the Procurement Act 2023." + NHS_VALUE_2026)
    council = run(tmp_path, "# Invitation to tender: befriending\n\nRiverbend Borough Council invites tenders under "
                            "the Procurement Act 2023." + NHS_VALUE_2026)
    assert nhs.facts.value("buyer.type") == "nhs" and council.facts.value("buyer.type") == "local"
    assert severities(nhs).get("KIL-4.2-no-lots-no-reasons") == "warning"
    assert "KIL-4.2-no-lots-no-reasons" not in severities(council)
    (finding,) = [f for f in nhs.findings if f.rule == "KIL-4.2-no-lots-no-reasons"]
    assert "central government thresholds were used" in finding.message and "not verified" in finding.message


def test_an_nhs_trust_under_the_2015_regulations_is_a_schedule_1_central_government_authority(tmp_path):
    """A 2024 procurement: £150,000 including VAT is above the £139,688 central government threshold of the 2015
    Regulations and below the £214,904 sub-central one."""
    text = """# Invitation to tender: volunteer drivers

Riverbend NHS Trust invites tenders under the Public Contracts Regulations 2015.

## Key dates
| Milestone | Date |
|---|---|
| Tender published | 3 June 2024 |
| Tender deadline | 8 July 2024 |

## Value
The estimated contract value is £150,000 including VAT over three years. It will be let as a single contract.
"""
    result = run(tmp_path, text)
    assert result.facts.value("procurement.regime_applied") == "PCR2015"
    (finding,) = [f for f in result.findings if f.rule == "KIL-4.2-no-lots-no-reasons"]
    assert finding.severity == "warning"
    assert "Schedule 1 to the Public Contracts Regulations 2015" in finding.message


def test_no_below_threshold_error_for_an_nhs_contract_above_the_central_government_threshold(tmp_path):
    """s.85 binds below threshold only: a £160,000 NHS contract is above the (lower) threshold used for NHS
    buyers, so its pre-qualification stage is no error; the same stage in a council's £160,000 contract is."""
    body = NHS_VALUE_2026 + f"\n## Process\n{PQQ}\n"
    nhs = run(tmp_path, "# ITT\n\nRiverbend NHS Foundation Trust invites tenders under the Procurement Act 2023." + body)
    council = run(tmp_path, "# ITT\n\nRiverbend Borough Council invites tenders under the Procurement Act 2023." + body)
    assert "KIL-3.14-below-threshold-prequal" not in severities(nhs)
    assert severities(council).get("KIL-3.14-below-threshold-prequal") == "error"
