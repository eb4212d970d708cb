"""Values and thresholds on the same VAT basis (issue 12): the Procurement Act 2023 thresholds include VAT, so a
value stated excluding VAT is grossed up at 20% before the comparison, one stated including VAT is taken as given,
one the document says bears no VAT stays as it is, and one whose basis is not stated is compared as given with a
finding that says the bases may differ."""

from __future__ import annotations

import pytest

from tests.regime.test_law_applies import PQQ, run

TENDER = """# Invitation to tender: community support

Easterby District Council invites tenders under the Procurement Act 2023. This is a contract for the provision of
community support services. It will be let as a single contract.

| Date of publication | 2 March 2026 |
|---|---|

The estimated value of the contract is {value} over three years.

{extra}
"""


def _findings(result) -> dict:
    return {f.rule: f for f in result.findings if f.kind == "violation"}


@pytest.mark.parametrize("value, threshold_value, basis", [
    ("£200,000 excluding VAT", 240000, "grossed up"),
    ("£240,000 including VAT", 240000, "including VAT"),
    ("£200,000", 200000, "VAT basis not stated"),
])
def test_the_threshold_value_is_on_the_vat_inclusive_basis(tmp_path, value, threshold_value, basis):
    result = run(tmp_path, TENDER.format(value=value, extra=""))
    f = result.facts.get("contract.value_threshold_gbp")
    assert f.value == pytest.approx(threshold_value) and basis in f.source
    assert result.facts.value("contract.value_total_gbp") == pytest.approx(200000)  # kept excluding VAT


def test_a_value_excluding_vat_that_crosses_the_threshold_once_vat_is_added_is_above_it(tmp_path):
    """£200,000 + VAT = £240,000, over the £207,720 sub-central threshold: the lots duty applies, s.85 does not."""
    found = _findings(run(tmp_path, TENDER.format(value="£200,000 excluding VAT", extra=PQQ)))
    assert "KIL-4.2-no-lots-no-reasons" in found
    assert "20% VAT was added (£240,000)" in found["KIL-4.2-no-lots-no-reasons"].message
    assert "KIL-3.14-below-threshold-prequal" not in found


def test_the_same_figure_including_vat_is_below_the_threshold(tmp_path):
    found = _findings(run(tmp_path, TENDER.format(value="£200,000 including VAT", extra=PQQ)))
    assert "KIL-4.2-no-lots-no-reasons" not in found
    assert found["KIL-3.14-below-threshold-prequal"].severity == "error"
    message = found["KIL-3.14-below-threshold-prequal"].message
    assert "(£200,000 on the thresholds' VAT-inclusive basis)" in message
    assert "20% VAT was added" not in message and "the bases may differ" not in message


def test_a_value_with_no_vat_basis_is_compared_as_given_and_the_finding_says_so(tmp_path):
    found = _findings(run(tmp_path, TENDER.format(value="£200,000", extra=PQQ)))
    message = found["KIL-3.14-below-threshold-prequal"].message
    assert "does not say whether the value includes VAT" in message and "the bases may differ" in message


def test_a_contract_the_document_says_bears_no_vat_is_not_grossed_up(tmp_path):
    extra = "The services are exempt from VAT."
    result = run(tmp_path, TENDER.format(value="£200,000 excluding VAT", extra=extra + "\n\n" + PQQ))
    assert result.facts.value("contract.value_threshold_gbp") == pytest.approx(200000)
    assert "KIL-3.14-below-threshold-prequal" in _findings(result)
