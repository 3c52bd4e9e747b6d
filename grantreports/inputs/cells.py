"""Turn spreadsheet cell values into typed values, or say in plain words what was expected."""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal

from grantreports.common.i18n import ntr, tr

# Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# 28.11.2022. (with or without the last dot), 2022-11-28 and 28/11/2022.
_DATE_PATTERNS = (
    re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\.?"),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
    re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})"),
)
_NUMBER = re.compile(r"[-+]?(\d+([.,]\d*)?|[.,]\d+)")
# XML 1.0 forbids these; Excel writes \x0b for a line break inside a cell. Bidi embeddings,
# overrides and isolates go too: they can make "100" display as "001" in a report.
# Invisible characters go as well (zero-width space, word joiner, a BOM inside a text): "BC-04" with one
# after it would look like "BC-04" and be another grant.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
# Anything clean_text would change: whitespace other than single inner spaces, and the characters above.
_UNCLEAN = re.compile(r"[^\S ]|  |^ | $|[\x00-\x08\x0e-\x1f\x7f\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
# A number like 2.250 or 1,500: a thousands separator (2250) or a decimal one (2,25)? Nothing tells.
_THOUSANDS_OR_DECIMALS = re.compile(r"[-+]?[1-9]\d{0,2}[.,]\d{3}")


class CellError(ValueError):
    """The cell's value does not fit; the message says what was expected."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and clean_text(value) == "")


def clean_text(value: object) -> str:
    """Text as a report should print it: no XML-invalid control characters, no stray spaces, letters in one
    Unicode form (ā typed as a + ¯, as macOS saves it, is ā)."""
    if type(value) is str and not _UNCLEAN.search(value) and unicodedata.is_normalized("NFC", value):
        return value  # most cells: nothing to clean (100,000 rows are read in a second or two)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\x0b", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    lines = [" ".join(line.replace("\u00a0", " ").split()) for line in text.split("\n")]
    return unicodedata.normalize("NFC", "\n".join(lines).strip())


def to_text_list(value: object) -> list[str]:
    """Several values in one cell, separated by ';' or line breaks."""
    return [part for part in (clean_text(p) for p in re.split(r"[;\n]", clean_text(value))) if part]


def to_integer(value: object) -> int:
    try:
        number = to_decimal(value)
    except CellError:
        unit = isinstance(value, str) and re.search(r"\d", value) and re.search(r"[^\W\d_]", value)
        raise CellError(tr("expected a whole number without a unit, e.g. 12") if unit else tr("expected a whole number, e.g. 12")) from None
    if number != number.to_integral_value():
        raise CellError(tr("expected a whole number, e.g. 12"))
    return int(number)


def to_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise CellError(tr("expected a number, e.g. 1234,56"))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(tr("expected a number, e.g. 1234,56"))
        # Excel stores 1234.56 as the nearest binary float; repr() gives back the typed digits.
        return Decimal(repr(value))
    text = _SPACES.sub("", clean_text(value))
    if "," in text and "." in text:
        raise CellError(tr("expected a number with one decimal separator, e.g. 1234,56"))
    if not _NUMBER.fullmatch(text):
        raise CellError(tr("expected a number, e.g. 1234,56"))
    if _THOUSANDS_OR_DECIMALS.fullmatch(text):
        whole, decimals = re.split(r"[.,]", text)
        raise CellError(
            tr(
                "this could be {thousands} (with a thousands separator) or {decimal} (with a decimal one);"
                " expected a number without a thousands separator ({thousands}), or one with more or fewer than 3 decimals"
            ).format(thousands=f"{whole}{decimals}", decimal=f"{whole},{decimals.rstrip('0') or '0'}")
        )
    return Decimal(text.replace(",", "."))


def shown_number(value: Decimal | float) -> str:
    """A number as Latvian users write it in a cell: decimal comma, no exponent, no trailing .0 (21500, 1387,6)."""
    number = value if isinstance(value, Decimal) else Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = format(number.normalize() if number == number.to_integral_value() else number, "f")
    return text.replace(".", ",")


def to_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = _SPACES.sub("", clean_text(value))
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            day, month, year = (int(match.group(name)) for name in ("day", "month", "year"))
            if "/" in text and day <= 12 and month <= 12 and day != month:
                # 7/6/2023 is 7 June in Latvia and 6 July in the US: nothing in the cell tells which
                raise CellError(
                    tr("this could be {one_date} or {other_date}; expected the date written {written} or {iso}").format(
                        one_date=spoken_date(day, month, year),
                        other_date=spoken_date(month, day, year),
                        written=f"{day:02}.{month:02}.{year}.",
                        iso=f"{year}-{month:02}-{day:02}",
                    )
                )
            return _existing_date(year, month, day)
    raise CellError(tr("expected a date such as 28.11.2022. or 2022-11-28"))


def month_name(month: int) -> str:
    """The month's name in the interface language (September, septembris)."""
    names = (
        tr("January"),
        tr("February"),
        tr("March"),
        tr("April"),
        tr("May"),
        tr("June"),
        tr("July"),
        tr("August"),
        tr("September"),
        tr("October"),
        tr("November"),
        tr("December"),
    )
    return names[month - 1]


def spoken_date(day: int, month: int, year: int) -> str:
    """A date in words, as the interface language writes it (7 June 2023; 2023. gada 7. jūnijs)."""
    return tr("{day} {month} {year}").format(day=day, month=month_name(month), year=year)


def _existing_date(year: int, month: int, day: int) -> dt.date:
    """The date, or why it does not exist (31.09.2024.: September has 30 days)."""
    if not 1 <= month <= 12:
        raise CellError(
            tr("there is no month {month}; expected a date such as 28.11.2022. (day.month.year) or 2022-11-28").format(month=month)
        )
    last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    if not 1 <= day <= last:
        name = month_name(month)
        if month == 2:
            reason = ntr("{month} {year} has {days} day", "{month} {year} has {days} days", last).format(month=name, year=year, days=last)
        else:
            reason = ntr("{month} has {days} day", "{month} has {days} days", last).format(month=name, days=last)
        raise CellError(
            tr("there is no {date} ({reason}); expected a date that exists").format(date=spoken_date(day, month, year), reason=reason)
        )
    if not 1 <= year <= 9999:
        raise CellError(tr("expected a date such as 28.11.2022. or 2022-11-28"))
    return dt.date(year, month, day)
