import datetime as dt
from decimal import Decimal

from grantreports.figures.formatting import Formatter
from grantreports.funders.profiles import load_profile
from tests.fixtures import TEMPLATES

NBSP = "\u00a0"


def latvian_format() -> Formatter:
    return Formatter.for_profile(load_profile(TEMPLATES, "sif-nvo-fonds"))


def english_format() -> Formatter:
    return Formatter.for_profile(load_profile(TEMPLATES, "british-council"))


def test_latvian_dates_running_text_and_locative():
    latvian = latvian_format()
    day = dt.date(2024, 10, 15)
    assert latvian.date_long(day) == "2024. gada 15. oktobris"
    assert latvian.date_locative(day) == "2024. gada 15. oktobrī"
    assert latvian.date(day) == "15.10.2024."
    assert [latvian.date_locative(dt.date(2024, m, 1)).split()[-1] for m in (1, 3, 5, 9)] == ["janvārī", "martā", "maijā", "septembrī"]


def test_latvian_numbers_and_money_use_non_breaking_space_and_decimal_comma():
    latvian = latvian_format()
    assert latvian.money(Decimal("1234.56"), "EUR") == f"1{NBSP}234,56{NBSP}EUR"
    assert latvian.number(1234567) == f"1{NBSP}234{NBSP}567"
    assert latvian.percent(Decimal("0.875")) == f"88{NBSP}%"  # Latvian style: a space before the sign


def test_english_style_for_english_funders():
    english = english_format()
    assert english.money(Decimal("1234.56"), "EUR") == f"1,234.56{NBSP}EUR"
    assert english.date_long(dt.date(2024, 10, 15)) == "15 October 2024"
    assert english.date_locative(dt.date(2024, 10, 15)) == "15 October 2024"
    assert english.date(dt.date(2024, 10, 15)) == "15/10/2024"


def test_missing_values_print_a_dash():
    assert latvian_format().percent(None) == "–"
    assert english_format().money(None, "EUR") == "–"


def test_long_words_get_invisible_break_points_and_markup_is_left_alone():
    from markupsafe import Markup

    from grantreports.figures.formatting import breakable

    assert breakable("Ž" * 45) == "Ž" * 20 + "\u200b" + "Ž" * 20 + "\u200b" + "Ž" * 5
    assert breakable("short words stay as they are") == "short words stay as they are"
    assert breakable(Markup("<img " + "x" * 50 + ">")) == Markup("<img " + "x" * 50 + ">")
    assert breakable(1234) == 1234


def test_a_number_shows_the_decimals_it_has_unless_told_otherwise():
    latvian = Formatter("lv", "lv_LV")
    assert latvian.number(Decimal("2.5")) == "2,5" and latvian.number(Decimal("0.40")) == "0,4" and latvian.number(1234) == "1\u00a0234"
    assert latvian.number(Decimal("2.5"), 0) == "3" and latvian.number(Decimal("2.5"), 2) == "2,50"
