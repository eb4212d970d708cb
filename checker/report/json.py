"""JSON in the tendercheck/report/v1 contract (DESIGN.md)."""

from __future__ import annotations

import json

from checker.report.common import finite_json, json_text


def render(report, color: bool = False) -> str:
    return json_text(json.dumps(finite_json(report.to_dict()), indent=2, ensure_ascii=False, allow_nan=False)) + "\n"
