"""Helpers for hostile-input tests: generators for hostile files (written to a test's tmp_path), the CLI run
as a user would run it, and the assertions every case shares."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD_TEXT = "The council will divide the contract into lots so that local charities can bid.\n"
HANG_GUARD = 120  # seconds: only so that a regression fails instead of hanging CI, never a timing assertion


def hashes(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_cli(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=HANG_GUARD, check=False)


def assert_clean(result: subprocess.CompletedProcess) -> None:
    """No traceback, no path-less internal error, every stderr line one of ours."""
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith(("tendercheck: error: ", "tendercheck: warning: ")), line
        assert not line.startswith("tendercheck: error: internal error"), line


def good_file(folder: Path) -> Path:
    path = folder / "good.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def roman_docx(path: Path, start: int = 10**9) -> Path:
    """A DOCX whose numbered headings count in lowerRoman from `start` (python-docx plus numbering XML edits)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for text in ("Weightings", "Lots"):
        paragraph = document.add_heading(text, level=1)
        num_pr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", "0"), ("w:numId", "1")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            num_pr.append(child)
        paragraph._p.get_or_add_pPr().append(num_pr)
    document.add_paragraph(GOOD_TEXT.strip())
    root = document.part.numbering_part.element
    for lvl in root.iter(qn("w:lvl")):
        for tag, value in (("w:start", str(start)), ("w:numFmt", "lowerRoman"), ("w:lvlText", "%1.")):
            child = lvl.find(qn(tag))
            if child is None:
                child = OxmlElement(tag)
                lvl.insert(0, child)
            child.set(qn("w:val"), value)
    document.save(str(path))
    return path


def docx_with_dtd(path: Path, dtd: str, part: str = "word/document.xml", body: str = "") -> Path:
    """A real DOCX (python-docx) whose `part` carries `dtd` after its XML declaration, and `body` (entity
    references, say) in its first paragraph's text."""
    import zipfile

    import docx

    plain = path.with_suffix(".plain.docx")
    document = docx.Document()
    document.add_paragraph("MARKER " + GOOD_TEXT.strip())
    document.save(str(plain))
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                text = data.decode("utf-8")
                decl_end = text.index("?>") + 2 if text.startswith("<?xml") else 0
                text = text[:decl_end] + "\n" + dtd + text[decl_end:]
                text = text.replace("MARKER", body)
                data = text.encode("utf-8")
            target.writestr(info, data)
    plain.unlink()
    return path
