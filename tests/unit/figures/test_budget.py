"""Budget execution: flat-rate lines computed from the other lines, per beneficiary; one sign for variance."""

import dataclasses
from decimal import Decimal

import pytest

from grantreports.figures.budget import beneficiary_statements, budget_execution, budget_total
from grantreports.funders.profiles import load_profile
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from tests.fixtures import BC, REPO, SIF, D, group, sheets, write_workbook

PARTNER = "Biedrība „Partnerība Daugavkrasts”"


def grant(tmp_path, tables, number=SIF):
    found, _ = read_file(write_workbook(tmp_path / "in.xlsx", tables), "in.xlsx", sheet_specs())
    grants, _ = group(found)
    return grants[number]


@pytest.fixture
def flat_rate_profile():
    """The SIF format, with line 5 a 7 % flat rate of the other lines (as the EU format has line E)."""
    return dataclasses.replace(load_profile(REPO / "templates", "sif-nvo-fonds"), flat_rate_lines={"5": Decimal("0.07")})


def with_partner_expense(tables):
    tables["expenses"][0].append("organisation")
    for row in tables["expenses"][1:]:
        row.append("")
    tables["expenses"].append([SIF, D("2024-05-15"), "1", 333.33, "PD-1", "Partnera atlīdzība", PARTNER])
    tables["expenses"] = [row for row in tables["expenses"] if row[2] != "5" or row[0] != SIF]  # nothing booked on line 5
    return tables


def test_a_flat_rate_line_is_its_rate_of_each_beneficiarys_direct_costs(tmp_path, flat_rate_profile):
    data = grant(tmp_path, with_partner_expense(sheets()))
    final = data.period("final")
    lines = {line.code: line for line in budget_execution(data, final, flat_rate_profile)}
    # grantee: 1234.56 + 500 direct -> 121.4192 -> 121.42; partner: 333.33 -> 23.3331 -> 23.33
    assert lines["5"].spent_to_date == Decimal("144.75")
    assert lines["5"].spent_in_period == Decimal("35.00") + Decimal("23.33")  # 2024 only: 500 and 333.33
    assert lines["5"].flat_rate == Decimal("0.07") and lines["5"].expenses == []
    assert [c.note.split(" × ")[0] for c in lines["5"].contributions] == ["7 %"] * 3
    statements = beneficiary_statements(data, final, flat_rate_profile)
    assert [s.name for s in statements] == ["Biedrība „Pierīgas partnerība”", PARTNER]
    grantee, partner = statements
    assert [(line.code, line.spent_to_date) for line in partner.lines] == [("1", Decimal("333.33")), ("5", Decimal("23.33"))]
    assert grantee.spent_to_date + partner.spent_to_date == budget_total(list(lines.values())).spent_to_date


def test_variance_and_deviation_share_one_sign(tmp_path):
    data = grant(tmp_path, sheets())
    profile = load_profile(REPO / "templates", "sif-nvo-fonds")
    lines = {line.code: line for line in budget_execution(data, data.period("final"), profile)}
    under, over = lines["1"], lines["5"]
    assert (under.code, under.variance, under.remaining, under.deviation < 0) == ("1", Decimal("-265.44"), Decimal("265.44"), True)
    assert (over.code, over.variance, over.deviation > 0) == ("5", Decimal(190), True)


def test_every_expense_without_an_organisation_is_the_grantees(tmp_path):
    data = grant(tmp_path, sheets(), BC)
    profile = load_profile(REPO / "templates", "british-council")
    (statement,) = beneficiary_statements(data, data.period("final"), profile)
    assert (statement.name, statement.spent_to_date) == ("Izglītības iniciatīvu centrs", Decimal("250.5"))
