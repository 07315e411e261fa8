"""The risk score on small hand-made tables: each component, missing data, roll-ups, no leakage."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics.risk.elections import parse_calendar
from analytics.risk.score import band_of, completeness, score_desa, score_series
from analytics.risk.rollup import score_kabupaten, score_kecamatan
from analytics.settings import default_settings

SETTINGS_DEFAULT = default_settings()
A, B, C = "65.02.01.2002", "65.02.01.2005", "65.02.03.2001"  # Mentarang, Mentarang, Pujungan (border)
PLACES = pd.DataFrame({"kode": [A, B, C], "nama": ["Long Bisai", "Pulau Sapi", "Long Aran"],
                       "kode_kecamatan": ["65.02.01", "65.02.01", "65.02.03"],
                       "kecamatan": ["Mentarang", "Mentarang", "Pujungan"]})
NO_ELECTIONS = parse_calendar({"pemilihan": []})
AS_OF = pd.Timestamp("2024-06-01")
REPORT_COLUMNS = ["periode_mulai", "periode_akhir", "level", "kode_kecamatan", "kode_desa", "indikator", "nilai"]
NO_REPORTS = pd.DataFrame(columns=REPORT_COLUMNS)


def kejadian(*rows) -> pd.DataFrame:
    """Build an incidents table from (days before AS_OF, kode_desa or None, kode_kecamatan, dead, injured, kategori)."""
    out = [{"tanggal": AS_OF - pd.Timedelta(days=d), "kode_desa": desa, "kode_kecamatan": kec,
            "korban_meninggal": dead, "korban_luka": hurt, "kategori": kat} for d, desa, kec, dead, hurt, kat in rows]
    return pd.DataFrame(out, columns=["tanggal", "kode_desa", "kode_kecamatan", "korban_meninggal", "korban_luka", "kategori"])


def score(incidents, reports=NO_REPORTS, calendar=NO_ELECTIONS, as_of=AS_OF, **overrides) -> pd.DataFrame:
    settings = SETTINGS_DEFAULT.model_copy(update={**overrides})
    return score_desa(incidents, reports, calendar, settings, as_of, places=PLACES).set_index("kode")


def test_quiet_desa_scores_zero_where_data_exists_and_nan_where_not():
    """A desa with no kejadian gets intensitas/lonjakan 0, laporan empty (not 0), kelengkapan 80%."""
    out = score(kejadian((30, A, "65.02.01", 1, 0, "kekerasan")))
    row = out.loc[B]
    assert (row["intensitas"], row["lonjakan"], row["pemilihan"], row["paparan"]) == (0.0, 0.0, 0.0, 0.0)
    assert np.isnan(row["laporan"]) and row["komponen_kosong"] == "laporan"
    # Weights available: 0.45 + 0.2 + 0.05 + 0.1 = 0.8 of 1.0.
    assert row["kelengkapan"] == 80.0
    # 30 days of data are too few to fit the model: the gamma-Poisson prior model gives B, with no kejadian,
    # the kabupaten rate ρ = 1 / (3 desa · 30 days) at prior weight κ = 180 days:
    # μ = 30·(0 + 180/90)/(30 + 180) = 0.285714, peluang = 1 − e^−0.285714 = 0.2485 → skor 24.9, Rendah (< 30).
    assert (row["perkiraan"], row["peluang"], row["skor"], row["tingkat"]) == (0.286, 0.2485, 24.9, "Rendah")
    # A had the kejadian: μ = 30·(1 + 2)/210 = 0.428571, peluang = 0.3486 → Sedang.
    assert (out.loc[A, "perkiraan"], out.loc[A, "peluang"], out.loc[A, "tingkat"]) == (0.429, 0.3486, "Sedang")


@pytest.mark.parametrize(
    "long_share, weight, expected",
    [
        # Short memory only: 6·2^(−30/30) = 3 → 100·(1 − 2^(−3/3)) = 50.0
        (0.0, 3.0, 50.0),
        # Default blend: long part 6·2^(−30/180)·(30/180) = 6·0.890899/6 = 0.890899;
        # S = ½·3 + ½·0.890899 = 1.945449 → 100·(1 − 2^(−0.648483)) = 100·(1 − 0.637967) = 36.2
        (0.5, 1.945449, 36.2),
    ],
)
def test_intensitas_decays_and_weighs_the_dead(long_share, weight, expected):
    """One kejadian 30 days ago with 1 dead (weight 1 + 5 = 6): halved by 30 days, blended with the 180-day memory."""
    out = score(kejadian((30, A, "65.02.01", 1, 0, "kekerasan")), risk_long_share=long_share)
    assert out.loc[A, "intensitas"] == expected
    assert out.loc[A, "bobot_kejadian"] == pytest.approx(weight, abs=1e-6)


def test_steady_rate_weighs_the_same_under_both_memories():
    """A desa with one kejadian a day for two years weighs about the same with or without the long memory (42.8 vs 41.7)."""
    rows = [(d, A, "65.02.01", 0, 0, "kekerasan") for d in range(1, 731)]
    short, blend = (score(kejadian(*rows), risk_long_share=x).loc[A, "bobot_kejadian"] for x in (0.0, 0.5))
    # Σ_(d=1..730) 2^(−d/h) = (1 − 2^(−730/h)) / (2^(1/h) − 1): 42.78 for h = 30 (tail negligible);
    # for h = 180: 259.19 · (1 − 2^(−4.056)) = 259.19 · 0.93986 = 243.60, × 30/180 = 40.60 (two years
    # do not fill the 180-day memory: 6 % is missing). Blend ½·42.78 + ½·40.60 = 41.69.
    assert short == pytest.approx(42.78, abs=0.01) and blend == pytest.approx(41.69, abs=0.01)


def test_kecamatan_level_kejadian_spread_to_each_desa_at_a_share():
    """A kejadian without desa, 30 days ago: each desa of its kecamatan gets 0.3 × 1, decayed."""
    out = score(kejadian((30, None, "65.02.01", 0, 0, "unjuk_rasa")))
    # short 0.3·½ = 0.15; long 0.3·2^(−1/6)·(30/180) = 0.044545; S = ½·0.15 + ½·0.044545 = 0.097272
    # → 100·(1 − 2^(−0.097272/3)) = 100·(1 − 0.977776) = 2.2; the other kecamatan's desa C gets nothing.
    assert out.loc[[A, B], "intensitas"].tolist() == [2.2, 2.2]
    assert out.loc[C, "intensitas"] == 0.0


def test_spike_after_a_quiet_year():
    """4 kejadian in 30 days after a quiet year is a spike (>95); the same 4 where 4 a month is usual is not (<50)."""
    usual = [(31 + 7 * i, B, "65.02.01", 0, 0, "kekerasan") for i in range(24)]  # 24 in the 180-day baseline
    recent = [(d, desa, "65.02.01", 0, 0, "kekerasan") for d in (3, 8, 15, 22) for desa in (A, B)]
    out = score(kejadian((400, C, "65.02.03", 0, 0, "lainnya"), *usual, *recent))
    # Kabupaten rate = (8 recent + 24 baseline) / (3 desa · 210 days) = 0.050794 per desa-day.
    # A: Gamma shape 0.050794·180 + 0 = 9.14 over 180 + 180 days → expects 9.14/360·30 = 0.76 in 30 days;
    #    4 is far above → P(X<4) ≈ 0.99 → lonjakan > 95.
    assert out.loc[A, "lonjakan"] > 95
    # B: shape 9.14 + 24 = 33.14 → expects 2.76 (its own 4 a month, pulled toward the kabupaten's 0.76):
    #    4 is only a little above → P(X<4) ≈ 0.7 → lonjakan ≈ 40, well below A.
    assert out.loc[B, "lonjakan"] < 50
    assert (out.loc[A, "kejadian_baru"], out.loc[A, "kejadian_dasar"], out.loc[B, "kejadian_dasar"]) == (4, 0, 24)


def test_spike_worked_value():
    """A lone desa: 4 kejadian after 180 quiet days → lonjakan 100·(2·0.99995 − 1) = 99.99 → 100.0."""
    out = score(kejadian((400, C, "65.02.03", 0, 0, "lainnya"), *[(d, A, "65.02.01", 0, 0, "kekerasan") for d in (3, 8, 15, 22)]))
    # rate = 4 / (3·210) = 0.0063492; shape = 1.142857; p = 0.923077; P0 = p^shape = 0.912578,
    # P1 = P0·1.142857·0.076923 = 0.080225, P2 = P1·(2.142857/2)·0.076923 = 0.006612,
    # P3 = P2·(3.142857/3)·0.076923 = 0.000533 → P(X<4) = 0.999948 → 100·(2·0.999948 − 1) = 99.99.
    assert out.loc[A, "lonjakan"] == 100.0


def test_same_events_before_and_after_a_vote():
    """The pemilihan indicator rises 10 days before A's vote; with no past election to learn from, the forecast does not."""
    calendar = parse_calendar({"pemilihan": [{"id": "pk", "nama": "Pilkades uji", "jenis": "pilkades", "putaran": [
        {"nama": "Tahap 1", "desa": [A], "tahapan": [
            {"tahap": "kampanye", "mulai": "2024-06-01", "selesai": "2024-06-11"},
            {"tahap": "pemungutan suara", "mulai": "2024-06-15", "selesai": "2024-06-15"}]}]}]})
    before, after = pd.Timestamp("2024-06-05"), pd.Timestamp("2024-09-20")
    rows = lambda as_of: kejadian(*[((AS_OF - as_of).days + d, A, "65.02.01", 0, 0, "pemilu") for d in (2, 5)])
    pre = score(rows(before), calendar=calendar, as_of=before)
    post = score(rows(after), calendar=calendar, as_of=after)
    # 5 June: 10 days to the vote → ramp 100·(1 − 10/90) = 88.9 > kampanye 60. 20 Sept: after the vote → 0.
    assert (pre.loc[A, "pemilihan"], post.loc[A, "pemilihan"], pre.loc[B, "pemilihan"]) == (88.9, 0.0, 0.0)
    assert pre.loc[A, "intensitas"] == post.loc[A, "intensitas"]
    # The election multiplier γ is learnt from past kejadian around past votes; this history has none, so γ = 0.
    assert pre.loc[A, "skor"] == post.loc[A, "skor"] and pre.loc[A, "bagian_pemilihan"] == 0.0
    assert pre.loc[A, "hari_ke_pemungutan"] == 10


