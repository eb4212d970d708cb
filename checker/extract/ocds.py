"""OCDS JSON (release package, record package, one release, a list of releases, or JSON Lines with a release
or package per line): each release becomes a section of text blocks (title, buyer, description, value, lots,
award criteria as a Table, selection criteria, dates), one "page" per release so a finding can say which notice
it is about.

The file is streamed (ijson's event parser, or a line at a time for JSON Lines): a release is built, handed on
and dropped before the next is read, so a multi-gigabyte file never loads whole. Only known fields are read,
each checked for its type, so hostile JSON (huge nesting, wrong types) cannot crash or hang the reader: nesting
deeper than MAX_DEPTH and a release larger than MAX_RELEASE_BYTES are input errors, and the walk never
recurses into data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from checker import limits
from checker.errors import InputError
from checker.model import Block, Document, DocWarning, Location, Table

LOST_NEWLINE = re.compile(r"(?<=[.:;,!?)\]\u201d\u2019\"'])rn(?=\s|$)|(?<=[\w/])rn(?=\s+(?:[-\u2013\u2014]|\([a-z0-9]{1,3}\)))")  # "\r\n" unescaped
MOJIBAKE = ("\u00e2\u20ac", "\u00c3")  # UTF-8 read as Windows-1252: "â€™" for "’"
LOST_TAB = re.compile(r"(?<=[-)])\s?t(?=[A-Z(])|(?<=\))t\s")

MAX_DEPTH = 64  # OCDS releases nest about 6 levels; a parser building 200,000 levels exhausts memory
MAX_RELEASE_BYTES = 64 * 1024 * 1024  # one release (or one JSON Lines line) held in memory at a time
LINE_SUFFIXES = (".jsonl", ".ndjson")

# Release tags (the OCDS releaseTag codelist) by the stage of the process they announce.
STAGE_TAGS = {
    "planning": ("planning", "planningUpdate"),
    "tender": ("tender", "tenderUpdate", "tenderAmendment"),
    "award": ("award", "awardUpdate", "awardCancellation"),
    "contract": ("contract", "contractUpdate", "contractAmendment", "implementation", "implementationUpdate",
                 "contractTermination"),
    "cancelled": ("tenderCancellation",),
}
STAGES = ("planning", "tender", "award", "contract")
TAG_STAGE = {tag: stage for stage, tags in STAGE_TAGS.items() for tag in tags}
STAGE_ORDER = {"planning": 0, "tender": 1, "cancelled": 2, "award": 3, "contract": 4}
CLOSED_STATUSES = ("cancelled", "unsuccessful", "complete", "withdrawn")


@dataclass
class Notice:
    """One release read from a file: its place in the file, the package metadata known when it was read, and
    its name in reports (`<file>#<ocid>`; later releases of an ocid already seen add `/<release id>`)."""

    index: int
    release: dict
    metadata: dict = field(default_factory=dict)
    name: str = ""
    line: int | None = None  # JSON Lines: the line it came from


@dataclass(frozen=True)
class Skipped:
    """A record whose releases are only linked by URL: nothing to check, counted as skipped."""

    reason: str
    detail: str


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
    The batch runner streams notices() instead; this is the whole file at once, for small files and tests."""
    return [notice_document(path, n) for n in notices(path) if isinstance(n, Notice)]


def notice_document(path, notice: Notice, sha256: str = "") -> Document:
    """The Document of one notice, named `<file>#<name>`, with its title, buyer, ocid, value and stage in
    metadata (reports show them: a notice is known by its title and buyer, not its ocid)."""
    writer = _Writer()
    writer.release(notice.release, 1)
    if not sha256:  # read from standard input: the notice's own content names it
        import hashlib

        sha256 = hashlib.sha256(json.dumps(notice.release, sort_keys=True).encode()).hexdigest()
    return Document(path=f"{path}#{notice.name}", sha256=sha256, format="ocds", pages=1, blocks=writer.blocks,
                    tables=writer.tables, metadata={**notice.metadata, **describe(notice.release)})


