"""Weightings written in sentences: "Price 40%, Quality 60%", "40% quality and 60% price", "60/40 quality/price",
"60:30:10 (quality:price:social value)", "Price: 50, Quality: 40", marks out of a total, award on lowest price."""

from __future__ import annotations

import re

from checker import vocab
from checker.facts.context import Context, Sentence
from checker.facts.weighting.model import KINDS, Reading, kind_of, num

EVAL_CONTEXT = re.compile(r"weight|scor|\bmarks?\b|evaluat|award\s+criteri|\bcriteri|\bpoints\b|\bsplit\b|\bratio\b|"
                          r"allocated|assessed|account\s+for", re.IGNORECASE)
NOT_SCORED = re.compile(r"pass\s*/\s*fail|pass\s+or\s+fail|not\s+(?:be\s+)?(?:scored|weighted|evaluated)|unweighted|"
                        r"no\s+weighting|for\s+information\s+only", re.IGNORECASE)
_RATIO_KIND = r"(?:quality|price|cost|technical|commercial|social\s+value)"
_RATIO_NUMS = r"\d{1,3}\s*%?(?:\s*[/:]\s*\d{1,3}\s*%?){1,3}"
_RATIO_KINDS = _RATIO_KIND + r"(?:\s*(?:/|:|and|to)\s*" + _RATIO_KIND + r"){1,3}"
RATIO = re.compile(r"(?P<nums>" + _RATIO_NUMS + r")\s*(?:split\s+|ratio\s+)?(?:between\s+|of\s+|for\s+)?\(?\s*(?P<kinds>"
                   + _RATIO_KINDS + r")\s*\)?"
                   r"|(?P<kinds2>" + _RATIO_KINDS + r")\s+(?:\w+\s+){0,3}?\(?(?P<nums2>" + _RATIO_NUMS + r")\)?",
                   re.IGNORECASE)
OF_QUALITY = re.compile(r"^\W{0,3}(?:of\s+(?:the\s+)?(?:total\s+|overall\s+|available\s+)?(?:quality|technical)|"
                        r"(?:within|of)\s+(?:the\s+)?(?:quality|technical)\s+(?:score|section|element|marks|"
                        r"weighting|envelope|criteria|assessment|evaluation))", re.IGNORECASE)
OF_WHICH = re.compile(r"(?:of\s+which|including|includes|\bincl\b\.?|within\s+(?:this|which)|comprising|made\s+up\s+of)\b[^.;]*$",
                      re.IGNORECASE)
TOTAL_BEFORE = re.compile(r"(?:out\s+of|total\s+of|maximum\s+of|max\.?|totals?|in\s+total)\s*[:(]?\s*$", re.IGNORECASE)
POLICY_STATEMENT = re.compile(r"\bPPN\b|procurement\s+policy\s+note|\bguidance\b|\bpolicy\b", re.IGNORECASE)
POLICY_MODAL = re.compile(r"\bshould\b|\brecommend\w*|\bexpects?\b|\brequires?\s+(?:that|a|in-scope)|\bmust\s+be\s+given\b"
                          r"|\bminimum\s+(?:weighting|of)\b|\bat\s+least\b", re.IGNORECASE)
# "25% of the contract price is payable on achievement of outcomes": a payment schedule, not a weighting.
PAYMENT = re.compile(r"\b(?:payable|paid|payments?|pay|invoic\w*|instal?ments?|in\s+arrears|withheld|retained|"
                     r"retentions?|at\s+risk|reimburs\w*|released|deducted)\b", re.IGNORECASE)
