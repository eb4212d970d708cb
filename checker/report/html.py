"""One self-contained HTML page: the five-step scorecard on top, then the findings with their evidence quoted
and highlighted, citations and fixes. No scripts and nothing loaded from outside (citation links are plain
links); every piece of document text is escaped; prints cleanly on paper."""

from __future__ import annotations

from html import escape

from checker import __version__
from checker.report.common import (
    NOT_READ_CODES,
    STATUS_LABELS,
    STATUS_MEANING,
    citation_text,
    clean,
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
    safe_url,
    step_note,
    step_rows,
    summary_line,
    verdict,
    waiver_note,
    warning_label,
    where,
)

# Solid status colours; tests/report/test_html_browser.py looks for them on screen.
STATUS_COLOURS = {"pass": "#1e7b34", "barrier": "#c0262d", "review": "#d97a00", "n/a": "#8a8f98"}

CSS = """
:root { --ink:#1b1f24; --muted:#5b636e; --line:#d8dde3; --paper:#ffffff; --bg:#f3f5f7; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
  font:16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width:1180px; margin:0 auto; padding:24px 32px 48px; }
.top { display:flex; justify-content:space-between; align-items:baseline; gap:16px; flex-wrap:wrap;
  border-bottom:3px solid var(--ink); padding-bottom:8px; margin-bottom:20px; }
.top h1 { font-size:26px; margin:0; letter-spacing:-.01em; }
.top .summary { margin:0; color:var(--muted); font-weight:600; }
.document { background:var(--paper); border:1px solid var(--line); border-radius:10px; padding:20px 24px;
  margin-bottom:28px; }
.document h2 { font-size:20px; margin:0 0 2px; word-break:break-all; }
.meta { color:var(--muted); margin:0 0 4px; font-size:14px; }
.verdict { margin:0 0 14px; font-weight:650; }
.scorecard { list-style:none; margin:0 0 18px; padding:0; display:grid; grid-template-columns:repeat(5, 1fr); gap:10px; }
.step { border:1px solid var(--line); border-radius:8px; overflow:hidden; background:var(--paper);
  display:flex; flex-direction:column; }
.step .band { color:#fff; padding:8px 12px 9px; display:flex; flex-direction:column; }
.step .band .num { font-size:12px; font-weight:700; text-transform:uppercase; letter-spacing:.08em; opacity:.92; }
.step .band .status { font-size:19px; font-weight:800; letter-spacing:.05em; line-height:1.2; }
.step .title { padding:10px 12px 2px; font-weight:650; font-size:15px; line-height:1.3; }
.step .note { padding:0 12px 10px; color:var(--muted); font-size:13px; }
.s-pass .band { background:var(--pass); } .s-barrier .band { background:var(--barrier); }
.s-review .band { background:var(--review); } .s-na .band { background:var(--na); }
.warning { border-left:5px solid var(--review); background:#fff6e6; padding:8px 12px; margin:0 0 12px;
  border-radius:4px; }
.warning.note { border-left-color:#2f6fb3; background:#eef4fb; }
.step-findings h3 { font-size:17px; margin:22px 0 10px; padding-bottom:4px; border-bottom:1px solid var(--line); }
.finding { border:1px solid var(--line); border-left:6px solid var(--na); border-radius:6px; padding:12px 16px;
  margin:0 0 12px; }
.finding .head, blockquote.evidence, .step { break-inside:avoid; page-break-inside:avoid; }
.step-findings h3 { break-after:avoid; page-break-after:avoid; }
.finding.f-error { border-left-color:var(--barrier); } .finding.f-warning { border-left-color:var(--review); }
.finding.f-info { border-left-color:#2f6fb3; } .finding.f-review { border-left-color:#7a4fb0; }
.finding.f-waived { opacity:.75; background:#fafafa; }
.finding .head { display:flex; gap:10px; align-items:baseline; flex-wrap:wrap; margin-bottom:4px; }
.tag { font-size:12px; font-weight:800; text-transform:uppercase; letter-spacing:.05em; padding:2px 8px;
  border-radius:999px; color:#fff; background:var(--na); }
.f-error .tag { background:var(--barrier); } .f-warning .tag { background:var(--review); }
.f-info .tag { background:#2f6fb3; } .f-review .tag { background:#7a4fb0; }
.finding h4 { margin:0; font-size:16px; }
.finding code { font-size:13px; color:var(--muted); }
.finding .message { margin:4px 0; }
.finding .where { margin:0 0 6px; color:var(--muted); font-size:14px; }
blockquote.evidence { margin:8px 0; padding:8px 12px; border-left:4px solid #e2c044; background:#fffbea;
  font-style:italic; }
blockquote.evidence mark { background:#ffe58a; padding:0 2px; }
.fix { margin:8px 0 4px; } .fix strong { color:var(--pass); }
.citations { margin:6px 0 0; padding-left:20px; font-size:14px; color:var(--muted); }
.waiver { color:var(--muted); font-style:italic; }
.overview { width:100%; border-collapse:collapse; background:var(--paper); margin:0 0 24px; font-size:14px;
  border:1px solid var(--line); }
.overview th, .overview td { border-bottom:1px solid var(--line); padding:6px 10px; text-align:left; }
.overview th { background:#e9edf1; font-size:13px; }
.overview td.st { text-align:center; font-weight:700; font-size:12px; letter-spacing:.04em; }
.overview .t-pass { background:#e2f2e6; color:#14582a; } .overview .t-barrier { background:#fbe3e4; color:#8f1c21; }
.overview .t-review { background:#fdefd9; color:#8a4d00; } .overview .t-na { background:#eef0f2; color:#5b636e; }
.incomplete { border-left:6px solid var(--barrier); background:#fdecec; padding:8px 12px; margin:0 0 12px;
  border-radius:4px; }
.overview td.t-incomplete { background:#fbe3e4; color:#8f1c21; font-weight:700; font-size:12px; }
.errors { border-left:5px solid var(--barrier); background:#fdecec; padding:10px 16px; border-radius:6px; }
footer { color:var(--muted); font-size:13px; margin-top:24px; }
a { color:#1f5fa8; }
@media (max-width: 760px) { .scorecard { grid-template-columns:1fr; } }
@media print {
  body { background:#fff; font-size:11pt; }
  .page { max-width:none; padding:0; }
  .document { border:none; padding:0; break-before:page; }
  .document:first-of-type { break-before:auto; }
  .scorecard { grid-template-columns:repeat(5, 1fr); }
  * { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
  a[href^="http"]::after { content:" (" attr(href) ")"; font-size:9pt; word-break:break-all; }
}
"""
STATUS_VARS = ":root { " + " ".join(f"--{'na' if k == 'n/a' else k}:{v};" for k, v in STATUS_COLOURS.items()) + " }"


