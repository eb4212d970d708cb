"""One row per tender for the spreadsheet views (`--format csv`, `--format summary`): title (or path),
buyer, value, each step's status and the findings by severity, worst first.

Rows are built from the JSON document objects, so a resumed run's earlier documents (read back from its JSON
Lines file) are ranked with this run's.
"""

from __future__ import annotations

from checker.findings import STEPS

SORTS = ("worst", "title", "buyer", "value", "path")
STATUS_RANK = {"barrier": 3, "review": 2, "pass": 1, "n/a": 0}


def rows(report) -> list[dict]:
    """Every document of the report (and the earlier ones of a resumed run), sorted by report.sort."""
    seen = set()
    out = []
    for data in [r.to_dict() for r in report.documents] + list(getattr(report, "prior", ())):
        if data["path"] in seen:
            continue
        seen.add(data["path"])
        out.append(row(data))
    return sort(out, getattr(report, "sort", None) or "worst")


def row(data: dict) -> dict:
    steps = data.get("steps", {})
    live = [f for f in data.get("findings", []) if not f.get("waived")]
    count = {s: sum(1 for f in live if f.get("severity") == s and f.get("kind") != "review")
             for s in ("error", "warning", "info")}
    value = data.get("value") or {}
    amount, currency = value.get("amount"), value.get("currency")
    facts = data.get("facts", {})
    if amount is None and isinstance(facts.get("contract.value_total_gbp"), dict):
        amount, currency = facts["contract.value_total_gbp"].get("value"), "GBP"
    return {
        "title": data.get("title") or "",
        "buyer": data.get("buyer") or "",
        "value": amount if isinstance(amount, (int, float)) and not isinstance(amount, bool) else None,
        "currency": currency or "",
        "steps": {n: steps.get(str(n), {}).get("status", "n/a") for n in STEPS},
        "barriers": sum(1 for n in STEPS if steps.get(str(n), {}).get("status") == "barrier"),
        "errors": count["error"],
        "warnings": count["warning"],
        "info": count["info"],
        "reviews": sum(1 for f in live if f.get("kind") == "review"),
        "waived": sum(1 for f in data.get("findings", []) if f.get("waived")),
        "status": data.get("status", "complete"),
        "ocid": data.get("ocid") or "",
        "stage": data.get("stage") or "",
        "path": data["path"],
    }


def worst_key(r: dict):
    """Most errors first, then warnings, then barrier steps, reviews, advice; ties by title and path."""
    return (-r["errors"], -r["warnings"], -r["barriers"], -r["reviews"], -r["info"],
            (r["title"] or r["path"]).casefold(), r["path"])


def sort(items: list[dict], by: str) -> list[dict]:
    if by == "worst":
        return sorted(items, key=worst_key)
    if by == "value":  # largest first; unknown values last
        return sorted(items, key=lambda r: (r["value"] is None, -(r["value"] or 0), worst_key(r)))
    if by == "title":
        return sorted(items, key=lambda r: ((r["title"] or r["path"]).casefold(), r["path"]))
    return sorted(items, key=lambda r: (r[by].casefold(), worst_key(r)))
