"""Reporter registry: each module renders the same Report records; `render(report, color=False) -> str`.

Modules are imported on demand, so choosing one format never loads the others.
"""

from __future__ import annotations

import importlib

REPORTERS = {
    "text": "checker.report.text",
    "json": "checker.report.json",
    "sarif": "checker.report.sarif",
    "junit": "checker.report.junit",
    "github": "checker.report.github",
    "markdown": "checker.report.markdown",
    "html": "checker.report.html",
    "jsonl": "checker.report.jsonl",
    "csv": "checker.report.csv",
    "summary": "checker.report.summary",
}


def get(name: str):
    """The reporter module for a format name; ValueError names the known formats."""
    try:
        module = REPORTERS[name]
    except KeyError:
        raise ValueError(f"no such report format {name!r} (known: {', '.join(REPORTERS)})") from None
    return importlib.import_module(module)
