"""The held-out labelled set (fixtures/holdout/) is well formed: every document has a label and every label a
document, labels name only documented facts and bundled error/warning rules, and step statuses follow from the
rules labelled to fire. How well the checker scores on it is reported by bench/holdout.py, never tested here, so
the set stays a measurement and not a target."""

from __future__ import annotations

import importlib.util
import re
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HOLDOUT = ROOT / "fixtures" / "holdout"
SOURCES = ROOT / "fixtures" / "src" / "holdout"
DOC_SUFFIXES = (".pdf", ".docx")
KEYS = {"document", "description", "facts", "absent", "conflicts", "steps", "fires"}
EVIDENCE = {"evidence.co_design", "evidence.market_engagement", "evidence.consortia_welcome",
            "evidence.consortia_barred", "evidence.place"}  # fmt: skip
# Default parameters as POLICY.md states them; every document in the set is a services contract.
LOT_CAP, SV_MIN, PRICE_MAX, TURNOVER_MAX_RATIO, WINDOW_MIN, PAYMENT_MAX, AT_RISK_MAX = 663_540, 10, 60, 2, 25, 30, 20
SUB_CENTRAL_THRESHOLD = 207_720  # goods and services, Procurement Act 2023 Schedule 1 from 1 Jan 2026


def _bench():
    spec = importlib.util.spec_from_file_location("rulebook_accuracy", ROOT / "bench" / "rulebook_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def documented_facts() -> set[str]:
    """Fact names in the first column of docs/facts.md tables (the finders' contract)."""
    text = (ROOT / "docs" / "facts.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\|\s*`([a-z_]+\.[a-z_]+)`", text, flags=re.MULTILINE))


@pytest.fixture(scope="module")
def rule_steps() -> dict[str, int]:
    """Bundled error/warning rule id -> step."""
    from checker import rulebook

    return {r.id: int(r.step) for r in rulebook.load().rules if r.severity in ("error", "warning")}


def labels() -> list[Path]:
    return sorted(HOLDOUT.glob("*.expected.yaml"))


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_set_is_large_and_mixed():
    docs = [p for p in HOLDOUT.iterdir() if p.suffix in DOC_SUFFIXES]
    assert len([p for p in docs if p.suffix == ".pdf"]) >= 8
    assert len([p for p in docs if p.suffix == ".docx"]) >= 4


def test_every_document_has_a_label_a_source_and_the_reverse():
    docs = {p.name for p in HOLDOUT.iterdir() if p.suffix in DOC_SUFFIXES}
    labelled = {load(p)["document"] for p in labels()}
    assert docs == labelled
    for p in labels():
        assert load(p)["document"].rsplit(".", 1)[0] == p.name.removesuffix(".expected.yaml")
    assert {p.stem for p in SOURCES.glob("*.md")} == {d.rsplit(".", 1)[0] for d in docs}


def test_labels_load_through_the_bench():
    """bench/rulebook_accuracy.py accepts every label (steps 1-5 with known statuses, one document each)."""
    assert len(_bench().load_labels(HOLDOUT)) == len(labels())


def test_pdfs_are_two_to_fifteen_pages():
    import pypdfium2

    for pdf in HOLDOUT.glob("*.pdf"):
        doc = pypdfium2.PdfDocument(str(pdf))
        try:
            assert 2 <= len(doc) <= 15, pdf.name
        finally:
            doc.close()