SCORING = re.compile(r"weight|scor|\bmarks?\b|evaluat|award\s+criteri|\bcriteri", re.IGNORECASE)
# "Quality 70 : Price 30", "Price 40 / Quality 50 / Social value 10": each name beside its own number.
_PAIR = r"(?:quality|price|cost|technical|commercial|social\s+value)\s*[:\-–]?\s*\d{1,3}(?:\.\d+)?\s*%?"
# "Quality 65 (of which Social Value 15) / Price 35": a criterion's share of the total with a part nested in it
_NESTED = r"\(\s*(?:of\s+which|including|incl\.?|within\s+which)\s+(?P<inner>" + _PAIR + r")\s*\)"
_PAIR_NESTED = _PAIR + r"(?:\s*" + _NESTED.replace("?P<inner>", "?:") + r")?"
INTERLEAVED = re.compile(_PAIR_NESTED + r"(?:\s*(?:[:/|,]|\band\b)\s*" + _PAIR_NESTED + r"){1,3}", re.IGNORECASE)
NESTED = re.compile(_NESTED, re.IGNORECASE)
# "Three fifths of the marks are for quality, one fifth for social value and one fifth for price"
_FRACTION = (r"(?:(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine)\s+)?(?P<part>half|halves|thirds?|"
             r"quarters?|fifths?|tenths?)")
FRACTION_SHARE = re.compile(_FRACTION + r"\s+(?:of\s+the\s+(?:available\s+|total\s+)?(?:marks|score|points|weighting)\s+)?"
                            r"(?:(?:are|is|goes?|will\s+be|go)\s+)?(?:for|to|on|given\s+to|allocated\s+to|awarded\s+"
                            r"(?:for|to))\s+(?:the\s+)?(?P<label>quality|price|cost|technical|commercial|social\s+value)",
                            re.IGNORECASE)
FRACTION_OF_MARKS = re.compile(_FRACTION + r"\s+of\s+the\s+(?:available\s+|total\s+)?(?:marks|score|points|weighting)\b",
                               re.IGNORECASE)
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9}
_PARTS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
          "tenth": 10, "tenths": 10}
_PAIR_PARTS = re.compile(r"(?P<label>quality|price|cost|technical|commercial|social\s+value)\s*[:\-–]?\s*"
                         r"(?P<n>\d{1,3}(?:\.\d+)?)", re.IGNORECASE)
# One criterion per list item: "- Price – 40 points", "- Quality: 50%", "- Social value - 10 marks".
LIST_WEIGHT = re.compile(r"^\s*(?P<label>[A-Za-z][\w\s,'&()-]{1,60}?)\s*(?:[:\-–—=]|\bis\b|\bat\b)?\s*"
                         r"(?P<n>\d{1,3}(?:\.\d+)?)\s*(?P<unit>%|per\s*cent|points?|marks?)?\W*$", re.IGNORECASE)
BARE_WEIGHT = re.compile(r"(?P<label>\b(?:price|cost|quality|technical|commercial|social\s+value))\s*[:\-–=]\s*"
                         r"(?P<n>\d{1,3})\b(?!\s*(?:%|days?|months?|years?|weeks?|/|\.\d|,\d))", re.IGNORECASE)


def price_only(ctx: Context) -> Reading | None:
    """Award on lowest price alone ("awarded to the lowest priced tender", "Award basis: Lowest price")."""
    words = vocab.get("price_only")  # KIL-2.7's words
    for sent in ctx.find(words.words_any):
        m = words.words_any.search(sent.text)
        if m is None or words.unless_any.search(sent.text) or re.search(r"\b(?:not|no|never|n[’']t|nor)\b", sent.text[max(0, m.start() - 40):m.end()],
                                  re.IGNORECASE):
            continue  # "VIA may not necessarily award to the lowest price"
        if not re.search(r"\b(?:quality|social\s+value|technical|weight\w*\s+(?:of|at)\s+\d)", sent.context):
            return Reading(price=100.0, criteria=[{"name": "Price", "pct": 100, "parent": None}],
                           where={"price": sent}, rank=0, stated={"price"})
    return None


