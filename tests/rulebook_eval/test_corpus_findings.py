"""The rulebook on real tender documents (../shared/corpus): findings a commissioner agreed with stay, and the
false positives fixed during the corpus review (docs/corpus-review.md) do not come back."""

from __future__ import annotations

import json

from checker.api import CheckOptions, check

NORTH_AMERICAN = ("ca-penhold-psb-rfp-2024-004.pdf", "ca-penhold-psb-addendum03.pdf",
                  "us-tx-via-metro-transit-rfp-26-325-temporary-staffing.pdf", "us-mi-hamtramck-rfp-property-board-up.docx",
                  "us-tx-cps-energy-rfp-7000205081-industrial-trucks.docx")


def findings(path, rules=(), outside_uk=False, every_kind=False):
    """Violations by rule. outside_uk: apply the UK rules to a document that reads as not UK (as
    --param check_outside_uk=true does), to pin how the patterns read real North American wording. every_kind:
    apply the absence rules to an addendum, form or schedule too (--param check_every_kind=true). OCDS
    notices of every stage are read (--stage all): the rules, not the stage filter, are under test."""
    params = {"check_outside_uk": True} if outside_uk else {}
    if every_kind:
        params["check_every_kind"] = True
    report = check([str(path)], CheckOptions(select=tuple(rules), params=params, stages=("all",)))
    assert not report.errors, report.errors
    (result,) = report.documents
    return {f.rule: f for f in result.findings if f.kind == "violation"}


def test_north_american_tenders_get_one_notice_and_no_uk_law(corpus_path):
    """Not UK tenders: the not-UK notice (info, so the run passes) and nothing else, with every step n/a but the
    notice's."""
    for name in NORTH_AMERICAN:
        report = check([str(corpus_path / name)], CheckOptions())
        (result,) = report.documents
        assert [(f.rule, f.severity) for f in result.findings] == [("KIL-0.2-not-a-uk-tender", "info")], name
        assert result.facts.value("buyer.jurisdiction") == "not_uk", name
        assert not report.fails(report.fail_on) and not report.errors, name  # exit 0


def test_via_staffing_rfp(corpus_path):
    found = findings(corpus_path / "us-tx-via-metro-transit-rfp-26-325-temporary-staffing.pdf", ("KIL-3",), outside_uk=True)
    assert "certificate of insurance" in found["KIL-3.11-insurance-at-bid"].evidence
    assert "Municipal Agencies" in found["KIL-3.18-public-sector-experience"].evidence
    # "As an ISO 14001 organization, it is VIA's objective ..." describes the buyer, not a demand on bidders
    assert "KIL-3.13-accreditation-no-equivalent" not in found


def test_via_commitment_to_the_local_economy_is_not_evidence_of_local_need(corpus_path):
    assert "KIL-1.1-local-needs-evidence" in findings(
        corpus_path / "us-tx-via-metro-transit-rfp-26-325-temporary-staffing.pdf", ("KIL-1.1",), outside_uk=True)


def test_hamtramck_board_up_rfp(corpus_path):
    found = findings(corpus_path / "us-mi-hamtramck-rfp-property-board-up.docx", ("KIL-1", "KIL-3"), outside_uk=True)
    assert "submitted estimate" in found["KIL-3.11-insurance-at-bid"].evidence
    assert "KIL-1.5-prevention-outcomes" in found  # "accident prevention" is not prevention of need


def test_penhold_design_build_rfp(corpus_path):
    found = findings(corpus_path / "ca-penhold-psb-rfp-2024-004.pdf", ("KIL-3", "KIL-4"), outside_uk=True)
    # "will not be allowed to subcontract the CCDC 14 - 2013 Contract" bars assignment, not subcontractors
    assert "KIL-3.3-consortia-subcontracting-barred" not in found
    # insurance is required of "any Proponent selected to enter a Contract"
    assert "KIL-3.11-insurance-at-bid" not in found


def test_penhold_joint_ventures_pass_kil_3_8_despite_the_assignment_bar(corpus_path):
    """KIL-3.8 applies (the bar on assigning the whole contract is no bar on consortia) and passes."""
    report = check([str(corpus_path / "ca-penhold-psb-rfp-2024-004.pdf")],
                   CheckOptions(select=("KIL-3.8",), params={"check_outside_uk": True}))
    (result,) = report.documents
    assert result.to_dict()["steps"]["3"]["status"] == "pass"


def test_an_estate_of_buildings_is_not_a_place(corpus_path):
    """Sell2Wales: "the Councils Commercial estate" (buildings) gave KIL-1.1 its local evidence before."""
    report = check([str(corpus_path / "ocds-sell2wales-2025-tender-releases.json")],
                   CheckOptions(select=("KIL-1.1",)))
    (notice,) = [d for d in report.documents if d.to_dict()["path"].endswith("ocds-kuma6s-148097")]
    assert [f.kind for f in notice.findings] == ["review"]  # nothing found, and a notice: a review


def test_penhold_addendum_questions(corpus_path):
    """A Q&A addendum: it need not hold co-design, so KIL-5.1 is skipped for its kind; applied anyway, its design
    questions are still not read as co-design."""
    addendum = corpus_path / "ca-penhold-psb-addendum03.pdf"
    found = findings(addendum, ("KIL-5",), outside_uk=True, every_kind=True)
    assert "KIL-5.1-codesign-evidence" in found  # "can the building be designed with a second story?"
    assert "KIL-5.2-ladder-level" not in found  # a topographical survey is not consultation
    assert "KIL-5.1-codesign-evidence" not in findings(addendum, ("KIL-5",), outside_uk=True)


def test_cps_trucks_rfp(corpus_path):
    found = findings(corpus_path / "us-tx-cps-energy-rfp-7000205081-industrial-trucks.docx", ("KIL-1", "KIL-3"), outside_uk=True)
    assert "KIL-1.5-prevention-outcomes" in found  # "preventative maintenance" is not prevention of need
    assert "KIL-3.17-sme-barrier-statement" not in found  # local and small business participation is stated


def test_below_threshold_restricted_procedure_notice(corpus_path, tmp_path):
    """A council's £100,000 framework run as a 'restricted, below threshold procedure' (Contracts Finder)."""
    package = json.loads((corpus_path / "ocds-contractsfinder-england-2025-releases.json").read_text("utf-8"))
    (release,) = [r for r in package["releases"] if r.get("tender", {}).get("title") == "Standard Network Cabling Framework"]
    one = tmp_path / "notice.json"
    one.write_text(json.dumps({**{k: v for k, v in package.items() if k != "releases"}, "releases": [release]}))
    found = findings(one, ("KIL-3.14",))
    assert "KIL-3.14-below-threshold-prequal" in found
