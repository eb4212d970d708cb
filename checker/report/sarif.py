"""SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, IDE viewers).

SARIF regions are text-based (lines and columns) and tender documents are paged, so each result points at the
document with a nominal region (line 1) carrying the evidence as its snippet; the page and section go in a
logical location of kind 'page' and in the result's property bag. Waived findings are kept as suppressed
results (GitHub shows them as dismissed), never dropped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from checker import __version__
from checker.findings import STEPS, problem_headline
from checker.report.common import (
    NOT_READ_CODES,
    citation_text,
    clean,
    finite_json,
    incomplete_note,
    json_text,
    member_line,
    one_line,
    pack_heading,
    pack_members,
    relative_path,
    rule_index,
    safe_url,
)

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
    "md": "text/markdown",
    "ocds": "application/json",
}
FINGERPRINT_KEY = "tendercheck/v1"


def render(report, color: bool = False) -> str:
    return json_text(json.dumps(finite_json(to_sarif(report)), indent=2, ensure_ascii=False, allow_nan=False)) + "\n"


def to_sarif(report) -> dict:
    rules = rule_index(report)
    rule_ids = list(rules)
    artifacts, results, notifications = [], [], []
    artifact_of: dict[str, int] = {}  # one artifact per file: an OCDS package holds many notices
    for result in report.documents:
        doc = result.document
        file_path, _, notice = doc.path.partition("#")
        if file_path not in artifact_of:
            artifact_of[file_path] = len(artifacts)
            artifact = {"location": _artifact_location(file_path), "roles": ["analysisTarget"],
                        "hashes": {"sha-256": doc.sha256}}
            if doc.format in MIME_TYPES:
                artifact["mimeType"] = MIME_TYPES[doc.format]
            artifact["properties"] = {"status": result.status, "unreadPages": result.unread_pages, "kind": result.kind,
                                      "kindReason": result.kind_reason, "kindSkipped": list(result.kind_skipped)}
            parent = len(artifacts)
            artifacts.append(artifact)
            if pack_members(result):
                artifact["properties"]["pack"] = pack_heading(result)
                for member in pack_members(result):  # nested artifacts: the files inside the pack
                    artifacts.append({"location": {"uri": quote(member["file"])}, "parentIndex": parent,
                                      "roles": ["analysisTarget"], "hashes": {"sha-256": member["sha256"]},
                                      "description": {"text": member_line(member)},
                                      "properties": {"kind": member["kind"], "format": member["format"]}})
        if result.status == "incomplete":
            level = "note" if getattr(report, "allow_incomplete", False) else "error"
            notifications.append(_notification(level, "incomplete", f"{one_line(doc.path)}: "
                                               f"{incomplete_note(result)}", doc.path, None))
        named = {k: v for k, v in (("title", result.title), ("buyer", result.buyer), ("ocid", result.ocid)) if v}
        for f in result.findings:
            entry = _result(f, file_path, artifact_of[file_path], rule_ids.index(f.rule), notice)
            entry["properties"].update(named)  # the notice a finding is about, by title and buyer
            results.append(entry)
        for w in doc.warnings:  # a page not read is a warning; one read by OCR (or a fallback converter) a note
            notifications.append(_notification("warning" if w.code in NOT_READ_CODES else "note", w.code,
                                               f"{one_line(doc.path)}: {one_line(w.message)}", doc.path,
                                               w.location.page))
    for problem in report.errors:
        notifications.append(_notification("error", problem.code, one_line(problem.message), problem.path, None))
    run = {
        "tool": {"driver": {
            "name": "tendercheck",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_rule(meta) for meta in rules.values()],
            "properties": {"rulebook": {k: v for k, v in report.rulebook.items() if v is not None}},
        }},
        "invocations": [{
            "executionSuccessful": not report.errors,
            "toolExecutionNotifications": notifications,
        }],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri().rstrip("/") + "/"}},
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {"summary": report.summary()},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _artifact_location(path: str) -> dict:
    rel = relative_path(path, raw=True)  # the real name, percent-encoded byte for byte
    if rel.startswith("/"):
        return {"uri": Path(rel).as_uri()}
    return {"uri": quote(os.fsencode(rel), safe="/"), "uriBaseId": "%SRCROOT%"}


def _rule(meta: dict) -> dict:
    step = meta.get("step")
    citations = [c for c in meta.get("citations") or () if isinstance(c, dict)]
    title = one_line(meta.get("title") or meta["id"])
    # code-scanning views head an alert with the short description: the problem, never the pass statement
    problem = one_line(meta.get("problem") or problem_headline("", title))
    help_lines = [one_line(meta.get("fix") or title)]
    help_md = [clean(meta.get("fix") or title).strip()]
    if citations:
        help_lines.append("Sources: " + "; ".join(citation_text(c) for c in citations))
        help_md.append("**Sources**\n\n" + "\n".join(_citation_md(c) for c in citations))
    rule = {
        "id": meta["id"],
        "name": meta["id"],
        "shortDescription": {"text": problem},
        "fullDescription": {"text": one_line(meta.get("rationale") or title)},
        "help": {"text": "\n".join(help_lines), "markdown": "\n\n".join(help_md)},
        "defaultConfiguration": {"level": LEVELS.get(meta.get("severity"), "warning")},
        "properties": {
            "tags": ["keep-it-local"] + ([f"step-{step}"] if step else []),
            "passStatement": title,  # what a document that passes the rule does
            "citations": citations,
        },
    }
    if step in STEPS:
        rule["properties"].update(step=step, stepTitle=STEPS[step])
    url = next((safe_url(c.get("url")) for c in citations if safe_url(c.get("url"))), None)
    if url:
        rule["helpUri"] = url
    return rule


def _citation_md(c: dict) -> str:
    url = safe_url(c.get("url"))
    text = citation_text(c).replace("[", "(").replace("]", ")")
    return f"- [{text}]({url})" if url else f"- {text}"


def _result(f, path: str, artifact_index: int, rule_index_: int, notice: str = "") -> dict:
    loc = f.location
    physical = {"artifactLocation": {**_artifact_location(path), "index": artifact_index},
                "region": {"startLine": 1}}
    if f.evidence:
        physical["region"]["snippet"] = {"text": clean(f.evidence)}
    location = {"physicalLocation": physical}
    where = loc.describe()
    logical = []
    if notice:  # the release (notice) inside an OCDS package
        logical.append({"name": notice, "fullyQualifiedName": notice, "kind": "notice"})
    if where != "document":
        logical.append({"name": f"page {loc.page}" if loc.page else where,
                        "fullyQualifiedName": f"{notice} > {where}" if notice else where,
                        "kind": "page" if loc.page else "section"})
    if logical:
        location["logicalLocations"] = logical
    if loc.to_dict():
        location["properties"] = loc.to_dict()
    result = {
        "ruleId": f.rule,
        "ruleIndex": rule_index_,
        # a review is filed under the rule's problem headline, so its message says first that it is unconfirmed
        "message": {"text": one_line(f"{f.headline}. {f.message}" if f.kind == "review"
                                     else f.message or f.headline)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {"step": f.step, "severity": f.severity, "kind": f.kind, "evidence": clean(f.evidence),
                       "fix": clean(f.fix)},
    }
    if f.kind == "review":  # SARIF: a result whose kind is not 'fail' has level 'none'
        result.update(kind="review", level="none")
    else:
        result.update(kind="fail", level=LEVELS.get(f.severity, "warning"))
    if f.waived:
        w = f.waiver or {}
        suppression = {"kind": "external", "status": "accepted",
                       "justification": one_line(w.get("reason") or "waived")}
        props = {k: w[k] for k in ("approved_by", "expires") if w.get(k)}
        if props:
            suppression["properties"] = {k: str(v) for k, v in props.items()}
        result["suppressions"] = [suppression]
    return result


def _notification(level: str, code: str, text: str, path: str, page: int | None) -> dict:
    note = {"level": level, "message": {"text": text}, "descriptor": {"id": code},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact_location(path)}}]}
    if page:
        note["locations"][0]["logicalLocations"] = [{"name": f"page {page}", "kind": "page"}]
    return note
