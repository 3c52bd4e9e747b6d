"""Charts of a report's figures, drawn with matplotlib: one PNG at 200 dpi for the PDF and for Word (SVG on request).

Each chart's margins are set from its measured label texts, not by matplotlib's constrained or
tight layout, which lay out every text again on each save: that was 0.6 s of a report's 1.1 s
of charts. In the SVG, texts stay texts in the report's own font family, drawn by WeasyPrint
with the bundled font; as outlines they were some 700 shapes per chart for WeasyPrint to draw."""

from __future__ import annotations

import io
import pickle
from dataclasses import fields
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from matplotlib import font_manager, rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PIL import Image

from grantreports.figures.budget import BudgetLineExecution
from grantreports.figures.context import Charts, IndicatorLine, MonthlyParticipants
from grantreports.figures.formatting import Formatter
from grantreports.figures.glyphs import drawable

WIDTH_INCHES = 6.7  # 170 mm: the text width of an A4 page with the templates' margins
PNG_DPI = 200
BLUE, LIGHT, RED, GREY = "#1d3f6e", "#b9c7dc", "#c0392b", "#555555"
GROUP_COLOURS = ["#1d3f6e", "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f", "#bab0ac"]
FONT = "Liberation Sans"  # the bundled font's own name, which matplotlib knows it by
PDF_FONT = "Report Sans"  # the same font's family in the PDF (templates/shared/report.css)
SIZE, SMALL = 8, 7  # points: labels; legend and value labels
PAD = 0.08  # inches between a label and what it labels, and at the figure's edges
LABEL_WIDTH = 2.5  # inches: a bar's label wider than this goes onto two lines
HEADROOM = 1.12  # the value axis reaches this far above the tallest bar, so that no bar touches the frame
# No dates, versions or random ids in the files: the same figures give the same bytes.
_STYLE = {
    "font.family": FONT,
    "font.size": SIZE,
    "svg.hashsalt": "grantreports",
    "svg.fonttype": "none",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": GREY,
    "axes.labelcolor": "#111111",
}
_METADATA = {"svg": {"Date": None, "Creator": None}, "png": {"Software": None}}


def draw_charts(
    charts: Charts, formatter: Formatter, labels: dict[str, str], fonts: Path, image_formats: tuple[str, ...]
) -> dict[str, dict[str, bytes | None]]:
    """For each of `image_formats` (svg, png), each chart's file bytes; None where there is nothing to draw.
    Each chart is laid out once and saved in every format."""
    _register_fonts(fonts)
    files = {f.name: _chart_files(f.name, getattr(charts, f.name), formatter, labels, fonts, image_formats) for f in fields(Charts)}
    return {fmt: {name: drawn and drawn[fmt] for name, drawn in files.items()} for fmt in image_formats}


# The files of the charts drawn last in this process, by everything they are drawn from: after an edit, preview
# draws again only the charts whose figures changed (each is 0.2-0.3 s). Charts are drawn the same from the same
# figures (no dates or random ids in the files), so a kept file is the file drawing it again would give.
_DRAWN: dict[bytes, dict[str, bytes | None]] = {}
_DRAWN_KEPT = 12


def _chart_files(
    name: str, figures: object, formatter: Formatter, labels: dict[str, str], fonts: Path, image_formats: tuple[str, ...]
) -> dict[str, bytes | None] | None:
    """One chart's file in each format (None: nothing to draw), drawn or as drawn before from the same figures."""
    if not figures:
        return None
    key = pickle.dumps((name, figures, vars(formatter), labels, str(fonts), image_formats), protocol=5)
    files = _DRAWN.pop(key, None)
    if files is None:
        figure = _DRAWERS[name](figures, formatter, labels)
        files = {fmt: figure and _save(figure, fmt) for fmt in image_formats}
    _DRAWN[key] = files  # the last used last: the first is the one to forget
    while len(_DRAWN) > _DRAWN_KEPT:
        del _DRAWN[next(iter(_DRAWN))]
    return files


@cache
def _register_fonts(fonts: Path) -> None:
    """The bundled fonts, once per process: the charts look the same on every machine."""
    for font in sorted(fonts.glob("*.ttf")):
        font_manager.fontManager.addfont(str(font))


def chart_figures(charts: Charts, formatter: Formatter, labels: dict[str, str]) -> dict[str, Figure | None]:
    return {f.name: getattr(charts, f.name) and _DRAWERS[f.name](getattr(charts, f.name), formatter, labels) for f in fields(Charts)}


