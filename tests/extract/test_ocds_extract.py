"""OCDS JSON: release packages, record packages, single releases, and hostile JSON."""

from __future__ import annotations

import json

import pytest

from checker.errors import InputError
from checker.extract import read_document


def _release(ocid="ocds-abc-1", title="Community transport", lots=True):
    tender = {
        "title": title,
        "description": "Door to door transport for older residents.",
        "value": {"amount": 1200000, "currency": "GBP"},
        "tenderPeriod": {"startDate": "2025-03-01T00:00:00Z", "endDate": "2025-04-02T12:00:00Z"},
        "contractPeriod": {"durationInDays": 1095},
        "suitability": {"sme": True, "vcse": True},
    }
    if lots:
        criteria = {"criteria": [{"type": "quality", "name": "Technical", "description": "40"},
                                 {"type": "price", "description": "60"}]}
        tender["lots"] = [
            {"id": "1", "title": "North", "value": {"amount": 400000, "currency": "GBP"}, "awardCriteria": criteria},
            {"id": "2", "title": "South", "value": {"amount": 800000.5, "currency": "GBP"}, "awardCriteria": criteria},
        ]
    return {"ocid": ocid, "id": f"{ocid}-r1", "buyer": {"name": "Example Borough Council"}, "tender": tender}


