import datetime as dt
from decimal import Decimal

import pytest

from grantreports.inputs import cells


@pytest.mark.parametrize(
    "value, expected",
    [
        (dt.date(2022, 11, 28), dt.date(2022, 11, 28)),
        (dt.datetime(2022, 11, 28, 0, 0), dt.date(2022, 11, 28)),
        ("28.11.2022.", dt.date(2022, 11, 28)),
        ("28.11.2022", dt.date(2022, 11, 28)),
        (" 2022-11-28 ", dt.date(2022, 11, 28)),
        ("28. 11. 2022.", dt.date(2022, 11, 28)),
        (44893, dt.date(2022, 11, 28)),  # Excel serial number
    ],
)
def test_dates_in_the_forms_people_type(value, expected):
    assert cells.to_date(value) == expected


@pytest.mark.parametrize("value", ["vakar", "2022/13/01", "28.11.22"])
def test_what_is_no_date_says_what_was_expected(value):
    with pytest.raises(cells.CellError, match="expected a date such as 28.11.2022."):
        cells.to_date(value)


@pytest.mark.parametrize(
    "value, why",
    [
        ("31.09.2024.", r"there is no 31 September 2024 \(September has 30 days\)"),
        ("29.02.2023.", r"there is no 29 February 2023 \(February 2023 has 28 days\)"),
        ("2024-04-31", r"there is no 31 April 2024 \(April has 30 days\)"),
        ("15.13.2024.", r"there is no month 13"),
        ("00.05.2024.", r"there is no 0 May 2024"),
    ],
)
def test_a_date_that_does_not_exist_says_why(value, why):
    with pytest.raises(cells.CellError, match=why):
        cells.to_date(value)
    assert cells.to_date("29.02.2024.") == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1 234,56", Decimal("1234.56")),
        ("1\u00a0234,56", Decimal("1234.56")),
        ("1234.56", Decimal("1234.56")),
        (1234.56, Decimal("1234.56")),
        (0.1 + 0.2, Decimal("0.30000000000000004")),
        (7, Decimal(7)),
    ],
)
def test_numbers_with_decimal_comma_and_spaces(value, expected):
    assert cells.to_decimal(value) == expected


def test_number_with_both_separators_is_ambiguous():
    with pytest.raises(cells.CellError, match="one decimal separator"):
        cells.to_decimal("1.234,56")


def test_whole_numbers_reject_fractions_and_text_with_an_example_of_a_whole_number():
    assert cells.to_integer(12.0) == 12
    with pytest.raises(cells.CellError, match="^expected a whole number, e.g. 12$"):
        cells.to_integer(2.5)
    with pytest.raises(cells.CellError, match="^expected a whole number, e.g. 12$"):
        cells.to_integer("daudz")
    with pytest.raises(cells.CellError, match="^expected a whole number without a unit, e.g. 12$"):
        cells.to_integer("12 pers.")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e5", "12,5,3", float("nan")])
def test_text_python_would_read_as_a_number_is_no_number(value):
    with pytest.raises(cells.CellError, match="expected a number"):
        cells.to_decimal(value)


@pytest.mark.parametrize(
    "value, shown", [(21500.0, "21500"), (Decimal("21500.0"), "21500"), (1387.6, "1387,6"), (Decimal("1387.60"), "1387,60"), (7, "7")]
)
def test_numbers_are_shown_as_people_write_them_not_as_python_floats(value, shown):
    assert cells.shown_number(value) == shown


def test_text_loses_control_characters_but_keeps_line_breaks():
    assert cells.clean_text(" Rīga\x0bDaugavpils\x07\x0c\x00 ") == "Rīga\nDaugavpils"
    assert cells.clean_text("A\tB\x1bC\x7fD") == "A BCD"
    assert cells.clean_text("summa \u202e001\u202c EUR, \u2067x\u2069") == "summa 001 EUR, x"  # no bidi overrides
    assert cells.clean_text("a\tb\u00a0 c") == "a b c"


def test_list_cells_split_on_semicolons_and_line_breaks():
    assert cells.to_text_list("Mārupe; Olaine;\nĶekava;") == ["Mārupe", "Olaine", "Ķekava"]