def _save(figure: Figure, image_format: str) -> bytes:
    buffer = io.BytesIO()
    with rc_context(_STYLE):
        if image_format == "png":
            return _png(figure)
        figure.savefig(buffer, format=image_format, dpi=PNG_DPI, metadata=_METADATA[image_format])
    return buffer.getvalue().replace(f"font-family: '{FONT}'".encode(), f"font-family: '{PDF_FONT}'".encode())


def _png(figure: Figure) -> bytes:
    """The chart as an opaque PNG (RGB) at PNG_DPI. The charts are drawn on white: an alpha channel would
    carry nothing, and WeasyPrint would split it out into a mask image of its own, encoded again."""
    pixels = io.BytesIO()
    figure.savefig(pixels, format="rgba", dpi=PNG_DPI)
    width, height = (int(side * PNG_DPI) for side in figure.get_size_inches())
    image = Image.frombuffer("RGBA", (width, height), pixels.getvalue(), "raw", "RGBA", 0, 1).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(PNG_DPI, PNG_DPI))
    return buffer.getvalue()


def _figure(height: float) -> Figure:
    return Figure(figsize=(WIDTH_INCHES, height))


@cache
def _measuring_renderer() -> RendererAgg:
    return RendererAgg(1, 1, 720)


@lru_cache(maxsize=8192)
def _size(text: str, points: float = SIZE) -> tuple[float, float]:
    """Width and height in inches of `text` set in the charts' font; once per process for each text (a label is
    measured again and again while it is wrapped, and month names recur in every report)."""
    width, height, _ = _measuring_renderer().get_text_width_height_descent(text, FontProperties(family=FONT, size=points), ismath=False)
    return width / 720, height / 720


def _line(points: float = SIZE) -> float:
    return points * 1.4 / 72


def _place(figure: Figure, axes: Axes, left: float, bottom: float, right: float = PAD * 3, top: float = PAD * 2) -> None:
    """Put the axes `left`, `bottom`, `right` and `top` inches from the figure's edges."""
    width, height = figure.get_size_inches()
    axes.set_position((left / width, bottom / height, 1 - (left + right) / width, 1 - (bottom + top) / height))


def _legend(figure: Figure, columns: int) -> None:
    """The legend under the axes, centred at the figure's foot."""
    figure.legend(loc="lower center", bbox_to_anchor=(0.5, 0), ncols=columns, fontsize=SMALL, frameon=False, borderaxespad=PAD * 2)


def _legend_height(rows: int) -> float:
    return rows * _line(SMALL) + 2 * PAD


def _short(text: str, length: int = 48) -> str:
    """A label from the data: cut to `length`, with what the chart font cannot draw as a placeholder."""
    text = _drawable(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def _drawable(text: str) -> str:
    return drawable(text, (_font_file(),))


@cache
def _font_file() -> Path:
    """The charts' font file, looked up once per process (after _register_fonts)."""
    return Path(font_manager.findfont(FontProperties(family=FONT)))


def _wrapped(text: str, width: float = LABEL_WIDTH) -> str:
    """A bar's label from the data on one line, or on two broken at the space that balances them best
    when it is wider than `width` inches; cut with "…" only when two lines of `width` cannot hold it."""
    text = _drawable(text)
    if _size(text)[0] <= width:
        return text
    words = text.split(" ")
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    fitting = [pair for pair in splits if _size(pair[0])[0] <= width]
    if not fitting:
        return _fit(text, width)
    first, second = min(fitting, key=lambda pair: max(_size(pair[0])[0], _size(pair[1])[0]))
    return f"{first}\n{_fit(second, width)}"


def _fit(text: str, width: float) -> str:
    """`text` cut with "…" to `width` inches (a last resort, for labels longer than two lines)."""
    while len(text) > 1 and _size(text)[0] > width:
        text = text[:-2] + "…"
    return text


def _label_width(names: list[str]) -> float:
    return max(_size(line)[0] for name in names for line in name.split("\n"))


def _indicators(lines: list[IndicatorLine], formatter: Formatter, labels: dict[str, str]) -> Figure:
    """Progress to date of each indicator against its target (100 %)."""
    with rc_context(_STYLE):
        figure = _figure(0.9 + 0.38 * len(lines))
        axes = figure.add_subplot()
        names = [_wrapped(f"{line.code} {line.name}") for line in reversed(lines)]
        progress = [float(line.progress or 0) for line in reversed(lines)]
        values = [f"{formatter.number(line.achieved_to_date)} / {formatter.number(line.target)}" for line in reversed(lines)]
        bars = axes.barh(range(len(names)), progress, color=BLUE, height=0.6, label=labels["achieved"])
        axes.set_yticks(range(len(names)), names)
        axes.axvline(1.0, color=RED, linestyle="--", linewidth=1, label=labels["target"])
        limit = max(1.25, max(progress) * 1.2)
        axes.set_xlim(0, limit)
        left = _label_width(names) + 2 * PAD
        plot_width = WIDTH_INCHES - left - 3 * PAD
        # A value label starts right of its bar, or right of the target line where it would cross it.
        starts = [
            share if share >= 1 or (1 - share) * plot_width / limit > _size(value, SMALL)[0] + 2 * PAD else 1.0
            for share, value in zip(progress, values, strict=True)
        ]
        for bar, value, start in zip(bars, values, starts, strict=True):
            axes.annotate(
                value,
                (start, bar.get_y() + bar.get_height() / 2),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=SMALL,
                color="#111111",
            )
        axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _: formatter.percent(Decimal(str(round(x, 4))))))
        _legend(figure, 2)
        # the value labels right of the bars must fit in the figure: widen the right margin where one would not
        right = max(
            3 * PAD,
            *(_size(value, SMALL)[0] + 2 * PAD - plot_width * (1 - start / limit) for start, value in zip(starts, values, strict=True)),
        )
        _place(figure, axes, left, _line() + 2 * PAD + _legend_height(1), right)
    return figure


