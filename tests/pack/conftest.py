"""A real tender pack built in tmp_path: an ITT PDF and a specification DOCX made by fixtures/build.py from the
Markdown below, and a pricing schedule .xlsx made with openpyxl; the ITT and the pricing schedule disagree on
the contract value (£2,500,000 against £3,000,000)."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

ITT = """---
format: pdf
title: Invitation to Tender - Community Befriending Service
author: Northmoor Borough Council
date: 2026-03-02
---
@title Invitation to Tender
@subtitle Community Befriending Service

# 1 Introduction

Northmoor Borough Council invites tenders for a community befriending service for older residents. The
procurement is run under the Procurement Act 2023 using the open procedure.

# 2 Contract value and term

The total contract value is £2,500,000 excluding VAT. The contract will run for an initial period of 3 years
with the option to extend for up to 2 further periods of 12 months.

# 3 Evaluation

Tenders will be evaluated on quality and price.

| Criterion | Weighting |
|---|---|
| Quality | 60% |
| Price | 40% |

# 4 Timetable

The deadline for tenders is 10 April 2026 at 12:00 noon.
"""

SPEC = """---
format: docx
title: Specification - Community Befriending Service
author: Northmoor Borough Council
date: 2026-03-02
---
@title Service Specification
@subtitle Community Befriending Service

# 1 The service

The provider will match volunteer befrienders with older residents who are lonely or isolated, in every ward
of the borough, and will run weekly drop-in groups in community venues.

# 2 How the service was designed

The service was co-designed with residents and carers at four workshops in Eastfield and Moorside, and
people who use the service will sit on the evaluation panel.
"""


def _build_module():
    spec = importlib.util.spec_from_file_location("fixtures_build_for_pack", ROOT / "fixtures" / "build.py")
    build = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = build
    spec.loader.exec_module(build)
    return build


def write_pricing(path: Path, total: float = 3_000_000) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pricing schedule"
    sheet.append(["Item", "Amount"])
    sheet.append(["Total contract value (excluding VAT)", total])
    sheet["B2"].number_format = '"£"#,##0'
    sheet.append(["Annual management fee", 40_000])
    sheet["B3"].number_format = '"£"#,##0'
    book.save(path)
    return path


def build_pack_files(folder: Path) -> dict[str, Path]:
    """{'itt.pdf': ..., 'specification.docx': ..., 'pricing-schedule.xlsx': ...} built into folder."""
    build = _build_module()
    out = {}
    for name, text, builder in (("itt.pdf", ITT, build.build_pdf), ("specification.docx", SPEC, build.build_docx)):
        src = folder / f"{Path(name).stem}.md"
        src.write_text(text, encoding="utf-8")
        builder(build.parse(src), folder / name)
        src.unlink()
        out[name] = folder / name
    out["pricing-schedule.xlsx"] = write_pricing(folder / "pricing-schedule.xlsx")
    return out


def zip_pack(files: dict[str, Path], path: Path) -> Path:
    """The files zipped under tender/, as a portal's download would hold them."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, file in files.items():
            archive.write(file, f"tender/{name}")
    return path


@pytest.fixture(scope="session")
def pack_files(tmp_path_factory) -> dict[str, Path]:
    return build_pack_files(tmp_path_factory.mktemp("pack-src"))


@pytest.fixture(scope="session")
def pack_zip(pack_files, tmp_path_factory) -> Path:
    path = zip_pack(pack_files, tmp_path_factory.mktemp("pack") / "befriending-pack.zip")
    (path.parent / ".git").mkdir()  # no .tendercheck.yaml from outside the test folder
    return path
