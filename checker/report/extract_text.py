"""Text view of `tendercheck extract`: each block with its location; tables drawn as grids."""

from __future__ import annotations


def render_document(document, facts=None) -> str:
    out = [(f"{document.path}: {document.format}, {document.pages} page(s), {len(document.blocks)} blocks, "
            f"{len(document.tables)} tables")]
    for w in document.warnings:
        out.append(f"warning: {w.code}: {w.message}")
    tables_shown = set()
    for block in document.blocks:
        loc = block.location
        if block.kind == "table_cell":
            if loc.table not in tables_shown:
                tables_shown.add(loc.table)
                out.append(f"[table {loc.table + 1}] {loc.describe()}")
                out.extend("    " + line for line in grid(document.tables[loc.table].rows))
            continue
        where = f"p{loc.page}" if loc.page is not None else f"b{loc.block}"
        out.append(f"[{block.kind} {where}] {block.text}")
    if facts is not None:
        out.append("facts:")
        for name in facts.names():
            candidates = facts.all(name)
            f = candidates[0]
            flag = "  CONFLICT: differing candidates below" if facts.conflict(name) else ""
            out.append(f"  {name} = {f.display_value()}{flag}")
            for c in candidates if facts.conflict(name) else candidates[:1]:
                lead = "    " if not facts.conflict(name) else f"    - {c.display_value()}: "
                out.append(f"{lead}[{c.location.describe()}] \"{c.evidence}\"")
    return "\n".join(out) + "\n"


def grid(rows, width: int = 28) -> list[str]:
    def cell(text: str) -> str:
        text = " ".join(text.split())
        return (text[: width - 1] + "…") if len(text) > width else text.ljust(width)

    return ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
