"""Per-document time and memory limits (checker/isolation.py): a worker that hangs or grows without end is
stopped, its file costs one line naming the limit, and every other file is still checked and reported.

The unit tests run small functions under the limits; the CLI test runs a real slow document with a short
limit. No assertion is about speed: subprocess timeouts only stop a regression from hanging CI."""

from __future__ import annotations

import json
import time

import pytest

from checker import isolation
from checker.errors import InputError
from tests.hostile.helpers import assert_clean, hashes, run_cli

pytestmark = pytest.mark.skipif(not isolation.can_isolate(), reason="no fork on this platform: no worker limits")


def _hang():
    while True:
        time.sleep(0.01)


def _grow():
    chunks = []
    while True:
        chunks.append(bytearray(16 * 1024 * 1024))  # touched, so resident


def _work_with_beats(seconds: float, beats: int):
    for _ in range(beats):
        time.sleep(seconds / beats)
        isolation.beat()
    return "finished"


def _refuse(path):
    raise InputError(path, "not a tender", code="unsupported")


def test_a_hang_is_stopped_at_the_time_limit():
    with pytest.raises(isolation.LimitExceeded, match="time limit"):
        isolation.run(_hang, (), isolation.Limits(timeout_s=0.5, memory_mb=None))


def test_runaway_memory_is_stopped_at_the_memory_limit():
    with pytest.raises(isolation.LimitExceeded, match="memory"):
        isolation.run(_grow, (), isolation.Limits(timeout_s=60, memory_mb=400))


def test_progress_renews_the_time_limit():
    # 1.5 s of work in ten beats under a 0.6 s limit: never 0.6 s without progress
    assert isolation.run(_work_with_beats, (1.5, 10), isolation.Limits(timeout_s=0.6, memory_mb=None)) == "finished"


def test_a_workers_own_error_comes_back_whole():
    with pytest.raises(InputError) as caught:
        isolation.run(_refuse, ("x.pdf",), isolation.Limits())
    assert caught.value.code == "unsupported" and str(caught.value.path) == "x.pdf"


def test_a_slow_document_costs_its_own_line_and_the_batch_is_reported(tmp_path):
    slow = tmp_path / "slow.md"
    slow.write_text("The council will work with local groups to shape the service. " * 80000 + "\n",
                    encoding="utf-8")  # one 5 MB paragraph: tens of seconds of work with no document finished
    good = tmp_path / "good.txt"
    good.write_text("The council will divide the contract into lots so that local charities can bid.\n",
                    encoding="utf-8")
    before = hashes(tmp_path)
    result = run_cli("check", "--format", "json", "--timeout", "5", slow, good)
    assert_clean(result)
    assert result.returncode == 2
    assert f"tendercheck: error: {slow}: stopped after 5 s without progress" in result.stderr
    report = json.loads(result.stdout)
    assert [d["path"] for d in report["documents"]] == [str(good)]
    assert [e["path"] for e in report["errors"]] == [str(slow)]
    assert hashes(tmp_path) == before


def test_an_enormous_page_tree_is_refused_before_it_is_read(tmp_path):
    import pypdfium2 as pdfium

    from checker.extract import pdf as pdf_reader

    doc = pdfium.PdfDocument.new()
    for _ in range(pdf_reader.MAX_PAGES + 1):
        doc.new_page(200, 200)
    huge = tmp_path / "pages.pdf"
    doc.save(str(huge))
    good = tmp_path / "good.txt"
    good.write_text("The council will divide the contract into lots so that local charities can bid.\n",
                    encoding="utf-8")
    result = run_cli("check", "--format", "json", huge, good)
    assert_clean(result)
    assert result.returncode == 2
    assert f"tendercheck: error: {huge}: PDF has 5,001 pages, more than the 5,000-page limit" in result.stderr
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == [str(good)]
