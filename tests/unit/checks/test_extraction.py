import datetime as dt
import os
import shutil

import pytest

from grantreports.checks import extraction as extract_module
from grantreports.checks.extraction import data_file, extract
from grantreports.common.problems import EVERY_GRANT
from grantreports.inputs.patterns import expand_alternatives
from tests.fixtures import AS_OF, BC, REPO, SIF, sheets, write_workbook

TEMPLATES = REPO / "templates"
PATTERNS = ["inputs/**/*.xlsx"]


@pytest.fixture
def project(tmp_path):
    write_workbook(tmp_path / "inputs" / "grants.xlsx", sheets())
    return tmp_path


def test_reports_of_every_valid_grant_and_which_are_due(project):
    extraction = extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF)
    assert [(r.grant_slug, r.report_slug) for r in extraction.reports] == [
        ("2023-lv-nvof-mac-041-58", "interim-1"),
        ("2023-lv-nvof-mac-041-58", "final"),
        ("bc-lv-p2p-2023-04", "final"),
    ]
    assert [r.report_slug for r in extraction.due(dt.date(2024, 1, 1))] == ["interim-1", "final"]


def test_unchanged_inputs_are_not_parsed_again(project, monkeypatch):
    first = extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF)
    monkeypatch.setattr(extract_module, "read_file", lambda *a: pytest.fail("inputs were read again"))
    assert extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF) == first


def test_editing_one_grant_leaves_the_other_grants_data_file_untouched(project):
    results = project / "results"
    extract(project, PATTERNS, TEMPLATES, results, AS_OF)
    sif_file, bc_file = data_file(results, "2023-lv-nvof-mac-041-58"), data_file(results, "bc-lv-p2p-2023-04")
    os.utime(sif_file, (1, 1))
    os.utime(bc_file, (1, 1))
    tables = sheets()
    tables["activities"][4][7] = 49  # a BC row
    write_workbook(project / "inputs" / "grants.xlsx", tables)
    extract(project, PATTERNS, TEMPLATES, results, AS_OF)
    assert sif_file.stat().st_mtime == 1
    assert bc_file.stat().st_mtime > 1 and '"participants":49' in bc_file.read_text()


def test_a_grant_that_becomes_invalid_loses_its_data_file(project):
    results = project / "results"
    extract(project, PATTERNS, TEMPLATES, results, AS_OF)
    tables = sheets()
    tables["expenses"][4][3] = "daudz"  # BC amount
    write_workbook(project / "inputs" / "grants.xlsx", tables)
    extraction = extract(project, PATTERNS, TEMPLATES, results, AS_OF)
    assert not data_file(results, "bc-lv-p2p-2023-04").exists()
    assert {r.grant_number for r in extraction.reports} == {SIF}
    assert [p.grant for p in extraction.problems if p.severity == "error"] == [BC]


def test_spreadsheet_lock_files_are_skipped_and_a_pattern_matching_nothing_blocks_every_grant(project):
    (project / "inputs" / "~$grants.xlsx").write_bytes(b"owner file")
    extraction = extract(project, [*PATTERNS, "inputs/**/*.csv"], TEMPLATES, project / "results", AS_OF, config_file="config/mine.yaml")
    [problem] = extraction.problems
    assert (problem.file, problem.column, problem.value, problem.grant) == ("config/mine.yaml", "inputs", "inputs/**/*.csv", EVERY_GRANT)
    assert problem.severity == "error" and "no file matches this input pattern" in problem.message
    assert extraction.reports == []


def test_patterns_take_alternatives_in_braces(project):
    extraction = extract(project, ["inputs/**/*.{xlsx,csv}"], TEMPLATES, project / "results", AS_OF)
    assert extraction.problems == [] and {r.grant_number for r in extraction.reports} == {SIF, BC}
    assert expand_alternatives("a/{b,c}/*.{x,y}") == ["a/b/*.x", "a/b/*.y", "a/c/*.x", "a/c/*.y"]


def test_a_changed_pattern_list_is_not_answered_from_the_cache(project):
    extract(project, ["inputs/**/*.xlsx"], TEMPLATES, project / "results", AS_OF)
    extraction = extract(project, ["inputs/**/*.xlsx", "partners/*.csv"], TEMPLATES, project / "results", AS_OF)
    assert [p.value for p in extraction.problems] == ["partners/*.csv"]


def _checked_grants(monkeypatch) -> list[str]:
    """The grant numbers extract checks from now on (and does not take from the last build's checks)."""
    checked = []
    real = extract_module.check_grant

    def counting(sorted_rows, number, *args):
        checked.append(number)
        return real(sorted_rows, number, *args)

    monkeypatch.setattr(extract_module, "check_grant", counting)
    return checked


def test_an_edit_to_one_grants_row_checks_only_that_grant_again_and_finds_the_same_problems(project, monkeypatch):
    tables = sheets()
    tables["expenses"][1][3] = 10**6  # a SIF expense far over its line: a problem of the funder's rules, kept with the check
    write_workbook(project / "inputs" / "grants.xlsx", tables)
    first = extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF)
    assert any(p.grant == SIF for p in first.problems)
    checked = _checked_grants(monkeypatch)
    tables["activities"][4][7] = 49  # a BC row
    write_workbook(project / "inputs" / "grants.xlsx", tables)
    second = extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF)
    assert checked == [BC]
    assert second.problems == first.problems and second.reports == first.reports


