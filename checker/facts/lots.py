"""lots.count, lots.items, lots.max_value_gbp, lots.reason_not_divided.

Lots are read from explicit statements ("divided into three lots", "will not be divided into lots"), from
blocks that start with "Lot 1", "Lot 2" (headings, list items, table cells) and from lot tables. "Lots of"
in ordinary English is not a lot: a lot needs a number, a division verb, or the word "lots" as a noun of the
procurement. A document silent on lots has no lots.count: rules decide what silence means.
"""

from __future__ import annotations

import re

from checker.facts.base import Facts
from checker.facts.context import Context, Sentence, fact, gbp
from checker.facts.money_roles import role as money_role
from checker.nlp.numbers import SMALL_NUMBER, parse_number

VAT_RATE = 1.2
_LOT_ADJ = (r"(?:(?:separate|distinct|geographic(?:al)?|regional|area[\s-]based|service|locality|district|"
            r"individual)\s+)?")
DIVIDED = re.compile(r"\b(?:divided|split|broken\s+down|separated|organised|arranged|structured|procured|tendered|"
                     r"let|comprises?|consists?\s+of|made\s+up\s+of|offered|available)\s+(?:\w+\s+){0,2}?(?:in|into|"
                     r"as|of|across)?\s*(?P<n>" + SMALL_NUMBER + r")\s+" + _LOT_ADJ + r"lots\b"
                     r"|\b(?P<n2>" + SMALL_NUMBER + r")\s+" + _LOT_ADJ + r"lots\b(?!\s+of\b)",
                     re.IGNORECASE)
UNDIVIDED = re.compile(r"\b(?:not|n[o’']t)\s+(?:\w+\s+){0,3}(?:divided|divide|split|broken\s+down|break|separated|"
                       r"lotted|packaged)\s+(?:\w+\s+){0,3}?(?:in)?to\s+(?:separate\s+)?lots\b|\bnot\s+(?:be\s+|been\s+)?lotted\b"
                       r"|\b(?:as|in|into|under|via|through|comprises|is)\s+(?:a\s+single|one|1)\s+lot\b"
                       r"|\ba\s+single\s+lot\b(?!\s+(?:or|and)\b)|\(\s*(?:one|a\s+single|1)\s+lot\s*\)"
                       r"|\b(?:procurement|tender|opportunity|requirement)\s+is\s+for\s+(?:a\s+single|one)\s+"
                       r"(?:[\w-]+\s+){0,2}?contract\b"
                       r"|\b(?:let|awarded|procured|tendered|delivered|commissioned)\s+as\s+(?:a\s+single|one)\s+"
                       r"(?:[\w-]+\s+){0,2}?contract\b|\b(?:is|be)\s+a\s+single\s+(?:[\w-]+\s+){0,2}?contract\b"
                       r"|\bno\s+lots\b|\bnot\s+(?:been\s+)?(?:sub)?divided\b"
                       r"|\b(?:decided|concluded|determined|chose|chosen|opted)\s+(?:not\s+to\s+(?:divide|split|lot)|that\s+"
                       r"(?:a\s+single|one)\s+(?:[\w-]+\s+){0,2}?(?:contract|lot)\b|to\s+(?:let|award|procure|tender|"
                       r"offer|run|keep|buy)\s+(?:it\s+|this\s+|them\s+|the\s+(?:\w+\s+){1,3}?)?(?:as\s+)?(?:a\s+single|one)\s+"
                       r"(?:[\w-]+\s+){0,2}?(?:contract|lot|concession|agreement)\b)"
                       # "We have kept this as one contract, not lots, because ..."
                       r"|\b(?:kept|keep|keeping|left|leave)\s+(?:this|it|the\s+\w+)\s+as\s+(?:a\s+single|one)\s+"
                       r"(?:[\w-]+\s+){0,2}?(?:contract|lot|concession|agreement)\b"
                       r"|\blots?\s*[:\-–]\s*(?:no|none|n/a|1|one)\b"
                       r"|\b(?:considered|looked\s+at|explored|assessed|thought\s+about|weighed\s+up)\s+(?:\w+\s+){0,2}(?:dividing|splitting|lotting|"
                       r"breaking)\b[^.;]{0,120}?\b(?:decided\s+against|rejected|chose\s+not|decided\s+not|concluded\s+"
                       r"(?:against|not))\b"
                       r"|\bdecided\s+against\s+(?:dividing|splitting|lotting|breaking)\b", re.IGNORECASE)
