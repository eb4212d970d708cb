"""The labelled tender set is well formed and self-consistent: every step status follows from the rules that
fire, and every numeric rule that fires (or not) agrees with the labelled facts at the default parameters."""

import math
from pathlib import Path

import pytest
import yaml

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TENDERS = FIXTURES / "tenders"
EXCERPTS = FIXTURES / "excerpts"

FACTS = {
    "contract.value_total_gbp", "contract.value_annual_gbp", "contract.duration_months_initial",
    "contract.duration_months_max", "lots.count", "lots.max_value_gbp", "lots.reason_not_divided",
    "evaluation.price_pct", "evaluation.quality_pct", "evaluation.social_value_pct", "selection.min_turnover_gbp",
    "timeline.tender_window_days", "payment.terms_days", "evidence.co_design", "evidence.market_engagement",
    "evidence.consortia_welcome", "evidence.consortia_barred", "evidence.place",
}  # fmt: skip
EVIDENCE = {f for f in FACTS if f.startswith("evidence.")}
# Error- and warning-level rules of the bundled rulebook (POLICY.md table; 2.7 and 3.18 split out of 2.3 and 3.12,
# 2.10 out of 2.1 where the Social Value Act does not reach)
RULES = {
    "KIL-1.1-local-needs-evidence", "KIL-1.2-single-area-wide-lot", "KIL-1.4-reservation-defined",
    "KIL-2.1-sv-criterion-missing", "KIL-2.10-sv-criterion-outside-sv-act", "KIL-2.2-sv-weight-below-10", "KIL-2.3-price-weight-high", "KIL-2.7-price-only",
    "KIL-3.1-market-engagement", "KIL-3.3-consortia-subcontracting-barred", "KIL-3.6-payment-by-results",
    "KIL-4.1-lot-value-cap", "KIL-4.2-no-lots-no-reasons", "KIL-4.3-bundling", "KIL-3.9-turnover-ratio",
    "KIL-3.10-audited-accounts", "KIL-3.11-insurance-at-bid", "KIL-3.12-prior-experience",
    "KIL-3.13-accreditation-no-equivalent", "KIL-3.14-below-threshold-prequal", "KIL-3.15-tender-window",
    "KIL-3.16-payment-terms", "KIL-3.18-public-sector-experience", "KIL-5.1-codesign-evidence",
}  # fmt: skip
# rule id -> Keep it Local step, read from the rule files (ids are stable names; the step is the rule's `step:`)
STEP_OF = {r.stem: yaml.safe_load(r.read_text(encoding="utf-8"))["step"]
           for r in (FIXTURES.parent / "rules" / "keep-it-local").glob("KIL-*.yaml")}
LOT_CAP_SERVICES, LOT_CAP_GOODS = 663_540, 207_720  # default params (POLICY.md)
SUB_CENTRAL_THRESHOLD = 207_720  # goods and services, Procurement Act 2023 Schedule 1 from 1 Jan 2026
GOODS = {"ferncastle-school-produce-goods-lots.pdf"}  # every other labelled document is a services contract
SV_MIN, PRICE_MAX, TURNOVER_MAX_RATIO, WINDOW_MIN, PAYMENT_MAX = 10, 60, 2, 25, 30

LABELS = sorted(TENDERS.glob("*.expected.yaml")) + [FIXTURES / "sample-tender.expected.yaml"]


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_set_is_large_and_mixed():
    docs = [p for p in TENDERS.iterdir() if p.suffix in (".pdf", ".docx")]
    pdfs = [p for p in docs if p.suffix == ".pdf"]
    assert len(docs) >= 22
    assert 0.55 <= len(pdfs) / len(docs) <= 0.75


def test_every_document_has_a_label_and_every_label_a_document():
    docs = {p.name for p in TENDERS.iterdir() if p.suffix in (".pdf", ".docx")}
    labelled = {load(p)["document"] for p in TENDERS.glob("*.expected.yaml")}
    assert docs == labelled
    for p in TENDERS.glob("*.expected.yaml"):
        assert load(p)["document"].rsplit(".", 1)[0] == p.name.removesuffix(".expected.yaml")


