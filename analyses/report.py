"""The HTML report of a workbench session: per analysis its inputs, parameters, maps, 3D view, charts and
tables, in one self-contained file (images embedded), ready for a bureau memo or a class."""
from __future__ import annotations

import base64
import datetime as dt
import html
import io
import os
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

STYLE = """
body { font-family: 'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', sans-serif; max-width: 1100px; margin: 2em auto;
       color: #222; line-height: 1.5; }
h1 { border-bottom: 3px solid #1f6f8b; padding-bottom: .3em; }
h2 { color: #1f6f8b; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .5em 0 1em; font-size: 90%; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: right; }
th { background: #eef5f8; } td:first-child, th:first-child { text-align: left; }
figure { display: inline-block; margin: .5em 1em .5em 0; vertical-align: top; }
figure img { max-width: 520px; border: 1px solid #ddd; } figcaption { font-size: 85%; color: #555; }
.meta { color: #555; font-size: 90%; }
"""


@dataclass
class Section:
    """One analysis in the report."""

    key: str
    title: str
    summary: str = ""
    inputs: dict = field(default_factory=dict)
    parameters: dict = field(default_factory=dict)
    images: list[tuple[str, str]] = field(default_factory=list)   # (PNG path, caption)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    charts: list[tuple[str, Any]] = field(default_factory=list)  # (caption, matplotlib figure)
    notes: list[str] = field(default_factory=list)


def write_report(path: str, title: str, sections: list[Section], subtitle: str = "") -> str:
    """Write the report; images and charts are embedded so the file travels alone."""
    parts = [f"<!DOCTYPE html><html lang='ja'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
             f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>",
             f"<p class='meta'>{html.escape(subtitle)} — {dt.datetime.now():%Y-%m-%d %H:%M}</p>",
             "<nav><ol>" + "".join(f"<li><a href='#{s.key}'>{html.escape(s.title)}</a></li>" for s in sections)
             + "</ol></nav>"]
    for section in sections:
        parts.append(_section(section))
    parts.append("</body></html>")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(parts))
    return path


def _section(section: Section) -> str:
    out = [f"<section id='{section.key}'><h2>{html.escape(section.title)}</h2>"]
    if section.summary:
        out.append(f"<p>{html.escape(section.summary)}</p>")
    for label, values in (("Inputs / 入力", section.inputs), ("Parameters / パラメータ", section.parameters)):
        if values:
            out.append(f"<h3>{label}</h3>" + _table(pd.DataFrame({"": list(values), "value": list(values.values())})))
    if section.images or section.charts:
        out.append("<h3>Maps, 3D view and charts / 地図・3D・グラフ</h3>")
        for image, caption in section.images:
            if os.path.exists(image):
                with open(image, "rb") as stream:
                    out.append(_figure(_data_uri(stream.read()), caption))
        for caption, figure in section.charts:
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
            out.append(_figure(_data_uri(buffer.getvalue()), caption))
    for caption, table in section.tables:
        out.append(f"<h3>{html.escape(caption)}</h3>" + _table(table))
    for note in section.notes:
        out.append(f"<p class='meta'>{html.escape(note)}</p>")
    out.append("</section>")
    return "\n".join(out)


def _table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, float_format=lambda v: f"{v:,.2f}", border=0, escape=True)


def _figure(uri: str, caption: str) -> str:
    text = html.escape(caption)
    return f"<figure><img src='{uri}' alt='{text}'><figcaption>{text}</figcaption></figure>"


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def bar_chart(labels: list[str], values: list[float], ylabel: str, title: str = ""):
    """A simple bar chart figure (matplotlib, headless)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    figure, axis = plt.subplots(figsize=(6, 3.2))
    axis.bar([str(label) for label in labels], values, color="#1f6f8b")
    axis.set_ylabel(ylabel)
    if title:
        axis.set_title(title)
    axis.tick_params(axis="x", rotation=30)
    figure.tight_layout()
    plt.close(figure)
    return figure


def histogram(values, bins: int, xlabel: str, title: str = ""):
    """A histogram figure of the finite values."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    data = np.asarray(values, dtype=float)
    figure, axis = plt.subplots(figsize=(6, 3.2))
    axis.hist(data[np.isfinite(data)], bins=bins, color="#1f6f8b")
    axis.set_xlabel(xlabel)
    axis.set_ylabel("cells")
    if title:
        axis.set_title(title)
    figure.tight_layout()
    plt.close(figure)
    return figure
