"""--executor dask: the same per-document check mapped over a real dask.distributed cluster (a LocalCluster of
two worker processes here) gives results identical to the local run, in the same formats."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checker.api import CheckOptions, check

distributed = pytest.importorskip("distributed", reason="the dask extra (tendercheck[dask]) is not installed")

ROOT = Path(__file__).resolve().parents[2]
TENDERS = ROOT / "fixtures" / "tenders"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  worker_dashboard_address=None) as local:
        yield local


def _folder(tmp_path):
    shutil.copy(TENDERS / "ashcombe-connectors-good-practice.pdf", tmp_path / "ashcombe.pdf")
    shutil.copy(TENDERS / "calderbrook-grounds-pure-price.docx", tmp_path / "calderbrook.docx")
    releases = [{"ocid": f"ocds-dask-{n}", "tag": ["tender"], "buyer": {"name": f"Council {n}"},
                 "tender": {"title": f"Home care round {n}", "description": "Home care for adults in the "
                            "borough, five years, divided into two lots.",
                            "value": {"amount": 250000 * n, "currency": "GBP"}}} for n in range(1, 41)]
    (tmp_path / "notices.json").write_text(json.dumps({"releases": releases}))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    return tmp_path


def test_a_two_worker_cluster_gives_the_local_results(cluster, tmp_path):
    folder = _folder(tmp_path)
    # a generous time limit: limits are tests/hostile's subject, and a loaded machine must not stop one run's PDF
    local = check([folder], CheckOptions(jobs=1, timeout_s=600)).to_dict()
    remote = check([folder], CheckOptions(executor="dask", scheduler=cluster.scheduler_address,
                                          timeout_s=600)).to_dict()
    assert len(local["documents"]) == 42 and len(local["errors"]) == 1, local["errors"]
    assert remote["errors"] == local["errors"]
    differ = [a["path"] for a, b in zip(local["documents"], remote["documents"], strict=True) if a != b]
    assert not differ, differ
    assert json.dumps(remote, sort_keys=True) == json.dumps(local, sort_keys=True)
    workers = {w for w in cluster.scheduler_info["workers"]}
    assert len(workers) == 2


def test_the_cli_streams_dask_results_as_jsonl(cluster, tmp_path, cli_runner):
    from cli import main

    folder = _folder(tmp_path)
    result = cli_runner.invoke(main, ["check", str(folder), "--executor", "dask", "--scheduler",
                                      cluster.scheduler_address, "-f", "jsonl", "--select", "KIL-4"])
    assert result.exit_code == 2  # broken.pdf
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sum(line["kind"] == "document" for line in lines) == 42
    assert [line["kind"] for line in lines].count("error") == 1 and lines[-1]["kind"] == "summary"


def test_dask_needs_a_scheduler(cli_runner):
    from cli import main

    result = cli_runner.invoke(main, ["check", str(TENDERS), "--executor", "dask"])
    assert result.exit_code == 2 and "--scheduler" in result.stderr