REASON = re.compile(r"\b(?:because|as|since|due\s+to|owing\s+to|given\s+(?:that|the)|in\s+order\s+to|"
                    r"reasons?|so\s+that|this\s+is\s+to|rationale|would|justif\w+)\b", re.IGNORECASE)
EACH_LOT = re.compile(r"\b(?:each|every|per)\s+lot\b", re.IGNORECASE)
BOTH_LOTS = re.compile(r"\b(?:both|either)\s+(?:of\s+)?(?:the\s+)?(?:two\s+)?lots\b", re.IGNORECASE)
LOT_START = re.compile(r"^\s*Lot\s+(?P<id>\d{1,2}|[A-Z](?![A-Za-z])|one|two|three|four|five|six|seven|eight|nine|"
                       r"ten)\b\s*(?:[:.\-–—)]\s*)?(?P<title>.*)$")
WHOLE_LIFE_HEADER = re.compile(r"whole[\s-]life|total|lifetime|contract\s+value|maximum|max\.?\s+value|over\s+\d|up\s+to\s+\d", re.IGNORECASE)
ANNUAL_HEADER = re.compile(r"\bannual|per\s+annum|(?:per|each|a)\s+year\b|yearly|p\.a\.", re.IGNORECASE)
LOT_HEADER = re.compile(r"^\s*lot\b", re.IGNORECASE)
# the lots' values said to exclude VAT, in their sentence or their column's heading ("Value (excl. VAT)")
EX_VAT = re.compile(r"\bex(?:cl(?:uding|usive\s+of|\.)?|\.)?\s*vat\b|\bnet\s+of\s+vat\b|\bplus\s+vat\b", re.IGNORECASE)
NOT_LOT_CONTEXT = re.compile(r"\b(?:parking|vacant|parcel|block|subdivision|plat|acre|property|address|street|"
                             r"avenue|lot\s+size|lot\s+line)\b", re.IGNORECASE)


def find(ctx: Context, facts: Facts) -> None:
    items = _items(ctx, facts)
    named = None if len(items) >= 2 else _lots_named_in_text(ctx, facts)
    if named:
        items = named[2]
    elif items and all(i["value_gbp"] is None for i in items):
        _values_from_prose(items, _lots_named_in_text(ctx, facts))
    stated, undivided = _statements(ctx)
    if stated:
        n, sent = stated
        facts.add(fact("lots.count", n, "count", sent, "lots: stated number"))
    elif (split := _sub_lots(ctx)) and split[0] > max(len(items), named[0] if named else 0):
        facts.add(fact("lots.count", split[0], "count", split[1], "lots: lots and their sub-lots"))
    elif len(items) >= 2:
        first = items[0]
        facts.add(fact("lots.count", len(items), "count", first["_sent"], "lots: Lot headings/rows"))
    elif named:
        facts.add(fact("lots.count", named[0], "count", named[1], "lots: 'Lot 1' ... 'Lot N' in the text"))
    elif units := _units_as_lots(ctx):
        facts.add(fact("lots.count", units[0], "count", units[1], "lots: each unit is a lot"))
    elif undivided:
        facts.add(fact("lots.count", 1, "count", undivided, "lots: stated undivided"))
    elif both := next((s for s in ctx.sentences if BOTH_LOTS.search(s.text)), None):
        facts.add(fact("lots.count", 2, "count", both, "lots: 'both lots'"))
    count = facts.value("lots.count")
    if count and count >= 2:
        valued = [i for i in items if i["value_gbp"] is not None]
        each = None if valued else _each_lot_value(ctx, facts)
        if each:
            for item in items:
                item["value_gbp"], item["_money_sent"] = each
            valued = items
        if items:
            facts.add(fact("lots.items", [{"title": i["title"], "value_gbp": i["value_gbp"]} for i in items],
                           "list", items[0]["_sent"], "lots: items"))
        if valued:
            top = max(valued, key=lambda i: i["value_gbp"])
            facts.add(fact("lots.max_value_gbp", top["value_gbp"], "GBP", top["_money_sent"], "lots: largest lot"))
            if "contract.value_total_gbp" not in facts and len(valued) == len(items) == count:
                total = round(sum(i["value_gbp"] for i in items), 2)
                ex_vat = all(EX_VAT.search(i["_money_sent"].context) for i in items if i["_money_sent"] is not None)
                facts.add(fact("contract.value_total_gbp", total, "GBP", top["_money_sent"],
                               "value: sum of lots" + ("; stated excluding VAT" if ex_vat else "")))
                _annual_from_lots(items, facts, top["_money_sent"])
        elif each:
            facts.add(fact("lots.max_value_gbp", each[0], "GBP", each[1], "lots: each lot's value"))
    elif count == 1:
        total = facts.get("contract.value_total_gbp")
        if total is not None:
            facts.add(fact("lots.max_value_gbp", total.value, "GBP", None, "lots: undivided, contract total",
                           total.evidence, total.location))
    _reason(ctx, facts)


