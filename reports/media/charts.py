"""Stacked bars of coverage: one bar a subject, its length the subject's share of the outlet's coverage, split
into positive, neutral and negative. Inline SVG drawn on the server, like the other charts of the reports."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from reports.documents.render.charts import FONT, _fit
from reports.media.selectors import TONES, OutletCoverage

TONE_COLOURS = {"positive": "#2f6f3e", "neutral": "#a6a6a6", "negative": "#b3261e"}


@dataclass(frozen=True)
class StackedBar:
    label: str
    parts: tuple[tuple[str, float], ...]  # (tone, per cent of the outlet's coverage), in drawing order
    text: str  # written after the bar


def stacked_bar_chart(bars: list[StackedBar], *, width: int = 600, label_width: int = 190, row: int = 20) -> SafeString:
    """Scaled to the longest bar (rounded up to the next 10 per cent) so that small shares stay readable."""
    font_size, top, text_room = 9.5, 16, 56
    plot = width - label_width - text_room
    longest = max((sum(share for _, share in bar.parts) for bar in bars), default=0)
    scale = max(10, min(100, -(-longest // 10) * 10))
    height = top + row * len(bars) + 4
    ticks = [round(scale * step / 4, 1) for step in range(5)]
    grid = format_html_join(
        "",
        '<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="#d5d9de" stroke-width="0.6"/>'
        '<text x="{x}" y="10" font-size="8" fill="#667" text-anchor="middle">{tick}</text>',
        (
            {
                "x": round(label_width + plot * tick / scale, 1),
                "top": top - 2,
                "bottom": height - 2,
                "tick": f"{tick:g}",
            }
            for tick in ticks
        ),
    )
    segments, labels = [], []
    for i, bar in enumerate(bars):
        y = top + i * row
        x = float(label_width)
        for tone, share in bar.parts:
            length = plot * share / scale
            if length > 0:
                segments.append((round(x, 2), y + 3, round(length, 2), row - 6, TONE_COLOURS[tone]))
            x += length
        labels.append(
            {
                "label_x": label_width - 6,
                "text_y": y + row * 0.65,
                "label": _fit(bar.label, label_width - 10, font_size),
                "value_x": round(x + 4, 1),
                "text": bar.text,
                "size": font_size,
            }
        )
    rects = format_html_join("", '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>', segments)
    texts = format_html_join(
        "",
        '<text x="{label_x}" y="{text_y}" font-size="{size}" text-anchor="end" fill="#1a1a1a">{label}</text>'
        '<text x="{value_x}" y="{text_y}" font-size="{size}" fill="#1a1a1a">{text}</text>',
        labels,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        'font-family="{font}">{grid}{rects}{texts}</svg>',
        w=width,
        h=height,
        font=FONT,
        grid=grid,
        rects=rects,
        texts=texts,
    )


def coverage_chart(coverage: OutletCoverage, *, language: str, share_text) -> SafeString:
    """One outlet's subjects as stacked bars; `share_text(share)` writes the share after each bar."""
    return stacked_bar_chart(
        [
            StackedBar(
                row.subject.label(language),
                tuple((tone, row.share * row.tones[tone] / row.amount) for tone in TONES),
                share_text(row.share),
            )
            for row in coverage.rows
        ],
        label_width=250,
    )
