"""Writing reports safely: the output folder is checked before any document is read, and every file is
written whole or not at all (a temporary file in the same folder, then os.replace), so an interrupted run
leaves the previous report untouched and never a partial file under the report's name."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from checker.errors import OutputError

__all__ = ["OutputError", "check_target", "write_all", "write_text"]


def check_target(target) -> None:
    """OutputError naming the folder (or file) unless target can be written: its folder exists, is a folder,
    and is writable, and target itself is not a folder."""
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise OutputError(folder, "output folder does not exist")
    if not folder.is_dir():
        raise OutputError(folder, "output folder is not a folder")
    if path.is_dir():
        raise OutputError(path, "output file is a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(folder, "output folder is not writable")


def write_all(files: list[tuple[str, str]]) -> None:
    """Write each (path, text) whole: every text goes to a temporary file beside its target first, and only
    when all are written are they renamed into place; on any failure or interrupt the temporaries go."""
    pending: list[tuple[str, str]] = []
    try:
        for target, text in files:
            pending.append((_write_temp(target, text), target))
        while pending:
            temp, target = pending[0]
            os.replace(temp, target)
            pending.pop(0)
    except OSError as exc:
        raise OutputError(exc.filename or files[0][0], f"cannot write: {exc.strerror or exc}") from None
    finally:
        for temp, _ in pending:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def write_text(target, text: str) -> None:
    write_all([(str(target), text)])


def _write_temp(target: str, text: str) -> str:
    path = Path(target)
    fd, temp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.",
                                suffix=".partial")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, 0o666 & ~_umask())  # as open() would have made it, not mkstemp's 0600
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