_LOT_ID = r"\d{1,2}[A-Za-z]?(?![\w’'])"
SUB_LOT_IDS = re.compile(r"\b(?:sub[\s-]?)?lots?\s*:?\s*(?P<ids>" + _LOT_ID + r"(?:(?:\s*\([^()]{0,60}\))?"
                         r"\s*(?:,|/|&|\band/or\b|\band\b|\bor\b)"
                         r"\s*(?:(?:sub[\s-]?)?lots?\s+)?" + _LOT_ID + r")*)", re.IGNORECASE)


# The tender's own word for its lots: "each zone is a separate lot", "We will treat each route as a separate lot"
LOT_SYNONYM = re.compile(r"\b(?:each|every)\s+(?P<unit>[a-z]+?)(?:s)?\s+(?:is|will\s+be|forms?|counts\s+as)\s+(?:treated\s+as\s+)?"
                         r"(?:a\s+|its\s+own\s+)?(?:separate\s+)?lot\b|\btreat\s+each\s+(?P<unit2>[a-z]+)\s+as\s+"
                         r"(?:a\s+)?(?:separate\s+)?lot\b", re.IGNORECASE)


def lot_unit(ctx: Context):
    """(unit, index of its Sentence) when the tender calls its lots by another word ('each zone is a separate lot',
    'we will treat each route as a separate lot'), else None; read once per document."""
    return ctx.once("lots.unit", _read_lot_unit)


def heads_unit(table, unit) -> bool:
    """The table's first column is headed by the tender's word for its lots ('Zone | Communities | Value')."""
    return bool(unit and table.header and (table.header[0] or "").strip().lower().rstrip("s") == unit[0])


def _read_lot_unit(ctx: Context):
    for i, sent in enumerate(ctx.sentences):
        m = LOT_SYNONYM.search(sent.text)
        if m:
            unit = (m.group("unit") or m.group("unit2")).lower().rstrip("s")
            if unit not in ("lot", "contract", "bid", "tender", "bidder", "supplier", "provider"):
                return unit, i
    return None


def _units_as_lots(ctx: Context):
    """Lots named by another word ('The borough is divided into four zones and each zone is a separate lot'):
    (count, Sentence), the count from a number of those units stated in that sentence or the two before it, else
    from a table whose first column is headed by the unit; None when neither says how many."""
    if (found := lot_unit(ctx)) is not None:
        word, i = found
        sent = ctx.sentences[i]
        plural = re.compile(r"\b(?P<n>" + SMALL_NUMBER + r")\s+(?:\w+\s+)?" + re.escape(word) + r"s\b", re.IGNORECASE)
        for near in [sent] + ctx.sentences[max(0, i - 2):i][::-1]:
            if (c := plural.search(near.text)) and (n := parse_number(c.group("n"))) and 2 <= n <= 50:
                return int(n), sent
        for table in ctx.document.tables:
            if heads_unit(table, found):
                rows = [r for r in table.rows[table.header_rows:] if r and r[0].strip()
                        and not re.match(r"(?i)\s*total\b", r[0])]
                if len(rows) >= 2:
                    return len(rows), sent
    return None


