"""The fact registry: every fact's name, unit, type, meaning, finder and inputs, declared once.

- find_facts runs the finders in an order derived from it: each finder after the finders of the facts it reads
  (finder_order); a finder may write only the facts declared for it (writable_by).
- A rulebook naming a fact that is not here is a RulebookError at file:line with the nearest names (unknown).
- docs/facts.md is generated from it: `python -m checker.facts.docs --write`; a test fails when it is stale.

A fact's `finder` is the module under checker/facts/ that writes it. `inputs` are the facts it is derived from
(what that finder reads from earlier finders, or from its own earlier facts). `fallbacks` are other finders
that fill the fact in when its finder found none (the sum of the lot values is the contract total when no
total is stated); they run after the finder and after the writers of their own inputs.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

TYPES = ("number", "bool", "str", "list", "dict")


@dataclass(frozen=True)
class Fallback:
    finder: str
    inputs: tuple[str, ...] = ()
    how: str = ""  # one line: when and how this finder fills the fact in


@dataclass(frozen=True)
class FactSpec:
    name: str
    unit: str | None  # GBP, %, months, days, count, ratio, date, bool, quote, list, category, regime, requirement
    type: str  # one of TYPES: the Python shape of the value (dates are ISO text)
    finder: str  # checker/facts/<finder>.py (or package) writes it
    description: str  # meaning and conventions, one line
    inputs: tuple[str, ...] = ()
    example: str = ""  # text -> value
    fallbacks: tuple[Fallback, ...] = ()


@dataclass(frozen=True)
class Section:
    """A family of facts in docs/facts.md: its finders and a short note on how they are read."""

    title: str
    finders: tuple[str, ...]
    notes: str = ""


FACTS: tuple[FactSpec, ...] = (
    # Contract value and term
    FactSpec("contract.duration_months_initial", "months", "number", "duration",
             "initial term, before any extension",
             example='"3 years with the option to extend for up to 2 further periods of 12 months" → 36'),
    FactSpec("contract.duration_months_max", "months", "number", "duration",
             "term including every extension; a maximum stated outright wins over the arithmetic",
             example='the same → 60; "3+1+1 years" → 60; "an initial term of two years plus an optional extension '
                     'of one year" → 36'),
    FactSpec("contract.value_total_gbp", "GBP", "number", "value",
             "whole-life value over the maximum term, extensions included, excluding VAT; a stated whole-life figure "
             "beats one derived from an annual figure",
             inputs=("contract.duration_months_max",),
             example='"£240k per annum for 5 years" → 1200000; "£1,440,000 including VAT" → 1200000',
             fallbacks=(Fallback("lots", ("lots.items", "lots.count"),
                                 "with no stated total, the sum of the lot values when every lot has one "
                                 "(source: value: sum of lots)"),)),
    FactSpec("contract.value_threshold_gbp", "GBP", "number", "vat",
             "the whole-life value on the procurement thresholds' VAT-inclusive basis, for comparing with them: "
             "stated including VAT, as given; stated excluding VAT, plus 20%; VAT not applying, as it stands; VAT "
             "basis not stated, as given (the source says so)",
             inputs=("contract.value_total_gbp",),
             example='"£200,000 excluding VAT" → 240000; "£240,000 including VAT" → 240000; "£200,000" → 200000'),
    FactSpec("contract.value_annual_gbp", "GBP", "number", "value",
             "annual value, excluding VAT; when none is stated, the total over the maximum term in years",
             inputs=("contract.value_total_gbp", "contract.duration_months_max"),
             example='"annual budget of £450,000" → 450000',
             fallbacks=(Fallback("lots", ("lots.items", "lots.count", "contract.value_total_gbp",
                                          "contract.duration_months_max"),
                                 "with no stated annual figure, the sum of every lot's annual value in a lot "
                                 "table's annual column, else the lots' total over the maximum term in years "
                                 "(source: value: sum of lots' annual values / value: total over N months)"),)),
    # Lots
    FactSpec("lots.count", "count", "number", "lots",
             "number of lots; 1 when the text says the contract is undivided; absent when the document is silent",
             example='"divided into three lots" → 3; "Lot 1: …", "Lot 2: …" headings or table rows → 2; '
                     '"will not be divided into lots", "a single lot" → 1'),
    FactSpec("lots.items", "list", "list", "lots",
             "`[{title, value_gbp}]`, each value on the whole-life basis (an annual lot value × the maximum term)",
             inputs=("lots.count", "contract.duration_months_max"),
             example='lot table "Lot | Area | Annual value | Whole-life value" → the whole-life column'),
    FactSpec("lots.max_value_gbp", "GBP", "number", "lots",
             "the largest lot's whole-life value; when undivided, the contract total",
             inputs=("lots.count", "lots.items", "contract.value_total_gbp"),
             example='"Each lot … so each lot is worth £480,000" → 480000'),
    FactSpec("lots.reason_not_divided", "quote", "str", "lots",
             "the sentence giving the reason the contract is not divided, only when a reason is given",
             example='"will not be divided into lots because the services are interdependent …"'),
    # Evaluation
    FactSpec("evaluation.price_pct", "%", "number", "weighting",
             "price share of the total score; award on lowest price alone is 100",
             example='"60/40 quality/price" → 40'),
    FactSpec("evaluation.quality_pct", "%", "number", "weighting",
             "quality share of the total score, with any social value nested inside it taken out",
             example='"Quality 60% of which Social Value 10%" → 50'),
    FactSpec("evaluation.social_value_pct", "%", "number", "weighting",
             "social value share of the total score; none when social value is pass/fail or not scored",
             example='"10% of the quality score" with quality at 40% → 4 (quality 36)'),
    FactSpec("evaluation.by_lot", "list", "list", "weighting",
             "`[{lots, price, quality, social_value}]` when lots are weighted differently; each lot's shares are "
             "also candidates of the evaluation.*_pct facts",
             example='"For Lot 1, Quality 80% Price 20%" and "For Lots 2-3, Quality 30% Price 70%" → two scopes'),
    FactSpec("evaluation.criteria", "list", "list", "weighting",
             "`[{name, pct, parent}]`, pct a share of the total; sub-criteria rows carry their parent's name"),
    # Conditions of participation
    FactSpec("selection.min_turnover_gbp", "GBP", "number", "selection",
             "minimum annual turnover demanded; a multiple of the contract value is worked out when that value "
             "is known (the source says which)",
             inputs=("selection.turnover_multiple", "contract.value_annual_gbp", "contract.value_total_gbp"),
             example='"a minimum annual turnover of £480,000" → 480000; "at least twice the annual contract value" '
                     'with an annual value of £240,000 → 480000'),
    FactSpec("selection.turnover_multiple", "ratio", "number", "selection",
             "turnover demanded as a multiple of the contract value; with no stated base it is taken against the "
             "annual value unless the text says total or whole-life; a multiple of a lot's value gives no GBP figure",
             example='"at least twice the annual contract value" → 2; "1.5 times the total contract value" → 1.5'),
    FactSpec("selection.insurance", "list", "list", "selection",
             "`[{type, amount_gbp, when}]`, the levels of cover asked for (a type named with no level is listed only "
             "when no type has one); types joined before one amount share it; when is `bid` (held at tender, or "
             "evidence sent with the tender, questionnaire or quotation), `award` (by award or the start of the "
             "contract, call-off or framework) or null, read from the sentence, then its table row, then the "
             "sentence introducing its list or table and the one after",
             example='"public liability insurance of £10m with their tender" → {public liability, 10000000, bid}; '
                     '"public and product liability of £5m each" → two types of 5000000'),
    FactSpec("selection.audited_accounts", "bool", "bool", "selection",
             "true when audited accounts are demanded; false when only \"where legally required\", \"if available\", "
             "or negated",
             example='"three years\' audited accounts" → true'),
    FactSpec("selection.experience_required", "requirement", "dict", "selection",
             "`{years, contracts, public_sector, this_authority}`: the prior experience demanded",
             example='"a previous contract with the Council" → this_authority: true'),
    FactSpec("selection.accreditations", "list", "list", "selection",
             "`[{name, or_equivalent}]`; \"or equivalent\" attaches to the accreditation (or list of them) it follows, "
             "up to the next accreditation or clause end",
             example='"ISO 9001 or equivalent, and must hold Cyber Essentials" → ISO 9001 true, Cyber Essentials '
                     'false'),
    # Timeline, payment and procurement
    FactSpec("timeline.publication_date", "date", "str", "timeline",
             "when the tender was published or issued (ISO date)",
             example='"Date of publication | 2 March 2026" → 2026-03-02'),
    FactSpec("timeline.deadline_date", "date", "str", "timeline",
             "tender (or selection questionnaire) deadline (ISO date); clarification and other milestones are "
             "skipped",
             example='"the deadline for tenders is 12:00 on 1 April 2026" → 2026-04-01'),
    FactSpec("timeline.tender_window_days", "days", "number", "timeline",
             "deadline − publication, when 1–366 days",
             inputs=("timeline.publication_date", "timeline.deadline_date"), example="→ 30"),
    FactSpec("procurement.start_date", "date", "str", "timeline",
             "when the procurement was begun (the publication date), for picking the regime and thresholds",
             inputs=("timeline.publication_date",)),
    FactSpec("payment.terms_days", "days", "number", "payment",
             "days from a valid invoice to payment by the buyer; a supplier's own deadline to invoice is not "
             "payment terms",
             example='"paid within 30 days of receipt" → 30; "net 45" → 45; a row "Payment terms | 30 days" → 30'),
    FactSpec("payment.at_risk_pct", "%", "number", "payment",
             "share of payment that depends on results or outcomes",
             example='"40% … paid only on achievement of job outcomes" → 40; "70% fixed, with the remainder '
                     'contingent on outcomes" → 30'),
    FactSpec("buyer.jurisdiction", "category", "str", "jurisdiction",
             "`england`, `wales`, `scotland`, `northern_ireland` or `not_uk`: whose procurement law governs the "
             "buyer, from the law, portals, bodies, addresses and currency the document names; absent when unclear",
             example='"published on Public Contracts Scotland" → scotland; "Jackson County Department of '
                     'Transportation ... $250,000" → not_uk'),
    FactSpec("procurement.regime", "regime", "str", "procurement",
             "`PA2023`, `PCR2015`, `PCSR2015` (Scotland) or `PSR` (NHS Provider Selection Regime), the one named most",
             example='"Procurement Act 2023" → PA2023; "Public Contracts (Scotland) Regulations 2015" → PCSR2015'),
    FactSpec("buyer.type", "category", "str", "procurement",
             "`local`, `nhs` or `central`, from the buyer's name near the start; none for a buyer outside the UK",
             inputs=("buyer.jurisdiction",),
             example='"Northmoor Borough Council" → local'),
    FactSpec("buyer.devolved", "category", "str", "procurement",
             "`wales`, `scotland` or `northern_ireland`: a buyer there that is not UK central government, treated "
             "as a devolved authority of that nation",
             inputs=("buyer.jurisdiction", "buyer.type"),
             example='a Welsh county borough council → wales'),
    FactSpec("procurement.regime_applied", "regime", "str", "procurement",
             "the regime the rules work under and, in its source, why: the one named; PCSR2015 for a devolved "
             "Scottish buyer; else PA2023 or PCR2015 by start date (PA2023 when none is stated); none outside the UK",
             inputs=("procurement.regime", "procurement.start_date", "buyer.jurisdiction", "buyer.devolved"),
             example='no regime named, published 10 Jul 2024 → PCR2015'),
    FactSpec("contract.category", "category", "str", "procurement",
             "`services`, `goods`, `works` or `light-touch`, where the text says so",
             example='"light touch regime" → light-touch'),
    # Evidence spans
    FactSpec("evidence.co_design", "bool", "bool", "evidence",
             "the service was or will be designed with the people it serves: co-design, co-production, lived "
             "experience, experts by experience, service user panels, \"you said, we did\", \"developed in "
             "partnership with people who use the service\" (not a survey, not a partnership with other agencies)"),
    FactSpec("evidence.consultation_only", "bool", "bool", "evidence",
             "people were surveyed or consulted (\"survey of residents\", \"public consultation\") and nothing rises "
             "to co-design; a land survey or a bidder questionnaire is not consultation"),
    FactSpec("evidence.place", "bool", "bool", "evidence",
             "local need in a place: needs assessments (JSNA), wards, neighbourhoods, localities, parishes, local "
             "growth plans, geographic lots, or a named source showing a need in a place; \"the local economy\" "
             "alone is not"),
    FactSpec("evidence.market_engagement", "bool", "bool", "evidence",
             "the buyer engaged the market: market engagement, soft market testing, supplier days or briefings, "
             "meet the buyer, PME or planned procurement notices, or other events with potential providers"),
    FactSpec("evidence.capacity_building", "bool", "bool", "evidence",
             "help for providers to bid: capacity building, bid support, advice on bidding and quoting, supplier "
             "development (a supplier briefing is market engagement)"),
    FactSpec("evidence.sme_vcse", "bool", "bool", "evidence",
             "SMEs, VCSE, the voluntary and community sector or social enterprises are named"),
    FactSpec("evidence.consortia_welcome", "bool", "bool", "evidence",
             "consortia or joint bids welcome, accepted or encouraged (\"may bid jointly\", \"need not be a single "
             "legal entity\"); subcontracting allowed is not a welcome, nor is a negated or undecided one"),
    FactSpec("evidence.consortia_barred", "bool", "bool", "evidence",
             "consortia or joint bids not accepted, subcontracting not permitted, or a single legal entity "
             "required; a bar on assigning or subcontracting the contract once let is neither welcome nor bar"),
    FactSpec("evidence.reason_not_lotted", "bool", "bool", "evidence",
             "a reason for not dividing into lots is given (mirrors lots.reason_not_divided)",
             inputs=("lots.reason_not_divided",)),
    # What the document is
    FactSpec("document.kind", "category", "str", "document",
             "what the document is, from its structure and wording (checker.kinds): ITT, specification, contract "
             "terms, pricing schedule, form, notice, addendum or other; 'pack' for a tender pack; the source says "
             "what decided it",
             example='a table of rates with a "Unit price (£)" column and little else → pricing schedule; an ITT '
                     'with its specification, forms and a price table at the back → ITT'),
    FactSpec("document.not_a_tender", "bool", "bool", "document",
             "true when the document is clearly not a tender (a software manual, an annual report): long enough to "
             "judge, no weightings, deadline, contract value, lots or regime, and fewer than two distinct words of "
             "tendering (rules/vocab/tender.yaml); absent for anything that may be a tender",
             inputs=("evaluation.price_pct", "evaluation.quality_pct", "evaluation.social_value_pct",
                     "evaluation.criteria", "timeline.deadline_date", "contract.value_total_gbp", "lots.count",
                     "procurement.regime"),
             example='a 2,000-word software user guide → true; any invitation to tender → absent'),
)

SECTIONS: tuple[Section, ...] = (
    Section("Contract value and term", ("value", "duration", "vat"),
            "A range (\"£400k–£750k\") is one amount valued at its top; money in words counts, and so does \"inc. "
            "VAT\" in any spelling. Extensions are counted once however written (\"3+1+1 years\", \"24 months … a "
            "further 12 + 12 months\" → 48, \"extend by 12 months on two occasions\" → +24), and an extension in the "
            "next sentence is added to the term before it. Amounts about insurance, turnover, thresholds, penalties "
            "or a single lot, rates (per hour, per unit) and a rule's threshold in a condition (\"where the "
            "estimated value of a contract is below £25,000\") are not the contract value. Durations about "
            "experience, accounts, validity, notice or warranty are not the term."),
    Section("Lots", ("lots",),
            "Lots are read from statements (\"divided into three lots\", \"will not be divided into lots\"), from "
            "blocks that start \"Lot 1\", \"Lot 2\" and from lot tables; lot values may be in prose even when the "
            "table lists only rates, and a lot value range takes its top. \"Lots of\" in ordinary English is never a "
            "lot. A document may name its lots another way (\"Each zone is a separate lot\"). \"Considered dividing "
            "… but decided against it because …\" is undivided with a reason."),
    Section("Evaluation", ("weighting",),
            "Readings, best first: weighting tables (criterion and weighting columns, sub-criteria rows under a "
            "parent row, weights \"within quality\" applied to the quality share), then prose (\"Price 40%, Quality "
            "60%\", \"60:30:10 (quality:price:social value)\", \"30 marks out of 100\"), then one criterion per list "
            "item. Marks or points that add up to a stated total (\"marked out of 200 points\", a table's own Total "
            "row) are scaled to 100, and a table whose rows contradict its Total row gives no reading; a column "
            "headed \"% of total score\" is never rescaled, even beside a \"within quality\" column. Social value "
            "written as part of the quality marks (\"10 of the 70 quality marks\") is that part of quality's share. "
            "A table the extractor gave as lines of text (a header line ending in \"Marks\", a line a row, a Total "
            "line they add up to) is read as a table. A criterion named \"Value\" alone is price. "
            "Percentages outside evaluation text (payment shares, growth rates) are ignored."),
    Section("Conditions of participation", ("selection",)),
    Section("Timeline, payment and procurement", ("timeline", "payment", "jurisdiction", "procurement"),
            "Dates are read from sentences, timetable lists (\"Tender closes: …\"), key-information table rows and "
            "notice forms that put the field name in a heading and the date in the next block: \"12 March 2026\", "
            "\"12/03/2026\" (UK day-first; month-first only when day-first is impossible), \"2026-03-12\". "
            "Clarification, enquiry and question deadlines are never the tender deadline."),
    Section("What the document is", ("document",),
            "Conservative: every doubt counts as a tender. A short text (under 150 words) is never judged."),
    Section("Evidence spans", ("evidence",),
            "Value true with the first asserted quote; a heading is used only when no sentence says it. A topic "
            "answered in the negative is not evidence: a table row \"Market engagement | None undertaken\" (also "
            "\"No\", \"N/A\", \"Nil\"). Negated, hedged and future-only mentions are not evidence "
            "(checker.nlp.negation)."),
)

BY_NAME: dict[str, FactSpec] = {spec.name: spec for spec in FACTS}
NAMES: frozenset[str] = frozenset(BY_NAME)


def get(name: str) -> FactSpec:
    """The spec of a registered fact; KeyError naming the nearest known facts otherwise."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown fact {name!r}{suggestion(name)}") from None


