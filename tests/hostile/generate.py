"""The hostile corpus, generated: every broken or malicious input tendercheck must survive, written into a
folder from source (no binaries committed). tests/hostile/test_corpus.py checks them all in one batch.

    python -m tests.hostile.generate OUT_DIR      # writes documents/, rulebooks/ and configs/ under OUT_DIR

DOCUMENTS maps a file name to (builder, expected): expected is ("error", cause) when the file must cost exactly
one line `tendercheck: error: <path>: ...<cause>...`, or ("report", None) when it must be read and reported.
RULEBOOKS and CONFIGS map a case name to (builder, cause): the builder writes a rulebook folder (or a config
file) that must be refused with a RulebookError / ConfigError naming the file, a line and the cause.
"""

from __future__ import annotations

import io
import os
import random
import sys
import zipfile
from pathlib import Path

from tests.hostile.helpers import GOOD_TEXT, docx_with_dtd, roman_docx

SENTENCE = GOOD_TEXT.strip() + " "
SEED = 10  # the number: random bytes are the same on every run
XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = ("<!DOCTYPE w:document [<!ENTITY lol \"lol\">"
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + "]>")


def _rng() -> random.Random:
    return random.Random(SEED)


def _text_pdf(path: Path, text: str = SENTENCE * 8, password: str | None = None, pages: int = 2) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    for _ in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _docx(path: Path, text: str = SENTENCE) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def _bytes(data: bytes):
    def build(path: Path) -> Path:
        path.write_bytes(data)
        return path
    return build


def zero_byte(path):
    return _bytes(b"")(path)


def random_bytes(path):
    return _bytes(_rng().randbytes(4096).replace(b"%PDF", b"%pdf").replace(b"PK", b"pk"))(
        path)


def truncated_pdf(path):
    whole = _text_pdf(path).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def corrupt_pdf(path):
    """A PDF header and trailer around random bytes: no objects, no page tree."""
    body = _rng().randbytes(8192)
    return _bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + body + b"\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")(path)


def scrambled_xref_pdf(path):
    """A real PDF whose cross-reference table is overwritten: readers must rebuild it or refuse the file."""
    data = bytearray(_text_pdf(path).read_bytes())
    start = data.rfind(b"xref")
    rng = _rng()
    for i in range(start + 5, min(len(data) - 30, start + 200)):
        data[i] = rng.choice(b"0123456789 ")
    path.write_bytes(bytes(data))
    return path


def encrypted_pdf(path):
    return _text_pdf(path, password="s3cret")


def image_only_pdf(path):
    from fpdf import FPDF
    from PIL import Image

    image = path.with_suffix(".png")
    Image.new("RGB", (100, 140), (230, 230, 220)).save(image)
    scan = FPDF()
    for _ in range(2):
        scan.add_page()
        scan.image(str(image), x=10, y=10, w=120)
    scan.output(str(path))
    image.unlink()
    return path


def page_tree_pdf(path, pages: int = 5001):
    """Over the page limit in a few hundred KB: refused before any page is read."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    for _ in range(pages):
        doc.new_page(200, 200)
    doc.save(str(path))
    return path


def zip_bomb_docx(path):
    """A real DOCX carrying 20 MB of zeros that deflate about a thousand times."""
    _docx(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/image1.png", b"\0" * (20 * 1024 * 1024))
    return path


def billion_laughs_docx(path):
    return docx_with_dtd(path, LAUGHS, "word/document.xml", "&lol9;")


def external_entity_docx(path):
    return docx_with_dtd(path, XXE, "word/document.xml", "&xxe;")


def broken_zip_docx(path):
    return _bytes(b"PK\x03\x04" + _rng().randbytes(2048))(path)


def docx_named_pdf(path):
    return _docx(path, "A Word document saved with the wrong suffix. " + SENTENCE)


def pdf_named_docx(path):
    return _text_pdf(path)


def text_named_pdf(path):
    path.write_text("This is a plain text file with a .pdf name.\n", encoding="utf-8")
    return path


def windows_1252_text(path):
    return _bytes(("Caf\u00e9 services \u2013 \u00a3250,000 a year. " + SENTENCE).encode("cp1252") * 3)(path)


def utf16_text(path):
    return _bytes(("The caf\u00e9 contract is worth \u00a3250,000. " + SENTENCE).encode("utf-16"))(path)


def invalid_utf8_text(path):
    """Mostly ASCII with stray bytes that are no UTF-8 sequence."""
    return _bytes((SENTENCE.encode() + b"\xff\xfe\xc3(\xa0\xa1 ") * 20)(path)


def nul_text(path):
    return _bytes(SENTENCE.encode() + b"\x00" * 64 + SENTENCE.encode())(path)


def deep_json(path):
    return _bytes(b'{"releases": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")(path)


def huge_numbers_text(path):
    """Numbers of 400 digits where amounts, shares, terms and payment days are read (float() gives inf)."""
    n = "9" * 400
    path.write_text(f"The total contract value is \u00a3{n} excluding VAT. Quality {n}% and {n} marks. The contract "
                    f"runs for {n} days, or {n}+1 years. Payment within {n} days. Estimated value: {n} GBP.\n"
                    + SENTENCE + "\n", encoding="utf-8")
    return path


def roman_numbered_docx(path):
    return roman_docx(path)


DOCUMENTS = {
    "zero-byte.pdf": (zero_byte, ("error", "empty file (0 bytes)")),
    "random-bytes.pdf": (random_bytes, ("error", "not a PDF file: unrecognised binary content")),
    "random-bytes.docx": (random_bytes, ("error", "not a DOCX file: unrecognised binary content")),
    "truncated.pdf": (truncated_pdf, ("error", "corrupt or truncated PDF")),
    "corrupt.pdf": (corrupt_pdf, ("error", "corrupt or truncated PDF")),
    "scrambled-xref.pdf": (scrambled_xref_pdf, ("report", None)),
    "encrypted.pdf": (encrypted_pdf, ("error", "encrypted PDF: a password is required")),
    "image-only.pdf": (image_only_pdf, ("report", None)),
    "page-tree.pdf": (page_tree_pdf, ("error", "PDF has 5,001 pages, more than the 5,000-page limit")),
    "zip-bomb.docx": (zip_bomb_docx, ("error", "refusing a possible zip bomb")),
    "billion-laughs.docx": (billion_laughs_docx, ("error", "declares a DTD")),
    "external-entity.docx": (external_entity_docx, ("error", "declares a DTD")),
    "broken-zip.docx": (broken_zip_docx, ("error", "corrupt ZIP container")),
    "docx-named.pdf": (docx_named_pdf, ("report", None)),
    "pdf-named.docx": (pdf_named_docx, ("report", None)),
    "text-named.pdf": (text_named_pdf, ("error", "named .pdf but contains plain text")),
    "windows-1252.txt": (windows_1252_text, ("report", None)),
    "utf-16.txt": (utf16_text, ("report", None)),
    "invalid-utf8.txt": (invalid_utf8_text, ("report", None)),
    "nul-bytes.txt": (nul_text, ("error", "not a document: unrecognised binary content")),
    "deep.json": (deep_json, ("error", "nested too deeply")),
    "roman-numbered.docx": (roman_numbered_docx, ("report", None)),
    "huge-numbers.txt": (huge_numbers_text, ("report", None)),
}


# -- rulebooks and configs --------------------------------------------------------------------------------------

RULE = """id: H-1
step: 1
title: A hostile rule
type: prohibited
severity: warning
options:
{options}
message: "{message}"
rationale: Because.
citations:
  - {{title: Source, year: 2024}}
