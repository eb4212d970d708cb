"""`tendercheck serve`: a small local web page for commissioners who do not use a terminal.

Upload a PDF, DOCX or ZIP tender pack (POST /check, then a redirect to /report/TOKEN); the page shows the same HTML report as `check --format html`, with links to the Word
copy with comments (DOCX only) and the JSON and SARIF reports. Each upload is saved in its own temporary
folder, checked, and the folder is deleted before the response is sent; the downloads are kept in this
process's memory only, under an unguessable token, until they expire (TTL_SECONDS) or the user forgets them.
Nothing is fetched from or sent to any other machine. Limits: one file a request, max_upload_bytes, the
suffixes in ACCEPTED whose bytes really are that format.

Starlette and uvicorn are the optional extra `tendercheck[web]`; nothing else imports this module.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import secrets
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from checker.errors import InputError, TendercheckError

ACCEPTED = {".pdf": "pdf", ".docx": "docx", ".zip": "zip"}  # a ZIP is a tender pack, checked as one tender
REFUSED = {
    ".doc": "Word 97-2003 (.doc) files are not taken here: open it in Word and save it as .docx, then upload that.",
}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
TTL_SECONDS = 15 * 60
MAX_KEPT = 32  # checks whose downloads are kept at once; the oldest goes first
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
CHECK_LOCK = threading.Lock()  # in-process checks (processes=0) one at a time: the language pipeline is shared
CHECK_TIMEOUT_S = 300.0  # a whole upload's check; past it the worker is killed and replaced
DOWNLOADS = {
    "reviewed.docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".reviewed.docx"),
    "report.json": ("application/json", ".tendercheck.json"),
    "report.sarif": ("application/sarif+json", ".tendercheck.sarif"),
    "report.html": ("text/html; charset=utf-8", ".tendercheck.html"),
}


class Refused(Exception):
    """An upload turned away: the HTTP status and a sentence for the page."""

    def __init__(self, status: int, message: str):
        super().__init__(status, message)  # both in args: it crosses back from a worker process pickled
        self.status, self.message = status, message


class _TooLarge(Exception):
    pass


@dataclass
class _Kept:
    created: float
    stem: str
    files: dict[str, bytes] = field(default_factory=dict)


class _Store:
    """Downloads by token, in memory only; expired after ttl seconds, at most MAX_KEPT at once."""

    def __init__(self, ttl: float):
        self.ttl = ttl
        self._items: dict[str, _Kept] = {}
        self._lock = threading.Lock()

    def put(self, kept: _Kept) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._expire()
            while len(self._items) >= MAX_KEPT:
                self._items.pop(next(iter(self._items)))
            self._items[token] = kept
        return token

    def get(self, token: str) -> _Kept | None:
        with self._lock:
            self._expire()
            return self._items.get(token)

    def forget(self, token: str) -> None:
        with self._lock:
            self._items.pop(token, None)

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._items)

    def _expire(self) -> None:
        now = time.monotonic()
        for token in [t for t, kept in self._items.items() if now - kept.created > self.ttl]:
            del self._items[token]


class _Checker:
    """Runs _check in worker processes, at most `processes` at once. They are spawned, so each is one thread
    and the checker's own per-document worker can fork it safely; a worker that dies, or overruns timeout
    seconds, is killed and the pool replaced (checks running in it at that moment are lost and say so).
    processes=0: in this process, one check at a time (tests; platforms without processes)."""

    def __init__(self, processes: int, timeout: float):
        self.processes, self.timeout = processes, timeout
        self._pool = None
        self._lock = threading.Lock()

    def run(self, *args) -> dict[str, bytes]:
        if not self.processes:
            with CHECK_LOCK:
                return _check(*args)
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        pool = self._current()
        try:
            return pool.submit(_check, *args).result(timeout=self.timeout)
        except FutureTimeout:
            self._replace(pool)
            raise Refused(422, f"Checking this file took longer than {self.timeout:g} s and was stopped.") from None
        except BrokenProcessPool:
            self._replace(pool)
            raise Refused(500, "The checker stopped while this file was being checked (another file may have "
                               "stopped it, or this one is damaged): try again.") from None

    def _current(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"))
            return self._pool

    def _replace(self, pool) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(Exception):
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def safe_name(raw: str | None) -> str:
    """The upload's file name without folders, control characters or anything a shell or header minds."""
    name = re.split(r"[\\/]", raw or "")[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch if ch.isalnum() or ch in " ._-()" else "_" for ch in name).strip(" .")
    name = re.sub(r"\s+", " ", name)
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = stem[:100].strip(" .") or "document"
    return f"{stem}.{suffix.lower()[:10]}" if suffix else stem


