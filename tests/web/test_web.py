"""`tendercheck serve`'s app: upload a PDF or DOCX, see the HTML report, download the Word copy with comments
and the JSON/SARIF reports; bad uploads are refused with a message and the server keeps serving; the uploaded
file is deleted before the response goes; parallel uploads get their own reports; nothing goes on the network."""

import io
import json
import re
import socket
import zipfile
from concurrent.futures import ThreadPoolExecutor

import docx
import pytest

from cli import main
from tests.web.conftest import DOCX, PDF, post_file


def upload(client, name, data):
    return client.post("/check", files={"document": (name, data)})


def alert(response) -> str:
    found = re.findall(r'role="alert">([^<]*)<', response.text)
    return found[0] if found else ""


def downloads(page: str) -> dict[str, str]:
    return {m.rsplit("/", 1)[1]: m for m in re.findall(r'href="(/download/[^"]+)"', page)}


def test_the_upload_page_says_what_it_takes_and_that_the_file_stays_here(client):
    page = client.get("/")
    assert page.status_code == 200
    assert 'type="file"' in page.text and 'accept=".pdf,.docx,.zip"' in page.text
    assert "deleted as soon as the report is sent" in page.text
    assert "'none'" in page.headers["content-security-policy"] and page.headers["cache-control"] == "no-store"


def test_a_pdf_upload_shows_the_html_report_and_offers_json_and_sarif(client, uploads):
    response = upload(client, "sample-tender.pdf", PDF.read_bytes())
    assert response.status_code == 200 and "/report/" in str(response.url)
    page = response.text
    for n in range(1, 6):
        assert f'data-step="{n}"' in page
    assert "<h2>sample-tender.pdf" in page and str(uploads) not in page and "tendercheck-upload-" not in page
    links = downloads(page)
    assert set(links) == {"report.html", "report.json", "report.sarif"}  # no Word copy of a PDF
    report = json.loads(client.get(links["report.json"]).content)
    assert report["documents"][0]["path"] == "sample-tender.pdf" and report["documents"][0]["findings"]
    sarif = client.get(links["report.sarif"])
    assert json.loads(sarif.content)["version"] == "2.1.0"
    assert 'filename="sample-tender.tendercheck.sarif"' in sarif.headers["content-disposition"]
    assert list(uploads.iterdir()) == []


def test_a_docx_upload_gives_the_word_copy_with_one_comment_per_finding(client, uploads):
    response = upload(client, "calderbrook.docx", DOCX.read_bytes())
    assert response.status_code == 200
    links = downloads(response.text)
    assert "Download the Word copy with comments" in response.text
    copy = client.get(links["reviewed.docx"])
    assert copy.status_code == 200 and 'filename="calderbrook.reviewed.docx"' in copy.headers["content-disposition"]
    document = docx.Document(io.BytesIO(copy.content))
    findings = json.loads(client.get(links["report.json"]).content)["documents"][0]["findings"]
    assert len(document.comments) == len(findings) > 5
    assert {c.text.splitlines()[-1].rsplit(" ", 1)[-1] for c in document.comments} == \
        {f["fingerprint"] for f in findings}
    assert list(uploads.iterdir()) == []


@pytest.mark.parametrize("over", [10, 200 * 1024])  # caught while saving / from the request's length
def test_oversize_uploads_are_refused_and_the_server_keeps_serving(uploads, over):
    from starlette.testclient import TestClient

    from checker.web import create_app

    small = TestClient(create_app(tmp_root=str(uploads), max_upload_bytes=100 * 1024, processes=0))
    response = upload(small, "big.pdf", b"%PDF-1.4\n" + b"\0" * (100 * 1024 + over))
    assert response.status_code == 413 and "larger than the 100 KB limit" in alert(response)
    assert small.get("/").status_code == 200
    assert list(uploads.iterdir()) == []


@pytest.mark.parametrize(("name", "data", "status", "words"), [
    ("notes.txt", b"Tenders are invited.", 415, "not a PDF, Word (.docx) or ZIP file"),
    ("random.pdf", bytes(range(256)) * 40, 415, "not a PDF file"),
    ("plain.pdf", b"just some text, not a PDF", 415, "contains plain text"),
    ("pack.zip", b"PK\x03\x04" + b"\0" * 100, 415, "corrupt ZIP"),
    ("empty.pdf", b"", 400, "empty (0 bytes)"),
    ("sheet.docx", b"PK\x03\x04" + b"\0" * 100, 415, "corrupt ZIP"),
])
def test_wrong_type_uploads_are_refused_with_a_message(client, uploads, name, data, status, words):
    response = upload(client, name, data)
    assert response.status_code == status and words in alert(response), alert(response)
    assert 'type="file"' in response.text  # the form again, to try another file
    assert list(uploads.iterdir()) == []


def test_a_zip_bomb_docx_is_refused_and_the_server_keeps_serving(client, uploads, tmp_path):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            block = b" " * (1024 * 1024)
            for _ in range(310):
                fh.write(block)
    assert len(bomb.getvalue()) < 2 * 1024 * 1024
    response = upload(client, "bomb.docx", bomb.getvalue())
    assert response.status_code == 422 and "refusing a possible zip bomb" in alert(response)
    assert upload(client, "sample-tender.pdf", PDF.read_bytes()).status_code == 200
    assert list(uploads.iterdir()) == []


