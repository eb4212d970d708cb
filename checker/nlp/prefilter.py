"""A literal screen in front of a regular expression: `screen(rx)(text)` is rx.search(text), answered without
running the regex when a string every match must contain is absent from the text.

Python's `re` scans fast for a pattern that starts with a literal, but `\\bEngland\\b` or
`\\b(?:Highland|Fife|...)\\s+Council` start with an assertion and are tried at every position: 10 to 30 times
slower than `"england" in text`, and the fact finders run dozens of them over every sentence. From the parsed
pattern (re._parser) the screen takes the longest run of literal characters that every match must contain, or a
set of them for an alternation every branch of which has one; a pattern with no such strings (or one using
locale or scoped flags) is searched as it is. Case-insensitive patterns compare case-folded text, folded the way
`re` matches: the simple one-character lower case plus re's own extra equivalences (long s and s, Kelvin sign
and k, ...), so the screen never says no where the regex would say yes. The answer is always rx.search's.
"""

from __future__ import annotations

import functools
import re

try:
    from re import _casefix, _parser
except ImportError:  # pragma: no cover - another Python: every pattern is searched as it is
    _casefix = _parser = None

MIN_LITERAL = 3  # a shorter string rules out too little text to pay for the check


def _fold_table() -> dict[int, str]:
    """Characters whose str.lower() is not their single-character lower case, or that re.IGNORECASE matches to
    other characters: each mapped to one representative of its class."""
    table = {0x130: "i"}  # İ: str.lower() gives i + combining dot; re matches it as i
    if _casefix is not None:
        for code, others in _casefix._EXTRA_CASES.items():
            group = (code, *others)
            table.update({c: chr(min(group)) for c in group})
    return table


FOLD = _fold_table()


def fold(text: str) -> str:
    """text as re.IGNORECASE compares it: lower case, with re's equivalent characters made one."""
    if text is _last[0]:  # the same sentence screened for one pattern after another
        return _last[1]
    folded = text.translate(FOLD).lower().translate(FOLD)
    _last[:] = [text, folded]
    return folded


_last: list = [None, ""]


def screen(rx: re.Pattern):
    """A function text -> rx.search(text) that first checks the strings every match must contain (for a
    Python regex; anything else with a search method, such as checker.vocab's RE2 Regex, as it is)."""
    if not isinstance(rx, re.Pattern):
        return rx.search
    return _screen(rx.pattern, rx.flags)


@functools.lru_cache(maxsize=4096)
def _screen(pattern: str, flags: int):
    rx = re.compile(pattern, flags)
    needed = _needed(pattern, flags)
    if not needed:
        return rx.search
    if flags & re.IGNORECASE:
        needed = tuple(fold(s) for s in needed)

        def search(text: str):
            folded = fold(text)
            return rx.search(text) if any(s in folded for s in needed) else None
    else:
        def search(text: str):
            return rx.search(text) if any(s in text for s in needed) else None
    return search


def _needed(pattern: str, flags: int) -> tuple[str, ...] | None:
    """Strings one of which every match contains, or None."""
    if _parser is None or flags & (re.LOCALE | re.ASCII) or not isinstance(pattern, str):
        return None
    try:
        parsed = _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - compile() accepted it; anything odd: no screen
        return None
    if parsed.state.flags & (re.LOCALE | re.ASCII):
        return None
    found = _of_sequence(list(parsed))
    if found is None or min(len(s) for s in found) < MIN_LITERAL:
        return None
    return found


def _of_sequence(items) -> tuple[str, ...] | None:
    """The best strings a sequence of parsed items requires: its longest run of literals, or the strings of
    one of its groups or alternations (whichever has the longest shortest string)."""
    best: tuple[str, ...] | None = None
    run: list[str] = []

    def consider(candidate):
        nonlocal best
        if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    for op, arg in items:
        if op is _parser.LITERAL:
            run.append(chr(arg))
            continue
        consider(("".join(run),) if run else None)
        run = []
        if op is _parser.SUBPATTERN:
            _group, add_flags, del_flags, sub = arg
            if add_flags or del_flags:
                return None  # scoped flags ((?i:...)): not screened
            consider(_of_sequence(list(sub)))
        elif op is _parser.BRANCH:
            consider(_of_branches(arg[1]))
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT) and arg[0] >= 1:
            consider(_of_sequence(list(arg[2])))
    consider(("".join(run),) if run else None)
    return best


def _of_branches(branches) -> tuple[str, ...] | None:
    out: list[str] = []
    for branch in branches:
        found = _of_sequence(list(branch))
        if not found:
            return None
        out.extend(found)
    return tuple(dict.fromkeys(out))