def nearest(name: str, n: int = 3) -> list[str]:
    """Up to n known names close to `name`, keeping only those about as close as the closest."""
    scored = sorted(((difflib.SequenceMatcher(None, str(name), known).ratio(), known) for known in NAMES),
                    key=lambda pair: (-pair[0], pair[1]))
    best = scored[0][0] if scored else 0
    return [known for score, known in scored[:n] if score >= 0.6 and score >= best - 0.1]


def suggestion(name: str) -> str:
    """' (did you mean evidence.place?)', or a pointer to the list when nothing is close."""
    close = nearest(name)
    if not close:
        return " (the known facts are listed in docs/facts.md)"
    listed = close[0] if len(close) == 1 else ", ".join(close[:-1]) + " or " + close[-1]
    return f" (did you mean {listed}?)"


def finders(facts: tuple[FactSpec, ...] = FACTS) -> tuple[str, ...]:
    """Every finder, in the order it first appears in the registry (also the tie-break of finder_order)."""
    out: list[str] = []
    for spec in facts:
        for finder in _writers(spec):
            if finder not in out:
                out.append(finder)
    return tuple(out)


@functools.cache
def writable_by(finder: str) -> frozenset[str]:
    """The facts a finder may write: those it owns and those it is a fallback for."""
    return frozenset(s.name for s in FACTS if finder in _writers(s))


