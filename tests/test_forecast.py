"""The count forecast: its parts by hand, the fit on known processes, the probability, and no look at the future."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics.places.gazetteer import load_gazetteer
from analytics.risk import forecast as fc
from analytics.risk import forecast_fit as ff
from analytics.risk.elections import load_calendar
from analytics.risk.rollup import score_kabupaten, score_kecamatan
from analytics.risk.score import score_desa
from tests.test_risk import (
    AS_OF,
    NO_ELECTIONS,
    NO_REPORTS,
    PLACES,
    REPORT_COLUMNS,
    SETTINGS_DEFAULT,
    A,
    B,
    C,
    kejadian,
)

ORIGIN = np.array([np.datetime64(AS_OF.date(), "D")])


def test_parts_are_rates_per_30_days_by_hand():
    """A: kejadian 3, 8, 15, 60 and 200 days before; data start 400 days before (in C): each window's rate per 30 days."""
    incidents = kejadian((400, C, "65.02.03", 0, 0, "x"), *[(d, A, "65.02.01", 0, 0, "x") for d in (3, 8, 15, 60, 200)],
                         (20, None, "65.02.01", 0, 0, "x"))
    ev = fc.index_events(incidents, PLACES)
    x = {k: v[:, 0] for k, v in fc.base_features(ev, ORIGIN, len(PLACES), 1095).items()}
    assert x["dasar"].tolist() == [1.0, 1.0, 1.0]
    assert x["dua_minggu"][0] == pytest.approx(2 * 30 / 14)  # ages 3 and 8
    assert x["tiga_bulan"][0] == pytest.approx(4 * 30 / 91)  # ages 3, 8, 15, 60
    assert x["setahun"][0] == pytest.approx(5 * 30 / 365)
    assert x["riwayat"][0] == pytest.approx(5 * 30 / 400)  # the data cover 400 days, not the 1095-day window
    # Kecamatan Mentarang (A, B) in 91 days: A's 4 plus the kecamatan-only kejadian = 5, over 2 desa.
    assert x["kecamatan"][:2] == pytest.approx([5 / 2 * 30 / 91] * 2) and x["kecamatan"][2] == 0.0
    assert x["riwayat"][1] == 0.0 and x["riwayat"][2] == pytest.approx(30 / 400)


def test_targets_count_the_horizon_from_the_origin_on():
    """Kejadian on the origin day and 29 days later count for a 30-day horizon; the day before and day 30 do not."""
    incidents = kejadian(*[(d, A, "65.02.01", 0, 0, "x") for d in (1, 0, -29, -30)])
    ev = fc.index_events(incidents, PLACES)
    assert fc.target_counts(ev, ORIGIN, len(PLACES), 30)[:, 0].tolist() == [2.0, 0.0, 0.0]


def test_training_origins_end_their_horizon_before_as_of():
    """Every training origin lies on the shared 14-day grid, its 30-day horizon over before as_of, after 30 days of data."""
    as_of, first = np.datetime64("2024-06-01"), np.datetime64("2023-01-01")
    origins = fc.training_origins(as_of, 30, first, SETTINGS_DEFAULT)
    assert (origins + np.timedelta64(30, "D") <= as_of).all() and (origins >= first + np.timedelta64(30, "D")).all()
    assert (np.diff(origins).astype(int) == 14).all() and ((origins - fc.EPOCH).astype(int) % 14 == 0).all()
    assert as_of - np.timedelta64(30, "D") - origins[-1] < np.timedelta64(14, "D")
    assert len(fc.training_origins(as_of, 30, None, SETTINGS_DEFAULT)) == 0


@pytest.mark.parametrize("mu, alpha, expected", [(1.0, 0.0, 1 - np.exp(-1)), (1.0, 1.0, 0.5), (0.0, 0.5, 0.0),
                                                 (2.0, 0.5, 1 - 2 ** -2)])
def test_probability_of_at_least_one(mu, alpha, expected):
    """Poisson: 1 − e^−μ; negative binomial: 1 − (1 + αμ)^(−1/α), e.g. μ 1, α 1 → ½; μ 2, α ½ → 1 − 2^−2."""
    assert ff.probability_any(np.array([mu]), alpha)[0] == pytest.approx(expected)


