"""Synthetic but realistic inputs for the benchmark: N grants across the five funder formats, M activity rows.

Each grant is a copy of one of the example grants (scripts/make_example_inputs.py: Latvian names,
places, target groups, budgets and expenses) under its own grant number, with a single final
report covering the whole grant, and its share of the M activity rows spread over its period.
Activities sit in one shared workbook, as a programme office would collect them. The same
arguments always write the same values; --edit changes one activity row of one grant (its
participants), as a project manager correcting a figure would, and rewrites activities.xlsx only
(--edit 2, 3 … give other values, for repeated edits).

Run:  .venv/bin/python bench/generate.py --grants 1000 --activities 100000 --out bench/work/inputs
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import random
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import make_example_inputs as example

PLACES = [
    "Rīga",
    "Daugavpils",
    "Jelgava",
    "Liepāja",
    "Rēzekne",
    "Valmiera",
    "Ventspils",
    "Jēkabpils",
    "Ogre",
    "Tukums",
    "Cēsis",
    "Kuldīga",
    "Sigulda",
    "Smiltene",
    "Krāslava",
    "Ludza",
    "Preiļi",
    "Aizkraukle",
    "Gulbene",
    "Balvi",
    "Mārupe",
    "Olaine",
    "Ķekava",
    "Ādaži",
    "Saulkrasti",
    "Līvāni",
    "Alūksne",
    "Talsi",
    "Bauska",
    "Dobele",
]
RESULTS = [
    "",
    "",
    "Apzinātas dalībnieku vajadzības un resursi.",
    "Sagatavots kopīgs rīcības plāns.",
    "Dalībnieki novērtēja pasākumu ar 4,7 no 5 punktiem.",
    "Iesaistīti jauni brīvprātīgie; nodibināta sadarbība ar pašvaldību.",
    "Izveidota kopienas informācijas apmaiņas grupa.",
    "Nodarbības vadīja pieaicināts speciālists; materiāli nodoti dalībniekiem.",
]
SHEETS = {
    "grants": list(example.GRANTS[0]),
    "periods": ["grant_number", "kind", "period_from", "period_to", "due_date", "submission_date"],
    "narrative": ["grant_number", "period_to", "section", "text"],
    "activity_plan": ["grant_number", "activity_code", "title", "planned_events", "planned_participants"],
    "indicators": ["grant_number", "indicator_code", "name", "unit", "baseline", "target", "measure", "activity_codes", "target_group"],
    "indicator_values": ["grant_number", "indicator_code", "date", "value", "unit", "comment"],
    "budget": ["grant_number", "line_code", "category", "description", "approved"],
    "budget_notes": example.BUDGET_NOTE_COLUMNS,
    "expenses": example.EXPENSE_COLUMNS,
    "financing": example.FINANCING_COLUMNS,
    "work_packages": example.WORK_PACKAGE_COLUMNS,
}
# The example tables under the names of the sheets they fill
TABLES = {
    "narrative": example.NARRATIVE,
    "activity_plan": example.ACTIVITY_PLAN,
    "indicators": example.INDICATORS,
    "indicator_values": example.INDICATOR_VALUES,
    "budget": example.BUDGET,
    "budget_notes": example.padded(example.BUDGET_NOTES, example.BUDGET_NOTE_COLUMNS),
    "expenses": example.padded(example.EXPENSES, example.EXPENSE_COLUMNS),
    "financing": example.FINANCING,
    "work_packages": example.WORK_PACKAGES,
}


def grant_numbers(count: int) -> list[tuple[str, dict]]:
    """(new grant number, example grant it copies) for `count` grants, the five funders in turn."""
    return [
        (f"{base['grant_number']}/B{index + 1:04d}", base)
        for index, base in ((i, example.GRANTS[i % len(example.GRANTS)]) for i in range(count))
    ]


def _dated(value):
    return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 and value[4] == "-" else value


def _copies(table: list[tuple], base_number: str, number: str) -> list[list]:
    """The example rows of one grant under a new number."""
    return [[number, *(_dated(v) for v in row[1:])] for row in table if row[0] == base_number]


def activity_rows(grants: list[tuple[str, dict]], total: int, edit: int) -> list[list]:
    """The activity rows; with `edit`, the participants of the middle row (edited_row) raised by that much."""
    rng = random.Random(20261122)
    rows = []
    per_grant = [total // len(grants) + (1 if i < total % len(grants) else 0) for i in range(len(grants))]
    for (number, base), count in zip(grants, per_grant, strict=True):
        plan = [p for p in example.ACTIVITY_PLAN if p[0] == base["grant_number"]]
        titles = {a[1]: a[2] for a in example.ACTIVITIES if a[0] == base["grant_number"]}
        groups = sorted({a[6] for a in example.ACTIVITIES if a[0] == base["grant_number"]})
        start, end = base["start_date"], base["end_date"]
        days = (end - start).days
        for n in range(count):
            code, plan_title = plan[n % len(plan)][1], plan[n % len(plan)][2]
            day = start + dt.timedelta(days=rng.randrange(days + 1))
            rows.append(
                [
                    number,
                    code,
                    f"{titles.get(code, plan_title)} ({n + 1})",
                    day,
                    None,
                    rng.choice(PLACES),
                    rng.choice(groups),
                    rng.randint(3, 60),
                    base["grantee"],
                    rng.choice(RESULTS),
                ]
            )
    if edit:
        rows[edited_row(rows)][7] += edit  # one figure of one grant, corrected
    return rows


def edited_row(rows: list[list]) -> int:
    return len(rows) // 2


def edited_grant(grant_count: int, activity_count: int) -> str:
    """The grant number whose activity row --edit changes."""
    rows = activity_rows(grant_numbers(grant_count), activity_count, 0)
    return rows[edited_row(rows)][0]


def write_workbook(path: Path, sheets: dict[str, tuple[list[str], list[list]]]) -> None:
    """The workbook as Excel and LibreOffice save one: its texts in a table of shared strings, as UTF-8."""
    workbook = Workbook(write_only=True)
    for name, (columns, rows) in sheets.items():
        sheet = workbook.create_sheet(name)
        sheet.append(columns)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    written, partial = io.BytesIO(), path.with_name(path.name + ".part")
    workbook.save(written)
    with_shared_strings(written, partial)
    partial.replace(path)


# openpyxl's write-only mode (fast, little memory) writes each text into its cell, non-ASCII letters as character
# references (&#353;); Excel and LibreOffice write an index into the workbook's table of shared strings. The sheet a
# person saves is so about half the size (100,000 activity rows: 33 MB of XML instead of 66 MB), and is read faster:
# the bench times the files people have. The cells read are the same, value for value and type for type.
_INLINE_TEXT = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"><is><t(?: xml:space="preserve")?(?:>(.*?)</t>|/>)</is></c>'
)
_SHARED_STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SHARED_STRINGS_RELATION = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def with_shared_strings(source: io.BytesIO, target: Path) -> None:
    """`source` (an .xlsx of inline strings, as openpyxl wrote it) written to `target` with its texts in xl/sharedStrings.xml."""
    index: dict[str, int] = {}

    def shared(match: re.Match) -> bytes:
        text = html.unescape((match.group(3) or b"").decode("utf-8"))
        number = index.setdefault(text, len(index))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2), number)

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        count = 0
        for entry in old.infolist():
            data = old.read(entry)
            if entry.filename.startswith("xl/worksheets/"):
                data, found = _INLINE_TEXT.subn(shared, data)
                count += found
            elif entry.filename == "[Content_Types].xml":
                part = b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/>' % _SHARED_STRINGS_TYPE
                data = data.replace(b"</Types>", part + b"</Types>")
            elif entry.filename == "xl/_rels/workbook.xml.rels":
                relation = b'<Relationship Id="rIdSharedStrings" Type="%s" Target="sharedStrings.xml"/>' % _SHARED_STRINGS_RELATION
                data = data.replace(b"</Relationships>", relation + b"</Relationships>")
            new.writestr(entry, data, zipfile.ZIP_DEFLATED)
        preserve = ' xml:space="preserve"'  # a text with spaces at its ends keeps them
        items = "".join(f"<si><t{preserve if text != text.strip() else ''}>{escape(text)}</t></si>" for text in index)
        table = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{len(index)}">{items}</sst>'
        )
        new.writestr("xl/sharedStrings.xml", table.encode("utf-8"), zipfile.ZIP_DEFLATED)


def generate(out: Path, grant_count: int, activity_count: int, edit: int = 0) -> list[str]:
    """Write grants.xlsx, activities.xlsx and expenses.xlsx into `out`; the grant numbers, in order.

    With `edit`, only activities.xlsx is written, one row's participants raised by `edit`: the other
    files stay as they were, bytes and dates, as when a person edits one workbook."""
    grants = grant_numbers(grant_count)
    activities = {"activities": (example.ACTIVITY_COLUMNS, activity_rows(grants, activity_count, edit))}
    if edit:
        write_workbook(out / "activities.xlsx", activities)
        return [number for number, _ in grants]
    tables = {name: [] for name in SHEETS}
    for number, base in grants:
        end = base["end_date"].isoformat()
        tables["grants"].append([number if k == "grant_number" else v for k, v in base.items()])
        tables["periods"].append([number, "final", base["start_date"], base["end_date"], base["end_date"] + dt.timedelta(days=30), None])
        for name, table in TABLES.items():
            rows = _copies(table, base["grant_number"], number)
            if name in ("narrative", "budget_notes"):  # texts of any period go to the single final report
                rows = [[r[0], _dated(end) if r[1] else r[1], *r[2:]] for r in rows]
                if name == "narrative":
                    rows = list({(r[1], r[2]): r for r in rows}.values())  # one text per section
            tables[name] += rows
    write_workbook(out / "grants.xlsx", {name: (SHEETS[name], tables[name]) for name in SHEETS if name != "expenses"})
    write_workbook(out / "expenses.xlsx", {"expenses": (SHEETS["expenses"], tables["expenses"])})
    write_workbook(out / "activities.xlsx", activities)
    return [number for number, _ in grants]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grants", type=int, default=1000)
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--out", type=Path, required=True, help="folder for the input workbooks")
    parser.add_argument(
        "--edit", type=int, nargs="?", const=1, default=0, help="raise the participants of one activity row of one grant by this (1)"
    )
    args = parser.parse_args()
    generate(args.out, args.grants, args.activities, args.edit)


if __name__ == "__main__":
    main()
