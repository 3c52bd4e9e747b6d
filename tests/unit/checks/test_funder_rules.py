"""What each funder's format asks of the data, checked before rendering, with messages naming the cell."""

import dataclasses
import shutil
from decimal import Decimal

from grantreports.checks.grant_checks import group_by_grant
from grantreports.funders.profiles import load_profiles
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from tests.fixtures import BC, SIF, TEMPLATES, D, group, sheets, write_workbook


def validate(tmp_path, tables, as_of=None):
    found, problems = read_file(write_workbook(tmp_path / "in.xlsx", tables), "in.xlsx", sheet_specs())
    grants, more = group(found) if as_of is None else group_by_grant(found, load_profiles(TEMPLATES)[0], as_of)
    return grants, problems + more


def test_a_line_over_the_funders_limit_needs_an_explanation_for_that_report(tmp_path):
    tables = sheets()
    del tables["budget_notes"][1]
    grants, problems = validate(tmp_path, tables)
    assert SIF not in grants and BC in grants
    (problem,) = problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == ("budget", 3, "approved", "1000")
    assert problem.message == (
        "by 31.10.2024. the line has spent 1\u00a0190,00\u00a0EUR, 19\u00a0% over its approved amount (the 'sif-nvo-fonds' format allows 10\u00a0%);"
        " expected an explanation in the budget_notes sheet with grant_number 2023.LV/NVOF/MAC/041/58, period_to 31.10.2024., line_code 5"
    )


def test_spending_within_the_limit_needs_no_explanation(tmp_path):
    tables = sheets()
    del tables["budget_notes"][1]
    tables["expenses"][3][3] = 1090  # 9 % over: inside the 10 % SIF allows
    grants, problems = validate(tmp_path, tables)
    assert problems == [] and SIF in grants


def test_a_required_text_missing_from_a_report_names_the_period_row_and_the_section(tmp_path):
    tables = sheets()
    tables["narrative"] = [row for row in tables["narrative"] if row[2] != "publicity" or row[1] != D("2024-10-31")]
    grants, problems = validate(tmp_path, tables)
    assert SIF not in grants
    (problem,) = problems
    assert (problem.sheet, problem.row) == ("periods", 3)
    assert problem.message.startswith(
        "the 'sif-nvo-fonds' format needs the text 'publicity' (publicitātes pasākumi, publikācijas un to saites) in the final report;"
        " expected a row in the narrative sheet with grant_number 2023.LV/NVOF/MAC/041/58, period_to 31.10.2024."
    )


def test_reports_not_yet_due_are_not_held_to_the_rules(tmp_path):
    tables = sheets()
    tables["narrative"] = [row for row in tables["narrative"] if row[2] != "publicity" or row[1] != D("2024-10-31")]
    grants, problems = validate(tmp_path, tables, as_of=D("2024-06-30"))
    assert problems == [] and SIF in grants


def test_a_grant_field_the_funder_requires(tmp_path):
    tables = sheets()
    tables["grants"][2][3] = None  # British Council needs the programme
    grants, problems = validate(tmp_path, tables)
    assert BC not in grants and SIF in grants
    (problem,) = problems
    assert (problem.sheet, problem.row, problem.column) == ("grants", 3, "programme")
    assert problem.message == "this cell is empty; the 'british-council' report format needs it filled in"


def test_a_text_section_the_format_does_not_have(tmp_path):
    tables = sheets()
    tables["narrative"][2][2] = "publicty"
    _, problems = validate(tmp_path, tables)
    assert any(
        p.sheet == "narrative"
        and p.row == 3
        and p.column == "section"
        and p.value == "publicty"
        and p.message == "the 'sif-nvo-fonds' report format has no such text; expected one of: summary, publicity, deviations"
        for p in problems
    )


def test_indicator_values_in_another_unit_than_the_indicator(tmp_path):
    tables = sheets()
    tables["indicator_values"][1][4] = "raksti"
    grants, problems = validate(tmp_path, tables)
    (problem,) = problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == ("indicator_values", 2, "unit", "raksti")
    assert problem.message == "not the unit of indicator R5; expected 'publikācijas' (indicators sheet, row 4)"
    assert SIF not in grants


def test_rows_dated_in_no_reporting_period_are_errors_since_no_report_would_count_them(tmp_path):
    tables = sheets()
    tables["periods"][1][3] = D("2023-06-30")  # interim now ends before the forum of 18.11.2023 and a payment of 31.03.2023 stays in
    tables["expenses"][2][1] = D("2023-08-15")  # SIF's second payment, in the gap now between the periods
    for row in tables["narrative"][1:]:
        row[1] = D("2023-06-30") if row[0] == SIF and row[1] == D("2023-12-31") else row[1]
    grants, problems = validate(tmp_path, tables)
    assert [(p.severity, p.sheet, p.row, p.column, p.value) for p in problems] == [
        ("error", "activities", 3, "start_date", "18.11.2023."),
        ("error", "expenses", 3, "date", "15.08.2023."),
    ]
    assert problems[0].message == (
        "falls in no reporting period, so no report would count it; expected a date inside one of: 02.01.2023.–30.06.2023.,"
        " 01.01.2024.–31.10.2024. (or periods that cover it)"
    )
    assert SIF not in grants


