"""Real documents of each kind, built in the test from text written for it: a Q&A addendum PDF, an addendum of
amendments PDF, a pricing
schedule .xlsx (and one in a DOCX table), a clarification log DOCX (a question and response table), an
evaluation matrix .xlsx (no prices), a form of tender DOCX, contract terms PDF, a specification DOCX and an ITT
PDF that also holds a form of tender and a price table at the back. None says anything of co-design, market
engagement or social value, so the rules that look for those find nothing in any of them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

ADDENDUM = """---
format: pdf
title: Addendum No. 2 - Clarification Questions and Answers
author: Westbrook District Council
date: 2026-04-14
---
@title Addendum No. 2
@subtitle Street Cleansing Services - clarification questions and answers

This addendum forms part of the tender documents. Questions received by 10 April 2026 are answered below.

Q1. Will the Council provide a depot for vehicles and equipment?

A: No. The contractor must provide its own depot within the district or no more than five miles from it.

Q2. Can the weekly litter picking rounds be done at weekends?

A: Yes, provided every site is visited once in each calendar week and the round sheets are returned on Monday.

Q3. Is the number of litter bins in Schedule 1 accurate?

A: The schedule lists 412 bins. Eighteen more will be installed in the town centre during the first year.

Q4. Should the price for graffiti removal include materials?

A: Yes. The rate per square metre must include all materials, equipment and disposal.

Q5. Will TUPE apply to the current crew?

A: The Council understands that TUPE may apply to four operatives. Anonymised details are in the data room.

Q6. May we visit the sites before submitting?

A: Yes. Site visits can be booked with the contracts officer on any weekday until 24 April 2026.
"""

FORM = """---
format: docx
title: Form of Tender
author: Westbrook District Council
date: 2026-04-01
---
@title Form of Tender
@subtitle Street Cleansing Services

To: Westbrook District Council

I/We the undersigned hereby offer to provide the street cleansing services described in the tender documents
for the prices set out in our pricing schedule, and confirm that this offer remains open for 90 days.

We confirm that we have read the conditions of tender and accept them. Audited accounts for the last three years
must be submitted with this form by every tenderer.

| Detail | Response |
|---|---|
| Name of organisation | |
| Registered address | |
| Company registration number | |
| Name of signatory | |
| Position | |
| Telephone | |
| Email address | |

Signed: ______________________

Date: ______________________

For and on behalf of: ______________________
"""

TERMS = """---
format: pdf
title: Terms and Conditions of Contract - Street Cleansing Services
author: Westbrook District Council
date: 2026-04-01
---
@title Terms and Conditions of Contract
@subtitle Street Cleansing Services

# 1 Definitions and interpretation

In this Contract "the Council" means Westbrook District Council and "the Contractor" means the person whose
tender is accepted. Headings do not affect the interpretation of this Contract.

# 2 Term

This Contract shall commence on the commencement date and shall continue for three years unless terminated
earlier under clause 7.

# 3 The Contractor's obligations

The Contractor shall perform the services in accordance with the Specification and its tender, with
reasonable skill and care. The Contractor shall comply with all
applicable law and the Council's reasonable instructions. The Contractor shall keep full records of the
services.

# 4 Payment

The Council shall pay each valid and undisputed invoice within 30 days of receipt. The Contractor shall invoice
monthly in arrears.

# 5 Insurance

The Contractor shall hold public liability insurance of not less than £5,000,000 for each claim throughout
this Contract.

# 6 Limitation of liability

Neither party shall be liable for any indirect or consequential loss. The total liability of each party shall
not exceed 125% of the charges paid in the year in which the claim arises.

# 7 Termination

The Council may terminate this Contract by written notice if the Contractor commits a material breach which is
not remedied within 30 days. Either party may terminate this Contract on six months' written notice.

# 8 Confidentiality

Each party shall keep confidential the other party's confidential information and shall use it only for the
purposes of this Contract.

# 9 Force majeure

Neither party shall be liable for a delay caused by an event beyond its reasonable control, provided it gives
notice to the other party promptly.

# 10 Dispute resolution

The parties shall attempt in good faith to resolve any dispute by negotiation between senior officers before
starting proceedings.

# 11 Governing law

This Contract is governed by the law of England and Wales and the parties submit to the exclusive jurisdiction
of the courts of England and Wales.
"""

SPEC = """---
format: docx
title: Service Specification - Street Cleansing Services
author: Westbrook District Council
date: 2026-04-01
---
@title Service Specification
@subtitle Street Cleansing Services

# 1 Scope of the services

This specification forms part of the contract. The provider will sweep and litter pick the adopted highways, town centres and car parks of the district to the
standards in this specification, and will empty the litter and dog waste bins listed in Schedule 1 of the
pricing schedule.

