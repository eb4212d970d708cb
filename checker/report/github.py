"""GitHub Actions workflow commands: one annotation per live finding (error, warning or notice), shown on
the pull request's files and in the run summary. Waived findings stay quiet; unreadable files are errors."""

from __future__ import annotations

from checker.report.common import (
    NOT_READ_CODES,
    incomplete_note,
    member_line,
    notice_line,
    one_line,
    pack_heading,
    pack_members,
    relative_path,
    strip_controls,
    warning_label,
    where,
)

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message part: other control characters removed, then % CR LF escaped (GitHub's toolkit
    `escapeData`), so no text can end the command or start another one."""
    text = strip_controls(str(text)).translate({0x85: "\n", 0x2028: "\n", 0x2029: "\n"})
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file=, title=): also : and , escaped (toolkit `escapeProperty`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props) -> str:
    fields = ",".join(f"{k}={escape_property(v)}" for k, v in props.items() if v not in (None, ""))
    return f"::{kind}{' ' + fields if fields else ''}::{escape_data(message)}"


def render(report, color: bool = False) -> str:
    out = []
    for result in report.documents:
        path = relative_path(result.document.path)
        if pack_members(result):
            out.append(command("notice", pack_heading(result) + "\n" + "\n".join(member_line(m)
                                                                             for m in pack_members(result)),
                               file=path, title="tendercheck: tender pack"))
        for f in result.findings:
            if f.waived:
                continue
            kind = "notice" if f.kind == "review" else COMMANDS.get(f.severity, "warning")
            message = f"{one_line(f.message or f.headline)} ({where(f.location)})"
            if f.evidence:
                message += f'\nEvidence: "{one_line(f.evidence, 300)}"'
            if f.fix:
                message += f"\nFix: {one_line(f.fix, 500)}"
            title = f"{f.rule} (step {f.step}): {one_line(f.headline)}"  # the problem, never the pass statement
            if notice_line(result):
                message = f"{notice_line(result)}: {message}"
            out.append(command(kind, message, file=path, title=title))
        if result.status == "incomplete":  # the run fails on it unless --allow-incomplete
            out.append(command("notice" if report.allow_incomplete else "error", incomplete_note(result),
                               file=path, title="tendercheck: document incomplete (pages not read)"))
        for w in result.document.warnings:
            if w.code in NOT_READ_CODES:
                out.append(command("warning", f"{one_line(w.message)} ({where(w.location)})", file=path,
                                   title=f"tendercheck could not read everything: {w.code}"))
            else:  # read, but say how (a page read by OCR, a fallback converter) or that a page is blank
                out.append(command("notice", f"{one_line(w.message)} ({where(w.location)})", file=path,
                                   title=f"tendercheck: {warning_label(w)} ({w.code})"))
    for problem in report.errors:
        out.append(command("error", one_line(problem.message), file=relative_path(problem.path),
                           title=f"tendercheck: {problem.code}"))
    return "".join(line + "\n" for line in out)
