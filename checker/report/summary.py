"""The compact summary view (`--format summary`): one line per tender, worst first (`--sort`), with its five
step statuses, findings by severity, value and buyer; then the run's summary line. For a terminal."""

from __future__ import annotations

from checker.findings import STEPS
from checker.report.common import STATUS_LABELS, one_line, summary_line
from checker.report.rows import rows

SHORT = {"pass": "pass", "barrier": "BAR", "review": "rev", "n/a": "-"}
TITLE_WIDTH = 48
BUYER_WIDTH = 28


def render(report, color: bool = False) -> str:
    paint = (lambda code, text: f"\x1b[{code}m{text}\x1b[0m") if color else (lambda code, text: text)
    colours = {"BAR": "31", "rev": "33", "pass": "32", "-": "2"}
    out = [paint("1", f"{'Tender':<{TITLE_WIDTH}}  {'Buyer':<{BUYER_WIDTH}}  {'Value':>13}  "
                      + " ".join(f"S{n:<3}" for n in STEPS) + "  err warn info  rev")]
    for r in rows(report):
        name = one_line(r["title"] or r["path"], TITLE_WIDTH)
        buyer = one_line(r["buyer"], BUYER_WIDTH)
        value = _money(r["value"], r["currency"])
        cells = " ".join(paint(colours[SHORT.get(s, s)], f"{SHORT.get(s, s):<4}") for s in r["steps"].values())
        out.append(f"{name:<{TITLE_WIDTH}}  {buyer:<{BUYER_WIDTH}}  {value:>13}  {cells}  "
                   f"{r['errors']:>3} {r['warnings']:>4} {r['info']:>4} {r['reviews']:>4}"
                   + ("  incomplete" if r["status"] == "incomplete" else ""))
    legend = ", ".join(f"{short} {STATUS_LABELS[k]}" for k, short in SHORT.items())
    out.append(paint("2", f"steps: {legend}"))
    for problem in report.errors:
        out.append(f"error: {one_line(problem.path)}: {one_line(problem.message)} [{one_line(problem.code)}]")
    out.append(paint("1", summary_line(report)))
    return "\n".join(out) + "\n"


def _money(amount, currency: str) -> str:
    if amount is None:
        return ""
    symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(currency, f"{currency} " if currency else "")
    for limit, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(amount) >= limit:
            return f"{symbol}{amount / limit:.1f}{suffix}"
    return f"{symbol}{amount:,.0f}"