def describe(release: dict) -> dict:
    """What names a notice in every report: ocid, title, buyer, value (amount, currency), stage, tags and the
    tender period's closing date."""
    tender = _dict(release.get("tender"))
    value = _dict(tender.get("value"))
    amount = value.get("amount")
    out = {"ocid": _ocid(release, 0), "title": _str(tender.get("title")) or None,
           "buyer": _str(_dict(release.get("buyer")).get("name")) or _buyer_party(release) or None,
           "stage": stage_of(release), "tags": _tags(release)}
    if isinstance(amount, (int, float)) and not isinstance(amount, bool):
        out["value"] = {"amount": amount, "currency": _str(value.get("currency")) or None}
    closing = closing_date(release)
    if closing:
        out["tender_closes"] = closing.isoformat()
    return out


def _buyer_party(release: dict) -> str:
    for party in _list(release.get("parties")):
        roles = party.get("roles")
        if isinstance(roles, list) and "buyer" in roles:
            return _str(party.get("name"))
    return ""


def _tags(release: dict) -> list[str]:
    tags = release.get("tag")
    if isinstance(tags, str):
        return [tags]
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def stage_of(release: dict) -> str:
    """planning | tender | award | contract | cancelled: the latest stage its tags announce. A compiled
    release (tag 'compiled') or an untagged one is staged by what it holds: contracts, awards, a tender, a plan."""
    stages = [TAG_STAGE[t] for t in _tags(release) if t in TAG_STAGE]
    if stages:
        return max(stages, key=STAGE_ORDER.__getitem__)
    if _list(release.get("contracts")):
        return "contract"
    if _list(release.get("awards")):
        return "award"
    if release.get("tender") is not None or not isinstance(release.get("planning"), dict):
        return "tender"
    return "planning"


def closing_date(release: dict) -> date | None:
    """The date the tender period ends, when the release gives one."""
    end = _str(_dict(_dict(release.get("tender")).get("tenderPeriod")).get("endDate"))
    try:
        return date.fromisoformat(end[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}", end) else None
    except ValueError:
        return None


def is_open(release: dict, today: date) -> bool | None:
    """True while the tender period has not closed (its end date is today or later, and the tender is not
    cancelled, unsuccessful, complete or withdrawn); None when no closing date is given."""
    if _str(_dict(release.get("tender")).get("status")) in CLOSED_STATUSES:
        return False
    closes = closing_date(release)
    return None if closes is None else closes >= today


def _ocid(release: dict, n: int) -> str:
    return _str(release.get("ocid")) or _str(release.get("id")) or f"release-{n}"


def notices(path: Path) -> Iterator[Notice | Skipped | InputError]:
    """Every release of the file in order, streamed, each named. A line of JSON Lines that cannot be read is
    yielded as an InputError naming the line, and the lines after it are still read; a fault in a JSON
    document (invalid, nested too deeply, not OCDS) is raised, after the releases before it were yielded."""
    seen = _Names()
    count = 0
    source = _lines(path) if str(path) == "-" or _is_json_lines(path) else _stream(path)
    for item in source:
        if isinstance(item, Notice):
            count += 1
            item.index = count
            ocid = _ocid(item.release, count)
            if ocid not in seen:
                item.name = ocid
            else:
                item.name = f"{ocid}/{_str(item.release.get('id')) or count}"
                if item.name in seen:  # the same release published twice
                    item.name = f"{item.name}/{count}"
            seen.add(ocid)
            seen.add(item.name)
        yield item
    if not count:
        raise InputError(path, "OCDS package holds no releases", code="empty")


class _Names:
    """The names given so far in one file, in memory that stops growing: an exact set of 128-bit digests up to
    EXACT names, then a 16 MB Bloom filter (4 probes) holding them all. A false 'seen' (under one in a million
    at a million names) only gives a first release the longer `ocid/release-id` name; names stay unique, and the
    same file always gets the same names (the digests are not salted per process)."""

    EXACT = 100_000
    BITS = 1 << 27

    def __init__(self):
        self.exact: set[int] | None = set()
        self.bloom: bytearray | None = None

    @staticmethod
    def _digest(name: str) -> int:
        import hashlib

        return int.from_bytes(hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=16).digest(), "big")

    def _probes(self, digest: int):
        return ((digest >> (32 * i)) % self.BITS for i in range(4))

    def __contains__(self, name: str) -> bool:
        digest = self._digest(name)
        if self.exact is not None:
            return digest in self.exact
        return all(self.bloom[b >> 3] & (1 << (b & 7)) for b in self._probes(digest))

    def add(self, name: str) -> None:
        digest = self._digest(name)
        if self.exact is not None:
            self.exact.add(digest)
            if len(self.exact) <= self.EXACT:
                return
            digests, self.exact, self.bloom = self.exact, None, bytearray(self.BITS // 8)
        else:
            digests = (digest,)
        for d in digests:
            for b in self._probes(d):
                self.bloom[b >> 3] |= 1 << (b & 7)


def _load(path: Path) -> tuple[list[dict], list[DocWarning], dict]:
    """Every release of the file at once (`tendercheck extract`, a pack member): problems raise. Held whole,
    so limits.file_mb bounds it; a batch streams notices() instead, with no limit on the file's size."""
    limits.check_file_size(path)
    releases, warnings, metadata = [], [], {}
    for item in notices(path):
        if isinstance(item, InputError):
            raise item
        if isinstance(item, Skipped):
            warnings.append(DocWarning("ocds-linked-releases", item.detail))
            continue
        releases.append(item.release)
        metadata = metadata or dict(item.metadata)
    return releases, warnings, metadata


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n} byte"