def create_app(config_path: str | None = None, max_upload_bytes: int = MAX_UPLOAD_BYTES,
               tmp_root: str | None = None, allow_hosts=None, ttl: float = TTL_SECONDS, processes: int = 2,
               timeout: float = CHECK_TIMEOUT_S) -> Starlette:
    """The ASGI app. config_path: the .tendercheck.yaml every upload is checked with (None: the one found
    from the current folder, else the defaults; never one near the temporary folder). allow_hosts: Host
    header names accepted (None: any). processes: worker processes for checks (0: in this process)."""
    from checker.config import discover

    config = str(config_path) if config_path else None
    if config is None:
        found = discover(Path.cwd())
        config = str(found) if found else None
    store = _Store(ttl)
    limit = max_upload_bytes
    checker = _Checker(processes, timeout)

    async def home(request: Request) -> Response:
        note = _note("The check was forgotten: its report and downloads are gone.") \
            if request.query_params.get("forgotten") else ""
        return _page(note + _form(limit))

    async def check_upload(request: Request) -> Response:
        try:
            name, outputs = await _handle(request, limit, tmp_root, config, checker)
        except Refused as refused:
            return _page(_message(refused.message) + _form(limit), refused.status)
        token = store.put(_Kept(time.monotonic(), Path(name).stem, outputs))
        return RedirectResponse(f"/report/{token}", status_code=303)  # a reload never uploads again

    async def show_report(request: Request) -> Response:
        token = request.path_params["token"]
        kept = store.get(token)
        if kept is None:
            return _page(_message("This report has expired or was forgotten: check the document again.")
                         + _form(limit), 404)
        return HTMLResponse(_with_toolbar(kept.files["report.html"].decode("utf-8"), token, kept, ttl),
                            headers=_NO_STORE)

    async def download(request: Request) -> Response:
        token, what = request.path_params["token"], request.path_params["what"]
        kept = store.get(token)
        if what not in DOWNLOADS:
            return _page(_message("No such download.") + _again(), 404)
        if kept is None or what not in kept.files:
            return _page(_message("This download has expired or was forgotten: check the document again.")
                         + _again(), 404)
        media, suffix = DOWNLOADS[what]
        filename = kept.stem + suffix
        ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
        disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
        return Response(kept.files[what], media_type=media,
                        headers={"Content-Disposition": disposition, **_NO_STORE})

    async def forget(request: Request) -> Response:
        store.forget(request.path_params["token"])
        return RedirectResponse("/?forgotten=1", status_code=303)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        await run_in_threadpool(checker.close)

    app = Starlette(lifespan=lifespan, routes=[
        Route("/", home, methods=["GET"]),
        Route("/check", check_upload, methods=["POST"]),
        Route("/report/{token}", show_report, methods=["GET"]),
        Route("/download/{token}/{what}", download, methods=["GET"]),
        Route("/forget/{token}", forget, methods=["POST"]),
    ])
    app.state.store = store
    app.state.config = config
    app.state.checker = checker
    return _Guard(app, allow_hosts)


