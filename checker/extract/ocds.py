"""OCDS JSON (release package, record package or one release): each release becomes a section of text blocks
(title, buyer, description, value, lots, award criteria as a Table, selection criteria, dates), one "page"
per release so a finding can say which notice it is about.

Only known fields are read, each checked for its type, so hostile JSON (huge nesting, wrong types) cannot crash
or hang the reader: the parser's own recursion limit stops deep nesting and the walk never recurses into data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from checker import limits
from checker.errors import InputError
from checker.model import Block, Document, DocWarning, Location, Table

LOST_NEWLINE = re.compile(r"(?<=[.:;,!?)\]\u201d\u2019\"'])rn(?=\s|$)|(?<=[\w/])rn(?=\s+(?:[-\u2013\u2014]|\([a-z0-9]{1,3}\)))")  # "\r\n" unescaped
MOJIBAKE = ("\u00e2\u20ac", "\u00c3")  # UTF-8 read as Windows-1252: "â€™" for "’"
LOST_TAB = re.compile(r"(?<=[-)])\s?t(?=[A-Z(])|(?<=\))t\s")


# parsed JSON takes several times its size in memory: limits.file_mb bounds it (checker.extract checks it before
# any reader runs; this is for callers of extract() alone)


def extract(path: Path) -> Document:
    """The whole package as one Document, a page per release: what `tendercheck extract` shows."""
    releases, warnings, metadata = _load(path)
    writer = _Writer()
    for page, release in enumerate(releases, start=1):
        writer.release(release, page)
    return Document(path=str(path), sha256="", format="ocds", pages=len(releases), blocks=writer.blocks,
                    tables=writer.tables, metadata=metadata, warnings=warnings)


def extract_releases(path: Path) -> list[Document]:
    """One Document per release: each notice is a tender of its own, so each gets its own facts and scorecard.

    The path is `<file>#<ocid>` (with `/<release id>` when one package holds several releases of an ocid).
    """
    releases, warnings, metadata = _load(path)
    ocids = [_ocid(r, n) for n, r in enumerate(releases, start=1)]
    documents, used = [], set()
    for n, (release, ocid) in enumerate(zip(releases, ocids, strict=True), start=1):
        writer = _Writer()
        writer.release(release, 1)
        name = ocid if ocids.count(ocid) == 1 else f"{ocid}/{_str(release.get('id')) or n}"
        if name in used:  # the same release published twice in one package
            name = f"{name}/{n}"
        used.add(name)
        documents.append(Document(path=f"{path}#{name}", sha256="", format="ocds", pages=1, blocks=writer.blocks,
                                  tables=writer.tables, metadata={**metadata, "ocid": ocid},
                                  warnings=list(warnings)))
    return documents


def _ocid(release: dict, n: int) -> str:
    return _str(release.get("ocid")) or _str(release.get("id")) or f"release-{n}"


def _load(path: Path) -> tuple[list[dict], list[DocWarning], dict]:
    limits.check_file_size(path)
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except RecursionError:
        raise InputError(path, "JSON is nested too deeply to be an OCDS file", code="corrupt") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"JSON is not UTF-8 ({exc.reason} at byte {exc.start})", code="corrupt") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                         code="corrupt") from None
    releases, warnings = _releases(data)
    if releases is None:
        raise InputError(path, "JSON file is not an OCDS release or record package", code="unsupported")
    if not releases:
        raise InputError(path, "OCDS package holds no releases", code="empty")
    metadata = {}
    if isinstance(data, dict):
        publisher = data.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            metadata["publisher"] = publisher["name"]
        if isinstance(data.get("publishedDate"), str):
            metadata["published"] = data["publishedDate"]
    return releases, warnings, metadata


def _releases(data) -> tuple[list[dict] | None, list[DocWarning]]:
    """The releases to read, or None when the JSON is not OCDS. A record contributes its compiled release."""
    warnings: list[DocWarning] = []
    if isinstance(data, list):
        items = data
    elif not isinstance(data, dict):
        return None, warnings
    elif isinstance(data.get("releases"), list):
        items = data["releases"]
    elif isinstance(data.get("records"), list):
        items = []
        for record in data["records"]:
            if not isinstance(record, dict):
                continue
            compiled = record.get("compiledRelease")
            if isinstance(compiled, dict):
                items.append(compiled)
                continue
            embedded = [r for r in record.get("releases", []) if isinstance(r, dict) and "tender" in r] \
                if isinstance(record.get("releases"), list) else []
            if embedded:
                items.append(embedded[-1])
            else:
                warnings.append(DocWarning("ocds-linked-releases", f"record {record.get('ocid', '?')} only links "
                                           "to its releases by URL; they were not fetched"))
    elif "ocid" in data or "tender" in data:
        items = [data]
    else:
        return None, warnings
    releases = [r for r in items if isinstance(r, dict)]
    if isinstance(data, list) and not any("ocid" in r or "tender" in r for r in releases):
        return None, warnings
    return releases, warnings


def _str(value) -> str:
    if isinstance(value, str):
        if any(m in value for m in MOJIBAKE):
            try:
                value = value.encode("cp1252").decode("utf-8")
            except UnicodeError:
                pass
        text = LOST_TAB.sub(" ", LOST_NEWLINE.sub("\n", value))
        return text.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def money(value) -> str:
    """'GBP 1,200,000' from an OCDS Value object; '' when it has no usable amount."""
    value = _dict(value)
    amount = value.get("amount")
    if isinstance(amount, bool) or not isinstance(amount, (int, float)):
        return ""
    currency = _str(value.get("currency")) or "(currency not given)"
    shown = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    return f"{currency} {shown}"


def _date(value) -> str:
    text = _str(value)
    return text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", text) else text


def _period(value) -> str:
    period = _dict(value)
    start, end = _date(period.get("startDate")), _date(period.get("endDate"))
    days = period.get("durationInDays")
    parts = []
    if start and end:
        parts.append(f"{start} to {end}")
    elif start:
        parts.append(f"from {start}")
    elif end:
        parts.append(f"until {end}")
    if isinstance(days, (int, float)) and not isinstance(days, bool):
        parts.append(f"{days:,.0f} days")
    return ", ".join(parts)


def _weight(criterion: dict) -> str:
    for key in ("weight", "weighting"):
        if _str(criterion.get(key)):
            return _percent(_str(criterion.get(key)))
    for number in _list(criterion.get("numbers")):
        if _str(number.get("number")):
            return _percent(_str(number.get("number")))
    description = _str(criterion.get("description"))
    return _percent(description) if re.fullmatch(r"\d{1,3}(?:\.\d+)?\s*%?", description) else ""


def _percent(text: str) -> str:
    text = text.strip()
    return f"{text}%" if re.fullmatch(r"\d{1,3}(?:\.\d+)?", text) and float(text) <= 100 else text


class _Writer:
    def __init__(self):
        self.blocks: list[Block] = []
        self.tables: list[Table] = []

    def add(self, kind: str, text: str, page: int, section: str | None, level: int | None = None, **where):
        for piece in ([text] if kind != "paragraph" else text.split("\n")):
            piece = " ".join(piece.split())
            if piece:
                self.blocks.append(Block(kind, piece, Location(page=page, block=len(self.blocks), section=section,
                                                               **where), level))

    def release(self, release: dict, page: int) -> None:
        tender = _dict(release.get("tender"))
        ocid = _str(release.get("ocid")) or _str(release.get("id")) or f"release {page}"
        title = _str(tender.get("title")) or _str(_dict(release.get("planning")).get("project")) or ocid
        section = title
        self.add("heading", title, page, section, level=1)
        self.add("paragraph", f"OCID: {ocid}", page, section)
        buyer = _str(_dict(release.get("buyer")).get("name"))
        if buyer:
            self.add("paragraph", f"Buyer: {buyer}", page, section)
        description = _str(tender.get("description"))
        self.add("paragraph", description, page, section)
        category = _str(tender.get("mainProcurementCategory"))
        if category:
            self.add("paragraph", f"Main procurement category: {category}", page, section)
        extra = _str(release.get("description"))  # Sell2Wales puts "additional information" here
        if extra and extra != description:
            self.add("paragraph", extra, page, f"{section} > Additional information")
        for label, key in (("Estimated value", "value"), ("Minimum value", "minValue"), ("Maximum value", "maxValue")):
            shown = money(tender.get(key))
            if shown:
                self.add("paragraph", f"{label}: {shown}", page, section)
        method = _str(tender.get("procurementMethodDetails")) or _str(tender.get("procurementMethod"))
        if method:
            self.add("paragraph", f"Procurement method: {method}", page, section)
        suitability = _dict(tender.get("suitability"))
        for key, label in (("sme", "SMEs"), ("vcse", "VCSEs")):
            if isinstance(suitability.get(key), bool):
                self.add("paragraph", f"Suitable for {label}: {'yes' if suitability[key] else 'no'}", page, section)
        for label, key in (("Tender period", "tenderPeriod"), ("Enquiry period", "enquiryPeriod"),
                           ("Award period", "awardPeriod"), ("Contract period", "contractPeriod")):
            shown = _period(tender.get(key))
            if shown:
                self.add("paragraph", f"{label}: {shown}", page, section)
        classification = _dict(tender.get("classification"))
        if _str(classification.get("id")):
            label = _str(classification.get("description"))
            scheme = _str(classification.get("scheme")) or "classification"
            self.add("paragraph", f"Classification: {scheme} {_str(classification.get('id'))}"
                                  f"{f' ({label})' if label else ''}", page, section)
        reserved = _dict(tender.get("otherRequirements")).get("reservedParticipation")
        if isinstance(reserved, list) and any(isinstance(r, str) for r in reserved):
            kinds = ", ".join(_words_of(r) for r in reserved if isinstance(r, str))
            self.add("paragraph", f"Participation is reserved for: {kinds}", page, section)
        self._lots(tender, page, section, description)
        self._criteria(tender, page, section)
        for criterion in _list(_dict(tender.get("selectionCriteria")).get("criteria")):
            text = _str(criterion.get("description"))
            kind = _str(criterion.get("type"))
            if text:
                self.add("paragraph", f"Selection criteria{f' ({kind})' if kind else ''}: {text}", page, section)

    def _lots(self, tender: dict, page: int, section: str, tender_description: str) -> None:
        lots = _list(tender.get("lots"))
        seen = {tender_description}
        if len(lots) > 1:
            self.add("paragraph", f"This tender is divided into {len(lots)} lots.", page, section)
        details = _dict(tender.get("lotDetails"))
        for key, label in (("maximumLotsBidPerSupplier", "A supplier may bid for at most {n}."),
                           ("maximumLotsAwardedPerSupplier", "A supplier may be awarded at most {n}.")):
            n = details.get(key)
            if isinstance(n, int) and not isinstance(n, bool) and 0 < n < len(lots):  # 2147483647 means no limit
                self.add("paragraph", label.format(n=f"{n} lot" if n == 1 else f"{n} lots"), page, section)
        for n, lot in enumerate(lots, start=1):
            lot_id = _str(lot.get("id")) or str(n)
            name = _str(lot.get("title")) or _str(lot.get("description"))[:80] or "untitled"
            line = f"Lot {lot_id}: {name}"
            shown = money(lot.get("value"))
            if shown:
                line += f" \u2014 value {shown}"
            self.add("list_item", line, page, section)
            lot_section = f"{section} > Lot {lot_id}"
            description = _str(lot.get("description"))
            if description and description not in seen:  # lots often repeat the whole notice's text
                seen.add(description)
                self.add("paragraph", description, page, lot_section)
            period = _period(lot.get("contractPeriod"))
            if period:
                self.add("paragraph", f"Lot {lot_id} contract period: {period}", page, lot_section)

    def _criteria(self, tender: dict, page: int, section: str) -> None:
        """Award criteria as tables: one for the tender when every lot shares it, else one per lot."""
        sets: list[tuple[str | None, list[tuple[str, str]]]] = []
        own = _rows(tender.get("awardCriteria"))
        if own:
            sets.append((None, own))
        details = _str(tender.get("awardCriteriaDetails"))
        if details:
            self.add("paragraph", f"Award criteria: {details}", page, section)
        for lot in _list(tender.get("lots")):
            rows = _rows(lot.get("awardCriteria"))
            if rows:
                sets.append((_str(lot.get("id")) or "?", rows))
        if sets and all(rows == sets[0][1] for _, rows in sets):
            sets = [(None, sets[0][1])]
        for lot_id, rows in sets:
            where = f"{section} > Lot {lot_id} > Award criteria" if lot_id else f"{section} > Award criteria"
            grid = (("Criterion", "Weight"), *rows)
            index = len(self.tables)
            self.tables.append(Table(grid, Location(page=page, section=where, table=index), 1, (page,)))
            for r, row in enumerate(grid):
                for c, cell in enumerate(row):
                    if cell:
                        self.add("table_cell", cell, page, where, table=index, row=r, col=c)


def _words_of(code: str) -> str:
    """'shelteredWorkshop' -> 'sheltered workshop' (OCDS codelist values are camelCase)."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", code).lower()


def _rows(criteria) -> list[tuple[str, str]]:
    if isinstance(criteria, dict):
        criteria = criteria.get("criteria")
    rows = []
    for criterion in _list(criteria):
        name = _str(criterion.get("name")) or _str(criterion.get("type")).capitalize()
        weight = _weight(criterion)
        description = _str(criterion.get("description"))
        if not name and description and not weight:
            name = description
        if name or weight:
            rows.append((name or "(unnamed)", weight))
    return rows
