"""Horizontal bar charts as inline SVG, drawn on the server (no script, no fonts beyond the report's)."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

ASSESSMENT_COLOURS = {"very_good": "#2f6f3e", "good": "#8cc084", "bad": "#e8a33d", "very_bad": "#b3261e"}
ANSWER_COLOURS = {"yes": "#3b6ea5", "no": "#b3261e", "na": "#a6a6a6"}
DEFAULT_COLOUR = "#3b6ea5"
FONT = "DejaVu Sans"


@dataclass(frozen=True)
class Bar:
    label: str
    share: float  # per cent, 0 to 100
    text: str  # what is written at the end of the bar
    colour: str = DEFAULT_COLOUR


def _fit(label: str, width: int, font_size: float) -> str:
    """Cut a label to what fits in `width` pixels (DejaVu Sans averages ~0.6 em a character)."""
    most = max(int(width / (font_size * 0.6)), 4)
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"


def bar_chart(bars: list[Bar], *, width: int = 600, label_width: int = 200, row: int = 22) -> SafeString:
    """One bar a row on a 0-100 per cent scale, gridlines every 25 per cent, the value after each bar."""
    font_size = 10
    top, text_room = 16, 64
    plot = width - label_width - text_room
    height = top + row * len(bars) + 4
    grid = format_html_join(
        "",
        '<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="#d5d9de" stroke-width="0.6"/>'
        '<text x="{x}" y="10" font-size="8.5" fill="#667" text-anchor="middle">{tick}</text>',
        (
            {"x": round(label_width + plot * tick / 100, 1), "top": top - 2, "bottom": height - 2, "tick": tick}
            for tick in (0, 25, 50, 75, 100)
        ),
    )
    rows = format_html_join(
        "",
        '<text x="{label_x}" y="{text_y}" font-size="{size}" text-anchor="end" fill="#1a1a1a">{label}</text>'
        '<rect x="{x}" y="{y}" width="{bar}" height="{bar_height}" fill="{colour}"/>'
        '<text x="{value_x}" y="{text_y}" font-size="{size}" fill="#1a1a1a">{text}</text>',
        (
            {
                "label_x": label_width - 6,
                "text_y": top + i * row + row * 0.62,
                "size": font_size,
                "label": _fit(bar.label, label_width - 10, font_size),
                "x": label_width,
                "y": top + i * row + 3,
                "bar": round(plot * min(max(bar.share, 0), 100) / 100, 1),
                "bar_height": row - 6,
                "colour": bar.colour,
                "value_x": round(label_width + plot * min(max(bar.share, 0), 100) / 100 + 4, 1),
                "text": bar.text,
            }
            for i, bar in enumerate(bars)
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        'font-family="{font}">{grid}{rows}</svg>',
        w=width,
        h=height,
        font=FONT,
        grid=grid,
        rows=rows,
    )