def _sub_lots(ctx: Context):
    """Lots split into sub-lots ('Lot 2 ... divided into two sub-lots: 2A and 2B', 'Lot 1a/Lot 1b', 'Lots 2a, 2b
    and Lot 3'): (number of lots that are let, first sentence) counting each split lot as its sub-lots, when the
    lot numbers run 1..N without a gap; None when no lot is split."""
    ids, first = set(), None
    for sent in ctx.sentences:
        if NOT_LOT_CONTEXT.search(sent.text):
            continue
        for m in SUB_LOT_IDS.finditer(sent.text):
            found = {x.lower() for x in re.findall(_LOT_ID, m.group("ids"))}
            if found:
                ids |= found
                first = first or sent
    parents = {i[:-1] for i in ids if i[-1].isalpha()}
    if not parents:
        return None
    numbers = {int(re.match(r"\d+", i).group(0)) for i in ids}
    if numbers != set(range(1, max(numbers) + 1)):
        return None
    leaves = {i for i in ids if i not in parents}
    return len(leaves), first


def _values_from_prose(items: list[dict], named) -> None:
    """Lots listed in a table of rates or services but valued in running text ('Lot 1 North (£1.8m), Lot 2
    ...'): take each lot's value from the text, matched by lot id."""
    if not named:
        return
    by_id = {i["_id"]: i for i in named[2]}
    for item in items:
        prose = by_id.get(item.get("_id"))
        if prose is not None and prose["value_gbp"] is not None:
            item["value_gbp"], item["_money_sent"] = prose["value_gbp"], prose["_money_sent"]


# a division weighed, not made: "considered dividing it into three lots", "could have been split into", "whether
# to divide it into"
CONSIDERED = re.compile(r"\b(?:considered|looked\s+at|explored|weighed|assessed|thought\s+about|reviewed)\s+(?:\w+\s+){0,3}?"
                        r"(?:dividing|splitting|lotting|whether)\b|\bcould\s+(?:have\s+been|be)\s+(?:divided|split)\b|"
                        r"\bwhether\s+to\s+(?:divide|split)\b|\boption\s+of\s+(?:dividing|splitting)\b", re.IGNORECASE)


# "... considered dividing it into three lots. It decided not to do so because ...": the refusal names the division
# only by the sentence before it
REFUSED_BACK = re.compile(r"\b(?:decided|chose|concluded|opted|determined)\s+(?:not\s+to\s+do\s+so|against\s+(?:it|this|"
                          r"that|doing\s+so))\b", re.IGNORECASE)


def _undivided(ctx: Context, i: int):
    """The match saying sentence i's contract is not divided: UNDIVIDED, or a refusal of the division the
    sentence before it weighed."""
    sent = ctx.sentences[i]
    if m := UNDIVIDED.search(sent.text):
        return m
    m = REFUSED_BACK.search(sent.text)
    if m and i and (prev := ctx.sentences[i - 1]).block_index in (sent.block_index, sent.block_index - 1) \
            and CONSIDERED.search(prev.text) and re.search(r"\blots?\b", prev.text, re.IGNORECASE):
        return m
    return None


