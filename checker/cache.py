"""On-disk caches, so a second run does no work the first did: the compiled rulebook (start-up), each input
file's extracted documents and each document's facts and findings before waivers (issue 13, item 3).

Where: $TENDERCHECK_CACHE_DIR, else the user cache directory (platformdirs: ~/.cache/tendercheck on Linux,
~/Library/Caches/tendercheck on macOS, %LOCALAPPDATA%\\tendercheck\\Cache on Windows). One folder per kind
(`rulebook`, `extract`, `check`), one file per entry named by its key: a SHA-256 over everything the entry depends on.
Every key includes the tool fingerprint (the version, and the size and time of checker's own source files, so
an edited checkout never reads entries an older one wrote) and the spaCy and Python versions; the rulebook's adds every
rule and vocabulary file's bytes, an extraction's the input file's bytes, the reading options and the rulebook
key; a check's the document as read, the rulebook's files, and the rules, params, severities, jurisdiction and date
the config gives. Nothing is ever looked up by path or time.

Entries are pickles this tool wrote. The folder is made private to the user (0700) and an entry is read only
when it is a regular file owned by the user that nobody else may write; any entry that fails to load is
deleted and counts as a miss. Writes go to a temporary file renamed into place, so parallel runs never read a
half-written entry. The extraction cache is kept under MAX_BYTES by removing the least recently used entries.
`tendercheck cache info` and `tendercheck cache clear` show and empty it; `--no-cache` neither reads nor writes.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

from checker import __version__

ENV_DIR = "TENDERCHECK_CACHE_DIR"
KINDS = ("rulebook", "extract", "check")
MAX_BYTES = {"rulebook": 64 * 1024 * 1024, "extract": 2 * 1024 * 1024 * 1024, "check": 512 * 1024 * 1024}
SUFFIX = ".pickle"
_pruned: set[str] = set()  # kinds pruned by this process (once a run is enough)


_active = False  # is a check running with the document cache on (checker.api.check sets it; workers inherit it)


def activate(on: bool) -> bool:
    """Turn the document cache on or off for the checks this process (and the workers it forks) runs; returns
    the setting it replaces."""
    global _active
    previous, _active = _active, bool(on)
    return previous


def active() -> bool:
    return _active


def root() -> Path:
    """The cache folder (not created here)."""
    given = os.environ.get(ENV_DIR)
    if given:
        return Path(given).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("tendercheck", appauthor=False))


@functools.lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """The version, the spaCy and Python versions, and the size and modification time of every checker/*.py
    source: what made an entry."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{spacy_version()}\0{sys.version}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):  # size and mtime: any edit or checkout changes them
        st = path.stat()
        digest.update(f"{path.relative_to(package).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def spacy_version() -> str:
    """spaCy's version from its about.py, without importing spaCy (`cache info` must stay light)."""
    import importlib.util
    import re

    try:
        spec = importlib.util.find_spec("spacy")
        about = Path(spec.origin).with_name("about.py").read_text(encoding="utf-8")
    except (ImportError, AttributeError, TypeError, OSError):  # pragma: no cover - spaCy is a dependency
        return "none"
    found = re.search(r"^__version__\s*=\s*['\"]([^'\"]+)", about, re.MULTILINE)
    return found.group(1) if found else "unknown"


def key(*parts) -> str:
    """A SHA-256 of the tool fingerprint and the given parts (bytes or str)."""
    digest = hashlib.sha256(tool_fingerprint().encode())
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogateescape")
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def _folder(kind: str, create: bool) -> Path | None:
    folder = root() / kind
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            for made in (root(), folder):
                if made.stat().st_uid == os.getuid() and made.stat().st_mode & 0o077:
                    made.chmod(0o700)
        except OSError:
            return None
    return folder


def get(kind: str, entry: str):
    """The object stored under entry, or None (missing, not ours, or unreadable: then it is removed)."""
    path = root() / kind / (entry + SUFFIX)
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o022:
                return None  # someone else's file: never unpickle it
            data = fh.read()
    except OSError:
        return None
    try:
        value = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a damaged or outdated entry is a miss
        _remove(path)
        return None
    try:
        os.utime(path)  # recently used: kept longest when the cache is pruned
    except OSError:
        pass
    return value


def put(kind: str, entry: str, value) -> bool:
    """Store value under entry; False (and nothing written) when the cache folder cannot be written."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - what does not pickle is simply not cached
        return False
    folder = _folder(kind, create=True)
    if folder is None:
        return False
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=SUFFIX)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, folder / (entry + SUFFIX))
    except OSError:
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
        return False
    if kind not in _pruned:
        _pruned.add(kind)
        prune(kind)
    return True


def _entries(kind: str) -> list[os.DirEntry]:
    try:
        with os.scandir(root() / kind) as it:
            return [e for e in it if e.name.endswith(SUFFIX) and e.is_file(follow_symlinks=False)]
    except OSError:
        return []


def prune(kind: str, max_bytes: int | None = None) -> int:
    """Remove least recently used entries of kind until it holds at most max_bytes; returns entries removed."""
    limit = MAX_BYTES[kind] if max_bytes is None else max_bytes
    sized = []
    for entry in _entries(kind):
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        sized.append((st.st_mtime_ns, st.st_size, entry.path))
    total = sum(size for _, size, _ in sized)
    removed = 0
    for _, size, path in sorted(sized):
        if total <= limit:
            break
        if _remove(Path(path)):
            total -= size
            removed += 1
    return removed


def _remove(path: Path) -> bool:
    try:
        path.unlink()
        return True
    except OSError:
        return False


def info() -> dict:
    """{'path': folder, kind: {'entries': n, 'bytes': n}, ...} for `tendercheck cache info`."""
    out = {"path": str(root())}
    for kind in KINDS:
        sizes = []
        for entry in _entries(kind):
            try:
                sizes.append(entry.stat(follow_symlinks=False).st_size)
            except OSError:
                pass
        out[kind] = {"entries": len(sizes), "bytes": sum(sizes)}
    return out


def clear() -> int:
    """Remove every entry (and stray temporary file) of every kind; returns entries removed."""
    removed = 0
    for kind in KINDS:
        try:
            with os.scandir(root() / kind) as it:
                names = [e.path for e in it if e.name.endswith(SUFFIX) and e.is_file(follow_symlinks=False)]
        except OSError:
            continue
        for path in names:
            if _remove(Path(path)) and not Path(path).name.startswith(".tmp-"):
                removed += 1
    return removed
