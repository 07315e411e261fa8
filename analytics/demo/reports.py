"""Monthly laporan berkala of the demo world: each desa officer's noisy 0–3 reading of the tension they see."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.demo.text import CAUSES, REPORT_NOTES
from analytics.demo.world import ELECTION_CAUSE

# Which causes an indicator reflects (weight of each); dana and "lain" have no indicator.
INDICATOR_CAUSES = {
    "sengketa_lahan": {"lahan": 1.0, "protes": 0.5},
    "batas_wilayah": {"batas": 1.0},
    "sengketa_pemilihan": {"pemilihan": 1.0},
    "unjuk_rasa": {"protes": 1.0},
    "orang_asing": {"asing": 1.0},
    "lintas_batas": {"lintas": 1.0},
    "hoaks": {"hoaks": 1.0},
    "antar_kelompok": {"adat": 1.0, "kekerasan": 0.5},
}
# Officer's perceived monthly level → value 0..3: quiet, noticed, tense, very tense.
THRESHOLDS = (0.05, 0.25, 0.75)
NEVER_REPORTING = 3
SPORADIC_REPORTING = 12


def build_indicator_weights(indicators: list[str]) -> np.ndarray:
    """Return causes(+election) × indicators weights of how each cause shows in each indicator."""
    weights = np.zeros((len(CAUSES) + 1, len(indicators)))
    for j, code in enumerate(indicators):
        for cause, w in INDICATOR_CAUSES.get(code, {}).items():
            weights[ELECTION_CAUSE if cause == "pemilihan" else CAUSES.index(cause), j] = w
    return weights


def build_reports(days: pd.DatetimeIndex, desa: pd.DataFrame, cause_rate: np.ndarray, election_rate: np.ndarray,
                  events: pd.DataFrame, indicators: list[str], rng: np.random.Generator) -> pd.DataFrame:
    """Return laporan berkala rows (REPORT_COLUMNS) for every desa-month reported, with realistic gaps."""
    n_desa = len(desa)
    month = ((days.year - days[0].year) * 12 + days.month - days[0].month).to_numpy()
    n_months = int(month.max()) + 1
    rates = np.concatenate([cause_rate, election_rate[:, :, None]], axis=2)  # days × desa × (causes+1)
    expected = np.zeros((n_months, n_desa, rates.shape[2]))
    np.add.at(expected, month, rates)
    seen = np.zeros_like(expected)
    np.add.at(seen, (month[events["day"].to_numpy()], events["desa"].to_numpy(), events["cause"].to_numpy()), 1.0)
    weights = build_indicator_weights(indicators)
    # Officers sense half the underlying tension and half what actually happened that month.
    level = (0.5 * expected + 0.5 * seen) @ weights  # months × desa × indicators
    # Some officers always write "aman", some see trouble everywhere; each reading is noisy.
    bias = rng.lognormal(0, 0.5, n_desa)
    bias[rng.choice(n_desa, size=n_desa // 10, replace=False)] = 0.2
    perceived = level * bias[None, :, None] * rng.lognormal(0, 0.5, level.shape)
    nilai = np.searchsorted(np.asarray(THRESHOLDS), perceived, side="right").astype(float)

    reported = _reporting_mask(n_months, n_desa, rng)
    kept = reported[:, :, None] & (rng.random(nilai.shape) > 0.02)  # an odd indicator left blank
    m_idx, d_idx, i_idx = np.nonzero(kept)
    month_start = pd.date_range(days[0].replace(day=1), periods=n_months, freq="MS")
    period_end = np.minimum((month_start + pd.offsets.MonthEnd(0)).to_numpy(), days[-1].to_datetime64())
    notes = _notes(nilai, reported, indicators, rng)
    return pd.DataFrame({
        "periode_mulai": month_start.to_numpy()[m_idx],
        "periode_akhir": period_end[m_idx],
        "level": "desa",
        "kode_kecamatan": desa["kode_kecamatan"].to_numpy()[d_idx],
        "kode_desa": desa["kode"].to_numpy()[d_idx],
        "indikator": np.asarray(indicators, dtype=object)[i_idx],
        "nilai": nilai[m_idx, d_idx, i_idx],
        "catatan": notes[m_idx, d_idx],
        "sumber": "DATA CONTOH – Laporan bulanan Kepala Desa",
    })


def _reporting_mask(n_months: int, n_desa: int, rng: np.random.Generator) -> np.ndarray:
    """Return months × desa: True where the desa's monthly report arrived."""
    propensity = rng.uniform(0.85, 0.98, n_desa)
    order = rng.permutation(n_desa)
    propensity[order[:NEVER_REPORTING]] = 0.0
    propensity[order[NEVER_REPORTING:NEVER_REPORTING + SPORADIC_REPORTING]] = rng.uniform(0.3, 0.65, SPORADIC_REPORTING)
    # The last two months are still coming in: late reports are not there yet.
    by_month = np.ones((n_months, 1))
    by_month[-2:, 0] = (0.8, 0.5)[-min(n_months, 2):]
    return rng.random((n_months, n_desa)) < propensity[None, :] * by_month


def _notes(nilai: np.ndarray, reported: np.ndarray, indicators: list[str], rng: np.random.Generator) -> np.ndarray:
    """Return months × desa catatan: what the officer wrote under the table (often nothing)."""
    top = nilai.max(axis=2)
    worst = np.asarray(indicators, dtype=object)[nilai.argmax(axis=2)]
    draw = rng.random(top.shape)
    notes = np.full(top.shape, None, dtype=object)
    quiet = reported & (top == 0) & (draw < 0.5)
    notes[quiet] = REPORT_NOTES[0]
    tense = reported & (top >= 2)
    notes[tense] = [f"{REPORT_NOTES[1]}: {w.replace('_', ' ')}" for w in worst[tense]]
    late = reported & (draw > 0.97)
    notes[late] = REPORT_NOTES[3]
    return notes