def _statements(ctx: Context):
    """("divided into N lots" as (n, sentence) or None, first asserted "not divided into lots" sentence)."""
    stated = undivided = None
    for i, sent in enumerate(ctx.sentences):
        m = DIVIDED.search(sent.text) if stated is None else None
        if m and CONSIDERED.search(sent.text[max(0, m.start() - 80):m.end()]):
            m = None  # "The Board considered dividing the service into three lots" (and then chose one contract)
        if m and m.group("n2") and (sent.block.kind == "heading" or re.match(r"\s*[\d.]+\s+lots\s*$", sent.lower)):
            m = None  # "4 Lots" is section 4's heading, not four lots
        if m:
            n = parse_number(m.group("n") or m.group("n2"))
            if n and 1 <= n <= 100 and n == int(n) and not re.search(r"\bup\s+to\s+$|\bmaximum\s+of\s+$|\bbid\s+for\b",
                                                                     sent.lower[:m.start()][-20:]):
                stated = (int(n), sent)
        if undivided is None and _undivided(ctx, i):
            undivided = sent
    if stated and stated[0] == 1:
        return None, stated[1]
    return stated, undivided


def _lots_named_in_text(ctx: Context, facts: Facts):
    """Lots named in running text: 'Lot 1 North, Lot 2 Central and Lot 3 South', or another word the document
    defines as its lots ('Each zone is a separate lot': Zone A, Zone B, Zone C). Returns (N, first sentence,
    items) when ids 1..N or A.. all appear, else None; items take the first amount after each name."""
    unit = lot_unit(ctx)
    word = unit[0].capitalize() if unit else "Lot"
    named = re.compile(rf"\b{word}s?\s+(?P<id>\d{{1,2}}|[A-Z])\b(?![’'])")
    items: dict[str, dict] = {}
    first = None
    for sent in ctx.sentences:
        mentions = list(named.finditer(sent.text))
        if mentions and NOT_LOT_CONTEXT.search(sent.text):
            continue
        for n, m in enumerate(mentions):
            lot_id = m.group("id")
            first = first or sent
            title = re.match(r"\s*(?:\((?P<a>[^()]{2,60})\)|[:\-–—]\s*(?P<b>[^,;.()£]{2,60}))", sent.text[m.end():])
            title = (title.group("a") or title.group("b")).strip() if title else f"{word} {lot_id}"
            item = items.setdefault(lot_id, {"title": title, "value_gbp": None, "_sent": sent, "_money_sent": None,
                                             "_id": _norm_id(lot_id)})
            if item["value_gbp"] is None:
                base = sent.span.start_char
                lead = _amount_leading_to(sent, base + (mentions[n - 1].end() if n else 0), base + m.start())
                if lead is not None:  # "£95,000 a year is allocated to Lot 1"
                    _value_from(sent, item, facts, lead.start_char, lead.end_char)
                else:
                    end = mentions[n + 1].start() if n + 1 < len(mentions) else len(sent.text)
                    _value_from(sent, item, facts, base + m.end(), base + end)
    ids = sorted(items)
    expected = [str(i) for i in range(1, len(ids) + 1)] if ids and ids[0].isdigit() else \
        [chr(ord("A") + i) for i in range(len(ids))]
    if len(ids) >= 2 and sorted(ids, key=lambda x: (len(x), x)) == expected:
        return len(ids), first, [items[i] for i in expected]
    return None


def _amount_leading_to(sent: Sentence, start: int, end: int):
    """An amount between start and end that the words after it give to the lot named at end
    ('£95,000 per year is allocated to Lot 1', '£90,000 for Lot 2'), or None."""
    text = sent.block.text
    for ent in reversed(sent.ents("MONEY")):
        if start <= ent.start_char and ent.end_char <= end and re.fullmatch(
                r"[^.;£$€]{0,50}?\b(?:to|for|on|in)\s*", text[ent.end_char:end], re.IGNORECASE):
            return ent
    return None