def _writers(spec: FactSpec) -> tuple[str, ...]:
    return (spec.finder, *(f.finder for f in spec.fallbacks))


def dependencies(facts: tuple[FactSpec, ...] = FACTS) -> dict[str, set[str]]:
    """finder -> the finders that must run before it: the writers of every fact it reads. A finder that
    writes a fact itself sees only the writers ahead of it: the fact's finder runs before its fallbacks (a
    fallback fills in only what the finder did not find)."""
    by_name = {spec.name: spec for spec in facts}

    def before(reader: str, name: str) -> tuple[str, ...]:
        found = _writers(by_name[name]) if name in by_name else ()
        return found[:found.index(reader)] if reader in found else found

    deps: dict[str, set[str]] = {f: set() for f in finders(facts)}
    for spec in facts:
        for name in spec.inputs:
            deps[spec.finder].update(before(spec.finder, name))
        for fb in spec.fallbacks:
            deps[fb.finder].update(before(fb.finder, spec.name))
            for name in fb.inputs:
                deps[fb.finder].update(before(fb.finder, name))
    for finder, ahead in deps.items():
        ahead.discard(finder)
    return deps


def order(facts: tuple[FactSpec, ...]) -> tuple[str, ...]:
    """The finders of `facts` topologically ordered by their inputs (ties in registry order); a cycle raises."""
    deps = dependencies(facts)
    rank = {f: i for i, f in enumerate(finders(facts))}
    done: list[str] = []
    while len(done) < len(deps):
        ready = [f for f in deps if f not in done and deps[f] <= set(done)]
        if not ready:
            stuck = sorted(f for f in deps if f not in done)
            raise RegistryError(f"fact finders depend on each other in a cycle: {', '.join(stuck)}")
        done.append(min(ready, key=rank.__getitem__))
    return tuple(done)


