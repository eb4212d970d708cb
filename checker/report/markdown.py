"""Markdown for pull/merge-request comments and job summaries: a scorecard table per document, then the
findings by step. Document text is escaped so a quote can never become markup, a link or HTML."""

from __future__ import annotations

import re

from checker.findings import STEPS
from checker.report.common import (
    NOT_READ_CODES,
    STATUS_LABELS,
    citation_text,
    display_name,
    findings_by_step,
    incomplete_note,
    kind_line,
    law_lines,
    member_line,
    notice_line,
    one_line,
    pack_heading,
    pack_members,
    relative_path,
    safe_url,
    step_note,
    step_rows,
    summary_line,
    verdict,
    waiver_note,
    warning_label,
    where,
)

COMMENT_LIMIT = 60_000  # GitHub refuses comments over 65,536 characters; leave room for a wrapper
ICONS = {"pass": "✅", "barrier": "❌", "review": "⚠️", "n/a": "➖"}
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LEADING = re.compile(r"^(\d*)([#+\-=.)])")  # would start a heading or list item at the start of a line


def esc(text, limit: int | None = None) -> str:
    """One line of document text made inert: HTML entities and Markdown punctuation escaped."""
    flat = one_line(text, limit).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LEADING.sub(r"\1\\\2", _SPECIAL.sub(r"\\\1", flat), count=1)


def render(report, color: bool = False, limit: int = COMMENT_LIMIT) -> str:
    """Scorecards of every document always; then findings, in document and step order, as many as fit under
    limit characters (GitHub rejects longer comments). What fits is chosen by weight: every error first, then
    warnings, then the rest (reviews, advice, waived); a closing note counts what was left out by kind and
    says where the full report is."""
    head = ["## tendercheck: Keep it Local report", "", f"**{esc(summary_line(report))}**", ""]
    tail = []
    if report.errors:
        tail += ["### Files that could not be checked", ""]
        tail += [f"- `{_code(relative_path(e.path))}`: {esc(e.message)} ({esc(e.code)})" for e in report.errors]
        tail.append("")
    if report.notices:
        tail += ["### Notices", ""] + [f"- {esc(n)}" for n in report.notices] + [""]
    cards = [_scorecard(result) for result in report.documents]
    compact = len(cards) > 1 and sum(_size(card) for card in cards) > limit - _size(head) - _size(tail) - 400
    lead = _overview(report.documents, limit // 3) if compact else []
    if compact:  # many documents (an OCDS package, a folder): one overview table, then findings per document
        cards = [[f"### `{_code(relative_path(r.document.path))}`", ""] for r in report.documents]
    fixed = 0 if compact else sum(_size(card) for card in cards)
    budget = limit - _size(head) - _size(tail) - _size(lead) - fixed - 600  # 600: the note on what was left out
    # every finding as (weight, document, step, position, lines); the lightest weight is shown first
    items = []
    for d, result in enumerate(report.documents):
        for n, _title, found in findings_by_step(result):
            for i, f in enumerate(found):
                items.append((_weight(f), d, n, i, f, _finding(f)))
    shown, opened_docs, opened_steps, left_out = set(), set(), set(), []
    for weight, d, n, i, f, lines in sorted(items, key=lambda item: item[:4]):
        cost = _size(lines)
        if (d, n) not in opened_steps:
            cost += _size(_step_heading(n))
        if compact and d not in opened_docs:
            cost += _size(cards[d])
        if (left_out and left_out[0][0] < weight) or cost > budget:
            left_out.append((weight, d, f))  # once one is left out, nothing of a lighter kind jumps ahead of it
            continue
        budget -= cost
        shown.add((d, n, i))
        opened_docs.add(d)
        opened_steps.add((d, n))
    body = list(lead)
    for d, (card, result) in enumerate(zip(cards, report.documents, strict=True)):
        if compact and d not in opened_docs:
            continue
        body.extend(card)
        for n, _title, found in findings_by_step(result):
            if (d, n) in opened_steps:
                body.extend(_step_heading(n))
                body.extend(line for i, f in enumerate(found) if (d, n, i) in shown for line in _finding(f))
    if left_out:
        body += [_left_out_note([f for *_, f in left_out], len({d for _, d, _ in left_out}), limit, report), ""]
    return "\n".join(head + body + tail).rstrip() + "\n"


def _weight(f) -> int:
    """Which findings a short comment keeps: errors, then warnings, then reviews, advice and waived ones."""
    if f.waived:
        return 4
    if f.kind == "review":
        return 2
    return {"error": 0, "warning": 1}.get(f.severity, 3)


def _step_heading(n: int) -> list[str]:
    return [f"#### Step {n}: {esc(STEPS[n])}", ""]


def _left_out_note(left_out, documents: int, limit: int, report) -> str:
    """'> **45 findings not shown** (3 errors, 12 warnings and 30 info, from 2 documents), to keep this comment
    under 60,000 characters; ... Every finding is in `report.html` (html).'"""
    kinds = {"error": 0, "warning": 0, "review": 0, "info": 0, "waived": 0}
    for f in left_out:
        kinds["waived" if f.waived else "review" if f.kind == "review" else f.severity] += 1
    words = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "review": ("review", "reviews"),
             "info": ("info", "info"), "waived": ("waived", "waived")}
    parts = [f"{count} {words[kind][count != 1]}" for kind, count in kinds.items() if count]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    total = len(left_out)
    source = f", from {documents} documents" if documents > 1 else ""
    return (f"> **{total} finding{'s' if total != 1 else ''} not shown** ({listed}{source}), to keep this "
            f"comment under {limit:,} characters: errors come first, then warnings, then the rest. "
            + _full_report_hint(report))


