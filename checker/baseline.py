"""Baselines: record today's findings so CI fails only on new ones (`--write-baseline`, `--baseline`).

A baseline is a JSON file listing, per document, the fingerprint of each live finding (findings.py:
rule + evidence words, so it survives page renumbering and moved text). Paths are stored relative to the
baseline file's folder, so the same baseline works from any working folder. Matching counts: a finding
that appears twice where the baseline knew it once is one known and one new finding. Baselined findings
leave the live set (they no longer fail the run) but stay counted in every report's summary.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from checker import __version__
from checker.errors import ConfigError

SCHEMA = "tendercheck/baseline/v1"


def write(report, path) -> None:
    """Record every live (unwaived) finding of report in a baseline file at path."""
    base = _folder(path)
    entries = []
    for result in report.documents:
        key = _key(result.document.path, base)
        for f in result.findings:
            if not f.waived:
                entries.append({"path": key, "rule": f.rule, "fingerprint": f.fingerprint,
                                "where": f.location.describe(), "message": f.message})
    entries.sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"], e["where"]))
    data = {"schema": SCHEMA, "tool": {"name": "tendercheck", "version": __version__}, "findings": entries}
    from checker import output
    from checker.report.common import json_text

    try:
        output.write_text(path, json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")
    except output.OutputError as exc:
        raise ConfigError(path, f"cannot write baseline: {exc.cause}") from None


def apply(report, path) -> None:
    """Move the findings the baseline knows from each document's findings to its baselined list."""
    known = load(path, report.aliases, report.deprecations)
    former: dict[str, list[str]] = {}
    for old, new in report.aliases.items():
        former.setdefault(new, []).append(old)
    base = _folder(path)
    for result in report.documents:
        remaining = known.get(_key(result.document.path, base), Counter()).copy()
        live, baselined = [], []
        for f in result.findings:
            # a finding recorded under a former id of its rule has that id in its fingerprint
            slots = [(f.rule, f.fingerprint)] + [(f.rule, f.fingerprint_as(a)) for a in former.get(f.rule, ())]
            slot = next((s for s in slots if remaining[s] > 0), None)
            if not f.waived and slot is not None:
                remaining[slot] -= 1
                baselined.append(f)
            else:
                live.append(f)
        result.findings[:] = live
        result.baselined.extend(baselined)


def load(path, aliases: dict | None = None, deprecations: list | None = None) -> dict[str, Counter]:
    """{document key: Counter((rule, fingerprint))}; ConfigError naming the file when it is not a baseline.
    A former rule id (a key of aliases) counts as the rule's current id, with one deprecation line for it."""
    from checker.rulebook import deprecated

    aliases = aliases or {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, "baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(path, f"baseline is not valid JSON: {exc.msg}", line=exc.lineno) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("findings"), list):
        raise ConfigError(path, f"not a tendercheck baseline (expected \"schema\": \"{SCHEMA}\" and a findings list)")
    known: dict[str, Counter] = {}
    for i, entry in enumerate(data["findings"]):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("path", "rule", "fingerprint")):
            raise ConfigError(path, f"baseline finding {i + 1} needs string path, rule and fingerprint")
        rule = entry["rule"]
        if rule in aliases:
            if deprecations is not None:
                note = deprecated(rule, aliases[rule], str(path))
                if note not in deprecations:
                    deprecations.append(note)
            rule = aliases[rule]
        known.setdefault(entry["path"], Counter())[(rule, entry["fingerprint"])] += 1
    return known


def _folder(path) -> Path:
    return Path(path).resolve().parent


def _key(document_path: str, base: Path) -> str:
    """The document's path relative to the baseline's folder, with forward slashes."""
    absolute = Path(document_path).resolve()
    try:
        return Path(os.path.relpath(absolute, base)).as_posix()
    except ValueError:  # another drive on Windows
        return absolute.as_posix()