def _participants(monthly: MonthlyParticipants, formatter: Formatter, labels: dict[str, str]) -> Figure:
    """Participations per month, stacked by target group."""
    with rc_context(_STYLE):
        figure = _figure(3.0 + 0.15 * len(monthly.groups))
        axes = figure.add_subplot()
        positions = range(len(monthly.months))
        bottom = [0] * len(monthly.months)
        for index, (group, counts) in enumerate(zip(monthly.groups, monthly.counts, strict=True)):
            axes.bar(positions, counts, bottom=bottom, color=GROUP_COLOURS[index % len(GROUP_COLOURS)], label=_short(group, 40), width=0.75)
            bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
        step = max(1, len(monthly.months) // 12)
        axes.set_xticks(list(positions)[::step], [formatter.month(m) for m in monthly.months][::step], rotation=45, ha="right")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _: formatter.number(Decimal(int(y)))))
        axes.set_ylabel(labels["participants"])
        columns = min(3, len(monthly.groups))
        _legend(figure, columns)
        top_count = max(sum(counts) for counts in zip(*monthly.counts, strict=True)) if monthly.months else 0
        axes.set_ylim(0, max(top_count * HEADROOM, 1))
        number_width = _size(formatter.number(Decimal(int(top_count * 1.1))))[0]
        month_width, month_height = max((_size(formatter.month(m)) for m in monthly.months), default=(0, 0))
        rotated = (month_width + month_height) * 0.7071  # a label turned 45°
        rows = -(-len(monthly.groups) // columns)
        _place(figure, axes, _line() + number_width + 3 * PAD, rotated + 2 * PAD + _legend_height(rows))
    return figure


def _budget(lines: list[BudgetLineExecution], formatter: Formatter, labels: dict[str, str]) -> Figure:
    """Approved amount and spending to date of each budget line; lines over the funder's limit in red."""
    with rc_context(_STYLE):
        figure = _figure(1.0 + 0.42 * len(lines))
        axes = figure.add_subplot()
        names = [_wrapped(f"{line.code} {line.category}") for line in reversed(lines)]
        rows = range(len(lines))
        approved = [float(line.approved) for line in reversed(lines)]
        spent = [float(line.spent_to_date) for line in reversed(lines)]
        colours = [RED if line.flagged else BLUE for line in reversed(lines)]
        axes.barh([r + 0.2 for r in rows], approved, height=0.38, color=LIGHT, label=labels["approved"])
        axes.barh([r - 0.2 for r in rows], spent, height=0.38, color=colours, label=labels["spent"])
        axes.set_yticks(list(rows), names)
        axes.set_xlim(0, max(approved + spent, default=0) * HEADROOM or 1)
        axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _: formatter.number(Decimal(int(x)))))
        _legend(figure, 2)
        largest = formatter.number(Decimal(int(max(approved + spent, default=0))))
        _place(
            figure,
            axes,
            _label_width(names) + 2 * PAD,
            _line() + 2 * PAD + _legend_height(1),
            right=_size(largest)[0] / 2 + 2 * PAD,
        )  # the last tick label stands half over the axes' end
    return figure


_DRAWERS = {"indicators": _indicators, "participants": _participants, "budget": _budget}
