"""PDF extraction benchmark: tendercheck's extractor against bare pdfplumber, measured in the same run.

    .venv/bin/python bench/extract.py [--pages 500] [--repeat 1] [PDF ...]

For each PDF (a generated text-heavy tender of --pages pages with a ruled table every 25 pages, the PDFs in
../shared/corpus when present, and any given on the command line) it prints pages/second of
`checker.extract.read_document` and of pdfplumber `page.extract_text()` (closing each page, as a careful
user would), and their ratio. Then the peak memory of our extractor on the generated PDF: the peak resident
set size (RSS high-water mark, VmHWM) of a child process that imports the libraries and extracts that one file,
with the RSS after imports alone shown for comparison, and the tracemalloc peak of Python allocations
during extraction. Not part of pytest.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

PARAGRAPH = ("The provider will deliver community support in every ward of the borough, working with local "
             "voluntary groups, residents and the people who use the service today. Outcomes are measured "
             "quarterly and reported to the commissioning board, with a summary published for residents. ")


def generate(path: Path, pages: int) -> None:
    """A text-heavy tender: numbered headings, full pages of prose, a ruled table every 25 pages."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=18)
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(0, 8, f"{n} Section {n}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        if n % 25 == 0:
            with pdf.table(col_widths=(110, 40)) as table:
                for row in (("Criterion", "Weighting"), ("Price", "40%"), ("Quality", "50%"), ("Social value", "10%")):
                    table.row(row)
        lines_left = int((pdf.h - pdf.get_y() - 20) / 5)
        text = (PARAGRAPH * 40)[: lines_left * 85]  # fills the page without spilling over
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def ours(path: Path) -> tuple[float, int, int, int]:
    from checker.extract import read_document

    start = time.perf_counter()
    document = read_document(path)
    elapsed = time.perf_counter() - start
    chars = sum(len(b.text) for b in document.blocks)
    return elapsed, document.pages, len(document.tables), chars


def bare_pdfplumber(path: Path) -> tuple[float, int, int]:
    import pdfplumber

    start = time.perf_counter()
    chars = 0
    with pdfplumber.open(str(path)) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            chars += len(page.extract_text() or "")
            page.close()
    return time.perf_counter() - start, pages, chars


PEAK_CHILD = """
import resource, sys, json, tracemalloc
sys.path.insert(0, {root!r})

def peak_kb():
    # VmHWM belongs to this process image; ru_maxrss would carry over the parent's peak across exec on Linux
    try:
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

import pdfplumber, pypdfium2, docx, checker.extract.pdf, checker.extract.layout, pdfplumber.table
before = peak_kb()
from checker.extract import read_document
tracemalloc.start()
document = read_document({path!r})
python_peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
after = peak_kb()
print(json.dumps({{"imports_kb": before, "peak_kb": after, "python_peak_kb": python_peak // 1024,
                   "pages": document.pages}}))
"""


def peak_memory(path: Path) -> dict:
    code = PEAK_CHILD.format(root=str(ROOT), path=str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--pages", type=int, default=500, help="pages in the generated PDF (default 500)")
    parser.add_argument("--repeat", type=int, default=1, help="best of N timings for each extractor")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        generated = Path(tmp) / f"generated-{args.pages}.pdf"
        t0 = time.perf_counter()
        generate(generated, args.pages)
        print(f"generated {generated.name} in {time.perf_counter() - t0:.1f} s")
        files = [generated, *sorted(CORPUS.glob("*.pdf")), *args.pdfs]
        ours(files[0] if len(files) == 1 else files[1])  # warm imports outside the timings
        bare_pdfplumber(files[-1])

        print(f"\n{'file':58} {'pages':>5} {'tables':>6} {'ours p/s':>9} {'plumber p/s':>11} {'ratio':>6}")
        ratios = []
        for path in files:
            mine = min((ours(path) for _ in range(args.repeat)), key=lambda r: r[0])
            theirs = min((bare_pdfplumber(path) for _ in range(args.repeat)), key=lambda r: r[0])
            ours_rate, their_rate = mine[1] / mine[0], theirs[1] / theirs[0]
            ratios.append(ours_rate / their_rate)
            print(f"{path.name[:58]:58} {mine[1]:5d} {mine[2]:6d} {ours_rate:9.1f} {their_rate:11.1f} "
                  f"{ours_rate / their_rate:5.1f}x")
        print(f"\nspeed-up over bare pdfplumber: min {min(ratios):.1f}x, max {max(ratios):.1f}x (target >= 5x)")

        memory = peak_memory(generated)
        print(f"\npeak RSS extracting {generated.name} ({memory['pages']} pages) in a fresh process: "
              f"{memory['peak_kb'] / 1024:.0f} MB (after imports alone: {memory['imports_kb'] / 1024:.0f} MB; "
              f"target <= 200 MB); Python allocations during extraction peak at "
              f"{memory['python_peak_kb'] / 1024:.0f} MB (tracemalloc; pdfium's C memory is in the RSS figure)")


if __name__ == "__main__":
    main()
