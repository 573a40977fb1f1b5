"""Accessible charts drawn on the server as SVG (no Django, no JavaScript; docs/adr/0037).

Each chart is an `<svg role="img">` named by its own `<title>` and described by its `<desc>`
(aria-labelledby both), drawn in GOV.UK blue (#1d70b8, 5.2:1 on white) with black text, and
never relies on colour: every bar and point carries its value as text, and a value that is
not shown (a small number hidden, or no figure) is written as such instead of being drawn.
The page puts the table with the same figures beside the chart, and `summary` gives a sentence
for the text around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

BLUE = "#1d70b8"
TEXT = "#0b0c0c"
GRID = "#b1b4b6"
FONT = 'font-family="GDS Transport, arial, sans-serif"'


@dataclass(frozen=True)
class Point:
    """One bar or point: its label, its value as a share from 0 to 1 (None: not drawn) and
    the text written beside it (e.g. "45%", or "not shown")."""

    label: str
    value: float | None
    text: str


def _open(chart_id: str, title: str, desc: str, width: int, height: int) -> list[str]:
    t, d = f"{chart_id}-title", f"{chart_id}-desc"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(t)} {escape(d)}" viewBox="0 0 {width} {height}" width="100%" '
        'focusable="false">',  # no style attribute: the content security policy forbids inline styles
        f'<title id="{escape(t)}">{escape(title)}</title>',
        f'<desc id="{escape(d)}">{escape(desc)}</desc>',
    ]


def _clip(label: str, chars: int) -> str:
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "\u2026"


def _tick(tick: float, scale: int | None) -> str:
    """An axis label: a share (0%, 50%, 100%), or on a chart of counts or days up to `scale`, the number."""
    return f"{tick:.0%}" if scale is None else f"{tick * scale:g}"


def bar_chart(
    chart_id: str, title: str, desc: str, points: Sequence[Point], *, scale: int | None = None
) -> str:
    """Horizontal bars, one per point, from 0 to 100% (or, with `scale`, from 0 to that number:
    each point's value is then its share of it), each with its value written after it."""
    label_w, bar_w, row_h, top = 300, 260, 30, 10
    width = label_w + bar_w + 110
    height = top + row_h * max(len(points), 1) + 30
    out = _open(chart_id, title, desc, width, height)
    for tick in (0, 0.5, 1):
        x = label_w + bar_w * tick
        out.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - 24}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{height - 8}" {FONT} font-size="13" fill="{TEXT}" text-anchor="middle">{_tick(tick, scale)}</text>'
        )
    for i, p in enumerate(points):
        y = top + i * row_h
        out.append(
            f'<text x="{label_w - 8}" y="{y + 19}" {FONT} font-size="14" fill="{TEXT}" text-anchor="end">'
            f"{escape(_clip(p.label, 40))}</text>"
        )
        end = float(label_w)
        if p.value is not None:
            w = bar_w * max(0.0, min(1.0, p.value))
            out.append(
                f'<rect x="{label_w}" y="{y + 5}" width="{w:.1f}" height="{row_h - 10}" fill="{BLUE}"/>'
            )
            end = label_w + w
        out.append(
            f'<text x="{end + 6:.1f}" y="{y + 19}" {FONT} font-size="14" fill="{TEXT}">{escape(p.text)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def line_chart(
    chart_id: str, title: str, desc: str, points: Sequence[Point], *, scale: int | None = None
) -> str:
    """A line from 0 to 100% (or, with `scale`, from 0 to that number) across the points in
    order, a marker and its value at each; a point with no value breaks the line and is
    written as its text on the axis."""
    left, right, top, bottom = 50, 20, 20, 60
    plot_w, plot_h = max(60 * len(points), 300), 200
    width, height = left + plot_w + right, top + plot_h + bottom
    out = _open(chart_id, title, desc, width, height)
    for tick in (0, 0.5, 1):
        y = top + plot_h * (1 - tick)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" {FONT} font-size="12" fill="{TEXT}" text-anchor="end">{_tick(tick, scale)}</text>'
        )
    step = plot_w / max(len(points), 1)
    segment: list[str] = []
    marks: list[str] = []
    for i, p in enumerate(points):
        x = left + step * (i + 0.5)
        out.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 18}" {FONT} font-size="12" fill="{TEXT}" text-anchor="middle">'
            f"{escape(_clip(p.label, 10))}</text>"
        )
        if p.value is None:
            if len(segment) > 1:
                out.append(_polyline(segment))
            segment = []
            out.append(
                f'<text x="{x:.1f}" y="{top + plot_h - 6}" {FONT} font-size="11" fill="{TEXT}" text-anchor="middle">'
                f"{escape(_clip(p.text, 12))}</text>"
            )
            continue
        y = top + plot_h * (1 - max(0.0, min(1.0, p.value)))
        segment.append(f"{x:.1f},{y:.1f}")
        marks.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{BLUE}"/>')
        marks.append(
            f'<text x="{x:.1f}" y="{y - 9:.1f}" {FONT} font-size="12" fill="{TEXT}" text-anchor="middle">{escape(p.text)}</text>'
        )
    if len(segment) > 1:
        out.append(_polyline(segment))
    out += marks
    out.append("</svg>")
    return "\n".join(out)


def _polyline(points: list[str]) -> str:
    return f'<polyline points="{" ".join(points)}" fill="none" stroke="{BLUE}" stroke-width="3"/>'


def summary(points: Sequence[Point], what: str) -> str:
    """A sentence for the text beside a chart: the highest and lowest shown, and how many are
    not shown."""
    shown = [p for p in points if p.value is not None]
    hidden = len(points) - len(shown)
    if not shown:
        return f"No {what} can be shown for this selection."
    high = max(shown, key=lambda p: p.value or 0.0)
    low = min(shown, key=lambda p: p.value or 0.0)
    if len(shown) > 1 and not high.value:  # nothing to rank: "the highest is ... (0)" would mislead
        text = f"Every {what} that can be shown is {high.text}."
    else:
        text = f"The highest {what} is {high.label} ({high.text})"
        text += f" and the lowest is {low.label} ({low.text})." if low is not high else "."
    if hidden:
        text += f" {hidden} {'is' if hidden == 1 else 'are'} not shown, to protect small numbers or where there is no figure."
    return text


def count_points(pairs: Sequence[tuple[str, int | str]]) -> tuple[list[Point], int]:
    """Points for a chart of counts (or days) as a page shows them: a number is drawn against
    the largest, words ("fewer than 5", "not shown") are written, not drawn. Returns the points
    and the axis's top (the largest number, at least 2)."""
    numbers = [v for _, v in pairs if isinstance(v, int)]
    high = max([*numbers, 2])  # an axis of whole numbers: 0, 1, 2 at least
    return [Point(label, v / high if isinstance(v, int) else None, str(v)) for label, v in pairs], high


def point(label: str, rate: object) -> Point:
    """A point from a rate as the pages show it: a disclosure.Percent (drawn) or the words
    that stand for it ("Not shown", "No figure"), which are written, not drawn."""
    value = getattr(rate, "value", None)
    return Point(label, float(value) if isinstance(value, float | int) else None, str(rate))
