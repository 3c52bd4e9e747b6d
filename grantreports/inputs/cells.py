"""Turn spreadsheet cell values into typed values, or say in plain words what was expected."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

# Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_DATE_FORMATS = ("%d.%m.%Y.", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y")
# XML 1.0 forbids these; Excel writes \x0b for a line break inside a cell. Bidi embeddings,
# overrides and isolates go too: they can make "100" display as "001" in a report.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# Anything clean_text would change: whitespace other than single inner spaces, and the characters above.
_UNCLEAN = re.compile(r"[^\S ]|  |^ | $|[\x00-\x08\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


class CellError(ValueError):
    """The cell's value does not fit; the message says what was expected."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and clean_text(value) == "")


def clean_text(value: object) -> str:
    """Text as a report should print it: no XML-invalid control characters, no stray spaces."""
    if type(value) is str and not _UNCLEAN.search(value):
        return value  # most cells: nothing to clean (100,000 rows are read in a second or two)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\x0b", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    lines = [" ".join(line.replace("\u00a0", " ").split()) for line in text.split("\n")]
    return "\n".join(lines).strip()


def to_text_list(value: object) -> list[str]:
    """Several values in one cell, separated by ';' or line breaks."""
    return [part for part in (clean_text(p) for p in re.split(r"[;\n]", clean_text(value))) if part]


def to_integer(value: object) -> int:
    number = to_decimal(value, expected="a whole number")
    if number != number.to_integral_value():
        raise CellError("expected a whole number")
    return int(number)


def to_decimal(value: object, expected: str = "a number") -> Decimal:
    if isinstance(value, bool):
        raise CellError(f"expected {expected}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # Excel stores 1234.56 as the nearest binary float; repr() gives back the typed digits.
        return Decimal(repr(value))
    text = _SPACES.sub("", clean_text(value))
    if "," in text and "." in text:
        raise CellError(f"expected {expected} with one decimal separator, e.g. 1234,56")
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise CellError(f"expected {expected}, e.g. 1234,56") from None


def to_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = _SPACES.sub("", clean_text(value))
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError("expected a date such as 28.11.2022. or 2022-11-28")
