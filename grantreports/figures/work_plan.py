"""The grant agreement's work plan as of a report's end: each work package with its deliverables and milestones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from grantreports.inputs.model import GrantData, Period, Source, WorkPlanItem, documented

DONE, LATE, DUE_LATER = "done", "late", "due later"


@dataclass(frozen=True)
class WorkPlanLine:
    kind: str = documented("deliverable or milestone", "deliverable")
    code: str = documented("Its number in the grant agreement", "D2.1")
    title: str = documented("Its title", "Citizens' panel methodology")
    due_date: dt.date | None = documented("When it is due", "2023-10-31")
    done_date: dt.date | None = documented("When it was delivered or reached, if by the end of the period", "2023-10-27")
    status: str = documented("At the end of the period: done, late (due and not done) or due later", "done")
    comment: str | None = documented("From the work_packages sheet", "Published on the project web page")
    source: Source = documented("Its row", "")


@dataclass(frozen=True)
class WorkPackageLine:
    code: str = documented("Work package number", "WP2")
    title: str = documented("Work package title", "Citizens' panels")
    items: list[WorkPlanLine] = documented("Its deliverables and milestones, by due date", "")


def work_packages(data: GrantData, period: Period) -> list[WorkPackageLine]:
    """Work packages in sheet order; deliverables and milestones naming none are grouped under an untitled one, last."""
    packages = [item for item in data.work_packages if item.kind == "work_package"]
    items = [item for item in data.work_packages if item.kind != "work_package"]

    def under(code: str | None) -> list[WorkPlanLine]:
        own = [i for i in items if i.work_package == code]
        return [_line(i, period) for i in sorted(own, key=lambda i: (i.due_date or dt.date.max, i.code))]

    lines = [WorkPackageLine(p.code, p.title, under(p.code)) for p in packages]
    loose = under(None)
    return lines + ([WorkPackageLine("", "", loose)] if loose else [])


def _line(item: WorkPlanItem, period: Period) -> WorkPlanLine:
    done = item.done_date if item.done_date and item.done_date <= period.period_to else None
    if done:
        status = DONE
    elif item.due_date and item.due_date <= period.period_to:
        status = LATE
    else:
        status = DUE_LATER
    return WorkPlanLine(item.kind, item.code, item.title, item.due_date, done, status, item.comment, item.source)
