"""Tindak lanjut: status moves, overdue at the edges of the due date, alerts opening cases once, redaction."""

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from analytics.penanganan import cases
from analytics.penanganan.cases import CaseError, CaseFilters

LONG_BISAI = "65.02.01.2002"  # desa in Kec. Mentarang
PULAU_SAPI = "65.02.01.2005"
MALINAU_KOTA = "65.02.02"  # kecamatan


@pytest.mark.parametrize(
    "old, new, note, allowed",
    [
        ("baru", "dalam penanganan", None, True),
        ("baru", "selesai", None, False),  # must be handled before it is closed
        ("dalam penanganan", "selesai", None, True),
        ("dalam penanganan", "dipantau", None, True),
        ("dipantau", "selesai", None, True),
        ("selesai", "dalam penanganan", "Konflik muncul lagi", True),  # reopen with a reason
        ("selesai", "dalam penanganan", "  ", False),  # reopen without a reason
        ("dipantau", "dalam penanganan", None, False),
        ("selesai", "baru", "x", False),
        ("baru", "ditutup", None, False),  # unknown status
    ],
)
def test_status_moves(old, new, note, allowed):
    """Only the documented moves are accepted; a reopen needs a reason."""
    if allowed:
        cases.check_transition(old, new, note)
    else:
        with pytest.raises(CaseError):
            cases.check_transition(old, new, note)


@pytest.mark.parametrize(
    "status, as_of, overdue, days",
    [
        ("baru", date(2024, 5, 14), False, 0),  # due 15 May: the day before
        ("baru", date(2024, 5, 15), False, 0),  # the due day itself is on time
        ("baru", date(2024, 5, 16), True, 1),  # 16 − 15 = 1 day late
        ("dalam penanganan", date(2024, 6, 14), True, 30),  # 16 May … 14 Jun = 30 days
        ("dipantau", date(2024, 6, 14), False, 0),  # monitoring is never overdue
        ("selesai", date(2024, 6, 14), False, 0),
    ],
)
def test_overdue_flag_at_the_edges(status, as_of, overdue, days):
    """A case is late only after its due day, and only while baru or dalam penanganan."""
    frame = pd.DataFrame({"status": [status], "jatuh_tempo": [date(2024, 5, 15)]})
    out = cases.flag_overdue(frame, as_of)
    assert bool(out["terlambat"].iloc[0]) is overdue
    assert int(out["hari_terlambat"].iloc[0]) == days


def test_overdue_flag_on_empty_and_missing_due():
    """No cases gives an empty table; a case without due date is never late."""
    empty = cases.flag_overdue(pd.DataFrame({"status": [], "jatuh_tempo": []}), date(2024, 1, 1))
    assert empty.empty and {"terlambat", "hari_terlambat"} <= set(empty.columns)
    out = cases.flag_overdue(pd.DataFrame({"status": ["baru"], "jatuh_tempo": [None]}), date(2024, 1, 1))
    assert not out["terlambat"].iloc[0]


def test_case_lifecycle_with_reopen(engine):
    """A case goes baru → dalam penanganan → selesai, is reopened with a reason, and every step is logged and audited."""
    cid = cases.open_case(engine, user="ana", places=[LONG_BISAI], kategori="sumber_daya", instansi="Camat",
                          judul="Sengketa kebun Pak Budi", opened_on=date(2024, 5, 1))
    cases.add_action(engine, cid, "ana", "Mediasi di kantor desa", when=date(2024, 5, 3), pelaku="Camat")
    cases.change_status(engine, cid, "dalam penanganan", "ana", when=date(2024, 5, 3))
    cases.change_status(engine, cid, "selesai", "ana", "Damai", when=date(2024, 5, 10))
    with pytest.raises(CaseError, match="alasan"):
        cases.change_status(engine, cid, "dalam penanganan", "ana")
    cases.change_status(engine, cid, "dalam penanganan", "ana", "Patok dicabut lagi", when=date(2024, 6, 1))
    detail = cases.case_detail(engine, cid)
    assert detail.case["status"] == "dalam penanganan" and detail.case["closed_at"] is None
    # opened + 1 action + 3 status moves = 5 entries, oldest first
    assert list(detail.actions["status_baru"].fillna("-")) == ["baru", "-", "dalam penanganan", "selesai", "dalam penanganan"]
    assert detail.actions["uraian"].iloc[-1] == "Dibuka kembali: Patok dicabut lagi"
    # the default due date is 1 May + 14 days
    assert detail.case["jatuh_tempo"] == date(2024, 5, 15)
    assert detail.case["judul_umum"] == "Sengketa lahan / sumber daya alam — Long Bisai, Kec. Mentarang"
    with engine.connect() as conn:
        actions = [r[0] for r in conn.execute(sa.text("select action from audit_log order by id"))]
    assert actions == ["buka_tindak_lanjut", "tindakan_tindak_lanjut", "status_tindak_lanjut",
                       "status_tindak_lanjut", "status_tindak_lanjut"]


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"places": []}, "minimal satu"),
        ({"places": ["65.02.99"]}, "tidak dikenal"),
        ({"places": [LONG_BISAI], "kategori": "perang"}, "Kategori"),
        ({"places": [LONG_BISAI], "instansi": "Dinas Rahasia"}, "Instansi"),
    ],
)
def test_bad_case_is_refused_and_nothing_is_stored(engine, fields, message):
    """An unknown place, kategori or agency is refused with an Indonesian message and leaves no row."""
    with pytest.raises(CaseError, match=message):
        cases.open_case(engine, user="ana", **fields)
    assert cases.list_cases(engine).empty


