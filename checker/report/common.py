"""What every reporter needs to say the same thing the same way: status words, counts, paths, waiver lines."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

from checker.findings import STEPS, natural_key, problem_headline

STATUS_LABELS = {"pass": "PASS", "barrier": "BARRIER", "review": "REVIEW", "n/a": "n/a"}
STATUS_MEANING = {
    "pass": "no barrier found",
    "barrier": "a barrier to local providers",
    "review": "a person must look",
    "n/a": "no rule of this step applied",
}
# C0 controls but tab and line ends, DEL, C1 controls but NEL, XML's non-characters, and lone surrogates (an
# undecodable byte in a file name): none is text a reader wants, and each can break XML, a terminal or UTF-8.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_LINE_END = re.compile(r"\r\n?|[\x85\u2028\u2029]")  # a bare CR can overwrite a terminal line
# What `visible` spells out: every control character (tab and newline too), NEL, line and paragraph
# separators, non-characters and lone surrogates.
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")  # what json.dumps(ensure_ascii=False) leaves raw


def clean(text) -> str:
    """Text from documents with the control characters that XML, terminals and UTF-8 choke on removed; CR,
    NEL and the Unicode line separators become plain line ends."""
    return _CONTROL.sub("", _LINE_END.sub("\n", str(text or "")))


def strip_controls(text: str) -> str:
    """text without the characters clean() removes; tab, CR, LF, NEL and U+2028/9 kept as they are."""
    return _CONTROL.sub("", text)


def visible(text) -> str:
    """Text (a path, say) on one line with every control character spelled out: ESC as \\x1b, a newline as
    \\x0a, an undecodable file-name byte as \\xff; so a file name can neither inject nor hide anything."""
    def spell(m: re.Match) -> str:
        code = ord(m.group())
        if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _INVISIBLE.sub(spell, str(text or ""))


def finite_json(value):
    """value with every NaN or infinite float replaced by None (null), so json.dumps writes strict JSON, never
    NaN or Infinity, which JSON parsers such as jq and JSON Schema validators refuse. The parsers give no such
    number; this is the report's own guarantee."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite_json(v) for v in value]
    return value


def json_text(text: str) -> str:
    """json.dumps(..., ensure_ascii=False) output with DEL, C1 controls, U+2028/9 and lone surrogates
    written as \\u escapes: the same JSON value, but safe to print, to embed in JavaScript and to encode."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def one_line(text, limit: int | None = None) -> str:
    """Whitespace collapsed to single spaces, optionally cut to limit characters with an ellipsis."""
    flat = " ".join(clean(text).split())
    if limit and len(flat) > limit:
        return flat[: limit - 1].rstrip() + "…"
    return flat


def notice_line(result) -> str:
    """'Parking Pilot - CEO — London Borough of Merton (ocds-b5fd17-...)': how a notice (or a titled document)
    is known to a reader; empty when the document has no title, buyer or ocid."""
    title, buyer, ocid = (getattr(result, k, None) for k in ("title", "buyer", "ocid"))
    text = " \u2014 ".join(one_line(x) for x in (title, buyer) if x)
    if ocid:
        text += f" ({one_line(ocid)})" if text else one_line(ocid)
    return text


def display_name(result, limit: int | None = None) -> str:
    """A row's name in an overview: the title and buyer where known ('Parking Pilot - CEO — London Borough of
    Merton'), else the path."""
    title, buyer = getattr(result, "title", None), getattr(result, "buyer", None)
    if title or buyer:
        return one_line(" \u2014 ".join(x for x in (title, buyer) if x), limit)
    return one_line(result.document.path, limit)


def step_rows(result):
    """(number, title, status, live findings, waived, baselined) for the five steps, in order."""
    for n, title in STEPS.items():
        live = sum(1 for f in result.findings if f.step == n and not f.waived)
        waived = sum(1 for f in result.findings if f.step == n and f.waived)
        baselined = sum(1 for f in getattr(result, "baselined", ()) if f.step == n)
        yield n, title, result.steps.get(n, "n/a"), live, waived, baselined


def count_note(live: int, waived: int, baselined: int) -> str:
    """'2 findings, 1 waived' — empty when there is nothing to count."""
    parts = []
    if live:
        parts.append(f"{live} finding{'s' if live != 1 else ''}")
    if waived:
        parts.append(f"{waived} waived")
    if baselined:
        parts.append(f"{baselined} baselined")
    return ", ".join(parts)


