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


@pytest.mark.parametrize("value", ["31.02.2023.", "vakar", "2022/13/01"])
def test_impossible_dates_say_what_was_expected(value):
    with pytest.raises(cells.CellError, match="expected a date such as 28.11.2022."):
        cells.to_date(value)


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


def test_whole_numbers_reject_fractions_and_text():
    assert cells.to_integer(12.0) == 12
    with pytest.raises(cells.CellError, match="whole number"):
        cells.to_integer(2.5)
    with pytest.raises(cells.CellError, match="whole number"):
        cells.to_integer("daudz")


def test_text_loses_control_characters_but_keeps_line_breaks():
    assert cells.clean_text(" Rīga\x0bDaugavpils\x07\x0c\x00 ") == "Rīga\nDaugavpils"
    assert cells.clean_text("A\tB\x1bC\x7fD") == "A BCD"
    assert cells.clean_text("summa \u202e001\u202c EUR, \u2067x\u2069") == "summa 001 EUR, x"  # no bidi overrides
    assert cells.clean_text("a\tb\u00a0 c") == "a b c"


def test_list_cells_split_on_semicolons_and_line_breaks():
    assert cells.to_text_list("Mārupe; Olaine;\nĶekava;") == ["Mārupe", "Olaine", "Ķekava"]
