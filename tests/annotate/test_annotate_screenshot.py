"""The commented Word copy as LibreOffice renders it: `tendercheck annotate` on a fixture draft, the copy
converted to PDF by LibreOffice headless (each Word comment becomes a PDF comment, /Text annotation), page 1
rendered by pdftoppm, and the page shown beside its comments in Debian's chromium (Playwright) for the README
screenshot (TENDERCHECK_SCREENSHOTS=DIR keeps it: docs/img/annotate-reviewed.png).

Asserts that LibreOffice reads every comment of the copy, with its severity first, and places each on its page.
Skips with the reason where LibreOffice, pdftoppm, Playwright or chromium is missing, except under CI (CI set),
where that is a failure: .ci/run installs them.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from html import escape
from pathlib import Path

import docx
import pytest

from cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "tenders" / "calderbrook-grounds-pure-price.docx"
DPI = 80
SHOWN = 6  # comments drawn beside page 1
EXPORT_COMMENTS = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'  # comments kept


def _need(tool: str, what: str) -> str:
    found = shutil.which(tool)
    if found is None:
        reason = f"{tool} is not installed ({what}); the annotate screenshot is not made"
        if os.environ.get("CI"):
            pytest.fail(reason + " - CI must have it (.ci/run installs it)")
        pytest.skip(reason)
    return found


def _pdf_comments(pdf_path: Path) -> list[tuple[int, float, float, str]]:
    """(page number, points from the page top, points from the left, text) of every comment LibreOffice
    exported."""
    import pdfplumber
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    out = []
    with pdfplumber.open(str(pdf_path)) as pdf:
        for page in pdf.pages:
            for raw in resolve1(page.page_obj.annots) or []:
                annot = resolve1(raw)
                subtype = resolve1(annot.get("Subtype"))
                if getattr(subtype, "name", subtype) != "Text":
                    continue  # the popup windows that belong to each comment
                text = resolve1(annot.get("Contents")) or b""
                text = decode_text(text) if isinstance(text, bytes) else str(text)
                rect = [float(resolve1(v)) for v in resolve1(annot["Rect"])]
                out.append((page.page_number, float(page.height) - rect[3], rect[0], text))
    return out


def _pick(comments: list[tuple[float, float, str]], count: int) -> list[tuple[float, float, str]]:
    """Up to count comments, one from each anchor first (the title holds every whole-document finding), in
    page order."""
    seen, first, rest = set(), [], []
    for comment in sorted(comments):
        (rest if comment[:2] in seen else first).append(comment)
        seen.add(comment[:2])
    return sorted((first + rest)[:count])


def _composite(png: Path, comments: list[tuple[float, float, str]]) -> str:
    """An HTML page: the rendered page, numbered marks where its comments are anchored, the comments beside."""
    scale = DPI / 72
    image = base64.b64encode(png.read_bytes()).decode("ascii")
    anchors: dict[tuple[float, float], list[int]] = {}
    cards, bottom = [], 0.0
    for n, (top, left, text) in enumerate(comments, start=1):
        y = top * scale
        anchors.setdefault((top, left), []).append(n)
        head, *rest = text.splitlines()
        problem = next((line.removeprefix("Problem: ") for line in rest if line.startswith("Problem:")), "")
        fix = next((line.removeprefix("Fix: ") for line in rest if line.startswith("Fix:")), "")
        card_top = max(y - 10, bottom + 8)
        bottom = card_top + 118
        cards.append(f'<div class="card" style="top:{card_top:.0f}px"><b>{n}. {escape(head)}</b>'
                     f"<p>{escape(problem[:150])}</p><p class=fix>Fix: {escape(fix[:110])}…</p></div>")
    marks = [f'<span class="mark" style="top:{top * scale - 4:.0f}px;left:{left * scale + 16:.0f}px">'
             f'{ns[0] if len(ns) == 1 else f"{ns[0]}–{ns[-1]}"}</span>' for (top, left), ns in anchors.items()]
    return ("<!DOCTYPE html><html><head><meta charset=utf-8><style>"
            "body{margin:0;background:#e8eaed;font:12px/1.35 'DejaVu Sans',sans-serif}"
            ".wrap{position:relative;width:1180px;padding:12px}"
            ".page{position:relative;display:inline-block;box-shadow:0 1px 4px #0004}"
            ".page img{display:block}"
            ".mark{position:absolute;min-width:20px;padding:0 5px;height:20px;border-radius:10px;background:#f3c623;"
            "text-align:center;font-weight:bold;line-height:20px}"
            ".side{position:absolute;left:700px;top:12px;width:480px}"
            ".card{position:absolute;width:470px;background:#fff8d6;border-left:4px solid #f3c623;"
            "padding:6px 8px;box-shadow:0 1px 2px #0003;max-height:104px;overflow:hidden}"
            ".card p{margin:3px 0}.fix{color:#1e5b2a}"
            "</style></head><body><div class=wrap>"
            f'<div class="page"><img src="data:image/png;base64,{image}">{"".join(marks)}</div>'
            f'<div class="side">{"".join(cards)}</div></div></body></html>')


def test_libreoffice_renders_every_comment_of_the_reviewed_copy(cli_runner, tmp_path):
    soffice = _need("soffice", "apt-get install libreoffice-writer-nogui")
    pdftoppm = _need("pdftoppm", "apt-get install poppler-utils")
    draft = tmp_path / "draft.docx"
    shutil.copy(FIXTURE, draft)
    done = cli_runner.invoke(main, ["annotate", str(draft)])
    assert done.exit_code == 0, done.output
    reviewed = tmp_path / "draft.reviewed.docx"
    written = [c.text for c in docx.Document(str(reviewed)).comments]

    out = tmp_path / "pdf"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--norestore", "--convert-to", EXPORT_COMMENTS, "--outdir", str(out), str(reviewed)],
                   capture_output=True, timeout=180, check=True, env={**os.environ, "HOME": str(tmp_path)})
    pdf = out / "draft.reviewed.pdf"
    rendered = _pdf_comments(pdf)
    assert len(rendered) == len(written) > 5, "LibreOffice reads each comment of the copy once"
    assert sorted(" ".join(t.split())[:60] for *_, t in rendered) == \
        sorted(" ".join(t.split())[:60] for t in written)
    assert all(t.split(" ", 1)[0] in ("ERROR", "WARNING", "INFO", "REVIEW", "WAIVED") for *_, t in rendered)

    subprocess.run([pdftoppm, "-png", "-r", str(DPI), "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   capture_output=True, timeout=60, check=True)
    png = next(tmp_path.glob("page*.png"))
    first_page = _pick([(top, left, text) for page, top, left, text in rendered if page == 1], SHOWN)
    assert first_page, "page 1 holds the title, where whole-document findings are anchored"
    composite = tmp_path / "annotate.html"
    composite.write_text(_composite(png, first_page), encoding="utf-8")

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("Playwright is not installed - CI must have it (the test extra)")
        pytest.skip("Playwright is not installed (pip install -e '.[test]'); the screenshot is not made")
    chromium = _need("chromium", "apt-get install chromium")
    shot = tmp_path / "annotate-reviewed.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 960})
        page.goto(composite.as_uri())
        assert page.locator(".card").count() == len(first_page)
        page.screenshot(path=str(shot), full_page=False)
        browser.close()
    assert shot.stat().st_size > 10_000
    keep = os.environ.get("TENDERCHECK_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)