def prose_reading(ctx: Context) -> Reading | None:
    found: dict[str, tuple[float, str, Sentence]] = {}  # kind -> (value, relation, sentence)
    others: list[tuple[str, float, str, Sentence]] = []  # later readings of a kind already found
    for sent in ctx.sentences:
        if sent.block.kind == "table_cell":
            continue
        in_context = EVAL_CONTEXT.search(sent.context) or EVAL_CONTEXT.search(sent.section)
        # numbers and criteria joined as a ratio ("on a 70:30 price:quality basis", "Quality 65 / Price 35") need
        # no other cue
        if ratio := _ratio(sent.text, fractions=bool(in_context)):
            for kind, value in ratio:
                found.setdefault(kind, (value, "total", sent))
            if "social_value" not in dict(ratio) and "quality" in dict(ratio):
                # "70:30 quality:price, of which social value is 10%": a part nested in the ratio's quality
                for kind, value, relation in _nested_after_ratio(sent):
                    found.setdefault(kind, (value, relation, sent))
            continue
        if nested := _share_of_quality_marks(sent.text):
            found.setdefault(nested[0], (nested[1], "of_quality", sent))  # "10 of the 70 quality marks"
            continue
        if parts := _parts_of_stated_total(sent.text):
            for kind, value in parts:  # "250 points in total: 135 for quality, 25 for social value, 90 for price"
                found.setdefault(kind, (value, "total", sent))
            continue
        if not sent.ents("PERCENT"):
            if in_context and (bare := _bare_weights(sent.text)):
                for kind, value in bare:
                    found.setdefault(kind, (value, "total", sent))
            continue
        if PAYMENT.search(sent.text) and not SCORING.search(sent.text):
            continue  # shares of the price paid on a schedule or on results
        if POLICY_STATEMENT.search(sent.text) and POLICY_MODAL.search(sent.text):
            continue  # "Under PPN 06/20, social value should be given a minimum weighting of 10%"
        weights = _sentence_weights(sent)
        if not in_context and len({k for k, _, _ in weights}) < 2:
            continue  # "Price 40%, Quality 60%" needs no cue; a lone "10% social value" does
        for kind, value, relation in weights:
            if kind in found:
                others.append((kind, value, relation, sent))
            else:
                found[kind] = (value, relation, sent)
    for kind, value, sent in _list_weights(ctx):
        found.setdefault(kind, (value, "total", sent))
    if not found or set(found) == {"quality"}:
        return None
    reading = Reading(rank=1)
    price = found.get("price", (None,))[0]
    quality = found.get("quality", (None,))[0]
    sv, sv_rel = (found["social_value"][0], found["social_value"][1]) if "social_value" in found else (None, None)
    if quality is None and price is not None and (sv is None or sv_rel != "total"):
        quality = 100 - price
    reading.quality_gross = quality
    if sv is not None:
        if sv_rel == "of_quality":
            if quality is None:
                sv = None
            else:
                sv = sv * quality / 100
                quality -= sv
        elif quality is not None and (sv_rel == "of_which"
                                      or (price is not None and price + quality + sv > 100.5
                                          and abs(price + quality - 100) < 0.5)):
            quality -= sv
    reading.price, reading.quality, reading.social_value = price, quality, sv
    reading.sv_raw = found.get("social_value")
    reading.where = {k: v[2] for k, v in found.items()}
    reading.stated = {k for k, v in found.items() if v[1] == "total"}
    if "quality" not in reading.where and quality is not None:
        reading.where["quality"] = reading.where.get("price")
    reading.criteria = [{"name": k.replace("_", " ").capitalize(), "pct": num(v), "parent": None}
                        for k, v in (("price", price), ("quality", quality), ("social_value", sv)) if v is not None]
    # A second, different social value weighting stated as a share of the total is a conflict to keep.
    for kind, value, relation, sent in others:
        if kind == "social_value" and relation == "total" and sv is not None and abs(value - sv) >= 0.5:
            reading.conflicts.append((kind, value, sent))
    return reading


# "Social value counts for 10 of the 70 quality marks", "Of the 60 quality points, 12 are for social value"
_QUALITY_MARKS = r"(?P<m>\d{1,3}(?:\.\d+)?)\s+(?:available\s+)?(?:quality|technical)\s+(?:marks|points)"
PART_OF_QUALITY_MARKS = re.compile(
    r"(?P<n>\d{1,3}(?:\.\d+)?)\s*(?:marks?|points?)?\s+(?:out\s+)?of\s+(?:the\s+)?" + _QUALITY_MARKS
    + r"|\bof\s+(?:the\s+)?" + _QUALITY_MARKS.replace("?P<m>", "?P<m2>")
    + r"\s*,?\s*(?P<n2>\d{1,3}(?:\.\d+)?)\s*(?:marks?|points?)?\s+(?:are|is|go|goes|will\s+be)\b", re.IGNORECASE)


