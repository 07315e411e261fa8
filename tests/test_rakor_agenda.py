"""Rakor: decisions open or update cases, and the agenda 'sejak Rakor terakhir' lists what changed."""

from datetime import date

import pandas as pd
import pytest

from analytics.penanganan import cases
from analytics.penanganan import rakor
from analytics.penanganan.rakor import Decision

LONG_BISAI, PULAU_SAPI, PAKING = "65.02.01.2002", "65.02.01.2005", "65.02.01.2006"


def _scores(bands: dict[str, str]) -> pd.DataFrame:
    skor = {"Rendah": 10.0, "Sedang": 30.0, "Tinggi": 60.0, "Sangat Tinggi": 80.0}
    return pd.DataFrame({"kode": list(bands), "nama": list(bands), "tingkat": list(bands.values()),
                         "skor": [skor[b] for b in bands.values()]})


def test_a_decision_opens_and_another_updates_a_case(engine):
    """A decision naming a place opens a rakor case; one naming a case adds an action and moves its status."""
    existing = cases.open_case(engine, user="ana", places=[PULAU_SAPI], opened_on=date(2024, 4, 1))
    rid = rakor.record_rakor(engine, tanggal=date(2024, 5, 2), peserta=["Camat", "Polres Malinau"], user="ana",
                             decisions=[Decision("Mediasi batas lahan oleh Camat", kode=LONG_BISAI,
                                                 kategori="batas_wilayah", instansi="Camat", jatuh_tempo=date(2024, 5, 20)),
                                        Decision("Polres patroli rutin", case_id=existing, status_baru="dalam penanganan",
                                                 instansi="Polres Malinau"),
                                        Decision("Rakor berikut bulan Juni")])
    decisions = rakor.rakor_decisions(engine, rid)
    assert list(decisions["tindakan"]) == ["buka", "perbarui", "catat"]
    opened = int(decisions["case_id"].iloc[0])
    detail = cases.case_detail(engine, opened)
    assert detail.case["sumber"] == "rakor" and detail.case["sumber_ref"] == f"rakor:{rid}/1"
    assert detail.case["jatuh_tempo"] == date(2024, 5, 20) and detail.case["instansi"] == "Camat"
    updated = cases.case_detail(engine, existing)
    assert updated.case["status"] == "dalam penanganan" and updated.case["instansi"] == "Polres Malinau"
    assert "Keputusan Rakor: Polres patroli rutin" in set(updated.actions["uraian"])
    listed = rakor.list_rakor(engine)
    assert listed["jumlah_keputusan"].tolist() == [3] and listed["peserta"].iloc[0] == ["Camat", "Polres Malinau"]


def test_a_bad_decision_leaves_no_rakor(engine):
    """An invalid status move in one decision refuses the whole Rakor: no meeting, no case is stored."""
    cid = cases.open_case(engine, user="ana", places=[PULAU_SAPI])
    with pytest.raises(cases.CaseError):
        rakor.record_rakor(engine, tanggal=date(2024, 5, 2), peserta=["Camat"], user="ana",
                           decisions=[Decision("Buka kasus", kode=LONG_BISAI), Decision("Tutup", case_id=cid, status_baru="selesai")])
    assert rakor.list_rakor(engine).empty
    assert len(cases.list_cases(engine)) == 1


def test_since_last_rakor_on_a_hand_made_sequence(engine):
    """Between two Rakor: cases opened, closed and overdue, places newly Tinggi and band changes are listed."""
    # Before the first Rakor (1 Mar): case A opened 20 Feb, due 1 Mar.
    a = cases.open_case(engine, user="ana", places=[PULAU_SAPI], opened_on=date(2024, 2, 20), jatuh_tempo=date(2024, 3, 1))
    rakor.record_rakor(engine, tanggal=date(2024, 3, 1), peserta=["Camat"], decisions=[], user="ana")
    # After it: A handled and closed on 10 Mar; case B opened 5 Mar, due 15 Mar (late on 1 Apr).
    cases.change_status(engine, a, "dalam penanganan", "ana", when=date(2024, 3, 5))
    cases.change_status(engine, a, "selesai", "ana", when=date(2024, 3, 10))
    b = cases.open_case(engine, user="ana", places=[LONG_BISAI], opened_on=date(2024, 3, 5), jatuh_tempo=date(2024, 3, 15))
    rakor.record_rakor(engine, tanggal=date(2024, 4, 1), peserta=["Camat"], decisions=[], user="ana")
    # After the second Rakor (1 Apr): case C opened 3 Apr.
    c = cases.open_case(engine, user="ana", places=[PAKING], opened_on=date(2024, 4, 3), jatuh_tempo=date(2024, 4, 30))
    assert rakor.agenda_start(engine, date(2024, 4, 10)) == (date(2024, 4, 1), 2)
    before = _scores({LONG_BISAI: "Sedang", PULAU_SAPI: "Tinggi", PAKING: "Rendah"})
    now = _scores({LONG_BISAI: "Tinggi", PULAU_SAPI: "Sedang", PAKING: "Rendah"})
    agenda = rakor.since_last_rakor(engine, date(2024, 4, 10), now, before)
    assert agenda.since == date(2024, 4, 1) and not agenda.default_window
    assert list(agenda.cases_opened["id"]) == [c]  # B was opened before the second Rakor
    assert agenda.cases_closed.empty  # A closed 10 Mar, before the second Rakor
    assert list(agenda.cases_overdue["id"]) == [b]  # due 15 Mar, 26 days late on 10 Apr
    assert int(agenda.cases_overdue["hari_terlambat"].iloc[0]) == 26
    assert list(agenda.new_alerts["kode"]) == [LONG_BISAI]
    changes = agenda.band_changes.set_index("kode")["arah"].to_dict()
    assert changes == {LONG_BISAI: "naik", PULAU_SAPI: "turun"}
    # The first Rakor's window (1 Mar .. 31 Mar): B opened, A closed.
    march = rakor.since_last_rakor(engine, date(2024, 3, 31), now, before)
    assert march.since == date(2024, 3, 1)
    assert list(march.cases_opened["id"]) == [b] and list(march.cases_closed["id"]) == [a]


def test_since_last_rakor_without_any_rakor_uses_the_default_window(engine):
    """With no Rakor recorded the agenda covers the last 30 days and every Tinggi+ place is new; March reports are late."""
    agenda = rakor.since_last_rakor(engine, date(2024, 4, 10), _scores({LONG_BISAI: "Tinggi"}), None)
    assert agenda.default_window and agenda.last_rakor_id is None
    assert agenda.since == date(2024, 3, 11)  # 10 Apr − 30 days
    assert list(agenda.new_alerts["kode"]) == [LONG_BISAI] and agenda.band_changes.empty
    # Periods ending in [11 Mar − 30 days, 10 Apr): Feb and Mar; no reports at all, so 15 kecamatan × 2 are late
    # (31 Mar + 7 days = 7 Apr < 10 Apr).
    assert len(agenda.missing_reports) == 30
