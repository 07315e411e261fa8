"""The honest backtest: metrics by hand (ties by expectation, intervals, calibration), complete months only, baselines."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from analytics.places.gazetteer import load_gazetteer
from analytics.risk import forecast_metrics as fm
from analytics.risk.backtest import _baselines, complete_months, run_forecast_backtest
from analytics.risk.elections import load_calendar
from analytics.risk.inputs import RiskInputs
from tests.test_risk import NO_REPORTS, SETTINGS_DEFAULT


def test_ap_of_an_all_tied_ranking_is_the_random_order_expectation():
    """4 tied desa, 2 with kejadian: the mean AP over the 6 orders is (1 + ⅚ + ¾ + 7/12 + ½ + 5/12)/6 = 0.680556."""
    assert fm.average_precision(np.zeros(4), np.array([1, 1, 0, 0])) == pytest.approx(0.6805556, abs=1e-6)


def test_ap_with_ties_equals_the_average_over_all_tie_breaks():
    """Scores 3, 2, 2, 2, 1, 1 with outcomes 1, 0, 1, 1, 0, 1: exact expectation = the mean over every tie order."""
    score, target = np.array([3, 2, 2, 2, 1, 1.0]), np.array([1, 0, 1, 1, 0, 1])
    values = []
    for mid in itertools.permutations([1, 2, 3]):
        for low in itertools.permutations([4, 5]):
            t = target[[0, *mid, *low]]
            hits = np.cumsum(t)
            values.append(float(np.sum(hits / np.arange(1, 7) * t) / t.sum()))
    assert fm.average_precision(score, target) == pytest.approx(np.mean(values))


@pytest.mark.parametrize("score, target, expected", [
    ([0.9, 0.8, 0.1], [1, 0, 1], (1 + 2 / 3) / 2),  # no ties: precision 1 at rank 1, 2/3 at rank 3
    ([0.9, 0.8, 0.1], [0, 0, 0], np.nan),
])
def test_ap_without_ties(score, target, expected):
    """Without ties AP is the mean precision at each positive; a month without kejadian has no AP (NaN)."""
    result = fm.average_precision(np.array(score), np.array(target))
    assert (np.isnan(result) and np.isnan(expected)) or result == pytest.approx(expected)


def test_hits_at_k_take_the_tie_at_the_cut_at_random():
    """Top 2 of scores 5, 3, 3, 3 (outcomes 1, 1, 0, 0): 1 sure + 1 place among 3 tied holding 1 positive = 1⅓."""
    assert fm.expected_hits_at_k(np.array([5, 3, 3, 3.0]), np.array([1, 1, 0, 0]), 2) == pytest.approx(4 / 3)


def test_brier_and_log_loss_by_hand():
    """p 0.8, 0.3 for outcomes 1, 0: Brier (0.04 + 0.09)/2 = 0.065; log-loss −(ln 0.8 + ln 0.7)/2 = 0.289909."""
    p, y = np.array([0.8, 0.3]), np.array([1, 0])
    assert fm.brier(p, y) == pytest.approx(0.065)
    assert fm.log_loss(p, y) == pytest.approx(0.2899092, abs=1e-6)
    assert fm.log_loss(np.array([0.0]), np.array([1])) == pytest.approx(-np.log(1e-6))  # clipped, not infinite


def test_reliability_bins_and_calibration_error_by_hand():
    """0.05, 0.15, 0.15, 0.85 → bins 0 (0 of 1), 1 (1 of 2), 8 (1 of 1); ECE = (0.05 + 2·0.35 + 0.15)/4 = 0.225."""
    table = fm.reliability_table(np.array([0.05, 0.15, 0.15, 0.85]), np.array([0, 0, 1, 1]))
    assert len(table) == 10 and table["jumlah"].tolist() == [1, 2, 0, 0, 0, 0, 0, 0, 1, 0]
    assert table.loc[1, "frekuensi"] == 0.5 and table.loc[8, "rata_peluang"] == pytest.approx(0.85)
    assert fm.calibration_error(table) == pytest.approx(0.225)
    assert fm.reliability_table(np.array([1.0]), np.array([1])).loc[9, "jumlah"] == 1  # p = 1 falls in the last bin


def test_bootstrap_interval_of_the_mean_difference():
    """Months' AP differences 0.1, 0.2, −0.05, 0.3, 0: the 95% interval holds the mean 0.11, is reproducible, and
    lies within the smallest and largest month; identical months give a point; one month gives no interval."""
    diffs = np.array([0.1, 0.2, -0.05, 0.3, 0.0])
    lo, hi = fm.bootstrap_interval(diffs)
    assert -0.05 <= lo < 0.11 < hi <= 0.3 and (lo, hi) == fm.bootstrap_interval(diffs)
    assert fm.bootstrap_interval(np.array([0.02, 0.02, 0.02])) == (0.02, 0.02)
    assert all(np.isnan(fm.bootstrap_interval(np.array([0.1]))))


def test_logistic_calibration_fits_known_odds():
    """Outcomes drawn with p = σ(−1 + 2x): the fit finds (−1, 2) within sampling error."""
    rng = np.random.default_rng(2)
    x = rng.random(20_000) * 2
    y = (rng.random(20_000) < 1 / (1 + np.exp(-(-1 + 2 * x)))).astype(float)
    assert fm.fit_logistic(x, y) == pytest.approx((-1.0, 2.0), abs=0.1)


def _incidents(last_day: str) -> pd.DataFrame:
    days = pd.date_range("2023-01-03", last_day, freq="9D")
    desa = load_gazetteer().desa
    return pd.DataFrame({"tanggal": days, "kode_desa": desa["kode"].iloc[np.arange(len(days)) % 7].to_numpy(),
                         "kode_kecamatan": desa["kode_kecamatan"].iloc[np.arange(len(days)) % 7].to_numpy(),
                         "korban_meninggal": 0, "korban_luka": 0, "kategori": "kekerasan"})


@pytest.mark.parametrize("last_day, last_scored, partial", [
    ("2024-06-12", "2024-05", "2024-06"),  # June holds 12 days only: left out and named
    ("2024-06-30", "2024-06", None),  # the data reach the month's last day: June counts
])
def test_only_complete_months_are_scored(last_day, last_scored, partial):
    """The month of the latest kejadian is scored only when the data reach its end; scoring starts a year in."""
    incidents = _incidents("2024-06-01")
    incidents.loc[len(incidents)] = {**incidents.iloc[-1].to_dict(), "tanggal": pd.Timestamp(last_day)}
    months, scored, left_out = complete_months(incidents)
    assert str(scored[0]) == "2024-01" and str(scored[-1]) == last_scored and left_out == partial
    assert str(months[0]) == "2023-01"


def test_baselines_by_hand():
    """Counts of one desa over 14 months 0…13: last month 13, mean of the last 12 = 7.5; climatology = share with ≥ 1."""
    counts = np.vstack([np.arange(14.0), np.zeros(14)])
    base = _baselines(counts, 14)
    assert base["bulan_lalu"].tolist() == [13.0, 0.0] and base["rata_12"].tolist() == [7.5, 0.0]
    assert base["klimatologi"].tolist() == [13 / 28, 13 / 28]


def test_backtest_runs_the_live_procedure_month_by_month():
    """A two-year store: one row per complete month, four models, three comparisons, ten reliability bins."""
    desa = load_gazetteer().desa.iloc[:7]
    days = [d for m in pd.date_range("2023-01-01", "2024-12-01", freq="MS") for d in (m + pd.Timedelta(days=2),
                                                                                     m + pd.Timedelta(days=16))]
    incidents = pd.DataFrame([{"tanggal": d, "kode_desa": k, "kode_kecamatan": kk, "korban_meninggal": 0,
                               "korban_luka": 0, "kategori": "kekerasan"}
                              for d in days for k, kk in zip(desa["kode"], desa["kode_kecamatan"])])
    inputs = RiskInputs(incidents=incidents, reports=NO_REPORTS, calendar=load_calendar(), settings=SETTINGS_DEFAULT,
                        border_km=None, foreigners=None)
    result = run_forecast_backtest(inputs, start="2024-03", end="2024-08")
    assert result.monthly["bulan"].tolist() == ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08"]
    assert list(result.summary.index) == ["model", "bulan_lalu", "rata_12", "klimatologi"]
    assert list(result.comparison.index) == ["bulan_lalu", "rata_12", "klimatologi"]
    assert len(result.reliability) == 10 and result.reliability["jumlah"].sum() == 6 * 109
    assert result.best_baseline in ("bulan_lalu", "rata_12", "klimatologi")
    assert result.partial_month == "2024-12"  # the last kejadian is on 17 December: December is not complete
    # The seven desa with kejadian twice every month rank first: the model's AP is 1 in every month.
    assert result.monthly["model_ap"].tolist() == pytest.approx([1.0] * 6)


def test_empty_store_is_refused_with_a_reason():
    """No kejadian: a ValueError whose Indonesian message the CLI and the page show."""
    inputs = RiskInputs(incidents=_incidents("2023-01-01").iloc[:0], reports=NO_REPORTS, calendar=load_calendar(),
                        settings=SETTINGS_DEFAULT, border_km=None, foreigners=None)
    with pytest.raises(ValueError, match="Tidak ada data kejadian"):
        run_forecast_backtest(inputs)
