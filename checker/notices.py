"""`tendercheck notices`: OCDS releases downloaded from the public APIs of Find a Tender and Contracts Finder (no
key needed), written as JSON Lines that `tendercheck check` reads. The only part of tendercheck that uses the
network, and only when asked; `check` never does.

Both APIs answer a date-range query with an OCDS release package and the next page's address in
`links.next`. Each page's releases are filtered (stage, CPV code, buyer, region) and appended to the output,
then the next page's address is saved beside it (`OUTPUT.state`), so `--resume` carries on where a stopped
run left off, with no release written twice. Rate limits (HTTP 429) and server errors (5xx, a dropped
connection) are retried with exponential backoff, honouring Retry-After.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from checker.errors import TendercheckError

SOURCES = {
    # name: (base URL, date-from parameter, date-to parameter)
    "fts": ("https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages", "updatedFrom", "updatedTo"),
    "cf": ("https://www.contractsfinder.service.gov.uk/Published/Notices/OCDS/Search", "publishedFrom",
           "publishedTo"),
}
PAGE_SIZE = 100
RETRIES = 6
TIMEOUT_S = 60
USER_AGENT = "tendercheck-notices"


class FetchError(TendercheckError):
    code = "fetch-error"


@dataclass
class Query:
    source: str = "fts"
    date_from: date | None = None
    date_to: date | None = None
    stages: tuple[str, ...] = ("tender",)
    cpv: tuple[str, ...] = ()  # CPV code prefixes ("45" all construction, "85311" social work)
    buyer: tuple[str, ...] = ()  # words in the buyer's name, case-insensitive
    region: tuple[str, ...] = ()  # NUTS/ITL code prefixes or words of a delivery or buyer region
    base_url: str | None = None  # another server speaking the same API (a mirror, a replayed recording)
    limit: int = PAGE_SIZE

    def first_url(self) -> str:
        base, since, until = SOURCES[self.source]
        params = {"limit": str(self.limit)}
        if self.date_from:
            params[since] = f"{self.date_from.isoformat()}T00:00:00"
        if self.date_to:
            params[until] = f"{self.date_to.isoformat()}T23:59:59"
        api_stages = [s for s in self.stages if s in ("planning", "tender", "award")]
        if api_stages and "all" not in self.stages:
            params["stages"] = ",".join(api_stages)
        return f"{(self.base_url or base).rstrip('/')}?{urllib.parse.urlencode(params)}"


@dataclass
class Progress:
    pages: int = 0
    received: int = 0
    written: int = 0
    retries: int = 0
    notes: list = field(default_factory=list)


def wanted(release: dict, query: Query) -> bool:
    """Whether a release passes the stage, CPV, buyer and region filters."""
    from checker.extract import ocds

    if "all" not in query.stages and ocds.stage_of(release) not in query.stages:
        return False
    if query.cpv and not any(code.startswith(tuple(query.cpv)) for code in _cpv_codes(release)):
        return False
    if query.buyer:
        name = (ocds.describe(release).get("buyer") or "").casefold()
        if not any(word.casefold() in name for word in query.buyer):
            return False
    if query.region:
        regions = [r.casefold() for r in _regions(release)]
        if not any(r.startswith(w.casefold()) or w.casefold() in r for w in query.region for r in regions):
            return False
    return True


def _cpv_codes(release: dict) -> list[str]:
    tender = release.get("tender") if isinstance(release.get("tender"), dict) else {}
    found = []
    classifications = [tender.get("classification")]
    for item in tender.get("items") or []:
        if isinstance(item, dict):
            classifications.append(item.get("classification"))
            classifications.extend(item.get("additionalClassifications") or [])
    for c in classifications:
        if isinstance(c, dict) and isinstance(c.get("id"), str):
            found.append(c["id"])
    return found


def _regions(release: dict) -> list[str]:
    out = []
    tender = release.get("tender") if isinstance(release.get("tender"), dict) else {}
    addresses = list(tender.get("deliveryAddresses") or [])
    for item in tender.get("items") or []:
        if isinstance(item, dict):
            addresses.extend(item.get("deliveryAddresses") or [])
    for party in release.get("parties") or []:
        if isinstance(party, dict) and "buyer" in (party.get("roles") or []):
            addresses.append(party.get("address"))
    for address in addresses:
        if isinstance(address, dict):
            out.extend(str(address[k]) for k in ("region", "locality", "postalCode") if address.get(k))
    return out


def fetch(query: Query, output: str, resume: bool = False, sleep: Callable[[float], None] = time.sleep,
          backoff_s: float = 1.0, progress: Progress | None = None) -> Progress:
    """Every page of the query, its wanted releases appended to output (JSON Lines); OUTPUT.state holds the
    next page's address after each page, and is removed when the last page is done."""
    progress = progress or Progress()
    state_path = output + ".state"
    url = query.first_url()
    mode = "w"
    if resume and os.path.exists(state_path):
        with open(state_path, encoding="utf-8") as fh:
            state = json.load(fh)
        url, progress.written = state["next"], state.get("written", 0)
        mode = "a"
        _cut_partial_line(output)
    elif resume and os.path.exists(output):
        progress.notes.append(f"{output} is complete (no {state_path}): nothing to resume")
        return progress
    import contextlib
    import sys

    to_stdout = output == "-"  # piped straight into `tendercheck check -`: no state to resume from
    with contextlib.nullcontext(sys.stdout) if to_stdout else open(output, mode, encoding="utf-8") as out:
        while url:
            package = _get(url, sleep, backoff_s, progress)
            progress.pages += 1
            releases = package.get("releases") if isinstance(package, dict) else None
            if not isinstance(releases, list):
                raise FetchError(f"{_safe(url)}: the answer is not an OCDS release package")
            lines = []
            for release in releases:
                if isinstance(release, dict):
                    progress.received += 1
                    if wanted(release, query):
                        lines.append(json.dumps(release, ensure_ascii=False) + "\n")
            out.write("".join(lines))
            out.flush()
            progress.written += len(lines)
            links = package.get("links") if isinstance(package.get("links"), dict) else {}
            following = links.get("next") if releases else None
            url = following if isinstance(following, str) and following and following != url else None
            if not to_stdout:
                _save_state(state_path, url, progress.written)
    return progress


