"""The served page in a real browser: Playwright driving Debian's chromium (executable_path; no browser
download). Upload a tender, wait for the scorecard, see a finding and its fix, download the Word copy with
comments and open it; bad uploads get a message on the page and the server keeps serving.

Skips with the reason where Playwright or chromium is missing, except under CI (CI set), where that is a
failure: .ci/run installs chromium and the test extra installs Playwright. With TENDERCHECK_SCREENSHOTS=DIR
the screenshots are kept in DIR.
"""

import os
import shutil
from pathlib import Path

import docx
import pytest

from checker.api import check
from tests.web.conftest import DOCX, PDF


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(reason + " — CI must have it (.ci/run installs chromium; the test extra, Playwright)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -e '.[test]'); the web page is not browser-tested")
    chromium = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
    if chromium is None:
        _unavailable("no chromium on PATH (Debian: apt-get install chromium); the web page is not browser-tested")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def shot(page, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=False)
    keep = os.environ.get("TENDERCHECK_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / name)


def test_upload_a_docx_see_the_scorecard_and_download_the_commented_copy(live_server, page, tmp_path):
    base, folder = live_server
    expected = check([str(DOCX)]).documents[0]
    finding = next(f for f in expected.findings if f.fix and f.evidence)
    headline = getattr(finding, "headline", None) or finding.title  # what the report heads it with

    page.goto(base + "/")
    assert "deleted as soon as the report is sent" in page.inner_text("form")
    shot(page, tmp_path, "web-upload.png")
    page.set_input_files("#document", str(DOCX))
    page.click("button[type=submit]")
    page.wait_for_selector(".scorecard", timeout=120_000)
    assert page.locator(".step").count() == 5
    card = page.locator(".finding", has_text=headline).first
    card.scroll_into_view_if_needed()
    assert card.is_visible()
    assert " ".join(finding.fix.split())[:50] in " ".join(card.inner_text().split())
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, tmp_path, "web-report.png")

    with page.expect_download() as caught:
        page.click("text=Download the Word copy with comments")
    saved = tmp_path / caught.value.suggested_filename
    caught.value.save_as(str(saved))
    assert saved.name == DOCX.stem + ".reviewed.docx"
    comments = list(docx.Document(str(saved)).comments)
    assert len(comments) == len(expected.findings)
    assert any(c.text.startswith(f"{finding.severity.upper()} ") and headline in c.text for c in comments)
    assert list(folder.iterdir()) == []


def test_bad_uploads_get_a_message_and_the_server_keeps_serving(live_server, page):
    base, folder = live_server
    for name, data, words in [("random.pdf", os.urandom(4096), "cannot be checked"),
                              ("huge.pdf", b"%PDF-1.4\n" + b"\0" * (21 * 1024 * 1024), "larger than the 20 MB limit"),
                              ("pack.zip", b"PK\x03\x04" + b"\0" * 64, "corrupt ZIP")]:
        page.goto(base + "/")
        page.set_input_files("#document", files=[{"name": name, "mimeType": "application/octet-stream",
                                                 "buffer": data}])
        page.click("button[type=submit]")
        page.wait_for_selector("[role=alert]", timeout=60_000)
        assert words in page.inner_text("[role=alert]"), name
        assert page.locator("#document").is_visible()  # the form is there to try again

    page.goto(base + "/")
    page.set_input_files("#document", str(PDF))
    page.click("button[type=submit]")
    page.wait_for_selector(".scorecard", timeout=120_000)
    assert "sample-tender.pdf" in page.inner_text("h2")
    assert list(folder.iterdir()) == []


def test_upload_a_zip_pack_see_one_scorecard_and_its_members(live_server, page, tmp_path, pack_zip_bytes):
    base, folder = live_server
    page.goto(base + "/")
    page.set_input_files("#document", files=[{"name": "befriending-pack.zip", "mimeType": "application/zip",
                                             "buffer": pack_zip_bytes}])
    page.click("button[type=submit]")
    page.wait_for_selector(".scorecard", timeout=120_000)
    assert page.locator(".scorecard").count() == 1 and page.locator(".step").count() == 5
    kinds = page.locator(".pack li").evaluate_all("items => items.map(i => i.dataset.kind)")
    assert sorted(kinds) == ["ITT", "pricing schedule", "specification"]
    assert page.locator(".finding", has_text="state different figures").first.is_visible() or \
        "KIL-0.3-pack-documents-agree" in page.content()
    shot(page, tmp_path, "web-pack.png")
    assert list(folder.iterdir()) == []