# 2 Service standards

The provider will keep town centres at grade A of the Code of Practice on Litter and Refuse between 7am and
7pm. Other streets must be restored to grade A within two working days of falling to grade C.

# 3 Outcomes

The service aims for clean streets that residents feel proud of. The provider will report monthly against the
key performance indicators in Schedule 2, including the share of streets inspected at grade B or better.

# 4 Staffing

The provider must employ enough trained staff to deliver every round, and staff will wear the uniform and carry
identification agreed with the Council.

# 5 Hours of service

Rounds will run seven days a week. The provider will respond to fly-tipping reports within one working day.
"""

ITT = """---
format: pdf
title: Invitation to Tender - Street Cleansing Services
author: Westbrook District Council
date: 2026-04-01
---
@title Invitation to Tender
@subtitle Street Cleansing Services

# 1 Introduction

Westbrook District Council invites tenders for street cleansing services across the district. The procurement
is run under the Procurement Act 2023 using the open procedure.

# 2 Contract value and term

The total contract value is £1,800,000 excluding VAT over an initial term of three years with the option to
extend for a further two years.

# 3 Specification

The provider will sweep and litter pick the adopted highways and empty the litter bins listed in Schedule 1.
Town centres must be kept at grade A between 7am and 7pm.

# 4 Evaluation

Tenders will be evaluated on quality and price.

| Criterion | Weighting |
|---|---|
| Quality | 60% |
| Price | 40% |

# 5 How to submit

Tenders must be submitted through the Council's e-tendering portal. The deadline for tenders is 12 May 2026 at
12:00 noon. Clarification questions must be asked by 28 April 2026.

# Appendix A Form of Tender

I/We the undersigned hereby offer to provide the services for the prices in Appendix B.

| Detail | Response |
|---|---|
| Name of organisation | |
| Name of signatory | |
| Position | |

Signed: ______________________

Date: ______________________

# Appendix B Pricing schedule

| Item | Unit | Rate (£) | Annual cost (£) |
|---|---|---|---|
| Mechanical sweeping | per km | | |
| Litter picking | per round | | |
| Bin emptying | per bin | | |
| Total | | | |
"""

PRICING_DOCX = """---
format: docx
title: Schedule of Rates
author: Westbrook District Council
date: 2026-04-01
---
@title Schedule of Rates

| Item | Unit | Quantity | Rate (£) | Annual cost (£) |
|---|---|---|---|---|
| Mechanical sweeping | per km | 1,200 | £14.50 | £17,400.00 |
| Manual litter picking | per round | 520 | £85.00 | £44,200.00 |
| Litter bin emptying | per bin | 21,424 | £1.20 | £25,708.80 |
| Dog waste bin emptying | per bin | 6,240 | £1.35 | £8,424.00 |
| Graffiti removal | per m2 | 300 | £22.00 | £6,600.00 |
| Fly-tipping clearance | per job | 450 | £65.00 | £29,250.00 |
| Total | | | | £131,582.80 |
"""

CLARIFICATION_LOG = """---
format: docx
title: Clarification log
author: Westbrook District Council
date: 2026-04-20
---
@title Clarification log
@subtitle Street Cleansing Services

| No. | Question | Response |
|---|---|---|
| 1 | Are the vehicles in the current fleet available to lease? | No. The current contractor owns its fleet. |
| 2 | How many complaints were received last year? | 184, most about missed bin collections in July. |
| 3 | Can a tenderer propose electric sweepers? | Yes. Describe them in your answer to the quality questions. |
| 4 | Is there a minimum number of staff? | No minimum is set; the standards in the specification must be met. |
| 5 | Will the contract be extended to cover the new estate? | The estate will be added by variation in year two. |
"""

AMENDMENTS = """---
format: pdf
title: Addendum No. 1 - Street Cleansing Services
author: Westbrook District Council
date: 2026-04-08
---
@title Addendum No. 1
@subtitle Street Cleansing Services

This addendum changes the tender documents issued on 1 April 2026. Tenderers must take it into account.

1. Paragraph 5 of the Invitation to Tender is amended to read:

"Tenders must be submitted through the Council's e-tendering portal by 19 May 2026 at 12:00 noon."

2. The number of litter bins in Schedule 1 of the specification is changed from 412 to 430.

3. Table 2 of the pricing schedule is replaced with the table in the annex to this addendum.

