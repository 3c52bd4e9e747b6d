import datetime as dt

from grantreports.common.problems import EVERY_GRANT
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from tests.fixtures import BC, SIF, group, sheets, write_workbook


def validate(tmp_path, tables):
    found, problems = read_file(write_workbook(tmp_path / "in.xlsx", tables), "in.xlsx", sheet_specs())
    grants, more = group(found)
    return grants, problems + more


def test_the_fixture_is_valid(tmp_path):
    grants, problems = validate(tmp_path, sheets())
    assert problems == []
    assert set(grants) == {SIF, BC}
    assert [p.slug for p in grants[SIF].periods] == ["interim-1", "final"]
    assert grants[SIF].activities[0].source.row == 2


def test_every_problem_is_found_in_one_pass_and_only_the_bad_grant_is_blocked(tmp_path):
    tables = sheets()
    tables["activities"][1][7] = -3  # participants (row 2)
    tables["activities"][2][3] = "31.02.2023."  # start_date (row 3)
    tables["expenses"][1][2] = "9"  # unknown budget line (row 2)
    grants, problems = validate(tmp_path, tables)
    assert set(grants) == {BC}
    described = {(p.sheet, p.row, p.column, p.value, p.grant) for p in problems}
    assert described == {
        ("activities", 2, "participants", "-3", SIF),
        ("activities", 3, "start_date", "31.02.2023.", SIF),
        ("expenses", 2, "line_code", "9", SIF),
    }
    messages = " | ".join(str(p) for p in problems)
    assert "in.xlsx, sheet 'activities', row 2, column 'participants': value '-3': expected a value of at least 0" in messages
    assert "expected one of: 1, 5" in messages


def test_unknown_grant_suggests_the_closest_and_blocks_it_since_its_report_may_lack_the_row(tmp_path):
    tables = sheets()
    tables["activities"][4][0] = "BC-LV-P2P-2023/4"
    grants, problems = validate(tmp_path, tables)
    assert set(grants) == {SIF}
    (problem,) = [p for p in problems if p.severity == "error"]
    assert problem.grant == BC and "did you mean 'BC-LV-P2P-2023/04'?" in problem.message


def test_a_grant_number_like_none_blocks_every_grant(tmp_path):
    tables = sheets()
    tables["activities"][4][0] = "X-1"
    grants, problems = validate(tmp_path, tables)
    assert grants == {}
    (problem,) = [p for p in problems if p.severity == "error"]
    assert problem.grant == EVERY_GRANT and "no grant gets a report until it is fixed" in problem.message


def test_dates_must_be_in_order_and_inside_the_grant_period(tmp_path):
    tables = sheets()
    tables["activities"][1][4] = dt.date(2023, 2, 1)  # ends before it starts
    tables["activities"][4][3] = dt.date(2024, 2, 1)  # BC grant ended 31.12.2023
    _, problems = validate(tmp_path, tables)
    messages = sorted(p.message for p in problems)
    assert "ends before it starts" in messages[0]
    assert any("within the grant period 01.01.2023.–31.12.2023." in m for m in messages)


def test_duplicate_codes_and_unknown_funder(tmp_path):
    tables = sheets()
    tables["indicators"][2][1] = "R3"
    tables["grants"][2][2] = "britsh-council"
    grants, problems = validate(tmp_path, tables)
    assert grants == {}
    assert {(p.column, p.value) for p in problems} >= {("indicator_code", "R3"), ("funder", "britsh-council")}
    assert any(
        "expected one of: british-council, esf-labklajibas-ministrija, eu-action-grant, mfa-lapas, sif-nvo-fonds" in p.message
        for p in problems
    )


def test_grant_numbers_that_give_the_same_folder_name_are_both_named(tmp_path):
    tables = sheets()
    tables["grants"][2][0] = "2023-LV-NVOF-MAC-041-58"
    _, problems = validate(tmp_path, tables)
    collisions = [p for p in problems if "same folder name" in p.message]
    assert len(collisions) == 2
    assert "'2023-LV-NVOF-MAC-041-58'" in collisions[0].message or "'2023-LV-NVOF-MAC-041-58'" in collisions[1].message
    assert any(f"'{SIF}'" in p.message for p in collisions)


def test_budget_lines_not_adding_up_to_the_total_is_a_warning_only(tmp_path):
    tables = sheets()
    tables["grants"][1][10] = 3100
    grants, problems = validate(tmp_path, tables)
    assert SIF in grants
    assert [p.severity for p in problems] == ["warning"]
