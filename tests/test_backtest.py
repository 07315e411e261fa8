"""Backtest metrics worked by hand, and a month-by-month run that never calibrates on its own month."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics.risk.backtest import (average_precision, expected_hits_at_k, fit_logistic, run_backtest,
                                summary_table)
from tests.test_risk import NO_ELECTIONS, NO_REPORTS, PLACES, SETTINGS_DEFAULT


@pytest.mark.parametrize(
    "score, target, expected",
    [
        ([3, 2, 1], [1, 0, 1], (1 / 1 + 2 / 3) / 2),  # positives at ranks 1 and 3: precision 1 and 2/3
        ([3, 2, 1], [1, 1, 0], 1.0),
        ([1, 1], [1, 0], 0.5),  # one tied threshold: recall 1 at precision ½
        ([1, 2, 3], [0, 0, 0], np.nan),  # no positive: undefined, skipped in the average
    ],
)
def test_average_precision(score, target, expected):
    """Average precision as scikit-learn defines it, ties sharing one threshold."""
    got = average_precision(np.array(score, float), np.array(target, bool))
    assert got == pytest.approx(expected, nan_ok=True)


def test_hits_at_k_takes_the_tie_at_random():
    """Top-2 of [3, 1, 1, 1] with the positive among the three tied: 1 slot × ⅓ = 0.333 expected hits."""
    assert expected_hits_at_k(np.array([3.0, 1, 1, 1]), np.array([0, 1, 0, 0]), 2) == pytest.approx(1 / 3)
    assert expected_hits_at_k(np.array([3.0, 2, 1]), np.array([1, 1, 0]), 10) == 2.0


def test_logistic_fit_orders_probabilities():
    """More score → higher fitted probability; separable data stays finite thanks to the ridge."""
    a, b = fit_logistic(np.array([0.0, 0.1, 0.9, 1.0]), np.array([0.0, 0.0, 1.0, 1.0]))
    assert np.isfinite(a) and b > 0


def _monthly_kejadian() -> pd.DataFrame:
    # Desa A has 3 kejadian every month for 14 months; B and C one each in alternate months.
    rows = []
    for m in range(14):
        start = pd.Timestamp("2023-01-01") + pd.DateOffset(months=m)
        rows += [(start + pd.Timedelta(days=d), PLACES["kode"][0], "65.02.01") for d in (3, 12, 20)]
        other = PLACES["kode"][1 + m % 2]
        rows.append((start + pd.Timedelta(days=10), other, other[:8]))
    out = pd.DataFrame(rows, columns=["tanggal", "kode_desa", "kode_kecamatan"])
    return out.assign(korban_meninggal=0, korban_luka=0, kategori="kekerasan")


def test_backtest_ranks_the_always_busy_desa_first():
    """Desa A, busy every month, tops the ranking: precision@1 = 1 in every month for the score."""
    result = run_backtest(_monthly_kejadian(), NO_REPORTS, NO_ELECTIONS, SETTINGS_DEFAULT, start="2023-03",
                          end="2024-02", top_k=1, places=PLACES)
    assert list(result.monthly["bulan"]) == [str(p) for p in pd.period_range("2023-03", "2024-02", freq="M")]
    assert (result.monthly["skor_p_at_k"] == 1.0).all()
    assert (result.monthly["positif"] == 2).all()
    table = summary_table(result)
    assert list(table.index) == ["skor", "bulan_lalu", "rata_12"] and "p@1" in table.columns


def test_first_month_has_no_calibration_and_so_no_brier():
    """The first month has no earlier month to calibrate on: its Brier score is empty, not guessed."""
    result = run_backtest(_monthly_kejadian(), NO_REPORTS, NO_ELECTIONS, SETTINGS_DEFAULT, start="2023-02",
                          end="2023-04", places=PLACES)
    assert np.isnan(result.monthly["skor_brier"].iloc[0])
    assert result.monthly["skor_brier"].iloc[1:].notna().all()


def test_empty_input_is_refused_with_a_message():
    """No kejadian: a clear Indonesian message rather than a table of zeros."""
    with pytest.raises(ValueError, match="Tidak ada data kejadian"):
        run_backtest(_monthly_kejadian().iloc[0:0], NO_REPORTS, NO_ELECTIONS, SETTINGS_DEFAULT, places=PLACES)