@pytest.mark.parametrize("path", labels(), ids=lambda p: p.name.removesuffix(".expected.yaml"))
def test_label_is_well_formed_and_consistent(path, rule_steps):
    label = load(path)
    assert set(label) <= KEYS
    facts, absent, fires = label.get("facts") or {}, label.get("absent") or [], label.get("fires") or []
    known = documented_facts()
    assert set(facts) <= known and set(absent) <= known, set(facts) | set(absent) - known
    assert not set(facts) & set(absent)
    assert EVIDENCE <= set(facts), "every document is labelled true/false for every evidence fact"
    assert set(fires) <= set(rule_steps), set(fires) - set(rule_steps)
    assert len(set(fires)) == len(fires)

    assert set(label["steps"]) == {1, 2, 3, 4, 5}
    for step, status in label["steps"].items():
        firing = any(rule_steps[r] == step for r in fires)
        assert status == ("barrier" if firing else "pass"), f"step {step}"

    def fires_iff(rule, condition):
        assert (rule in fires) == bool(condition), rule

    get = facts.get
    if get("evaluation.price_pct") is not None:
        fires_iff("KIL-2.3-price-weight-high", get("evaluation.price_pct") > PRICE_MAX)
        fires_iff("KIL-2.7-price-only", get("evaluation.price_pct") == 100)
    if get("evaluation.social_value_pct") is not None:
        fires_iff("KIL-2.2-sv-weight-below-10", get("evaluation.social_value_pct") < SV_MIN)
    else:  # one rule says social value is not scored: KIL-2.1 where the Social Value Act reaches (services above
        # threshold, English or non-devolved buyers), KIL-2.9 for central government, KIL-2.10 for the rest
        missing = {"KIL-2.1-sv-criterion-missing", "KIL-2.9-sv-criterion-central",
                   "KIL-2.10-sv-criterion-outside-sv-act"} & set(fires)
        assert len(missing) == 1, missing
        value = get("contract.value_total_gbp")
        if value is not None and value < SUB_CENTRAL_THRESHOLD:
            assert "KIL-2.1-sv-criterion-missing" not in fires, "the Social Value Act stops at the threshold (s.1(13))"
    shares = [get(f"evaluation.{k}_pct") for k in ("price", "quality", "social_value")]
    if None not in shares:
        assert sum(shares) == pytest.approx(100), "weightings are shares of the total score"
    biggest = get("lots.max_value_gbp", get("contract.value_total_gbp"))
    if biggest is not None:
        fires_iff("KIL-4.1-lot-value-cap", biggest > LOT_CAP)
    if get("selection.min_turnover_gbp") is not None and get("contract.value_annual_gbp") is not None:
        fires_iff("KIL-3.9-turnover-ratio",
                  get("selection.min_turnover_gbp") / get("contract.value_annual_gbp") > TURNOVER_MAX_RATIO)
    if get("timeline.tender_window_days") is not None:
        fires_iff("KIL-3.15-tender-window", get("timeline.tender_window_days") < WINDOW_MIN)
    if get("payment.terms_days") is not None:
        fires_iff("KIL-3.16-payment-terms", get("payment.terms_days") > PAYMENT_MAX)
    if get("timeline.publication_date") and get("timeline.deadline_date") and get("timeline.tender_window_days"):
        window = date.fromisoformat(get("timeline.deadline_date")) - date.fromisoformat(get("timeline.publication_date"))
        assert window.days == get("timeline.tender_window_days")
    if get("selection.audited_accounts") is not None:
        fires_iff("KIL-3.10-audited-accounts", get("selection.audited_accounts"))
    if get("payment.at_risk_pct") is not None:
        fires_iff("KIL-3.6-payment-by-results", get("payment.at_risk_pct") > AT_RISK_MAX)
    fires_iff("KIL-1.1-local-needs-evidence", not get("evidence.place"))
    fires_iff("KIL-3.1-market-engagement", not get("evidence.market_engagement"))
    fires_iff("KIL-5.1-codesign-evidence", not get("evidence.co_design"))
    assert not (get("evidence.consortia_welcome") and get("evidence.consortia_barred"))
    assert get("evidence.consortia_welcome") or get("evidence.consortia_barred"), "say where consortia stand"
    fires_iff("KIL-3.3-consortia-subcontracting-barred", get("evidence.consortia_barred"))
    if get("lots.reason_not_divided"):
        assert get("lots.count") == 1
        assert "KIL-4.2-no-lots-no-reasons" not in fires
    if (get("lots.count") or 1) > 1:
        assert "KIL-4.2-no-lots-no-reasons" not in fires
        assert get("lots.max_value_gbp") is not None, "a divided contract labels its largest lot"
    initial, longest = get("contract.duration_months_initial"), get("contract.duration_months_max")
    if None not in (initial, longest):
        assert initial <= longest
    annual, total = get("contract.value_annual_gbp"), get("contract.value_total_gbp")
    if None not in (annual, longest, total):
        assert annual * longest / 12 == pytest.approx(total, rel=0.01), "total is annual x maximum term"


def test_the_tuning_benches_leave_the_set_out():
    """bench/facts_accuracy.py over fixtures/ (the gated tuning set) skips fixtures/holdout/, but scores it when
    pointed at it, as bench/holdout.py does."""
    spec = importlib.util.spec_from_file_location("facts_accuracy", ROOT / "bench" / "facts_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    assert not [p for p in module.label_files(ROOT / "fixtures") if HOLDOUT in p.parents]
    assert module.label_files(HOLDOUT) == labels()