All other terms of the tender documents are unchanged.
"""

SITES = ["Abbey Road verges", "Bell Lane play area", "Church Green", "Dale Street car park", "Elm Close open space",
         "Ferry Road cemetery", "Glebe Field", "High Street planters", "Jubilee Park", "Kings Meadow",
         "Lime Avenue verges", "Mill Pond", "Newton Rise", "Orchard Way", "Park Lane sports field", "Quarry Wood path",
         "Rectory Close", "Station Approach", "Town Hall gardens", "Union Street", "Victoria Gardens",
         "War Memorial", "Wharf Road", "Yew Tree Green"]
BIG_SCHEDULE_ITT = """---
format: pdf
title: Request for Quotation - Grounds Maintenance
author: Ashby Fold Town Council
date: 2026-02-02
---
@title Request for Quotation
@subtitle Grounds Maintenance 2026-2029

The Town Council invites quotations for grass cutting, hedge cutting and shrub bed maintenance at the sites
below. Quotations must be returned by email by 2 March 2026. Quotations will be evaluated on price alone.

| Site | Task | Visits a year | Rate per visit (£) | Annual cost (£) |
|---|---|---|---|---|
""" + "".join(f"| {site} | {task} | {visits} | | |\n" for site in SITES
              for task, visits in (("Grass cutting", 16), ("Hedge cutting", 2)))

QUESTION_HEADINGS_SPEC = """---
format: docx
title: Befriending service - what we need
author: Ashby Fold Town Council
date: 2026-02-02
---
@title Befriending service

# What is the service?

The provider will match volunteer befrienders with older residents who live alone, and will run a weekly drop-in
group in the town hall.

# Who is it for?

Residents aged over 65 who are lonely or isolated. Referrals will come from GPs, the council and self-referral.

# What outcomes do we expect?

Fewer residents reporting loneliness, measured by the provider each quarter. The provider will report against the
key performance indicators in the specification annex.

# How many people will be supported?

About 120 residents a year. The provider must keep a waiting list of no longer than four weeks.
"""

SOURCES = {"addendum-2.pdf": ADDENDUM, "form-of-tender.docx": FORM, "conditions.pdf": TERMS,
           "specification.docx": SPEC, "itt.pdf": ITT, "rates.docx": PRICING_DOCX,
           "clarification-log.docx": CLARIFICATION_LOG, "rfq-grounds.pdf": BIG_SCHEDULE_ITT,
           "befriending-brief.docx": QUESTION_HEADINGS_SPEC, "addendum-1.pdf": AMENDMENTS}


def _build_module():
    spec = importlib.util.spec_from_file_location("fixtures_build_for_kinds", ROOT / "fixtures" / "build.py")
    build = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = build
    spec.loader.exec_module(build)
    return build


def write_pricing_xlsx(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pricing schedule"
    sheet.append(["Service", "Unit", "Estimated quantity", "Rate", "Annual cost"])
    for item, unit, quantity, rate in (("Mechanical sweeping", "per km", 1200, 14.5),
                                       ("Manual litter picking", "per round", 520, 85),
                                       ("Litter bin emptying", "per bin", 21424, 1.2),
                                       ("Graffiti removal", "per m2", 300, 22)):
        sheet.append([item, unit, quantity, rate, quantity * rate])
        for column in ("D", "E"):
            sheet[f"{column}{sheet.max_row}"].number_format = '"£"#,##0.00'
    book.save(path)
    return path


def write_evaluation_xlsx(path: Path) -> Path:
    """An evaluation matrix: criteria and weightings, no prices. Not a pricing schedule: the social value
    criterion is exactly what it should hold."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Evaluation matrix"
    sheet.append(["Award criterion", "Weighting", "Scoring method"])
    for row in (("Service delivery", "50%", "0-5 scale"), ("Staffing and training", "20%", "0-5 scale"),
                ("Price", "30%", "lowest price scores full marks")):
        sheet.append(list(row))
    book.save(path)
    return path


def build_kind_files(folder: Path) -> dict[str, Path]:
    build = _build_module()
    out = {}
    for name, text in SOURCES.items():
        src = folder / f"{Path(name).stem}.md"
        src.write_text(text, encoding="utf-8")
        builder = build.build_pdf if name.endswith(".pdf") else build.build_docx
        builder(build.parse(src), folder / name)
        src.unlink()
        out[name] = folder / name
    out["pricing.xlsx"] = write_pricing_xlsx(folder / "pricing.xlsx")
    out["evaluation.xlsx"] = write_evaluation_xlsx(folder / "evaluation.xlsx")
    (folder / ".git").mkdir()  # no .tendercheck.yaml from outside the test folder
    return out


@pytest.fixture(scope="session")
def kind_files(tmp_path_factory) -> dict[str, Path]:
    return build_kind_files(tmp_path_factory.mktemp("kinds"))