def laporan(days_before_end: int, level: str, kode_desa, kec: str, values: dict) -> pd.DataFrame:
    end = AS_OF - pd.Timedelta(days=days_before_end)
    return pd.DataFrame([{"periode_mulai": end - pd.Timedelta(days=29), "periode_akhir": end, "level": level,
                          "kode_kecamatan": kec, "kode_desa": kode_desa, "indikator": k, "nilai": v}
                         for k, v in values.items()])


def test_reports_desa_else_kecamatan_else_missing():
    """A's own report is used; B falls back to its kecamatan's; C's 100-day-old report is stale → empty."""
    reports = pd.concat([
        laporan(5, "desa", A, "65.02.01", {"hoaks": 3, "unjuk_rasa": 0}),
        laporan(10, "kecamatan", None, "65.02.01", {"hoaks": 1, "unjuk_rasa": 1}),
        laporan(100, "desa", C, "65.02.03", {"hoaks": 3}),
    ])
    out = score(kejadian((30, A, "65.02.01", 0, 0, "kekerasan")), reports=reports)
    # A: [3, 0]/3 = [1, 0] → ½·max + ½·mean = 0.5 + 0.25 = 0.75 → 75.0
    # B: [1, 1]/3 → ½·⅓ + ½·⅓ = ⅓ → 33.3
    assert (out.loc[A, "laporan"], out.loc[B, "laporan"]) == (75.0, 33.3)
    assert (out.loc[A, "laporan_sumber"], out.loc[B, "laporan_sumber"]) == ("desa", "kecamatan")
    assert np.isnan(out.loc[C, "laporan"]) and out.loc[C, "kelengkapan"] == 80.0
    # C: border desa, no orang asing kejadian → paparan ½·1 = 50. Too little history to fit the model, so the
    # forecast is the prior model's (laporan and paparan enter only when validation shows they help): B and C alike.
    assert out.loc[C, "paparan"] == 50.0 and out.loc[C, "skor"] == out.loc[B, "skor"] == 24.9