def test_open_cases_from_alerts_is_idempotent(engine):
    """Running the alert check twice opens each Tinggi+ place once; a place with an open case gets none."""
    cases.open_case(engine, user="ana", places=[LONG_BISAI], opened_on=date(2024, 5, 1))
    scores = pd.DataFrame({
        "kode": [LONG_BISAI, PULAU_SAPI, MALINAU_KOTA, "65.02.01.2006"],
        "tingkat": ["Tinggi", "Sangat Tinggi", "Tinggi", "Sedang"],
    })
    first = cases.open_cases_from_alerts(engine, scores, date(2024, 6, 1), "sistem")
    again = cases.open_cases_from_alerts(engine, scores, date(2024, 6, 1), "sistem")
    assert len(first) == 2 and again == []  # Pulau Sapi and Malinau Kota; Long Bisai already open
    listed = cases.list_cases(engine, CaseFilters(sumber="peringatan"), as_of=date(2024, 6, 2))
    assert set(listed["kode"]) == {PULAU_SAPI, MALINAU_KOTA}
    assert "Peringatan Sangat Tinggi — Pulau Sapi, Kec. Mentarang" in set(listed["judul_umum"])
    # closing the alert case and re-running the same alert date does not reopen it
    cid = int(listed.loc[listed["kode"] == PULAU_SAPI, "id"].iloc[0])
    cases.change_status(engine, cid, "dalam penanganan", "ana")
    cases.change_status(engine, cid, "selesai", "ana")
    assert cases.open_cases_from_alerts(engine, scores, date(2024, 6, 1), "sistem") == []
    # … but a new alert date does
    assert len(cases.open_cases_from_alerts(engine, scores, date(2024, 7, 1), "sistem")) == 1


def test_list_cases_overdue_first_and_filters(engine):
    """The list shows overdue cases first (longest late on top); the kecamatan filter matches its desa."""
    a = cases.open_case(engine, user="ana", places=[LONG_BISAI], jatuh_tempo=date(2024, 5, 20), opened_on=date(2024, 5, 1))
    b = cases.open_case(engine, user="ana", places=[MALINAU_KOTA], jatuh_tempo=date(2024, 5, 10), opened_on=date(2024, 5, 1))
    c = cases.open_case(engine, user="ana", places=[PULAU_SAPI], jatuh_tempo=date(2024, 7, 1), opened_on=date(2024, 5, 1))
    table = cases.list_cases(engine, as_of=date(2024, 6, 1))
    # b is 22 days late (10 May → 1 Jun), a 12 days, c not yet due
    assert list(table["id"]) == [b, a, c]
    assert list(table["hari_terlambat"]) == [22, 12, 0]
    assert list(cases.list_cases(engine, CaseFilters(overdue_only=True), as_of=date(2024, 6, 1))["id"]) == [b, a]
    assert set(cases.list_cases(engine, CaseFilters(kode="65.02.01"), as_of=date(2024, 6, 1))["id"]) == {a, c}


def test_link_incidents_skips_existing_links(engine):
    """Linking the same kejadian twice counts it once."""
    cid = cases.open_case(engine, user="ana", places=[LONG_BISAI], incident_ids=[7])
    assert cases.link_incidents(engine, cid, [7, 8, 9], "ana") == 2
    assert cases.case_detail(engine, cid).incident_ids == [7, 8, 9]
    with pytest.raises(CaseError, match="#999"):
        cases.link_incidents(engine, 999, [1], "ana")


def test_redaction_keeps_only_generated_titles(engine):
    """Pimpinan see judul_umum but not the typed title, description or who did what."""
    cid = cases.open_case(engine, user="ana", places=[LONG_BISAI], judul="Pak Budi vs PT X", uraian="Nama: Budi")
    cases.add_action(engine, cid, "ana", "Bertemu Budi", pelaku="Camat")
    table = cases.redact_cases(cases.list_cases(engine))
    assert "judul" not in table and "uraian" not in table and "Pak Budi" not in table.to_csv()
    actions = cases.redact_actions(cases.case_detail(engine, cid).actions)
    assert "Budi" not in actions.to_csv()


def test_cli_open_alerts_then_list(tmp_path, capsys):
    """`cases open-alerts` on an empty store opens nothing; `cases list` prints the header without free text."""
    from analytics.cli import main

    url = f"sqlite:///{(tmp_path / 's.db').as_posix()}"
    assert main(["cases", "open-alerts", "--db", url, "--as-of", "2024-06-01"]) == 0
    assert "0 tindak lanjut baru dibuka." in capsys.readouterr().out
    from analytics.store.db import open_store

    engine = open_store(url)
    cases.open_case(engine, user="ana", places=[LONG_BISAI], judul="Pak Budi", jatuh_tempo=date(2024, 5, 1))
    engine.dispose()
    assert main(["cases", "list", "--db", url, "--overdue", "--as-of", "2024-05-03"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("id,judul_umum,kode,status") and len(out) == 2
    assert "Pak Budi" not in out[1] and ",True,2," in out[1]  # 3 May − 1 May = 2 days late
