"""Rapat koordinasi (Rakor): the meeting, its decisions (each opens or updates a case), and the
agenda of the next one — what changed since the last Rakor.

A decision with case_id updates that case (an action entry with the decision text, plus a status
move, agency or due date when given); a decision with a place (kode) and no case_id opens a case
(sumber 'rakor', sumber_ref 'rakor:<rakor id>/<decision no>'); a decision with neither is only recorded.
The whole meeting is one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pandas as pd
import sqlalchemy as sa

from analytics.text_limits import MAX_LONG_TEXT_CHARS, MAX_SHORT_TEXT_CHARS, clip_text
from analytics.penanganan import cases
from analytics.store import tables
from analytics.penanganan.compliance import compliance_table, expected_periods, reporting_places
from analytics.places.gazetteer import load_gazetteer
from analytics.store.queries import read_field_submissions, read_reports
from analytics.risk.score import BANDS
from analytics.settings import read_settings, Settings

HIGH_BANDS = ("Tinggi", "Sangat Tinggi")


@dataclass(frozen=True)
class Decision:
    """One Rakor decision: the text, and optionally place, kategori, agency, due date, case to update, new status."""

    uraian: str
    kode: str | None = None
    kategori: str | None = None
    instansi: str | None = None
    jatuh_tempo: date | None = None
    case_id: int | None = None
    status_baru: str | None = None


@dataclass
class RakorAgenda:
    """What happened between `since` (the last Rakor, or as_of − default window) and `as_of`.

    new_alerts: places now in Tinggi+ that were not at `since` (kode, nama, tingkat, tingkat_sebelumnya, skor);
    cases_opened / cases_closed / cases_overdue: list_cases rows; band_changes: places whose tingkat
    changed (kode, nama, tingkat_sebelumnya, tingkat, arah 'naik'|'turun'); missing_reports:
    compliance rows with status terlambat for periods ending in [since − report_period_days, as_of].
    """

    since: date
    as_of: date
    last_rakor_id: int | None
    default_window: bool
    new_alerts: pd.DataFrame
    cases_opened: pd.DataFrame
    cases_closed: pd.DataFrame
    cases_overdue: pd.DataFrame
    band_changes: pd.DataFrame
    missing_reports: pd.DataFrame


def _apply_decision(conn: sa.Connection, rakor_id: int, number: int, d: Decision, tanggal: date, user: str,
                    settings: Settings) -> tuple[int | None, str]:
    if d.case_id is not None:
        cases.insert_action(conn, d.case_id, user, f"Keputusan Rakor: {d.uraian}", when=tanggal, pelaku="Rakor")
        cases.apply_update(conn, d.case_id, user, settings, instansi=d.instansi, jatuh_tempo=d.jatuh_tempo,
                           kategori=d.kategori)
        if d.status_baru:
            cases.set_status(conn, d.case_id, d.status_baru, user, note=f"Keputusan Rakor: {d.uraian}", when=tanggal)
        return d.case_id, "perbarui"
    if d.kode:
        case_id = cases.insert_case(conn, user=user, places=[d.kode], settings=settings, kategori=d.kategori,
                                    instansi=d.instansi, judul=d.uraian[:300], jatuh_tempo=d.jatuh_tempo,
                                    sumber="rakor", sumber_ref=f"rakor:{rakor_id}/{number}", opened_on=tanggal)
        return case_id, "buka"
    return None, "catat"


def record_rakor(
    engine: sa.Engine,
    *,
    tanggal: date,
    peserta: list[str],
    decisions: list[Decision],
    user: str,
    tempat: str | None = None,
    catatan: str | None = None,
) -> int:
    """Store a Rakor with its decisions, opening/updating their cases in the same transaction; return its id."""
    for number, d in enumerate(decisions, start=1):
        if not (d.uraian or "").strip():
            raise cases.CaseError(f"Keputusan Rakor nomor {number}: uraian tidak boleh kosong.")
    settings = read_settings(engine)
    with engine.begin() as conn:
        rakor_id = conn.execute(sa.insert(tables.rakor_meetings).values(
            tanggal=tanggal, tempat=clip_text(tempat, MAX_SHORT_TEXT_CHARS) if tempat is not None else None,
            peserta=json.dumps(list(peserta), ensure_ascii=False),
            catatan=clip_text(catatan, MAX_LONG_TEXT_CHARS) if catatan is not None else None,
            created_by=user, created_at=datetime.now(timezone.utc)).returning(tables.rakor_meetings.c.id)).scalar_one()
        for number, d in enumerate(decisions, start=1):
            case_id, action = _apply_decision(conn, rakor_id, number, d, tanggal, user, settings)
            conn.execute(sa.insert(tables.rakor_decisions).values(
                rakor_id=rakor_id, urutan=number, uraian=clip_text(d.uraian, MAX_LONG_TEXT_CHARS).strip(), kode=d.kode, kategori=d.kategori,
                instansi=d.instansi, jatuh_tempo=d.jatuh_tempo, status_baru=d.status_baru, case_id=case_id,
                tindakan=action))
        tables.record_audit(conn, user, "catat_rakor", f"rakor:{rakor_id}",
                            {"tanggal": tanggal, "peserta": list(peserta), "keputusan": len(decisions)})
    return rakor_id


def list_rakor(engine: sa.Engine) -> pd.DataFrame:
    """Return one row per Rakor (id, tanggal, tempat, peserta list, jumlah_keputusan), newest first."""
    m, d = tables.rakor_meetings, tables.rakor_decisions
    count = sa.select(sa.func.count()).where(d.c.rakor_id == m.c.id).scalar_subquery()
    query = sa.select(m.c.id, m.c.tanggal, m.c.tempat, m.c.peserta, m.c.catatan, count.label("jumlah_keputusan"),
                      m.c.created_by).order_by(m.c.tanggal.desc(), m.c.id.desc())
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["tanggal"] = pd.to_datetime(frame["tanggal"])
    frame["peserta"] = frame["peserta"].apply(json.loads)
    return frame


def rakor_decisions(engine: sa.Engine, rakor_id: int) -> pd.DataFrame:
    """Return the decisions of one Rakor (urutan, uraian, kode, kategori, instansi, jatuh_tempo, case_id, tindakan)."""
    d = tables.rakor_decisions
    query = sa.select(d.c.urutan, d.c.uraian, d.c.kode, d.c.kategori, d.c.instansi, d.c.jatuh_tempo, d.c.status_baru,
                      d.c.case_id, d.c.tindakan).where(d.c.rakor_id == rakor_id).order_by(d.c.urutan)
    with engine.connect() as conn:
        return pd.read_sql(query, conn)


def last_rakor(engine: sa.Engine, before: date | None = None) -> dict | None:
    """Return the latest Rakor held on or before `before` (id, tanggal, …) as a dict, None when none is recorded."""
    m = tables.rakor_meetings
    query = sa.select(m).order_by(m.c.tanggal.desc(), m.c.id.desc()).limit(1)
    if before is not None:
        query = query.where(m.c.tanggal <= before)
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return None if row is None else {**row._mapping, "peserta": json.loads(row.peserta)}


def agenda_start(engine: sa.Engine, as_of: date) -> tuple[date, int | None]:
    """Return (start of the 'sejak Rakor terakhir' window, last Rakor id or None when the default window applies)."""
    last = last_rakor(engine, before=as_of)
    if last is not None:
        return last["tanggal"], last["id"]
    days = read_settings(engine).rakor_default_window_days
    return as_of - timedelta(days=days), None


def _bands(scores: pd.DataFrame | None) -> pd.Series:
    if scores is None or scores.empty:
        return pd.Series(dtype=object)
    return scores.set_index(scores["kode"].astype(str))["tingkat"].astype(str)


def band_changes(scores_now: pd.DataFrame, scores_before: pd.DataFrame | None) -> pd.DataFrame:
    """Return places whose tingkat differs between the two score frames (kode, nama, tingkat_sebelumnya, tingkat, skor, arah)."""
    before = _bands(scores_before)
    frame = scores_now[["kode", "nama", "skor", "tingkat"]].copy() if len(scores_now) else pd.DataFrame(
        columns=["kode", "nama", "skor", "tingkat"])
    frame["kode"] = frame["kode"].astype(str)
    frame["tingkat"] = frame["tingkat"].astype(str)
    frame["tingkat_sebelumnya"] = frame["kode"].map(before)
    rank = {b: i for i, b in enumerate(BANDS)}  # 'Tidak ada data' has no rank: no direction
    old, new = frame["tingkat_sebelumnya"].map(rank), frame["tingkat"].map(rank)
    changed = old.notna() & new.notna() & (old != new)
    frame = frame[changed].assign(arah=(new[changed] > old[changed]).map({True: "naik", False: "turun"}))
    return frame[["kode", "nama", "tingkat_sebelumnya", "tingkat", "skor", "arah"]].sort_values(
        ["arah", "skor"], ascending=[True, False]).reset_index(drop=True)


def new_alerts(scores_now: pd.DataFrame, scores_before: pd.DataFrame | None) -> pd.DataFrame:
    """Return places in Tinggi+ now that were not in Tinggi+ before (all of them when there is no 'before')."""
    before = _bands(scores_before)
    frame = scores_now[["kode", "nama", "skor", "tingkat"]].copy()
    frame["kode"] = frame["kode"].astype(str)
    frame["tingkat"] = frame["tingkat"].astype(str)
    frame["tingkat_sebelumnya"] = frame["kode"].map(before)
    fresh = frame["tingkat"].isin(HIGH_BANDS) & ~frame["tingkat_sebelumnya"].isin(HIGH_BANDS)
    return frame[fresh].sort_values(["skor", "kode"], ascending=[False, True]).reset_index(drop=True)


def _status_entries(engine: sa.Engine, status: str, since: date, as_of: date) -> set[int]:
    a = tables.case_actions
    query = sa.select(a.c.case_id).where(a.c.jenis == "status", a.c.status_baru == status,
                                         a.c.tanggal > since, a.c.tanggal <= as_of)
    with engine.connect() as conn:
        return {r[0] for r in conn.execute(query)}


def since_last_rakor(
    engine: sa.Engine, as_of: date, scores_now: pd.DataFrame, scores_at_last: pd.DataFrame | None
) -> RakorAgenda:
    """Return the agenda of the next Rakor; scores_* are score_desa/score_kecamatan frames at as_of and at agenda_start()."""
    since, rakor_id = agenda_start(engine, as_of)
    settings = read_settings(engine)
    all_cases = cases.list_cases(engine, as_of=as_of)
    # A case counts as opened/closed on the date its status entry carries (back-dated entries included).
    opened = all_cases[all_cases["id"].isin(_status_entries(engine, "baru", since, as_of))]
    closed = all_cases[all_cases["id"].isin(_status_entries(engine, "selesai", since, as_of))
                       & (all_cases["status"] == "selesai")]
    reports = read_reports(engine)
    gaz = load_gazetteer()
    period_days = settings.report_period_days
    periods = expected_periods(since - timedelta(days=period_days), as_of, period_days)
    periods = periods[periods["periode_akhir"] < pd.Timestamp(as_of)]
    table = compliance_table(reports, reporting_places(reports, gaz.kecamatan, gaz.desa), periods, as_of,
                             settings.report_late_days, submissions=read_field_submissions(engine))
    return RakorAgenda(
        since=since, as_of=as_of, last_rakor_id=rakor_id, default_window=rakor_id is None,
        new_alerts=new_alerts(scores_now, scores_at_last),
        cases_opened=opened.reset_index(drop=True), cases_closed=closed.reset_index(drop=True),
        cases_overdue=all_cases[all_cases["terlambat"]].reset_index(drop=True),
        band_changes=band_changes(scores_now, scores_at_last),
        missing_reports=table[table["status"] == "terlambat"].reset_index(drop=True),
    )