def test_no_leakage_past_as_of():
    """Kejadian on or after as_of and reports ending on as_of change nothing."""
    base = kejadian((30, A, "65.02.01", 1, 0, "kekerasan"), (3, B, "65.02.01", 0, 2, "orang_asing"))
    future = kejadian((0, A, "65.02.01", 9, 9, "pemilu"), (-20, B, "65.02.01", 0, 0, "orang_asing"))
    reports = laporan(0, "desa", A, "65.02.01", {"hoaks": 3})
    plain = score(base)
    leaked = score(pd.concat([base, future], ignore_index=True), reports=reports)
    pd.testing.assert_frame_equal(plain, leaked)


@pytest.mark.parametrize("value, band", [(0, "Rendah"), (29.9, "Rendah"), (30, "Sedang"), (59.9, "Sedang"),
                                         (60, "Tinggi"), (79.9, "Tinggi"), (80, "Sangat Tinggi"),
                                         (100, "Sangat Tinggi"), (np.nan, "Tidak ada data")])
def test_band_edges(value, band):
    """Each threshold is the lower edge of its band on peluang in % (30 Sedang, 60 Tinggi, 80 Sangat Tinggi)."""
    assert band_of([value], SETTINGS_DEFAULT.risk_thresholds)[0] == band


def test_completeness_is_the_share_of_weight_with_a_known_value():
    """intensitas 0.45, lonjakan 0.2, pemilihan 0.05, paparan 0.1 known, laporan (0.2) missing → 80 %."""
    comps = {k: np.array([v, np.nan]) for k, v in
             {"intensitas": 60.0, "lonjakan": 0.0, "laporan": np.nan, "pemilihan": 100.0, "paparan": 50.0}.items()}
    assert completeness(comps, SETTINGS_DEFAULT.risk_weights).tolist() == pytest.approx([80.0, 0.0])