fix: Fix it.
examples:
  pass: [ok]
  fail: [bad]
{extra}"""


def _rulebook(options: str = "  phrases: [lots]", message: str = "Not good.", extra: str = "",
              raw: bytes | None = None):
    def build(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "H-1.yaml"
        if raw is not None:
            path.write_bytes(raw)
        else:
            path.write_text(RULE.format(options=options, message=message, extra=extra), encoding="utf-8")
        return path
    return build


ALIAS_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
WILDCARDS = "  patterns:\n    - [" + ", ".join(["{OP: '*'}"] * 35) + ", {LOWER: lots}]"

RULEBOOKS = {
    "huge-quantifier": (_rulebook("  patterns:\n    - [{LOWER: lots, OP: '{1,1000000}'}]"),
                        "repeats a token more than 10 times"),
    "many-wildcards": (_rulebook(WILDCARDS), "has 35 unbounded repeats"),
    "many-optionals": (_rulebook("  patterns:\n    - [" + ", ".join(["{LOWER: a, OP: '?'}"] * 12) + "]"),
                       "has 12 optional tokens"),
    "regex-predicate": (_rulebook("  patterns:\n    - [{TEXT: {REGEX: '(a+)+$'}}]"), "REGEX predicate is not allowed"),
    "backtracking-regex": (_rulebook("  regex: ['(a|a)*\\1']"), "not a valid RE2 expression"),
    "python-tag": (_rulebook(extra="tags: !!python/object/apply:os.system ['echo owned']\n"), "YAML tag"),
    "alias-bomb": (_rulebook(extra="params:\n  " + ALIAS_BOMB.replace("\n", "\n  ")), "YAML anchors"),
    "nul-byte": (_rulebook(raw=RULE.format(options="  phrases: [lo\x00ts]", message="x", extra="").encode()),
                 "control character U+0000"),
    "nan-param": (_rulebook(extra="params:\n  cap: .nan\n"), "non-finite number"),
    "huge-format-width": (_rulebook(message="{count:>1400000000}"), "format"),
    "not-utf8": (_rulebook(raw=RULE.format(options="  phrases: [caf\xe9]", message="x", extra="").encode("latin-1")),
                 "not UTF-8 text"),
}

CONFIGS = {
    "alias-bomb": ("params:\n  " + ALIAS_BOMB.replace("\n", "\n  "), "YAML anchors"),
    "python-tag": ("fail_on: !!python/name:os.system\n", "YAML tag"),
    "extends-proc": ("extends: /proc/self/environ\n", "is a system file"),
    "nan-limit": ("limits:\n  timeout_s: .nan\n", "non-finite number"),
    "negative-limit": ("limits:\n  memory_mb: -1\n", "must be a whole number >= 0"),
    "escape-char": ("fail_on: error\x1b[31m\n", "control character U+001B"),
}


def write_config(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(CONFIGS[name][0], encoding="utf-8")
    return path


def write_all(out: Path) -> dict[str, list[Path]]:
    """Every case under out: documents/, rulebooks/<case>/, configs/<case>.yaml."""
    written = {"documents": [], "rulebooks": [], "configs": []}
    (out / "documents").mkdir(parents=True, exist_ok=True)
    for name, (build, _) in DOCUMENTS.items():
        written["documents"].append(build(out / "documents" / name))
    for name, (build, _) in RULEBOOKS.items():
        written["rulebooks"].append(build(out / "rulebooks" / name))
    for name in CONFIGS:
        written["configs"].append(write_config(out / "configs", name))
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.hostile.generate OUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    written = write_all(out)
    listing = io.StringIO()
    for kind, paths in written.items():
        listing.write(f"{kind}: {len(paths)}\n")
    sys.stdout.write(listing.getvalue())
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main(sys.argv[1:]))
