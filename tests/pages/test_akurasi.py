"""Akurasi: the backtest in plain words first (computed shares), then the chart and the tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pagetest import store_url, open_app, texts  # noqa: F401 (store_url is a fixture)

from analytics.views.accuracy import accuracy_table, describe_recall, format_percent, summarise_recall, verdict
from analytics.risk.backtest import BacktestResult

PAGE = "pages/akurasi.py"


def hand_result() -> BacktestResult:
    """Three months: 2, 0 and 4 desa with kejadian; the top 10 caught 1+0+1 (skor), 0+0+2 (bulan lalu), 2+0+1."""
    monthly = pd.DataFrame({
        "bulan": ["2025-04", "2025-05", "2025-06"],
        "positif": [2, 0, 4],
        "skor_r_at_k": [0.5, math.nan, 0.25], "bulan_lalu_r_at_k": [0.0, math.nan, 0.5],
        "rata_12_r_at_k": [1.0, math.nan, 0.25],
    })
    for model in ("skor", "bulan_lalu", "rata_12"):
        for metric in ("ap", "p_at_k", "brier"):
            monthly[f"{model}_{metric}"] = 0.1
    averages = monthly.drop(columns=["bulan"]).mean(numeric_only=True).to_frame().T
    averages.insert(0, "bulan", "rata-rata")
    return BacktestResult(monthly=monthly, averages=averages, top_k=10)


def test_headline_pools_the_months_by_hand():
    """6 desa-months with kejadian: skor caught 2 (33%), bulan lalu 2 (33%), rata-rata 12 bulan 3 (50%)."""
    summary = summarise_recall(hand_result(), months=12)
    assert summary.months == 3 and summary.positives == 6
    assert [format_percent(summary.share[m]) for m in ("skor", "bulan_lalu", "rata_12")] == ["33%", "33%", "50%"]
    text = describe_recall(summary)
    assert text.startswith("Dalam 3 bulan terakhir (2025-04 s.d. 2025-06), 10 desa teratas menurut skor memuat 33%")
    assert "pembanding 'bulan lalu' 33%" in text
    assert verdict(summary) == "Skor risiko sama baiknya dengan pembanding 'bulan lalu'."


@pytest.mark.parametrize("months, expected_positives", [(1, 4), (2, 4), (12, 6)])
def test_headline_counts_only_the_last_months(months, expected_positives):
    """Only the last N months count: 1 month → June's 4 desa; 2 months → 0 + 4."""
    assert summarise_recall(hand_result(), months=months).positives == expected_positives


def test_no_positive_month_says_it_cannot_be_measured():
    """Months without any kejadian give a sentence saying accuracy cannot be measured, and no verdict."""
    result = hand_result()
    quiet = BacktestResult(result.monthly.iloc[[1]], result.averages, 10)
    summary = summarise_recall(quiet)
    assert "belum dapat diukur" in describe_recall(summary)
    assert verdict(summary) == ""


def test_table_names_models_and_metrics_in_indonesian():
    """The averages table has one row per model with Indonesian metric names."""
    table = accuracy_table(hand_result())
    assert table["Model"].tolist() == ["Skor risiko", "Pembanding: bulan lalu", "Pembanding: rata-rata 12 bulan"]
    assert "Cakupan @10" in table.columns and "Presisi @10" in table.columns


def test_short_history_says_why_there_is_no_backtest(store_url):
    """Five months of data are too few (the backtest needs a year of history): the page says so, no traceback."""
    at = open_app("analis", PAGE)
    assert not at.exception
    assert any(i.value.startswith("Akurasi belum dapat dihitung") for i in at.info)
    assert not at.metric


def test_demo_store_shows_words_metrics_chart_and_tables(tmp_path, monkeypatch):
    """With three years of demo data the page opens with the sentence, three % metrics and both tables."""
    from analytics.auth import create_user
    from analytics.store.db import open_store
    from analytics.demo.generate import load_demo

    url = f"sqlite:///{(tmp_path / 'demo.db').as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = open_store(url)
    load_demo(engine)
    create_user(engine, "uji_analis", "uji-kata-sandi-123", "analis")
    engine.dispose()
    at = open_app("analis", PAGE, timeout=300)
    assert not at.exception
    assert "Dalam 12 bulan terakhir" in texts(at) and "10 desa teratas menurut skor memuat" in texts(at)
    assert [m.label for m in at.metric] == ["Skor risiko", "Pembanding: bulan lalu", "Pembanding: rata-rata 12 bulan"]
    assert all(m.value.endswith("%") for m in at.metric)
    assert len(at.dataframe) == 2 and len(at.dataframe[1].value) >= 12


def test_pimpinan_has_no_akurasi_page(store_url):
    """The accuracy page is for analysts and administrators only."""
    at = open_app("pimpinan")
    with pytest.raises(ValueError):
        at.switch_page(PAGE)


def test_headline_verdict_and_table_in_english():
    """lang='en': the same pooled numbers (33%, 33%, 50%) in an English sentence, verdict and model names."""
    summary = summarise_recall(hand_result(), months=12)
    text = describe_recall(summary, "en")
    assert text.startswith("Over the last 3 months (2025-04 to 2025-06), the top 10 desa by score held 33%")
    assert "the 'last month' baseline 33%, the '12-month average' baseline 50%" in text
    assert verdict(summary, "en") == "The risk score does as well as the 'last month' baseline."
    table = accuracy_table(hand_result(), "en")
    assert table["Model"].tolist() == ["Risk score", "Baseline: last month", "Baseline: 12-month average"]
    assert "Recall @10" in table.columns and "Precision @10" in table.columns


def test_english_switch_shows_english_page(store_url):
    """Switched to English the title is English and the too-short-history notice starts in English."""
    at = open_app("analis", PAGE)
    at.radio(key="lang").set_value("en").run()  # the language switch in the sidebar
    assert not at.exception
    assert "Accuracy of the risk score" in [t.value for t in at.title]
    assert any(i.value.startswith("Accuracy cannot be computed yet: ") for i in at.info)
