"""A tiny project for tests: two grants (Latvian SIF format, English British Council format)."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import docx
import openpyxl
import pdfplumber

from grantreports.checks.grant_checks import group_by_grant
from grantreports.common.files import sha256_file
from grantreports.figures.context import build_context
from grantreports.funders.profiles import load_profile, load_profiles
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from grantreports.render.report import render_report
from grantreports.render.report_files import ReportFiles

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "templates"
D = dt.date.fromisoformat
AS_OF = D("2024-11-30")

SIF = "2023.LV/NVOF/MAC/041/58"
BC = "BC-LV-P2P-2023/04"

SHEETS = {
    "grants": [
        [
            "grant_number",
            "title",
            "funder",
            "programme",
            "grantee",
            "partners",
            "locations",
            "start_date",
            "end_date",
            "currency",
            "total_budget",
            "contact_person",
            "signatory_name",
            "signatory_position",
            "signing_place",
        ],
        [
            SIF,
            "Kaimiņu kopienu kopspēks",
            "sif-nvo-fonds",
            "NVO fonds",
            "Biedrība „Pierīgas partnerība”",
            "Biedrība „Partnerība Daugavkrasts”",
            "Mārupes novads; Olaines novads; Ķekavas novads",
            D("2023-01-02"),
            D("2024-10-31"),
            "EUR",
            3000,
            "Ilze Kalniņa",
            "Anda Ozoliņa",
            "valdes priekšsēdētāja",
            "Rīgā",
        ],
        [
            BC,
            "Active Communities in Latgale",
            "british-council",
            "People to People",
            "Izglītības iniciatīvu centrs",
            "",
            "Krāslavas novads",
            D("2023-01-01"),
            D("2023-12-31"),
            "EUR",
            1000,
            "Inese Pūce",
            "Dace Ābele",
            "Director",
            "Riga",
        ],
    ],
    "periods": [
        ["grant_number", "kind", "period_from", "period_to", "due_date", "submission_date"],
        [SIF, "interim", D("2023-01-02"), D("2023-12-31"), D("2024-01-31"), D("2024-10-15")],
        [SIF, "final", D("2024-01-01"), D("2024-10-31"), D("2024-11-30"), None],
        [BC, "final", D("2023-01-01"), D("2023-12-31"), D("2024-01-31"), None],
    ],
    "narrative": [
        ["grant_number", "period_to", "section", "text"],
        [SIF, None, "summary", "Kopienas satiekas un plāno kopā."],
        [SIF, D("2023-12-31"), "publicity", "Raksts „Mārupes Vēstīs”."],
        [SIF, D("2023-12-31"), "deviations", "Forums pārcelts uz septembri."],
        [SIF, D("2024-10-31"), "publicity", "Video par forumiem."],
        [BC, D("2023-12-31"), "summary", "A new centre opened in Krāslava."],
    ],
    "activity_plan": [
        ["grant_number", "activity_code", "title", "planned_events", "planned_participants"],
        [SIF, "A1", "Mentorings", 8, 80],
        [SIF, "A3", "Kopienu pasākumi", 6, 400],
        [SIF, "A4", "Forumi „Ideju skrejceļš”", 3, 150],
    ],
    "activities": [
        [
            "grant_number",
            "activity_code",
            "title",
            "start_date",
            "end_date",
            "location",
            "target_group",
            "participants",
            "organisation",
            "result",
        ],
        [SIF, "A1", "Mentoringa tikšanās", D("2023-02-16"), None, "Mārupe", "kopienu līderi", 9, "", "Apzinātas vajadzības."],
        [SIF, "A4", "Forums „Ideju skrejceļš”", D("2023-11-18"), None, "Olaine", "iedzīvotāji", 58, "", ""],
        [SIF, "A4", "Forums „Ideju skrejceļš”", D("2024-04-20"), None, "Ķekava", "iedzīvotāji", 47, "", ""],
        [BC, "1", "Opening of a community resource centre", D("2023-10-06"), None, "Krāslava", "community members", 48, "", ""],
    ],
    "indicators": [
        ["grant_number", "indicator_code", "name", "unit", "baseline", "target", "measure", "activity_codes", "target_group"],
        [SIF, "R3", "Iedzīvotāju forumi", "forumi", 0, 3, "activities", "A4", None],
        [SIF, "R4", "Foruma dalībnieki", "dalībnieki", 0, 150, "participants", "A4", None],
        [SIF, "R5", "Publikācijas", "publikācijas", 0, 10, "manual", None, None],
        [BC, "O1", "New centres", "centres", 0, 2, "activities", "1", None],
    ],
    "indicator_values": [
        ["grant_number", "indicator_code", "date", "value", "unit", "comment"],
        [SIF, "R5", D("2023-06-30"), 3, "publikācijas", ""],
        [SIF, "R5", D("2024-05-30"), 4, None, ""],
    ],
    "budget": [
        ["grant_number", "line_code", "category", "description", "approved"],
        [SIF, "1", "Personāla izmaksas", None, 2000],
        [SIF, "5", "Publicitāte", None, 1000],
        [BC, "1", "Staff costs", None, 1000],
    ],
    "budget_notes": [
        ["grant_number", "period_to", "line_code", "explanation"],
        [SIF, D("2024-10-31"), "5", "Papildu video montāža."],
    ],
    "expenses": [
        ["grant_number", "date", "line_code", "amount", "document_number", "description"],
        [SIF, D("2023-03-31"), "1", 1234.56, "AL-1", ""],
        [SIF, D("2024-03-31"), "1", 500, "AL-2", ""],
        [SIF, D("2024-10-10"), "5", 1190, "PP-3", ""],
        [BC, D("2023-06-30"), "1", 250.5, "S-1", ""],
    ],
}


def sheets() -> dict[str, list[list]]:
    """A fresh, mutable copy of the fixture rows (header first)."""
    return copy.deepcopy(SHEETS)


def group(found: list) -> tuple[dict, list]:
    """group_by_grant with the repository's funder formats, as of the fixture project's date."""
    return group_by_grant(found, load_profiles(TEMPLATES)[0], AS_OF)


def as_funder(funder: str) -> dict[str, list[list]]:
    """The fixture's Latvian grant in `funder`'s format: a text for each of the format's narrative sections,
    a partner country (development cooperation), and sources of financing (formats that split the budget)."""
    tables = sheets()
    tables["grants"][0].append("partner_country")
    tables["grants"][1] += ["Baltkrievija"]
    tables["grants"][2] += [None]
    tables["grants"][1][2] = funder
    sections = [s.key for s in load_profile(TEMPLATES, funder).narrative]
    tables["narrative"] = (
        [tables["narrative"][0]]
        + [[SIF, None, key, f"Teksts: {key}."] for key in sections]
        + [row for row in tables["narrative"][1:] if row[0] == BC]
    )
    tables["financing"] = [
        ["grant_number", "funding_source", "amount"],
        [SIF, "Eiropas Sociālais fonds", 2550],
        [SIF, "Valsts budžets", 450],
    ]
    return tables


def write_workbook(path: Path, tables: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    """The tables as an .xlsx workbook, one sheet each; `merges` names cell ranges to merge per sheet (A2:A4)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in tables.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in (merges or {}).get(name, []):
            sheet.merge_cells(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def write_project(
    folder: Path,
    tables: dict[str, list[list]] | None = None,
    as_of: str = "2024-11-30",
    templates: Path = TEMPLATES,
    config_extra: str = "",
) -> Path:
    """A workflow working directory: inputs/grants.xlsx and config/config.yaml using `templates` (the repo's by default)."""
    write_workbook(folder / "inputs" / "grants.xlsx", tables or sheets())
    (folder / "config").mkdir(parents=True, exist_ok=True)
    (folder / "config" / "config.yaml").write_text(
        f'inputs: ["inputs/**/*.{{xlsx,ods,csv}}"]\nas_of: "{as_of}"\ntemplates: "{templates}"\ngrants: []\nlanguage: en\n{config_extra}',
        encoding="utf-8",
    )
    return folder


def complete(name, data):
    """A whole file of its kind: what a reader of the output folder could trip over if it were cut short."""
    if name.endswith(".pdf"):
        return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    if name.endswith((".docx", ".xlsx")):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.testzip() is None
    if name.endswith(".json"):
        json.loads(data)
    return True


def word_text(path: Path) -> str:
    """All text of a .docx as a reader sees it: body, tables, headers and footers."""
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return plain("\n".join(parts))


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return plain("\n".join(page.extract_text() for page in pdf.pages))


def plain(text: str) -> str:
    """Text as a reader sees it: whitespace folded (non-breaking spaces included), invisible break points gone."""
    return " ".join(text.replace("\u00a0", " ").replace("\u200b", "").split())


def render(tmp_path: Path, tables: dict, grant: str, report: str):
    """Validate `tables`, render one report into tmp_path/out, return (context, Word text, PDF text, PDF path)."""
    workbook = write_workbook(tmp_path / "in.xlsx", tables)
    found, _ = read_file(workbook, str(workbook), sheet_specs())  # the manifest hashes the file by this name
    grants, problems = group(found)
    assert problems == []
    data_path = tmp_path / "data.json"
    data_path.write_text(grants[grant].to_json(), encoding="utf-8")
    docx_path, pdf_path = tmp_path / "out" / "r.docx", tmp_path / "out" / "r.pdf"
    render_report(
        data_path,
        report,
        TEMPLATES,
        ReportFiles.beside(pdf_path),
        {str(workbook): sha256_file(workbook)},
        ReportFiles.beside(tmp_path / "kept" / "r.pdf"),
    )
    context = build_context(grants[grant], report, load_profile(TEMPLATES, grants[grant].grant.funder))
    return context, word_text(docx_path), pdf_text(pdf_path), pdf_path