def test_no_kejadian_at_all_leaves_those_components_empty():
    """An empty store of kejadian gives intensitas and lonjakan empty, never a reassuring 0."""
    out = score(kejadian())
    assert out["intensitas"].isna().all() and out["lonjakan"].isna().all()
    assert (out["kelengkapan"] == 15.0).all()  # pemilihan 0.05 + paparan 0.1 of 1.0


def test_missing_column_is_refused():
    """A kejadian table without 'kategori' is a programming error, not a silent zero."""
    with pytest.raises(KeyError):
        score(kejadian((3, A, "65.02.01", 0, 0, "x")).drop(columns=["kategori"]))


def test_kecamatan_rollup_blends_max_and_mean():
    """Mentarang with desa at 80, 40, 30: ½·80 + ½·50 = 65 → Tinggi; 1 desa in Tinggi or above."""
    desa = pd.DataFrame({"kode": ["65.02.01.2002", "65.02.01.2005", "65.02.01.2006"], "nama": ["X", "Y", "Z"],
                         "kode_kecamatan": "65.02.01", "skor": [80.0, 40.0, 30.0],
                         "tingkat": ["Sangat Tinggi", "Sedang", "Sedang"], "intensitas": [100.0, 20.0, np.nan],
                         "lonjakan": 0.0, "laporan": np.nan, "pemilihan": 0.0, "paparan": 0.0, "kelengkapan": [100.0, 80.0, 60.0]})
    kec = score_kecamatan(desa, SETTINGS_DEFAULT).iloc[0]
    assert (kec["kode"], kec["nama"], kec["skor"], kec["tingkat"]) == ("65.02.01", "Mentarang", 65.0, "Tinggi")
    # intensitas over the desa where it exists: ½·100 + ½·60 = 80
    assert kec["intensitas"] == 80.0 and np.isnan(kec["laporan"]) and kec["kelengkapan"] == 80.0
    assert (kec["desa_tinggi"], kec["desa_tinggi_persen"], kec["desa_terburuk"]) == (1, 33.3, "X")
    kab = score_kabupaten(desa, SETTINGS_DEFAULT).iloc[0]
    assert kab["skor"] == 65.0 and kab["kecamatan_terburuk"] == "Mentarang"


def test_weekly_series_one_row_per_desa_per_week():
    """Four weeks × 3 desa = 12 rows, each scored the Monday after its week (data before it only)."""
    settings = SETTINGS_DEFAULT
    incidents = kejadian((20, A, "65.02.01", 0, 0, "kekerasan"))
    out = score_series(incidents, NO_REPORTS, NO_ELECTIONS, settings, "W", "2024-05-06", "2024-06-02", places=PLACES)
    assert len(out) == 12
    assert out["periode"].min() == pd.Timestamp("2024-05-06") and out["as_of"].min() == pd.Timestamp("2024-05-13")
    # The kejadian is on 12 May (Sunday): it counts from the week scored on 13 May onwards.
    first_a = out[(out["kode"] == A)].set_index("periode")["intensitas"]
    assert first_a.iloc[0] > 0
    with pytest.raises(ValueError, match="Frekuensi"):
        score_series(incidents, NO_REPORTS, NO_ELECTIONS, settings, "D", "2024-05-06", "2024-06-02", places=PLACES)