def _share_of_quality_marks(text: str) -> tuple[str, float] | None:
    """Social value given as some of the quality marks ('10 of the 70 quality marks'): (social_value, its percent
    of quality). Any other criterion so stated is a quality question, no share of the total of its own."""
    m = PART_OF_QUALITY_MARKS.search(text)
    if not m or not KINDS[0][1].search(text) or NOT_SCORED.search(text):
        return None
    n, of = float(m.group("n") or m.group("n2")), float(m.group("m") or m.group("m2"))
    return ("social_value", n * 100 / of) if 0 < n < of else None


def _nested_after_ratio(sent: Sentence) -> list[tuple[str, float, str]]:
    """Social value stated in the same sentence as a ratio of quality and price: a part of quality ('10 of the 60
    quality marks', '10% of the quality score') or a share of the total inside it ('of which social value 10%')."""
    if nested := _share_of_quality_marks(sent.text):
        return [(nested[0], nested[1], "of_quality")]
    if NOT_SCORED.search(sent.text):
        return []
    return [(kind, value, relation) for kind, value, relation in _sentence_weights(sent) if kind == "social_value"]


PART_FOR = re.compile(r"\b(?P<n>\d{1,4})\s*(?:marks?|points?)?\s+(?:are\s+|is\s+|go\s+)?(?:for|to)\s+(?:the\s+)?"
                      r"(?P<label>quality|price|cost|technical|commercial|social\s+value)\b", re.IGNORECASE)


def _parts_of_stated_total(text: str) -> list[tuple[str, float]] | None:
    """'There are 250 points available in total: 135 for quality, 25 for social value and 90 for price': named
    parts that make up the stated total exactly, as shares of it."""
    m = STATED_TOTAL.search(text)
    if m is None:
        return None
    total = float(m.group("n") or m.group("n2"))
    pairs = [(kind_of(p.group("label")), float(p.group("n"))) for p in PART_FOR.finditer(text, m.end())]
    if len(pairs) < 2 or len({k for k, _ in pairs}) != len(pairs) or total <= 0 \
            or abs(sum(n for _, n in pairs) - total) > 0.5:
        return None
    return [(k, n * 100 / total) for k, n in pairs]


def _bare_weights(text: str) -> list[tuple[str, float]] | None:
    """'Price: 50, Quality: 40, Social Value: 10' (no % sign): named numbers that add up to 100."""
    pairs = [(kind_of(m.group("label")), float(m.group("n"))) for m in BARE_WEIGHT.finditer(text)]
    pairs = [(k, n) for k, n in pairs if k]
    if len(pairs) >= 2 and len({k for k, _ in pairs}) == len(pairs) and abs(sum(n for _, n in pairs) - 100) < 1:
        return pairs
    return None


def _list_weights(ctx: Context) -> list[tuple[str, float, Sentence]]:
    """Criteria weighted one per list item, in evaluation text: shares that add up to 100 (points or marks
    adding up to another total are scaled to 100)."""
    runs, run, last = [], [], None
    for sent in ctx.sentences:
        item = sent.block.kind == "list_item" or _run_continues(sent, run, last)
        if not item or (last is not None and sent.block_index > last + 1):
            if run:
                runs.append(run)
            run = []
        if item and (m := LIST_WEIGHT.match(sent.text)) and kind_of(m.group("label")):
            run.append((kind_of(m.group("label")), float(m.group("n")), m.group("unit") or "", sent))
        last = sent.block_index if item else None
    if run:
        runs.append(run)
    for run in runs:
        kinds = [k for k, _, _, _ in run]
        total = sum(n for _, n, _, _ in run)
        in_context = any(EVAL_CONTEXT.search(s.section) or EVAL_CONTEXT.search(s.context) for *_, s in run) \
            or _eval_text_before(ctx, run[0][3])
        if len(run) < 2 or len(set(kinds)) != len(kinds) or not in_context or total <= 0:
            continue
        marks = all(u.lower().startswith(("point", "mark")) for _, _, u, _ in run)
        if abs(total - 100) > 1 and not marks:
            continue
        return [(k, n * 100 / total, sent) for k, n, _, sent in run]
    return []


