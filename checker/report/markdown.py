"""Markdown for pull/merge-request comments and job summaries: a scorecard table per document, then the
findings by step. Document text is escaped so a quote can never become markup, a link or HTML."""

from __future__ import annotations

import re

from checker.report.common import (
    STATUS_LABELS,
    citation_text,
    count_note,
    findings_by_step,
    one_line,
    relative_path,
    safe_url,
    step_rows,
    summary_line,
    verdict,
    waiver_note,
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
    """Scorecards of every document always; findings in order while the text stays under limit characters
    (GitHub rejects longer comments), then a line saying how many were left out and where to find them."""
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
    sections = [(card, list(_finding_blocks(result))) for card, result in zip(cards, report.documents, strict=True)]
    fixed = sum(_size(card) for card, _ in sections) if not compact else 0
    budget = limit - _size(head) - _size(tail) - _size(lead) - fixed - 400
    body, left_out = list(lead), 0
    for card, blocks in sections:
        if compact:
            if left_out or not blocks or _size(card) + _size(blocks[0]) > budget:
                left_out += sum(1 for block in blocks for line in block if line.startswith("- **"))
                continue
            budget -= _size(card)
        body.extend(card)
        for block in blocks:
            if left_out or _size(block) > budget:
                left_out += sum(1 for line in block if line.startswith("- **"))
                continue
            body.extend(block)
            budget -= _size(block)
    if left_out:
        body += [(f"> {left_out} more finding{'s' if left_out != 1 else ''} not shown, to keep this under "
                 f"{limit:,} characters: see the HTML, JSON or text report for all of them."), ""]
    return "\n".join(head + body + tail).rstrip() + "\n"


def _overview(results, limit: int) -> list[str]:
    """One row per document with its five step statuses; rows past limit characters are counted, not shown."""
    out = ["| Document | 1 | 2 | 3 | 4 | 5 | Findings |", "|---|:-:|:-:|:-:|:-:|:-:|--:|"]
    used = _size(out)
    for shown, result in enumerate(results):
        rows = step_rows(result)
        line = (f"| `{_code(relative_path(result.document.path))}` | "
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
    out = [f"### `{_code(relative_path(doc.path))}`", "",
           f"{esc(doc.format.upper())}, {doc.pages} page{'s' if doc.pages != 1 else ''}. **{verdict(result)}**", "",
           "| Step | Keep it Local | Status | Findings |", "|---:|---|---|---|"]
    for n, title, status, live, waived, baselined in step_rows(result):
        label = f"{ICONS.get(status, '')} {STATUS_LABELS.get(status, status)}".strip()
        out.append(f"| {n} | {esc(title)} | {label} | {count_note(live, waived, baselined)} |")
    out.append("")
    for w in doc.warnings:
        out.append(f"> ⚠️ **Not read:** {esc(w.message)} ({esc(where(w.location))}); "
                   "checks that found nothing may have missed it.")
        out.append("")
    return out


def _finding_blocks(result):
    """Each finding as a block of lines; the first finding of a step carries the step's heading."""
    for n, title, found in findings_by_step(result):
        for i, f in enumerate(found):
            yield ([f"#### Step {n}: {esc(title)}", ""] if i == 0 else []) + _finding(f)


def _finding(f) -> list[str]:
    tag = "waived" if f.waived else ("needs review" if f.kind == "review" else f.severity)
    headline = f"~~{esc(f.headline)}~~" if f.waived else f"**{esc(f.headline)}**"
    out = [f"- **{tag}** `{_code(f.rule)}`: {headline} _({esc(where(f.location))})_"]
    if f.message:
        out.append(f"  <br>~~{esc(f.message)}~~" if f.waived else f"  <br>{esc(f.message)}")
    if f.evidence:
        out.append(f"  > {esc(f.evidence, 500)}")
    if f.waived:
        out.append(f"  <br>{esc(waiver_note(f))}")
    else:
        if f.fix:
            out.append(f"  <br>**Fix:** {esc(f.fix, 800)}")
        if f.citations:
            out.append("  <br>**Sources:** " + "; ".join(_citation(c) for c in f.citations))
    out.append("")
    return out


def _citation(c: dict) -> str:
    url = safe_url(c.get("url"))
    text = esc(citation_text(c))
    return f"[{text}](<{url}>)" if url else text


def _code(text) -> str:
    """Text for inside a code span: backticks cannot close it early."""
    return one_line(text).replace("`", "'")