def step_note(result, n: int) -> str:
    """What a step's scorecard cell says beside its status, by kind, so that a passing step with advice reads
    'PASS 1 advice', never 'PASS 1 finding': '2 findings, 1 to review, 3 advice, 1 waived'. Findings are the
    error and warning violations (the barriers), advice the info ones, which leave a step passing."""
    live = [f for f in result.findings if f.step == n and not f.waived]
    barriers = sum(1 for f in live if f.kind == "violation" and f.severity in ("error", "warning"))
    reviews = sum(1 for f in live if f.kind == "review")
    advice = len(live) - barriers - reviews
    waived = sum(1 for f in result.findings if f.step == n and f.waived)
    baselined = sum(1 for f in getattr(result, "baselined", ()) if f.step == n)
    parts = [f"{barriers} finding{'s' if barriers != 1 else ''}"] if barriers else []
    parts += [f"{reviews} to review"] if reviews else []
    parts += [f"{advice} advice"] if advice else []
    parts += [f"{waived} waived"] if waived else []
    parts += [f"{baselined} baselined"] if baselined else []
    return ", ".join(parts)


def findings_by_step(result):
    """(step number, title, findings) for steps that have findings: live ones first, then waived."""
    for n, title in STEPS.items():
        found = [f for f in result.findings if f.step == n]
        if found:
            yield n, title, sorted(found, key=lambda f: (f.waived, _severity_order(f.severity), f.rule))


def _severity_order(severity: str) -> int:
    return {"error": 0, "warning": 1, "info": 2}.get(severity, 3)


def waiver_note(finding) -> str:
    """'waived: <reason> (approved by X, expires 2026-03-31)'."""
    w = finding.waiver or {}
    extra = []
    if w.get("approved_by"):
        extra.append(f"approved by {w['approved_by']}")
    if w.get("expires"):
        extra.append(f"expires {w['expires']}")
    note = "waived: " + one_line(w.get("reason") or "no reason recorded")
    return note + (f" ({', '.join(extra)})" if extra else "")


def citation_text(citation: dict) -> str:
    """'Procurement Act 2023, s.18 (2023)'."""
    text = one_line(citation.get("title", ""))
    if citation.get("section"):
        text += f", {one_line(citation['section'])}"
    if citation.get("year"):
        text += f" ({citation['year']})"
    return text


def safe_url(url) -> str | None:
    """The URL when it is a plain http(s) link, else None (no javascript: or data: from a user rulebook)."""
    url = one_line(url)
    return url if re.match(r"^https?://[^\s<>\"']+$", url, re.IGNORECASE) else None


def relative_path(path: str, raw: bool = False) -> str:
    """The document path relative to the working folder, with forward slashes, where it is inside it; control
    characters spelled out (see `visible`) unless raw (for a URI, which percent-encodes them)."""
    show = (lambda p: p) if raw else visible
    try:
        rel = os.path.relpath(Path(path).resolve(), Path.cwd().resolve())
    except ValueError:  # another drive on Windows
        return show(Path(path).as_posix())
    if rel.startswith(".."):
        return show(Path(path).resolve().as_posix())
    return show(Path(rel).as_posix())


def rule_index(report) -> dict[str, dict]:
    """Rule id -> metadata, from the rulebook when the engine supplied it, else from the findings."""
    rules: dict[str, dict] = {}
    for meta in getattr(report, "rules", ()) or ():
        if meta.get("id"):
            rules[meta["id"]] = dict(meta)
    for result in report.documents:
        for f in list(result.findings) + list(getattr(result, "baselined", ())):
            rules.setdefault(f.rule, {"id": f.rule, "step": f.step, "title": f.title,
                                      "problem": problem_headline(f.problem, f.title), "severity": f.severity,
                                      "citations": [dict(c) for c in f.citations], "fix": f.fix})
    return dict(sorted(rules.items(), key=lambda item: natural_key(item[0])))


