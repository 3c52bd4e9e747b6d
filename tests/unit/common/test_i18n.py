"""The interface language's catalog: every message the code marks has its Latvian translation, with the same
placeholders, and the compiled catalog the tool reads is the one the .po file gives."""

import io
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from grantreports.common import i18n
from grantreports.common.i18n import KEYWORDS, LOCALE_DIR, ntr, tr
from grantreports.common.project import PROJECT_DIR

PO_FILE = LOCALE_DIR / "lv" / "LC_MESSAGES" / "messages.po"
MO_FILE = PO_FILE.with_suffix(".mo")


def catalog():
    with PO_FILE.open("rb") as stream:
        return read_po(stream)


def marked_messages() -> set[str]:
    """Every message the code marks with tr() or ntr(), as Babel extracts them (make translations)."""
    found = extract_from_dir(PROJECT_DIR / "grantreports", method_map=[("**.py", "python")], keywords=KEYWORDS)
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_marked_message_has_a_latvian_translation():
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog() if m.id}
    marked = marked_messages()
    assert marked, "no message is marked for translation"
    missing = sorted(m for m in marked if m not in translated or not translated[m].string or "fuzzy" in translated[m].flags)
    assert missing == [], f"{len(missing)} message(s) without a Latvian translation: run `make translations` and translate them"
    empty_forms = [m for m in marked if isinstance(translated[m].string, tuple) and not all(translated[m].string)]
    assert empty_forms == []


def test_translations_keep_the_placeholders_of_their_message():
    wrong = []
    for message in catalog():
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        expected = fields(ids[0])
        wrong += [(ids[0], text) for text in strings if fields(text) != expected]
    assert wrong == []


def test_the_compiled_catalog_is_the_po_files():
    compiled = io.BytesIO()
    write_mo(compiled, catalog())
    assert MO_FILE.read_bytes() == compiled.getvalue(), "locale/lv/LC_MESSAGES/messages.mo is stale: run `make translations`"


def test_the_language_is_chosen_by_name_and_reaches_child_processes(monkeypatch):
    monkeypatch.delenv(i18n.ENVIRONMENT, raising=False)
    assert i18n.language() == "lv"  # the default
    assert tr("grantreports: the inputs have no problems.") == "grantreports: ievaddatos problēmu nav."
    i18n.use("en")
    assert tr("grantreports: the inputs have no problems.") == "grantreports: the inputs have no problems."
    assert ntr("grantreports: {count} error in the inputs.", "grantreports: {count} errors in the inputs.", 2) == (
        "grantreports: {count} errors in the inputs."
    )
    i18n.use("lv")
    counted = [ntr("grantreports: {count} error in the inputs.", "x", n).format(count=n) for n in (1, 2, 21)]
    assert counted == [
        "grantreports: ievaddatos ir 1 kļūda.",
        "grantreports: ievaddatos ir 2 kļūdas.",
        "grantreports: ievaddatos ir 21 kļūda.",
    ]
    with pytest.raises(ValueError, match="expected one of: lv, en"):
        i18n.use("de")


def test_no_message_is_an_f_string_inside_tr():
    """tr(f"...") would look its text up after formatting: no catalog holds it, so it would stay English."""
    offenders = [
        f"{path.relative_to(PROJECT_DIR)}:{number}"
        for path in sorted(Path(PROJECT_DIR / "grantreports").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if 'tr(f"' in line or "tr(f'" in line
    ]
    assert offenders == []
