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

from analytics.risk.backtest import MODELS, BacktestResult
from analytics.i18n.catalog import DEFAULT_LANG, t

# The Indonesian names, for callers that need no translation; the words themselves live in i18n_pages.
MODEL_LABELS = {model: t(f"acc_model_{model}") for model in MODELS}
METRICS = ("ap", "p_at_k", "r_at_k", "brier")
METRIC_LABELS = {metric: t(f"acc_metric_{metric}") for metric in METRICS}
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


def model_label(model: str, lang: str = DEFAULT_LANG) -> str:
    """Return the name of a model (skor, bulan_lalu, rata_12) in lang."""
    return t(f"acc_model_{model}", lang)


def format_percent(value: float) -> str:
    """Return a share as a whole percent ('43%'), or '–' when it cannot be measured."""
    return "–" if value is None or np.isnan(value) else f"{value * 100:.0f}%"


def describe_recall(summary: RecallSummary, lang: str = DEFAULT_LANG) -> str:
    """Return the plain-words headline of the backtest in lang, with the numbers computed."""
    if summary.months == 0:
        return t("acc_no_months", lang)
    if summary.positives == 0:
        return t("acc_no_positives", lang, months=summary.months, first=summary.first_month, last=summary.last_month)
    span = t("acc_span_many" if summary.months > 1 else "acc_span_one", lang)
    shares = {model: format_percent(summary.share[model]) for model in MODELS}
    return t("acc_headline", lang, months=summary.months, span=span, first=summary.first_month,
             last=summary.last_month, k=summary.top_k, positives=summary.positives, **shares)


def verdict(summary: RecallSummary, lang: str = DEFAULT_LANG) -> str:
    """Return one sentence in lang saying whether the score beats the simpler 'last month' ranking."""
    score, naive = summary.share.get("skor", float("nan")), summary.share.get("bulan_lalu", float("nan"))
    if summary.positives == 0 or np.isnan(score) or np.isnan(naive):
        return ""
    diff = (score - naive) * 100
    if abs(diff) < 1:
        return t("acc_same", lang)
    if diff > 0:
        return t("acc_better", lang, diff=f"{diff:.0f}")
    return t("acc_worse", lang, diff=f"{-diff:.0f}")


def accuracy_table(result: BacktestResult, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Return models (rows, names in lang) × metrics averaged over all backtest months."""
    avg = result.averages.iloc[0]
    rows = []
    for model in MODELS:
        row = {t("acc_col_model", lang): model_label(model, lang)}
        for metric in METRICS:
            row[t(f"acc_metric_{metric}", lang, k=result.top_k)] = avg.get(f"{model}_{metric}", float("nan"))
        rows.append(row)
    return pd.DataFrame(rows)


def monthly_table(result: BacktestResult, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Return the month-by-month backtest with column names in lang (newest month first)."""
    monthly = result.monthly
    out = pd.DataFrame({t("acc_col_month", lang): monthly["bulan"], t("acc_col_positives", lang): monthly["positif"]})
    for model in MODELS:
        out[t("acc_col_recall", lang, k=result.top_k, model=model_label(model, lang))] = monthly[f"{model}_r_at_k"]
    out[t("acc_col_ap", lang, model=model_label("skor", lang))] = monthly["skor_ap"]
    return out.iloc[::-1].reset_index(drop=True)


def accuracy_figure(result: BacktestResult, lang: str = DEFAULT_LANG) -> go.Figure:
    """Return a line chart of the monthly share caught in the top k, one line per model (labels in lang)."""
    monthly = result.monthly
    fig = go.Figure()
    for model in MODELS:
        fig.add_trace(go.Scatter(
            x=monthly["bulan"], y=monthly[f"{model}_r_at_k"] * 100, mode="lines+markers", name=model_label(model, lang),
            line=dict(color=MODEL_COLOURS[model], width=3 if model == "skor" else 2,
                      dash="solid" if model == "skor" else "dot"),
            hovertemplate="%{x}: %{y:.0f}%<extra>" + model_label(model, lang) + "</extra>",
        ))
    fig.update_layout(
        yaxis=dict(title=t("acc_axis_share", lang, k=result.top_k), range=[0, 105]),
        xaxis=dict(title=t("acc_col_month", lang), type="category"), legend=dict(orientation="h", y=-0.25), height=420,
        margin=dict(l=60, r=20, t=20, b=80),
    )
    return fig
