"""ZIP packs are read safely: a member that escapes the pack, a symbolic link, a zip bomb, a ZIP nested too
deep, a password-protected or broken member is one error line naming pack.zip!member, exit 2, and the rest of
the pack is still checked as one tender; nothing is written outside the temporary folder."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

from checker.extract import archive

ROOT = Path(__file__).resolve().parents[2]


def _nested(depth: int, payload: bytes) -> bytes:
    data = payload
    for level in range(depth):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(f"level{level}.zip" if level else "deep.pdf", data)
        data = buf.getvalue()
    return data


def hostile_pack(path: Path, good: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(good, "itt.pdf")
        z.writestr("../../escape.txt", "outside")
        z.writestr("/etc/absolute.txt", "outside")
        link = zipfile.ZipInfo("link.pdf")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(link, "/etc/passwd")
        z.writestr("bomb.txt", b"0" * (20 * 1024 * 1024))  # 20 MB of one byte: about 1000 to 1
        z.writestr("broken.docx", b"PK\x03\x04 not really a docx")
        z.writestr("deep.zip", _nested(3, b"%PDF-1.4 tiny"))
        z.writestr("__MACOSX/._itt.pdf", "resource fork")  # skipped silently, as Finder's litter
    return path


def test_each_bad_member_is_one_line_and_the_rest_is_checked(pack_files, tmp_path):
    pack = hostile_pack(tmp_path / "hostile.zip", pack_files["itt.pdf"])
    (tmp_path / ".git").mkdir()
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(pack), "-q"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300, check=False,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("tendercheck: error:")]
    named = {line.split(": ")[2] for line in errors}
    assert named == {f"{pack}!{m}" for m in ("../../escape.txt", "/etc/absolute.txt", "link.pdf", "bomb.txt",
                                             "broken.docx", "deep.zip!level2.zip")}, errors
    assert any("leaves the pack" in line for line in errors)
    assert any("symbolic link" in line for line in errors)
    assert any("zip bomb" in line for line in errors)
    assert any("nested more than" in line for line in errors)
    assert "1 document checked" in result.stdout  # the ITT, still checked as the pack
    assert not (tmp_path.parent / "escape.txt").exists() and not (tmp_path / "escape.txt").exists()


def test_member_and_total_limits_are_on_the_bytes_read(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", 1000)
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("small.txt", "a tender\n")
        z.writestr("large.txt", "x" * 5000)
    (tmp_path / "out").mkdir()
    members, problems = archive.unpack(path, "big.zip", tmp_path / "out")
    assert [m.name for m in members] == ["big.zip!small.txt"]
    assert [p.path for p in problems] == ["big.zip!large.txt"] and "over" in problems[0].cause
    assert all(p.parent == tmp_path / "out" for p in (m.path for m in members))


def test_too_many_members(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_MEMBERS", 3)
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as z:
        for i in range(5):
            z.writestr(f"n{i}.txt", "text")
    (tmp_path / "out").mkdir()
    members, problems = archive.unpack(path, "many.zip", tmp_path / "out")
    assert len(members) == 3 and len(problems) == 2
    assert "more than 3 files" in problems[0].cause