async def _handle(request: Request, limit: int, tmp_root, config, checker) -> tuple[str, dict[str, bytes]]:
    """Save the upload in a fresh temporary folder, check it, build every output, delete the folder."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise Refused(413, f"The file is larger than the {_mb(limit)} limit.")
    received = 0

    async def counted():
        nonlocal received
        message = await request.receive()
        received += len(message.get("body", b""))
        if received > limit + 64 * 1024:
            raise _TooLarge
        return message

    try:
        form = await Request(request.scope, counted).form(max_files=1, max_fields=4, max_part_size=64 * 1024)
    except _TooLarge:
        raise Refused(413, f"The file is larger than the {_mb(limit)} limit.") from None
    except MultiPartException as exc:
        raise Refused(400, f"The upload could not be read ({exc.message}). Choose one file and try again.") from None
    try:
        upload = form.get("document")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise Refused(400, "No file was chosen: choose a PDF, Word (.docx) or ZIP file.")
        name = safe_name(upload.filename)
        suffix = Path(name).suffix.lower()
        if suffix in REFUSED:
            raise Refused(415, REFUSED[suffix])
        if suffix not in ACCEPTED:
            raise Refused(415, f"“{name}” is not a PDF, Word (.docx) or ZIP file: only .pdf, .docx and .zip (a "
                               "tender pack) are checked here.")
        outputs = await run_in_threadpool(_save_and_check, upload.file, name, ACCEPTED[suffix], limit, tmp_root,
                                          config, checker)
        return name, outputs
    finally:
        await form.close()


def _save_and_check(source, name: str, expected: str, limit: int, tmp_root, config, checker) -> dict[str, bytes]:
    """Copy the upload into a new temporary folder, check it there; the folder is gone when this returns."""
    with tempfile.TemporaryDirectory(prefix="tendercheck-upload-", dir=tmp_root) as folder:
        path = Path(folder) / name
        source.seek(0)
        size = 0
        with open(path, "wb") as fh:
            while chunk := source.read(1024 * 1024):
                size += len(chunk)
                if size > limit:
                    raise Refused(413, f"The file is larger than the {_mb(limit)} limit.")
                fh.write(chunk)
        if size == 0:
            raise Refused(400, f"“{name}” is empty (0 bytes).")
        return checker.run(path, name, expected, config)


def _check(path: Path, name: str, expected: str, config: str | None) -> dict[str, bytes]:
    """Every output of one upload, as bytes; Refused for a file that is not what it says or cannot be read."""
    from checker import report as reporters
    from checker.annotate import write_reviewed
    from checker.api import CheckOptions, check
    from checker.extract import sniff

    try:
        actual = sniff(path)
    except InputError as exc:
        raise Refused(415, f"“{name}” cannot be checked: {exc.cause}.") from None
    if actual != expected:
        raise Refused(415, f"“{name}” is named .{expected} but is a {actual.upper()} file: save it with the right "
                           "name, or as PDF or .docx.")
    own_config = config is None  # the defaults, written into the upload's temporary folder
    if config is None:
        config = str(path.parent / ".tendercheck.yaml")
        Path(config).write_text("# defaults: no settings\n", encoding="utf-8")
    try:
        # no cache: an upload's text must not outlive its temporary folder on the server's disk
        report = check([str(path)], CheckOptions(config_path=config, cache=False))
    except TendercheckError as exc:  # the server's own config or rulebook: not the uploader's fault
        raise Refused(500, f"The server's tendercheck settings are broken: {exc}") from None
    if report.errors and not report.documents:
        raise Refused(422, f"“{name}” cannot be checked: {_named(report.errors[0].message, path, name)}.")
    report.errors = [replace(e, path=_named(e.path, path, name)) for e in report.errors]  # a pack's bad members
    outputs: dict[str, bytes] = {}
    if expected == "docx":
        target = path.parent / "reviewed.docx"
        try:
            write_reviewed(path, report.documents[0], target)
            outputs["reviewed.docx"] = target.read_bytes()
        except TendercheckError as exc:
            raise Refused(422, f"“{name}” was checked, but the copy with comments could not be made: "
                               f"{getattr(exc, 'cause', exc)}.") from None
    for result in report.documents:
        result.document.path = name  # the reports name the upload, never the temporary folder
        if own_config:
            result.config = None
        for member in (result.document.metadata.get("pack") or {}).get("members", ()):
            member["path"] = _named(member["path"], path, name)
    for fmt, key in (("html", "report.html"), ("json", "report.json"), ("sarif", "report.sarif")):
        outputs[key] = reporters.get(fmt).render(report).encode("utf-8")
    return outputs


def _named(text: str, path: Path, name: str) -> str:
    """text with the temporary path of the upload replaced by the name it was uploaded as."""
    return str(text).replace(str(path), name)


# -- pages ----------------------------------------------------------------------------------------------------

_NO_STORE = {"Cache-Control": "no-store"}
_STYLE = """
* { box-sizing:border-box; }
body { margin:0; background:#f3f5f7; color:#1b1f24;
  font:16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width:760px; margin:40px auto; padding:0 24px; }
