"""The bad-input corpus: each case breaks the fixture project one way, as people and other programs do.

A case is (name, break, expected problem, grants it blocks). `break(tables, inputs)` edits the fixture
tables (written to inputs/grants.xlsx afterwards) and may write other files into `inputs`. The expected
problem is (file, sheet, row, column, value, words of the message), of the case's severity; with
`alone`, no other error may come with it (no follow-on errors). A case with no expected problem is
input the tool must read as the clean fixture: same grants, same rows, whatever the layout.
"""

from __future__ import annotations

import copy
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.corpus.files import Error, Formula, csv_text, write_ods
from tests.fixtures import BC, SIF, D, write_workbook

WORKBOOK = "inputs/grants.xlsx"


@dataclass(frozen=True)
class Case:
    name: str
    breaks: Callable[[dict, Path], None]
    expected: tuple | None  # file, sheet, row, column, value, message words; None: read as the clean fixture
    blocks: frozenset[str]
    severity: str = "error"
    alone: bool = False
    patterns: tuple[str, ...] = ()  # input patterns beside inputs/**/*.{xlsx,ods,csv}


def _set(sheet: str, row: int, column: int, value) -> Callable[[dict, Path], None]:
    def edit(tables: dict, inputs: Path) -> None:
        tables[sheet][row][column] = value

    return edit


def _delete(sheet: str, row: int) -> Callable[[dict, Path], None]:
    def edit(tables: dict, inputs: Path) -> None:
        del tables[sheet][row]

    return edit


def _add_grant(number: str, **changes) -> Callable[[dict, Path], None]:
    def edit(tables: dict, inputs: Path) -> None:
        row = copy.deepcopy(tables["grants"][2])
        row[0] = number
        for index, value in changes.items():
            row[int(index[1:])] = value
        tables["grants"].append(row)

    return edit


def _rename_column(sheet: str, old: str, new: str) -> Callable[[dict, Path], None]:
    def edit(tables: dict, inputs: Path) -> None:
        header = tables[sheet][0]
        header[header.index(old)] = new

    return edit


def _drop_column(sheet: str, name: str) -> Callable[[dict, Path], None]:
    def edit(tables: dict, inputs: Path) -> None:
        index = tables[sheet][0].index(name)
        for row in tables[sheet]:
            del row[index]

    return edit


def _drop_sheet(sheet: str) -> Callable[[dict, Path], None]:
    def edit(tables: dict, inputs: Path) -> None:
        del tables[sheet]

    return edit


def _file(name: str, content: bytes) -> Callable[[dict, Path], None]:
    def edit(tables: dict, inputs: Path) -> None:
        (inputs / name).write_bytes(content)

    return edit


