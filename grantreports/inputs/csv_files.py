"""CSV files: their text in whichever encoding they were saved in, their rows split by whichever separator
splits the header best, and the rows a separator inside a value may have split, or a stray quote joined.

Nothing is guessed: what cannot be read with certainty is a CsvError (the whole file) or a problem
naming the row (which is then left out)."""

from __future__ import annotations

import csv
import io
import re

from grantreports.common.i18n import ntr, tr
from grantreports.common.problems import EVERY_GRANT, Problem
from grantreports.inputs.headers import header_row
from grantreports.inputs.sheets import SheetSpec, normalise_name

SEPARATORS = (";", "\t", ",")  # in this order when two split the header equally well


class CsvError(Exception):
    """The file cannot be read as CSV; the message says why and what to do."""


def csv_rows(data: bytes, candidates: list[SheetSpec], largest: int) -> tuple[list[list[str]], str]:
    """The file's rows, split by the separator that splits its header into the most column names of
    `candidates`, and that separator; `largest`: the longest value to accept, in characters."""
    text = _decoded(data)
    splits = {separator: _split(text, separator, largest) for separator in SEPARATORS}
    score = {separator: max(header_row(rows, spec)[1] for spec in candidates) for separator, rows in splits.items()}
    separator = max(SEPARATORS, key=lambda s: (score[s], -SEPARATORS.index(s)))
    return splits[separator], separator


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _decoded(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise CsvError(tr("this is a workbook (.xlsx or .ods) named .csv; expected it named as what it is, or saved as CSV"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise CsvError(tr("cannot decode the text as UTF-16; expected the file as Excel saves it")) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if _UTF8_SEQUENCE.search(data):  # UTF-8 letters, and bytes that are not: two encodings in one file
            line = data.count(b"\n", 0, error.start) + 1
            raise CsvError(
                tr(
                    "line {line} is not UTF-8 while other lines are (two encodings in one file, e.g. rows pasted from"
                    " another file); expected the whole file in one encoding: save it again as 'CSV UTF-8'"
                ).format(line=line)
            ) from None
    try:
        return data.decode("cp1257")  # Excel on Baltic Windows saves CSV as Windows-1257
    except UnicodeDecodeError:
        raise CsvError(tr("cannot decode the text; expected UTF-8 or Windows-1257")) from None


def _split(text: str, separator: str, largest: int) -> list[list[str]]:
    """The CSV's rows as split by `separator`; a value no longer than the file is never too long."""
    csv.field_size_limit(largest)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        return list(reader)
    except csv.Error as error:
        raise CsvError(
            tr("line {line}: cannot be read as CSV ({error}); expected quotes in pairs").format(line=reader.line_num, error=error)
        ) from None


_WHOLE_NUMBER = re.compile(r"\s*-?\d+\s*")
_DECIMALS = re.compile(r"\d{1,2}")


def _split_advice() -> str:
    return tr("expected each value in its own column: save the file with ';' as the separator, or put such values in quotes")


def ambiguous_rows(rows: list[list[str]], spec: SheetSpec, separator: str, file: str, sheet: str) -> list[Problem]:
    """Rows a separator inside a value may have split, or a stray quote joined: reported, and emptied so that
    nothing of them is used."""
    header_index, _ = header_row(rows, spec)
    if header_index is None:
        return []
    header = rows[header_index]
    keys = spec.header_keys()
    positions = {keys[normalise_name(h)]: i for i, h in reversed(list(enumerate(header))) if normalise_name(h) in keys}
    numeric = sorted(i for key, i in positions.items() if spec.column(key).kind in ("number", "integer"))
    problems = []
    for index in range(header_index + 1, len(rows)):
        values = rows[index]
        doubt = _doubt(values, header, numeric, separator)
        if doubt is None:
            continue
        message, swallowed = doubt
        # A grant number is trusted only from the first column (a split shifts the values after it), and not when
        # a quote swallowed other rows, which could be any grant's.
        trusted = positions.get("grant_number") == 0 and values[0].strip() and not swallowed
        shown = separator.join(values).splitlines()[0][:200]
        problems.append(
            Problem(message, file=file, sheet=sheet, row=index + 1, value=shown, grant=values[0].strip() if trusted else EVERY_GRANT)
        )
        rows[index] = []
    return problems


def _doubt(values: list[str], header: list[str], numeric: list[int], separator: str) -> tuple[str, bool] | None:
    """Why a CSV row cannot be read with certainty, and whether a quote in it swallowed other rows; None when it can."""
    width, filled = len(header), len(values)
    while filled and not values[filled - 1].strip():
        filled -= 1
    if not filled:
        return None
    swallowed = _swallowed_lines(values, separator, width)
    if swallowed:
        return (
            ntr(
                'a quote (") in this row opens a value that runs over {count} more line holding rows of the file, so they'
                " would be read as text; expected quotes in pairs (remove the stray quote)",
                'a quote (") in this row opens a value that runs over {count} more lines holding rows of the file, so they'
                " would be read as text; expected quotes in pairs (remove the stray quote)",
                swallowed,
            ).format(count=swallowed),
            True,
        )
    if filled > width:
        return (
            tr(
                "the row has {values} values but the header has {columns} columns: a '{separator}' inside a value splits it; {advice}"
            ).format(values=filled, columns=width, separator=_shown(separator), advice=_split_advice()),
            False,
        )
    if separator != ",":
        return None
    if len(values) != width:
        return (
            tr(
                "the row has {values} values but the header has {columns} columns; with ',' as the separator a decimal comma"
                " (1387,60) splits a number in two; {advice}"
            ).format(values=len(values), columns=width, advice=_split_advice()),
            False,
        )
    for i in numeric:
        if i + 1 < len(values) and _WHOLE_NUMBER.fullmatch(values[i]) and _DECIMALS.fullmatch(values[i + 1].strip()):
            return (
                tr(
                    "'{number}' could be one number with a decimal comma, split by the ',' separator"
                    " into columns '{first}' and '{second}'; {advice}"
                ).format(
                    number=f"{values[i].strip()},{values[i + 1].strip()}", first=header[i], second=header[i + 1], advice=_split_advice()
                ),
                False,
            )
    return None


def _swallowed_lines(values: list[str], separator: str, width: int) -> int:
    """How many lines of other rows a value holds: lines inside one value with as many separators as a row has."""
    return sum(line.count(separator) >= max(1, width - 1) for value in values if "\n" in value for line in value.split("\n")[1:])


def _shown(separator: str) -> str:
    return tr("tab") if separator == "\t" else separator