def _items(ctx: Context, facts: Facts) -> list[dict]:
    """One dict per distinct lot id, in order of first appearance: title, value_gbp (whole life, ex VAT)."""
    by_id: dict[str, dict] = {}
    current = None  # the lot whose section we are in (after a "Lot N" heading)
    for sent in ctx.sentences:
        block = sent.block
        first_sentence = sent.span.start == 0
        m = LOT_START.match(block.text) if first_sentence else None
        if m and block.kind == "table_cell" and block.location.col not in (0, None):
            m = None
        if m and NOT_LOT_CONTEXT.search(block.text):
            m = None
        if m:
            lot_id = _norm_id(m.group("id"))
            title = _title(m.group("title"), ctx, block)
            item = by_id.setdefault(lot_id, {"title": title, "value_gbp": None, "_sent": sent, "_money_sent": None,
                                             "_id": lot_id})
            if not item["title"] and title:
                item["title"] = title
            current = lot_id if block.kind in ("heading", "paragraph", "list_item") else None
            if block.kind == "table_cell":
                _value_from_row(ctx, block, item, facts)
        elif block.kind == "heading" and first_sentence:
            current = None
        if current and current in by_id and by_id[current]["value_gbp"] is None:
            _value_from(sent, by_id[current], facts)
    unit = lot_unit(ctx)
    for table_index, table in enumerate(ctx.document.tables):
        # a table of lots, or of the units the tender says are its lots ("Zone | Communities | Annual value")
        if table.header and (LOT_HEADER.match((table.header[0] or "").strip()) or heads_unit(table, unit)):
            for r, row in enumerate(table.body, start=table.header_rows):
                lot_id = _norm_id(re.sub(r"(?i)^\s*lot\s*", "", row[0]).split(" ")[0].strip(":.-–")) if row[0] else ""
                if not lot_id or not re.fullmatch(r"\d{1,2}|[a-z]", lot_id):
                    continue
                rest = re.sub(r"(?i)^\s*lot\s*\S+\s*[:.\-–—]?\s*", "", row[0]).strip() if LOT_HEADER.match(row[0]) else ""
                title = rest or next((c for c in row[1:] if c and not re.search(r"[£\d]", c)), "")
                sent = _cell_sentence(ctx, table_index, r, 0)
                if sent is None:
                    continue
                item = by_id.setdefault(lot_id, {"title": title, "value_gbp": None, "_sent": sent,
                                                 "_money_sent": None, "_id": lot_id})
                _value_from_row(ctx, sent.block, item, facts)
    return list(by_id.values())


def _norm_id(raw: str) -> str:
    n = parse_number(raw)
    return str(int(n)) if n is not None else raw.lower()


def _title(raw: str, ctx: Context, block) -> str:
    title = raw.strip(" :.-–—")
    if block.kind == "table_cell" and not title:
        loc = block.location
        row = ctx.document.tables[loc.table].rows[loc.row]
        title = next((c for c in row[1:] if c and not re.search(r"[£$€]|\d{3}", c)), "")
    title = re.split(r"\s[–—-]\s(?=[£$€\d])|\s*\(|\.\s|:\s", title)[0].strip()
    return title[:120]


def _cell_sentence(ctx: Context, table: int, row: int, col: int) -> Sentence | None:
    found = ctx.cell(table, row, col)
    return found[0] if found else None


def _value_from_row(ctx: Context, block, item: dict, facts: Facts) -> None:
    """The row's whole-life value column if it has one, else its first amount (annual columns carried over
    the term)."""
    loc = block.location
    cells = ctx.cell(loc.table, loc.row)
    item["_annual"] = _annual_cell(cells)
    cells.sort(key=lambda s: 0 if WHOLE_LIFE_HEADER.search(s.row_label) else 1)
    for s in cells:
        if item["value_gbp"] is None:
            _value_from(s, item, facts)


def _annual_from_lots(items: list[dict], facts: Facts, where: Sentence) -> None:
    """With no annual figure stated, the lots' annual values added up when a lot table gives every lot one,
    else the lots' total over the maximum term."""
    if "contract.value_annual_gbp" in facts:
        return
    if all(i.get("_annual") for i in items):
        annual = round(sum(i["_annual"][0] for i in items), 2)
        facts.add(fact("contract.value_annual_gbp", annual, "GBP", items[0]["_annual"][1],
                       "value: sum of lots' annual values"))
        return
    annual_over_term(facts)


def annual_over_term(facts: Facts) -> None:
    """contract.value_annual_gbp, when none is stated: the total over the maximum term in years."""
    total, months = facts.get("contract.value_total_gbp"), facts.value("contract.duration_months_max")
    if "contract.value_annual_gbp" not in facts and total is not None and months:
        facts.add(fact("contract.value_annual_gbp", round(total.value * 12 / months, 2), "GBP", None,
                       f"value: total over {months:g} months", total.evidence, total.location))


