"""What every weighting reading shares: the criterion kinds and the normalised Reading."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KINDS = (
    ("social_value", re.compile(r"social\s+value|community\s+benefits?|\btoms\b|social,\s+economic|"
                                r"social\s+and\s+environmental", re.IGNORECASE)),
    ("price", re.compile(r"\bprice\b(?!\s+(?:review|reviews|indexation|adjustments?|variations?|increases?)\b)|"
                         r"\bpricing\b|\bvalue\s+for\s+money\b|\bcosts?\b(?!\s+(?:control|reduction|savings?|"
                         r"management|avoidance)\b)|\bcommercial\b|\bfinancial\b(?!\s+(?:standing|stability|capacity|health|risk|"
                         r"statements?|information|due\s+diligence))|\bfinancial\s+(?:offer|proposal|"
                         r"submission|evaluation|envelope)|\bfees?\b|\bcost\s+proposal|\bprice\s+proposal|"
                         # a criterion named "Value" and nothing else (the Provider Selection Regime's key criterion)
                         r"^\W*value\W*$", re.IGNORECASE)),
    # "Quality monitoring, audits and response to failures" is a question on a topic, not the quality criterion
    ("quality", re.compile(r"\bquality\b(?!\s+(?:assurance|monitoring|management|control|standards?|audits?|"
                           r"improvement|checks?|systems?|frameworks?|plans?|inspections?|reviews?)\b)|\btechnical\b|"
                           r"\bqualitative\b|\bnon-price\b|\bnon-financial\b", re.IGNORECASE)),
)


@dataclass
class Reading:
    """One source's weighting scheme, normalised to shares of the total."""

    price: float | None = None
    quality: float | None = None
    social_value: float | None = None
    criteria: list[dict] = field(default_factory=list)
    where: dict = field(default_factory=dict)  # kind -> Sentence
    rank: int = 0  # 2 table, 1 prose, 0 award on lowest price
    stated: set = field(default_factory=set)  # kinds read directly (not derived as 100 - the rest)
    conflicts: list = field(default_factory=list)  # (kind, value, Sentence) other readings in the same source
    quality_gross: float | None = None  # quality as stated, before social value nested in it is taken out
    sv_raw: tuple | None = None  # prose: (value, relation, Sentence) of social value as written


def kind_of(text: str) -> str | None:
    """The criterion a label names: social_value, price or quality (social value first: "social value price")."""
    for kind, pattern in KINDS:
        if pattern.search(text):
            return kind
    return None


def num(x: float):
    """A share rounded for reports: 40.0 -> 40, 6.666 -> 6.67."""
    x = round(x, 2)
    return int(x) if float(x).is_integer() else x
