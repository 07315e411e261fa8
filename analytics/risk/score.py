"""The explainable risk score per desa: five named components 0–100, their weighted mean, a band.

Components (docs/risk.md gives the formulas and why):
  intensitas  severity-weighted kejadian with exponential decay, saturated to 0–100;
  lonjakan    the last `risk_recent_days` against the desa's own baseline (negative binomial);
  laporan     the latest fresh laporan berkala of the desa, else of its kecamatan;
  pemilihan   the stage in force and the days to the vote, only where the desa votes;
  paparan     nearness to the national border and orang asing / perbatasan kejadian.
A component without data is NaN (never 0): the score is the weighted mean of the others and
`kelengkapan` says how much of the total weight was available. Only data dated strictly before
the evaluation day (`as_of`) is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from analytics.risk import components as rc
from analytics.risk import forecast as fc
from analytics.risk.elections import Calendar, election_component
from analytics.places.gazetteer import load_gazetteer
from analytics.settings import Settings

COMPONENTS = ("intensitas", "lonjakan", "laporan", "pemilihan", "paparan")
FORECAST_COLUMNS = ("perkiraan", "peluang", *(f"bagian_{p}" for p in fc.EXPLAINED))
BANDS = ("Rendah", "Sedang", "Tinggi", "Sangat Tinggi")
EXPOSURE_KATEGORI = ("orang_asing", "perbatasan")


@dataclass
class RiskArrays:
    """Components and their inputs as places × evaluation-day arrays (the explanation reads the inputs)."""

    places: pd.DataFrame
    eval_days: np.ndarray
    components: dict[str, np.ndarray]
    detail: dict[str, np.ndarray]


def default_places() -> pd.DataFrame:
    """Return Malinau's 109 desa (kode, nama, kode_kecamatan, kecamatan) from the gazetteer."""
    return load_gazetteer().desa[["kode", "nama", "kode_kecamatan", "kecamatan"]].reset_index(drop=True)


def band_codes(skor: np.ndarray, thresholds: dict) -> np.ndarray:
    """Return 0–3 (Rendah … Sangat Tinggi) per score, 4 where the score is missing; each threshold is a lower edge."""
    s = np.asarray(skor, dtype=float)
    edges = [thresholds["Sedang"], thresholds["Tinggi"], thresholds["Sangat Tinggi"]]
    codes = np.searchsorted(np.asarray(edges, dtype=float), s, side="right").astype(np.int8)
    codes[np.isnan(s)] = len(BANDS)
    return codes


def band_of(skor: np.ndarray | pd.Series | float, thresholds: dict) -> np.ndarray:
    """Return the tingkat of each score: Rendah below 'Sedang', then Sedang / Tinggi / Sangat Tinggi from each lower edge."""
    return np.asarray([*BANDS, "Tidak ada data"], dtype=object)[band_codes(np.atleast_1d(skor), thresholds)]


def _days(values) -> np.ndarray:
    return pd.to_datetime(pd.Series(values)).to_numpy().astype("datetime64[D]")


