"""Tindak Lanjut: overdue cases first and marked red, open from an alert, act, close; pimpinan read a redacted view.

The store is pagetest's, with the thresholds lowered to Tinggi ≥ 15 so that Long Bisai (1 dead, 2 hurt on
10/03 and 3 hurt on 15/01: score about 20) is an alert and Pulau Sapi (1 hurt: about 9) is not, plus two cases:
  #1 Pulau Sapi, Polres Malinau, due 10 days ago, 'dalam penanganan'  → overdue by 10 days;
  #2 Malinau Kota, Camat, due in 30 days, 'baru'                       → on time.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from pagetest import open_app, seed_store, texts
from analytics import clock
from analytics.penanganan import cases
from analytics.settings import write_setting

LONG_BISAI, PULAU_SAPI, MALINAU_KOTA = "65.02.01.2002", "65.02.01.2005", "65.02.02"
SECRET = "Pak Rahasia menolak hadir"


def seed_cases(url: str) -> None:
    """Add the lowered thresholds and the two cases of the module docstring to the store at url."""
    engine = seed_store(url)
    write_setting(engine, "risk_thresholds", {"Sedang": 5, "Tinggi": 15, "Sangat Tinggi": 75}, "uji")
    today = clock.today()
    late = cases.open_case(engine, user="uji", places=[PULAU_SAPI], kategori="kekerasan", instansi="Polres Malinau",
                           judul="Mediasi keluarga Pak Rahasia", uraian=SECRET, opened_on=today - timedelta(days=30),
                           jatuh_tempo=today - timedelta(days=10))
    cases.change_status(engine, late, "dalam penanganan", "uji")
    cases.add_action(engine, late, "uji", SECRET, when=today - timedelta(days=20), pelaku="Bripka Rahasia")
    cases.open_case(engine, user="uji", places=[MALINAU_KOTA], kategori="unjuk_rasa", instansi="Camat",
                    judul="Dialog dengan pengunjuk rasa", jatuh_tempo=today + timedelta(days=30))
    engine.dispose()


@pytest.fixture
def case_url(tmp_path, monkeypatch) -> str:
    """A seeded store with two cases, opened by the app under test through DATABASE_URL."""
    url = f"sqlite:///{(tmp_path / 'tindak.db').as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    seed_cases(url)
    return url


def frame_with(at, column: str):
    """Return the first table shown that has this column (AppTest keeps no keys on dataframes)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def submit(at, label: str):
    """Click the (form) button with this label and rerun."""
    return [b for b in at.button if b.label == label][0].click().run()


def test_overdue_case_comes_first_with_a_red_flag(case_url):
    """The Pulau Sapi case, 10 days past due, is the first row and flagged; the metric says 1 overdue."""
    at = open_app("analis", "pages/tindak_lanjut.py")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["id"]) == [1, 2]
    assert table["tanda"].tolist() == ["🔴 LEWAT TENGGAT 10 hari", ""]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Lewat tenggat"] == "1" and metrics["Tindak lanjut terbuka"] == "2"


@pytest.mark.parametrize("agency, status, expected", [
    ("Polres Malinau", [], [1]),
    ("Camat", [], [2]),
    (None, ["baru"], [2]),
    (None, ["dalam penanganan", "baru"], [1, 2]),
    ("Satpol PP", [], []),
])
def test_filter_by_agency_and_status(case_url, agency, status, expected):
    """Choosing an agency and/or statuses narrows the list; nothing matching says so."""
    at = open_app("analis", "pages/tindak_lanjut.py")
    at.selectbox(key="tl_instansi").set_value(agency)
    at.multiselect(key="tl_status").set_value(status).run()
    assert not at.exception
    if expected:
        assert list(at.dataframe[0].value["id"]) == expected
    else:
        assert "Belum ada tindak lanjut yang cocok dengan saringan ini." in texts(at)


def test_open_from_alert_act_and_close(case_url):
    """Long Bisai (Tinggi, no case) is offered; opening it, adding an action and closing it shows each step."""
    at = open_app("analis", "pages/tindak_lanjut.py")
    alerts = frame_with(at, "skor")
    assert list(alerts["nama"]) == ["Long Bisai, Kec. Mentarang"]  # Pulau Sapi has an open case and is only Sedang
    at.selectbox(key="tl_alert_kode").set_value(LONG_BISAI)
    at.selectbox(key="tl_alert_instansi").set_value("Kodim 0910/Malinau")
    submit(at, "Buka tindak lanjut dari peringatan")
    assert not at.exception
    assert "Tindak lanjut #3 dibuka." in [s.value for s in at.success]
    assert "Tidak ada desa/kecamatan tingkat Tinggi ke atas tanpa tindak lanjut terbuka." in texts(at)

    at.selectbox(key="tl_case").set_value(3).run()
    assert {m.label: m.value for m in at.metric}["Instansi"] == "Kodim 0910/Malinau"
    at.text_area(key="tl_action_text").input("Patroli bersama di Long Bisai")
    submit(at, "Simpan")
    assert "Tindakan dicatat." in [s.value for s in at.success]
    assert "Patroli bersama di Long Bisai" in frame_with(at, "jenis")["uraian"].tolist()

    for new in ("dalam penanganan", "selesai"):
        at.selectbox(key="tl_new_status").set_value(new)
        [b for b in at.button if b.label == "Simpan"][1].click().run()
        assert f"Status diubah menjadi {new}." in [s.value for s in at.success]
    assert {m.label: m.value for m in at.metric}["Status"] == "selesai"
    assert {m.label: m.value for m in at.metric}["Tindak lanjut terbuka"] == "2"


