"""The regime assumption behind a finding: which procurement regime, thresholds, buyer type and contract category
a rule worked under, and which of them the document did not state. Rendered as `{assumption}` in rule messages,
so a reader can tell a finding read from the document from one that rests on a default.

Rules choose thresholds themselves (conditions on procurement.start_date, buyer.type and contract.category with
params); this module only says what was assumed where those facts are missing, and needs no params.
"""

from __future__ import annotations

import datetime as dt
import re

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
    elif facts.value("buyer.type") == "nhs" and (nhs := NHS_THRESHOLDS.get(_regime_of(facts, start))):
        assumed.append(nhs)
    if facts.value("contract.category") is None:
        assumed.append("the contract category is not stated, so goods or services (not works or light-touch "
                       "services) were assumed")
    if not assumed:
        return ""
    return f"Assumed: {'; '.join(assumed)}."


# The thresholds an NHS buyer gets, by regime (the threshold rules, KIL-4.2 and KIL-3.14, use the central government
# ones for buyer.type nhs). The Public Contracts Regulations 2015 name NHS trusts, NHS foundation trusts and NHS
# England as central government authorities (Schedule 1, as substituted from 16 Aug 2021; legislation.gov.uk,
# uksi/2015/102/schedules/2024-01-01). Under the Procurement Act 2023 the Crown and the entities in the Table in
# Schedule 2 to the Procurement Regulations 2024 are "specified for the purposes of the definition of 'central
# government authority' in paragraph 5(1) of Schedule 1" (reg 44, read in the draft laid before Parliament,
# legislation.gov.uk/ukdsi/2024/9780348259728/part/3); the Table itself was not found, so whether NHS bodies are in
# it was not verified: the lower, central government threshold is used, so a
# lotting warning may be raised for a contract the Act treats as below threshold, and no below-threshold error is
# raised for a contract between the two thresholds. Under the Provider Selection Regime no threshold applies.
NHS_THRESHOLDS = {
    "PCR2015": ("the buyer is an NHS body, so the central government thresholds were used (NHS trusts, NHS foundation "
                "trusts and NHS England are listed as central government authorities in Schedule 1 to the Public "
                "Contracts Regulations 2015; whether other NHS bodies, such as integrated care boards, are was not "
                "verified)"),
    "PA2023": ("the buyer is an NHS body, so the lower, central government thresholds were used (whether it is a "
               "central government authority under the Procurement Act 2023, which leaves the list to the "
               "Procurement Regulations 2024, reg 44 and Schedule 2, was not verified)"),
    "PCSR2015": ("the buyer is an NHS body, so the lower, central government thresholds were used (whether it is a "
                 "central government authority under the Public Contracts (Scotland) Regulations 2015 was not "
                 "verified)"),
}


def _regime_of(facts, start: dt.date | None) -> str | None:
    """The regime the rules worked under: the one worked out (procurement.regime_applied), else the one named,
    else the one the start date points to (the Act when no date is stated)."""
    applied = facts.value("procurement.regime_applied") or facts.value("procurement.regime")
    if applied:
        return applied
    if facts.value("buyer.devolved") == "scotland":
        return "PCSR2015"
    return "PCR2015" if start is not None and start < PA2023_START else "PA2023"


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


JURISDICTION_NAMES = {"england": "England", "wales": "Wales", "scotland": "Scotland",
                      "northern_ireland": "Northern Ireland", "not_uk": "not the UK"}
BUYER_NAMES = {"local": "a sub-central authority (such as a council)", "central": "central government",
               "nhs": "an NHS body (the central government thresholds are used)"}
DEVOLVED_NAMES = {"wales": "a devolved Welsh authority", "scotland": "a devolved Scottish authority",
                  "northern_ireland": "a transferred Northern Ireland authority"}


def law_applied(facts) -> dict:
    """Which jurisdiction and regime the rules worked under, and why, for every report: each with its value,
    the reason (the finder's source, or what was assumed) and the quote and location it was read from."""
    if facts is None:  # a result built without facts (tests, tools)
        from checker.facts.base import Facts

        facts = Facts()

    def part(name, why_prefix):
        f = facts.get(name)
        if f is None:
            return None
        why = f.source.split(": ", 1)[1] if f.source.startswith(why_prefix) else f.source
        return {"value": f.value, "why": _plain(why), "evidence": f.evidence, "location": f.location.to_dict()}

    jurisdiction = part("buyer.jurisdiction", "jurisdiction: ") or {
        "value": None, "why": "no clear reading from the document: UK law was assumed", "evidence": "",
        "location": {}}
    regime = part("procurement.regime_applied", "procurement: ") or {
        "value": None, "why": "not a UK tender: no UK regime applies", "evidence": "", "location": {}}
    buyer = facts.value("buyer.type")
    law = {"jurisdiction": jurisdiction, "regime": regime, "buyer_type": buyer,
           "devolved": facts.value("buyer.devolved")}
    law["summary"] = law_summary(law)
    return law


CUES = re.compile(r"(\w+) cues (\d+) \(next (\d+)\)")
NOT_UK_CUES = re.compile(r"not UK \(non-UK cues (\d+), UK cues (\d+)\)")


def _plain(why: str) -> str:
    """The jurisdiction finder's scores in words: 'scotland cues 10 (next 0)' -> 'read from the document: cues
    for Scotland score 10, the next nation 0'."""
    lead = "read from the document: " if CUES.fullmatch(why) or NOT_UK_CUES.fullmatch(why) else ""
    why = CUES.sub(lambda m: f"cues for {JURISDICTION_NAMES.get(m[1], m[1])} score {m[2]}, the next nation {m[3]}",
                   why)
    return lead + NOT_UK_CUES.sub(lambda m: f"non-UK cues score {m[1]}, UK cues {m[2]}", why)


def law_summary(law: dict) -> str:
    """One sentence: 'Law applied: England, the Procurement Act 2023 (named in the document); buyer: ...'."""
    j, r = law["jurisdiction"], law["regime"]
    place = JURISDICTION_NAMES.get(j["value"], "UK (nation not read)")
    if j["value"] == "not_uk":
        return f"Law applied: none of the UK's; the document reads as not a UK tender ({j['why']})."
    who = DEVOLVED_NAMES.get(law.get("devolved")) or BUYER_NAMES.get(law.get("buyer_type")) or "not stated"
    regime = REGIME_NAMES.get(r["value"], "no regime")
    where = "the UK, no nation read from the document (UK law assumed)" if j["value"] is None \
        else f"{place} ({j['why']})"
    return f"Law applied: {where}, under {regime} ({r['why']}); buyer: {who}."


def vat_basis(facts) -> str:
    """One sentence on the VAT basis a contract value was compared with the (VAT-inclusive) thresholds on, when it
    was not the figure as the document gave it or the document did not say (checker.facts.vat); else empty."""
    f = facts.get("contract.value_threshold_gbp") if facts is not None else None
    if f is None:
        return ""
    if "grossed up" in f.source:
        return (f"The value is stated excluding VAT, so 20% VAT was added (£{f.value:,.0f}) before comparing it with "
                "the thresholds, which include VAT.")
    if "VAT basis not stated" in f.source:
        return ("The document does not say whether the value includes VAT: it was compared as given with the "
                "thresholds, which include VAT, so the bases may differ (a value excluding VAT is a fifth lower).")
    return ""