@functools.cache
def finder_order() -> tuple[str, ...]:
    """The order find_facts runs the finders in."""
    return order(FACTS)


class RegistryError(RuntimeError):
    """An internal inconsistency: the registry itself, or a finder writing a fact it does not own."""


def check(facts: tuple[FactSpec, ...] = FACTS, sections: tuple[Section, ...] = SECTIONS) -> None:
    """Raise RegistryError when the registry is inconsistent: a name declared twice, a type outside TYPES, no
    description, an input that is not declared, a finder in no docs section, or a cycle of inputs."""
    by_name: dict[str, FactSpec] = {}
    for spec in facts:
        if spec.name in by_name:
            raise RegistryError(f"fact {spec.name!r} is declared twice")
        by_name[spec.name] = spec
        if spec.type not in TYPES:
            raise RegistryError(f"fact {spec.name!r} has type {spec.type!r}, not one of {', '.join(TYPES)}")
        if not spec.description.strip() or "\n" in spec.description:
            raise RegistryError(f"fact {spec.name!r} needs a one-line description")
    for spec in facts:
        for name in (*spec.inputs, *(n for f in spec.fallbacks for n in f.inputs)):
            if name not in by_name:
                raise RegistryError(f"fact {spec.name!r} is derived from unknown fact {name!r}{suggestion(name)}")
    missing = set(finders(facts)) - {f for s in sections for f in s.finders}
    if missing:
        raise RegistryError(f"finder(s) {', '.join(sorted(missing))} belong to no section of docs/facts.md")
    order(facts)
