"""Akurasi: the honest backtest in plain words (verdict against the best baseline), reliability, tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pagetest import shown_cells, store_url, open_app, texts  # noqa: F401 (store_url is a fixture)

from analytics.risk.backtest import ForecastBacktest
from analytics.risk.forecast_metrics import reliability_table
from analytics.views.accuracy import (ap_figure, calibration_sentence, reliability_figure, reliability_frame,
                                      summary_table, verdict)

PAGE = "pages/akurasi.py"
MODELS = ("model", "bulan_lalu", "rata_12", "klimatologi")


def hand_result(diff: float, lo: float, hi: float, won: int = 2) -> ForecastBacktest:
    """Three months; model AP 0.60, rata_12 the best baseline at 0.60 − diff; the interval given by hand."""
    monthly = pd.DataFrame({"bulan": ["2025-04", "2025-05", "2025-06"], "positif": [2, 1, 4]})
    for model in MODELS:
        for metric in ("ap", "p_at_k", "r_at_k", "brier", "logloss"):
            monthly[f"{model}_{metric}"] = 0.5
    summary = pd.DataFrame({m: {"ap": 0.6 if m == "model" else (0.6 - diff if m == "rata_12" else 0.3),
                                "p_at_k": 0.5, "r_at_k": 0.4, "brier": 0.15 if m == "model" else 0.2,
                                "logloss": 0.5, "ece": 0.031} for m in MODELS}).T
    comparison = pd.DataFrame({b: {"selisih_ap": diff if b == "rata_12" else 0.3, "bawah": lo if b == "rata_12" else 0.2,
                                   "atas": hi if b == "rata_12" else 0.4, "bulan_menang": won, "bulan": 3}
                               for b in MODELS[1:]}).T
    p = np.array([0.05, 0.15, 0.15, 0.85])
    return ForecastBacktest(monthly=monthly, summary=summary, comparison=comparison,
                            reliability=reliability_table(p, np.array([0, 0, 1, 1])), best_baseline="rata_12",
                            top_k=10, partial_month="2025-07")


@pytest.mark.parametrize("diff, lo, hi, better, start", [
    (0.04, 0.01, 0.07, True, "Model perkiraan mengalahkan pembanding terbaik (Pembanding: rata-rata 12 bulan)"),
    (0.01, -0.01, 0.03, False, "Model perkiraan BELUM TERBUKTI lebih baik daripada pembanding terbaik"),
    (-0.02, -0.05, 0.01, False, "Model perkiraan TIDAK lebih baik daripada pembanding terbaik"),
])
def test_verdict_says_plainly_whether_the_model_beats_the_best_baseline(diff, lo, hi, better, start):
    """Better only when the whole 95% interval of the AP difference is above zero; otherwise said plainly."""
    sentence, is_better = verdict(hand_result(diff, lo, hi))
    assert is_better is better and sentence.startswith(start)
    assert f"{hi:+.3f}".replace(".", ",") in sentence and "dari 3 bulan" in sentence
    assert "bobot" not in sentence and "Pengaturan" not in sentence  # never an invitation to tune against it


def test_verdict_in_english():
    """lang='en' gives the English sentence with points as decimal marks."""
    sentence, _ = verdict(hand_result(-0.02, -0.05, 0.01), "en")
    assert sentence.startswith("The forecast model is NOT better than the best baseline (Baseline: 12-month average)")
    assert "-0.020" in sentence


def test_calibration_sentence_and_tables():
    """ECE in percentage points, Brier against climatology; the table lists all four models with six metrics."""
    result = hand_result(0.04, 0.01, 0.07)
    assert calibration_sentence(result) == ("Peluang: galat kalibrasi (ECE) 3,1 poin persen; skor Brier 0,150 "
                                            "(klimatologi 0,200, makin kecil makin baik).")
    table = summary_table(result)
    assert table["Model"].tolist() == ["Model perkiraan", "Pembanding: bulan lalu", "Pembanding: rata-rata 12 bulan",
                                       "Pembanding: klimatologi"]
    assert list(table.columns[1:]) == ["Presisi rata-rata (AP)", "Presisi @10", "Cakupan @10", "Brier", "Log-loss", "ECE"]


def test_reliability_table_and_figure_by_hand():
    """Probabilities 5%, 15%, 15%, 85% with outcomes 0, 0, 1, 1: bins 0–10% (0 of 1), 10–20% (1 of 2), 80–90% (1 of 1)."""
    result = hand_result(0.04, 0.01, 0.07)
    frame = reliability_frame(result)
    used = frame[frame["Desa-bulan"] > 0]
    assert used["Peluang"].tolist() == ["0–10%", "10–20%", "80–90%"]
    assert used["Benar terjadi (%)"].tolist() == [0.0, 50.0, 100.0] and used["Rata-rata peluang (%)"].tolist() == [5.0, 15.0, 85.0]
    fig = reliability_figure(result)
    diagonal, points = fig.data
    assert list(diagonal.x) == [0, 100] and list(points.x) == [5.0, 15.0, 85.0] and list(points.y) == [0.0, 50.0, 100.0]


def test_ap_figure_draws_one_line_per_model():
    """The monthly chart has the model and the three baselines, months on a category axis named in Indonesian."""
    fig = ap_figure(hand_result(0.04, 0.01, 0.07))
    assert [trace.name for trace in fig.data] == ["Model perkiraan", "Pembanding: bulan lalu",
                                                  "Pembanding: rata-rata 12 bulan", "Pembanding: klimatologi"]
    assert list(fig.data[0].x) == ["2025-04", "2025-05", "2025-06"] and fig.layout.xaxis.type == "category"
    assert list(fig.layout.xaxis.ticktext) == ["Apr 2025", "Mei", "Jun"] and list(fig.data[0].customdata)[1] == "Mei 2025"
    assert list(ap_figure(hand_result(0.04, 0.01, 0.07), "en").layout.xaxis.ticktext) == ["Apr 2025", "May", "Jun"]


def test_short_history_says_why_there_is_no_backtest(store_url):
    """Five months of data are too few (the backtest needs a year of history): the page says so, no traceback."""
    at = open_app("analis", PAGE)
    assert not at.exception
    assert any(i.value.startswith("Akurasi belum dapat dihitung") for i in at.info)
    assert not at.metric


def test_demo_store_shows_verdict_metrics_reliability_and_tables(tmp_path, monkeypatch):
    """With the demo data the page opens with the verdict, four metrics, the reliability table and both tables."""
    from analytics.auth import create_user
    from analytics.demo.generate import load_demo
    from analytics.store.db import open_store

    url = f"sqlite:///{(tmp_path / 'demo.db').as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = open_store(url)
    load_demo(engine)
    create_user(engine, "uji_analis", "uji-kata-sandi-123", "analis")
    engine.dispose()
    at = open_app("analis", PAGE, timeout=600)
    assert not at.exception
    shown = texts(at)
    assert "pembanding terbaik" in shown and "galat kalibrasi (ECE)" in shown
    assert "tidak pernah disetel terhadap hasil di halaman ini" in shown and "bobot" not in shown
    assert "Bulan Juni 2025 tidak diuji" in shown  # the demo's last, partial month, in words
    assert [m.label for m in at.metric][:1] == ["AP model"] and len(at.metric) == 4
    reliability = shown_cells(at.table[0])  # ten bins as the reader sees them: "8,2", an empty bin "—", never "None"
    assert len(reliability) == 10 and "None" not in reliability.to_numpy() and "nan" not in reliability.to_numpy()
    assert reliability["Rata-rata peluang (%)"].str.fullmatch(r"\d+(,\d)?|—").all()
    assert len(at.dataframe) == 2 and len(at.dataframe[1].value) >= 12


def test_pimpinan_has_no_akurasi_page(store_url):
    """The accuracy page is for analysts and administrators only."""
    at = open_app("pimpinan")
    with pytest.raises(ValueError):
        at.switch_page(PAGE)


def test_english_switch_shows_english_page(store_url):
    """Switched to English the title is English and the too-short-history notice starts in English."""
    at = open_app("analis", PAGE)
    at.radio(key="lang").set_value("en").run()  # the language switch in the sidebar
    assert not at.exception
    assert any(i.value.startswith("Accuracy cannot be computed yet: ") for i in at.info)


def test_a_setting_change_re_evaluates_the_backtest_on_the_next_visit(tmp_path, monkeypatch):
    """As an analyst would: read the AP, have the admin shorten the training window, open Akurasi again.

    The page must show the backtest of the NEW setting (the same figure the backtest gives when run
    directly on the stored inputs), over the same complete months, and still not invite tuning.
    """
    from analytics.auth import create_user
    from analytics.demo.generate import load_demo
    from analytics.risk.backtest import run_forecast_backtest
    from analytics.risk.inputs import read_risk_inputs
    from analytics.store.db import open_store

    url = f"sqlite:///{(tmp_path / 'demo.db').as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = open_store(url)
    load_demo(engine)
    for role in ("analis", "admin"):
        create_user(engine, f"uji_{role}", "uji-kata-sandi-123", role)

    def shown_ap() -> tuple[str, str]:
        at = open_app("analis", PAGE, timeout=600)
        assert not at.exception
        return at.metric[0].value, texts(at)

    before, _ = shown_ap()
    admin = open_app("admin", "pages/pengaturan.py")
    assert admin.number_input(key="set_forecast_train_days").value == 730
    admin.number_input(key="set_forecast_train_days").set_value(120)
    admin.button(key="simpan_risiko").click().run()
    assert not admin.exception
    after, shown = shown_ap()

    direct = run_forecast_backtest(read_risk_inputs(engine), top_k=10)
    engine.dispose()
    def as_number(text: str) -> float:
        return float(text.replace(",", "."))  # the metric may be written with a decimal comma

    assert as_number(after) == pytest.approx(direct.summary.loc["model", "ap"], abs=0.005)
    assert as_number(before) != pytest.approx(direct.summary.loc["model", "ap"], abs=0.005)
    assert "tidak pernah disetel terhadap hasil di halaman ini" in shown and "bobot" not in shown
    assert "Bulan Juni 2025 tidak diuji" in shown  # the demo's last, partial month, in words
