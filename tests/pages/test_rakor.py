"""Rakor: the 'Sejak Rakor terakhir' agenda, recording a meeting whose decisions open and update cases.

The store is test_tindak_lanjut's: case #1 (Pulau Sapi, opened 30 days ago, 10 days overdue) and
case #2 (Malinau Kota, opened today, due in 30 days).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from pagetest import open_app, texts
from analytics import clock
from analytics.views.plain_words import format_date
from test_tindak_lanjut import LONG_BISAI, seed_cases


@pytest.fixture
def case_url(tmp_path, monkeypatch) -> str:
    """The two-case store, opened by the app under test through DATABASE_URL."""
    url = f"sqlite:///{(tmp_path / 'rakor.db').as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    seed_cases(url)
    return url


def metrics(at) -> dict[str, str]:
    """Return the page's metrics as label → value."""
    return {m.label: m.value for m in at.metric}


def test_agenda_without_a_rakor_uses_the_last_30_days(case_url):
    """With no Rakor yet the agenda covers 30 days: case #2 was opened in it and case #1 is overdue."""
    at = open_app("analis", "pages/rakor.py")
    assert not at.exception
    since = clock.today() - timedelta(days=30)
    assert f"Belum ada Rakor tercatat: 30 hari terakhir ({format_date(since)} – {format_date(clock.today())})." in texts(at)
    shown = metrics(at)
    assert shown["Tindak lanjut dibuka"] == "1" and shown["Lewat tenggat"] == "1"
    assert shown["Tindak lanjut selesai"] == "0"
    assert "Belum ada Rakor yang dicatat." in texts(at)


def test_a_decision_opens_a_case_and_the_agenda_lists_it(case_url):
    """A Rakor 14 days ago decides on Long Bisai (due 7 days ago) and moves case #2: the agenda shows both."""
    at = open_app("analis", "pages/rakor.py")
    at.number_input(key="rk_n").set_value(2).run()
    held = clock.today() - timedelta(days=14)
    at.date_input(key="rk_date").set_value(held)
    at.multiselect(key="rk_peserta").set_value(["Polres Malinau", "Camat"])
    at.text_area(key="rk_text_0").input("Tim gabungan turun ke Long Bisai")
    at.selectbox(key="rk_place_0").set_value(LONG_BISAI)
    at.selectbox(key="rk_instansi_0").set_value("Kodim 0910/Malinau")
    at.date_input(key="rk_due_0").set_value(clock.today() - timedelta(days=7))
    at.text_area(key="rk_text_1").input("Camat memulai dialog")
    at.selectbox(key="rk_case_1").set_value(2)
    at.selectbox(key="rk_status_1").set_value("dalam penanganan")
    [b for b in at.button if b.label == "Simpan Rakor"][0].click().run()
    assert not at.exception
    assert "Rakor #1 disimpan." in [s.value for s in at.success]
    assert f"Sejak Rakor {format_date(held)} sampai {format_date(clock.today())}." in texts(at)
    assert metrics(at)["Lewat tenggat"] == "2"  # case #1 and the new Long Bisai case, 7 days late
    case_tables = [d.value for d in at.dataframe if "tanda" in d.value.columns]
    assert case_tables[0]["tempat"].tolist() == ["Kec. Malinau Kota"]  # opened since the Rakor (today)
    overdue = case_tables[-1]
    assert overdue["tempat"].tolist() == ["Pulau Sapi, Kec. Mentarang", "Long Bisai, Kec. Mentarang"]
    assert overdue["tanda"].tolist() == ["🔴 LEWAT TENGGAT 10 hari", "🔴 LEWAT TENGGAT 7 hari"]
    history = next(d.value for d in at.dataframe if "jumlah_keputusan" in d.value.columns)
    assert history["jumlah_keputusan"].tolist() == [2]
    assert history["peserta"].tolist() == ["Polres Malinau, Camat"]


def test_pimpinan_reads_the_agenda_without_the_form_or_free_text(case_url):
    """pimpinan see the agenda numbers and the overdue case by its generated title; no form, no names."""
    at = open_app("pimpinan", "pages/rakor.py")
    assert not at.exception
    assert metrics(at)["Lewat tenggat"] == "1"
    assert "Catat Rakor" not in [s.value for s in at.subheader]
    shown = texts(at) + "".join(d.value.to_string() for d in at.dataframe)
    assert "Rahasia" not in shown
    assert not [b for b in at.button if b.label == "Simpan Rakor"]
