"""Numbers, money, percentages and dates in the report's language (Babel), as template filters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import jinja2
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LOCALES = {"lv": "lv_LV", "en": "en_GB"}
MISSING = "–"
# CLDR has no locative case; a place-and-date line needs it: "Rīgā, 2024. gada 15. oktobrī".
_LATVIAN_LOCATIVE_MONTHS = (
    "janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā",
    "jūlijā", "augustā", "septembrī", "oktobrī", "novembrī", "decembrī",
)


class Formatter:
    """Formatting for one language; `environment()` gives both renderers the same filters."""

    def __init__(self, language: str):
        self.language = language
        self.locale = LOCALES[language]

    def number(self, value: Decimal | int | None, decimals: int = 0) -> str:
        if value is None:
            return MISSING
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale, decimal_quantization=True)

    def money(self, value: Decimal | None, currency: str) -> str:
        """1 234,56 EUR (lv) or 1,234.56 EUR (en)."""
        if value is None:
            return MISSING
        return f"{self.number(value, 2)}\u00a0{currency}"

    def percent(self, fraction: Decimal | None) -> str:
        if fraction is None:
            return MISSING
        return format_percent(fraction, locale=self.locale)

    def date(self, day: dt.date | None) -> str:
        """15.10.2024. (lv) or 15/10/2024 (en), for tables."""
        if day is None:
            return MISSING
        return format_date(day, "dd.MM.y." if self.language == "lv" else "dd/MM/y", locale=self.locale)

    def date_long(self, day: dt.date | None) -> str:
        """2024. gada 15. oktobris (lv) or 15 October 2024 (en), for running text."""
        if day is None:
            return MISSING
        return format_date(day, "y. 'gada' d. MMMM" if self.language == "lv" else "d MMMM y", locale=self.locale)

    def date_locative(self, day: dt.date | None) -> str:
        """2024. gada 15. oktobrī (lv) for a place-and-date line; English has no case."""
        if day is None or self.language != "lv":
            return self.date_long(day)
        return f"{day.year}. gada {day.day}. {_LATVIAN_LOCATIVE_MONTHS[day.month - 1]}"

    def environment(self, loader: jinja2.BaseLoader | None = None) -> jinja2.Environment:
        """The Jinja environment of both renderers: data is always escaped, unknown names are errors."""
        environment = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)
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
