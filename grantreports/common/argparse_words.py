"""argparse's own words (usage:, options:, the help of -h, its errors) in the interface language.

argparse looks each of them up, when it writes it, through its module's `_` and `ngettext` (Python's
gettext, which knows no catalog of ours); given `tr` and `ntr` instead, `python -m grantreports preview
--help` is Latvian throughout, not Latvian option texts between English headings."""

from __future__ import annotations

import argparse

from grantreports.common.i18n import ntr, tr


def speak_interface_language() -> None:
    """From now on, argparse writes its words in the interface language (in this process)."""
    argparse._ = tr
    argparse.ngettext = ntr


def translated_words() -> list[str]:
    """The words of argparse (Python 3.11-3.13) that the catalog translates, in the interface language: listed here
    in argparse's own words so that Babel finds them (make translations); tests/unit/test_cli.py checks each."""
    return [
        tr("usage: "),
        tr("positional arguments"),
        tr("options"),
        tr("show this help message and exit"),
        tr("%(prog)s: error: %(message)s\n"),
        tr("argument %(argument_name)s: %(message)s"),
        tr("the following arguments are required: %s"),
        tr("unrecognized arguments: %s"),
        tr("invalid choice: %(value)r (choose from %(choices)s)"),
        tr("invalid %(type)s value: %(value)r"),
        tr("expected one argument"),
        tr("expected at most one argument"),
        tr("expected at least one argument"),
        ntr("expected %s argument", "expected %s arguments", 2),
        tr("ambiguous option: %(option)s could match %(matches)s"),
        tr("not allowed with argument %s"),
        tr("one of the arguments %s is required"),
        tr("ignored explicit argument %r"),
        tr("can't open '%(filename)s': %(error)s"),
    ]
