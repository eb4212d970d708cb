"""contract.value_threshold_gbp: the whole-life value on the procurement thresholds' VAT basis.

The Procurement Act 2023 thresholds (Schedule 1) are compared with an estimated value that includes VAT (Cabinet
Office guidance on thresholds: "an estimated value (including VAT) of not less than the threshold amounts"),
while contract.value_total_gbp is kept excluding VAT. So a value stated including VAT is compared as given, one
stated excluding VAT is grossed up at the standard rate of 20%, and one whose document says VAT does not apply
is compared as it stands. A value whose VAT basis is not stated is compared as given, and the source says so:
the finding's {assumption} then tells the reader the bases may differ.
"""

from __future__ import annotations

import re

from checker.facts.base import Facts
from checker.facts.context import Context, fact

VAT_RATE = 1.2  # the UK standard rate, 20%
NO_VAT = re.compile(r"\bexempt\s+from\s+VAT\b|\bVAT[\s-]exempt\b|\bnot\s+(?:subject|liable)\s+to\s+VAT\b|"
                    r"\boutside\s+the\s+scope\s+of\s+VAT\b|\bno\s+VAT\s+(?:is\s+|will\s+be\s+)?(?:payable|"
                    r"chargeable|charged|applies)\b|\bzero[\s-]rated\b", re.IGNORECASE)
STATED_INC = "including VAT"  # checker.facts.value's source note for a figure given including VAT
STATED_EX = "stated excluding VAT"  # ... and for one given excluding VAT
UNSTATED = "VAT basis not stated"


def find(ctx: Context, facts: Facts) -> None:
    total = facts.get("contract.value_total_gbp")
    if total is None:
        return
    if STATED_INC in total.source:
        value, why = total.value * VAT_RATE, "stated including VAT: compared as given"
    elif any(NO_VAT.search(s.text) for s in ctx.sentences):
        value, why = total.value, "the document says VAT does not apply: compared as it stands"
    elif STATED_EX in total.source:
        value, why = total.value * VAT_RATE, "stated excluding VAT: grossed up at 20% to the thresholds' basis"
    else:
        value, why = total.value, f"{UNSTATED}: compared as given with the VAT-inclusive thresholds"
    facts.add(fact("contract.value_threshold_gbp", round(value, 2), "GBP", None, f"vat: {why}",
                   evidence=total.evidence, location=total.location))