def _save_state(path: str, url: str | None, written: int) -> None:
    if url is None:
        if os.path.exists(path):
            os.unlink(path)
        return
    temp = path + ".partial"
    with open(temp, "w", encoding="utf-8") as fh:
        json.dump({"next": url, "written": written}, fh)
    os.replace(temp, path)


def _cut_partial_line(path: str) -> None:
    """A line cut short by a stop is removed before appending."""
    if not os.path.exists(path):
        return
    with open(path, "rb+") as fh:
        data = fh.read()
        if data and not data.endswith(b"\n"):
            fh.truncate(data.rfind(b"\n") + 1)


def _get(url: str, sleep, backoff_s: float, progress: Progress) -> dict:
    """One page as JSON, retried on 429, 5xx and dropped connections with exponential backoff (Retry-After
    first, when the server gives it)."""
    check_url(url)  # a server's links.next must not point at a local file
    delay = backoff_s
    for attempt in range(RETRIES + 1):
        request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                return json.loads(response.read().decode("utf-8-sig"))
        except urllib.error.HTTPError as exc:
            if exc.code != 429 and exc.code < 500 or attempt == RETRIES:
                raise FetchError(f"{_safe(url)}: HTTP {exc.code} {exc.reason}") from None
            wait = _retry_after(exc.headers.get("Retry-After"), delay)
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            if attempt == RETRIES:
                raise FetchError(f"{_safe(url)}: {getattr(exc, 'reason', exc)}") from None
            wait = delay
        except ValueError as exc:
            raise FetchError(f"{_safe(url)}: the answer is not JSON ({exc})") from None
        progress.retries += 1
        sleep(wait)
        delay *= 2
    raise FetchError(f"{_safe(url)}: no answer")  # pragma: no cover


def _retry_after(value, default: float) -> float:
    try:
        return max(0.0, min(float(value), 600.0))
    except (TypeError, ValueError):
        return default


def _safe(url: str) -> str:
    return url if len(url) < 300 else url[:297] + "..."


def check_url(url: str) -> None:
    if urllib.parse.urlparse(url).scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https addresses are fetched")
