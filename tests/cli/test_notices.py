"""`tendercheck notices` against a Find a Tender API replayed on loopback: a month of notices in pages
(links.next), a rate limit (429 with Retry-After) and a server error retried, filters, resume after a stop
with no notice written twice, and the JSON Lines it writes checked by `tendercheck check` (tender stage only).

The replayed answers are made here in the API's shape (an OCDS release package per page, the next page's
address in links.next), not recorded from the live service: no test reaches the network."""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cli import main


def release(n: int) -> dict:
    tag = "tender" if n % 3 else "award"  # a third are award notices
    return {"ocid": f"ocds-h6vhtk-{n:06d}", "id": f"{n:06d}-{tag}", "tag": [tag], "date": f"2026-03-{1 + n % 28:02d}",
            "buyer": {"name": "Leeds City Council" if n % 2 else "Cornwall Council"},
            "parties": [{"name": "Leeds City Council" if n % 2 else "Cornwall Council", "roles": ["buyer"],
                         "address": {"region": "UKE42" if n % 2 else "UKK30"}}],
            "tender": {"title": f"Community service {n}", "description": "Support for residents at home.",
                       "classification": {"scheme": "CPV", "id": "85311000" if n % 4 else "45000000"},
                       "value": {"amount": 100000 + n, "currency": "GBP"}}}


class Replay:
    """Pages of 10 releases, 45 in all; page 2 is rate-limited once and page 3 fails once with 503; with
    fail_from set, every page from that one on fails with 500 (a server gone down)."""

    def __init__(self):
        self.requests: list[str] = []
        self.fail_from = None
        self.limited = self.failed = False

    def answer(self, path: str):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(path).query)
        page = int(query.get("cursor", ["0"])[0])
        if self.fail_from is not None and page >= self.fail_from:
            return 500, {}, {}
        if page == 1 and not self.limited:
            self.limited = True
            return 429, {"Retry-After": "0"}, {}
        if page == 2 and not self.failed:
            self.failed = True
            return 503, {}, {}
        releases = [release(n) for n in range(page * 10, min(page * 10 + 10, 45))]
        links = {"next": f"{self.base}?{urllib.parse.urlencode({**{k: v[0] for k, v in query.items()}, 'cursor': page + 1})}"} \
            if page * 10 + 10 < 45 else {}
        return 200, {}, {"uri": self.base, "publishedDate": "2026-04-01T00:00:00Z", "releases": releases, "links": links}


@pytest.fixture
def replay():
    state = Replay()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            state.requests.append(self.path)
            status, headers, body = state.answer(self.path)
            data = json.dumps(body).encode()
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}/api/1.0/ocdsReleasePackages"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def _notices(cli_runner, replay, out, *extra):
    return cli_runner.invoke(main, ["notices", "--from", "2026-03-01", "--to", "2026-03-31", "-o", str(out),
                                    "--base-url", replay.base, "--backoff", "0", *extra])


def test_a_month_of_notices_in_pages_with_retries(cli_runner, replay, tmp_path):
    out = tmp_path / "march.jsonl"
    result = _notices(cli_runner, replay, out, "--stage", "all")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["ocid"] for r in lines] == [f"ocds-h6vhtk-{n:06d}" for n in range(45)]
    first = urllib.parse.parse_qs(urllib.parse.urlparse(replay.requests[0]).query)
    assert first["updatedFrom"] == ["2026-03-01T00:00:00"] and first["updatedTo"] == ["2026-03-31T23:59:59"]
    assert len(replay.requests) == 5 + 2  # five pages, one rate-limited and one failed answer retried
    assert "45 notice(s)" in result.stdout and "2 retried" in result.stdout
    assert not (tmp_path / "march.jsonl.state").exists()


def test_filters_and_the_check_of_what_was_written(cli_runner, replay, tmp_path):
    out = tmp_path / "care.jsonl"
    result = _notices(cli_runner, replay, out, "--cpv", "85311", "--buyer", "leeds", "--region", "UKE")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    expected = [n for n in range(45) if n % 3 and n % 4 and n % 2]
    assert [r["ocid"] for r in lines] == [f"ocds-h6vhtk-{n:06d}" for n in expected]
    assert "stages=tender" in replay.requests[0]
    checked = cli_runner.invoke(main, ["check", str(out), "-f", "csv", "-j", "1", "--exit-zero"])
    assert checked.exit_code == 0, checked.output
    rows = checked.stdout.splitlines()
    assert len(rows) == 1 + len(expected) and all("Leeds City Council" in row for row in rows[1:])


def test_a_stopped_run_resumes_without_writing_a_notice_twice(cli_runner, replay, tmp_path):
    out = tmp_path / "march.jsonl"
    replay.fail_from = 3  # the server goes down after three pages
    stopped = _notices(cli_runner, replay, out, "--stage", "all")
    assert stopped.exit_code == 2
    assert stopped.stderr.count("tendercheck: error:") == 1 and "HTTP 500" in stopped.stderr
    assert len(out.read_text().splitlines()) == 30 and (tmp_path / "march.jsonl.state").exists()
    with open(out, "a") as fh:
        fh.write('{"ocid": "cut sho')  # a line cut short as the run stopped
    replay.fail_from = None
    again = _notices(cli_runner, replay, out, "--stage", "all", "--resume")
    assert again.exit_code == 0, again.output
    ocids = [json.loads(line)["ocid"] for line in out.read_text().splitlines()]
    assert ocids == [f"ocds-h6vhtk-{n:06d}" for n in range(45)]
    assert not (tmp_path / "march.jsonl.state").exists()


def test_a_next_link_to_a_local_file_is_refused(cli_runner, replay, tmp_path):
    replay.answer = lambda path: (200, {}, {"releases": [release(1)], "links": {"next": "file:///etc/passwd"}})
    result = _notices(cli_runner, replay, tmp_path / "x.jsonl")
    assert result.exit_code == 2 and "only http and https" in result.stderr


def test_notices_piped_straight_into_check(replay, tmp_path):
    """`tendercheck notices ... -o - | tendercheck check - -f csv`, as two real processes."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    fetch = subprocess.Popen([sys.executable, "-m", "checker", "notices", "--from", "2026-03-01", "--to",
                              "2026-03-31", "-o", "-", "--base-url", replay.base, "--backoff", "0"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=env)
    check = subprocess.run([sys.executable, "-m", "checker", "check", "-", "-f", "csv", "-j", "2", "--exit-zero"],
                           stdin=fetch.stdout, capture_output=True, text=True, cwd=tmp_path, env=env, check=False)
    fetch.stdout.close()
    assert fetch.wait(timeout=60) == 0
    assert check.returncode == 0, check.stderr
    rows = check.stdout.splitlines()
    tender = [n for n in range(45) if n % 3]  # the award notices were not asked for (stages=tender)
    assert len(rows) == 1 + len(tender)
    assert all(row.split(",")[-2].startswith("'-#ocds-h6vhtk-") for row in rows[1:])  # ' keeps - from a formula
    assert "Community service 1," in check.stdout
