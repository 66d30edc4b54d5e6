"""The figures page's chart, drawn on the server as an SVG (no script): for the territories where most students
search beyond the seats within their reach, two bars each, with their numbers written beside them.
Bar lengths are percentages of the SVG's width and its text is in pixels, so the text stays readable on a phone
(a viewBox would shrink it with the drawing)."""
from __future__ import annotations

from dataclasses import dataclass

from mps.domain.stages.figures.tables import Row

LABEL_H, BAR_H, GAP = 18, 14, 14
BAR_MAX_PCT = 62.0  # of the width: leaves room for the number after the longest bar on a 320 px screen
MAX_ROWS = 15


@dataclass(frozen=True)
class Bar:
    y: float
    pct: float  # length, in % of the chart's width
    value: int
    kind: str  # searching | in_reach


@dataclass(frozen=True)
class ChartRow:
    label: str
    label_y: float
    bars: tuple[Bar, Bar]


@dataclass(frozen=True)
class Chart:
    height: int
    rows: list[ChartRow]


def shortfall_chart(rows: list[Row]) -> Chart | None:
    """The MAX_ROWS rows whose searching students most outnumber the seats within reach; None when nowhere."""
    short = [r for r in rows if not r.total and (r.shortfall or 0) > 0]
    short.sort(key=lambda r: (-r.shortfall, r.label))
    short = short[:MAX_ROWS]
    if not short:
        return None
    top = max(max(r.values["searching"], r.values["in_reach"]) for r in short) or 1
    out, y = [], 0.0
    for r in short:
        label_y = y + LABEL_H - 4
        bars = (Bar(y + LABEL_H, BAR_MAX_PCT * r.values["searching"] / top, r.values["searching"], "searching"),
                Bar(y + LABEL_H + BAR_H + 2, BAR_MAX_PCT * r.values["in_reach"] / top, r.values["in_reach"],
                    "in_reach"))
        out.append(ChartRow(r.label, label_y, bars))
        y += LABEL_H + 2 * BAR_H + 2 + GAP
    return Chart(height=int(y), rows=out)