def _is_json_lines(path: Path) -> bool:
    """JSON Lines: named .jsonl/.ndjson, or a first line that is a whole JSON object with more after it."""
    if path.suffix.lower() in LINE_SUFFIXES:
        return True
    with open(path, "rb") as fh:
        first = fh.readline(1 << 20).strip()
        if not first.startswith((b"{", b"\xef\xbb\xbf{")) or not first.endswith(b"}"):
            return False
        try:
            json.loads(first.decode("utf-8-sig"))
        except (ValueError, RecursionError):
            return False
        return bool(fh.read(4096).strip())


def _lines(path: Path) -> Iterator[Notice | Skipped | InputError]:
    """JSON Lines from the file, or from standard input when the path is '-' (`notices ... | check -`)."""
    import contextlib
    import sys

    with contextlib.nullcontext(sys.stdin.buffer) if str(path) == "-" else open(path, "rb") as fh:
        number = 0
        while True:
            line = fh.readline(MAX_RELEASE_BYTES + 1)
            if not line:
                return
            number += 1
            if len(line) > MAX_RELEASE_BYTES and not line.endswith(b"\n"):
                while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # the rest of the oversized line
                yield InputError(f"{path}:{number}", f"line is larger than the {_size(MAX_RELEASE_BYTES)} limit "
                                 "for one release", code="too-large")
                continue
            if not line.strip():
                continue
            try:
                value = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
            except RecursionError:
                yield InputError(f"{path}:{number}", "JSON is nested too deeply to be an OCDS file", code="corrupt")
                continue
            except UnicodeDecodeError as exc:
                yield InputError(f"{path}:{number}", f"JSON is not UTF-8 ({exc.reason} at byte {exc.start})",
                                 code="corrupt")
                continue
            except ValueError as exc:
                yield InputError(f"{path}:{number}", f"invalid JSON: {getattr(exc, 'msg', exc)} at column "
                                 f"{getattr(exc, 'colno', '?')}", code="corrupt")
                continue
            found = False
            for item in _from_value(value, {}):
                found = True
                if isinstance(item, Notice):
                    item.line = number
                yield item
            if not found:
                yield InputError(f"{path}:{number}", "line is not an OCDS release or package", code="unsupported")


def _from_value(value, metadata: dict) -> Iterator[Notice | Skipped]:
    """The releases of one whole JSON value: a package, a record package, a release or a list of releases."""
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and ("ocid" in item or "tender" in item):
                yield Notice(0, item, metadata)
        return
    if not isinstance(value, dict):
        return
    meta = {**metadata, **_package_metadata(value)}
    if isinstance(value.get("releases"), list):
        for item in value["releases"]:
            if isinstance(item, dict):
                yield Notice(0, item, meta)
    elif isinstance(value.get("records"), list):
        for record in value["records"]:
            yield from _record(record, meta)
    elif "ocid" in value or "tender" in value:
        yield Notice(0, value, metadata)