def compute_arrays(
    incidents: pd.DataFrame,
    reports: pd.DataFrame,
    calendar: Calendar,
    settings: Settings,
    eval_days,
    places: pd.DataFrame | None = None,
    border_km: pd.Series | None = None,
    foreigners: pd.DataFrame | None = None,
    indicators_only: bool = False,
) -> RiskArrays:
    """Return every component (places × eval_days) using only data dated before each evaluation day.

    indicators_only computes laporan and paparan only (the others empty): what the forecast needs at its
    training origins, at a fraction of the cost on 83,000 desa.
    """
    places = default_places() if places is None else places.reset_index(drop=True)
    eval_days = np.unique(_days(eval_days))
    n, k = len(places), len(eval_days)
    desa_index = pd.Index(places["kode"])
    kec_codes = pd.Index(places["kode_kecamatan"].unique())
    kec_of_desa = kec_codes.get_indexer(places["kode_kecamatan"])
    recent_days, base_days = settings.risk_recent_days, settings.risk_baseline_days

    inc = incidents
    d_idx = desa_index.get_indexer(inc["kode_desa"].astype(object).where(inc["kode_desa"].notna(), None))
    c_idx = kec_codes.get_indexer(inc["kode_kecamatan"].astype(object))
    days = _days(inc["tanggal"]) if len(inc) else np.array([], dtype="datetime64[D]")
    sw = settings.severity_weights
    severity = (
        sw["kejadian"] + sw["meninggal"] * inc["korban_meninggal"].to_numpy(float) + sw["luka"] * inc["korban_luka"].to_numpy(float)
        if len(inc) else np.array([])
    )
    at_desa = d_idx >= 0
    at_kec = ~at_desa & (c_idx >= 0)

    if indicators_only:  # the forecast's training origins need laporan and paparan only
        decayed, recent, base = np.zeros((n, k)), np.zeros((n, k)), np.zeros((n, k))
        covered, intensitas, lonjakan = np.zeros(k), np.full((n, k), np.nan), np.full((n, k), np.nan)
    else:
        # intensitas: desa events at full weight, kecamatan-level events spread to each of its desa at a share.
        decayed = _intensity_sum(d_idx[at_desa], days[at_desa], severity[at_desa], c_idx[at_kec], days[at_kec],
                                 severity[at_kec], kec_of_desa, len(kec_codes), eval_days, settings)
        has_incident_data = np.zeros(k, dtype=bool)
        if len(days):
            first_day = days.min()
            has_incident_data = eval_days > first_day
        intensitas = np.where(has_incident_data, rc.saturate(decayed, settings.risk_intensity_midpoint), np.nan)

        # lonjakan: desa-level counts in the recent window vs the baseline window just before it.
        recent = rc.window_sums(d_idx[at_desa], days[at_desa], None, eval_days, n, 1, recent_days)
        base = rc.window_sums(d_idx[at_desa], days[at_desa], None, eval_days, n, recent_days + 1, recent_days + base_days)
        covered = np.zeros(k)
        if len(days):
            covered = np.clip((eval_days - first_day).astype(np.int64) - recent_days, 0, base_days).astype(float)
        total = recent.sum(axis=0) + base.sum(axis=0)
        # Kabupaten rate per desa-day over both windows; a floor keeps a store with no events finite.
        prior_rate = np.maximum(total / (max(n, 1) * (recent_days + covered)), 1e-4)
        lonjakan = rc.spike_score(recent, base, covered[None, :], prior_rate[None, :], recent_days,
                                  settings.risk_spike_prior_days)
        lonjakan = np.where(has_incident_data, lonjakan, np.nan)

    # laporan: latest fresh report of the desa, else of its kecamatan.
    scored = rc.report_scores(reports, settings.indicator_max)
    stale = settings.risk_report_stale_days
    laporan_desa, age_desa = _latest(scored[scored["level"] == "desa"], desa_index, eval_days, stale)
    laporan_kec, age_kec = _latest(scored[scored["level"] == "kecamatan"], kec_codes, eval_days, stale)
    use_desa = ~np.isnan(laporan_desa)
    laporan = 100.0 * np.where(use_desa, laporan_desa, laporan_kec[kec_of_desa])
    report_age = np.where(use_desa, age_desa, age_kec[kec_of_desa])
    report_source = np.where(use_desa, 1, np.where(np.isnan(laporan), 0, 2))  # 1 desa, 2 kecamatan, 0 none

    pemilihan, to_vote = (np.zeros((n, k)), np.full((n, k), np.nan)) if indicators_only else election_component(
        calendar, desa_index, eval_days, settings.election_stage_weights, settings.election_window_days
    )

    # paparan: ½ nearness to the border + ½ saturating count of orang asing / perbatasan kejadian.
    is_border = _border_flags(places, settings)
    distance = None if border_km is None else border_km.reindex(desa_index).to_numpy(float)
    near = rc.border_proximity(is_border, distance, settings.border_near_km, settings.border_far_km)
    foreign_rows = at_desa & inc["kategori"].isin(EXPOSURE_KATEGORI).to_numpy() if len(inc) else at_desa
    foreign = rc.window_sums(d_idx[foreign_rows], days[foreign_rows], None, eval_days, n, 1, settings.risk_exposure_days)
    exposure = foreign
    if foreigners is not None and len(foreigners):
        # The register of orang asing (analytics/foreigners.py) adds kejadian equivalents; docs/penanganan.md.
        from analytics.asing.register import exposure_equivalents
        exposure = foreign + exposure_equivalents(foreigners, places, eval_days, settings)
    paparan = 100.0 * (0.5 * near[:, None] + 0.5 * (1.0 - np.exp2(-exposure / 2.0)))

    return RiskArrays(
        places=places,
        eval_days=eval_days,
        components={"intensitas": intensitas, "lonjakan": lonjakan, "laporan": laporan, "pemilihan": pemilihan,
                    "paparan": paparan},
        detail={"bobot_kejadian": decayed, "kejadian_baru": recent, "kejadian_dasar": base,
                "hari_dasar": np.broadcast_to(covered, (n, k)), "laporan_umur_hari": report_age,
                "laporan_sumber": report_source, "hari_ke_pemungutan": to_vote,
                "kejadian_asing": foreign, "dekat_batas": np.broadcast_to(near[:, None], (n, k))},
    )