def test_fit_recovers_a_known_additive_process():
    """μ = (1 + 0.8·e)·(0.2 + 0.5·x1 + 0·x2), 40,000 Poisson rows: the fit finds β ≈ (0.2, 0.5, 0), γ ≈ 0.8."""
    rng = np.random.default_rng(3)
    n = 40_000
    x = {"dasar": np.ones(n), "x1": rng.gamma(1.0, 1.0, n), "x2": rng.gamma(1.0, 1.0, n)}
    e = (rng.random(n) < 0.3) * 1.0
    y = rng.poisson((1 + 0.8 * e) * (0.2 + 0.5 * x["x1"]))
    fit = ff.fit_counts(x, e, y.astype(float), ("dasar", "x1", "x2"))
    assert fit.beta == pytest.approx([0.2, 0.5, 0.0], abs=0.03) and fit.gamma == pytest.approx(0.8, abs=0.1)
    assert fit.alpha < 0.05  # Poisson counts: no over-dispersion found
    parts = fit.contributions({k: v[:5] for k, v in x.items()}, e[:5])
    assert sum(parts.values()) == pytest.approx(fit.mean({k: v[:5] for k, v in x.items()}, e[:5]))


def test_fit_finds_over_dispersion():
    """Gamma-mixed Poisson counts with Var = μ + 0.5·μ²: the negative-binomial α comes out near 0.5."""
    rng = np.random.default_rng(4)
    n = 40_000
    x = {"dasar": np.ones(n), "x1": rng.gamma(1.0, 1.0, n)}
    mu = 0.5 + x["x1"]
    y = rng.poisson(mu * rng.gamma(2.0, 0.5, n))
    fit = ff.fit_counts(x, np.zeros(n), y.astype(float), ("dasar", "x1"))
    assert fit.alpha == pytest.approx(0.5, abs=0.08)


def test_validation_keeps_a_part_that_helps_and_drops_noise():
    """Rolling-origin validation inside the training rows keeps an informative laporan, drops a pure-noise paparan."""
    rng = np.random.default_rng(5)
    n_places, n_origins = 200, 40
    origin = np.repeat(np.arange(n_origins) * 14, n_places)
    n = len(origin)
    x = {"dasar": np.ones(n), "riwayat": rng.gamma(1.0, 0.5, n), "laporan": rng.random(n), "paparan": rng.random(n)}
    y = rng.poisson(0.1 + 0.5 * x["riwayat"] + 1.5 * x["laporan"]).astype(float)
    parts = ff.select_parts(x, np.zeros(n), y, origin, ("dasar", "riwayat"), ("laporan", "paparan"), 10, 30)
    assert parts == ("dasar", "riwayat", "laporan")


def _world(seed: int, places: pd.DataFrame) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 600
    idx = rng.choice(len(places), n, p=rng.dirichlet(np.full(len(places), 0.5)))
    kode = places["kode"].to_numpy()[idx].astype(object)
    kode[rng.random(n) < 0.05] = None
    return pd.DataFrame({"tanggal": pd.Timestamp("2022-06-01") + pd.to_timedelta(rng.integers(0, 800, n), unit="D"),
                         "kode_desa": kode, "kode_kecamatan": places["kode_kecamatan"].to_numpy()[idx],
                         "korban_meninggal": rng.poisson(0.1, n), "korban_luka": rng.poisson(0.3, n),
                         "kategori": rng.choice(["kekerasan", "orang_asing", "pemilu"], n)})


# forecast_max_rows 500 → the model is fitted on a sample of 20 desa (the national-scale path, here on 109 desa)
SAMPLED = SETTINGS_DEFAULT.model_copy(update={"forecast_max_rows": 500})


@pytest.mark.parametrize("seed, settings", [(1, SETTINGS_DEFAULT), (2, SETTINGS_DEFAULT), (3, SETTINGS_DEFAULT),
                                            (4, SAMPLED)])
def test_nothing_on_or_after_as_of_changes_any_forecast(seed, settings):
    """Random kejadian, laporan and orang asing rows dated on or after as_of change no column of any desa's forecast."""
    places = load_gazetteer().desa[["kode", "nama", "kode_kecamatan", "kecamatan"]]
    rng = np.random.default_rng(100 + seed)
    as_of = pd.Timestamp("2024-03-01") + pd.Timedelta(days=int(rng.integers(0, 200)))
    past = _world(seed, places)
    past = past[past["tanggal"] < as_of]
    future = _world(seed + 50, places)
    future = future.assign(tanggal=as_of + pd.to_timedelta(rng.integers(0, 90, len(future)), unit="D"))
    kec = places["kode_kecamatan"].iloc[0]

    def reports(end):
        return pd.DataFrame([{"periode_mulai": end - pd.Timedelta(days=29), "periode_akhir": end, "level": "kecamatan",
                              "kode_kecamatan": kec, "kode_desa": None, "indikator": "hoaks", "nilai": 3.0}],
                            columns=REPORT_COLUMNS)

    def register(end):
        return pd.DataFrame([{"periode_akhir": end, "kode_kecamatan": kec, "kode_desa": None, "dokumen": "tanpa_dokumen",
                              "jumlah": 40}])

    calendar = load_calendar()
    plain = score_desa(past, reports(as_of - pd.Timedelta(days=10)), calendar, settings, as_of, places=places,
                       foreigners=register(as_of - pd.Timedelta(days=20)))
    leaked = score_desa(pd.concat([past, future], ignore_index=True),
                        pd.concat([reports(as_of - pd.Timedelta(days=10)), reports(as_of)], ignore_index=True),
                        calendar, settings, as_of, places=places,
                        foreigners=pd.concat([register(as_of - pd.Timedelta(days=20)), register(as_of)]))
    assert plain["peluang"].notna().all() and plain["perkiraan"].sum() > 0
    pd.testing.assert_frame_equal(plain, leaked)


