"""The benchmark's synthetic inputs are valid, spread over every funder format, and --edit changes one grant only."""

import datetime as dt
import sys

from grantreports.checks.extraction import data_file, extract
from tests.fixtures import REPO, TEMPLATES

sys.path.insert(0, str(REPO / "bench"))
from generate import generate


def test_generated_inputs_give_one_report_per_grant_across_all_formats_and_an_edit_touches_one_grant(tmp_path):
    numbers = generate(tmp_path / "inputs", 10, 400)
    results = tmp_path / "results"
    first = extract(tmp_path, ["inputs/*.xlsx"], TEMPLATES, results, dt.date(2025, 6, 30))
    assert [p for p in first.problems if p.severity == "error"] == []
    assert len(first.reports) == 10 and {r.funder for r in first.reports} == {
        p.name for p in TEMPLATES.iterdir() if (p / "profile.yaml").is_file()
    }
    assert len(set(numbers)) == 10 and all("/B0" in n for n in numbers)
    before = {r.grant_slug: data_file(results, r.grant_slug).read_bytes() for r in first.reports}
    activities = sum(data_file(results, slug).read_text().count('"participants":') for slug in before)
    assert activities == 400

    generate(tmp_path / "inputs", 10, 400, edit=True)
    extract(tmp_path, ["inputs/*.xlsx"], TEMPLATES, results, dt.date(2025, 6, 30))
    changed = [slug for slug, content in before.items() if data_file(results, slug).read_bytes() != content]
    assert len(changed) == 1


def test_the_workbooks_hold_their_texts_as_shared_strings_as_office_programs_save_them(tmp_path):
    import zipfile

    import openpyxl
    from generate import activity_rows, grant_numbers

    generate(tmp_path, 3, 60)
    with zipfile.ZipFile(tmp_path / "activities.xlsx") as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
        assert b"<is>" not in sheet and b't="s"' in sheet  # (openpyxl's empty texts stay: empty cells, as read)
        shared = archive.read("xl/sharedStrings.xml").decode("utf-8")
    assert "Preiļi" in shared or "Rīga" in shared  # Latvian letters as UTF-8, not character references
    read = [list(row) for row in openpyxl.load_workbook(tmp_path / "activities.xlsx")["activities"].iter_rows(min_row=2, values_only=True)]
    written = activity_rows(grant_numbers(3), 60, 0)
    assert len(read) == len(written) == 60
    for got, row in zip(read, written, strict=True):
        expected = [
            dt.datetime.combine(value, dt.time()) if isinstance(value, dt.date) else value if value != "" else None for value in row
        ]
        assert got[: len(expected)] == expected
