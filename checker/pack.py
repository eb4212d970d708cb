"""Tender packs checked as one tender: a ZIP, a folder given with --pack, or a `pack:` list in .tendercheck.yaml.

Each member is read like any file (content sniffing), annotated and its facts found on its own; its kind
(ITT, specification, contract terms, pricing schedule, form, notice, addendum, other) is told from its structure
and wording (checker.kinds). The members' blocks and tables are then joined, in KIND_ORDER (the ITT first;
members of one kind in name or listed order), into one Document of format `pack` whose locations carry the
member's file name (Location.file), the spaCy Docs are joined alike (no text is annotated twice), and the
facts are found over the whole pack: a weighting in the ITT and a value in the notice are one tender's facts,
each with its file and page. The members' own facts are kept beside them (Facts.sources) for the rule that
reports facts on which the documents disagree (the `agreement` rule type).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from checker.kinds import KINDS, classify
from checker.model import Document, DocWarning, Location

KIND_ORDER = ("ITT", "notice", "specification", "contract terms", "pricing schedule", "form", "addendum",
              "other")  # members listed, and whose figure the pack's facts take first
assert set(KIND_ORDER) == set(KINDS)


@dataclass(frozen=True)
class Member:
    """One document of a pack, as every report lists it."""

    name: str  # shown in error lines and listings: 'pack.zip!spec.docx', or the path for a folder pack
    file: str  # what Location.file holds: the name inside the pack ('spec.docx')
    kind: str  # one of KINDS
    format: str
    pages: int
    sha256: str
    unread_pages: tuple[int, ...] = ()
    ocr_pages: tuple[int, ...] = ()
    kind_reason: str = ""  # what decided the kind (checker.kinds)

    def to_dict(self) -> dict:
        return {"path": self.name, "file": self.file, "kind": self.kind, "kind_reason": self.kind_reason,
                "format": self.format, "pages": self.pages,
                "sha256": self.sha256, "unread_pages": list(self.unread_pages), "ocr_pages": list(self.ocr_pages)}


def short_name(name: str, root: str) -> str:
    """The member's name inside its pack: 'pack.zip!a/b.pdf' -> 'a/b.pdf'; a folder's file relative to it."""
    if "!" in name and name.startswith(root + "!"):
        return name[len(root) + 1:]
    try:
        return str(Path(name).resolve().relative_to(Path(root).resolve()))
    except ValueError:
        return Path(name).name


def member_of(document: Document, name: str, file: str) -> Member:
    kind = classify(document, file)
    return Member(name, file, kind.kind, document.format, document.pages, document.sha256,
                  tuple(document.unreadable_pages), tuple(document.ocr_pages), kind.reason)


def merge(path: str, sha256: str, members: list[tuple[Member, Document]], source: str) -> Document:
    """One Document for the pack: the members' blocks, tables and warnings in member order, each location
    naming its member's file, block and table numbers renumbered to the joined lists."""
    blocks, tables, warnings = [], [], []
    for member, doc in members:
        shift = (member.file, len(blocks), len(tables))
        blocks.extend(replace(b, location=_moved(b.location, *shift)) for b in doc.blocks)
        tables.extend(replace(t, location=_moved(t.location, *shift)) for t in doc.tables)
        warnings.extend(DocWarning(w.code, f"{member.file}: {w.message}", _moved(w.location, *shift))
                        for w in doc.warnings)
    title = next((doc.metadata.get("title") for m, doc in members if m.kind == "ITT" and doc.metadata.get("title")),
                 None)
    metadata = {"pack": {"source": source, "members": [m.to_dict() for m, _ in members]}}
    if title:
        metadata["title"] = title
    return Document(path=path, sha256=sha256, format="pack", pages=sum(m.pages for m, _ in members),
                    blocks=blocks, tables=tables, metadata=metadata, warnings=warnings)


def _moved(loc: Location, file: str, block0: int, table0: int) -> Location:
    return replace(loc, file=file, block=None if loc.block is None else loc.block + block0,
                   table=None if loc.table is None else loc.table + table0)


def members_of(document: Document) -> list[dict]:
    """The member listing of a pack document (empty for any other document)."""
    return list((document.metadata.get("pack") or {}).get("members", ()))


def analyse(path: str, sha256: str, read: list[tuple[str, str, Document]], source: str, beat=lambda: None,
            jurisdiction: str | None = None):
    """(pack document, docs, facts) for members read as (name, file, Document): each member annotated and its
    facts found once, then the facts found over the joined pack; facts.sources holds each member's own.
    jurisdiction: --jurisdiction, taken over the one the pack reads as."""
    from checker.facts import find_facts
    from checker.nlp.pipeline import annotate

    analysed = []
    for name, file, document in read:
        docs = annotate(document)
        analysed.append((member_of(document, name, file), document, docs, find_facts(document, docs, jurisdiction)))
        beat()
    # the ITT first, then the notice, specification, schedules, forms, addenda: where documents disagree, the
    # pack's facts (and so the other rules) take the ITT's figure; KIL-0.3 reports the disagreement
    analysed.sort(key=lambda item: KIND_ORDER.index(item[0].kind))
    members = [(member, document) for member, document, _, _ in analysed]
    all_docs = [doc for _, _, docs, _ in analysed for doc in docs]
    sources = [(member.file, member.kind, own) for member, _, _, own in analysed]
    pack = merge(path, sha256, members, source)
    facts = find_facts(pack, all_docs, jurisdiction)
    facts.sources = sources
    return pack, all_docs, facts