def _write(tmp_path, data, name="notice.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_release_package_gives_one_section_and_page_per_release(tmp_path):
    path = _write(tmp_path, {"releases": [_release(), _release("ocds-abc-2", "Meals on wheels", lots=False)]})
    document = read_document(path)
    assert document.format == "ocds"
    assert document.pages == 2
    headings = [(b.location.page, b.text) for b in document.blocks if b.kind == "heading"]
    assert headings == [(1, "Community transport"), (2, "Meals on wheels")]
    texts = {b.text: b for b in reversed(document.blocks)}  # first occurrence wins
    assert texts["Estimated value: GBP 1,200,000"].location.section == "Community transport"
    assert texts["Estimated value: GBP 1,200,000"].location.page == 1
    assert "Buyer: Example Borough Council" in texts
    assert "Contract period: 1,095 days" in texts
    assert "Tender period: 2025-03-01 to 2025-04-02" in texts
    assert "Suitable for VCSEs: yes" in texts


def test_lots_are_blocks_with_their_values(tmp_path):
    document = read_document(_write(tmp_path, {"releases": [_release()]}))
    lots = [b.text for b in document.blocks if b.kind == "list_item"]
    assert lots == ["Lot 1: North \u2014 value GBP 400,000", "Lot 2: South \u2014 value GBP 800,000.50"]


def test_award_criteria_shared_by_every_lot_are_one_table(tmp_path):
    document = read_document(_write(tmp_path, {"releases": [_release()]}))
    assert len(document.tables) == 1
    table = document.tables[0]
    assert table.header == ("Criterion", "Weight")
    assert table.body == (("Technical", "40%"), ("Price", "60%"))
    assert table.location.section == "Community transport > Award criteria"
    assert any(b.kind == "table_cell" and b.text == "60%" for b in document.blocks)


def test_different_criteria_per_lot_give_a_table_per_lot(tmp_path):
    release = _release()
    release["tender"]["lots"][1]["awardCriteria"] = {"criteria": [{"name": "Quality", "weight": 70},
                                                                  {"name": "Price", "weight": 30}]}
    document = read_document(_write(tmp_path, {"releases": [release]}))
    assert [t.location.section for t in document.tables] == ["Community transport > Lot 1 > Award criteria",
                                                             "Community transport > Lot 2 > Award criteria"]
    assert document.tables[1].body == (("Quality", "70%"), ("Price", "30%"))


def test_record_package_uses_the_compiled_release(tmp_path):
    data = {"records": [{"ocid": "ocds-abc-1", "compiledRelease": _release(title="Compiled title")}]}
    document = read_document(_write(tmp_path, data))
    assert document.pages == 1
    assert document.blocks[0].text == "Compiled title"


def test_single_release(tmp_path):
    document = read_document(_write(tmp_path, _release(lots=False)))
    assert document.pages == 1 and document.tables == []


def test_wrong_types_are_ignored_not_fatal(tmp_path):
    release = {"ocid": "ocds-x", "tender": {"title": ["not", "a", "string"], "value": {"amount": "lots"},
                                            "lots": "none", "suitability": 3}}
    document = read_document(_write(tmp_path, {"releases": [release, 7, None]}))
    assert document.pages == 1
    assert document.blocks[0].text == "ocds-x"


def test_deeply_nested_json_is_an_input_error_not_a_crash(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"releases": [' + '{"a": [' * 200000 + "]}" * 200000 + "]}", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_document(path)
    assert "nested too deeply" in raised.value.cause


@pytest.mark.parametrize("data, cause", [({"hello": "world"}, "not an OCDS"), ({"releases": []}, "no releases")])
def test_json_that_is_not_ocds_or_is_empty(tmp_path, data, cause):
    with pytest.raises(InputError, match=cause):
        read_document(_write(tmp_path, data))


def test_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"releases": [\n  {"ocid": }\n]}', encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON: .* line 2 column"):
        read_document(path)


def test_oversized_json_is_refused_before_parsing(tmp_path):
    from checker import limits

    path = _write(tmp_path, {"releases": [_release()]})
    with limits.using(limits.Limits(file_mb=0.0001)), pytest.raises(InputError, match="limit"):
        read_document(path)


def test_an_oversized_release_is_refused(tmp_path, monkeypatch):
    from checker.extract import ocds

    path = _write(tmp_path, {"releases": [_release()]})
    monkeypatch.setattr(ocds, "MAX_RELEASE_BYTES", 100)
    with pytest.raises(InputError, match="limit"):
        read_document(path)


def test_classification_reserved_participation_and_lot_limits(tmp_path):
    release = _release()
    release["tender"]["classification"] = {"scheme": "CPV", "id": "60130000", "description": "Special-purpose road"}
    release["tender"]["otherRequirements"] = {"reservedParticipation": ["shelteredWorkshop"]}
    release["tender"]["lotDetails"] = {"maximumLotsBidPerSupplier": 2147483647, "maximumLotsAwardedPerSupplier": 1}
    texts = [b.text for b in read_document(_write(tmp_path, {"releases": [release]})).blocks]
    assert "Classification: CPV 60130000 (Special-purpose road)" in texts
    assert "Participation is reserved for: sheltered workshop" in texts
    assert "A supplier may be awarded at most 1 lot." in texts
    assert not any("bid for at most" in t for t in texts)  # 2147483647 is "no limit"


def test_check_reads_each_release_as_a_document_of_its_own(tmp_path):
    """A package is many tenders: each notice needs its own facts and scorecard, not one mixed together. Names
    are given as the file streams: the first release of an ocid is `#ocid`, later ones add their release id."""
    from checker.extract import read_documents

    first, second = _release(), _release("ocds-abc-2", "Meals on wheels", lots=False)
    path = _write(tmp_path, {"releases": [first, second, second]})
    documents = read_documents(path)
    assert [d.path for d in documents] == [f"{path}#ocds-abc-1", f"{path}#ocds-abc-2",
                                           f"{path}#ocds-abc-2/ocds-abc-2-r1"]
    assert all(d.pages == 1 and d.format == "ocds" and d.sha256 == documents[0].sha256 for d in documents)
    assert any(b.text.startswith("Lot 2: South") for b in documents[0].blocks)
    assert not any(b.text.startswith("Lot ") for b in documents[1].blocks)


def test_check_reports_a_scorecard_per_notice(tmp_path):
    from checker.api import check

    path = _write(tmp_path, {"releases": [_release(), _release("ocds-abc-2", "Meals on wheels", lots=False)]})
    report = check([path])
    assert [r.document.metadata["ocid"] for r in report.documents] == ["ocds-abc-1", "ocds-abc-2"]
    assert report.documents[0].facts.value("lots.count") == 2
    assert report.documents[1].facts.value("lots.count") != 2


def test_absence_of_evidence_in_a_notice_is_a_review_not_a_barrier(tmp_path):
    """A notice summarises a tender: 'no co-design found' there means 'read the tender documents'."""
    from checker.api import check

    report = check([_write(tmp_path, {"releases": [_release()]})])
    codesign = [f for f in report.documents[0].findings if f.rule == "KIL-5.1-codesign-evidence"]
    assert codesign and all(f.kind == "review" for f in codesign)
    assert "published notice" in codesign[0].message
    assert report.documents[0].steps[5] == "review"
