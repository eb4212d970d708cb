"""The limits on one input file, in one place: defaults, `limits:` in .tendercheck.yaml, and --limit on the
command line (--timeout and --max-memory are shorthands for two of them). docs/security.md says what each
protects.

A check sets the limits of each file's config with `using()` before the file's worker is forked, so the readers
(checker.extract) read them with `current()` in the worker; 0 turns a limit off. Every refusal names the file,
the limit and how to change it (`cause()`).
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Limits:
    file_mb: float = 200  # an input file's size on disk (a real tender pack is tens of MB)
    pages: int = 5000  # PDF pages, counted before any page is read
    ocr_pages: int = 300  # scanned PDF pages read by OCR; the rest stay unread (a warning says so)
    block_chars: int = 10_000_000  # characters in one block (paragraph, cell): longer ones are refused (shorter
    # long ones are annotated in pieces; a 5 MB paragraph takes tens of seconds, so the time limit comes first)
    unpacked_mb: float = 300  # a DOCX's total unpacked size
    ratio: float = 100  # a DOCX member's unpacked size over its compressed size (members over 1 MB)
    timeout_s: float = 30  # seconds a file's check may go without progress (checker.isolation)
    memory_mb: int = 1024  # resident memory of a file's worker process

    def on(self, name: str) -> float | None:
        """The limit's value, or None when it is off (0)."""
        value = getattr(self, name)
        return value if value else None


DEFAULTS = Limits()
NAMES = tuple(f.name for f in fields(Limits))
WHAT = {"file_mb": "file size in MB", "pages": "PDF pages", "ocr_pages": "OCR'd pages",
        "block_chars": "characters per block", "unpacked_mb": "unpacked DOCX size in MB",
        "ratio": "DOCX compression ratio", "timeout_s": "seconds without progress", "memory_mb": "memory in MB"}
INTEGER = ("pages", "ocr_pages", "block_chars", "memory_mb")
SHORTHAND = {"timeout_s": "--timeout", "memory_mb": "--max-memory"}
_current = DEFAULTS


def current() -> Limits:
    return _current


@contextlib.contextmanager
def using(limits: Limits):
    """limits are current() inside the block (and in any worker forked inside it)."""
    global _current
    before, _current = _current, limits
    try:
        yield limits
    finally:
        _current = before


def how_to_change(name: str) -> str:
    flag = SHORTHAND.get(name, f"--limit {name}=N")
    return f"limits.{name} in .tendercheck.yaml or {flag} to change"


def cause(what: str, name: str) -> str:
    """A refusal's cause (saying the limit's value), ending with how to change the limit."""
    return f"{what} ({how_to_change(name)})"


def check_value(where, name, value):
    """value for limit name, validated: a known name, a finite number >= 0 (whole for counts); else where.error."""
    if name not in NAMES:
        from checker.ruletypes import schema

        raise where.error(f"unknown limit {name!r}{schema.suggest(name, NAMES)} (limits: {', '.join(NAMES)})")
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0
    if ok and name in INTEGER and value != int(value):
        ok = False
    if not ok:
        kind = "a whole number" if name in INTEGER else "a number"
        raise where.error(f"limit {name} ({WHAT[name]}) must be {kind} >= 0 (0: no limit), not {value!r}")
    return int(value) if name in INTEGER else value


def merged(base: Limits, values: dict) -> Limits:
    """base with the given (validated) values."""
    return replace(base, **values) if values else base


def check_file_size(path) -> None:
    """InputError naming path when it is over limits.file_mb."""
    from checker.errors import InputError

    most = current().on("file_mb")
    size = path.stat().st_size
    if most and size > most * 1024 * 1024:
        raise InputError(path, cause(f"file is {size / (1024 * 1024):,.1f} MB, over the {most:g} MB limit",
                                     "file_mb"), code="too-large")


def check_blocks(document) -> None:
    """InputError naming the document when one of its blocks is over limits.block_chars (blocks under it that
    are long are annotated in pieces: checker.nlp.pipeline)."""
    from checker.errors import InputError

    most = current().on("block_chars")
    for block in document.blocks if most else ():
        if len(block.text) > most:
            where = f" on page {block.location.page}" if block.location.page else ""
            raise InputError(document.path, cause(
                f"a {block.kind.replace('_', ' ')}{where} holds {len(block.text):,} characters, over the "
                f"{most:,}-character limit", "block_chars"), code="too-large")
