"""The web app in tests: Starlette's TestClient for the requests, and a real uvicorn server on a free
loopback port for the parallel uploads and the browser."""

import socket
import threading
import time
import uuid
import warnings
from pathlib import Path
from urllib.request import Request, urlopen

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed: pip install -e '.[web]'")
pytest.importorskip("uvicorn", reason="the web extra is not installed: pip install -e '.[web]'")

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "fixtures" / "sample-tender.pdf"
DOCX = ROOT / "fixtures" / "tenders" / "calderbrook-grounds-pure-price.docx"


@pytest.fixture
def uploads(tmp_path) -> Path:
    folder = tmp_path / "uploads"
    folder.mkdir()
    return folder


@pytest.fixture
def client(uploads):
    with warnings.catch_warnings():  # starlette 1.x would rather have httpx2; httpx still works
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from checker.web import create_app

    return TestClient(create_app(tmp_root=str(uploads), processes=0))


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def post_file(base: str, name: str, data: bytes) -> tuple[int, str, str]:
    """(status, final URL, page) of an upload to a live server, following the redirect to the report."""
    body, kind = multipart(name, data)
    request = Request(f"{base}/check", data=body, headers={"Content-Type": kind}, method="POST")
    try:
        with urlopen(request, timeout=120) as response:
            return response.status, response.url, response.read().decode("utf-8")
    except Exception as exc:  # urllib raises HTTPError for 4xx
        if hasattr(exc, "code"):
            return exc.code, "", exc.read().decode("utf-8")
        raise


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """A uvicorn server with the app on 127.0.0.1:<free port>, its uploads under a temporary folder."""
    import uvicorn

    from checker.web import LOOPBACK_NAMES, create_app

    folder = tmp_path_factory.mktemp("live-uploads")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(tmp_root=str(folder), allow_hosts=LOOPBACK_NAMES)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urlopen(base + "/", timeout=2):
                break
        except OSError:
            time.sleep(0.1)
    else:
        pytest.fail("the uvicorn server did not start")
    yield base, folder
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def pack_zip_bytes(tmp_path_factory) -> bytes:
    """A real tender pack (tests/pack/conftest.py): an ITT PDF, a specification DOCX, an .xlsx pricing schedule."""
    from tests.pack.conftest import build_pack_files, zip_pack

    folder = tmp_path_factory.mktemp("web-pack")
    return zip_pack(build_pack_files(folder), folder / "befriending-pack.zip").read_bytes()