@pytest.mark.parametrize("path", LABELS, ids=lambda p: p.name.removesuffix(".expected.yaml"))
def test_label_is_consistent(path):
    label = load(path)
    assert set(label) <= {"document", "description", "facts", "absent", "conflicts", "steps", "fires"}
    facts, fires = label["facts"], set(label["fires"])
    assert set(facts) <= FACTS and set(label.get("absent", [])) <= FACTS
    assert not set(facts) & set(label.get("absent", []))
    assert EVIDENCE <= set(facts), "every document is labelled true/false for every evidence fact"
    assert fires <= RULES and len(fires) == len(label["fires"])
    conflicts = label.get("conflicts") or {}

    # step status follows from the E/W rules that fire
    assert set(label["steps"]) == {1, 2, 3, 4, 5}
    for step, status in label["steps"].items():
        firing = any(STEP_OF[r] == step for r in fires)
        assert status == ("barrier" if firing else "pass"), f"step {step}"

    def fires_iff(rule, condition):
        assert (rule in fires) == bool(condition), rule

    get = facts.get
    if get("evaluation.price_pct") is not None:
        fires_iff("KIL-2.3-price-weight-high", get("evaluation.price_pct") > PRICE_MAX)
        fires_iff("KIL-2.7-price-only", get("evaluation.price_pct") == 100)
    sv_known = "evaluation.social_value_pct" in facts or "evaluation.social_value_pct" in conflicts
    # the Social Value Act reaches services contracts above threshold (s.1(13)): KIL-2.1; the rest is KIL-2.10
    value = get("contract.value_total_gbp")
    outside_act = label["document"] in GOODS or (value is not None and value < SUB_CENTRAL_THRESHOLD)
    fires_iff("KIL-2.10-sv-criterion-outside-sv-act" if outside_act else "KIL-2.1-sv-criterion-missing", not sv_known)
    assert not {"KIL-2.1-sv-criterion-missing", "KIL-2.10-sv-criterion-outside-sv-act"} <= fires
    if "evaluation.social_value_pct" in conflicts:
        fires_iff("KIL-2.2-sv-weight-below-10", min(conflicts["evaluation.social_value_pct"]) < SV_MIN)
    elif sv_known:
        fires_iff("KIL-2.2-sv-weight-below-10", get("evaluation.social_value_pct") < SV_MIN)
    if all(
        get(f) is not None
        for f in ("evaluation.price_pct", "evaluation.quality_pct", "evaluation.social_value_pct")
    ):
        total = (
            get("evaluation.price_pct") + get("evaluation.quality_pct") + get("evaluation.social_value_pct")
        )
        assert math.isclose(total, 100), "weightings are shares of the total score"
    biggest = get("lots.max_value_gbp", get("contract.value_total_gbp"))
    if biggest is not None:
        cap = LOT_CAP_GOODS if label["document"] in GOODS else LOT_CAP_SERVICES
        fires_iff("KIL-4.1-lot-value-cap", biggest > cap)
    if get("selection.min_turnover_gbp") is not None and get("contract.value_annual_gbp") is not None:
        ratio = get("selection.min_turnover_gbp") / get("contract.value_annual_gbp")
        fires_iff("KIL-3.9-turnover-ratio", ratio > TURNOVER_MAX_RATIO)
    if get("timeline.tender_window_days") is not None:
        fires_iff("KIL-3.15-tender-window", get("timeline.tender_window_days") < WINDOW_MIN)
    if get("payment.terms_days") is not None:
        fires_iff("KIL-3.16-payment-terms", get("payment.terms_days") > PAYMENT_MAX)
    fires_iff("KIL-5.1-codesign-evidence", not get("evidence.co_design"))
    fires_iff("KIL-3.1-market-engagement", not get("evidence.market_engagement"))
    fires_iff("KIL-1.1-local-needs-evidence", not get("evidence.place"))
    assert not (get("evidence.consortia_welcome") and get("evidence.consortia_barred"))
    assert get("evidence.consortia_welcome") or get("evidence.consortia_barred"), "say where consortia stand"
    fires_iff("KIL-3.3-consortia-subcontracting-barred", get("evidence.consortia_barred"))
    if get("lots.reason_not_divided"):
        assert get("lots.count") == 1
    if get("lots.count", 1) > 1:
        assert "KIL-4.2-no-lots-no-reasons" not in fires
    annual, months, total = (get(f) for f in ("contract.value_annual_gbp", "contract.duration_months_max",
                                              "contract.value_total_gbp"))  # fmt: skip
    if None not in (annual, months, total):
        assert math.isclose(annual * months / 12, total, rel_tol=0.01), "total is annual x maximum term"


def test_excerpts_have_fact_labels():
    excerpts = sorted(EXCERPTS.glob("*.md"))
    assert len(excerpts) >= 10
    for md in excerpts:
        label = load(md.with_name(md.stem + ".expected.yaml"))
        assert set(label) <= {"facts", "absent"} and (label.get("facts") or label.get("absent"))
        assert set(label.get("facts") or {}) <= FACTS and set(label.get("absent") or []) <= FACTS
