"""The Akurasi page's and the backtest command's words, tables and figures, from analytics/forecast_backtest.py.

The verdict compares the model with the BEST of the three baselines (by mean AP) and says plainly
when the model does not beat it: better only when the bootstrap interval of the AP difference lies
above zero. Nothing here invites tuning against the backtest: the model's choices are made inside
each training window (docs/risk.md).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.forecast_backtest import BASELINES, MODEL, MODELS, ForecastBacktest
from analytics.i18n import DEFAULT_LANG, add_strings, t

_TEXT: list[tuple[str, str, str]] = [
    ("fc_caption", "Setiap bulan yang datanya lengkap, model perkiraan dilatih ulang hanya dengan data sebelum hari "
     "pertama bulan itu — cara yang sama persis dengan skor harian, dengan semua masukannya — lalu peluangnya "
     "dibandingkan dengan desa yang benar-benar mengalami kejadian. Pilihan bagian model dibuat di dalam data latih "
     "tiap bulan (validasi bergulir), tidak pernah disetel terhadap hasil di halaman ini.",
     "For every month with complete data the forecast model is refitted on data before that month's first day only "
     "— exactly as the daily score is made, with all its inputs — and its probabilities are compared with the desa "
     "that really had incidents. The model's choices are made inside each month's training data (rolling-origin "
     "validation), never tuned against the results on this page."),
    ("fc_model_model", "Model perkiraan", "Forecast model"),
    ("fc_model_bulan_lalu", "Pembanding: bulan lalu", "Baseline: last month"),
    ("fc_model_rata_12", "Pembanding: rata-rata 12 bulan", "Baseline: 12-month average"),
    ("fc_model_klimatologi", "Pembanding: klimatologi", "Baseline: climatology"),
    ("fc_better", "Model perkiraan mengalahkan pembanding terbaik ({best}): presisi rata-rata (AP) {model_ap} "
     "lawan {base_ap}, selisih {diff} (interval 95%: {lo} … {hi}); lebih baik di {won} dari {months} bulan.",
     "The forecast model beats the best baseline ({best}): average precision (AP) {model_ap} against {base_ap}, "
     "difference {diff} (95% interval: {lo} … {hi}); better in {won} of {months} months."),
    ("fc_unproven", "Model perkiraan BELUM TERBUKTI lebih baik daripada pembanding terbaik ({best}): AP {model_ap} "
     "lawan {base_ap}, selisih {diff}, tetapi interval 95% ({lo} … {hi}) mencakup nol; lebih baik di {won} dari "
     "{months} bulan.", "The forecast model is NOT PROVEN better than the best baseline ({best}): AP {model_ap} "
     "against {base_ap}, difference {diff}, but the 95% interval ({lo} … {hi}) includes zero; better in {won} of "
     "{months} months."),
    ("fc_worse", "Model perkiraan TIDAK lebih baik daripada pembanding terbaik ({best}): AP {model_ap} lawan "
     "{base_ap} (selisih {diff}); lebih baik hanya di {won} dari {months} bulan. Pada data ini daftar '{best}' "
     "menunjuk desa berkejadian setidaknya sama baiknya.", "The forecast model is NOT better than the best baseline "
     "({best}): AP {model_ap} against {base_ap} (difference {diff}); better in only {won} of {months} months. On "
     "this data the '{best}' list points at the desa with incidents at least as well."),
    ("fc_calibration", "Peluang: galat kalibrasi (ECE) {ece} poin persen; skor Brier {brier} (klimatologi {klim}, "
     "makin kecil makin baik).", "Probabilities: calibration error (ECE) {ece} percentage points; Brier score "
     "{brier} (climatology {klim}, smaller is better)."),
    ("fc_partial", "Bulan {month} tidak diuji: datanya belum sampai akhir bulan.",
     "{month} is not tested: the data do not reach the end of the month."),
    ("fc_metric_ap", "AP model", "Model AP"),
    ("fc_metric_best", "AP {best}", "AP {best}"),
    ("fc_metric_won", "Bulan lebih baik", "Months better"),
    ("fc_metric_ece", "Galat kalibrasi", "Calibration error"),
    ("fc_col_ap", "Presisi rata-rata (AP)", "Average precision (AP)"),
    ("fc_col_p_at_k", "Presisi @{k}", "Precision @{k}"),
    ("fc_col_r_at_k", "Cakupan @{k}", "Recall @{k}"),
    ("fc_col_brier", "Brier", "Brier"),
    ("fc_col_logloss", "Log-loss", "Log loss"),
    ("fc_col_ece", "ECE", "ECE"),
    ("fc_col_model", "Model", "Model"),
    ("fc_col_month", "Bulan", "Month"),
    ("fc_col_positives", "Desa dengan kejadian", "Desa with incidents"),
    ("fc_col_bin", "Peluang", "Probability"),
    ("fc_col_count", "Desa-bulan", "Desa-months"),
    ("fc_col_mean_p", "Rata-rata peluang", "Mean probability"),
    ("fc_col_share", "Benar terjadi", "Observed share"),
    ("fc_axis_ap", "Presisi rata-rata (AP)", "Average precision (AP)"),
    ("fc_axis_predicted", "Peluang yang diberikan model (%)", "Probability given by the model (%)"),
    ("fc_axis_observed", "Desa yang benar-benar mengalami kejadian (%)", "Desa that really had incidents (%)"),
    ("fc_ideal", "Kalibrasi sempurna", "Perfect calibration"),
    ("fc_monthly_chart", "AP per bulan", "AP by month"),
    ("fc_reliability", "Diagram keandalan peluang", "Reliability diagram of the probabilities"),
    ("fc_reliability_caption", "Tiap titik: desa-bulan yang diberi peluang dalam satu rentang 10%, dan berapa "
     "persen di antaranya benar-benar mengalami kejadian. Titik di garis putus-putus berarti peluang tepat.",
     "Each point: the desa-months given a probability within one 10% range, and what share of them really had "
     "incidents. Points on the dashed line mean the probabilities are right."),
    ("fc_averages", "Rata-rata seluruh bulan yang diuji", "Average over all tested months"),
    ("fc_table_caption", "AP dan presisi/cakupan @{k}: urutan desa (seri dihitung menurut harapan urutan acak). "
     "Brier dan log-loss: ketepatan peluang; peluang pembanding bulan lalu dan rata-rata 12 bulan dikalibrasi "
     "hanya pada bulan-bulan sebelumnya.", "AP and precision/recall @{k}: the ranking of desa (ties counted by "
     "their expectation under a random order). Brier and log loss: accuracy of the probabilities; the last-month "
     "and 12-month baselines are calibrated on earlier months only."),
    ("fc_monthly_table", "Tabel per bulan", "Table by month"),
]
add_strings({"id": {k: i for k, i, _ in _TEXT}, "en": {k: e for k, _, e in _TEXT}})

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
    values = dict(best=model_label(best, lang), model_ap=_num(result.summary.loc[MODEL, "ap"], lang=lang),
                  base_ap=_num(result.summary.loc[best, "ap"], lang=lang),
                  diff=_num(row["selisih_ap"], sign=True, lang=lang), lo=_num(row["bawah"], sign=True, lang=lang),
                  hi=_num(row["atas"], sign=True, lang=lang), won=int(row["bulan_menang"]), months=int(row["bulan"]))
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
    for model in MODELS:
        fig.add_trace(go.Scatter(
            x=result.monthly["bulan"], y=result.monthly[f"{model}_ap"], mode="lines+markers",
            name=model_label(model, lang),
            line=dict(color=MODEL_COLOURS[model], width=3 if model == MODEL else 1.5,
                      dash="solid" if model == MODEL else "dot"),
            hovertemplate="%{x}: %{y:.2f}<extra>" + model_label(model, lang) + "</extra>"))
    fig.update_layout(yaxis=dict(title=t("fc_axis_ap", lang), range=[0, 1.02]),
                      xaxis=dict(title=t("fc_col_month", lang), type="category"),
                      legend=dict(orientation="h", y=-0.25), height=400, margin=dict(l=60, r=20, t=20, b=80))
    return fig


def reliability_figure(result: ForecastBacktest, lang: str = DEFAULT_LANG) -> go.Figure:
    """Return the reliability diagram: observed share against mean probability per bin, with the diagonal."""
    r = result.reliability[result.reliability["jumlah"] > 0]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[0, 100], y=[0, 100], mode="lines", name=t("fc_ideal", lang),
                             line=dict(color="#7F7F7F", dash="dash", width=1), hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        x=100 * r["rata_peluang"], y=100 * r["frekuensi"], mode="lines+markers", name=model_label(MODEL, lang),
        marker=dict(size=6 + 18 * np.sqrt(r["jumlah"] / max(r["jumlah"].max(), 1)), color=MODEL_COLOURS[MODEL]),
        line=dict(color=MODEL_COLOURS[MODEL], width=2), customdata=r["jumlah"],
        hovertemplate="%{x:.0f}% → %{y:.0f}% (n = %{customdata})<extra></extra>"))
    fig.update_layout(xaxis=dict(title=t("fc_axis_predicted", lang), range=[0, 100]),
                      yaxis=dict(title=t("fc_axis_observed", lang), range=[0, 100]),
                      legend=dict(orientation="h", y=-0.25), height=420, margin=dict(l=60, r=20, t=20, b=80))
    return fig


def comparison_lines(result: ForecastBacktest) -> list[str]:
    """Return one plain line per baseline for the command line: AP difference, its interval, months won."""
    lines = []
    for name in BASELINES:
        row = result.comparison.loc[name]
        lines.append(f"  vs {name:<12} selisih AP {row['selisih_ap']:+.3f}  interval 95% [{row['bawah']:+.3f}, "
                     f"{row['atas']:+.3f}]  lebih baik di {int(row['bulan_menang'])}/{int(row['bulan'])} bulan")
    return lines