def e(text) -> str:
    """Escape for HTML text and attribute values (quotes included)."""
    return escape(clean(text), quote=True)


def render(report, color: bool = False) -> str:
    body = [(f'<div class="page"><header class="top"><h1>Keep it Local check</h1>'
             f'<p class="summary">{e(summary_line(report))}</p></header>')]
    if len(report.documents) > 1:
        body.append(_overview(report.documents))
    for i, result in enumerate(report.documents, 1):
        body.append(_document(result, i))
    if report.errors:
        items = "".join(f"<li><strong>{e(p.path)}</strong>: {e(p.message)} ({e(p.code)})</li>" for p in report.errors)
        body.append(f'<section class="errors"><h2>Files that could not be checked</h2><ul>{items}</ul></section>')
    if report.notices:
        body.append("<section><h2>Notices</h2><ul>" + "".join(f"<li>{e(n)}</li>" for n in report.notices)
                    + "</ul></section>")
    rb = report.rulebook
    body.append(f"<footer>tendercheck {e(__version__)} · rulebook {e(rb.get('name') or 'default')} "
                f"{e(rb.get('version') or '')} ({e(rb.get('rules', 0))} rules) · Locality's Keep it Local "
                "five-step guide</footer></div>")
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
            f"<title>tendercheck report</title><style>{STATUS_VARS}{CSS}</style></head><body>" + "".join(body)
            + "</body></html>\n")


def _overview(results) -> str:
    """One row per document: the five statuses at a glance, for a folder of tenders."""
    head = "".join(f'<th title="{e(title)}">Step {n}</th>' for n, title, *_ in step_rows(results[0]))
    rows = []
    for i, result in enumerate(results, 1):
        cells = "".join(f'<td class="st t-{"na" if status == "n/a" else e(status)}">{e(STATUS_LABELS.get(status))}'
                        "</td>" for _, _, status, *_ in step_rows(result))
        live = sum(1 for f in result.findings if not f.waived)
        read = ('<td class="t-incomplete">INCOMPLETE</td>' if result.status == "incomplete"
                else '<td>complete</td>')
        named = f'{e(display_name(result))}<br><small>{e(result.document.path)}</small>' \
            if result.title or result.buyer else e(result.document.path)
        rows.append(f'<tr><td><a href="#document-{i}">{named}</a></td>{cells}{read}'
                    f'<td>{live}</td></tr>')
    return (f'<table class="overview"><thead><tr><th>Document</th>{head}<th>Read</th><th>Findings</th></tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table>')


