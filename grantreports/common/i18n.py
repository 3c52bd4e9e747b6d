"""The interface language: what the tool writes for people (input problems, the build summary, the
validation files, the overview page, command-line help), in Latvian or English.

Messages are written in English in the code, marked with `tr()` (`ntr()` for counted ones) and
formatted after translation (`tr("row {row}").format(row=5)`: never an f-string, whose text the
catalog cannot hold); the Latvian text comes from the gettext catalog in
locale/lv/LC_MESSAGES/messages.po, managed with Babel (`make translations`: extract, update,
compile). The language is the config's `language` key; a build passes it to its jobs in the
GRANTREPORTS_LANGUAGE environment variable."""

from __future__ import annotations

import gettext
import os
from functools import cache

from grantreports.common.project import PROJECT_DIR

LOCALE_DIR = PROJECT_DIR / "locale"
DOMAIN = "messages"
KEYWORDS = {"tr": None, "ntr": (1, 2)}  # the marking functions, for Babel's extraction (Makefile, tests)
LANGUAGES = ("lv", "en")  # English is the language of the code: it has no catalog
DEFAULT_LANGUAGE = "lv"
ENVIRONMENT = "GRANTREPORTS_LANGUAGE"


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, [language])


def language() -> str:
    """The interface language in use: GRANTREPORTS_LANGUAGE when it names one, else Latvian."""
    chosen = os.environ.get(ENVIRONMENT, "")
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def use(chosen: str) -> None:
    """Write messages in `chosen` from now on, in this process and in the processes it starts."""
    if chosen not in LANGUAGES:
        raise ValueError(f"no interface language {chosen!r}; expected one of: {', '.join(LANGUAGES)}")
    os.environ[ENVIRONMENT] = chosen


def tr(message: str) -> str:
    """`message` in the interface language."""
    return _catalog(language()).gettext(message)


def ntr(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count`, in the interface language (Latvian has three forms)."""
    return _catalog(language()).ngettext(singular, plural, count)
