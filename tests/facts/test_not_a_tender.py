"""A document that is not a tender (a software manual, an annual report) gets one notice, KIL-0.4-not-a-tender,
and no barrier findings, exit 0; decided conservatively, so every fixture and every ../shared/corpus/uk document
is still a tender. Kept apart from the not-UK notice (KIL-0.2)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.api import CheckOptions, check
from checker.extract import read_documents
from checker.extract.text import parse_text
from checker.facts import document as document_facts

ROOT = Path(__file__).resolve().parents[2]
RULE = "KIL-0.4-not-a-tender"

MANUAL = """---
format: pdf
title: Lumen Photo Studio 4 - User Guide
author: Lumen Software Ltd
date: 2025-06-01
---
@title Lumen Photo Studio 4
@subtitle User Guide

# 1 Getting started

This guide explains how to install Lumen Photo Studio and edit your first photographs. Before you begin, check
that your computer has at least eight gigabytes of memory, a graphics card that supports OpenGL 4 and two
gigabytes of free disk space. Download the installer from your account page, open it and follow the steps on
the screen. When the installation is finished, open Lumen from the start menu or the applications folder.

The first time Lumen opens it asks where your photographs are kept. Choose one or more folders; Lumen reads the
pictures in them and builds a catalogue of small previews, which can take a few minutes for a large library.

# 2 The workspace

The workspace has three parts. The library panel on the left lists your folders, albums and saved searches.
The viewer in the middle shows the selected photograph, and the adjustments panel on the right holds the
sliders for exposure, contrast, colour and sharpness. Press Tab to hide the panels and see the photograph on
its own; press Tab again to bring them back.

# 3 Editing a photograph

Select a photograph and open the adjustments panel. Move the exposure slider to make the picture lighter or
darker, and the contrast slider to make the difference between light and dark areas stronger. To crop, press
C, drag the corners of the frame and press Enter. Every change can be undone with Control and Z, and the
original file is never changed: Lumen keeps your edits in its catalogue and applies them when you export.

| Shortcut | Action |
|---|---|
| Control + Z | Undo the last change |
| C | Crop and straighten |
| Tab | Hide or show the panels |

# 4 Exporting

To export, choose File, then Export, pick a folder and a file type (JPEG, PNG or TIFF) and set the size. Lumen
can also export straight to an email message or a shared album.

# 5 Troubleshooting

If Lumen does not start, restart your computer and try again. If the previews look wrong, choose Library, then
Rebuild previews. Our help pages answer the most common questions, and you can write to our support team from
the Help menu.
"""

ANNUAL_REPORT = """---
format: docx
title: Harbourside Foods plc - Annual Report 2024
author: Harbourside Foods plc
date: 2025-04-30
---
@title Annual Report and Accounts 2024
@subtitle Harbourside Foods plc

# Chair's statement

2024 was a year of steady progress for Harbourside Foods. Revenue grew by 6% to £412 million and operating
profit rose to £31 million, helped by the new bakery in Grimsby and strong sales of our own-brand ranges. The
board proposes a final dividend of 4.2p per share, making 6.5p for the year.

# Strategic report

Our strategy has three parts: grow our share of the chilled food market, invest in efficient and low-carbon
sites, and look after the people who work for us. During the year we opened two distribution centres, reduced
energy use per tonne of food by 9% and trained more than 300 colleagues in food safety and leadership.

We work closely with our farmers and suppliers to keep quality high and prices fair, and we paid 94% of
invoices within 30 days.

# Principal risks

The main risks to the business are food safety, the cost of energy and ingredients, the loss of a large
customer and the availability of skilled staff. The board reviews each risk twice a year and the audit
committee checks the controls that manage them.

# Governance

The board met eight times in 2024. It has a non-executive chair, a chief executive, a finance director and four
independent non-executive directors. The audit, remuneration and nomination committees report on their work
later in this report.

# Financial review