def test_reopening_without_a_reason_is_refused(case_url):
    """A closed case cannot go back to 'dalam penanganan' without a note: the page says why, nothing changes."""
    at = open_app("analis", "pages/tindak_lanjut.py")
    at.selectbox(key="tl_case").set_value(1).run()
    at.selectbox(key="tl_new_status").set_value("selesai")
    [b for b in at.button if b.label == "Simpan"][1].click().run()
    at.selectbox(key="tl_new_status").set_value("dalam penanganan")
    [b for b in at.button if b.label == "Simpan"][1].click().run()
    assert [e.value for e in at.error] == ["Membuka kembali tindak lanjut berstatus 'selesai' memerlukan alasan."]
    assert {m.label: m.value for m in at.metric}["Status"] == "selesai"


def test_open_by_hand_needs_a_place(case_url):
    """Submitting the manual form without a desa or kecamatan is refused with a message."""
    at = open_app("analis", "pages/tindak_lanjut.py")
    submit(at, "Buka tindak lanjut")
    assert "Tindak lanjut harus menyebut minimal satu desa atau kecamatan." in [e.value for e in at.error]


def test_pimpinan_reads_a_redacted_view_without_forms(case_url):
    """pimpinan see the cases with generated titles only: no uraian, no judul, no names, no forms."""
    at = open_app("pimpinan", "pages/tindak_lanjut.py")
    assert not at.exception
    table = at.dataframe[0].value
    assert table["judul"].tolist() == [
        "Perkelahian / penganiayaan / bentrok — Pulau Sapi, Kec. Mentarang",
        "Unjuk rasa / demo / pemalangan — Kec. Malinau Kota"]
    at.selectbox(key="tl_case").set_value(1).run()
    log = frame_with(at, "jenis")
    assert list(log.columns) == ["tanggal", "jenis", "status_baru"]
    shown = texts(at) + table.to_string() + log.to_string() + "".join(s.options.__str__() for s in at.selectbox)
    assert "Rahasia" not in shown
    assert "Buka tindak lanjut" not in [s.value for s in at.subheader]
    assert not [b for b in at.button if b.label == "Simpan"]


def test_profil_lists_the_place_cases_overdue_first(case_url):
    """Profil of Mentarang lists the Pulau Sapi case with its red flag; pimpinan see the generated title only."""
    for role, title in (("analis", "Mediasi keluarga Pak Rahasia"),
                        ("pimpinan", "Perkelahian / penganiayaan / bentrok — Pulau Sapi, Kec. Mentarang")):
        at = open_app(role, "pages/profil.py")
        at.segmented_control(key="profil_level").set_value("kecamatan").run()
        at.selectbox(key="profil_place_kecamatan").set_value("65.02.01").run()
        assert not at.exception
        table = frame_with(at, "tanda")
        assert table["judul"].tolist() == [title]
        assert table["tanda"].tolist() == ["🔴 LEWAT TENGGAT 10 hari"]


def test_ringkasan_shows_overdue_cases_and_report_compliance(case_url):
    """Ringkasan's penanganan row: 1 overdue case, and 0 kecamatan reports received (no laporan uploaded)."""
    at = open_app("pimpinan")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Tindak lanjut lewat tenggat"] == "1"
    assert metrics["Laporan kecamatan masuk"].startswith("0 / ")
    assert "Terlambat melapor: " in texts(at) and "Mentarang" in texts(at)


def test_mode_rapat_counts_cases_by_status_and_agency_without_text(case_url):
    """The fifth Mode Rapat screen shows 1 overdue in large type and a status × agency table, no names."""
    at = open_app("pimpinan", "pages/rapat.py")
    at.query_params["langkah"] = "5"
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Lewat tenggat"] == "1" and metrics["Baru"] == "1" and metrics["Dalam penanganan"] == "1"
    table = at.table[0].value
    assert table.loc["Polres Malinau", "Lewat tenggat"] == 1 and table.loc["Camat", "baru"] == 1
    assert "Rahasia" not in texts(at) + table.to_string()


def test_peta_compliance_layer(case_url):
    """The 'Kepatuhan laporan' colouring draws the kecamatan map with the three report statuses in the legend."""
    at = open_app("pimpinan", "pages/peta.py")
    at.segmented_control(key="peta_color").set_value("kepatuhan").run()
    assert not at.exception
    assert list(at.table[0].value.iloc[:, -1]) == ["diterima", "terlambat", "belum jatuh tempo", "tidak ada data"]
    assert len(at.get("deck_gl_json_chart")) == 1