_LOT_REF = r"(?:sub-?)?lots?\s+\d{1,2}[a-z]?\b"
LOT_SCOPE = re.compile(r"^\W*(?:(?:for|in|under|on)\s+(?:the\s+)?)?(?P<lots>" + _LOT_REF
                       + r"(?:\s*(?:,|/|&|\band/or\b|\band\b|\bor\b|\bto\b|-|–)\s*(?:" + _LOT_REF + r"|\d{1,2}[a-z]?\b))*)"
                       r"\s*(?:,|:|\s-|\s–|\bonly\b|\bthe\b|\bweight)", re.IGNORECASE)


def lot_readings(ctx: Context) -> list[dict]:
    """Weightings stated for some lots only ('For Lot 1a and Lot 1b, ... Quality 80% Price 10% Social Value 10%';
    'Lots 2-3: Price 80%, Quality 20%'): one {lots, price, quality, social_value, sentence} per scope, when at
    least two scopes give different weightings. Each adds up to 100 or is left out."""
    found = []
    for sent in ctx.sentences:
        if sent.block.kind == "table_cell" or not (m := LOT_SCOPE.match(sent.text)):
            continue
        weights = {}
        if ratio := _ratio(sent.text):
            weights = dict(ratio)
        else:
            for kind, value, relation in _sentence_weights(sent):
                if relation == "total":
                    weights.setdefault(kind, value)
        if len(weights) < 2 or abs(sum(weights.values()) - 100) > 0.5:
            continue
        found.append({"lots": " ".join(m.group("lots").split()), **{k: weights.get(k) for k in
                                                                    ("price", "quality", "social_value")},
                      "sentence": sent})
    distinct = {(f["price"], f["quality"], f["social_value"]) for f in found}
    return found if len(found) >= 2 and len(distinct) >= 2 else []


def quality_list_breakdown(ctx: Context, reading: Reading) -> None:
    """'The 70 quality marks are divided between four questions: Q1 ... 25 marks ... Q4 Social value 10 marks':
    a list of sub-criteria that adds up to the quality share (or to 100 within it) carries social value nested
    in quality; its share of the total comes out of quality."""
    if reading.social_value is not None or reading.quality is None or reading.quality <= 0:
        return
    quality = reading.quality
    for run in _weighted_runs(ctx):
        total = sum(n for _, n, _ in run)
        adds_to_quality, adds_to_100 = abs(total - quality) <= 0.5, abs(total - 100) <= 0.5
        if not adds_to_quality and not (adds_to_100 and QUALITY_INTRO.search(_text_before(ctx, run[0][2]))):
            continue  # a list adding up to 100 is inside quality only when the text before it says so
        sv = [(label, n, sent) for label, n, sent in run if kind_of(label) == "social_value"]
        if len(sv) != 1 or any(kind_of(label) == "price" for label, _, _ in run):
            continue
        share = sv[0][1] * quality / total
        reading.social_value, reading.quality = share, quality - share
        reading.where["social_value"] = sv[0][2]
        reading.stated |= {"social_value", "quality"}
        reading.criteria = [c for c in reading.criteria if c["name"] not in ("Quality", "Social value")] + [
            {"name": "Quality", "pct": num(reading.quality), "parent": None},
            {"name": "Social value", "pct": num(share), "parent": "Quality"}]
        return


QUALITY_INTRO = re.compile(r"\b(?:quality|technical)\b", re.IGNORECASE)


def _weighted_runs(ctx: Context):
    """Runs of two or more list items, each one named criterion and its weight, in document order."""
    run, last = [], None
    for sent in ctx.sentences:
        m = LIST_WEIGHT.match(sent.text) if sent.block.kind == "list_item" else None
        if m is None or (last is not None and sent.block_index > last + 1):
            if len(run) >= 2:
                yield run
            run = []
        if m is not None:
            run.append((m.group("label"), float(m.group("n")), sent))
            last = sent.block_index
    if len(run) >= 2:
        yield run


def _text_before(ctx: Context, sent: Sentence) -> str:
    i = next((k for k, s in enumerate(ctx.sentences) if s is sent), 0)
    return " ".join(s.text for s in ctx.sentences[max(0, i - 2):i])