Cash generated from operations was £44 million. Net debt fell to £58 million, 1.3 times earnings before
interest, tax, depreciation and amortisation. Capital expenditure of £27 million was mostly on the Grimsby
bakery and the two new distribution centres.
"""


def _build():
    spec = importlib.util.spec_from_file_location("fixtures_build_for_not_tender", ROOT / "fixtures" / "build.py")
    build = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = build
    spec.loader.exec_module(build)
    return build


@pytest.fixture(scope="module")
def non_tenders(tmp_path_factory) -> list[Path]:
    build = _build()
    folder = tmp_path_factory.mktemp("not-tenders")
    (folder / ".git").mkdir()
    out = []
    for name, text, builder in (("user-guide.pdf", MANUAL, build.build_pdf),
                                ("annual-report.docx", ANNUAL_REPORT, build.build_docx)):
        src = folder / f"{Path(name).stem}.md"
        src.write_text(text, encoding="utf-8")
        builder(build.parse(src), folder / name)
        src.unlink()
        out.append(folder / name)
    return out


def test_a_manual_and_an_annual_report_get_one_notice_and_exit_0(non_tenders):
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", *map(str, non_tenders), "-q"],
                            cwd=non_tenders[0].parent, capture_output=True, text=True, timeout=300, check=False,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stdout + result.stderr
    findings = [line for line in result.stdout.splitlines() if "KIL-" in line]
    assert len(findings) == 2 and all(f"[info] {RULE}:" in line for line in findings), findings
    report = check(list(map(str, non_tenders)))
    for doc in report.documents:
        assert [f.rule for f in doc.findings] == [RULE]
        assert not any(status == "barrier" for status in doc.steps.values())
        assert doc.facts.value("document.not_a_tender") is True


def test_the_notice_is_not_the_not_uk_notice(non_tenders):
    report = check([str(non_tenders[0])])
    (finding,) = report.documents[0].findings
    assert finding.rule == RULE and "does not read as a tender" in finding.message
    assert "KIL-0.2" not in finding.rule


@pytest.mark.parametrize("options", [CheckOptions(params={"check_non_tenders": True}), CheckOptions(force=True)],
                         ids=["param", "force"])
def test_check_non_tenders_or_force_applies_the_rules_anyway(non_tenders, options):
    report = check([str(non_tenders[0])], options)
    rules = {f.rule for f in report.documents[0].findings}
    assert RULE not in rules and len(rules) > 3


def test_a_short_text_is_never_judged():
    assert document_facts.judge(["Getting started. Open the application and sign in."], False) == (False, "")


def test_a_procurement_fact_makes_it_a_tender():
    manual = parse_text(MANUAL.split("---", 2)[2])
    texts = [b.text for b in manual.body_blocks]
    assert document_facts.judge(texts, False)[0] is True
    assert document_facts.judge(texts, True)[0] is False


def _fixture_texts():
    """The text of every fixture document, from the sources fixtures/build.py builds them from (and the
    text excerpts), read without building."""
    build = _build()
    for src in build.sources():
        yield src.relative_to(ROOT), parse_text(src.read_text(encoding="utf-8"))
    for src in sorted((ROOT / "fixtures" / "excerpts").glob("*.md")):
        yield src.relative_to(ROOT), parse_text(src.read_text(encoding="utf-8"))


def test_every_fixture_is_treated_as_a_tender_even_without_its_facts():
    """Stricter than a check: no procurement fact is given, so the vocabulary alone must say tender."""
    judged = 0
    for name, document in _fixture_texts():
        texts = [b.text for b in document.body_blocks]
        assert document_facts.judge(texts, False)[0] is False, name
        judged += 1
    assert judged >= 70


def test_every_uk_corpus_document_is_treated_as_a_tender(corpus_path):
    uk = corpus_path / "uk"
    files = sorted(p for p in uk.iterdir() if p.suffix.lower() in (".pdf", ".docx", ".doc", ".json"))
    assert len(files) >= 10
    for path in files:
        for document in read_documents(path, ocr=False):
            texts = [b.text for b in document.body_blocks]
            assert document_facts.judge(texts, False)[0] is False, path.name
