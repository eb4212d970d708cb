"""The HTML report in a real headless browser (Debian's chromium): the rendered DOM has the five steps, the
screenshot shows the scorecard's four status colours side by side in the first screenful, and a finding's
problem headline is on screen, read back from the screenshot by OCR (Tesseract), where the pass statement is not.

Skips with the reason where chromium (or, for the headline, Playwright or Tesseract) is missing, except under CI
(CI set), where that is a failure: .ci/run installs chromium and Tesseract, the test extra Playwright.
"""

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from checker.report import html

WIDTH, HEIGHT = 1280, 900
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    reason = "no chromium on PATH (Debian: apt-get install chromium); the HTML report is not browser-tested"
    if os.environ.get("CI"):
        pytest.fail(reason + " — CI must have it (.ci/run installs it)")
    pytest.skip(reason)


def run_chromium(chromium, tmp_path, *args) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          timeout=180, check=False)


@pytest.fixture
def page(sample_report, tmp_path) -> Path:
    path = tmp_path / "report.html"
    path.write_text(html.render(sample_report), encoding="utf-8")
    return path


def test_rendered_dom_has_the_five_steps(chromium, page, tmp_path):
    done = run_chromium(chromium, tmp_path, "--dump-dom", page.as_uri())
    dom = done.stdout.decode("utf-8", "replace")
    assert done.returncode == 0 and "<body" in dom, done.stderr.decode(errors="replace")[-2000:]
    for n, status in enumerate(("pass", "barrier", "review", "barrier", "n/a"), 1):
        assert f'data-step="{n}" data-status="{status}"' in dom
    assert "<script" not in dom.split("<body", 1)[1], "hostile document text was not turned into a script"


def test_screenshot_shows_scorecard_colours(chromium, page, tmp_path):
    shot = tmp_path / "shot.png"
    done = run_chromium(chromium, tmp_path, f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}",
                        "--hide-scrollbars", page.as_uri())
    assert shot.exists(), done.stderr.decode(errors="replace")[-2000:]
    width, height, pixels = decode_png(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    assert len(set(pixels[::97])) > 20, "the screenshot is blank"

    bands = {}
    for status in ("pass", "barrier", "review", "n/a"):
        rgb = tuple(int(html.STATUS_COLOURS[status][i:i + 2], 16) for i in (1, 3, 5))
        rows: dict[int, list[int]] = {}
        for i, p in enumerate(pixels):
            if p == rgb:
                rows.setdefault(i // width, []).append(i % width)
        assert rows, f"{status} colour {rgb} is not on screen"
        y, xs = max(rows.items(), key=lambda row: len(row[1]))  # the row where the colour fills a band
        assert len(xs) > 120, f"{status} colour {rgb} does not fill a scorecard band"
        bands[status] = (min(xs), y)
    # The four statuses of the first document sit in one row near the top, left to right in step order.
    ys = [y for _, y in bands.values()]
    assert max(ys) - min(ys) < 40 and max(ys) < HEIGHT // 2
    assert bands["pass"][0] < bands["barrier"][0] < bands["review"][0] < bands["n/a"][0]


def test_a_problem_headline_is_on_screen(chromium, page, tmp_path):
    """A councillor scrolling to the social value finding sees what is wrong, not the rule's pass statement."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -e '.[test]')")
    if not shutil.which("tesseract"):
        _unavailable("no tesseract on PATH (Debian: apt-get install tesseract-ocr tesseract-ocr-eng)")
    headline = "Social value carries less than 10% of the total score"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            view = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            view.goto(page.as_uri())
            heading = view.get_by_role("heading", name=headline, exact=True)
            # scrolled to, as a reader would: scroll_into_view_if_needed leaves a heading cut by the window's
            # bottom edge where it is (found when the kind line moved it 0.3 px below the edge)
            heading.evaluate("element => element.scrollIntoView({block: 'center'})")
            assert heading.is_visible()
            box = heading.bounding_box()
            assert box and 0 <= box["y"] and box["y"] + box["height"] <= HEIGHT, "the headline is in the viewport"
            article = view.locator("article.finding", has=heading)
            assert article.locator(".tag").inner_text().strip().lower() == "error"
            shot = tmp_path / "finding.png"
            article.screenshot(path=str(shot))
            visible = view.locator("body").inner_text()
        finally:
            browser.close()
    assert "Social value is at least 10%" not in visible, "the pass statement is not shown for a failure"
    done = subprocess.run(["tesseract", str(shot), "-", "-l", "eng"], capture_output=True, text=True, timeout=120,
                          check=False)
    seen = " ".join(done.stdout.split())
    assert done.returncode == 0, done.stderr[-2000:]
    assert "less than 10%" in seen and "total score" in seen, seen


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(reason + " — CI must have it")
    pytest.skip(reason)


def decode_png(data: bytes):
    """(width, height, [(r, g, b), ...]) for an 8-bit RGB/RGBA non-interlaced PNG (what chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"unexpected PNG format {header}"
    bpp = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * bpp
    pixels, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        unfilter(kind, line, prev, bpp)
        pixels.extend(zip(line[0::bpp], line[1::bpp], line[2::bpp]))
        prev = line
    return width, height, pixels


def unfilter(kind: int, line: bytearray, prev: bytearray, bpp: int) -> None:
    if kind == 0:
        return
    if kind == 2:
        line[:] = bytes((a + b) & 0xFF for a, b in zip(line, prev))
        return
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            pred = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
            line[i] = (line[i] + pred) & 0xFF
        else:
            raise ValueError(f"bad PNG filter {kind}")
