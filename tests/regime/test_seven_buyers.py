"""Issue 12, item 7: one short tender per kind of buyer, each written to draw as many findings as it can (a
pre-qualification stage, audited accounts, 60-day payment, no social value, no community benefits, no well-being
goals), so that a rule of another regime would have every chance to fire. Each reports its own jurisdiction and
regime (JSON 'law' included), and no rule of another nation or regime gives any finding, not even advice. (An
English tender that never names England, or an English body or law, reads as no nation: UK law is assumed; these
name it, as most do in passing.)"""

from __future__ import annotations

import pytest

from tests.regime.test_law_applies import ACCOUNTS, PAY_60, PQQ, run

SCOTTISH_LAW = {"KIL-2.11-community-benefit-requirements"}
WELSH_LAW = {"KIL-2.12-socially-responsible-procurement-wales"}
ACT_ONLY = {"KIL-3.17-sme-barrier-statement", "KIL-3.19-mutual-reservation-limits",
            "KIL-3.20-supported-employment-reservation-test"}  # Procurement Act 2023 duties and powers
ENGLISH_LAW = {"KIL-3.14-below-threshold-prequal",  # PA 2023 s.85 / PCR 2015 reg 111, not devolved Wales or Scotland
               "KIL-1.3-below-threshold-reservation-considered",  # the English Order 2026 and PPN 005
               "KIL-2.1-sv-criterion-missing"}  # the Social Value Act 2012 (England, non-devolved bodies)
BODY = f"""
## Process
{PQQ}

## Selection
{ACCOUNTS} Consortia will not be accepted.

## Payment
{PAY_60}

## Evaluation
Tenders will be evaluated on the lowest price.
"""

TENDERS = {
    "scottish council": (f"""# Invitation to tender: befriending service

Glenmoray Council is a Scottish local authority. This tender is published on Public Contracts Scotland under the
Public Contracts (Scotland) Regulations 2015 and the Procurement Reform (Scotland) Act 2014. The contract is for the
provision of befriending services, worth £4,500,000 over five years.
{BODY}""", "scotland", "PCSR2015", {"devolved": "scotland"}, ENGLISH_LAW | WELSH_LAW | ACT_ONLY,
        SCOTTISH_LAW),
    "welsh devolved body": (f"""# Invitation to tender: community connectors

Cyngor Bwrdeistref Sirol Pentre / Pentre County Borough Council invites tenders under the Procurement Act 2023 and
the Procurement (Wales) Regulations 2024. The contract is for the provision of community support services, worth
£60,000 over two years.
{BODY}""", "wales", "PA2023", {"devolved": "wales"}, ENGLISH_LAW | SCOTTISH_LAW, WELSH_LAW),
    "nhs trust": (f"""# Invitation to tender: patient transport volunteers

Tamworth Vale NHS Foundation Trust, in England, invites tenders under the Procurement Act 2023 for the provision of
volunteer coordination services, worth £120,000 over two years. The service follows NHS England's guidance on
volunteering.
{BODY}""", "england", "PA2023", {"buyer_type": "nhs"}, SCOTTISH_LAW | WELSH_LAW, set()),
    "nhs healthcare under the psr": (f"""# Invitation to tender: community podiatry

NHS Wyrebank Integrated Care Board, in England, is procuring community podiatry services under the Provider
Selection Regime (the Health Care Services (Provider Selection Regime) Regulations 2023), using the Competitive
Process. The estimated value of the contract is £90,000.
{BODY}""", "england", "PSR", {"buyer_type": "nhs"},
        SCOTTISH_LAW | WELSH_LAW | ACT_ONLY | {"KIL-3.14-below-threshold-prequal",
                                                "KIL-1.3-below-threshold-reservation-considered",
                                                "KIL-4.2-no-lots-no-reasons"}, set()),
    "central department": (f"""# Invitation to tender: energy advice

The Department for Rural Communities, in England, invites tenders under the Procurement Act 2023 for the provision
of advice services. The estimated value of the contract is £900,000. The service covers rural households across
England.
{BODY}""", "england", "PA2023", {"buyer_type": "central"}, SCOTTISH_LAW | WELSH_LAW, set()),
    "english district under pcr 2015": (f"""# Invitation to tender: grounds maintenance

Westbury District Council, in England, invites tenders under the Public Contracts Regulations 2015 for grounds
maintenance services. Any reservation would follow the Local Government (Exclusion of Non-commercial
Considerations) (England) Order.

| Date of publication | 8 April 2024 |
|---|---|

The estimated value of the contract is £150,000.
{BODY}""", "england", "PCR2015", {"buyer_type": "local"}, SCOTTISH_LAW | WELSH_LAW | ACT_ONLY,
        {"KIL-3.14-below-threshold-prequal"}),
    "us county": (f"""# Request for Proposals: roadside mowing

The Jackson County Department of Transportation, 415 E 12th Street, Kansas City, MO 64106, requests proposals from
licensed contractors. Proposers must submit a Form W-9 and a certificate of insurance with the proposal. The
estimated budget is $80,000.
{BODY.replace("£", "$")}""", "not_uk", None, {"buyer_type": None}, None, set()),
}


@pytest.mark.parametrize("kind", list(TENDERS))
def test_each_buyer_gets_its_own_law_and_no_other(tmp_path, kind):
    text, jurisdiction, regime, buyer, foreign, own = TENDERS[kind]
    result = run(tmp_path, text)
    facts = result.facts
    assert facts.value("buyer.jurisdiction") == jurisdiction, kind
    assert facts.value("procurement.regime_applied") == regime, kind
    if "devolved" in buyer:
        assert facts.value("buyer.devolved") == buyer["devolved"], kind
    else:
        assert facts.value("buyer.devolved") is None, kind
    if "buyer_type" in buyer:
        assert facts.value("buyer.type") == buyer["buyer_type"], kind
    law = result.to_dict()["law"]
    assert law["jurisdiction"]["value"] == jurisdiction and law["regime"]["value"] == regime
    assert law["jurisdiction"]["why"] and law["regime"]["why"]
    rules = {f.rule for f in result.findings}
    if foreign is None:  # not a UK tender: the one notice, and it passes
        assert rules == {"KIL-0.2-not-a-uk-tender"}
        assert all(f.severity == "info" for f in result.findings)
        return
    assert "KIL-0.2-not-a-uk-tender" not in rules, kind
    assert not rules & foreign, (kind, sorted(rules & foreign))
    assert own <= rules, (kind, sorted(own - rules))  # and its own law's rules do fire
