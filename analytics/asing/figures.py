"""The register of orang asing as a plotly bar chart per kecamatan, stacked by document status (pure function)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.views.figures import FONT, empty_figure
from analytics.asing.register import DOCUMENT_STATUSES

# Okabe–Ito: documented people in calm blue, the two statuses that raise the risk score in orange and vermilion.
STATUS_COLORS = {"lengkap": "#0072B2", "tidak_lengkap": "#E69F00", "tanpa_dokumen": "#D55E00"}


def document_status_figure(summary: pd.DataFrame, labels: dict[str, str] | None = None,
                           empty_message: str = "Tidak ada data register pada periode ini.") -> go.Figure:
    """Return a stacked bar chart: one trace per document status, one bar per kecamatan with anyone registered.

    summary is foreigners_summary's table (nama plus one column per status); labels name the statuses.
    With no one registered in the period it returns empty_figure(empty_message).
    """
    labels = {**DOCUMENT_STATUSES, **(labels or {})}
    if summary.empty or not set(DOCUMENT_STATUSES) <= set(summary.columns):
        return empty_figure(empty_message)
    counts = summary.set_index("nama")[list(DOCUMENT_STATUSES)].fillna(0)
    counts = counts[counts.sum(axis=1) > 0]
    if counts.empty:
        return empty_figure(empty_message)
    fig = go.Figure()
    for status in DOCUMENT_STATUSES:
        fig.add_trace(go.Bar(x=counts.index.tolist(), y=counts[status].astype(int).tolist(), name=labels[status],
                             marker_color=STATUS_COLORS[status]))
    fig.update_layout(barmode="stack", font=FONT, height=420, legend=dict(orientation="h", y=-0.25),
                      margin=dict(l=40, r=20, t=20, b=40), yaxis=dict(title=labels.get("_y", "Orang"), rangemode="tozero"))
    return fig