def summary_line(report) -> str:
    """'2 documents checked: 3 findings (1 error, 2 warnings), 1 waived, 2 baselined, 1 unreadable file';
    '1 document checked, but incompletely: 13 findings (1 info, 12 to review, as pages could not be read)'."""
    s = report.summary()
    # Violations by severity, then reviews, so the parts add up to the findings as the csv and summary tables'
    # err/warn/info/rev columns do (a review keeps its rule's severity in JSON's by_severity).
    by = {k: 0 for k in ("error", "warning", "info")}
    for _, f in report.findings():
        if f.kind != "review" and f.severity in by:
            by[f.severity] += 1
    sev = ", ".join(f"{by[k]} {k}{'s' if by[k] != 1 and k != 'info' else ''}" for k in ("error", "warning", "info")
                    if by.get(k))
    reviews = s.get("reviews") or 0
    if reviews:  # absences on unread pages and missing facts: not barriers, but nobody has checked them yet
        sev += (", " if sev else "") + (f"{'all' if reviews == s['findings'] else reviews} to review"
                                        + (", as pages could not be read" if s.get("incomplete") else ""))
    parts = [f"{s['findings']} finding{'s' if s['findings'] != 1 else ''}" + (f" ({sev})" if sev else "")]
    if s.get("waived"):
        parts.append(f"{s['waived']} waived")
    if s.get("baselined"):
        parts.append(f"{s['baselined']} baselined")
    if s.get("hidden"):
        parts.append(f"{s['hidden']} below {getattr(report, 'min_severity', None) or 'the minimum severity'} "
                     "hidden")
    if s.get("errors"):
        parts.append(f"{s['errors']} unreadable file{'s' if s['errors'] != 1 else ''}")
    if s.get("skipped"):
        parts.append(skipped_text(s["skipped"]))
    docs = s["documents"]
    checked = f"{docs} document{'s' if docs != 1 else ''} checked"
    if s.get("interrupted"):
        checked += " before the run was interrupted"
    if s.get("incomplete"):
        accepted = " (accepted by --allow-incomplete)" if getattr(report, "allow_incomplete", False) else ""
        checked += (f", {s['incomplete'] if docs != 1 else 'but'} {'incomplete' if docs != 1 else 'incompletely'}"
                    f"{accepted}")
    return f"{checked}: " + ", ".join(parts)


SKIP_REASONS = {
    "stage": "not at the stage checked (--stage)",
    "closed": "closed (--open)",
    "no_closing_date": "with no closing date (--open)",
    "linked": "only linked from their record",
    "resumed": "already in the --resume file",
}


def skipped_text(skipped: dict) -> str:
    """'155 skipped (150 notices not at the stage checked (--stage), 5 already in the --resume file)'."""
    total = sum(skipped.values())
    reasons = ", ".join(f"{n} {SKIP_REASONS.get(reason, reason)}" for reason, n in sorted(skipped.items(),
                                                                                            key=lambda kv: -kv[1]))
    return f"{total} skipped ({reasons})"


def pages_text(pages) -> str:
    """'page 3', 'pages 1, 2 and 5', 'pages 1, 2, 3, ... (14 pages)'."""
    pages = list(pages)
    if len(pages) == 1:
        return f"page {pages[0]}"
    shown = ", ".join(map(str, pages[:10]))
    if len(pages) > 10:
        return f"pages {shown}, ... ({len(pages)} pages)"
    return f"pages {', '.join(map(str, pages[:-1]))} and {pages[-1]}"


def incomplete_note(result) -> str:
    """'Incomplete: pages 2 and 3 of 12 could not be read (no text layer, or OCR too poor to trust), so what the
    checks did not find may be there.' Empty for a complete document."""
    if getattr(result, "status", "complete") != "incomplete":
        return ""
    unread = [m for m in pack_members(result) if m.get("unread_pages")]
    if unread:  # a pack: each member's own page numbers, named by its file
        where = "; ".join(f"{one_line(m.get('file') or m.get('path'))} {pages_text(m['unread_pages'])} of "
                          f"{m.get('pages', 0)}" for m in unread)
    else:
        where = f"{pages_text(result.unread_pages)} of {result.document.pages}"
    return (f"Incomplete: {where} could not be read (no text layer, or OCR too poor to trust), so what the checks "
            "did not find may be there.")