def _run_continues(sent: Sentence, run: list, last: int | None) -> bool:
    """A last item that lost its bullet in extraction (read as a heading or a paragraph): a block right after a
    run that is nothing but another criterion and its weight ('Social Value – 15 points')."""
    if not run or last is None or sent.block_index != last + 1 or sent.block.kind not in ("heading", "paragraph"):
        return False
    m = LIST_WEIGHT.match(sent.block.text)
    return bool(m and kind_of(m.group("label")) and (m.group("unit") or "").lower()[:1] == run[-1][2].lower()[:1])


def _eval_text_before(ctx: Context, sent: Sentence) -> bool:
    """The block before a list introduces it ('Tenders will be evaluated as follows:')."""
    i = sent.block_index - 1
    return i >= 0 and bool(EVAL_CONTEXT.search(ctx.document.blocks[i].text))


def _ratio(text: str, fractions: bool = True) -> list[tuple[str, float]] | None:
    """'60/40 quality/price', 'price:quality 40:60', '60:30:10 (quality:price:social value)', 'Quality 70 : Price
    30' -> [(kind, pct)]; shares as fractions of the marks only when `fractions` (an evaluation cue is near)."""
    m = RATIO.search(text)
    if not m:
        if inter := INTERLEAVED.search(text):
            return _interleaved(inter.group(0))
        return _fractions(text) if fractions else None
    nums = [float(n.strip(" %")) for n in re.split(r"[/:]", m.group("nums") or m.group("nums2"))]
    kinds = [kind_of(k) for k in re.split(r"\s*(?:/|:|\band\b|\bto\b)\s*", m.group("kinds") or m.group("kinds2"))]
    if len(nums) != len(kinds) or None in kinds or len(set(kinds)) != len(kinds) or abs(sum(nums) - 100) > 1:
        return None
    return list(zip(kinds, nums))


def _interleaved(text: str) -> list[tuple[str, float]] | None:
    """'Quality 70 : Price 30'; with a nested part ('Quality 65 (of which Social Value 15) / Price 35') the outer
    criteria add up to 100 and the part is taken out of its parent: quality 50, social value 15, price 35."""
    nested = [(m.start(), m.group("inner")) for m in NESTED.finditer(text)]
    outer = NESTED.sub(" ", text)
    pairs = [(kind_of(p.group("label")), float(p.group("n"))) for p in _PAIR_PARTS.finditer(outer)]
    if None in {k for k, _ in pairs} or len({k for k, _ in pairs}) != len(pairs) \
            or abs(sum(n for _, n in pairs) - 100) > 1:
        return None
    shares = dict(pairs)
    for start, inner in nested:
        part = _PAIR_PARTS.search(inner)
        kind, n = kind_of(part.group("label")), float(part.group("n"))
        before = [p for p in _PAIR_PARTS.finditer(text) if p.end() <= start]
        parent = kind_of(before[-1].group("label")) if before else None
        if kind is None or kind in shares or parent is None or n >= shares[parent]:
            return None
        shares[parent] -= n
        shares[kind] = n
    return list(shares.items())


def _fractions(text: str) -> list[tuple[str, float]] | None:
    """Shares given as fractions of the marks: 'Three fifths of the marks are for quality, one fifth for social
    value and one fifth for price' -> quality 60, social value 20, price 20 (they must add up to the whole)."""
    if not FRACTION_OF_MARKS.search(text):
        return None
    shares = {}
    for m in FRACTION_SHARE.finditer(text):
        kind = kind_of(m.group("label"))
        value = 100 * _COUNTS[(m.group("count") or "one").lower()] / _PARTS[m.group("part").lower()]
        if kind is None or kind in shares:
            return None
        shares[kind] = round(value, 2)
    if len(shares) < 2 or abs(sum(shares.values()) - 100) > 1:
        return None
    return list(shares.items())


