"""Every limit on an input file can be changed in .tendercheck.yaml (`limits:`) or with --limit NAME=N (and
--timeout, --max-memory), and each refusal is one line naming the file, the limit and how to change it; the rest
of the batch is still reported and no input is written to."""

from __future__ import annotations

import json
import zipfile

import pytest

from checker import config
from checker.api import CheckOptions
from checker.errors import ConfigError
from checker.limits import DEFAULTS
from tests.hostile.helpers import assert_clean, good_file, hashes, run_cli


def _pdf(path, pages: int):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    for _ in range(pages):
        doc.new_page(200, 200)
    doc.save(str(path))
    return path


def _run(tmp_path, *args, bad, cwd=None):
    good = good_file(tmp_path)
    before = hashes(tmp_path)
    result = run_cli("check", "--format", "json", *args, bad, good, **({"cwd": cwd} if cwd else {}))
    assert_clean(result)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    (line,) = [x for x in lines if x.startswith(f"tendercheck: error: {bad}: ")]
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == [str(good)]
    assert hashes(tmp_path) == before
    return line


def test_pages_from_the_config(tmp_path):
    (tmp_path / ".tendercheck.yaml").write_text("limits:\n  pages: 10\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()  # the config search stops here
    line = _run(tmp_path, bad=_pdf(tmp_path / "eleven.pdf", 11))
    assert "PDF has 11 pages, more than the 10-page limit" in line
    assert line.endswith("(limits.pages in .tendercheck.yaml or --limit pages=N to change)")


def test_file_size_on_the_command_line(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The council will buy local. " * 200, encoding="utf-8")
    line = _run(tmp_path, "--limit", "file_mb=0.001", bad=big)
    assert "file is 0.0 MB, over the 0.001 MB limit (limits.file_mb" in line


def test_block_characters(tmp_path):
    long = tmp_path / "long.md"
    long.write_text("The council will buy from local firms. " * 100 + "\n", encoding="utf-8")
    line = _run(tmp_path, "--limit", "block_chars=1000", bad=long)
    assert "a paragraph on page 1 holds 3,899 characters, over the 1,000-character limit" in line
    result = run_cli("check", "--limit", "block_chars=0", long)  # 0: no limit
    assert result.returncode in (0, 1) and "block_chars" not in result.stderr


def _bomb(path, megabytes: int = 4):
    import docx

    document = docx.Document()
    document.add_paragraph("The council will divide the contract into lots.")
    document.save(str(path))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/zeros.bin", b"\0" * (megabytes * 1024 * 1024))  # about 1,000 times smaller packed
    return path


def test_a_compression_ratio_past_the_limit_is_refused_and_the_limit_can_be_raised(tmp_path):
    bomb = _bomb(tmp_path / "bomb.docx")
    line = _run(tmp_path, bad=bomb)
    assert "DOCX part word/media/zeros.bin unpacks" in line and "over the ratio limit of 100" in line
    assert "--limit ratio=N to change" in line
    result = run_cli("check", "--limit", "ratio=2000", bomb)
    assert result.returncode in (0, 1), result.stderr


def test_unpacked_size(tmp_path):
    line = _run(tmp_path, "--limit", "unpacked_mb=2", "--limit", "ratio=0", bad=_bomb(tmp_path / "big.docx"))
    assert "DOCX would unpack to 5 MB, over the 2 MB limit" in line and "limits.unpacked_mb" in line


def test_timeout_and_memory_from_the_config_and_the_flags_over_it(tmp_path):
    cfg = tmp_path / ".tendercheck.yaml"
    cfg.write_text("limits:\n  timeout_s: 5\n  memory_mb: 600\n  pages: 20\n", encoding="utf-8")
    loaded = config.load(CheckOptions(config_path=str(cfg)))
    assert (loaded.limits.timeout_s, loaded.limits.memory_mb, loaded.limits.pages) == (5, 600, 20)
    assert loaded.limits.file_mb == DEFAULTS.file_mb
    flags = config.load(CheckOptions(config_path=str(cfg), timeout_s=0, limits={"pages": 30}))
    assert (flags.limits.on("timeout_s"), flags.limits.memory_mb, flags.limits.pages) == (None, 600, 30)


@pytest.mark.parametrize("text,cause", [
    ("limits:\n  pagez: 10\n", "unknown limit 'pagez'; did you mean 'pages'?"),
    ("limits:\n  pages: -1\n", "limit pages (PDF pages) must be a whole number >= 0 (0: no limit), not -1"),
    ("limits:\n  pages: 1.5\n", "must be a whole number"),
    ("limits:\n  file_mb: lots\n", "limit file_mb (file size in MB) must be a number >= 0"),
    ("limits:\n  file_mb: .inf\n", "non-finite number"),
    ("limits: 10\n", "limits must be a mapping"),
])
def test_bad_limits_in_a_config_name_file_and_line(tmp_path, text, cause):
    cfg = tmp_path / ".tendercheck.yaml"
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        config.load(CheckOptions(config_path=str(cfg)))
    assert info.value.path == str(cfg) and info.value.line in (1, 2)
    assert cause in str(info.value)


def test_a_bad_limit_on_the_command_line_is_one_line(tmp_path):
    result = run_cli("check", "--limit", "bogus=1", good_file(tmp_path))
    assert result.returncode == 2
    assert_clean(result)
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("tendercheck: error: --limit: unknown limit 'bogus'")
