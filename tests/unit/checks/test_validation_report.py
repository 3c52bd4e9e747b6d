"""The validation report: every problem a row, formula-like text inert, hostile text escaped."""

import datetime as dt
import io

import openpyxl

from grantreports.checks.validation_report import problems_page, problems_workbook, write_validation_reports
from grantreports.common.problems import Problem

HOSTILE = Problem(
    "expected a number", file="in.xlsx", sheet="expenses", row=7, column="amount", value='=HYPERLINK("http://x")', grant="+1-2"
)
MARKUP = Problem("expected text", file="<script>alert(1)</script>.xlsx", sheet="a&b", value="<img src=x>")


def test_formula_like_cells_are_written_as_inert_text():
    rows = list(openpyxl.load_workbook(io.BytesIO(problems_workbook([HOSTILE], dt.date(2024, 11, 30))))["problems"].values)
    assert rows[1] == ("error", "in.xlsx", "expenses", 7, "amount", '\'=HYPERLINK("http://x")', "expected a number", "'+1-2")


def test_the_page_escapes_every_value():
    page = problems_page([MARKUP], "1 error")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;.xlsx" in page
    assert "<img src=x>" not in page and "a&amp;b" in page


def test_reports_are_rewritten_only_when_the_problems_change(tmp_path):
    write_validation_reports([HOSTILE], tmp_path, dt.date(2024, 11, 30))
    stamps = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    first = (tmp_path / "validation.xlsx").read_bytes()
    write_validation_reports([HOSTILE], tmp_path, dt.date(2024, 11, 30))
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == stamps
    write_validation_reports([], tmp_path, dt.date(2024, 11, 30))
    assert (tmp_path / "validation.xlsx").read_bytes() != first
    assert "no problems" in (tmp_path / "validation.txt").read_text()
