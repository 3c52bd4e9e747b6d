"""Numbers, money, percentages and dates in the report's language (Babel), as template filters."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import jinja2
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup

if TYPE_CHECKING:
    from grantreports.funders.profiles import Profile

MISSING = "–"
# CLDR has no locative case; a place-and-date line needs it: "Rīgā, 2024. gada 15. oktobrī".
_LATVIAN_LOCATIVE_MONTHS = (
    "janvārī",
    "februārī",
    "martā",
    "aprīlī",
    "maijā",
    "jūnijā",
    "jūlijā",
    "augustā",
    "septembrī",
    "oktobrī",
    "novembrī",
    "decembrī",
)


_PERCENT_PATTERNS = {"lv": "#,##0\u00a0%"}  # other languages: the locale's own pattern

_LONG_WORD = re.compile(r"\S{40,}")
_BREAK = "\u200b"  # zero-width space: a line may break here, nothing is drawn


def breakable(value: object) -> object:
    """Text with a break opportunity every 20 characters inside words of 40 or more (a pasted URL, a
    5,000-character string): a table cell wraps them instead of running off the page. Markup is left alone."""
    if not isinstance(value, str) or isinstance(value, Markup) or not _LONG_WORD.search(value):
        return value
    return _LONG_WORD.sub(lambda m: _BREAK.join(m.group(0)[i : i + 20] for i in range(0, len(m.group(0)), 20)), value)


class Formatter:
    """Formatting for one locale; `environment()` gives both renderers the same filters."""

    def __init__(self, language: str, locale: str, date_format: str | None = None, long_date_format: str | None = None):
        self.language = language
        self.locale = locale
        self.date_format = date_format or "short"
        self.long_date_format = long_date_format or "long"

    @classmethod
    def for_profile(cls, profile: Profile) -> Formatter:
        return cls(profile.language, profile.locale, profile.date_format, profile.long_date_format)

    def number(self, value: Decimal | int | None, decimals: int | None = None) -> str:
        """1 234 (lv) with `decimals` places; when none are asked for, those the value has (2,5 stays 2,5)."""
        if value is None:
            return MISSING
        if decimals is None:
            decimals = max(0, -Decimal(value).normalize().as_tuple().exponent)
        value = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)  # 2,5 -> 3, as people round
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale, decimal_quantization=True)

    def money(self, value: Decimal | None, currency: str) -> str:
        """1 234,56 EUR (lv) or 1,234.56 EUR (en)."""
        if value is None:
            return MISSING
        return f"{self.number(value, 2)}\u00a0{currency}"

    def percent(self, fraction: Decimal | None) -> str:
        """88 % in Latvian (a non-breaking space before the sign, as Latvian style has it), 88% in English."""
        if fraction is None:
            return MISSING
        return format_percent(fraction, format=_PERCENT_PATTERNS.get(self.language), locale=self.locale)

    def date(self, day: dt.date | None) -> str:
        """15.10.2024. (lv) or 15/10/2024 (en), for tables."""
        if day is None:
            return MISSING
        return format_date(day, self.date_format, locale=self.locale)

    def date_long(self, day: dt.date | None) -> str:
        """2024. gada 15. oktobris (lv) or 15 October 2024 (en), for running text."""
        if day is None:
            return MISSING
        return format_date(day, self.long_date_format, locale=self.locale)

    def date_locative(self, day: dt.date | None) -> str:
        """2024. gada 15. oktobrī (lv) for a place-and-date line; English has no case."""
        if day is None or self.language != "lv":
            return self.date_long(day)
        return f"{day.year}. gada {day.day}. {_LATVIAN_LOCATIVE_MONTHS[day.month - 1]}"

    def month(self, day: dt.date) -> str:
        """febr. 2023 (lv) or Feb 2023 (en), for chart axes."""
        return format_date(day, "LLL y", locale=self.locale)

    def environment(self, loader: jinja2.BaseLoader | None = None) -> jinja2.Environment:
        """The Jinja environment of both renderers: data is always escaped, unknown names are errors,
        and words too long for a table cell get places to break."""
        environment = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, finalize=breakable)
        environment.filters.update(self.filters())
        return environment

    def filters(self) -> dict:
        return {
            "number": self.number,
            "money": self.money,
            "percent": self.percent,
            "date": self.date,
            "date_long": self.date_long,
            "date_locative": self.date_locative,
        }
