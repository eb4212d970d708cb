"""Rule engine benchmark: evaluating the bundled rulebook against annotating the same text, in the same run.

    .venv/bin/python bench/engine.py [--paragraphs 5000] [--repeat 3] [FILE ...]

For a generated Markdown tender of --paragraphs paragraphs (and the documents in ../shared/corpus when present,
and any given), prints the time of `checker.nlp.pipeline.annotate` (the reference: spaCy tokenising and
sentence-splitting the text once) and of `checker.engine.evaluate` with every bundled rule, and their ratio.
The engine scans each document once for all rules' phrases, token patterns and RE2 expressions, so the ratio
should stay well under 1 however many rules there are. Also the one-off cost of loading and compiling the
rulebook. Not part of pytest.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

PARAGRAPHS = (
    ("The provider will deliver community support in every ward of the borough, working with local voluntary "
    "groups and residents. Outcomes are measured quarterly and reported to the commissioning board."),
    "Bidders must hold ISO 9001 and provide three years of audited accounts. Consortia will not be accepted.",
    "The service was co-designed with residents at four workshops; a lived experience panel set the outcomes.",
    "Price 60%, quality 30% and social value 10% of the total score. Payment is made within 30 days of invoice.",
)


def generated(paragraphs: int) -> str:
    parts = []
    for n in range(paragraphs):
        if n % 50 == 0:
            parts.append(f"## {n // 50 + 1} Section {n // 50 + 1}")
        parts.append(PARAGRAPHS[n % len(PARAGRAPHS)])
    return "\n\n".join(parts)


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("files", nargs="*")
    args = parser.parse_args(argv)

    from checker import config, engine, rulebook
    from checker.api import CheckOptions
    from checker.extract import read_document
    from checker.extract.text import parse_text
    from checker.facts import find_facts
    from checker.nlp.pipeline import annotate, get_nlp

    get_nlp()
    start = time.perf_counter()
    rulebook._load.cache_clear()
    cfg = config.load(CheckOptions())
    print(f"load + validate + compile {len(cfg.rules)} rules: {time.perf_counter() - start:.3f} s")

    documents = [("generated", parse_text(generated(args.paragraphs), path="generated.md"))]
    paths = [Path(f) for f in args.files]
    if CORPUS.is_dir():
        paths += sorted(p for p in CORPUS.iterdir() if p.suffix.lower() in (".pdf", ".docx"))
    documents += [(p.name, read_document(p)) for p in paths]

    print(f"{'document':44} {'blocks':>7} {'annotate s':>11} {'engine s':>9} {'ratio':>6}")
    for name, document in documents:
        docs = annotate(document)
        facts = find_facts(document, docs)
        t_annotate = best_of(args.repeat, lambda d=document: annotate(d))
        t_engine = best_of(args.repeat, lambda d=document, x=docs, f=facts: engine.evaluate(cfg, d, x, f))
        print(f"{name[:44]:44} {len(document.blocks):7} {t_annotate:11.3f} {t_engine:9.3f} "
              f"{t_engine / t_annotate:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