h1 { font-size:26px; margin:0 0 6px; } .lead { color:#5b636e; margin:0 0 24px; }
form.upload { background:#fff; border:1px solid #d8dde3; border-radius:10px; padding:24px; }
label.drop { display:block; text-align:center; font-weight:650; margin-bottom:16px; }
label.drop input { display:block; width:100%; margin-top:10px; padding:36px 24px; font-size:15px;
  border:2px dashed #8a8f98; border-radius:10px; background:#f8f9fb; cursor:pointer; }
label.drop input:hover, label.drop input:focus { border-color:#1e7b34; background:#eef7f0; }
button { font:inherit; font-weight:700; background:#1e7b34; color:#fff; border:0; border-radius:6px;
  padding:10px 22px; cursor:pointer; }
.limits, .privacy { color:#5b636e; font-size:14px; }
.message { border-left:5px solid #c0262d; background:#fdeced; padding:12px 16px; border-radius:4px;
  margin:0 0 20px; font-weight:600; }
.note { border-left:5px solid #1e7b34; background:#e9f5ec; padding:12px 16px; border-radius:4px; margin:0 0 20px; }
"""
TOOLBAR_STYLE = """
.tc-web { background:#1b1f24; color:#fff; padding:12px 32px; display:flex; flex-wrap:wrap; gap:10px 18px;
  align-items:center; font-size:15px; }
.tc-web a { color:#fff; font-weight:700; } .tc-web a.primary { background:#1e7b34; padding:6px 14px;
  border-radius:6px; text-decoration:none; }
.tc-web form { margin:0; } .tc-web button { font:inherit; background:transparent; color:#fff;
  border:1px solid #8a8f98; border-radius:6px; padding:4px 10px; cursor:pointer; }
.tc-web .kept { color:#c9ced6; font-size:13px; flex-basis:100%; }
@media print { .tc-web { display:none; } }
"""


def _mb(limit: int) -> str:
    if limit < 1024 * 1024:
        return f"{limit // 1024} KB"
    return f"{round(limit / (1024 * 1024), 1):g} MB"


def _page(content: str, status: int = 200) -> HTMLResponse:
    html = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>tendercheck</title><style>{_STYLE}</style></head><body><main>"
            "<h1>Keep it Local check</h1>"
            '<p class="lead">Check a draft tender against Locality\'s Keep it Local guide before you publish '
            "it.</p>" + content + "</main></body></html>\n")
    return HTMLResponse(html, status_code=status, headers=_NO_STORE)


def _form(limit: int) -> str:
    return ('<form class="upload" method="post" action="/check" enctype="multipart/form-data">'
            '<label class="drop" for="document">Drop your tender here, or choose it'
            '<input id="document" name="document" type="file" accept=".pdf,.docx,.zip" required></label>'
            '<button type="submit">Check the document</button>'
            f'<p class="limits">One PDF or Word (.docx) file, or a ZIP of a tender pack (checked as one tender), '
            f"up to {_mb(limit)}. A Word file comes back as a copy with a comment on each finding.</p>"
            '<p class="privacy">The document stays on this computer: it is checked here and deleted as soon as '
            "the report is sent. Nothing is sent anywhere else.</p></form>")


def _message(text: str) -> str:
    return f'<p class="message" role="alert">{escape(text)}</p>'


def _note(text: str) -> str:
    return f'<p class="note" role="status">{escape(text)}</p>'


def _again() -> str:
    return '<p><a href="/">Check a document</a></p>'


def _with_toolbar(report_html: str, token: str, kept: _Kept, ttl: float) -> str:
    """The HTML report with a bar on top: downloads, another check, forget now."""
    base = f"/download/{token}/"
    links = []
    if "reviewed.docx" in kept.files:
        links.append(f'<a class="primary" href="{base}reviewed.docx" download>Download the Word copy with '
                     "comments</a>")
    links += [f'<a href="{base}report.html" download>HTML report</a>',
              f'<a href="{base}report.json" download>JSON</a>',
              f'<a href="{base}report.sarif" download>SARIF</a>',
              '<a href="/">Check another document</a>',
              (f'<form method="post" action="/forget/{token}"><button type="submit">Forget this check now'
               "</button></form>"),
              (f'<span class="kept">The downloads are kept in this server\'s memory for {int(ttl // 60)} minutes, '
               "then forgotten; the uploaded file is already deleted.</span>")]
    bar = '<nav class="tc-web" aria-label="Downloads">' + "".join(links) + "</nav>"
    page = report_html.replace("</style></head>", TOOLBAR_STYLE + "</style></head>", 1)
    return page.replace("<body>", "<body>" + bar, 1)


# -- host check and headers -----------------------------------------------------------------------------------

class _Guard:
    """ASGI wrapper: refuses Host headers outside allow_hosts (DNS rebinding against a loopback server) and
    adds the security headers to every response."""

    def __init__(self, app: Starlette, allow_hosts):
        self.app = app
        self.state = app.state
        self.allowed = {h.lower().strip("[]") for h in allow_hosts} if allow_hosts else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if self.allowed is not None:
            host = _host(dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1"))
            if host not in self.allowed:
                response = Response("unknown host: this tendercheck server answers to "
                                    + ", ".join(sorted(self.allowed)) + " (see --allow-host)\n", status_code=400,
                                    media_type="text/plain")
                return await response(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                for key, value in ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                                   (b"x-frame-options", b"DENY"), (b"content-security-policy", CSP.encode())):
                    if key not in names:
                        headers.append((key, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _host(header: str) -> str:
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(host: str, port: int, config_path: str | None = None, max_upload_bytes: int = MAX_UPLOAD_BYTES,
          allow_hosts=(), echo=print) -> None:
    """Run the app on uvicorn until interrupted, saying first who can reach it."""
    import uvicorn

    loopback = is_loopback(host)
    allowed = tuple(allow_hosts) or (LOOPBACK_NAMES if loopback else None)
    app = create_app(config_path, max_upload_bytes, allow_hosts=allowed)
    shown = f"[{host}]" if ":" in host else host
    echo(f"tendercheck serve: http://{shown}:{port}/")
    if loopback:
        echo("Listening on loopback only: this computer can use it, no other can. Press Ctrl+C to stop.")
    else:
        echo(f"Listening on {host}: other computers CAN reach this page, and it has no login of its own. Put it "
             "behind a reverse proxy that authenticates users (docs/web.md). Press Ctrl+C to stop.")
    echo(f"Settings: {app.state.config or 'defaults (no .tendercheck.yaml found here)'}; uploads up to "
         f"{_mb(max_upload_bytes)}, deleted when the report is sent.")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False,
                proxy_headers=False)


__all__ = ["create_app", "is_loopback", "safe_name", "serve"]