def _document(result, index: int) -> str:
    doc = result.document
    pages = f"{doc.pages} page{'s' if doc.pages != 1 else ''}"
    out = [f'<section class="document" id="document-{index}"><h2>{e(doc.path)}</h2>',
           *([f'<p class="notice">{e(notice_line(result))}</p>'] if notice_line(result) else []),
           f'<p class="meta">{e(doc.format.upper())} · {pages} · {e(result.kind)} · sha256 {e(doc.sha256[:12])}…</p>',
           f'<p class="verdict">{e(verdict(result))}</p>',
           *([f'<div class="pack"><p>{e(pack_heading(result))}</p><ul>'
              + "".join(f'<li data-kind="{e(m.get("kind"))}">{e(member_line(m))}</li>' for m in pack_members(result))
              + "</ul></div>"] if pack_members(result) else []),
           '<ol class="scorecard" aria-label="Keep it Local scorecard">']
    for n, title, status, *_ in step_rows(result):
        css = "na" if status == "n/a" else e(status)
        note = step_note(result, n) or STATUS_MEANING.get(status, "")
        out.append(f'<li class="step s-{css}" data-step="{n}" data-status="{e(status)}">'
                   f'<div class="band"><span class="num">Step {n}</span>'
                   f'<span class="status">{e(STATUS_LABELS.get(status, status))}</span></div>'
                   f'<div class="title">{e(title)}</div><div class="note">{e(note)}</div></li>')
    out.append("</ol>")
    summary, *quotes = law_lines(result)
    out.append(f'<p class="law" data-jurisdiction="{e(result.law()["jurisdiction"]["value"] or "")}" '
               f'data-regime="{e(result.law()["regime"]["value"] or "")}">{e(summary)}'
               + "".join(f"<br><small>{e(q)}</small>" for q in quotes) + "</p>")
    out.append(f'<p class="kind" data-kind="{e(result.kind)}" data-skipped="{e(" ".join(result.kind_skipped))}">'
               f'{e(kind_line(result))}</p>')
    if result.status == "incomplete":  # under the scorecard, which stays at the top of the page
        out.append(f'<p class="incomplete" data-status="incomplete"><strong>{e(incomplete_note(result))}</strong></p>')
    for w in doc.warnings:
        if w.code in NOT_READ_CODES:
            out.append(f'<p class="warning"><strong>{e(warning_label(w))}:</strong> {e(w.message)} '
                       f"({e(where(w.location))}). Checks that found nothing may have missed what is there.</p>")
        else:  # read, but say how (OCR, a fallback converter) or that there was nothing to read
            out.append(f'<p class="warning note"><strong>{e(warning_label(w))}:</strong> {e(w.message)} '
                       f"({e(where(w.location))}).</p>")
    for n, title, found in findings_by_step(result):
        out.append(f'<div class="step-findings"><h3>Step {n}: {e(title)}</h3>')
        out.extend(_finding(f) for f in found)
        out.append("</div>")
    if not result.findings:
        out.append("<p>No findings.</p>")
    out.append("</section>")
    return "".join(out)


def _finding(f) -> str:
    tag = "waived" if f.waived else ("review" if f.kind == "review" else f.severity)
    parts = [(f'<article class="finding f-{e(tag)}"><div class="head"><span class="tag">'
              f'{e("needs review" if tag == "review" else tag)}</span><h4>{e(f.headline)}</h4>'
              f"<code>{e(f.rule)}</code></div>"),
             f'<p class="message">{e(f.message)}</p>',
             f'<p class="where">Where: {e(where(f.location))}</p>']
    if f.evidence:
        parts.append(f'<blockquote class="evidence"><mark>{e(one_line(f.evidence))}</mark></blockquote>')
    if f.waived:
        parts.append(f'<p class="waiver">{e(waiver_note(f))}</p>')
    elif f.fix:
        parts.append(f'<p class="fix"><strong>Fix:</strong> {e(f.fix.strip())}</p>')
    if f.citations:
        items = []
        for c in f.citations:
            url = safe_url(c.get("url"))
            text = e(citation_text(c))
            items.append(f'<li><a href="{e(url)}" rel="noreferrer">{text}</a></li>' if url else f"<li>{text}</li>")
        parts.append('<ul class="citations">' + "".join(items) + "</ul>")
    parts.append("</article>")
    return "".join(parts)
