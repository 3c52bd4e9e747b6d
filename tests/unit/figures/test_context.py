"""Every figure of a report, computed from the fixture by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from grantreports.figures.context import build_context
from grantreports.funders.profiles import load_profile
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from tests.fixtures import REPO, SIF, group, sheets, write_workbook


@pytest.fixture
def sif_data(tmp_path):
    found, _ = read_file(write_workbook(tmp_path / "in.xlsx", sheets()), "in.xlsx", sheet_specs())
    grants, _ = group(found)
    return grants[SIF]


def context(data, report):
    return build_context(data, report, load_profile(REPO / "templates", data.grant.funder))


def test_cover_and_signature(sif_data):
    interim = context(sif_data, "interim-1")
    assert interim.title == "Starpposma atskaite Nr. 1"
    assert interim.funder == "Sabiedrības integrācijas fonds"
    assert interim.signature.place == "Rīgā"
    assert interim.signature.date == interim.submission_date == dt.date(2024, 10, 15)
    final = context(sif_data, "final")
    assert final.title == "Noslēguma atskaite"
    assert final.submission_date == dt.date(2024, 11, 30)  # due date when no submission date


def test_activities_and_target_groups_in_period_and_to_date(sif_data):
    final = context(sif_data, "final")
    assert [a.location for a in final.activities] == ["Ķekava"]
    groups = {g.name: g for g in final.target_groups}
    assert groups["iedzīvotāji"].participants_in_period == 47
    assert groups["iedzīvotāji"].participants_to_date == 58 + 47
    assert groups["kopienu līderi"].participants_in_period == 0
    assert final.target_groups_total.participants_to_date == 9 + 58 + 47


def test_indicators_from_activities_and_from_entered_values(sif_data):
    final = {i.code: i for i in context(sif_data, "final").indicators}
    assert (final["R3"].achieved_in_period, final["R3"].achieved_to_date) == (1, 2)
    assert final["R3"].progress == Decimal(2) / Decimal(3)
    assert (final["R4"].achieved_in_period, final["R4"].achieved_to_date) == (47, 105)
    assert (final["R5"].achieved_in_period, final["R5"].achieved_to_date) == (4, 7)
    assert final["R5"].progress == Decimal("0.7")


def test_budget_execution_by_line_and_in_total(sif_data):
    interim = context(sif_data, "interim-1")
    staff = interim.budget[0]
    assert (staff.spent_in_period, staff.spent_to_date, staff.remaining) == (Decimal("1234.56"), Decimal("1234.56"), Decimal("765.44"))
    final = context(sif_data, "final")
    staff, publicity = final.budget
    assert (staff.spent_in_period, staff.spent_to_date) == (Decimal(500), Decimal("1734.56"))
    assert (
        publicity.over_budget
        and publicity.flagged
        and publicity.explanation == "Papildu video montāža."
        and publicity.remaining == Decimal(-190)
        and publicity.used == Decimal("1.19")
    )
    total = final.budget_total
    assert (total.approved, total.spent_in_period, total.spent_to_date, total.remaining) == (
        Decimal(3000),
        Decimal(1690),
        Decimal("2924.56"),
        Decimal("75.44"),
    )
    assert not total.over_budget
