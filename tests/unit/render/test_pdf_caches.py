"""What a render job or a long-lived preview keeps between PDFs (parsed style sheets, loaded fonts, compiled
templates) never outlives the files it came from: a template, style sheet or font edited on disk shows in the
next PDF, which is the PDF a fresh process would make."""

import io
import shutil

import pdfplumber
import PIL.Image
import pytest

from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from grantreports.render import pdf as pdf_module
from grantreports.render.report import prepare
from tests.fixtures import SIF, TEMPLATES, group, sheets, write_workbook


@pytest.fixture
def report(tmp_path):
    """A function giving the SIF interim report's PDF from a copy of the templates, and that copy's folder."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    workbook = write_workbook(tmp_path / "in.xlsx", sheets())
    found, _ = read_file(workbook, str(workbook), sheet_specs())
    data = group(found)[0][SIF]

    def pdf(path_name: str = "r.pdf"):
        path = tmp_path / path_name
        path.write_bytes(prepare(data, "interim-1", templates).pdf({}))
        return path

    return pdf, templates


def _fresh_process_pdf(report, name: str):
    """The PDF as a process that has cached nothing would make it."""
    pdf_module._styles.cache_clear()
    pdf_module._font_for_pdf.cache_clear()
    pdf_module._TEMPLATE_CODE.compiled.clear()
    return report(name).read_bytes()


def test_a_second_pdf_from_the_caches_is_byte_identical_to_the_first(report):
    pdf, _ = report
    assert pdf("first.pdf").read_bytes() == pdf("second.pdf").read_bytes() == _fresh_process_pdf(pdf, "fresh.pdf")


def test_an_edited_style_sheet_changes_the_next_pdf(report):
    pdf, templates = report
    before = pdf("before.pdf")
    with (templates / "sif-nvo-fonds" / "style.css").open("a", encoding="utf-8") as style:
        style.write("\nh2 { color: #ff0000; }\n")
    after = pdf("after.pdf")
    with pdfplumber.open(before) as old, pdfplumber.open(after) as new:
        red = [c for page in new.pages for c in page.chars if c["non_stroking_color"] == (1, 0, 0)]
        assert red and not [c for page in old.pages for c in page.chars if c["non_stroking_color"] == (1, 0, 0)]
    assert after.read_bytes() == _fresh_process_pdf(pdf, "fresh.pdf")


def test_an_edited_shared_style_sheet_changes_the_next_pdf(report):
    pdf, templates = report
    pdf("before.pdf")
    with (templates / "shared" / "report.css").open("a", encoding="utf-8") as style:
        style.write("\nh2 { font-size: 20pt; }\n")
    with pdfplumber.open(pdf("after.pdf")) as new:
        assert any(round(c["size"]) == 20 for page in new.pages for c in page.chars)


def test_an_edited_template_changes_the_next_pdf(report):
    pdf, templates = report
    pdf("before.pdf")
    html = templates / "sif-nvo-fonds" / "report.html"
    html.write_text(html.read_text(encoding="utf-8").replace("5. Publicitāte", "5. Publicitāte un komunikācija"), encoding="utf-8")
    with pdfplumber.open(pdf("after.pdf")) as new:
        assert "Publicitāte un komunikācija" in "".join(page.extract_text() for page in new.pages)


def test_a_replaced_font_file_changes_the_next_pdf(report):
    pdf, templates = report
    before = pdf("before.pdf").read_bytes()
    fonts = templates / "shared" / "fonts"
    shutil.copyfile(fonts / "LiberationSans-Italic.ttf", fonts / "LiberationSans-Regular.ttf")  # body text now slanted
    after = pdf("after.pdf")
    assert after.read_bytes() != before
    assert after.read_bytes() == _fresh_process_pdf(pdf, "fresh.pdf")


@pytest.mark.parametrize("mode", ["RGB", "L", "RGBA", "P"])
def test_png_data_is_weasyprints(mode):
    """The pixels taken straight from a PNG (pdf_module._png_data) are the bytes WeasyPrint's own re-encoding gives."""
    image = PIL.Image.new(mode, (40, 30))
    image.putpixel((3, 4), 200 if mode in ("L", "P") else (200, 10, 30, 255)[: len(mode)])
    png = io.BytesIO()
    image.save(png, format="PNG")

    def opened():
        return PIL.Image.open(io.BytesIO(png.getvalue()))

    assert pdf_module._png_data(opened()) == pdf_module._weasyprint_png_data(opened())