def test_a_zip_pack_is_one_tender_with_its_members_listed(client, uploads, pack_zip_bytes):
    response = upload(client, "befriending-pack.zip", pack_zip_bytes)
    assert response.status_code == 200, alert(response)
    page = response.text
    assert "Tender pack of 3 documents, checked as one tender" in page
    for line in ("tender/itt.pdf: ITT (pdf", "tender/specification.docx: specification (docx",
                 "tender/pricing-schedule.xlsx: pricing schedule (xlsx"):
        assert line in page
    assert "KIL-0.3-pack-documents-agree" in page
    report = json.loads(client.get(downloads(page)["report.json"]).content)
    (document,) = report["documents"]
    assert document["path"] == "befriending-pack.zip" and document["format"] == "pack"
    assert document["pack"]["members"][0]["path"] == "befriending-pack.zip!tender/itt.pdf"
    assert str(uploads) not in page and "tendercheck-upload-" not in json.dumps(report)
    assert list(uploads.iterdir()) == []


def test_a_zip_bomb_pack_is_refused_and_the_server_keeps_serving(client, uploads):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf, \
            zf.open("tender.txt", "w", force_zip64=True) as fh:
        block = b" " * (1024 * 1024)
        for _ in range(400):
            fh.write(block)
    assert len(bomb.getvalue()) < 2 * 1024 * 1024
    response = upload(client, "bomb.zip", bomb.getvalue())
    assert response.status_code == 422 and "zip bomb" in alert(response), alert(response)
    assert "bomb.zip!tender.txt" in alert(response) and str(uploads) not in response.text
    assert upload(client, "sample-tender.pdf", PDF.read_bytes()).status_code == 200
    assert list(uploads.iterdir()) == []


def test_no_file_chosen(client):
    response = client.post("/check", data={"document": ""})
    assert response.status_code == 400 and "No file was chosen" in alert(response)


def test_forgotten_and_unknown_downloads_are_gone(client):
    page = upload(client, "sample-tender.pdf", PDF.read_bytes())
    link = downloads(page.text)["report.json"]
    token = link.split("/")[2]
    assert client.get(link).status_code == 200
    after = client.post(f"/forget/{token}")
    assert after.status_code == 200 and "The check was forgotten" in after.text
    assert client.get(link).status_code == 404
    assert client.get(f"/report/{token}").status_code == 404
    assert client.get("/download/nonsense/report.json").status_code == 404


def test_downloads_expire(uploads):
    from starlette.testclient import TestClient

    from checker.web import create_app

    app = create_app(tmp_root=str(uploads), ttl=0, processes=0)
    quick = TestClient(app, follow_redirects=False)
    response = upload(quick, "sample-tender.pdf", PDF.read_bytes())
    assert response.status_code == 303
    assert quick.get(response.headers["location"]).status_code == 404
    assert len(app.state.store) == 0


def test_no_network_calls_while_checking(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network call: {args[1:] or kwargs}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert upload(client, "calderbrook.docx", DOCX.read_bytes()).status_code == 200


def test_host_names_outside_the_allowed_ones_are_refused(uploads):
    from starlette.testclient import TestClient

    from checker.web import LOOPBACK_NAMES, create_app

    guarded = TestClient(create_app(tmp_root=str(uploads), allow_hosts=LOOPBACK_NAMES, processes=0))
    assert guarded.get("/").status_code == 400  # TestClient says Host: testserver (a rebinding attacker's name)
    assert guarded.get("/", headers={"Host": "localhost:8000"}).status_code == 200
    assert guarded.get("/", headers={"Host": "[::1]:8000"}).status_code == 200


def test_two_uploads_in_parallel_get_their_own_reports(live_server):
    base, folder = live_server
    jobs = [("sample-tender.pdf", PDF.read_bytes()), ("calderbrook.docx", DOCX.read_bytes())] * 2
    with ThreadPoolExecutor(len(jobs)) as pool:
        results = list(pool.map(lambda job: post_file(base, *job), jobs))
    tokens = set()
    for (name, _), (status, url, page) in zip(jobs, results):
        assert status == 200, page[:500]
        assert f"<h2>{name}" in page and page.count("<h2>") == 1
        other = "calderbrook.docx" if name.endswith(".pdf") else "sample-tender.pdf"
        assert other not in page
        assert ("reviewed.docx" in page) == name.endswith(".docx")
        tokens.add(url.rsplit("/", 1)[1])
    assert len(tokens) == len(jobs)
    assert list(folder.iterdir()) == []


def test_serve_binds_to_loopback_by_default_and_says_so(cli_runner, monkeypatch):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    done = cli_runner.invoke(main, ["serve"])
    assert done.exit_code == 0, done.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000
    assert "http://127.0.0.1:8000/" in done.output and "loopback only" in done.output

    done = cli_runner.invoke(main, ["serve", "--host", "0.0.0.0", "--port", "8080"])
    assert seen["host"] == "0.0.0.0" and "other computers CAN reach this page" in done.output
    assert "no login of its own" in done.output
