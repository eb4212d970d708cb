"""Plain text for a terminal or a CI log: the five-step scorecard first, readable in ten seconds, then the
findings grouped by step with page, section, quote and fix. Colour only when the caller asks for it."""

from __future__ import annotations

import textwrap

from checker.findings import STEPS, natural_key
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
    step_note,
    step_rows,
    summary_line,
    verdict,
    waiver_note,
    where,
)

STATUS_COLOURS = {"pass": "32", "barrier": "31", "review": "33", "n/a": "2"}  # green, red, yellow, dim
SEVERITY_COLOURS = {"error": "31", "warning": "33", "info": "36", "waived": "2", "review": "35"}
WIDTH = 100


def render(report, color: bool = False) -> str:
    paint = _painter(color)
    out: list[str] = []
    for result in report.documents:
        out.extend(_document(result, paint))
        out.append("")
    if len(report.documents) > 1:
        out.extend(_overview(report.documents, paint))
        out.append("")
    out.extend(_closing(report, paint))
    return "\n".join(out) + "\n"


def render_concise(report, color: bool = False) -> str:
    """`--quiet`: one line per live finding, 'path (where): [severity] RULE: headline', then errors, notices
    and the summary line; no scorecards. For a CI log or grep."""
    paint = _painter(color)
    out = []
    for result in report.documents:
        path = one_line(result.document.path)
        for f in result.findings:
            if f.waived:
                continue  # counted as waived in the summary line
            tag = "review" if f.kind == "review" else f.severity
            out.append(f"{path} ({where(f.location)}): {paint(SEVERITY_COLOURS.get(tag, '0'), f'[{tag}]')} "
                       f"{one_line(f.rule)}: {one_line(f.headline)}")
    return "\n".join(out + _closing(report, paint)) + "\n"


def render_statistics(report, color: bool = False) -> str:
    """`--statistics`: how many live findings each rule gave, most first (like ruff), then the summary line."""
    paint = _painter(color)
    counts: dict[str, list] = {}
    for _, f in report.findings():
        entry = counts.setdefault(f.rule, [0, f.severity, f.headline])
        entry[0] += 1
        if f.kind == "violation":
            entry[2] = f.headline  # the problem, rather than a review's 'Not confirmed: ...'
    rows = sorted(counts.items(), key=lambda item: (-item[1][0], natural_key(item[0])))
    width = max((len(one_line(rule)) for rule, _ in rows), default=0)
    out = [f"{count:>5}  {one_line(rule):<{width}}  {paint(SEVERITY_COLOURS.get(severity, '0'), f'{severity:<7}')}  "
           f"{one_line(headline)}" for rule, (count, severity, headline) in rows]
    return "\n".join(out + _closing(report, paint)) + "\n"


def _closing(report, paint) -> list[str]:
    out = [paint("31", "error") + f": {one_line(e.path)}: {one_line(e.message)} [{one_line(e.code)}]"
           for e in report.errors]
    out += [paint("33", "notice") + f": {one_line(notice)}" for notice in report.notices]
    return out + [paint("1", summary_line(report))]


def _overview(results, paint) -> list[str]:
    """One line per document with its five statuses: the folder at a glance, at the end where a terminal
    leaves it on screen."""
    width = min(max(len(display_name(r)) for r in results), 60)
    out = [paint("1", f"{'Overview':<{width}}  " + " ".join(f"{f'Step {n}':<7}" for n in STEPS).rstrip())]
    for result in results:
        cells = []
        for *_, status, _live, _waived, _baselined in step_rows(result):
            cells.append(paint(STATUS_COLOURS.get(status, "0"), f"{STATUS_LABELS.get(status, status):<7}"))
        if result.status == "incomplete":
            cells.append(paint("31", "incomplete"))
        out.append((f"{display_name(result, width):<{width}}  " + " ".join(cells)).rstrip())
    return out


def _document(result, paint) -> list[str]:
    doc = result.document
    pages = f"{doc.pages} page{'s' if doc.pages != 1 else ''}"
    status = f"  {paint('31;1', 'INCOMPLETE')}" if result.status == "incomplete" else ""
    out = [paint("1", one_line(doc.path)) + f"  ({doc.format}, {pages}, {result.kind}){status}"]
    if pack_members(result):
        out.append("  " + pack_heading(result))
        out.extend(f"    {member_line(m)}" for m in pack_members(result))
    if notice_line(result):
        out.append("  " + notice_line(result))
    out.append("  Keep it Local scorecard: " + verdict(result))
    for n, title, status, *_ in step_rows(result):
        label = STATUS_LABELS.get(status, status)
        cell = paint(STATUS_COLOURS.get(status, "0"), f"{label:<7}")
        out.append(f"  {n}  {title:<40} {cell}  {step_note(result, n)}".rstrip())
    for line in [*law_lines(result), kind_line(result)]:  # under the scorecard: which law and kind, and why
        out.extend(paint("2", part) for part in textwrap.wrap(line, WIDTH, initial_indent="  ",
                                                                subsequent_indent="    "))
    if result.status == "incomplete":  # under the scorecard, which stays at the top
        out.extend(paint("31", line) for line in textwrap.wrap(incomplete_note(result), WIDTH,
                                                                initial_indent="  ", subsequent_indent="  "))
    for w in doc.warnings:  # 'not read' where something was missed; 'note' where a page was read by OCR, say
        label = paint("33", "not read") if w.code in NOT_READ_CODES else paint("36", "note")
        out.append(f"  {label}: {one_line(w.message)} [{one_line(w.code)}] ({where(w.location)})")
    for n, title, found in findings_by_step(result):
        out.append("")
        out.append(paint("1", f"  Step {n}: {title}"))
        for f in found:
            out.extend(_finding(f, paint))
    return out


def _finding(f, paint) -> list[str]:
    tag = "waived" if f.waived else ("review" if f.kind == "review" else f.severity)
    indent = " " * 6
    out = textwrap.wrap(f"    [{tag}] {one_line(f.rule)}: {one_line(f.headline)}", WIDTH, subsequent_indent=indent,
                        break_long_words=False, break_on_hyphens=False)
    out[0] = out[0].replace(f"[{tag}]", paint(SEVERITY_COLOURS.get(tag, "0"), f"[{tag}]"), 1)
    if f.message:  # wrapped like the fix, so a long message is read, not scrolled sideways
        out.extend(textwrap.wrap(one_line(f.message), WIDTH, initial_indent=indent, subsequent_indent=indent,
                                 break_long_words=False, break_on_hyphens=False))
    out.append(f"{indent}at {where(f.location)}")
    if f.evidence:
        out.extend(textwrap.wrap(f'"{one_line(f.evidence, 400)}"', WIDTH, initial_indent=indent,
                                 subsequent_indent=indent + " "))
    if f.waived:
        out.append(indent + paint("2", waiver_note(f)))
        return out
    if f.fix:
        out.extend(textwrap.wrap("fix: " + one_line(f.fix, 600), WIDTH, initial_indent=indent,
                                 subsequent_indent=indent + "     "))
    if f.citations:
        out.append(indent + "see: " + "; ".join(citation_text(c) for c in f.citations))
    return out


def _painter(color: bool):
    if not color:
        return lambda code, text: text
    return lambda code, text: f"\x1b[{code}m{text}\x1b[0m"
