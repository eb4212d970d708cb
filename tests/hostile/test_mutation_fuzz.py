"""A mutation fuzzer over real documents, run for a bounded time: fixture PDFs and DOCX files with random bytes
flipped, overwritten, cut, repeated or spliced with hostile values (for a DOCX, in its XML parts as well as in
the ZIP, so mutations reach the readers and not only the CRC check). Every mutated file must get either a
report or exactly one error naming it, with a one-line cause that is no internal error, no traceback, and the
file unchanged.

TENDERCHECK_FUZZ_SECONDS sets the budget (default 15, then a CLI batch of a few cases); case i is built from
random.Random(SEED + i), so a failure names the case that reproduces it."""

from __future__ import annotations

import hashlib
import io
import os
import random
import time
import zipfile
from pathlib import Path

import pytest

from checker import api, isolation
from tests.hostile.helpers import ROOT, assert_clean, run_cli

SEED = 1010
BUDGET_S = float(os.environ.get("TENDERCHECK_FUZZ_SECONDS", "15"))
SOURCES = [ROOT / "fixtures" / "sample-tender.pdf",
           ROOT / "fixtures" / "holdout2" / "strathcarn-council-befriending-quick-quote.pdf",
           ROOT / "fixtures" / "tenders" / "queensbury-parks-volunteering-reserved-defined.docx",
           ROOT / "fixtures" / "holdout2" / "little-aldworth-parish-verges-rfq.docx"]
HOSTILE = [b"\x00", b"\xff" * 8, b"9" * 400, b"-1", b"4294967296", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;",
           b"obj", b"endobj", b"stream", b"/Count 999999999", b"<w:p>", b"</w:t>", b"w:val=\"999999999999\"",
           b"\xef\xbb\xbf", b"\\", b"(", b")", b"<<", b">>", b"%%EOF", b"lowerRoman"]
XML_PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml", "word/_rels/document.xml.rels",
             "[Content_Types].xml")

pytestmark = pytest.mark.skipif(not isolation.can_isolate(), reason="needs the forked worker's time limit")


def mutate_bytes(data: bytes, rng: random.Random, rounds: int | None = None) -> tuple[bytes, list[str]]:
    out = bytearray(data)
    done = []
    for _ in range(rounds or rng.randint(1, 4)):
        if not out:
            break
        at = rng.randrange(len(out))
        kind = rng.choice(["flip", "overwrite", "truncate", "delete", "repeat", "splice"])
        if kind == "flip":
            out[at] ^= 1 << rng.randrange(8)
        elif kind == "overwrite":
            n = rng.randint(1, 64)
            out[at:at + n] = rng.randbytes(n)
        elif kind == "truncate":
            del out[at:]
        elif kind == "delete":
            del out[at:at + rng.randint(1, 256)]
        elif kind == "repeat":
            out[at:at] = out[at:at + rng.randint(1, 512)] * rng.randint(2, 20)
        else:
            out[at:at] = rng.choice(HOSTILE)
        done.append(f"{kind}@{at}")
    return bytes(out), done


def mutate_docx_parts(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """The DOCX with one XML part mutated and the ZIP rebuilt around it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in XML_PARTS if n in source.namelist()]
    part = rng.choice(names)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == part:
                content, done = mutate_bytes(content, rng)
            target.writestr(info.filename, content)
    return buffer.getvalue(), [part, *done]


def make_case(i: int, folder: Path) -> tuple[Path, str]:
    rng = random.Random(SEED + i)
    source = SOURCES[i % len(SOURCES)]
    data = source.read_bytes()
    if source.suffix == ".docx" and rng.random() < 0.7:
        mutated, done = mutate_docx_parts(data, rng)
    else:
        mutated, done = mutate_bytes(data, rng)
    path = folder / f"case{i:04d}{source.suffix}"
    path.write_bytes(mutated)
    return path, f"case {i} ({source.name}: {', '.join(done)})"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_one(path: Path, what: str) -> str:
    before = _digest(path)
    report = api.check([str(path)], api.CheckOptions(timeout_s=20))
    documents = [d for d in report.documents if d.document.path == str(path)]
    errors = [e for e in report.errors if str(e.path) == str(path)]
    assert len(documents) + len(errors) == 1 and len(report.errors) == len(errors), what
    if errors:
        cause = errors[0].message
        assert cause and "\n" not in cause and "internal error" not in cause and "Traceback" not in cause, \
            f"{what}: {cause}"
    assert _digest(path) == before, what
    return "error" if errors else "report"


def test_mutated_documents_get_a_report_or_one_error_line(tmp_path, capfd):
    started, outcomes, i = time.monotonic(), {"report": 0, "error": 0}, 0
    while time.monotonic() - started < BUDGET_S or i < len(SOURCES):
        path, what = make_case(i, tmp_path)
        outcomes[check_one(path, what)] += 1
        path.unlink()
        i += 1
    said = capfd.readouterr()
    assert "Traceback" not in said.err and "Traceback" not in said.out
    assert sum(outcomes.values()) >= len(SOURCES)


def test_mutated_documents_in_one_cli_batch(tmp_path):
    cases = [make_case(i, tmp_path) for i in range(8)]
    before = {p: _digest(p) for p, _ in cases}
    result = run_cli("check", "--format", "json", *[p for p, _ in cases])
    assert_clean(result)
    assert result.returncode in (0, 1, 2)
    for path, what in cases:
        lines = [x for x in result.stderr.splitlines() if x.startswith(f"tendercheck: error: {path}: ")]
        assert len(lines) <= 1, what
        assert (str(path) in result.stdout), what  # in documents[] or errors[]
    assert {p: _digest(p) for p, _ in cases} == before
