"""The regime assumption behind a finding: which procurement regime, thresholds, buyer type and contract category
a rule worked under, and which of them the document did not state. Rendered as `{assumption}` in rule messages,
so a reader can tell a finding read from the document from one that rests on a default.

Rules choose thresholds themselves (conditions on procurement.start_date, buyer.type and contract.category with
params); this module only says what was assumed where those facts are missing, and needs no params.
"""

from __future__ import annotations

import datetime as dt

PA2023_START = dt.date(2025, 2, 24)  # Procurement Act 2023 governs procurements started on or after this day
REGIME_NAMES = {"PA2023": "the Procurement Act 2023", "PCR2015": "the Public Contracts Regulations 2015",
                "PCSR2015": "the Public Contracts (Scotland) Regulations 2015",
                "PSR": "the Health Care Services (Provider Selection Regime) Regulations 2023"}


def assumption(facts) -> str:
    """One sentence naming each regime fact that was assumed rather than read; empty when all were read."""
    assumed = []
    start = _date(facts.value("procurement.start_date"))
    regime = facts.value("procurement.regime")
    if facts.value("buyer.jurisdiction") == "not_uk":
        return ""  # no UK regime is assumed for a document that is not a UK tender
    if facts.value("buyer.devolved") == "scotland" and regime != "PCSR2015":
        assumed.append("the buyer is a devolved Scottish authority, which the Procurement Act 2023 excludes "
                       "(s.2(5)(a)), so the Public Contracts (Scotland) Regulations 2015 were assumed")
    elif regime is None:
        if start is None:
            assumed.append("no procurement regime or start date is stated, so the Procurement Act 2023 and the "
                           "thresholds from 1 Jan 2026 were assumed")
        else:
            guess = "PA2023" if start >= PA2023_START else "PCR2015"
            assumed.append(f"no procurement regime is named, so {REGIME_NAMES[guess]} was assumed from the start "
                           f"date {start:%d %b %Y}")
    elif start is None:
        assumed.append("no start date is stated, so the thresholds from 1 Jan 2026 were assumed")
    if facts.value("buyer.type") is None:
        assumed.append("the buyer type is not stated, so a sub-central authority (such as a council) was assumed")
    if facts.value("contract.category") is None:
        assumed.append("the contract category is not stated, so goods or services (not works or light-touch "
                       "services) were assumed")
    if not assumed:
        return ""
    return f"Assumed: {'; '.join(assumed)}."


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