def _annual_cell(cells: list[Sentence]):
    """(amount excluding VAT, sentence) of the row's annual column ('Annual value', 'Each year'), if it has one."""
    for s in cells:
        if not ANNUAL_HEADER.search(s.row_label):
            continue
        for ent in s.ents("MONEY"):
            if gbp(ent) and ent._.value >= 1000 and ent._.period in (None, "year") and money_role(s, ent) == "contract":
                return round(ent._.value / (VAT_RATE if ent._.vat == "inc" else 1), 2), s
    return None


def _value_from(sent: Sentence, item: dict, facts: Facts, start: int | None = None, end: int | None = None) -> None:
    """The lot's value from the first GBP lump sum or annual amount in sent (between character offsets start
    and end when given), on the whole-life basis."""
    if re.search(r"\b(?:insurance|turnover|liability|indemnity)\b", sent.context):
        return
    for ent in sent.ents("MONEY"):
        if not gbp(ent) or ent._.value < 1000 or ent._.period not in (None, "year", "month"):
            continue
        if start is not None and not start <= ent.start_char < end:
            continue
        if money_role(sent, ent) != "contract":
            continue  # "anything over £10,000", "spend last year was £40,000": not the lot's value
        value = ent._.value / (VAT_RATE if ent._.vat == "inc" else 1)
        period = ent._.period or ("year" if ANNUAL_HEADER.search(sent.row_label) else None)
        if period in ("year", "month"):
            months = [d._.months_max for d in sent.ents("DURATION") if d._.unit in ("year", "month")]
            term = max(months) if months else facts.value("contract.duration_months_max")
            if not term:
                continue
            value = value * (12 if period == "month" else 1) * term / 12
        item["value_gbp"] = round(value, 2)
        item["_money_sent"] = sent
        return


def _each_lot_value(ctx: Context, facts: Facts):
    """'Each lot is worth £480,000' (or has an annual value over the term): (value, sentence) or None."""
    for sent in ctx.find(EACH_LOT):
        item = {"value_gbp": None, "_money_sent": None}
        amounts = [e for e in sent.ents("MONEY") if gbp(e) and e._.period is None and e._.value >= 1000
                   and money_role(sent, e) == "contract"]
        if amounts:  # a lump sum beats an annual figure in the same sentence
            value = amounts[-1]._.value / (VAT_RATE if amounts[-1]._.vat == "inc" else 1)
            return round(value, 2), sent
        _value_from(sent, item, facts)
        if item["value_gbp"] is not None:
            return item["value_gbp"], sent
    return None


def _reason(ctx: Context, facts: Facts) -> None:
    """The quote explaining why the contract is not divided into lots, when one is given."""
    for i, sent in enumerate(ctx.sentences):
        m = _undivided(ctx, i)
        if not m:
            continue
        quote = sent.quote()
        tail = sent.text[m.end():]
        # "... but decided against it: the caseload is too small": a reason after a colon or dash too
        reason_here = REASON.search(tail) or REASON.search(sent.text[:m.start()]) \
            or re.match(r"\s*(?:it|this|that|so|doing\s+so)?\s*[:–—]\s*\w+(?:\s+\w+){3,}", tail)
        if not reason_here and i + 1 < len(ctx.sentences):
            nxt = ctx.sentences[i + 1]
            if nxt.block_index in (sent.block_index, sent.block_index + 1) and re.match(
                    r"\s*(?:this\s+is\s+because|(?:the\s+)?reasons?\b|rationale|justification|why\s*:|"
                    r"this\s+(?:decision\s+)?(?:is|was)|because|lotting|"
                    r"dividing|splitting|division|given|due\s+to|as\s+the|owing\s+to)", nxt.lower):
                reason_here, quote = True, f"{quote} {nxt.quote()}"
        if reason_here:
            facts.add(fact("lots.reason_not_divided", quote, "quote", sent, "lots: reason not divided", quote))
            return
