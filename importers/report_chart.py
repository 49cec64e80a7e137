"""One layout for the bar charts of a report, drawn two ways from it: as SVG (HTML and PDF)
and as PNG (DOCX, with Pillow), so that both show the same bars.

Bars are horizontal, one group per label, one bar per series, with the value at the end
of each bar and a legend on top when there are several series.

>>> from graph.plan.report_model import Chart
>>> chart = Chart(1, "Ties", ["Europe", "Asia"], [("Ties", [4.0, 2.0])])
>>> svg = to_svg(chart)
>>> svg.startswith("<svg") and svg.count("<rect") == 2 and "Europe" in svg
True
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from html import escape
from pathlib import Path

from graph.plan.report_model import Chart

#: Colours of the series, in order (readable on white, told apart in grey print).
PALETTE = ("#1f5f8b", "#e07b39", "#4c9a6a", "#8c6bb1", "#c44e52")
LABEL_WIDTH = 220
WIDTH = 680
BAR = 14
GAP = 10
FONT = 11
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
)


@dataclass
class Shape:
    """A rectangle (``text`` is its tooltip) or a text (``anchor`` start, end) to draw."""

    kind: str
    x: float
    y: float
    width: float = 0.0
    height: float = 0.0
    colour: str = "#222222"
    text: str = ""
    anchor: str = "start"


def _short(text: str, most: int = 34) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _figure(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.1f}"


def layout(chart: Chart) -> tuple[int, int, list[Shape]]:
    """Width, height and the shapes of ``chart``.

    Parameters
    ----------
    chart : the chart of a report.
    """
    shapes: list[Shape] = []
    top = 8
    if len(chart.series) > 1:
        x = LABEL_WIDTH
        for i, (name, _) in enumerate(chart.series):
            colour = PALETTE[i % len(PALETTE)]
            shapes.append(Shape("rect", x, top, 12, 12, colour, name))
            shapes.append(Shape("text", x + 16, top + 10, text=name))
            x += 24 + 7 * len(name)
        top += 24
    values = [v for _, vs in chart.series for v in vs if v is not None]
    most = max([*values, 0.0]) or 1.0
    room = WIDTH - LABEL_WIDTH - 60
    group = BAR * len(chart.series) + GAP
    for row, label in enumerate(chart.labels):
        y = top + row * group
        middle = y + BAR * len(chart.series) / 2 + 4
        shapes.append(Shape("text", LABEL_WIDTH - 8, middle, text=_short(label), anchor="end"))
        for i, (name, vs) in enumerate(chart.series):
            value = vs[row] if row < len(vs) else None
            if value is None:
                continue
            width = max(room * max(value, 0.0) / most, 1.0)
            bar_y = y + i * BAR
            colour = PALETTE[i % len(PALETTE)]
            tip = f"{label} – {name}: {_figure(value)} {chart.unit}".strip()
            shapes.append(Shape("rect", LABEL_WIDTH, bar_y, width, BAR - 2, colour, tip))
            shapes.append(
                Shape("text", LABEL_WIDTH + width + 4, bar_y + BAR - 4, text=_figure(value))
            )
    height = int(top + max(len(chart.labels), 1) * group + 8)
    return WIDTH, height, shapes


def to_svg(chart: Chart) -> str:
    """``chart`` as an SVG element (text escaped; a ``title`` names it for screen readers).

    Parameters
    ----------
    chart : the chart of a report.
    """
    width, height, shapes = layout(chart)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="{FONT}">',
        f"<title>{escape(chart.caption)}</title>",
    ]
    for s in shapes:
        if s.kind == "rect":
            parts.append(
                f'<rect x="{s.x:.1f}" y="{s.y:.1f}" width="{s.width:.1f}" height="{s.height:.1f}" '
                f'fill="{s.colour}"><title>{escape(s.text)}</title></rect>'
            )
        else:
            parts.append(
                f'<text x="{s.x:.1f}" y="{s.y:.1f}" text-anchor="{s.anchor}" fill="{s.colour}">'
                f"{escape(s.text)}</text>"
            )
    return "".join(parts) + "</svg>"


def _font(size: int):
    from PIL import ImageFont

    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def to_png(chart: Chart, scale: int = 2) -> bytes:
    """``chart`` as a PNG image (the same layout as :func:`to_svg`, ``scale`` times larger).

    Parameters
    ----------
    chart : the chart of a report.
    scale : pixels per SVG unit.
    """
    from PIL import Image, ImageDraw

    width, height, shapes = layout(chart)
    image = Image.new("RGB", (width * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    font = _font(FONT * scale)
    for s in shapes:
        if s.kind == "rect":
            box = (s.x * scale, s.y * scale, (s.x + s.width) * scale, (s.y + s.height) * scale)
            draw.rectangle(box, fill=s.colour)
        else:
            anchor = "rs" if s.anchor == "end" else "ls"
            draw.text((s.x * scale, s.y * scale), s.text, fill=s.colour, font=font, anchor=anchor)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