def test_kecamatan_chance_is_any_of_its_desa_and_counts_add_up():
    """Desa at 50%, 20% and 10%: the kecamatan's peluang is 1 − 0.5·0.8·0.9 = 64%, perkiraan the sum, band on it."""
    desa = pd.DataFrame({"kode": [A, B, "65.02.01.2006"], "nama": ["X", "Y", "Z"], "kode_kecamatan": "65.02.01",
                         "skor": [50.0, 20.0, 10.0], "peluang": [0.5, 0.2, 0.1], "perkiraan": [0.9, 0.25, 0.1],
                         "tingkat": ["Sedang", "Rendah", "Rendah"], "intensitas": 0.0, "lonjakan": 0.0,
                         "laporan": np.nan, "pemilihan": 0.0, "paparan": 0.0, "kelengkapan": 80.0})
    kec = score_kecamatan(desa, SETTINGS_DEFAULT).iloc[0]
    assert (kec["peluang"], kec["skor"], kec["perkiraan"], kec["tingkat"]) == (0.64, 64.0, 1.25, "Tinggi")
    assert kec["desa_terburuk"] == "X"
    assert score_kabupaten(desa, SETTINGS_DEFAULT).iloc[0]["peluang"] == 0.64


def test_setting_a_part_off_removes_it_from_the_forecast():
    """forecast_parts_off=['dua_minggu'] leaves that part at 0 for every desa (the ablation switch of the bench)."""
    places = load_gazetteer().desa[["kode", "nama", "kode_kecamatan", "kecamatan"]]
    incidents = _world(7, places)
    settings = SETTINGS_DEFAULT.model_copy(update={"forecast_parts_off": ["dua_minggu"]})
    out = score_desa(incidents, NO_REPORTS, NO_ELECTIONS, settings, "2024-08-01", places=places)
    assert (out["bagian_dua_minggu"] == 0).all() and out["peluang"].notna().all()
    parts = out[[c for c in out.columns if c.startswith("bagian_")]].sum(axis=1)
    assert (parts - out["perkiraan"]).abs().max() < 0.01  # the parts add up to the perkiraan


def test_a_subset_of_places_keeps_its_own_kejadian_and_every_kecamatan_kejadian():
    """Rows [0, 2] of (A, B, C): A's kejadian stay at 0, C's move to 1, B's go; kecamatan-level kejadian all stay."""
    incidents = kejadian((5, A, "65.02.01", 0, 0, "x"), (6, B, "65.02.01", 0, 0, "x"), (7, C, "65.02.03", 0, 0, "x"),
                         (8, None, "65.02.01", 0, 0, "x"))
    ev = fc.index_events(incidents, PLACES)
    sub = fc.subset_events(ev, np.array([0, 2]), len(PLACES))
    assert sorted(sub.desa.tolist()) == [0, 1] and len(sub.kec) == len(ev.kec) == 4
    assert sub.kec_of_desa.tolist() == [ev.kec_of_desa[0], ev.kec_of_desa[2]]
    full = fc.base_features(ev, ORIGIN, len(PLACES), 1095)
    part = fc.base_features(sub, ORIGIN, 2, 1095)
    for name, values in part.items():  # the sampled desa get exactly the parts they have in the full computation
        assert values[:, 0].tolist() == pytest.approx(full[name][[0, 2], 0].tolist()), name


def test_the_model_is_fitted_on_every_desa_of_malinau_and_on_a_fixed_sample_at_national_scale():
    """Default settings: 109 desa all take part; 83,000 desa: 2·40,000 / (730 / 14) → 1,539 sampled, the same each run."""
    assert fc.training_places(109, SETTINGS_DEFAULT).tolist() == list(range(109))
    sample = fc.training_places(83_000, SETTINGS_DEFAULT)
    assert len(sample) == -(-2 * 40_000 // (730 // 14)) == 1_539
    assert (np.diff(sample) > 0).all() and sample.tolist() == fc.training_places(83_000, SETTINGS_DEFAULT).tolist()