def _full_report_hint(report) -> str:
    """Where every finding is: the other reports this run wrote, the CI run's page, or the command for one."""
    written = [(fmt, path) for fmt, path in getattr(report, "outputs", ()) if fmt != "markdown" and path != "-"]
    preferred = sorted(written, key=lambda item: ("html", "json", "text", "sarif", "junit").index(item[0])
                       if item[0] in ("html", "json", "text", "sarif", "junit") else 9)
    if preferred:
        files = ", ".join(f"`{_code(path)}` ({esc(fmt)})" for fmt, path in preferred)
        where = f"in {files}"
    else:
        where = "in the HTML report: `tendercheck check ... --format html --output report.html`"
    run = _ci_run_url()
    if run:
        where += f"; this run: <{run}>"
    return f"Every finding is {where}."


def _ci_run_url() -> str | None:
    """The GitHub Actions run (or GitLab job) this comment comes from, when the environment says so."""
    import os

    server, repo, run_id = (os.environ.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    if server and repo and run_id:
        url = f"{server.rstrip('/')}/{repo}/actions/runs/{run_id}"
    else:
        url = os.environ.get("CI_JOB_URL")
    return safe_url(url) if url else None


def _overview(results, limit: int) -> list[str]:
    """One row per document with its five step statuses; rows past limit characters are counted, not shown."""
    out = ["| Document | 1 | 2 | 3 | 4 | 5 | Findings |", "|---|:-:|:-:|:-:|:-:|:-:|--:|"]
    used = _size(out)
    for shown, result in enumerate(results):
        rows = list(step_rows(result))  # read twice: the statuses, then the count
        mark = " ⛔ incomplete" if result.status == "incomplete" else ""
        named = f"{esc(display_name(result, 80))} " if result.title or result.buyer else ""
        line = (f"| {named}`{_code(relative_path(result.document.path))}`{mark} | "
                + " | ".join(ICONS.get(status, status) for _, _, status, *_ in rows)
                + f" | {sum(live for *_, live, _, _ in rows)} |")
        if used + len(line) + 1 > limit:
            out.append(f"\n_{len(results) - shown} more documents not shown in this table._")
            break
        out.append(line)
        used += len(line) + 1
    return out + [""]


def _size(lines) -> int:
    return sum(len(line) + 1 for line in lines)


def _scorecard(result) -> list[str]:
    doc = result.document
    out = [f"### `{_code(relative_path(doc.path))}`", ""]
    if notice_line(result):
        out += [f"**{esc(notice_line(result))}**", ""]
    out += [(f"{esc(doc.format.upper())}, {doc.pages} page{'s' if doc.pages != 1 else ''}, {esc(result.kind)}. "
             f"**{verdict(result)}**"), "",
           *([esc(pack_heading(result)), "", *(f"- {esc(member_line(m))}" for m in pack_members(result)), ""]
             if pack_members(result) else []),
           "| Step | Keep it Local | Status | Findings |", "|---:|---|---|---|"]
    for n, title, status, *_ in step_rows(result):
        label = f"{ICONS.get(status, '')} {STATUS_LABELS.get(status, status)}".strip()
        out.append(f"| {n} | {esc(title)} | {label} | {step_note(result, n)} |")
    out.append("")
    summary, *quotes = law_lines(result)
    out += [f"_{esc(summary)}_" + "".join(f"<br>{esc(q)}" for q in quotes), "", f"_{esc(kind_line(result))}_", ""]
    if result.status == "incomplete":
        out += [f"> ⛔ **{esc(incomplete_note(result))}**", ""]
    for w in doc.warnings:
        if w.code in NOT_READ_CODES:
            out.append(f"> ⚠️ **{warning_label(w)}:** {esc(w.message)} ({esc(where(w.location))}); "
                       "checks that found nothing may have missed it.")
        else:  # read, but say how (OCR, a fallback converter) or that there was nothing to read
            out.append(f"> ℹ️ **{warning_label(w)}:** {esc(w.message)} ({esc(where(w.location))}).")
        out.append("")
    return out


def _finding(f) -> list[str]:
    tag = "waived" if f.waived else ("needs review" if f.kind == "review" else f.severity)
    headline = f"~~{esc(f.headline)}~~" if f.waived else f"**{esc(f.headline)}**"
    out = [f"- **{tag}** `{_code(f.rule)}`: {headline} _({esc(where(f.location))})_"]
    if f.message:
        out.append(f"  <br>~~{esc(f.message)}~~" if f.waived else f"  <br>{esc(f.message)}")
    # The quote is a block of its own: a line straight after it would be read into the quote (Markdown's lazy
    # continuation), and the fix and sources would show as the tender's words. A blank line ends it.
    if f.evidence:
        out += [f"  > {esc(f.evidence, 500)}", ""]
    after = []
    if f.waived:
        after.append(esc(waiver_note(f)))
    else:
        if f.fix:
            after.append(f"**Fix:** {esc(f.fix, 800)}")
        if f.citations:
            after.append("**Sources:** " + "; ".join(_citation(c) for c in f.citations))
    for n, line in enumerate(after):
        out.append(f"  {line}" if f.evidence and n == 0 else f"  <br>{line}")
    if out[-1] != "":
        out.append("")
    return out


def _citation(c: dict) -> str:
    url = safe_url(c.get("url"))
    text = esc(citation_text(c))
    return f"[{text}](<{url}>)" if url else text


def _code(text) -> str:
    """Text for inside a code span: backticks cannot close it early."""
    return one_line(text).replace("`", "'")
