"""The Akurasi page's words, table and chart, from the monthly backtest (analytics/backtest.py).

The headline is a pooled share: of all desa that had kejadian in the last 12 backtest months, how
many were among the 10 the score put on top at the start of their month — the question a
Kesbangpol officer asks ("if we had visited the top 10, how many of the real cases would we have
been at?"). A month-by-month average would let quiet months with one positive weigh as much as busy ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.backtest import MODELS, BacktestResult

MODEL_LABELS = {"skor": "Skor risiko", "bulan_lalu": "Pembanding: bulan lalu", "rata_12": "Pembanding: rata-rata 12 bulan"}
METRIC_LABELS = {
    "ap": "Presisi rata-rata (AP)",
    "p_at_k": "Presisi @{k}",
    "r_at_k": "Cakupan @{k}",
    "brier": "Skor Brier (makin kecil makin baik)",
}
MODEL_COLOURS = {"skor": "#0072B2", "bulan_lalu": "#D55E00", "rata_12": "#7F7F7F"}


@dataclass(frozen=True)
class RecallSummary:
    """Pooled share of desa-with-kejadian caught in the top k, per model, over the last months."""

    months: int  # backtest months counted
    first_month: str | None
    last_month: str | None
    positives: int  # desa-months with ≥ 1 kejadian
    top_k: int
    share: dict[str, float]  # model → caught / positives (NaN when positives == 0)


def summarise_recall(result: BacktestResult, months: int = 12) -> RecallSummary:
    """Return, per model, the share of desa with kejadian that its top k held, pooled over the last months."""
    recent = result.monthly.tail(months)
    positives = int(recent["positif"].sum()) if len(recent) else 0
    share = {}
    for model in MODELS:
        # r@k of a month × its positives = how many of that month's desa the top k caught.
        caught = float(np.nansum(recent[f"{model}_r_at_k"] * recent["positif"])) if len(recent) else 0.0
        share[model] = caught / positives if positives else float("nan")
    return RecallSummary(
        months=len(recent),
        first_month=str(recent["bulan"].iloc[0]) if len(recent) else None,
        last_month=str(recent["bulan"].iloc[-1]) if len(recent) else None,
        positives=positives,
        top_k=result.top_k,
        share=share,
    )


def format_percent(value: float) -> str:
    """Return a share as a whole percent ('43%'), or '–' when it cannot be measured."""
    return "–" if value is None or np.isnan(value) else f"{value * 100:.0f}%"


def describe_recall(summary: RecallSummary) -> str:
    """Return the plain-words headline of the backtest (Indonesian), with the numbers computed."""
    if summary.months == 0:
        return "Belum cukup data untuk menguji skor: perlu kejadian selama lebih dari satu bulan."
    if summary.positives == 0:
        return (f"Dalam {summary.months} bulan yang diuji ({summary.first_month} s.d. {summary.last_month}) tidak "
                "ada desa yang mengalami kejadian, jadi ketepatan skor belum dapat diukur.")
    span = "bulan terakhir" if summary.months > 1 else "bulan terakhir yang diuji"
    return (
        f"Dalam {summary.months} {span} ({summary.first_month} s.d. {summary.last_month}), "
        f"{summary.top_k} desa teratas menurut skor memuat {format_percent(summary.share['skor'])} dari desa yang "
        f"benar-benar mengalami kejadian ({summary.positives} desa-bulan); pembanding 'bulan lalu' "
        f"{format_percent(summary.share['bulan_lalu'])}, pembanding 'rata-rata 12 bulan' {format_percent(summary.share['rata_12'])}."
    )


def verdict(summary: RecallSummary) -> str:
    """Return one sentence saying whether the score beats the simpler 'last month' ranking."""
    score, naive = summary.share.get("skor", float("nan")), summary.share.get("bulan_lalu", float("nan"))
    if summary.positives == 0 or np.isnan(score) or np.isnan(naive):
        return ""
    diff = (score - naive) * 100
    if abs(diff) < 1:
        return "Skor risiko sama baiknya dengan pembanding 'bulan lalu'."
    if diff > 0:
        return f"Skor risiko menangkap {diff:.0f} poin persen lebih banyak daripada pembanding 'bulan lalu'."
    return (f"Skor risiko menangkap {-diff:.0f} poin persen lebih sedikit daripada pembanding 'bulan lalu'; "
            "tinjau bobot skor di halaman Pengaturan.")


def accuracy_table(result: BacktestResult) -> pd.DataFrame:
    """Return models (rows, Indonesian names) × metrics averaged over all backtest months."""
    avg = result.averages.iloc[0]
    rows = []
    for model in MODELS:
        row = {"Model": MODEL_LABELS[model]}
        for metric, label in METRIC_LABELS.items():
            row[label.format(k=result.top_k)] = avg.get(f"{model}_{metric}", float("nan"))
        rows.append(row)
    return pd.DataFrame(rows)


def monthly_table(result: BacktestResult) -> pd.DataFrame:
    """Return the month-by-month backtest with Indonesian column names (newest month first)."""
    monthly = result.monthly
    out = pd.DataFrame({"Bulan": monthly["bulan"], "Desa dengan kejadian": monthly["positif"]})
    for model in MODELS:
        out[f"Cakupan @{result.top_k} — {MODEL_LABELS[model]}"] = monthly[f"{model}_r_at_k"]
    out[f"AP — {MODEL_LABELS['skor']}"] = monthly["skor_ap"]
    return out.iloc[::-1].reset_index(drop=True)


def accuracy_figure(result: BacktestResult) -> go.Figure:
    """Return a line chart of the monthly share caught in the top k, one line per model."""
    monthly = result.monthly
    fig = go.Figure()
    for model in MODELS:
        fig.add_trace(go.Scatter(
            x=monthly["bulan"], y=monthly[f"{model}_r_at_k"] * 100, mode="lines+markers", name=MODEL_LABELS[model],
            line=dict(color=MODEL_COLOURS[model], width=3 if model == "skor" else 2,
                      dash="solid" if model == "skor" else "dot"),
            hovertemplate="%{x}: %{y:.0f}%<extra>" + MODEL_LABELS[model] + "</extra>",
        ))
    fig.update_layout(
        yaxis=dict(title=f"% desa berkejadian di {result.top_k} teratas", range=[0, 105]),
        xaxis=dict(title="Bulan", type="category"), legend=dict(orientation="h", y=-0.25), height=420,
        margin=dict(l=60, r=20, t=20, b=80),
    )
    return fig