def test_a_changed_funder_format_checks_its_grants_again(project, tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    extract(project, PATTERNS, templates, project / "results", AS_OF)
    checked = _checked_grants(monkeypatch)
    profile = templates / "british-council" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    extract(project, PATTERNS, templates, project / "results", AS_OF)
    assert checked == [BC]


def test_a_lost_data_file_is_written_again_though_its_grant_is_unchanged(project):
    results = project / "results"
    extract(project, PATTERNS, TEMPLATES, results, AS_OF)
    expected = data_file(results, "bc-lv-p2p-2023-04").read_bytes()
    data_file(results, "bc-lv-p2p-2023-04").unlink()
    tables = sheets()
    tables["activities"][1][7] = 49  # a SIF row: the inputs changed, the BC grant's rows did not
    write_workbook(project / "inputs" / "grants.xlsx", tables)
    extract(project, PATTERNS, TEMPLATES, results, AS_OF)
    assert data_file(results, "bc-lv-p2p-2023-04").read_bytes() == expected


def test_an_as_of_before_every_period_is_a_warning_naming_the_first_end(project):
    extraction = extract(project, PATTERNS, TEMPLATES, project / "results", dt.date(2023, 1, 1))
    [problem] = extraction.problems
    assert (problem.severity, problem.file, problem.column, problem.value) == ("warning", "config/config.yaml", "as_of", "2023-01-01")
    assert "no report is due by this date, so none is made: the first reporting period ends 31.12.2023." in problem.message


def test_a_read_cache_reads_only_the_files_that_changed(project, monkeypatch):
    write_workbook(project / "inputs" / "other.xlsx", {"periods": sheets()["periods"]})
    reads, read = extract_module.ReadCache(), []
    real = extract_module.read_file
    monkeypatch.setattr(extract_module, "read_file", lambda path, *a: (read.append(path.name), real(path, *a))[1])
    first = extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF, reads=reads)
    assert sorted(read) == ["grants.xlsx", "other.xlsx"]
    read.clear()
    assert extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF, reads=reads) == first
    assert read == []  # nothing changed: every file from the cache
    tables = sheets()
    tables["grants"][1][1] = "Kaimiņu kopienu kopspēks 2"
    write_workbook(project / "inputs" / "grants.xlsx", tables)
    extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF, reads=reads)
    assert read == ["grants.xlsx"]


def test_a_file_saved_between_its_hash_and_its_read_is_not_remembered_by_the_old_hash(project, monkeypatch):
    reads, real = extract_module.ReadCache(), extract_module.read_file
    workbook = project / "inputs" / "grants.xlsx"
    before = workbook.read_bytes()
    tables = sheets()
    tables["grants"][1][1] = "Saglabāts lasīšanas laikā"

    def saved_before_read(path, *args):
        write_workbook(workbook, tables)  # the user saves after the file was hashed, before it is read
        return real(path, *args)

    monkeypatch.setattr(extract_module, "read_file", saved_before_read)
    extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF, reads=reads)
    monkeypatch.setattr(extract_module, "read_file", real)
    workbook.write_bytes(before)  # saved back as it was: its old hash must not bring back the newer rows read
    extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF, reads=reads)
    extract(project, PATTERNS, TEMPLATES, project / "fresh", AS_OF, reads=extract_module.ReadCache())
    slug = "2023-lv-nvof-mac-041-58"
    assert data_file(project / "results", slug).read_bytes() == data_file(project / "fresh", slug).read_bytes()


def test_a_read_cache_converts_again_only_the_rows_that_changed_with_the_same_data_files(project, monkeypatch):
    from grantreports.inputs import validation

    reads, converted = extract_module.ReadCache(), []
    extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF, reads=reads)
    real = validation.convert_columns
    monkeypatch.setattr(
        validation, "convert_columns", lambda spec, numbers, *a: (converted.append((spec.name, numbers)), real(spec, numbers, *a))[1]
    )
    tables = sheets()
    tables["activities"][1][7] = 977  # participants, row 2
    tables["grants"][1][1] = "Kaimiņu kopienu kopspēks 2"  # title, row 2
    write_workbook(project / "inputs" / "grants.xlsx", tables)
    again = extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF, reads=reads)
    assert converted == [("grants", [2]), ("activities", [2])]
    monkeypatch.setattr(validation, "convert_columns", real)
    assert again == extract(project, PATTERNS, TEMPLATES, project / "fresh", AS_OF)
    for slug in ("2023-lv-nvof-mac-041-58", "bc-lv-p2p-2023-04"):
        assert data_file(project / "results", slug).read_bytes() == data_file(project / "fresh", slug).read_bytes()
    assert b"977" in data_file(project / "results", "2023-lv-nvof-mac-041-58").read_bytes()


def test_a_read_cache_reads_again_only_the_rows_a_save_changed_with_the_same_data_files(project, monkeypatch):
    tables = sheets()
    header, *rows = tables["activities"]
    tables["activities"] = [header] + [row[:2] + [f"{row[2]} ({copy})"] + row[3:] for copy in range(8) for row in rows]
    write_workbook(project / "inputs" / "grants.xlsx", tables)
    reads, read = extract_module.ReadCache(), []
    real = extract_module.read_file
    monkeypatch.setattr(extract_module, "read_file", lambda path, *a: (read.append(path.name), real(path, *a))[1])
    extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF, reads=reads)
    edited = next(row for row in tables["activities"][22:] if row[0] == tables["grants"][1][0])
    edited[7] = 977  # participants, a row below the first 20
    write_workbook(project / "inputs" / "grants.xlsx", tables)
    again = extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF, reads=reads)
    assert read == ["grants.xlsx"]  # once, whole; after the save, only the changed row (inputs/changed_rows.py)
    assert again == extract(project, PATTERNS, TEMPLATES, project / "fresh", AS_OF)
    for slug in ("2023-lv-nvof-mac-041-58", "bc-lv-p2p-2023-04"):
        assert data_file(project / "results", slug).read_bytes() == data_file(project / "fresh", slug).read_bytes()
    assert b"977" in data_file(project / "results", "2023-lv-nvof-mac-041-58").read_bytes()