def _intensity_sum(d_idx, d_days, d_weight, c_idx, c_days, c_weight, kec_of_desa, n_kec, eval_days, settings) -> np.ndarray:
    # Short memory (half-life h) blended with long memory (half-life H) rescaled by h/H, so a steady rate
    # gives the same S under both: a desa's persistent level keeps it ranked between its flare-ups.
    short_h, long_h = settings.risk_half_life_days, settings.risk_long_half_life_days
    share = settings.risk_long_share
    n = len(kec_of_desa)
    out = np.zeros((n, len(eval_days)))
    for h, part in ((short_h, 1.0 - share), (long_h, share)):
        if part <= 0:
            continue
        s = rc.decayed_sums(d_idx, d_days, d_weight, eval_days, n, h)
        s += settings.risk_kecamatan_share * rc.decayed_sums(c_idx, c_days, c_weight, eval_days, n_kec, h)[kec_of_desa]
        out += part * (short_h / h) * s
    return out


def _latest(scored: pd.DataFrame, index: pd.Index, eval_days: np.ndarray, stale: int) -> tuple[np.ndarray, np.ndarray]:
    if scored.empty:
        empty = np.full((len(index), len(eval_days)), np.nan)
        return empty, empty.copy()
    idx = index.get_indexer(scored["kode"].astype(object))
    ok = idx >= 0
    return rc.latest_values(idx[ok], _days(scored["periode_akhir"])[ok], scored["nilai"].to_numpy(float)[ok],
                            eval_days, len(index), stale)


def _border_flags(places: pd.DataFrame, settings: Settings) -> np.ndarray:
    flags = places["kode_kecamatan"].isin(settings.border_kecamatan) | places["kode"].isin(settings.border_desa_extra)
    return (flags & ~places["kode"].isin(settings.border_desa_excluded)).to_numpy()


def completeness(components: dict[str, np.ndarray], weights: dict) -> np.ndarray:
    """Return kelengkapan 0–100: the share of the components' weight whose value is known."""
    den = np.zeros(next(iter(components.values())).shape)
    for name, values in components.items():
        w = float(weights.get(name, 0.0))
        if w:
            den += np.where(np.isnan(values), 0.0, w)
    total = sum(float(weights.get(name, 0.0)) for name in components)
    return 100.0 * den / total


def frame_at(arrays: RiskArrays, settings: Settings, column: int, forecast: fc.Forecast | None = None) -> pd.DataFrame:
    """Return one row per place for one evaluation day: skor (= peluang in %), tingkat, perkiraan, peluang, parts, components."""
    comps = {name: arrays.components[name][:, column] for name in COMPONENTS}
    kelengkapan = completeness(comps, settings.risk_weights)
    out = arrays.places.copy()
    if forecast is not None:
        out["perkiraan"] = np.round(forecast.perkiraan[:, column], 3)
        out["peluang"] = np.round(forecast.peluang[:, column], 4)
        for name in fc.EXPLAINED:
            out[f"bagian_{name}"] = np.round(forecast.parts[name][:, column], 3)
    out["skor"] = np.round(100.0 * forecast.peluang[:, column], 1) if forecast is not None else np.nan
    out["tingkat"] = band_of(out["skor"], settings.risk_thresholds)
    for name in COMPONENTS:
        out[name] = np.round(comps[name], 1)
    out["kelengkapan"] = np.round(kelengkapan, 0)
    out["komponen_kosong"] = [", ".join(c for c in COMPONENTS if np.isnan(comps[c][i])) for i in range(len(out))]
    for name, values in arrays.detail.items():
        out[name] = values[:, column]
    out["laporan_sumber"] = pd.Series(out["laporan_sumber"]).map({1: "desa", 2: "kecamatan", 0: None})
    return out


def compute_with_forecast(incidents, reports, calendar, settings, eval_days, places=None, border_km=None,
                          foreigners=None, horizon: int | None = None, refit: str = "M",
                          explain: bool = True) -> tuple[RiskArrays, fc.Forecast]:
    """Return the components and the forecast at eval_days (laporan and paparan also at the training origins)."""
    eval_days = np.unique(_days(eval_days))
    horizon = int(horizon or settings.forecast_horizon_days)
    arrays = compute_arrays(incidents, reports, calendar, settings, eval_days, places, border_km, foreigners)
    rows = fc.training_places(len(arrays.places), settings)
    grid = fc.training_grid(eval_days, settings, horizon)
    train = compute_arrays(incidents, reports, calendar, settings, grid, arrays.places.iloc[rows], border_km,
                           foreigners, indicators_only=True)
    forecast = fc.forecast_from_arrays(
        fc.index_events(incidents, arrays.places),
        fc.Panel(rows, train.eval_days, train.components["laporan"], train.components["paparan"]),
        fc.Panel(np.arange(len(arrays.places)), arrays.eval_days, arrays.components["laporan"],
                 arrays.components["paparan"]),
        calendar, arrays.places, settings, horizon, refit, explain)
    return arrays, forecast


