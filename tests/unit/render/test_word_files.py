"""Word files a person can keep editing: proofing language, fonts, headings, captions, alt text, page furniture."""

import re
import shutil
import subprocess
import zipfile

import docx
import pdfplumber
import pikepdf
import pytest
from docx.oxml.ns import qn
from lxml import etree

from tests.fixtures import SIF, TEMPLATES, as_funder, render, sheets

FUNDERS = ["sif-nvo-fonds", "esf-labklajibas-ministrija", "mfa-lapas", "british-council", "eu-action-grant"]
# the profile's locale, as Word names a proofing language
LANGUAGES = {
    "sif-nvo-fonds": "lv-LV",
    "esf-labklajibas-ministrija": "lv-LV",
    "mfa-lapas": "lv-LV",
    "british-council": "en-GB",
    "eu-action-grant": "en-IE",
}
# the colour of h2 in each funder's style.css
SECTION_COLOURS = {
    "sif-nvo-fonds": "1D3F6E",
    "esf-labklajibas-ministrija": "003399",
    "mfa-lapas": "7A1F2B",
    "british-council": "23085A",
    "eu-action-grant": "003399",
}
USED_STYLES = ["Normal", "Heading 1", "Heading 2", "Heading 3", "Caption", "Header", "Footer", "Table Grid"]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """funder -> (context, .docx path, .pdf path): the same grant's final report in each format, rendered once."""
    rendered = {}

    def report(funder: str):
        if funder not in rendered:
            context, _, _, pdf_path = render(tmp_path_factory.mktemp(funder), as_funder(funder), SIF, "final")
            rendered[funder] = (context, pdf_path.with_suffix(".docx"), pdf_path)
        return rendered[funder]

    return report