def _record(record, metadata: dict) -> Iterator[Notice | Skipped]:
    """A record contributes its compiled release, else its latest embedded release with a tender."""
    if not isinstance(record, dict):
        return
    compiled = record.get("compiledRelease")
    if isinstance(compiled, dict):
        yield Notice(0, compiled, metadata)
        return
    embedded = [r for r in record.get("releases", []) if isinstance(r, dict) and "tender" in r] \
        if isinstance(record.get("releases"), list) else []
    if embedded:
        yield Notice(0, embedded[-1], metadata)
    else:
        yield Skipped("linked", f"record {_str(record.get('ocid')) or '?'} only links to its releases by URL; "
                                "they were not fetched")


def _package_metadata(package: dict) -> dict:
    metadata = {}
    publisher = package.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        metadata["publisher"] = publisher["name"]
    if isinstance(package.get("publishedDate"), str):
        metadata["published"] = package["publishedDate"]
    return metadata


class _Counted:
    """A binary file that counts the bytes read from it (how much one release has cost so far)."""

    def __init__(self, fh):
        self.fh, self.read_bytes = fh, 0

    def read(self, size=-1):
        data = self.fh.read(size)
        self.read_bytes += len(data)
        return data


def _stream(path: Path) -> Iterator[Notice | Skipped]:
    """A JSON document (or several, one after another) by parser events: a package's releases or records are
    built one at a time and yielded; anything else at the top level is built whole (a release, a list)."""
    import ijson

    with open(path, "rb") as raw:
        if raw.read(3) != b"\xef\xbb\xbf":
            raw.seek(0)
        fh = _Counted(raw)
        events = ijson.basic_parse(fh, multiple_values=True, use_float=True)
        try:
            yield from _walk(path, events, fh)
        except ijson.JSONError as exc:
            raise InputError(path, f"invalid JSON: {_where_invalid(path, exc)}", code="corrupt") from None
        except UnicodeDecodeError as exc:
            raise InputError(path, f"JSON is not UTF-8 ({exc.reason})", code="corrupt") from None


def _where_invalid(path: Path, exc: Exception) -> str:
    """The parse error with its line and column: the streaming parser does not count lines, so a file small
    enough is parsed again by the json module to find them; a huge one gets the streaming parser's words."""
    if path.stat().st_size <= MAX_RELEASE_BYTES:
        try:
            json.loads(path.read_bytes().decode("utf-8-sig"))
        except json.JSONDecodeError as again:
            return f"{again.msg} at line {again.lineno} column {again.colno}"
        except (ValueError, RecursionError):
            pass
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _walk(path: Path, events, fh: _Counted) -> Iterator[Notice | Skipped]:
    stack: list = []  # open containers, outermost first
    keys: list = []  # the key each open container sits under in its parent
    key = None
    streamed = None  # the top-level package's array of releases or records, whose items are yielded, not kept
    kind = None  # 'releases' | 'records': what that array holds
    mark = 0  # bytes read when the value being built began
    for event, value in events:
        if event == "map_key":
            key = value
            continue
        if event in ("start_map", "start_array"):
            if len(stack) >= MAX_DEPTH:
                raise InputError(path, "JSON is nested too deeply to be an OCDS file", code="corrupt")
            if fh.read_bytes - mark > MAX_RELEASE_BYTES:
                raise InputError(path, f"a release is larger than the {_size(MAX_RELEASE_BYTES)} limit for one "
                                       "release", code="too-large")
            container = {} if event == "start_map" else []
            if len(stack) == 1 and isinstance(stack[0], dict) and event == "start_array" \
                    and key in ("releases", "records") and streamed is None:
                streamed, kind = container, key
            stack.append(container)
            keys.append(key)
            key = None
            continue
        if event in ("end_map", "end_array"):
            value = stack.pop()
            key = keys.pop()
        if not stack:  # a whole top-level value
            if streamed is None:
                items = list(_from_value(value, {}))
                if not items:
                    raise InputError(path, "JSON file is not an OCDS release or record package", code="unsupported")
                yield from items
            streamed = kind = None
            mark = fh.read_bytes
            continue
        parent = stack[-1]
        if parent is streamed:  # one release or record of the package, complete
            meta = _package_metadata(stack[0])
            if kind == "releases":
                if isinstance(value, dict):
                    yield Notice(0, value, meta)
            else:
                yield from _record(value, meta)
            mark = fh.read_bytes
        elif isinstance(parent, dict):
            parent[key] = value
        else:
            parent.append(value)


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