def score_desa(
    incidents: pd.DataFrame,
    reports: pd.DataFrame,
    calendar: Calendar,
    settings: Settings,
    as_of: date | str,
    places: pd.DataFrame | None = None,
    border_km: pd.Series | None = None,
    foreigners: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return one row per desa scored on as_of from data dated before it (kode, nama, skor, tingkat, components…)."""
    arrays, forecast = compute_with_forecast(incidents, reports, calendar, settings, [pd.Timestamp(as_of)], places,
                                             border_km, foreigners)
    out = frame_at(arrays, settings, 0, forecast)
    out.insert(0, "as_of", pd.Timestamp(as_of))
    return out


def period_bounds(freq: str, start, end) -> tuple[pd.DatetimeIndex, pd.DatetimeIndex]:
    """Return (period starts, evaluation days = the day after each period ends) for weeks (Mon–Sun) or months."""
    if freq not in ("W", "M"):
        raise ValueError(f"Frekuensi tidak dikenal: {freq!r} (pakai 'W' atau 'M').")
    periods = pd.period_range(pd.Timestamp(start), pd.Timestamp(end), freq="W-SUN" if freq == "W" else "M")
    starts = periods.start_time.normalize()
    return pd.DatetimeIndex(starts), pd.DatetimeIndex(periods.end_time.normalize() + pd.Timedelta(days=1))


def _flat(values: np.ndarray, dtype=np.float64, decimals: int = 1) -> np.ndarray:
    # places × evals → evaluation-major rows, rounded in place to spare a 13M-row copy at national scale.
    flat = np.ascontiguousarray(values.T, dtype=dtype).ravel()  # one copy, already in row order
    return np.round(flat, decimals, out=flat)


def series_frame(arrays: RiskArrays, settings: Settings, periods: pd.DatetimeIndex | None = None,
                 forecast: fc.Forecast | None = None) -> pd.DataFrame:
    """Return the long table (periode, as_of, kode, kode_kecamatan, skor, tingkat, perkiraan, peluang, components…)."""
    n, k = len(arrays.places), len(arrays.eval_days)
    kelengkapan = completeness(arrays.components, settings.risk_weights)
    skor = 100.0 * forecast.peluang if forecast is not None else np.full((n, k), np.nan)
    place = np.tile(np.arange(n), k)
    as_of = pd.DatetimeIndex(arrays.eval_days.astype("datetime64[ns]"))
    kode = pd.Categorical(arrays.places["kode"])
    kec = pd.Categorical(arrays.places["kode_kecamatan"])
    nama = pd.Categorical(arrays.places["nama"])
    # Categoricals from codes: 13M rows at national scale would not fit as Python strings.
    out = pd.DataFrame(
        {
            "periode": np.repeat((periods if periods is not None else as_of).to_numpy(), n),
            "as_of": np.repeat(as_of.to_numpy(), n),
            "kode": pd.Categorical.from_codes(kode.codes[place], kode.categories),
            "nama": pd.Categorical.from_codes(nama.codes[place], nama.categories),
            "kode_kecamatan": pd.Categorical.from_codes(kec.codes[place], kec.categories),
            "skor": _flat(skor),
        }
    )
    out["tingkat"] = pd.Categorical.from_codes(band_codes(out["skor"].to_numpy(), settings.risk_thresholds),
                                               [*BANDS, "Tidak ada data"])
    if forecast is not None:
        out["perkiraan"] = _flat(forecast.perkiraan, np.float32, 3)
        out["peluang"] = _flat(forecast.peluang, np.float32, 4)
    for name in COMPONENTS:
        out[name] = _flat(arrays.components[name], np.float32)
    out["kelengkapan"] = _flat(kelengkapan, np.float32, 0)
    return out


def score_series(
    incidents: pd.DataFrame,
    reports: pd.DataFrame,
    calendar: Calendar,
    settings: Settings,
    freq: str = "W",
    start=None,
    end=None,
    places: pd.DataFrame | None = None,
    border_km: pd.Series | None = None,
    foreigners: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return one row per desa per week/month: the score known the day after the period ends (series_frame columns)."""
    dates = [d for d in (incidents.get("tanggal"), reports.get("periode_akhir")) if d is not None and len(d)]
    if start is None or end is None:
        if not dates:
            raise ValueError("Tidak ada data kejadian atau laporan: tentukan start dan end.")
        start = start or min(pd.Timestamp(d.min()) for d in dates)
        end = end or max(pd.Timestamp(d.max()) for d in dates)
    starts, eval_days = period_bounds(freq, start, end)
    # Refitted once a quarter: three years of weeks cost 12 fits instead of 36 (each fit still uses only
    # data before the first week it scores).
    arrays, forecast = compute_with_forecast(incidents, reports, calendar, settings, eval_days, places, border_km,
                                             foreigners, refit="Q", explain=False)
    return series_frame(arrays, settings, starts, forecast)
