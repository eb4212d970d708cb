"""Bad input: each broken file gives one stderr line `tendercheck: error: <path>: <cause>`, exit code 2, no
traceback, while every other file in the same run is still checked; input files are never written."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# file name -> the cause its error line must carry
BAD = {
    "missing.pdf": "no such file or directory",
    "emptydir": "directory holds no supported documents",
    "empty.pdf": "empty file (0 bytes)",
    "truncated.pdf": "corrupt or truncated PDF",
    "random.pdf": "not a PDF file",
    "random.docx": "not a DOCX file",
    "broken-zip.docx": "corrupt ZIP container",
    "locked.pdf": "encrypted PDF: a password is required",
    "text.pdf": "named .pdf but contains plain text",
}
GOOD = ("good.pdf", "really-a-docx.pdf", "scan.pdf")


def _text_pdf(path: Path, text: str, password: str | None = None) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    for _ in range(2):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    import docx
    from fpdf import FPDF
    from PIL import Image

    folder = tmp_path_factory.mktemp("bad-input")
    sentence = "The council will divide the contract into lots so that local charities can bid. " * 8
    _text_pdf(folder / "good.pdf", sentence)
    _text_pdf(folder / "locked.pdf", sentence, password="s3cret")
    whole = (folder / "good.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "random.pdf").write_bytes(os.urandom(4096).replace(b"%PDF", b"%pdf"))
    (folder / "random.docx").write_bytes(os.urandom(4096).replace(b"PK", b"pk"))
    (folder / "broken-zip.docx").write_bytes(b"PK\x03\x04" + os.urandom(2048))
    (folder / "text.pdf").write_text("This is a plain text file with a .pdf name.\n", encoding="utf-8")
    (folder / "emptydir").mkdir()
    (folder / "emptydir" / "notes.xyz").write_text("not a document", encoding="utf-8")
    word = docx.Document()
    word.add_paragraph("A Word document saved with the wrong suffix.")
    word.save(str(folder / "really-a-docx.pdf"))
    image = folder / "page.png"
    Image.new("RGB", (100, 140), (230, 230, 220)).save(image)
    scan = FPDF()
    for _ in range(2):
        scan.add_page()
        scan.image(str(image), x=10, y=10, w=120)
    scan.output(str(folder / "scan.pdf"))
    image.unlink()
    return folder


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def run(inputs):
    """One `tendercheck check` over every good and bad input, as a user would run it."""
    before = _hashes(inputs)
    paths = [str(inputs / name) for name in (*GOOD, *BAD)]
    result = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", *paths],
                            capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    return result, before


def test_exit_code_is_2_and_nothing_crashes(run):
    result, _ = run
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_input_gives_one_error_line_with_its_cause(run, inputs, name):
    result, _ = run
    path = str(inputs / name)
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"tendercheck: error: {path}: ")]
    assert len(lines) == 1, result.stderr
    assert BAD[name] in lines[0]


def test_every_stderr_line_is_an_error_or_warning_line(run):
    result, _ = run
    for line in result.stderr.splitlines():
        assert line.startswith(("tendercheck: error: ", "tendercheck: warning: ")), line


def test_the_other_files_are_still_checked(run, inputs):
    result, _ = run
    report = json.loads(result.stdout)
    checked = {Path(d["path"]).name: d for d in report["documents"]}
    assert set(checked) == set(GOOD)
    assert checked["really-a-docx.pdf"]["format"] == "docx"
    assert checked["good.pdf"]["pages"] == 2
    assert {Path(e["path"]).name for e in report["errors"]} == set(BAD)


def test_image_only_pdf_is_a_warning_not_an_error(run, inputs):
    result, _ = run
    path = str(inputs / "scan.pdf")
    assert f"tendercheck: error: {path}" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith(f"tendercheck: warning: {path}: ")]
    assert len(warnings) == 1 and "no text layer" in warnings[0] and "pages 1, 2" in warnings[0]
    scan = next(d for d in json.loads(result.stdout)["documents"] if d["path"] == path)
    assert [w["code"] for w in scan["warnings"]] == ["no-text-layer", "no-text-layer"]


def test_input_files_are_never_written(run, inputs):
    _, before = run
    assert _hashes(inputs) == before


@pytest.mark.parametrize("name", ["locked.pdf", "truncated.pdf", "text.pdf"])
def test_extract_command_reports_the_same_one_line_error(inputs, name):
    path = inputs / name
    result = subprocess.run([sys.executable, "-m", "checker", "extract", str(path)], capture_output=True, text=True,
                            cwd=ROOT, timeout=120, check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"tendercheck: error: {path}: ") and BAD[name] in lines[0]


def test_folder_walk_reads_tenders_not_notes(tmp_path, cli_runner):
    """README or notes beside the tenders are not tenders; text files are read when named."""
    import cli

    (tmp_path / "README.md").write_text("# Notes on these tenders\n\nDownloaded in March.\n")
    assert cli_runner.invoke(cli.main, ["check", str(tmp_path)]).exit_code == 2
    named = cli_runner.invoke(cli.main, ["check", "--format", "json", "--fail-on", "never",
                                         str(tmp_path / "README.md")])
    assert named.exit_code == 0 and '"format": "md"' in named.output