def _sentence_weights(sent: Sentence) -> list[tuple[str, float, str]]:
    """(kind, percent, relation) for each PERCENT in the sentence that names a criterion.

    relation: total (a share of the total score), of_quality ("10% of the quality score") or of_which
    ("Quality 60% of which social value 10%")."""
    text, base = sent.block.text, sent.span.start_char
    ents = [e for e in sent.ents("PERCENT") if not TOTAL_BEFORE.search(text[max(base, e.start_char - 25):e.start_char])]
    marks_scale = _marks_scale(sent, [e for e in ents if e._.basis == "marks"])
    ents = [e for e in ents if e._.basis != "marks" or marks_scale is not None]
    if not ents:
        return []
    out = []
    prev_end = base
    bounds = [(e.start_char, e.end_char) for e in ents]
    # "Price 40%, quality 60%" names before the number; "40% quality and 60% price" after it.
    label_first = _last_kind(text[base:ents[0].start_char]) is not None
    for n, e in enumerate(ents):
        before = text[prev_end:e.start_char]
        nxt = bounds[n + 1][0] if n + 1 < len(bounds) else sent.span.end_char
        after = text[e.end_char:nxt]
        after_short = re.split(r"[,;.]|\band\b", after, maxsplit=1)[0]
        if len({k for k, pattern in KINDS if pattern.search(before)}) > 1 and re.search(
                r"\b(?:together|combined|jointly|between\s+them)\b", before, re.IGNORECASE):
            kind = None  # "Quality and social value will together account for 80%": a sum, not one criterion
        elif OF_QUALITY.search(after) and KINDS[0][1].search(before):
            kind = "social_value"  # "social value ... is worth 10% of the quality score"
        elif label_first:
            kind = _last_kind(before) or kind_of(after_short[:60])
        else:
            kind = kind_of(after_short[:60]) or _last_kind(before)
        prev_end = e.end_char
        if kind is None:
            continue
        if kind == "social_value" and NOT_SCORED.search(sent.text):
            continue
        relation = "total"
        if OF_QUALITY.search(after):
            relation = "of_quality" if kind == "social_value" else "total"
        elif kind == "social_value" and OF_WHICH.search(text[base:e.start_char]) and n > 0:
            relation = "of_which"
        out.append((kind, e._.value * (marks_scale if e._.basis == "marks" else 1.0), relation))
    return out


def _last_kind(text: str) -> str | None:
    """The criterion named closest to the end of text (so 'price 40%' binds to price, not an earlier word)."""
    best, pos = None, -1
    for kind, pattern in KINDS:
        for m in pattern.finditer(text):
            if m.start() > pos and not (kind == "quality" and best == "social_value" and m.start() < pos + 40):
                best, pos = kind, m.start()
    if best and len(text) - pos > 80:
        return None
    return best


def _marks_scale(sent: Sentence, marks: list) -> float | None:
    """What turns the sentence's marks into shares of the total: 1 when they are out of 100; 100/N when the
    sentence states a total of N ('marked out of 200 points') and its marks add up to it; None otherwise (marks
    with no total to check them against, or a total they do not reach, are not shares)."""
    if abs(_marks_total(sent) - 100) < 0.5:
        return 1.0
    m = STATED_TOTAL.search(sent.text)
    if m is None:
        return None
    total = float(m.group("n") or m.group("n2"))
    parts = [e for e in marks if not (e.start_char - sent.span.start_char <= m.start("n2") < e.end_char
                                      - sent.span.start_char)] if m.group("n2") else marks
    if total > 0 and len(parts) >= 2 and abs(sum(e._.value for e in parts) - total) < 0.5:
        return 100.0 / total
    return None


# "out of 200 points", "a maximum of 50 marks", "250 points available in total"
STATED_TOTAL = re.compile(r"(?:out\s+of|total\s+of|maximum\s+of)\s+(?P<n>\d+)\s*(?:marks|points)"
                          r"|(?P<n2>\d+)\s*(?:marks|points)\s+(?:are\s+)?(?:available\s+)?in\s+total", re.IGNORECASE)


def _marks_total(sent: Sentence) -> float:
    m = re.search(r"(?:out\s+of|total\s+of|maximum\s+of)\s+(\d+)\s*(?:marks|points)", sent.text, re.IGNORECASE)
    if m:
        return float(m.group(1))
    text = sent.block.text
    return sum(e._.value for e in sent.ents("PERCENT") if e._.basis == "marks"
               and not TOTAL_BEFORE.search(text[max(0, e.start_char - 25):e.start_char]))
