"""``load-report.html``: one self-contained page of charts (inline SVG, no network).

Charts: certificates per second, latency percentiles per operation, delivery to
acknowledgement time, queue depth, worker count and process memory over time.
The series are also embedded as JSON in a ``<script type="application/json">``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["HTML_FILE", "Series", "write_load_html"]

HTML_FILE = "load-report.html"
Series = Mapping[str, Sequence[tuple[float, float]]]
"""Line name -> (seconds, value) points."""

_WIDTH, _HEIGHT, _PAD = 640, 220, 40
_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
_STYLE = (
    "body{font-family:sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}"
    "svg{background:#fafafa;border:1px solid #ddd;margin:0 0 1.5em}"
)


def write_load_html(
    directory: Path, summary: Mapping[str, Any], charts: Mapping[str, Series]
) -> Path:
    """Write the page into ``directory``; ``charts`` maps a title to its lines."""
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        "<title>ePhyto hub load report</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>ePhyto hub load report</h1>",
        _summary_table(summary),
    ]
    for title, series in charts.items():
        parts.append(f"<h2>{html.escape(title)}</h2>")
        parts.append(_chart(series))
    data = json.dumps({"summary": summary, "charts": charts}).replace("</", "<\\/")
    parts.append(f"<script type='application/json' id='load-data'>{data}</script>")
    parts.append("</body></html>")
    path = directory / HTML_FILE
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def _summary_table(summary: Mapping[str, Any]) -> str:
    rows = [
        f"<tr><th>{html.escape(key)}</th><td>{html.escape(str(value))}</td></tr>"
        for key, value in summary.items()
        if not isinstance(value, dict | list)
    ]
    return "<table>" + "".join(rows) + "</table>"


def _chart(series: Series) -> str:
    points = [point for line in series.values() for point in line]
    if not points:
        return "<p>no data</p>"
    x_max = max(x for x, _ in points) or 1.0
    y_max = max(y for _, y in points) or 1.0
    inner_w, inner_h = _WIDTH - 2 * _PAD, _HEIGHT - 2 * _PAD

    def scale(x: float, y: float) -> str:
        left = _PAD + x / x_max * inner_w
        top = _HEIGHT - _PAD - y / y_max * inner_h
        return f"{left:.1f},{top:.1f}"

    body = [
        f"<svg width='{_WIDTH}' height='{_HEIGHT}'>",
        (
            f"<line x1='{_PAD}' y1='{_HEIGHT - _PAD}' x2='{_WIDTH - _PAD}' "
            f"y2='{_HEIGHT - _PAD}' stroke='#888'/>"
        ),
        (
            f"<line x1='{_PAD}' y1='{_PAD}' x2='{_PAD}' y2='{_HEIGHT - _PAD}' "
            "stroke='#888'/>"
        ),
        f"<text x='2' y='{_PAD - 8}' font-size='11'>{y_max:.4g}</text>",
        (
            f"<text x='{_WIDTH - _PAD - 30}' y='{_HEIGHT - 8}' font-size='11'>"
            f"{x_max:.0f} s</text>"
        ),
    ]
    for index, (name, line) in enumerate(series.items()):
        colour = _COLOURS[index % len(_COLOURS)]
        coordinates = " ".join(scale(x, y) for x, y in line)
        body.append(
            f"<polyline fill='none' stroke='{colour}' stroke-width='1.5' "
            f"points='{coordinates}'/>"
        )
        body.append(
            f"<text x='{_PAD + 10 + 150 * index}' y='{_PAD - 8}' font-size='11' "
            f"fill='{colour}'>{html.escape(name)}</text>"
        )
    body.append("</svg>")
    return "".join(body)
