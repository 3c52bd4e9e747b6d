"""The two optional sheets: sources of financing that add up to the grant, and the work plan's codes."""

import datetime as dt
from decimal import Decimal

from grantreports.figures.budget import budget_execution, budget_total, financing_split
from grantreports.figures.work_plan import work_packages
from grantreports.funders.profiles import load_profile
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from tests.fixtures import BC, REPO, SIF, D, group, sheets, write_workbook

FINANCING = ["grant_number", "funding_source", "amount"]
WORK_PLAN = ["grant_number", "kind", "code", "title", "work_package", "due_date", "done_date", "comment"]


def validate(tmp_path, tables):
    found, problems = read_file(write_workbook(tmp_path / "in.xlsx", tables), "in.xlsx", sheet_specs())
    grants, more = group(found)
    return grants, problems + more


def test_sources_of_financing_must_add_up_to_the_grants_total(tmp_path):
    tables = sheets()
    tables["financing"] = [FINANCING, [SIF, "Fonds", 2500], [SIF, "Pašu līdzfinansējums", 400]]
    grants, problems = validate(tmp_path, tables)
    assert SIF not in grants and BC in grants
    (problem,) = problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == ("financing", 2, "amount", "2500")
    assert problem.message.startswith("the financing rows of the grant add up to 2900, its total_budget (grants sheet, row 2) is 3000;")


def test_the_spending_is_split_by_the_sources_shares_to_the_cent(tmp_path):
    tables = sheets()
    tables["financing"] = [FINANCING, [SIF, "Fonds", 2000], [SIF, "Pašvaldība", 700], [SIF, "Pašu līdzfinansējums", 300]]
    grants, problems = validate(tmp_path, tables)
    assert problems == []
    data = grants[SIF]
    final = data.period("final")
    total = budget_total(budget_execution(data, final, load_profile(REPO / "templates", "sif-nvo-fonds")))
    split = financing_split(data.financing, total)
    assert [(f.source, f.share) for f in split] == [
        ("Fonds", Decimal(2) / 3),
        ("Pašvaldība", Decimal("0.2333333333333333333333333333")),
        ("Pašu līdzfinansējums", Decimal("0.1")),
    ]
    assert total.spent_to_date == Decimal("2924.56")
    assert [f.spent_to_date for f in split] == [Decimal("1949.71"), Decimal("682.40"), Decimal("292.45")]  # 1949.706.., 682.397.., 292.456
    assert sum(f.spent_to_date for f in split) == total.spent_to_date


def test_work_plan_codes_refer_to_work_packages_and_items_have_due_dates(tmp_path):
    tables = sheets()
    tables["work_packages"] = [
        WORK_PLAN,
        [SIF, "work_package", "WP1", "Forumi", None, None, None, None],
        [SIF, "deliverable", "D1", "Foruma ieteikumi", "WP2", D("2024-05-31"), None, None],
        [SIF, "milestone", "M1", "Trīs forumi", "WP1", None, None, None],
    ]
    grants, problems = validate(tmp_path, tables)
    assert SIF not in grants
    assert [(p.row, p.column, p.value, p.message) for p in problems] == [
        (3, "work_package", "WP2", "no work package with this code for the grant; expected one of: WP1"),
        (4, "due_date", "", "a milestone has a due date in the grant agreement; expected that date"),
    ]


def test_each_item_is_done_late_or_due_later_at_the_end_of_the_report(tmp_path):
    tables = sheets()
    tables["work_packages"] = [
        WORK_PLAN,
        [SIF, "work_package", "WP1", "Forumi", None, None, None, None],
        [SIF, "deliverable", "D1", "Foruma ieteikumi", "WP1", D("2023-12-15"), D("2024-01-10"), "Nedaudz vēlāk"],
        [SIF, "milestone", "M1", "Trīs forumi", "WP1", D("2024-06-30"), D("2024-04-20"), None],
        [SIF, "deliverable", "D2", "Kopsavilkums", None, D("2023-06-30"), D("2023-06-20"), None],
    ]
    grants, problems = validate(tmp_path, tables)
    assert problems == []
    data = grants[SIF]
    interim = work_packages(data, data.period("interim-1"))  # to 31.12.2023
    assert [(p.code, [(i.code, i.status, i.done_date) for i in p.items]) for p in interim] == [
        ("WP1", [("D1", "late", None), ("M1", "due later", None)]),
        ("", [("D2", "done", dt.date(2023, 6, 20))]),
    ]
    final = work_packages(data, data.period("final"))
    assert [i.status for i in final[0].items] == ["done", "done"]
