"""Charts: drawn from the report's figures, in its language; SVG for the PDF, PNG for Word, same bytes every time."""

import io
import zipfile
from dataclasses import replace
from decimal import Decimal

import pdfplumber
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from grantreports.figures import charts as charts_module
from grantreports.figures.charts import chart_figures, draw_charts
from grantreports.figures.context import build_context
from grantreports.figures.formatting import Formatter
from grantreports.funders.profiles import load_profile
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from tests.fixtures import BC, SIF, TEMPLATES, group, render, sheets, write_workbook

FONTS = TEMPLATES / "shared" / "fonts"


def report(tmp_path, grant, slug):
    found, _ = read_file(write_workbook(tmp_path / "in.xlsx", sheets()), "in.xlsx", sheet_specs())
    data = group(found)[0][grant]
    profile = load_profile(TEMPLATES, data.grant.funder)
    return build_context(data, slug, profile), profile


def texts(figure) -> set[str]:
    figure.draw_without_rendering()  # lays out the tick labels
    return {t.get_text().replace("\u00a0", " ") for t in figure.findobj(lambda artist: hasattr(artist, "get_text"))}


def test_latvian_charts_have_latvian_labels_and_the_report_figures(tmp_path):
    context, profile = report(tmp_path, SIF, "final")
    figures = chart_figures(context.charts, Formatter.for_profile(profile), profile.chart_labels)
    participants = texts(figures["participants"])
    assert {"febr. 2023", "nov. 2023", "apr. 2024", "Dalībnieki", "iedzīvotāji", "kopienu līderi"} <= participants
    indicators = texts(figures["indicators"])
    assert {"Plānots", "Sasniegts", "R3 Iedzīvotāju forumi", "2 / 3", "105 / 150", "100 %"} <= indicators
    assert {"Apstiprinātais budžets", "Izlietots", "5 Publicitāte"} <= texts(figures["budget"])


def test_english_charts_and_a_chart_without_data_is_none(tmp_path):
    context, profile = report(tmp_path, BC, "final")
    figures = chart_figures(context.charts, Formatter.for_profile(profile), profile.chart_labels)
    assert {"Target", "Achieved", "O1 New centres", "1 / 2"} <= texts(figures["indicators"])
    assert "Oct 2023" in texts(figures["participants"])
    empty = context.charts.__class__(indicators=None, participants=None, budget=None)
    assert chart_figures(empty, Formatter.for_profile(profile), profile.chart_labels) == {
        "indicators": None,
        "participants": None,
        "budget": None,
    }


def test_long_labels_wrap_values_clear_the_target_line_and_bars_stay_inside_the_frame(tmp_path):
    context, profile = report(tmp_path, SIF, "final")
    draw_charts(
        context.charts, Formatter.for_profile(profile), profile.chart_labels, FONTS, ()
    )  # the bundled font, which labels are measured in
    long_name = "Kopienu līderi, kas piedalījušies mentoringa programmā un pieredzes braucienos"
    indicator = replace(context.indicators[0], name=long_name, target=Decimal(100), achieved_to_date=Decimal(95), progress=Decimal("0.95"))
    charts = replace(context.charts, indicators=[indicator, *context.charts.indicators])
    figures = chart_figures(charts, Formatter.for_profile(profile), profile.chart_labels)
    labels = texts(figures["indicators"])
    assert f"R3 {long_name}".replace(" ", "") in {label.replace("\n", "").replace(" ", "") for label in labels}
    assert not any("…" in label for label in labels)
    assert any("\n" in label for label in labels)  # on two lines
    indicators = figures["indicators"]
    axes = indicators.axes[0]
    target = axes.transData.transform((1.0, 0))[0]
    renderer = FigureCanvasAgg(indicators).get_renderer()
    values = [t for t in axes.texts if "/" in t.get_text()]
    assert values and all(not (v.get_window_extent(renderer).x0 < target < v.get_window_extent(renderer).x1) for v in values)
    participants = figures["participants"].axes[0]
    tallest = max(sum(counts) for counts in zip(*charts.participants.counts, strict=True))
    assert participants.get_ylim()[1] >= tallest * 1.1
    budget = figures["budget"].axes[0]
    assert budget.get_xlim()[1] >= max(float(b.approved) for b in context.budget) * 1.1


