"""Reporter registry: each module renders the same Report records; `render(report, color=False) -> str`."""

from __future__ import annotations

import importlib

REPORTERS = {
    "text": "checker.report.text",
    "json": "checker.report.json",
}


def get(name: str):
    return importlib.import_module(REPORTERS[name])