def _zip_bomb(tables: dict, inputs: Path) -> None:
    """A valid-looking .xlsx whose one sheet unpacks to 210 MB of zeros (a few hundred KB on disk)."""
    with zipfile.ZipFile(inputs / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b"0" * 2**20
            for _ in range(210):
                sheet.write(block)


def _other_workbook(tables: dict, inputs: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    workbook.active.append(["nothing", "to", "see"])
    workbook.save(inputs / "other.xlsx")


NOT_A_SPREADSHEET = b"PK\x03\x04 this is not really a zip archive, just bytes with a zip signature" * 3
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # how Excel stores a password-protected .xlsx

CASES = [
    # cells of the wrong type or out of range
    Case(
        "participants not a number",
        _set("activities", 1, 7, "many"),
        (WORKBOOK, "activities", 2, "participants", "many", "expected a whole number"),
        frozenset({SIF}),
    ),
    Case(
        "fractional participants",
        _set("activities", 1, 7, 2.5),
        (WORKBOOK, "activities", 2, "participants", "2,5", "expected a whole number, e.g. 12"),
        frozenset({SIF}),
    ),
    Case(
        "negative participants",
        _set("activities", 1, 7, -3),
        (WORKBOOK, "activities", 2, "participants", "-3", "expected a value of at least 0"),
        frozenset({SIF}),
    ),
    Case(
        "impossible date",
        _set("activities", 1, 3, "31.02.2023."),
        (WORKBOOK, "activities", 2, "start_date", "31.02.2023.", "there is no 31 February 2023 (February 2023 has 28 days)"),
        frozenset({SIF}),
    ),
    Case(
        "date as words",
        _set("expenses", 1, 1, "marta beigās"),
        (WORKBOOK, "expenses", 2, "date", "marta beigās", "expected a date"),
        frozenset({SIF}),
    ),
    Case(
        "amount with both separators",
        _set("expenses", 1, 3, "1.234,56"),
        (WORKBOOK, "expenses", 2, "amount", "1.234,56", "one decimal separator"),
        frozenset({SIF}),
    ),
    Case(
        "amount as text",
        _set("expenses", 4, 3, "divsimt"),
        (WORKBOOK, "expenses", 5, "amount", "divsimt", "expected a number"),
        frozenset({BC}),
    ),
    Case(
        "formula without a saved value",
        _set("activities", 1, 7, "=SUM(H3:H4)"),
        (WORKBOOK, "activities", 2, "participants", "=SUM(H3:H4)", "formula with no saved value"),
        frozenset({SIF}),
    ),
    Case(
        "empty required cell",
        _set("activities", 1, 2, None),
        (WORKBOOK, "activities", 2, "title", "", "this cell is empty"),
        frozenset({SIF}),
    ),
    Case(
        "invalid currency",
        _set("grants", 2, 9, "euro"),
        (WORKBOOK, "grants", 3, "currency", "euro", "expected a value like 'EUR'"),
        frozenset({BC}),
    ),
    Case("negative total budget", _set("grants", 2, 10, -5), (WORKBOOK, "grants", 3, "total_budget", "-5", "at least 0"), frozenset({BC})),
    Case(
        "unknown report kind",
        _set("periods", 3, 1, "midterm"),
        (WORKBOOK, "periods", 4, "kind", "midterm", "expected one of: interim, final"),
        frozenset({BC}),
    ),
    # dates in the wrong order or place
    Case(
        "activity ends before it starts",
        _set("activities", 1, 4, D("2023-02-01")),
        (WORKBOOK, "activities", 2, "end_date", "01.02.2023.", "ends before it starts"),
        frozenset({SIF}),
    ),
    Case(
        "activity outside the grant period",
        _set("activities", 4, 3, D("2024-02-01")),
        (WORKBOOK, "activities", 5, "start_date", "01.02.2024.", "within the grant period"),
        frozenset({BC}),
    ),
    Case(
        "period ends before it starts",
        _set("periods", 1, 3, D("2023-01-01")),
        (WORKBOOK, "periods", 2, "period_to", "01.01.2023.", "ends before it starts"),
        frozenset({SIF}),
    ),
    Case(
        "overlapping periods",
        _set("periods", 2, 2, D("2023-12-01")),
        (WORKBOOK, "periods", 3, "period_from", "01.12.2023.", "overlaps the period in row 2"),
        frozenset({SIF}),
    ),
    Case(
        "two final reports",
        _set("periods", 1, 1, "final"),
        (WORKBOOK, "periods", 2, "kind", "final", "a grant has one final report"),
        frozenset({SIF}),
    ),
    Case(
        "grant ends before it starts",
        _set("grants", 2, 8, D("2022-12-31")),
        (WORKBOOK, "grants", 3, "end_date", "31.12.2022.", "ends before it starts"),
        frozenset({BC}),
    ),
    # codes that repeat or point nowhere
    Case("duplicate grant number", _add_grant(BC), (WORKBOOK, "grants", 4, "grant_number", BC, "listed more than once"), frozenset({BC})),
    Case(
        "duplicate indicator code",
        _set("indicators", 2, 1, "R3"),
        (WORKBOOK, "indicators", 3, "indicator_code", "R3", "appears more than once"),
        frozenset({SIF}),
    ),
    Case(
        "duplicate budget line",
        _set("budget", 2, 1, "1"),
        (WORKBOOK, "budget", 3, "line_code", "1", "appears more than once"),
        frozenset({SIF}),
    ),
    Case(
        "duplicate planned activity",
        _set("activity_plan", 2, 1, "A1"),
        (WORKBOOK, "activity_plan", 3, "activity_code", "A1", "appears more than once"),
        frozenset({SIF}),
    ),
    Case(
        "activity for an unknown grant",
        _set("activities", 4, 0, "BC-LV-P2P-2023/4"),
        (WORKBOOK, "activities", 5, "grant_number", "BC-LV-P2P-2023/4", f"did you mean '{BC}'?"),
        frozenset({BC}),
    ),
    Case(
        "unknown funder format",
        _set("grants", 2, 2, "britsh-council"),
        (WORKBOOK, "grants", 3, "funder", "britsh-council", "no report format with this name"),
        frozenset({BC}),
    ),
    Case(
        "expense on an unknown budget line",
        _set("expenses", 1, 2, "9"),
        (WORKBOOK, "expenses", 2, "line_code", "9", "no budget line with this code"),
        frozenset({SIF}),
    ),
    Case(
        "value for a counted indicator",
        _set("indicator_values", 1, 1, "R3"),
        (WORKBOOK, "indicator_values", 2, "indicator_code", "R3", "measure 'manual'"),
        frozenset({SIF}),
    ),
    Case(
        "indicator value in another unit",
        _set("indicator_values", 1, 4, "raksti"),
        (WORKBOOK, "indicator_values", 2, "unit", "raksti", "expected 'publikācijas'"),
        frozenset({SIF}),
    ),
    Case(
        "activity code not in the plan",
        _set("activities", 1, 1, "A9"),
        (WORKBOOK, "activities", 2, "activity_code", "A9", "no activity with this code in the grant's activity_plan"),
        frozenset({SIF}),
    ),
    Case(
        "text for a date that ends no report",
        _set("narrative", 3, 1, D("2023-06-30")),
        (WORKBOOK, "narrative", 4, "period_to", "30.06.2023.", "no reporting period of the grant ends on this date"),
        frozenset({SIF}),
    ),
    Case(
        "budget note for an unknown line",
        _set("budget_notes", 1, 2, "7"),
        (WORKBOOK, "budget_notes", 2, "line_code", "7", "no budget line with this code"),
        frozenset({SIF}),
    ),
    # the funder's rules
    Case(
        "expenses over budget without explanation",
        _delete("budget_notes", 1),
        (WORKBOOK, "budget", 3, "approved", "1000", "expected an explanation in the budget_notes sheet"),
        frozenset({SIF}),
    ),
    Case(
        "required text missing", _delete("narrative", 4), (WORKBOOK, "periods", 3, "", "", "needs the text 'publicity'"), frozenset({SIF})
    ),
    Case(
        "text the format does not have",
        _set("narrative", 2, 2, "publicty"),
        (WORKBOOK, "narrative", 3, "section", "publicty", "has no such text"),
        frozenset({SIF}),
    ),
    Case(
        "column the funder requires is empty",
        _set("grants", 2, 3, None),
        (WORKBOOK, "grants", 3, "programme", "", "the 'british-council' report format needs it filled in"),
        frozenset({BC}),
    ),
    # grant numbers that would escape or collide as folder names
    Case(
        "grant numbers giving the same folder",
        _add_grant("bc lv p2p 2023 04"),
        (WORKBOOK, "grants", 4, "grant_number", "bc lv p2p 2023 04", f"same folder name 'bc-lv-p2p-2023-04' as grant '{BC}'"),
        frozenset({BC}),
    ),
    Case(
        "grant number without letters or digits",
        _add_grant("///"),
        (WORKBOOK, "grants", 4, "grant_number", "///", "at least one letter or digit"),
        frozenset(),
    ),
    Case(
        "300-character grant number", _add_grant("X" * 300), (WORKBOOK, "grants", 4, "grant_number", "X" * 300, "at most 80"), frozenset()
    ),
    # sheets and columns missing or renamed
    Case(
        "missing required column",
        _drop_column("activities", "participants"),
        (WORKBOOK, "activities", 1, "", "", "missing required column(s) 'participants'"),
        frozenset({SIF, BC}),
    ),
    Case(
        "renamed column",
        _rename_column("expenses", "amount", "summa EUR"),
        (WORKBOOK, "expenses", 1, "", "", "missing required column(s) 'amount'"),
        frozenset({SIF, BC}),
    ),
    Case(
        "missing grants sheet", _drop_sheet("grants"), ("", "", None, "", "", "no 'grants' sheet in any input file"), frozenset({SIF, BC})
    ),
    Case(
        "missing periods sheet",
        _drop_sheet("periods"),
        ("", "", None, "", "", "no 'periods' sheet in any input file"),
        frozenset({SIF, BC}),
    ),
    # files that are not what they claim
    Case(
        "not a spreadsheet",
        _file("broken.xlsx", NOT_A_SPREADSHEET),
        ("inputs/broken.xlsx", "", None, "", "", "cannot open as a spreadsheet"),
        frozenset({SIF, BC}),
    ),
    Case(
        "password-protected workbook",
        _file("locked.xlsx", OLE),
        ("inputs/locked.xlsx", "", None, "", "", "password-protected"),
        frozenset({SIF, BC}),
    ),
    Case(
        "empty workbook file", _file("empty.xlsx", b""), ("inputs/empty.xlsx", "", None, "", "", "the file is empty"), frozenset({SIF, BC})
    ),
    Case(
        "empty CSV file",
        _file("activities-empty.csv", b""),
        ("inputs/activities-empty.csv", "", None, "", "", "the file is empty"),
        frozenset({SIF, BC}),
    ),
    Case(
        "CSV in an unknown encoding",
        _file("activities-x.csv", b"grant_number;title\n" + b"\x81\x83\x88\n"),
        ("inputs/activities-x.csv", "", None, "", "", "cannot decode the text"),
        frozenset({SIF, BC}),
    ),
    Case("zip bomb", _zip_bomb, ("inputs/bomb.xlsx", "", None, "", "", "unpacks to 210 MB"), frozenset({SIF, BC})),
    Case(
        "workbook without a known sheet",
        _other_workbook,
        ("inputs/other.xlsx", "", None, "", "", "no sheet of this file is read (it has: Sheet1), so no grant gets a report"),
        frozenset({SIF, BC}),
    ),
]


# --- Sheets and files the tool would once have left out or misread without a word ---


def _move(sheet: str, file_name: str, *, sheet_name: str | None = None, title_rows: int = 0, separator: str = ";", quote: bool = True):
    """Take `sheet` out of the workbook and write it as inputs/<file_name> (.xlsx, .ods or .csv), under
    `sheet_name`, below `title_rows` rows of title text."""

    def edit(tables: dict, inputs: Path) -> None:
        rows = [[f"Projekta pārskats, {index + 1}. rinda"] for index in range(title_rows)] + tables.pop(sheet)
        path = inputs / file_name
        if path.suffix.lower() == ".csv":
            path.write_text(csv_text(rows, separator, quote), encoding="utf-8")
        elif path.suffix == ".ods":
            write_ods(path, {sheet_name or sheet: rows})
        else:
            write_workbook(path, {sheet_name or sheet: rows})

    return edit


def _title_rows(sheet: str, count: int) -> Callable[[dict, Path], None]:
    def edit(tables: dict, inputs: Path) -> None:
        tables[sheet][:0] = [["Biedrība „Pierīgas partnerība”"], []][:count] + [["Atskaites periods: 2023–2024"]] * max(0, count - 2)

    return edit


def _csv(file_name: str, text: str) -> Callable[[dict, Path], None]:
    def edit(tables: dict, inputs: Path) -> None:
        tables.pop("expenses")
        (inputs / file_name).write_text(text, encoding="utf-8")

    return edit


def _error_cell(sheet: str, row: int, column: int, error: str, file_name: str = "") -> Callable[[dict, Path], None]:
    """A cell whose formula failed: in the workbook, or in the sheet moved to an .ods or .csv file."""

    def edit(tables: dict, inputs: Path) -> None:
        tables[sheet][row][column] = Error(error)
        if file_name.endswith(".ods"):
            write_ods(inputs / file_name, {sheet: tables.pop(sheet)})
        elif file_name.endswith(".csv"):
            (inputs / file_name).write_text(csv_text(tables.pop(sheet)), encoding="utf-8")

    return edit


def _merged(sheet: str, cells: str, file_name: str, value: object = None) -> Callable[[dict, Path], None]:
    """Cells merged over rows, as people merge a repeated value, in the sheet moved to its own .xlsx or .ods file."""

    def edit(tables: dict, inputs: Path) -> None:
        first, last = cells.split(":")
        column = ord(first[0]) - ord("A")
        rows = range(int(first[1:]) - 1, int(last[1:]))
        if value is not None:
            tables[sheet][rows[0]][column] = value
        for row in rows[1:]:
            tables[sheet][row][column] = None
        write = write_ods if file_name.endswith(".ods") else write_workbook
        write(inputs / file_name, {sheet: tables.pop(sheet)}, merges={sheet: [cells]})

    return edit


def _delete_rows(sheet: str, grant: str) -> Callable[[dict, Path], None]:
    def edit(tables: dict, inputs: Path) -> None:
        tables[sheet][1:] = [row for row in tables[sheet][1:] if row[0] != grant]

    return edit


EXPENSES_HEADER = "grant_number,date,line_code,amount,document_number,description\r\n"
ALL = frozenset({SIF, BC})

LEFT_OUT = [
    Case(
        "expenses sheet named otherwise (Maksājumi, payments)",
        lambda tables, inputs: tables.update({"Maksājumi": tables.pop("expenses")}),
        (WORKBOOK, "Maksājumi", 1, "", "", "has the columns of the 'expenses' sheet"),
        ALL,
    ),
    Case(
        "expenses sheet named otherwise, in an .ods workbook",
        _move("expenses", "maksajumi.ods", sheet_name="Maksājumi"),
        ("inputs/maksajumi.ods", "Maksājumi", 1, "", "", "expected the sheet name 'expenses' or 'Izdevumi'"),
        ALL,
    ),
    Case(
        "expenses CSV named otherwise",
        _move("expenses", "maksajumi.csv"),
        ("inputs/maksajumi.csv", "maksajumi.csv", 1, "", "", "expected a file name starting with 'expenses' or 'Izdevumi'"),
        ALL,
    ),
    Case(
        "a sheet of notes beside the input sheets",
        lambda tables, inputs: tables.update({"Piezīmes": [["Jāpārbauda Ķekavas saraksti"]]}),
        (WORKBOOK, "Piezīmes", None, "", "", "not an input sheet"),
        frozenset(),
        severity="note",
    ),
    Case(
        "a partner folder's name mistyped in the patterns",
        lambda tables, inputs: None,
        ("config/config.yaml", "", None, "inputs", "inputs/parnters/*.csv", "no file matches this input pattern"),
        ALL,
        patterns=("inputs/parnters/*.csv",),
    ),
    Case(
        "two title rows above the header",
        _title_rows("activities", 2),
        None,
        frozenset(),
    ),
    Case(
        "title rows above the header, in an .ods workbook",
        _move("expenses", "expenses.ods", title_rows=3),
        None,
        frozenset(),
    ),
    Case(
        "title rows above the header, in a CSV file",
        _move("expenses", "expenses-partneris.csv", title_rows=2),
        None,
        frozenset(),
    ),
    Case(
        "no header among the first 20 rows",
        _title_rows("expenses", 21),
        (WORKBOOK, "expenses", None, "", "", "no header row in the first 20 rows"),
        ALL,
    ),
    Case(
        "a grant number merged over several activity rows",
        _merged("activities", "A3:A4", "activities.xlsx"),
        (
            "inputs/activities.xlsx",
            "activities",
            4,
            "grant_number",
            "",
            "one of the merged cells A3:A4: it shows '2023.LV/NVOF/MAC/041/58'",
        ),
        frozenset({SIF}),
        alone=True,
    ),
    Case(
        "an organisation merged over two rows, in an .ods workbook",
        _merged("activities", "I2:I3", "activities.ods", value="Biedrība „Partnerība Daugavkrasts”"),
        ("inputs/activities.ods", "activities", 3, "organisation", "", "one of the merged cells I2:I3"),
        frozenset({SIF}),
        alone=True,
    ),
    Case(
        "a copy of the expenses left among the inputs",
        lambda tables, inputs: write_ods(inputs / "expenses-copy.ods", {"expenses": copy.deepcopy(tables["expenses"])}),
        (
            WORKBOOK,
            "expenses",
            2,
            "",
            "",
            "the same row as in inputs/expenses-copy.ods, sheet 'expenses', row 2, so it would be counted twice",
        ),
        ALL,
    ),
    Case(
        "the same activity entered twice in one sheet",
        lambda tables, inputs: tables["activities"].append(copy.deepcopy(tables["activities"][4])),
        (WORKBOOK, "activities", 6, "", "", "the same values as row 5, so both are counted"),
        frozenset(),
        severity="warning",
    ),
    Case(
        "a totals row at the foot of the expenses",
        lambda tables, inputs: tables["expenses"].append([None, None, None, 3175.06, None, "Kopā"]),
        (WORKBOOK, "expenses", 6, "grant_number", "", "this row names no grant, and could be any grant's row"),
        ALL,
    ),
    Case(
        "a sheet without the grant_number column",
        _drop_column("budget", "grant_number"),
        (WORKBOOK, "budget", 1, "", "", "missing required column(s) 'grant_number'"),
        ALL,
    ),
]

MISPARSED = [
    Case(
        "CSV with ';' and decimal commas",
        _move("expenses", "expenses.csv"),
        None,
        frozenset(),
    ),
    Case(
        "CSV with ',' and decimal commas in quotes",
        _move("expenses", "expenses.csv", separator=","),
        None,
        frozenset(),
    ),
    Case(
        "CSV with ',' and a decimal comma not in quotes",
        _move("expenses", "expenses.csv", separator=",", quote=False),
        ("inputs/expenses.csv", "expenses.csv", 2, "", f"{SIF},31.03.2023.,1,1234,56,AL-1,", "has 7 values but the header has 6 columns"),
        ALL,  # BC's 250,5 too
    ),
    Case(
        "CSV with ',' whose decimal comma could be a separator",
        _csv("expenses.csv", EXPENSES_HEADER + f"{SIF},31.03.2023.,1,1387,60,AL-1\r\n"),
        ("inputs/expenses.csv", "expenses.csv", 2, "", f"{SIF},31.03.2023.,1,1387,60,AL-1", "'1387,60' could be one number"),
        frozenset({SIF}),
    ),
    Case(
        "CSV with ',' and a row shorter than the header",
        _csv("expenses.csv", EXPENSES_HEADER + f"{SIF},31.03.2023.,1,1387,60\r\n"),
        ("inputs/expenses.csv", "expenses.csv", 2, "", f"{SIF},31.03.2023.,1,1387,60", "the row has 5 values but the header has 6"),
        frozenset({SIF}),
    ),
    Case(
        "CSV with ';' and a separator inside a text",
        _csv("expenses.csv", EXPENSES_HEADER.replace(",", ";") + f"{SIF};31.03.2023.;1;1234,56;AL-1;kafija; tēja\r\n"),
        ("inputs/expenses.csv", "expenses.csv", 2, "", f"{SIF};31.03.2023.;1;1234,56;AL-1;kafija; tēja", "a ';' inside a value"),
        frozenset({SIF}),
    ),
    Case(
        "CSV row whose grant number is not first",
        _csv(
            "expenses.csv", "date,grant_number,line_code,amount,document_number,description\r\n" + f"31.03.2023.,{SIF},1,1234,56,AL-1,\r\n"
        ),
        ("inputs/expenses.csv", "expenses.csv", 2, "", f"31.03.2023.,{SIF},1,1234,56,AL-1,", "has 7 values"),
        ALL,
    ),
    Case(
        "#DIV/0! in an amount",
        _error_cell("expenses", 1, 3, "#DIV/0!"),
        (WORKBOOK, "expenses", 2, "amount", "#DIV/0!", "shows the spreadsheet error #DIV/0! (a division by zero)"),
        frozenset({SIF}),
        alone=True,
    ),
    Case(
        "#REF! in a text, in an .ods workbook",
        _error_cell("activities", 4, 2, "#REF!", "activities.ods"),
        ("inputs/activities.ods", "activities", 5, "title", "#REF!", "spreadsheet error #REF!"),
        frozenset({BC}),
        alone=True,
    ),
    Case(
        "#N/A in a CSV file",
        _error_cell("activities", 2, 7, "#N/A", "activities.csv"),
        ("inputs/activities.csv", "activities.csv", 3, "participants", "#N/A", "spreadsheet error #N/A (a lookup found no value)"),
        frozenset({SIF}),
        alone=True,
    ),
    Case(
        "#VALUE! in a date",
        _error_cell("periods", 3, 4, "#VALUE!"),
        (WORKBOOK, "periods", 4, "due_date", "#VALUE!", "spreadsheet error #VALUE!"),
        frozenset({BC}),
        alone=True,
    ),
    Case(
        "#NAME? in an optional text",
        _error_cell("expenses", 4, 5, "#NAME?", "expenses.ods"),
        ("inputs/expenses.ods", "expenses", 5, "description", "#NAME?", "spreadsheet error #NAME?"),
        frozenset({BC}),
        alone=True,
    ),
    Case(
        "#REF! in a budget line's code: its expenses are not all reported too",
        _error_cell("budget", 1, 1, "#REF!"),
        (WORKBOOK, "budget", 2, "line_code", "#REF!", "spreadsheet error #REF!"),
        frozenset({SIF}),
        alone=True,
    ),
    Case(
        "#REF! in a period's end: its texts are not all reported too",
        _error_cell("periods", 1, 3, "#REF!", "periods.ods"),
        ("inputs/periods.ods", "periods", 2, "period_to", "#REF!", "spreadsheet error #REF!"),
        frozenset({SIF}),
        alone=True,
    ),
    Case(
        "#REF! in an activity's grant number",
        _error_cell("activities", 4, 0, "#REF!"),
        (WORKBOOK, "activities", 5, "grant_number", "#REF!", "spreadsheet error #REF!"),
        ALL,
        alone=True,
    ),
    Case(
        "#REF! in the grants sheet's grant number: that grant's rows could be anyone's",
        _error_cell("grants", 2, 0, "#REF!"),
        (WORKBOOK, "activities", 5, "grant_number", BC, "it may be the grant of grants row 3, whose number cannot be read"),
        ALL,
    ),
    Case(
        "a mistyped grant number in a row with an unreadable cell",
        lambda tables, inputs: tables["expenses"][4].__setitem__(slice(0, 4), ["BC-LV-P2P-2023/4", D("2023-06-30"), "1", "250 EUR"]),
        (WORKBOOK, "expenses", 5, "grant_number", "BC-LV-P2P-2023/4", f"did you mean '{BC}'?"),
        frozenset({BC}),
    ),
]

IMPOSSIBLE = [
    Case(
        "currency code mistyped",
        _set("grants", 2, 9, "ERU"),
        (WORKBOOK, "grants", 3, "currency", "ERU", "not a currency code (did you mean EUR?)"),
        frozenset({BC}),
    ),
    Case(
        "grant end year mistyped",
        _set("grants", 2, 8, D("2203-12-31")),
        (WORKBOOK, "grants", 3, "end_date", "31.12.2203.", "expected a date in the years 1990–2099"),
        frozenset({BC}),
    ),
    Case(
        "grant lasting decades",
        _set("grants", 2, 8, D("2063-12-31")),
        (WORKBOOK, "grants", 3, "end_date", "31.12.2063.", "would last more than 10 years"),
        frozenset({BC}),
    ),
    Case(
        "due date before the period ends",
        _set("periods", 3, 4, D("2023-12-01")),
        (WORKBOOK, "periods", 4, "due_date", "01.12.2023.", "on or after the period's end 31.12.2023."),
        frozenset({BC}),
    ),
    Case(
        "submission date years after the grant",
        _set("periods", 1, 5, D("2031-10-15")),
        (WORKBOOK, "periods", 2, "submission_date", "15.10.2031.", "at most 5 years after the grant ends (31.10.2029.)"),
        frozenset({SIF}),
    ),
    Case(
        "grant without reporting periods",
        _delete_rows("periods", BC),
        (WORKBOOK, "grants", 3, "grant_number", BC, "the grant has no reporting periods"),
        frozenset({BC}),
    ),
    Case(
        "final report with budget lines but no expenses",
        _delete_rows("expenses", BC),
        (WORKBOOK, "periods", 4, "", "", "budget lines but no expenses"),
        frozenset(),
        severity="warning",
    ),
    Case(
        "final report with activities planned but none held",
        _delete_rows("activities", SIF),
        (WORKBOOK, "periods", 3, "", "", "activities planned but none held"),
        frozenset(),
        severity="warning",
    ),
    Case(
        "whole number written with a unit",
        _set("activities", 1, 7, "12 pers."),
        (WORKBOOK, "activities", 2, "participants", "12 pers.", "expected a whole number without a unit, e.g. 12"),
        frozenset({SIF}),
    ),
    Case(
        "a day September does not have",
        _set("expenses", 2, 1, "31.09.2024."),
        (WORKBOOK, "expenses", 3, "date", "31.09.2024.", "there is no 31 September 2024 (September has 30 days)"),
        frozenset({SIF}),
    ),
    Case(
        "total budget as a float, in the message as typed",
        _set("grants", 2, 10, 21500.0),
        (WORKBOOK, "grants", 3, "total_budget", "21500", "the budget lines add up to 1000, the grant's total_budget is 21500;"),
        frozenset(),
        severity="warning",
    ),
]


def _long_sheet(name: str) -> Callable[[dict, Path], None]:
    """The expenses sheet under another name, BC's row below 25 rows of SIF's."""

    def edit(tables: dict, inputs: Path) -> None:
        header, *rows = tables.pop("expenses")
        filler = [[SIF, D("2023-03-31"), "1", 1.0 + index, f"F-{index}", ""] for index in range(25)]
        tables[name] = [header, *[r for r in rows if r[0] == SIF], *filler, *[r for r in rows if r[0] == BC]]

    return edit


def _append_bytes(file_name: str, sheet: str, line: bytes) -> Callable[[dict, Path], None]:
    """The sheet as a UTF-8 CSV file with `line` appended as it is."""

    def edit(tables: dict, inputs: Path) -> None:
        (inputs / file_name).write_bytes(csv_text(tables.pop(sheet)).encode("utf-8") + line)

    return edit


def _csv_text_edit(sheet: str, file_name: str, old: str, new: str) -> Callable[[dict, Path], None]:
    def edit(tables: dict, inputs: Path) -> None:
        (inputs / file_name).write_text(csv_text(tables.pop(sheet)).replace(old, new, 1), encoding="utf-8")

    return edit


HELD_OUT_LIKE = [
    Case(
        "expenses sheet named otherwise, a grant's rows below the first 20",
        _long_sheet("Maksājumi"),
        (WORKBOOK, "Maksājumi", 1, "", "", "expected the sheet name 'expenses'"),
        ALL,
    ),
    Case(
        "a dot between thousands in a text amount",
        _set("expenses", 4, 3, "2.250"),
        (WORKBOOK, "expenses", 5, "amount", "2.250", "this could be 2250 (with a thousands separator) or 2,25"),
        frozenset({BC}),
    ),
    Case(
        "an English thousands comma in a CSV amount",
        _csv("expenses.csv", EXPENSES_HEADER.replace(",", ";") + f"{SIF};31.03.2023.;1;1,500;AL-1;\r\n"),
        ("inputs/expenses.csv", "expenses.csv", 2, "amount", "1,500", "this could be 1500"),
        frozenset({SIF}),
    ),
    Case(
        "a date in the US order",
        _set("activities", 4, 3, "10/6/2023"),
        (WORKBOOK, "activities", 5, "start_date", "10/6/2023", "this could be 10 June 2023 or 6 October 2023"),
        frozenset({BC}),
    ),
    Case(
        "a Windows-1257 row pasted into a UTF-8 CSV",
        _append_bytes(
            "activities-partneris.csv", "activities", f"{SIF};A1;Tikšanās;01.03.2023.;;Olaine;kopienu līderi;5;;\r\n".encode("cp1257")
        ),
        ("inputs/activities-partneris.csv", "", None, "", "", "line 6 is not UTF-8 while other lines are"),
        ALL,
    ),
    Case(
        "a stray quote that swallows the rows after it",
        _csv_text_edit("activities", "activities-partneris.csv", ";Apzinātas vajadzības.", ';"Apzinātas vajadzības.'),
        (
            "inputs/activities-partneris.csv",
            "activities-partneris.csv",
            2,
            "",
            f"{SIF};A1;Mentoringa tikšanās;16.02.2023.;;Mārupe;kopienu līderi;9;;Apzinātas vajadzības.",
            'a quote (") in this row opens a value that runs over 3 more lines',
        ),
        ALL,
    ),
    Case(
        "a zero-width space after a grant number",
        _set("activities", 4, 0, BC + "\u200b"),
        None,
        frozenset(),
    ),
    Case(
        "a target group with a capital letter in one row",
        _set("activities", 3, 6, "Iedzīvotāji"),
        (
            WORKBOOK,
            "activities",
            4,
            "target_group",
            "Iedzīvotāji",
            "written 'iedzīvotāji' in inputs/grants.xlsx, sheet 'activities', row 3",
        ),
        frozenset({SIF}),
    ),
    Case(
        "an indicator's column headed in the singular",
        _rename_column("indicators", "activity_codes", "activity_code"),
        (WORKBOOK, "indicators", 1, "", "", "the column 'activity code' (H1) is not one of this sheet's, but nearly 'activity_codes'"),
        ALL,
    ),
    Case(
        "an indicator's column headed 'measurement'",
        _rename_column("indicators", "measure", "measurement"),
        (WORKBOOK, "indicators", 1, "", "", "but nearly 'measure'"),
        ALL,
    ),
    Case(
        "two columns headed amount",
        lambda tables, inputs: [
            row.insert(3, row[3] * 1.05 if isinstance(row[3], float | int) else "Amount") for row in tables["expenses"]
        ],
        (WORKBOOK, "expenses", 1, "", "", "two columns are headed 'amount' (D1 and E1)"),
        ALL,
    ),
    Case(
        "a partner CSV saved with an upper-case extension",
        _move("activities", "activities-partneris.CSV"),
        None,
        frozenset(),
    ),
    Case(
        "a partner's file in the old .xls format",
        _file("activities-partneris.xls", OLE),
        ("inputs/activities-partneris.xls", "", None, "", "", "a spreadsheet in a format this tool cannot read (Excel 97-2003)"),
        ALL,
    ),
    Case(
        "a copy of the activities workbook left beside it",
        lambda tables, inputs: write_workbook(inputs / "activities - Copy.xlsx", {"activities": copy.deepcopy(tables["activities"])}),
        (WORKBOOK, "activities", 2, "", "", "the same row as in inputs/activities - Copy.xlsx, sheet 'activities', row 2"),
        ALL,
    ),
    Case(
        "a code typed as a number with decimals",
        _set("budget", 1, 1, 1.1),
        (WORKBOOK, "budget", 2, "line_code", "1,1", "a number cell where text is expected"),
        frozenset({SIF}),
    ),
]


def _nfd(sheet: str, file_name: str) -> Callable[[dict, Path], None]:
    """The sheet as a CSV whose letters are decomposed (ā as a + ¯), as macOS saves text."""

    def edit(tables: dict, inputs: Path) -> None:
        (inputs / file_name).write_text(unicodedata.normalize("NFD", csv_text(tables.pop(sheet))), encoding="utf-8")

    return edit


SECOND_ROUND = [
    Case(
        "a hidden copy of a sheet in the same workbook",
        lambda tables, inputs: tables.update({"Indicator values_": copy.deepcopy(tables["indicator_values"])}),
        (WORKBOOK, "Indicator values_", None, "", "", "would be read as 'indicator_values', as the sheet 'indicator_values' is"),
        frozenset({SIF}),
    ),
    Case("letters decomposed as macOS saves them", _nfd("activities", "activities-mac.csv"), None, frozenset()),
    Case(
        "the final period before the interim one",
        lambda tables, inputs: (tables["periods"][1].__setitem__(1, "final"), tables["periods"][2].__setitem__(1, "interim")),
        (WORKBOOK, "periods", 2, "kind", "final", "the final report's period comes before the one in row 3"),
        frozenset({SIF}),
    ),
    Case(
        "an indicator without a measure but with filters",
        _set("indicators", 4, 6, None),
        (WORKBOOK, "indicators", 5, "measure", "manual", "the measure is 'manual' (also when empty)"),
        frozenset({BC}),
    ),
    Case(
        "an indicator's target group no activity has",
        _set("indicators", 2, 8, "jaunieši"),
        (WORKBOOK, "indicators", 3, "target_group", "jaunieši", "no activity row has this target group (yet)"),
        frozenset(),
        severity="warning",
    ),
    Case(
        "an activity code in lower case once, with no plan",
        lambda tables, inputs: (tables["activity_plan"].__delitem__(slice(1, None)), tables["activities"][3].__setitem__(1, "a4")),
        (WORKBOOK, "activities", 4, "activity_code", "a4", "written 'A4' in inputs/grants.xlsx, sheet 'activities', row 3"),
        frozenset({SIF}),
    ),
    Case(
        "a code the spreadsheet turned into a date",
        _set("indicators", 3, 1, D("2024-03-01")),
        (
            WORKBOOK,
            "indicators",
            4,
            "indicator_code",
            "2024-03-01",
            "a date cell (a spreadsheet turns 1.3 into 1 March) where text is expected",
        ),
        frozenset({SIF}),
    ),
    Case(
        "FALSE in a text column",
        _set("activities", 1, 9, False),
        (WORKBOOK, "activities", 2, "result", "False", "a TRUE/FALSE cell where text is expected"),
        frozenset({SIF}),
    ),
    Case(
        "a formula with no saved value, in an .ods written by a script",
        lambda tables, inputs: (
            tables["activities"][4].__setitem__(8, Formula("=[.A1]")),
            write_ods(inputs / "activities.ods", {"activities": tables.pop("activities")}),
        ),
        ("inputs/activities.ods", "activities", 5, "organisation", "=[.A1]", "a formula with no saved value"),
        frozenset({BC}),
    ),
    Case(
        "an expense in a gap between the periods",
        lambda tables, inputs: (
            tables["periods"][1].__setitem__(3, D("2023-06-30")),
            tables["expenses"][1].__setitem__(1, D("2023-08-15")),
            [row.__setitem__(1, D("2023-06-30")) for row in tables["narrative"][1:] if row[0] == SIF and row[1] == D("2023-12-31")],
        ),
        (WORKBOOK, "expenses", 2, "date", "15.08.2023.", "falls in no reporting period, so no report would count it"),
        frozenset({SIF}),
    ),
]

CASES += LEFT_OUT + MISPARSED + IMPOSSIBLE + HELD_OUT_LIKE + SECOND_ROUND
