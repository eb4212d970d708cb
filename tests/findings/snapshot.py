"""The findings snapshot: every fixture and corpus document's findings, committed, so that a change meant to
leave behaviour alone (speed work, refactors) is shown to change none of them.

    .venv/bin/python -m tests.findings.snapshot            # rewrite tests/findings/snapshot.json
    .venv/bin/python -m tests.findings.snapshot --diff     # say what differs from the committed file

What is kept of each finding: rule, kind, severity, location (page, block, table, row, ...) and the quoted
evidence; of each input file that could not be checked, the error code. A change that is meant to change
findings (a new rule, a fact fix) regenerates the file and commits it with the change, so the diff shows what
moved. Documents: fixtures/** (PDF, DOCX, .doc, and the Markdown excerpts; not fixtures/src, the sources they
are built from) and ../shared/corpus/** (PDF, DOCX, .doc, OCDS JSON) when it is there; a snapshot written
without the corpus keeps the corpus part it had.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
SNAPSHOT = Path(__file__).resolve().parent / "snapshot.json"
COMMAND = ".venv/bin/python -m tests.findings.snapshot"
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".json")


def fixture_files() -> list[Path]:
    """Fixture documents: the built binaries, and the excerpts, which are Markdown documents themselves."""
    found = [p for p in FIXTURES.rglob("*") if p.is_file() and "src" not in p.relative_to(FIXTURES).parts
             and (p.suffix.lower() in DOCUMENT_SUFFIXES or (p.suffix == ".md" and p.parent.name == "excerpts"))]
    return sorted(found)


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)


def key_of(path: Path) -> str:
    """fixtures/... or corpus/...: the same key in any checkout."""
    path = Path(path)
    if path.is_relative_to(FIXTURES):
        return "fixtures/" + path.relative_to(FIXTURES).as_posix()
    return "corpus/" + path.relative_to(CORPUS).as_posix()


def record(path: Path) -> dict:
    """One input file's documents (an OCDS package holds one a notice) and their findings, in report order."""
    from checker.api import CheckOptions, check

    report = check([str(path)], CheckOptions())
    prefix = str(path)
    documents = []
    for result in report.documents:
        name = result.document.path
        documents.append({
            "document": name.removeprefix(prefix),  # '' or '#<ocid>'
            "findings": [[f.rule, f.kind, f.severity, f.location.to_dict(), f.evidence] for f in result.findings],
        })
    return {"documents": documents, "errors": sorted(e.code for e in report.errors)}


def current(paths) -> dict:
    return {key_of(p): record(p) for p in paths}


def load() -> dict:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8")) if SNAPSHOT.is_file() else {}


def write(data: dict) -> None:
    """One line per finding, so a diff of the file reads as a diff of findings."""
    lines = ["{"]
    for i, (key, rec) in enumerate(sorted(data.items())):
        lines.append(f"{json.dumps(key)}: {{\"errors\": {json.dumps(rec['errors'])}, \"documents\": [")
        for j, doc in enumerate(rec["documents"]):
            lines.append(f"  {{\"document\": {json.dumps(doc['document'], ensure_ascii=False)}, \"findings\": [")
            found = [f"    {json.dumps(f, ensure_ascii=False)}" for f in doc["findings"]]
            lines.append(",\n".join(found)) if found else None
            lines.append("  ]}" + ("," if j < len(rec["documents"]) - 1 else ""))
        lines.append("]}" + ("," if i < len(data) - 1 else ""))
    lines.append("}")
    SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def describe(key: str, old: dict | None, new: dict) -> str:
    """What changed for one input file, in a few lines."""
    if old is None:
        return f"{key}: not in the snapshot"
    out = [f"{key}:"]
    if old["errors"] != new["errors"]:
        out.append(f"  errors {old['errors']} -> {new['errors']}")
    before = {d["document"]: d["findings"] for d in old["documents"]}
    after = {d["document"]: d["findings"] for d in new["documents"]}
    for name in sorted(set(before) | set(after)):
        was, now = before.get(name), after.get(name)
        if was == now:
            continue
        label = key + name
        if was is None or now is None:
            out.append(f"  {label}: document {'added' if was is None else 'gone'}")
            continue
        gone = [f for f in was if f not in now]
        new_ones = [f for f in now if f not in was]
        for f in gone[:5]:
            out.append(f"  - {f[0]} {f[1]} {f[2]} {f[3]} {f[4][:80]!r}")
        for f in new_ones[:5]:
            out.append(f"  + {f[0]} {f[1]} {f[2]} {f[3]} {f[4][:80]!r}")
        if not gone and not new_ones:
            out.append(f"  {label}: same findings in another order")
        elif len(gone) > 5 or len(new_ones) > 5:
            out.append(f"  ... ({len(gone)} gone, {len(new_ones)} new in {label})")
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="print what differs; write nothing")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    old = load()
    paths = fixture_files() + corpus_files()
    data = current(paths)
    if not CORPUS.is_dir():  # keep the corpus part: it cannot be checked here
        data.update({k: v for k, v in old.items() if k.startswith("corpus/")})
    changed = [k for k in sorted(set(old) | set(data)) if old.get(k) != data.get(k)]
    for key in changed:
        print(describe(key, old.get(key), data[key]) if key in data else f"{key}: no longer a document")
    if not args.diff:
        write(data)
        print(f"wrote {SNAPSHOT.relative_to(ROOT)}: {len(data)} files, "
              f"{sum(len(r['documents']) for r in data.values())} documents, "
              f"{sum(len(d['findings']) for r in data.values() for d in r['documents'])} findings; "
              f"{len(changed)} file(s) changed")
    return 1 if args.diff and changed else 0


if __name__ == "__main__":
    sys.exit(main())
