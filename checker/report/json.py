"""JSON in the tendercheck/report/v1 contract (DESIGN.md)."""

from __future__ import annotations

import json

from checker.report.common import json_text


def render(report, color: bool = False) -> str:
    return json_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False)) + "\n"
