"""Text from the spreadsheets that looks like markup, code or layout prints literally and fetches nothing."""

import datetime as dt
import logging
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree

from tests.fixtures import SIF, plain, render, sheets

LONG_WORD = "Ž" * 5000
HOSTILE = {
    "html": "<b>bold</b> <script>alert('x')</script>",
    "local file": '<img src="file:///etc/passwd"> <link rel="stylesheet" href="file:///etc/passwd">',
    "css url": '<span style="background: url(https://example.org/x.png)">css</span> url(file:///etc/hostname)',
    "jinja": "{{ 7*7 }} {% for x in range(3) %}loop{% endfor %} {# c #}",
    "docxtpl": "{%p if 1 %} {%tr for x in y %} {{r x }}",
    "xml": "Tom & Jerry <&> \"quoted\" 'single' ]]> <![CDATA[x]]>",
    "cyrillic": "НПО «Позитивное движение», Минск",
}
# Cleaned on input (inputs/README.md; control characters: tests/unit/test_cells.py): bidi overrides,
# which can make "100" display as "001", are removed.
CLEANED = {
    "bidi": ("abc\u202edef\u2066ghi\u2069 100", "abcdefghi 100"),
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    tables = sheets()
    values = list(HOSTILE.values()) + [raw for raw, _ in CLEANED.values()] + [LONG_WORD]
    for day, value in enumerate(values):
        tables["activities"].append(
            [SIF, "A1", value, dt.date(2023, 5, 1) + dt.timedelta(days=day), None, "Olaine", "iedzīvotāji", 1, "", ""]
        )
    tables["narrative"][1][3] = "\n".join(HOSTILE.values())  # full-width lines: the PDF text reads back in order
    tables["grants"][1][1] = HOSTILE["xml"]  # the project title: cover, properties, running text
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    _, word, pdf, pdf_path = render(tmp_path_factory.mktemp("hostile"), tables, SIF, "interim-1")
    return word, pdf, pdf_path


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_text_prints_literally_in_word_and_pdf(rendered, case):
    word, pdf, _ = rendered
    expected = plain(HOSTILE[case])
    assert expected in word and expected in pdf
    assert "49" not in word.split("{{ 7*7 }}")[0][-3:] and "looplooploop" not in word + pdf


@pytest.mark.parametrize("case", CLEANED)
def test_control_and_bidi_characters_are_cleaned(rendered, case):
    word, pdf, _ = rendered
    _, printed = CLEANED[case]
    assert printed in word and printed in pdf


def test_nothing_is_fetched_and_no_local_file_leaks_into_the_pdf(rendered):
    _, pdf, pdf_path = rendered
    passwd = Path("/etc/passwd").read_text(encoding="utf-8").split("\n")[0]
    assert passwd not in pdf and "root:x:0:0" not in pdf
    data = pdf_path.read_bytes()
    assert b"root:x:0:0" not in data and passwd.encode() not in data


def test_a_5000_character_word_wraps_inside_the_page(rendered):
    _, pdf, pdf_path = rendered
    assert pdf.replace(" ", "").count("Ž") == 2 * 5000  # in the activities table and in the events annex
    margin = 18 * 72 / 25.4
    with pdfplumber.open(pdf_path) as document:
        outside = [c["text"] for page in document.pages for c in page.chars if c["x1"] > page.width - margin + 1]
    assert outside == []


def test_the_word_file_opens_and_holds_valid_xml(rendered):
    _, _, pdf_path = rendered
    with zipfile.ZipFile(pdf_path.with_suffix(".docx")) as docx:
        for name in docx.namelist():
            if name.endswith(".xml"):
                etree.fromstring(docx.read(name))  # raises on any invalid character or markup


def test_emoji_reach_the_word_file_and_do_not_stop_the_pdf(tmp_path):
    """The bundled font has no emoji; WeasyPrint draws what the system fonts offer. (With no emoji font
    installed, pdfminer cannot read that PDF's text layer, though poppler and viewers can: see issue notes.)"""
    tables = sheets()
    tables["activities"].append([SIF, "A1", "Kopienas svētki 🎉🙂", dt.date(2023, 5, 1), None, "Olaine", "iedzīvotāji", 1, "", ""])
    _, word, _, pdf_path = render(tmp_path, tables, SIF, "interim-1")
    assert "Kopienas svētki 🎉🙂" in word
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) >= 3


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed here (it is optional: apt install libreoffice-writer-nogui)"
)
def test_libreoffice_opens_the_word_file_and_prints_the_text_literally(rendered, tmp_path):
    _, _, pdf_path = rendered
    docx = pdf_path.with_suffix(".docx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        capture_output=True,
        timeout=300,
        check=False,
    )
    converted = tmp_path / f"{docx.stem}.pdf"
    assert converted.is_file(), "LibreOffice could not open the .docx"
    with pdfplumber.open(converted) as pdf:
        text = plain(" ".join(page.extract_text() or "" for page in pdf.pages))
    assert HOSTILE["html"] in text and HOSTILE["cyrillic"] in text