def test_activities_must_use_a_planned_code_when_the_grant_has_a_plan(tmp_path):
    tables = sheets()
    tables["activities"][1][1] = "A9"
    _, problems = validate(tmp_path, tables)
    (problem,) = problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == ("activities", 2, "activity_code", "A9")
    assert problem.message == "no activity with this code in the grant's activity_plan; expected one of: A1, A3, A4"


def test_a_broken_profile_blocks_only_its_grants_and_names_the_file(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    profile = templates / "sif-nvo-fonds" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("locale: lv_LV", "locale: Latvian"), encoding="utf-8")
    profiles, profile_problems = load_profiles(templates)
    found, _ = read_file(write_workbook(tmp_path / "in.xlsx", sheets()), "in.xlsx", sheet_specs())
    grants, problems = group_by_grant(found, profiles, D("2024-11-30"), frozenset({"sif-nvo-fonds"}))
    (broken,) = profile_problems
    assert (broken.file, broken.column) == (profile.as_posix(), "locale")
    assert broken.message.startswith("'Latvian' does not match")
    assert set(grants) == {BC}
    (problem,) = problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == ("grants", 2, "funder", "sif-nvo-fonds")
    assert (
        problem.message == "the report format has errors (in its folder sif-nvo-fonds/ of the templates; they are listed with the problems)"
    )


def with_profile(tmp_path, tables, **changes):
    """Validate with the SIF format changed as `changes` say (as a funder's profile.yaml would)."""
    profiles = load_profiles(TEMPLATES)[0]
    profiles["sif-nvo-fonds"] = dataclasses.replace(profiles["sif-nvo-fonds"], **changes)
    found, problems = read_file(write_workbook(tmp_path / "in.xlsx", tables), "in.xlsx", sheet_specs())
    grants, more = group_by_grant(found, profiles, D("2024-11-30"))
    return grants, problems + more


def test_a_flat_rate_line_must_be_its_rate_of_the_other_lines_and_takes_no_expenses(tmp_path):
    grants, problems = with_profile(tmp_path, sheets(), flat_rate_lines={"5": Decimal("0.07")})
    assert SIF not in grants
    approved, booked = problems
    assert (approved.sheet, approved.row, approved.column, approved.value) == ("budget", 3, "approved", "1000")
    assert approved.message == "line 5 is a flat rate of 7 % of the other lines in the 'sif-nvo-fonds' format; expected 140 (7 % of 2000)"
    assert (booked.sheet, booked.row, booked.column, booked.value) == ("expenses", 4, "line_code", "5")
    assert booked.message.startswith("line 5 is a flat rate the report computes from the other lines' costs, so an expense booked on it")


def test_a_flat_rate_line_of_the_right_amount_and_no_expenses_passes(tmp_path):
    tables = sheets()
    tables["budget"][2][4] = 140
    tables["grants"][1][10] = 2140  # total_budget
    tables["expenses"] = [row for row in tables["expenses"] if row[2] != "5"]
    tables["budget_notes"] = tables["budget_notes"][:1]
    grants, problems = with_profile(tmp_path, tables, flat_rate_lines={"5": Decimal("0.07")})
    assert problems == [] and SIF in grants


def test_a_line_over_the_prior_approval_share_needs_the_approvals_reference(tmp_path):
    grants, problems = with_profile(tmp_path, sheets(), prior_approval_over=Decimal("0.15"))
    assert SIF not in grants
    (problem,) = problems  # the explanation is there (budget_notes row 2); the approval is not
    assert (problem.sheet, problem.row, problem.column) == ("budget", 3, "approved")
    assert "needs the funder's prior approval beyond 15\u00a0%: expected its reference in the approval_reference column" in problem.message
    tables = sheets()
    tables["budget_notes"][0].append("approval_reference")
    tables["budget_notes"][1].append("SIF vēstule Nr. 1-12/345, 02.09.2024.")
    grants, problems = with_profile(tmp_path, tables, prior_approval_over=Decimal("0.15"))
    assert problems == [] and SIF in grants
    grants, problems = with_profile(tmp_path, sheets(), prior_approval_over=Decimal("0.20"))  # 19 % over: no approval needed
    assert problems == [] and SIF in grants


def test_a_format_that_splits_the_budget_by_source_needs_the_financing_rows(tmp_path):
    grants, problems = with_profile(tmp_path, sheets(), co_financing=True)
    assert SIF not in grants
    (problem,) = problems
    assert (problem.sheet, problem.row, problem.column) == ("grants", 2, "grant_number")
    assert problem.message.startswith(
        "the 'sif-nvo-fonds' format splits the budget by source of financing; expected rows in the financing sheet"
    )