def test_chart_files_are_svg_and_png_and_byte_identical_on_every_run(tmp_path):
    context, profile = report(tmp_path, SIF, "final")
    formatter = Formatter.for_profile(profile)
    svg = draw_charts(context.charts, formatter, profile.chart_labels, FONTS, ("svg",))["svg"]
    png = draw_charts(context.charts, formatter, profile.chart_labels, FONTS, ("png",))["png"]
    assert all(image.lstrip().startswith(b"<?xml") and b"<svg" in image for image in svg.values())
    assert all(image.startswith(b"\x89PNG") for image in png.values())
    charts_module._DRAWN.clear()  # drawn again, not taken from those drawn before
    assert draw_charts(context.charts, formatter, profile.chart_labels, FONTS, ("svg",))["svg"] == svg
    assert draw_charts(context.charts, formatter, profile.chart_labels, FONTS, ("png",))["png"] == png
    assert b"<dc:date>" not in svg["budget"]


def test_only_the_charts_whose_figures_or_words_changed_are_drawn_again(tmp_path, monkeypatch):
    """As after an edit in preview: a chart drawn before from the same figures, words and formats is not drawn again."""
    context, profile = report(tmp_path, SIF, "final")
    formatter = Formatter.for_profile(profile)
    drawn = []
    for name, drawer in list(charts_module._DRAWERS.items()):
        monkeypatch.setitem(charts_module._DRAWERS, name, lambda *args, name=name, drawer=drawer: (drawn.append(name), drawer(*args))[1])
    charts_module._DRAWN.clear()
    first = draw_charts(context.charts, formatter, profile.chart_labels, FONTS, ("png",))["png"]
    assert drawn == ["indicators", "participants", "budget"]
    counts = [[count + 1 for count in group] for group in context.charts.participants.counts]
    edited = replace(context.charts, participants=replace(context.charts.participants, counts=counts))
    drawn.clear()
    again = draw_charts(edited, formatter, profile.chart_labels, FONTS, ("png",))["png"]
    assert drawn == ["participants"]
    assert again["indicators"] == first["indicators"] and again["budget"] == first["budget"]
    assert again["participants"] != first["participants"]
    drawn.clear()
    english = Formatter("en", "en_GB")
    assert draw_charts(edited, english, profile.chart_labels, FONTS, ("png",))["png"]["budget"] != first["budget"]
    draw_charts(edited, formatter, {**profile.chart_labels, "target": "Mērķis"}, FONTS, ("png", "svg"))
    assert drawn == ["indicators", "participants", "budget"] * 2
    charts_module._DRAWN.clear()
    assert draw_charts(edited, formatter, profile.chart_labels, FONTS, ("png",))["png"] == again  # what drawing afresh gives


def test_word_and_the_pdf_embed_the_same_sharp_opaque_png_charts(tmp_path):
    """One PNG per chart, drawn once, for both files: at 200 dpi or more at its printed size in the PDF,
    and opaque (an alpha channel would make WeasyPrint encode a mask image per chart)."""
    _, _, _, pdf_path = render(tmp_path, sheets(), SIF, "final")
    with zipfile.ZipFile(tmp_path / "out" / "r.docx") as docx:
        media = [name for name in docx.namelist() if name.startswith("word/media/")]
    assert len(media) == 3 and all(name.endswith(".png") for name in media)
    with pdfplumber.open(pdf_path) as pdf:
        images = [image for page in pdf.pages for image in page.images]
    assert len(images) == 3
    for image in images:
        width_px, height_px = image["srcsize"]
        assert width_px / (image["width"] / 72) >= 200 and height_px / (image["height"] / 72) >= 200
        assert "SMask" not in image["stream"].attrs


def test_png_charts_are_opaque_and_carry_their_resolution(tmp_path):
    context, profile = report(tmp_path, SIF, "final")
    png = draw_charts(context.charts, Formatter.for_profile(profile), profile.chart_labels, FONTS, ("png",))["png"]
    for image in png.values():
        with Image.open(io.BytesIO(image)) as opened:
            assert opened.mode == "RGB"
            assert opened.info["dpi"] == pytest.approx((200, 200), abs=0.01)
            assert opened.width == round(6.7 * 200)