def styles_xml(path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        assert "word/stylesWithEffects.xml" not in package.namelist()  # no second copy of the styles to contradict them
        return etree.fromstring(package.read("word/styles.xml"))


def all_text(element) -> str:
    """Every text of an element, field results included (python-docx's .text leaves those out)."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


@pytest.mark.parametrize("funder", FUNDERS)
def test_every_style_proofs_in_the_profiles_language(reports, funder):
    _, docx_path, _ = reports(funder)
    styles = styles_xml(docx_path)
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert defaults.get(qn("w:val")) == LANGUAGES[funder]
    languages = [lang.get(qn("w:val")) for lang in styles.iterfind(f"{qn('w:style')}/{qn('w:rPr')}/{qn('w:lang')}")]
    styled = styles.findall(f"{qn('w:style')}/{qn('w:rPr')}")
    assert len(languages) == len(styled) and set(languages) == {LANGUAGES[funder]}
    assert docx.Document(docx_path).core_properties.language == LANGUAGES[funder]


@pytest.mark.parametrize("funder", FUNDERS)
def test_fonts_are_arial_everywhere_and_no_theme_font_is_left(reports, funder):
    _, docx_path, _ = reports(funder)
    styles = styles_xml(docx_path)
    fonts = list(styles.iter(qn("w:rFonts")))
    assert fonts and all(not re.search("theme", name, re.IGNORECASE) for element in fonts for name in element.attrib)
    document = docx.Document(docx_path)
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    for element in [defaults, *(document.styles[name].element.rPr.rFonts for name in USED_STYLES)]:
        assert {element.get(qn(f"w:{script}")) for script in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Arial"}


@pytest.mark.parametrize("funder", FUNDERS)
def test_heading_levels_and_texts_are_the_pdfs_outline(reports, funder):
    _, docx_path, pdf_path = reports(funder)
    document = docx.Document(docx_path)
    word = [(int(p.style.name[-1]), " ".join(p.text.split())) for p in document.paragraphs if p.style.name.startswith("Heading")]
    pdf = []
    with pikepdf.open(pdf_path) as opened, opened.open_outline() as outline:

        def walk(items, level):
            for item in items:
                pdf.append((level, " ".join(item.title.split())))
                walk(item.children, level + 1)

        walk(outline.root, 1)
    assert word == pdf
    assert word[0][0] == 1  # the cover title: every format has a Heading 1


@pytest.mark.parametrize("funder", FUNDERS)
def test_headings_are_in_the_funders_colour(reports, funder):
    _, docx_path, _ = reports(funder)
    assert str(docx.Document(docx_path).styles["Heading 2"].font.color.rgb) == SECTION_COLOURS[funder]


@pytest.mark.parametrize("funder", FUNDERS)
def test_chart_captions_are_word_captions_numbered_by_a_seq_field_as_in_the_pdf(reports, funder):
    _, docx_path, pdf_path = reports(funder)
    captions = [p for p in docx.Document(docx_path).paragraphs if p.style.name == "Caption"]
    with pdfplumber.open(pdf_path) as pdf:
        pdf_text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    sequence = "attēls" if LANGUAGES[funder] == "lv-LV" else "Figure"
    assert captions
    for number, caption in enumerate(captions, start=1):
        fields = caption._p.findall(qn("w:fldSimple"))
        assert [f.get(qn("w:instr")) for f in fields] == [f"SEQ {sequence} \\* ARABIC"]
        assert all_text(fields[0]) == str(number)
        text = " ".join(all_text(caption._p).split())
        assert text.startswith(f"{number}. attēls. " if sequence == "attēls" else f"Figure {number}. ")
        assert text in pdf_text  # the same caption as the PDF's


@pytest.mark.parametrize("funder", FUNDERS)
def test_every_chart_picture_has_its_alt_text(reports, funder):
    context, docx_path, _ = reports(funder)
    document = docx.Document(docx_path)
    descriptions = [inline.find(qn("wp:docPr")).get("descr") for inline in document.element.body.iter(qn("wp:inline"))]
    captions = [p for p in document.paragraphs if p.style.name == "Caption"]
    assert len(descriptions) == len(captions) >= 2  # every chart the format places
    assert all(descriptions)
    first = context.indicators[0]
    assert any(d.startswith(f"{first.code} {first.name}: ") for d in descriptions)
    assert any(f"{context.budget[0].code} {context.budget[0].category}: " in d for d in descriptions)


def test_the_cover_has_no_running_header_but_keeps_its_page_number(reports):
    _, docx_path, _ = reports("sif-nvo-fonds")
    section = docx.Document(docx_path).sections[0]
    assert section.different_first_page_header_footer
    assert all_text(section.first_page_header._element).strip() == ""
    assert SIF in all_text(section.header._element)
    for footer in (section.first_page_footer, section.footer):
        instructions = [f.get(qn("w:instr")) for f in footer._element.iter(qn("w:fldSimple"))]
        assert instructions == ["PAGE", "NUMPAGES"]


@pytest.mark.parametrize("funder", FUNDERS)
def test_signature_block_and_small_tables_stay_on_one_page(reports, funder):
    _, docx_path, _ = reports(funder)
    document = docx.Document(docx_path)
    paragraphs = document.paragraphs
    line = next(i for i, p in enumerate(paragraphs) if p.text.startswith("_____"))
    heading = max(i for i in range(line) if paragraphs[i].style.name.startswith("Heading"))
    # heading (by its style), declaration, place and date, space, line: each kept with the next, down to the name
    assert all(paragraphs[i].paragraph_format.keep_with_next for i in range(heading + 1, line + 1))
    assert paragraphs[line + 1].text.strip()
    small = [table for table in document.tables if len(table.rows) <= 10]
    assert small
    for table in small:
        kept = [all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs) for row in table.rows]
        assert kept == [True] * (len(table.rows) - 1) + [False]


def test_a_long_table_keeps_two_body_rows_with_its_header_and_above_its_last_row(tmp_path):
    tables = sheets()
    for number in range(30):
        tables["activities"].append(
            [SIF, "A3", f"Pasākums {number}", sheets()["activities"][1][3], None, "Olaine", "iedzīvotāji", 5, "", ""]
        )
    render(tmp_path, tables, SIF, "interim-1")
    document = docx.Document(tmp_path / "out" / "r.docx")
    events = next(t for t in document.tables if t.rows[0].cells[1].text == "Pasākums")
    kept = [all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs) for row in events.rows]
    assert len(kept) > 10
    assert kept[:2] == [True, True] and kept[-3:] == [True, True, False] and not any(kept[2:-3])


def test_no_forced_page_break_but_the_parts_and_annexes_start_a_page(reports):
    """As in the PDF (templates/shared/report.css: h1.part ~ h1.part, .annex): each part and each annex starts a page."""
    _, docx_path, _ = reports("sif-nvo-fonds")
    document = docx.Document(docx_path)
    assert not document.element.body.findall(f".//{qn('w:br')}[@{qn('w:type')}='page']")
    starting = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert starting == [
        "I. Saturiskā atskaite",
        "II. Finanšu atskaite",
        "1. pielikums. Pārskata periodā īstenoto pasākumu saraksts",
        "2. pielikums. Izdevumus apliecinošo dokumentu saraksts",
        "3. pielikums. Atskaites datu avoti",
    ]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed here")
@pytest.mark.parametrize("funder", ["eu-action-grant", "sif-nvo-fonds"])
def test_libreoffice_breaks_no_word_of_a_table_cell(reports, funder, tmp_path):
    """With Arial's metrics (the bundled Liberation Sans, as a machine with Arial or its usual substitute has),
    every word of every table cell prints whole: no "Kod/s", no "Consume/d"."""
    _, docx_path, _ = reports(funder)
    fonts = tmp_path / "fonts.conf"
    fonts.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{TEMPLATES / "shared" / "fonts"}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(docx_path)],
        capture_output=True,
        timeout=300,
        check=False,
        env={"FONTCONFIG_FILE": str(fonts), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    with pdfplumber.open(tmp_path / f"{docx_path.stem}.pdf") as pdf:
        printed = {word["text"] for page in pdf.pages for word in page.extract_words(keep_blank_chars=False)}
    cells = {cell.text for table in docx.Document(docx_path).tables for row in table.rows for cell in row.cells}
    words = {word for text in cells for word in text.split() if re.fullmatch(r"[\w.,%()„”]{4,}", word)}
    assert words and sorted(words - printed) == []
