"""ZIP tender packs, opened safely: members are copied out to a private temporary folder under names we make,
never the archive's own, so no member can write outside it (no '..', absolute paths, drive letters or
symlinks are followed); member count, member size, total size and compression ratio are limited on the bytes
actually read, not the sizes the archive claims; a ZIP inside the pack is opened to MAX_DEPTH levels.

A bad member is one problem naming `pack.zip!member`; the other members are still read. What each member is
is decided by content sniffing (checker.extract.sniff), as for any file.
"""

from __future__ import annotations

import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from checker import limits
from checker.errors import InputError

MAX_MEMBERS = 200  # files in one pack (nested ones counted too)
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # one member, uncompressed
# the whole pack, uncompressed, is bounded by limits.unpacked_mb (300 MB by default); uncompressed / compressed by
# limits.ratio (100), for members over RATIO_FLOOR bytes (tender files compress 2-10x)
RATIO_FLOOR = 1024 * 1024
MAX_DEPTH = 2  # a ZIP in the pack is opened; a ZIP in that one is refused
SKIPPED = re.compile(r"(^|/)(__MACOSX|\.[^/]*|Thumbs\.db|desktop\.ini)(/|$)", re.IGNORECASE)
SAFE_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


@dataclass(frozen=True)
class Member:
    name: str  # as shown in reports: 'pack.zip!specification.docx' ('pack.zip!inner.zip!a.pdf' when nested)
    path: Path  # the copy in the temporary folder


class _Budget:
    def __init__(self):
        self.members = 0
        self.bytes = 0
        self.full = False  # the total size limit was met: nothing more is read


def extract(path: Path):
    """`tendercheck extract` reads one document; a pack is several."""
    raise InputError(path, "a ZIP tender pack holds several documents: check it with 'tendercheck check'",
                     code="unsupported")


def unpack(path: Path, display: str, folder: Path) -> tuple[list[Member], list[InputError]]:
    """The pack's members copied into folder (which the caller owns and deletes), and one InputError per member
    that could not be taken; an archive that cannot be opened at all raises InputError."""
    members: list[Member] = []
    problems: list[InputError] = []
    _unpack(path, display, folder, 1, _Budget(), members, problems)
    if not members and not problems:
        raise InputError(path, "ZIP pack holds no documents", code="empty")
    return members, problems


def _unpack(path: Path, display: str, folder: Path, depth: int, budget: _Budget, members, problems) -> None:
    from checker.extract import sniff

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(display, f"corrupt ZIP ({exc})", code="corrupt") from None
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()
                 and (_escapes(i.filename) or not SKIPPED.search(i.filename))]
        for info in sorted(infos, key=lambda i: i.filename.lower()):
            if budget.full:
                break
            name = f"{display}!{info.filename}"
            try:
                _check_name(info, name)
                if budget.members >= MAX_MEMBERS:
                    raise InputError(name, f"pack has more than {MAX_MEMBERS} files: the rest are not read",
                                     code="too-large")
                budget.members += 1
                target = folder / f"{budget.members:04d}{_suffix(info.filename)}"
                _copy(archive, info, target, name, budget)
                fmt = _sniff_quiet(sniff, target)
                if fmt == "zip":
                    if depth >= MAX_DEPTH:
                        raise InputError(name, f"ZIP nested more than {MAX_DEPTH} deep: not opened", code="nested")
                    inner = folder / f"{budget.members:04d}.d"
                    inner.mkdir()
                    _unpack(target, name, inner, depth + 1, budget, members, problems)
                    continue
                members.append(Member(name, target))
            except InputError as exc:
                problems.append(exc)
            if budget.full:
                break


def _sniff_quiet(sniff, target: Path) -> str | None:
    """The member's format, or None when it is none we read (its reader says so, as for any file)."""
    try:
        return sniff(target)
    except InputError:
        return None


def _escapes(raw: str) -> bool:
    parts = PurePosixPath(raw.replace("\\", "/")).parts
    return raw.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", raw) is not None or ".." in parts


def _check_name(info: zipfile.ZipInfo, name: str) -> None:
    if _escapes(info.filename):
        raise InputError(name, "member path leaves the pack (absolute or '..'): not read", code="unsafe")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise InputError(name, "member is a symbolic link: not read", code="unsafe")
    if info.flag_bits & 0x1:
        raise InputError(name, "member is password-protected: a password is required", code="encrypted")


def _suffix(filename: str) -> str:
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    return suffix if SAFE_SUFFIX.match(suffix) else ""


def _copy(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, name: str, budget: _Budget) -> None:
    """Copy one member, counting the bytes really read against the member, total and ratio limits."""
    current = limits.current()
    max_ratio = current.on("ratio") or float("inf")
    max_total = current.unpacked_mb * 1024 * 1024 if current.unpacked_mb else float("inf")
    claimed_ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR and claimed_ratio > max_ratio:
        raise InputError(name, limits.cause(f"compressed {claimed_ratio:,.0f} to 1 (limit {max_ratio:g}): refusing "
                                            "a possible zip bomb", "ratio"), code="too-large")
    written = 0
    try:
        with archive.open(info) as src, open(target, "wb") as out:
            while chunk := src.read(1 << 20):
                written += len(chunk)
                if written > MAX_MEMBER_BYTES:
                    raise InputError(name, f"member over {MAX_MEMBER_BYTES // (1024 * 1024)} MB unpacked: not read",
                                     code="too-large")
                if budget.bytes + written > max_total:
                    budget.full = True
                    raise InputError(name, limits.cause(f"pack over {current.unpacked_mb:g} MB unpacked: this and "
                                                        "later members not read", "unpacked_mb"), code="too-large")
                if written > RATIO_FLOOR and written / max(info.compress_size, 1) > max_ratio:
                    raise InputError(name, limits.cause(f"compressed over {max_ratio:g} to 1: refusing a possible "
                                                        "zip bomb", "ratio"), code="too-large")
                out.write(chunk)
    except InputError:
        target.unlink(missing_ok=True)
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        target.unlink(missing_ok=True)
        raise InputError(name, f"cannot unpack member ({str(exc)[:200] or type(exc).__name__})",
                         code="corrupt") from None
    budget.bytes += written