# Document warnings that mean some of its content was not read, or was read too poorly to trust: a check that
# found nothing may have missed what is there. The others (read by OCR, read with a fallback converter, a blank
# page) say how a page was read, not that it was missed.
NOT_READ_CODES = frozenset({"no-text-layer", "ocr-low-confidence", "page-unreadable", "table-unreadable",
                            "sheet-truncated", "ocds-linked-releases", "encrypted", "text-box-skipped"})


def warning_label(warning) -> str:
    """The words that head a document warning in a report: 'Not read' only where something was not read."""
    if warning.code in NOT_READ_CODES:
        return "Not read"
    return "Read by OCR" if warning.code == "ocr" else "Note"


def where(location) -> str:
    """Location in words; 'whole document' for a finding about something absent from the whole text."""
    text = location.describe()
    return "whole document" if text == "document" else one_line(text)


def verdict(result) -> str:
    """The scorecard in one sentence: 'Barriers in steps 2 and 4; step 3 needs review.'"""
    def steps(numbers):
        words = [str(n) for n in numbers]
        listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        return f"step{'s' if len(words) > 1 else ''} {listed}"

    barrier = [n for n in STEPS if result.steps.get(n) == "barrier"]
    review = [n for n in STEPS if result.steps.get(n) == "review"]
    parts = []
    if barrier:
        parts.append(f"Barriers in {steps(barrier)}")
    if review:
        parts.append(f"{steps(review)} need{'s' if len(review) == 1 else ''} review")
    lead = "Incomplete (pages not read): " if getattr(result, "status", "complete") == "incomplete" else ""
    if parts:
        text = "; ".join(parts)
        return lead + (text[0].lower() if lead else text[0].upper()) + text[1:] + "."
    if all(result.steps.get(n, "n/a") == "n/a" for n in STEPS):
        return lead + ("n" if lead else "N") + "o rule applied to this document."
    return lead + ("n" if lead else "N") + "o barriers found" + (" in what could be read." if lead else ".")


def pack_members(result) -> list[dict]:
    """The members of a tender pack checked as one tender (checker.pack); empty for any other document."""
    return list((result.document.metadata.get("pack") or {}).get("members", ()))


def pack_heading(result) -> str:
    members = pack_members(result)
    return f"Tender pack of {len(members)} document{'s' if len(members) != 1 else ''}, checked as one tender:"


def member_line(member: dict) -> str:
    """'spec.docx: specification (docx, 3 pages)'; a spreadsheet counts sheets."""
    unit = "sheet" if member.get("format") in ("xlsx", "xls", "ods") else "page"
    pages = member.get("pages", 0)
    unread = member.get("unread_pages") or ()
    note = f", {pages_text(unread)} not read" if unread else ""
    return (f"{one_line(member.get('file') or member.get('path'))}: {member.get('kind')} ({member.get('format')}, "
            f"{pages} {unit}{'s' if pages != 1 else ''}{note})")


def kind_line(result) -> str:
    """What the document is and why, and the rules its kind took out: 'Document kind: pricing schedule (a
    spreadsheet with prices, rates or costs). Not checked for this kind: KIL-1.1, ... (they look for what a
    pricing schedule does not hold; check it with the rest of the tender as a pack, or run with --force, to apply
    them)'."""
    reason = getattr(result, "kind_reason", "")
    line = f"Document kind: {result.kind}" + (f" ({one_line(reason, 200)})." if reason else ".")
    skipped = list(getattr(result, "kind_skipped", ()) or ())
    if skipped:
        line += (f" Not checked for this kind: {', '.join(skipped)} (they look for what {_a(result.kind)} does not "
                 "hold; check it with the rest of the tender as a pack, or run with --force, to apply them).")
    return line


def _a(kind: str) -> str:
    return ("an " if kind[:1].lower() in "aeiou" or kind == "ITT" else "a ") + kind


def law_lines(result) -> list[str]:
    """Which jurisdiction and regime the rules worked under and why (checker.regime.law_applied), then the
    quotes they were read from: the first line of a document's report in every format."""
    lines = [result.law()["summary"]]
    seen = set()
    for label, name in (("Jurisdiction", "buyer.jurisdiction"), ("Regime", "procurement.regime_applied")):
        f = result.facts.get(name) if result.facts is not None else None
        if f is not None and f.evidence and f.evidence not in seen:
            seen.add(f.evidence)
            lines.append(f'{label} read from: "{one_line(f.evidence, 200)}" ({where(f.location)})')
    return lines
