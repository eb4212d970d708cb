"""YAML for rule and config files: safe loading only, with line numbers, and no way to make it hang.

Composes nodes with yaml.SafeLoader (nothing is ever constructed from a tag), then builds plain dicts and
lists that remember the line of every key and item, so validators can name file:line. Where PyYAML has its C
parser (libyaml), a file is first read from the C parser's events, ten times faster; that path gives only
successes: at the first thing it would refuse (or anything unusual: a tag, nesting deeper than C_MAX_DEPTH,
more than one document) it stops and the pure-Python path reads the file again and gives the one error
below, so errors and their lines never depend on which parser ran. Rejected, each as one
error naming file:line: any tag beyond plain YAML scalars (`!!python/object` ...), anchors and aliases (the
billion-laughs attack lives there, and rule files do not need them), merge keys, duplicate keys, non-scalar
keys, files over MAX_BYTES and nesting too deep to compose, control characters (NUL, ESC, ...), non-finite
numbers (.nan, .inf), and anything that is not a regular file: FIFOs, devices, directories, and files under
/proc and /sys (their size says 0 and their content is the machine's, not a rule's).
"""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path

import yaml

from checker.errors import RulebookError

MAX_BYTES = 256 * 1024
_PLAIN = "tag:yaml.org,2002:"
SAFE_TAGS = {_PLAIN + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


class MDict(dict):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    lines: dict

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class MList(list):
    """A sequence that remembers its own line and the line of each item (1-based)."""

    line: int = 0
    lines: list

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


class _Rejected(Exception):
    def __init__(self, message: str, mark):
        self.message = message
        self.line = mark.line + 1 if mark is not None else None


class _Loader(yaml.SafeLoader):
    """SafeLoader whose composer refuses anchors and aliases before they can be expanded."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Rejected("YAML aliases (*name) are not allowed", event.start_mark)
        if getattr(event, "anchor", None):
            raise _Rejected("YAML anchors (&name) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


def load_file(path, error=RulebookError, max_bytes: int = MAX_BYTES):
    """Parsed content of a YAML file (MDict / MList / scalars); `error(path, message, line)` on any problem."""
    path = Path(path)
    check_regular_file(path, error)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)  # never trust st_size alone
    except OSError as exc:
        raise error(path, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise error(path, f"file is over {max_bytes:,} bytes, the limit")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(path, "not UTF-8 text", raw.count(b"\n", 0, exc.start) + 1) from None
    return load_text(text, path, error)


SYSTEM_DIRS = ("/proc", "/sys")  # regular files there claim size 0 and hold the machine's state


def check_regular_file(path: Path, error=RulebookError) -> None:
    """error naming path unless it is a regular file outside /proc and /sys (a symlink is followed)."""
    try:
        resolved = path.resolve()
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise error(path, f"is a dangling symlink (to {os.readlink(path)})") from None
        raise error(path, "no such file") from None
    except (OSError, RuntimeError) as exc:
        raise error(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if any(resolved == Path(d) or Path(d) in resolved.parents for d in SYSTEM_DIRS):
        raise error(path, f"is a system file ({resolved}), not a YAML file")
    if not stat.S_ISREG(mode):
        raise error(path, f"is {file_kind(mode)}, not a YAML file")


def file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def load_mapping(path, error=RulebookError, max_bytes: int = MAX_BYTES, empty_ok: bool = False) -> MDict:
    data = load_file(path, error, max_bytes)
    if data is None and empty_ok:
        data = MDict()
        data.line, data.lines = 1, {}
    if not isinstance(data, MDict):
        what = "empty" if data is None else f"a {_kind(data)}"
        raise error(path, f"top level must be a mapping of keys to values, not {what}", 1)
    return data


def load_text(text: str, path, error=RulebookError):
    if _CLoader is not None and not _NON_PRINTABLE.search(text):
        try:
            return _load_c(text)
        except _Fallback:
            pass
    return _load_python(text, path, error)


try:  # libyaml: PyYAML built with its C extension
    from yaml import CSafeLoader as _CLoader
except ImportError:  # pragma: no cover - a PyYAML without libyaml reads every file in pure Python
    _CLoader = None
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE  # what the pure-Python reader refuses as control characters
C_MAX_DEPTH = 64  # deeper files (no rule or config file is) go to the pure-Python path and its limits


class _Fallback(Exception):
    """The C path met something it leaves to the pure-Python path (which gives the error, if there is one)."""


def _load_c(text: str):
    """The content of a one-document YAML text built from libyaml's events: MDict / MList / scalars with the
    lines the pure-Python path gives. Raises _Fallback at anything but plain mappings, sequences and scalars."""
    loader = _CLoader(text)
    try:
        return _compose_events(loader)
    except _Fallback:
        raise
    except Exception:  # noqa: BLE001 - a parse error (or any other surprise): the Python path says what it is
        raise _Fallback from None
    finally:
        loader.dispose()


def _compose_events(loader):
    get = loader.get_event
    if not isinstance(get(), yaml.StreamStartEvent):
        raise _Fallback
    event = get()
    if isinstance(event, yaml.StreamEndEvent):
        return None
    if not isinstance(event, yaml.DocumentStartEvent):
        raise _Fallback
    stack: list[list] = []  # open collections, innermost last: [container, the key awaiting its value]
    root = None
    while True:
        event = get()
        kind = type(event)
        if kind is yaml.DocumentEndEvent:
            break
        if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            stack.pop()
            continue
        if kind is yaml.AliasEvent or event.anchor is not None or event.tag not in (None, "!"):
            raise _Fallback
        line = event.start_mark.line + 1
        if kind is yaml.ScalarEvent:
            node = yaml.ScalarNode(loader.resolve(yaml.ScalarNode, event.value, event.implicit), event.value,
                                   event.start_mark, event.end_mark, event.style)
            if node.tag not in SAFE_TAGS:
                raise _Fallback
            value = loader.construct_object(node, deep=True)
            if isinstance(value, float) and not math.isfinite(value):
                raise _Fallback
        elif kind is yaml.MappingStartEvent:
            value = MDict()
            value.line, value.lines = line, {}
        elif kind is yaml.SequenceStartEvent:
            value = MList()
            value.line, value.lines = line, []
        else:
            raise _Fallback
        if not stack:
            root = value
        else:
            frame = stack[-1]
            container = frame[0]
            if type(container) is MList:
                container.lines.append(line)
                container.append(value)
            elif frame[1] is _NO_KEY:  # value is a key
                if kind is not yaml.ScalarEvent or value in container:
                    raise _Fallback  # a collection as a key, or a duplicate key: the Python path's error
                container.lines[value] = line
                frame[1] = value
            else:
                container[frame[1]] = value
                frame[1] = _NO_KEY
        if kind is not yaml.ScalarEvent:
            if len(stack) >= C_MAX_DEPTH:
                raise _Fallback
            stack.append([value, _NO_KEY])
    if not isinstance(get(), yaml.StreamEndEvent):
        raise _Fallback  # a second document
    return root


_NO_KEY = object()


def _load_python(text: str, path, error=RulebookError):
    loader = None
    try:
        loader = _Loader(text)  # the reader refuses control characters here, before any parsing
        node = loader.get_single_node()
        return None if node is None else _build(node, loader, path, error)
    except _Rejected as exc:
        raise error(path, exc.message, exc.line) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise error(path, f"control character {what} is not allowed in a YAML file", line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise error(path, f"invalid YAML: {message}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise error(path, "invalid YAML: " + " ".join(str(exc).split())) from None
    except RecursionError:
        raise error(path, "YAML nested too deeply") from None
    finally:
        if loader is not None:
            loader.dispose()


def _build(node, loader, path, error):
    line = node.start_mark.line + 1
    if node.tag not in SAFE_TAGS:
        raise _Rejected(f"YAML tag {_short_tag(node.tag)} is not allowed (plain values, lists and mappings only)",
                        node.start_mark)
    if isinstance(node, yaml.MappingNode):
        out = MDict()
        out.line, out.lines = line, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Rejected("mapping keys must be plain values", key_node.start_mark)
            key = _build(key_node, loader, path, error)
            if key in out:
                raise _Rejected(f"duplicate key {key!r} (first at line {out.lines[key]})", key_node.start_mark)
            out.lines[key] = key_node.start_mark.line + 1
            out[key] = _build(value_node, loader, path, error)
        return out
    if isinstance(node, yaml.SequenceNode):
        out = MList()
        out.line, out.lines = line, []
        for item in node.value:
            out.lines.append(item.start_mark.line + 1)
            out.append(_build(item, loader, path, error))
        return out
    try:
        value = loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        raise _Rejected(f"bad value: {' '.join(str(exc).split())}", node.start_mark) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise _Rejected(f"non-finite number {node.value} is not allowed", node.start_mark)
    return value


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_PLAIN):] if tag.startswith(_PLAIN) else tag


def _kind(value) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return type(value).__name__
