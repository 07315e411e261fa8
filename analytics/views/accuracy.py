"""The Akurasi page's and the backtest command's words, tables and figures, from analytics/risk/backtest.py.

The verdict compares the model with the BEST of the three baselines (by mean AP) and says plainly
when the model does not beat it: better only when the bootstrap interval of the AP difference lies
above zero. Nothing here invites tuning against the backtest: the model's choices are made inside
each training window (docs/risk.md). The words are in analytics/i18n/messages/<lang>/akurasi.json.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.i18n.catalog import DEFAULT_LANG, t
from analytics.risk.backtest import BASELINES, MODEL, MODELS, ForecastBacktest
from analytics.views.plain_words import month_label, month_ticks

MODEL_COLOURS = {MODEL: "#0072B2", "bulan_lalu": "#D55E00", "rata_12": "#7F7F7F", "klimatologi": "#CC79A7"}


def model_label(model: str, lang: str = DEFAULT_LANG) -> str:
    """Return the name of a model (model, bulan_lalu, rata_12, klimatologi) in lang."""
    return t(f"fc_model_{model}", lang)


def _num(value: float, digits: int = 3, sign: bool = False, lang: str = DEFAULT_LANG) -> str:
    text = "–" if value is None or np.isnan(value) else f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "id" else text


def verdict(result: ForecastBacktest, lang: str = DEFAULT_LANG) -> tuple[str, bool]:
    """Return (the sentence comparing the model with the best baseline in lang, True when the model is better)."""
    best = result.best_baseline
    row = result.comparison.loc[best]
    values = {"best": model_label(best, lang), "model_ap": _num(result.summary.loc[MODEL, "ap"], lang=lang),
                  "base_ap": _num(result.summary.loc[best, "ap"], lang=lang),
                  "diff": _num(row["selisih_ap"], sign=True, lang=lang), "lo": _num(row["bawah"], sign=True, lang=lang),
                  "hi": _num(row["atas"], sign=True, lang=lang), "won": int(row["bulan_menang"]), "months": int(row["bulan"])}
    if row["selisih_ap"] > 0 and row["bawah"] > 0:
        return t("fc_better", lang, **values), True
    if row["selisih_ap"] > 0:
        return t("fc_unproven", lang, **values), False
    return t("fc_worse", lang, **values), False


def calibration_sentence(result: ForecastBacktest, lang: str = DEFAULT_LANG) -> str:
    """Return one sentence on the calibration of peluang (ECE in points, Brier against climatology)."""
    s = result.summary
    return t("fc_calibration", lang, ece=_num(100 * s.loc[MODEL, "ece"], 1, lang=lang),
             brier=_num(s.loc[MODEL, "brier"], lang=lang), klim=_num(s.loc["klimatologi", "brier"], lang=lang))


def summary_table(result: ForecastBacktest, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Return models (rows, names in lang) × AP, p@k, r@k, Brier, log-loss and ECE."""
    rows = []
    for model in MODELS:
        row = {t("fc_col_model", lang): model_label(model, lang)}
        for metric in ("ap", "p_at_k", "r_at_k", "brier", "logloss", "ece"):
            row[t(f"fc_col_{metric}", lang, k=result.top_k)] = float(result.summary.loc[model, metric])
        rows.append(row)
    return pd.DataFrame(rows)


def monthly_table(result: ForecastBacktest, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Return the month-by-month AP of every model (newest month first), column names in lang."""
    m = result.monthly
    out = pd.DataFrame({t("fc_col_month", lang): m["bulan"], t("fc_col_positives", lang): m["positif"]})
    for model in MODELS:
        out[f"AP — {model_label(model, lang)}"] = m[f"{model}_ap"].round(3)
    return out.iloc[::-1].reset_index(drop=True)


def reliability_frame(result: ForecastBacktest, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Return the 10-bin reliability table with readable ranges and percentages."""
    r = result.reliability
    return pd.DataFrame({
        t("fc_col_bin", lang): [f"{a * 100:.0f}–{b * 100:.0f}%" for a, b in zip(r["dari"], r["sampai"])],
        t("fc_col_count", lang): r["jumlah"].astype(int),
        t("fc_col_mean_p", lang): (100 * r["rata_peluang"]).round(1),
        t("fc_col_share", lang): (100 * r["frekuensi"]).round(1),
    })


def ap_figure(result: ForecastBacktest, lang: str = DEFAULT_LANG) -> go.Figure:
    """Return a line chart of each model's AP per month (the model drawn thick and solid)."""
    fig = go.Figure()
    months = list(result.monthly["bulan"])  # "2025-04"
    names = [month_label(f"{m}-01", lang) for m in months]  # "Apr 2025", never Plotly's English
    for model in MODELS:
        fig.add_trace(go.Scatter(
            x=months, y=result.monthly[f"{model}_ap"], mode="lines+markers", customdata=names,
            name=model_label(model, lang),
            line={"color": MODEL_COLOURS[model], "width": 3 if model == MODEL else 1.5,
                      "dash": "solid" if model == MODEL else "dot"},
            hovertemplate="%{customdata}: %{y:.2f}<extra>" + model_label(model, lang) + "</extra>"))
    # every month when they fit flat, else every third; the year where it changes
    shown = months[::1 if len(months) <= 18 else 3]
    _, texts = month_ticks([f"{m}-01" for m in shown], lang)
    fig.update_layout(yaxis={"title": t("fc_axis_ap", lang), "range": [0, 1.02]},
                      xaxis={"title": t("fc_col_month", lang), "type": "category", "tickvals": shown,
                             "ticktext": texts, "tickangle": 0},
                      legend={"orientation": "h", "y": -0.25}, height=400, margin={"l": 60, "r": 20, "t": 20, "b": 80})
    return fig


def reliability_figure(result: ForecastBacktest, lang: str = DEFAULT_LANG) -> go.Figure:
    """Return the reliability diagram: observed share against mean probability per bin, with the diagonal."""
    r = result.reliability[result.reliability["jumlah"] > 0]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[0, 100], y=[0, 100], mode="lines", name=t("fc_ideal", lang),
                             line={"color": "#7F7F7F", "dash": "dash", "width": 1}, hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        x=100 * r["rata_peluang"], y=100 * r["frekuensi"], mode="lines+markers", name=model_label(MODEL, lang),
        marker={"size": 6 + 18 * np.sqrt(r["jumlah"] / max(r["jumlah"].max(), 1)), "color": MODEL_COLOURS[MODEL]},
        line={"color": MODEL_COLOURS[MODEL], "width": 2}, customdata=r["jumlah"],
        hovertemplate="%{x:.0f}% → %{y:.0f}% (n = %{customdata})<extra></extra>"))
    fig.update_layout(xaxis={"title": t("fc_axis_predicted", lang), "range": [0, 100]},
                      yaxis={"title": t("fc_axis_observed", lang), "range": [0, 100]},
                      legend={"orientation": "h", "y": -0.25}, height=420, margin={"l": 60, "r": 20, "t": 20, "b": 80})
    return fig


def comparison_lines(result: ForecastBacktest) -> list[str]:
    """Return one plain line per baseline for the command line: AP difference, its interval, months won."""
    lines = []
    for name in BASELINES:
        row = result.comparison.loc[name]
        lines.append(f"  vs {name:<12} selisih AP {row['selisih_ap']:+.3f}  interval 95% [{row['bawah']:+.3f}, "
                     f"{row['atas']:+.3f}]  lebih baik di {int(row['bulan_menang'])}/{int(row['bulan'])} bulan")
    return lines
