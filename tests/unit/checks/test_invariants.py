"""One event split by target group counts once everywhere; a report whose figures disagree is not made."""

import dataclasses
import datetime as dt
import shutil
import sys
from decimal import Decimal

import pytest

from grantreports.checks.extraction import data_file, extract
from grantreports.checks.invariants import InconsistentReport, broken_invariants, check_invariants
from grantreports.figures.context import build_context
from grantreports.funders.profiles import load_profile
from grantreports.inputs.model import GrantData
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from tests.fixtures import REPO, SIF, group, sheets, write_workbook

D = dt.date.fromisoformat


def final_report(tmp_path, tables):
    found, _ = read_file(write_workbook(tmp_path / "in.xlsx", tables), "in.xlsx", sheet_specs())
    grants, problems = group(found)
    assert SIF in grants, problems
    data = grants[SIF]
    return build_context(data, "final", load_profile(REPO / "templates", data.grant.funder))


@pytest.fixture
def split_event(tmp_path):
    """The Ķekava forum of the fixture had one row; now a second row for a second target group."""
    tables = sheets()
    tables["activities"].append([SIF, "A4", "Forums „Ideju skrejceļš”", D("2024-04-20"), None, "Ķekava", "jaunieši", 12, "", ""])
    return final_report(tmp_path, tables)


def test_an_event_with_two_target_groups_counts_once_in_every_table(split_event):
    c = split_event
    assert len(c.activities) == 2  # the rows, one per target group
    (event,) = c.events
    assert (event.code, event.location, event.participants, event.target_groups) == ("A4", "Ķekava", 59, ["iedzīvotāji", "jaunieši"])
    assert c.target_groups_total.events_in_period == 1  # was 2: the rows counted
    assert {g.name: g.events_in_period for g in c.target_groups} == {"iedzīvotāji": 1, "jaunieši": 1, "kopienu līderi": 0}
    plan = {p.code: p for p in c.activity_plan}
    assert (plan["A4"].events_in_period, plan["A4"].events_to_date) == (1, 2)
    forums = next(i for i in c.indicators if i.code == "R3")  # measure 'activities' of A4: events, not rows
    assert (forums.achieved_in_period, forums.achieved_to_date) == (1, 2)
    assert broken_invariants(c) == []


def test_each_invariant_can_fail(split_event):
    c = split_event
    total = c.target_groups_total
    broken = broken_invariants(dataclasses.replace(c, target_groups_total=dataclasses.replace(total, events_in_period=2)))
    assert broken == ["events in the period (target groups total) is 2, but the events listed is 1"]

    groups = [dataclasses.replace(c.target_groups[0], participants_in_period=c.target_groups[0].participants_in_period + 1)]
    broken = broken_invariants(dataclasses.replace(c, target_groups=groups + c.target_groups[1:]))
    assert broken == ["participants in the period (sum of target groups) is 60, but the rows' sum is 59"]

    forums = next(i for i in c.indicators if i.code == "R3")
    indicators = [dataclasses.replace(i, achieved_to_date=Decimal(3)) if i is forums else i for i in c.indicators]
    assert broken_invariants(dataclasses.replace(c, indicators=indicators)) == [
        "indicator R3 achieved to date is 3, but activity A4's events to date is 2"
    ]

    line = c.budget[1]
    budget = [c.budget[0], dataclasses.replace(line, spent_in_period=line.spent_in_period + 1)]
    broken = broken_invariants(dataclasses.replace(c, budget=budget))
    assert broken == [
        "budget total spent in period is 1690.0, but the sum of the lines is 1691.0",
        "budget line 5 spent in the period is 1191.0, but the sum of its expenses listed is 1190.0",
        "budget line 5 spent in the period (1191.0) is more than spent to date (1190.0)",
        "budget line 5 spent in period (sum of beneficiaries) is 1190.0, but the budget table is 1191.0",
    ]

    with pytest.raises(InconsistentReport, match="figures that do not agree: events in the period"):
        check_invariants(dataclasses.replace(c, target_groups_total=dataclasses.replace(total, events_in_period=5)))


def test_an_indicator_of_two_activities_is_not_held_to_either(tmp_path):
    tables = sheets()
    tables["indicators"].append([SIF, "R6", "Dalībnieki kopā", "dalībnieki", 0, 500, "participants", "A1; A4", None])
    c = final_report(tmp_path, tables)
    assert next(i for i in c.indicators if i.code == "R6").achieved_to_date == 9 + 58 + 47
    assert broken_invariants(c) == []


def every_report_context(workdir, patterns, as_of):
    """The context of every report the inputs under `workdir` give, as a build would make them."""
    results = workdir / "results-for-test"
    extraction = extract(workdir, patterns, REPO / "templates", results, as_of)
    assert [p for p in extraction.problems if p.severity == "error"] == []
    for report in extraction.reports:
        data = GrantData.from_json(data_file(results, report.grant_slug).read_text(encoding="utf-8"))
        yield build_context(data, report.report_slug, load_profile(REPO / "templates", data.grant.funder))


def test_every_example_report_keeps_its_invariants(tmp_path):
    shutil.copytree(REPO / "inputs", tmp_path / "inputs")
    contexts = list(every_report_context(tmp_path, ["inputs/**/*.{xlsx,ods,csv}"], D("2024-11-30")))
    assert len(contexts) == 10
    assert {c.grant.funder for c in contexts} == {p.parent.name for p in (REPO / "templates").glob("*/profile.yaml")}
    assert {(c.grant.grant_number, c.period.slug): broken_invariants(c) for c in contexts} == {
        (c.grant.grant_number, c.period.slug): [] for c in contexts
    }
    eu_final = next(c for c in contexts if c.grant.funder == "eu-action-grant" and c.period.kind == "final")
    indirect = next(line for line in eu_final.budget if line.flat_rate)
    assert (indirect.code, indirect.spent_to_date) == ("E", Decimal("3688.30"))  # 7 % of the direct costs to date, 52 690 EUR
    assert [b.name for b in eu_final.beneficiaries] == [
        "Biedrība „Pierīgas partnerība”",
        "Kauno rajono bendruomenių sąjunga (LT)",
        "Olaines novada pašvaldība",
    ]


def test_the_esf_examples_spending_is_split_by_its_sources(tmp_path):
    shutil.copytree(REPO / "inputs", tmp_path / "inputs")
    contexts = every_report_context(tmp_path, ["inputs/**/*.{xlsx,ods,csv}"], D("2024-11-30"))
    esf = next(c for c in contexts if c.grant.funder == "esf-labklajibas-ministrija" and c.period.kind == "final")
    assert [(f.source, f.share) for f in esf.financing] == [
        ("Eiropas Sociālais fonds", Decimal("0.85")),
        ("Valsts budžeta dotācija", Decimal("0.14")),
        ("Projekta īstenotāja finansējums", Decimal("0.01")),
    ]
    assert sum(f.spent_to_date for f in esf.financing) == esf.budget_total.spent_to_date


def test_the_benchs_generated_grants_keep_their_invariants(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate

    generate(tmp_path / "inputs", 10, 2000)
    contexts = list(every_report_context(tmp_path, ["inputs/*.xlsx"], D("2025-06-30")))
    assert len(contexts) == 10 and sum(len(c.activities) for c in contexts) > 0
    assert [broken_invariants(c) for c in contexts] == [[]] * 10
