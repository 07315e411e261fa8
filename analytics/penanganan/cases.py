"""Tindak lanjut (cases) in the store: open (from an alert, a kejadian or by hand), act, change status, list.

The rules (statuses, valid moves, overdue, redaction) live in analytics/case_rules.py and are
re-exported here, so pages import everything from analytics.cases. Every write runs in one
transaction with its audit entry; the `*_in`-style helpers taking a Connection let a Rakor open and
update cases inside its own transaction.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pandas as pd
import sqlalchemy as sa

from analytics.text_limits import MAX_LONG_TEXT_CHARS, MAX_SHORT_TEXT_CHARS, clip_text
from analytics import clock
from analytics.store import tables
from analytics.penanganan.rules import (  # noqa: F401  (re-exported: the public API of cases)
    ACTION_FREE_TEXT_COLUMNS, ACTIVE_STATUSES, FREE_TEXT_COLUMNS, OPEN_STATUSES, REOPEN_FROM, SOURCES, STATUSES,
    TRANSITIONS, CaseDetail, CaseError, CaseFilters, check_transition, flag_overdue, generated_title, place_level,
    place_names, redact_actions, redact_cases,
)
from analytics.ingest.categories import CATEGORY_LABELS
from analytics.settings import read_settings, Settings


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _check_fields(places: list[str], kategori: str | None, instansi: str | None, agencies: list[str]) -> None:
    known = place_names()
    if not places:
        raise CaseError("Tindak lanjut harus menyebut minimal satu desa atau kecamatan.")
    for kode in places:
        if kode not in known:
            raise CaseError(f"Kode wilayah tidak dikenal: '{kode}'.")
    if kategori is not None and kategori not in CATEGORY_LABELS:
        raise CaseError(f"Kategori tidak dikenal: '{kategori}' (pilihan: {', '.join(CATEGORY_LABELS)}).")
    if instansi is not None and instansi not in agencies:
        raise CaseError(f"Instansi '{instansi}' tidak ada dalam daftar instansi (pengaturan 'agencies').")


def insert_case(conn: sa.Connection, *, user: str, places: list[str], settings: Settings, kategori=None, instansi=None,
                judul=None, uraian=None, jatuh_tempo=None, sumber="manual", sumber_ref=None, periode_peringatan=None,
                incident_ids=(), opened_on=None, title_prefix=None) -> int:
    """Insert one case inside conn's transaction (validated, audited) and return its id."""
    places = list(dict.fromkeys(places))
    _check_fields(places, kategori, instansi, settings.agencies)
    if sumber not in SOURCES:
        raise CaseError(f"Sumber tindak lanjut tidak dikenal: '{sumber}'.")
    opened_on = opened_on or clock.today()
    due = jatuh_tempo or opened_on + timedelta(days=settings.case_default_due_days)
    umum = generated_title(places, kategori, title_prefix)
    now = _now()
    case_id = conn.execute(sa.insert(tables.cases).values(
        # typed text is bounded and NUL-free whatever the browser sent (analytics/text_limits.py)
        judul=clip_text(judul, MAX_SHORT_TEXT_CHARS).strip() or umum, judul_umum=umum,
        uraian=clip_text(uraian, MAX_LONG_TEXT_CHARS) if uraian is not None else None, kategori=kategori, instansi=instansi,
        status="baru", jatuh_tempo=due, sumber=sumber, sumber_ref=sumber_ref, tanggal_buka=opened_on,
        periode_peringatan=periode_peringatan, created_by=user, created_at=now, updated_at=now,
    ).returning(tables.cases.c.id)).scalar_one()
    conn.execute(sa.insert(tables.case_places), [{"case_id": case_id, "kode": k, "level": place_level(k)} for k in places])
    conn.execute(sa.insert(tables.case_actions).values(
        case_id=case_id, tanggal=opened_on, jenis="status", pelaku=user, uraian=f"Dibuka ({sumber})",
        status_baru="baru", created_by=user, created_at=now))
    _link(conn, case_id, incident_ids)
    tables.record_audit(conn, user, "buka_tindak_lanjut", f"case:{case_id}",
                        {"places": places, "sumber": sumber, "sumber_ref": sumber_ref, "kategori": kategori})
    return case_id


def open_case(
    engine: sa.Engine,
    *,
    user: str,
    places: list[str],
    kategori: str | None = None,
    instansi: str | None = None,
    judul: str | None = None,
    uraian: str | None = None,
    jatuh_tempo: date | None = None,
    sumber: str = "manual",
    sumber_ref: str | None = None,
    periode_peringatan: date | None = None,
    incident_ids: list[int] | tuple[int, ...] = (),
    opened_on: date | None = None,
) -> int:
    """Open one case (status baru) and return its id; jatuh_tempo defaults to opened_on + case_default_due_days."""
    settings = read_settings(engine)
    with engine.begin() as conn:
        return insert_case(conn, user=user, places=places, settings=settings, kategori=kategori, instansi=instansi,
                           judul=judul, uraian=uraian, jatuh_tempo=jatuh_tempo, sumber=sumber, sumber_ref=sumber_ref,
                           periode_peringatan=periode_peringatan, incident_ids=incident_ids, opened_on=opened_on)


def open_case_from_incidents(engine: sa.Engine, incident_ids: list[int], user: str, **fields) -> int:
    """Open one case for the given kejadian (places and kategori taken from them) and return its id."""
    i = tables.incidents
    with engine.connect() as conn:
        rows = conn.execute(sa.select(i.c.id, i.c.kode_kecamatan, i.c.kode_desa, i.c.kategori, i.c.tanggal)
                            .where(i.c.id.in_(list(incident_ids))).order_by(i.c.tanggal, i.c.id)).all()
    missing = sorted(set(incident_ids) - {r.id for r in rows})
    if not rows or missing:
        raise CaseError(f"Kejadian tidak ditemukan: {', '.join(map(str, missing or incident_ids))}.")
    places = list(dict.fromkeys(r.kode_desa or r.kode_kecamatan for r in rows))
    kategori = pd.Series([r.kategori for r in rows]).mode().iloc[0]
    fields.setdefault("kategori", kategori)
    fields.setdefault("opened_on", max(r.tanggal for r in rows))
    return open_case(engine, user=user, places=places, sumber="kejadian", incident_ids=list(incident_ids),
                     sumber_ref=",".join(str(r.id) for r in rows)[:100], **fields)


def _open_places(conn: sa.Connection) -> set[str]:
    c, p = tables.cases, tables.case_places
    rows = conn.execute(sa.select(p.c.kode).join(c, c.c.id == p.c.case_id).where(c.c.status.in_(OPEN_STATUSES)))
    return {r[0] for r in rows}


def _alerted_places(conn: sa.Connection, as_of: date) -> set[str]:
    c, p = tables.cases, tables.case_places
    query = (sa.select(p.c.kode).join(c, c.c.id == p.c.case_id)
             .where(c.c.sumber == "peringatan", c.c.periode_peringatan == as_of))
    return {r[0] for r in conn.execute(query)}


def open_cases_from_alerts(
    engine: sa.Engine, scores: pd.DataFrame, as_of: date, user: str, *, instansi: str | None = None
) -> list[int]:
    """Open a case for each place in Tinggi or above (scores: kode, tingkat[, skor]) without an open case; return new ids.

    Idempotent: a place with any open case, or with a case (any status) from an alert of the same
    as_of, gets no new case. Works for desa (score_desa) and kecamatan (score_kecamatan) frames.
    """
    as_of = pd.Timestamp(as_of).date()
    high = scores[scores["tingkat"].astype(str).isin(("Tinggi", "Sangat Tinggi"))] if len(scores) else scores
    settings = read_settings(engine)
    ids: list[int] = []
    with engine.begin() as conn:
        taken = _open_places(conn) | _alerted_places(conn, as_of)
        for row in high.sort_values("kode").itertuples(index=False):
            if row.kode in taken:
                continue
            prefix = f"Peringatan {row.tingkat}"
            ids.append(insert_case(conn, user=user, places=[row.kode], settings=settings, instansi=instansi,
                                   sumber="peringatan", sumber_ref=f"{as_of.isoformat()}:{row.tingkat}",
                                   periode_peringatan=as_of, opened_on=as_of, title_prefix=prefix))
            taken.add(row.kode)
    return ids


def _load(conn: sa.Connection, case_id: int) -> sa.Row:
    row = conn.execute(sa.select(tables.cases).where(tables.cases.c.id == case_id)).first()
    if row is None:
        raise CaseError(f"Tindak lanjut #{case_id} tidak ditemukan.")
    return row


def insert_action(conn: sa.Connection, case_id: int, user: str, text: str, when: date | None = None,
                  pelaku: str | None = None) -> int:
    """Insert one dated action inside conn's transaction (audited) and return its id."""
    _load(conn, case_id)
    if not (text or "").strip():
        raise CaseError("Uraian tindakan tidak boleh kosong.")
    action_id = conn.execute(sa.insert(tables.case_actions).values(
        case_id=case_id, tanggal=when or clock.today(), jenis="tindakan", pelaku=clip_text(pelaku or user, MAX_SHORT_TEXT_CHARS),
        uraian=clip_text(text, MAX_LONG_TEXT_CHARS).strip(),
        created_by=user, created_at=_now()).returning(tables.case_actions.c.id)).scalar_one()
    conn.execute(sa.update(tables.cases).where(tables.cases.c.id == case_id).values(updated_at=_now()))
    tables.record_audit(conn, user, "tindakan_tindak_lanjut", f"case:{case_id}", {"action_id": action_id})
    return action_id


def add_action(
    engine: sa.Engine, case_id: int, user: str, text: str, when: date | None = None, pelaku: str | None = None
) -> int:
    """Record one dated action on a case (who: pelaku, default user) and return the entry id."""
    with engine.begin() as conn:
        return insert_action(conn, case_id, user, text, when, pelaku)


def set_status(conn: sa.Connection, case_id: int, new_status: str, user: str, note: str | None = None,
               when: date | None = None) -> None:
    """Move a case to new_status inside conn's transaction (checked, logged as a status entry, audited)."""
    old = _load(conn, case_id).status
    check_transition(old, new_status, note)
    now = _now()
    closed = now if new_status == "selesai" else None
    conn.execute(sa.update(tables.cases).where(tables.cases.c.id == case_id)
                 .values(status=new_status, updated_at=now, closed_at=closed))
    reopen = old in REOPEN_FROM and new_status == "dalam penanganan"
    text = clip_text(note, MAX_LONG_TEXT_CHARS).strip() or f"Status: {old} → {new_status}"
    conn.execute(sa.insert(tables.case_actions).values(
        case_id=case_id, tanggal=when or clock.today(), jenis="status", pelaku=user,
        uraian=("Dibuka kembali: " + text) if reopen else text, status_baru=new_status, created_by=user, created_at=now))
    tables.record_audit(conn, user, "status_tindak_lanjut", f"case:{case_id}",
                        {"from": old, "to": new_status, "reopen": reopen})


def change_status(
    engine: sa.Engine, case_id: int, new_status: str, user: str, note: str | None = None, when: date | None = None
) -> None:
    """Move a case to new_status (valid moves only, see TRANSITIONS), logging a dated status entry."""
    with engine.begin() as conn:
        set_status(conn, case_id, new_status, user, note, when)


def apply_update(conn: sa.Connection, case_id: int, user: str, settings: Settings, *, instansi=None, jatuh_tempo=None,
                 kategori=None) -> None:
    """Change agency, due date or kategori inside conn's transaction (only those given; audited)."""
    row = _load(conn, case_id)
    kodes = [r[0] for r in conn.execute(sa.select(tables.case_places.c.kode).where(tables.case_places.c.case_id == case_id))]
    _check_fields(kodes, kategori, instansi, settings.agencies)
    values = {k: v for k, v in (("instansi", instansi), ("jatuh_tempo", jatuh_tempo), ("kategori", kategori)) if v is not None}
    if not values:
        return
    if kategori is not None and row.sumber != "peringatan":
        values["judul_umum"] = generated_title(kodes, kategori)
    conn.execute(sa.update(tables.cases).where(tables.cases.c.id == case_id).values(updated_at=_now(), **values))
    tables.record_audit(conn, user, "ubah_tindak_lanjut", f"case:{case_id}", values)


def update_case(
    engine: sa.Engine, case_id: int, user: str, *, instansi: str | None = None, jatuh_tempo: date | None = None,
    kategori: str | None = None,
) -> None:
    """Change a case's responsible agency, due date or kategori (only the ones given)."""
    settings = read_settings(engine)
    with engine.begin() as conn:
        apply_update(conn, case_id, user, settings, instansi=instansi, jatuh_tempo=jatuh_tempo, kategori=kategori)


def _link(conn: sa.Connection, case_id: int, incident_ids) -> int:
    ci = tables.case_incidents
    have = {r[0] for r in conn.execute(sa.select(ci.c.incident_id).where(ci.c.case_id == case_id))}
    new = [int(i) for i in dict.fromkeys(incident_ids) if int(i) not in have]
    if new:
        conn.execute(sa.insert(ci), [{"case_id": case_id, "incident_id": i} for i in new])
    return len(new)


def link_incidents(engine: sa.Engine, case_id: int, incident_ids: list[int], user: str) -> int:
    """Link kejadian to a case; return how many links are new (already linked ones are skipped)."""
    with engine.begin() as conn:
        _load(conn, case_id)
        count = _link(conn, case_id, incident_ids)
        if count:
            tables.record_audit(conn, user, "kaitkan_kejadian", f"case:{case_id}", {"incident_ids": list(incident_ids)})
    return count


CASE_COLUMNS = ["id", "judul", "judul_umum", "uraian", "kode", "tempat", "kategori", "instansi", "status",
                "tanggal_buka", "jatuh_tempo", "terlambat", "hari_terlambat", "sumber", "sumber_ref",
                "periode_peringatan", "jumlah_tindakan", "tindakan_terakhir", "jumlah_kejadian",
                "created_by", "created_at", "closed_at"]


def _matches_place(kodes: list[str], wanted: str) -> bool:
    return any(k == wanted or k.startswith(wanted + ".") for k in kodes)


def list_cases(engine: sa.Engine, filters: CaseFilters | None = None, as_of: date | None = None) -> pd.DataFrame:
    """Return one row per case (id, judul, judul_umum, kode, tempat, status, instansi, jatuh_tempo, terlambat, hari_terlambat, …), overdue first."""
    filters = filters or CaseFilters()
    c, p, a, ci = tables.cases, tables.case_places, tables.case_actions, tables.case_incidents
    with engine.connect() as conn:
        frame = pd.read_sql(sa.select(c), conn)
        places = pd.read_sql(sa.select(p.c.case_id, p.c.kode).order_by(p.c.case_id, p.c.kode), conn)
        acts = pd.read_sql(sa.select(a.c.case_id, sa.func.count().label("n"), sa.func.max(a.c.tanggal).label("last"))
                           .where(a.c.jenis == "tindakan").group_by(a.c.case_id), conn)
        links = pd.read_sql(sa.select(ci.c.case_id, sa.func.count().label("n")).group_by(ci.c.case_id), conn)
    names = place_names()
    kodes = places.groupby("case_id")["kode"].agg(list)
    frame["kode"] = frame["id"].map(kodes).apply(lambda v: v if isinstance(v, list) else [])
    frame["tempat"] = frame["kode"].apply(lambda ks: "; ".join(names.get(k, k) for k in ks))
    frame["jumlah_tindakan"] = frame["id"].map(acts.set_index("case_id")["n"]).fillna(0).astype(int)
    frame["tindakan_terakhir"] = pd.to_datetime(frame["id"].map(acts.set_index("case_id")["last"]))
    frame["jumlah_kejadian"] = frame["id"].map(links.set_index("case_id")["n"]).fillna(0).astype(int)
    for name in ("tanggal_buka", "jatuh_tempo", "periode_peringatan"):
        frame[name] = pd.to_datetime(frame[name])
    frame = flag_overdue(frame, as_of or clock.today())
    keep = pd.Series(True, index=frame.index)
    if filters.status:
        keep &= frame["status"].isin(filters.status)
    if filters.open_only:
        keep &= frame["status"].isin(OPEN_STATUSES)
    if filters.overdue_only:
        keep &= frame["terlambat"]
    for name in ("instansi", "kategori", "sumber"):
        if getattr(filters, name):
            keep &= frame[name] == getattr(filters, name)
    if filters.kode:
        keep &= frame["kode"].apply(lambda ks: _matches_place(ks, filters.kode))
    frame = frame[keep]
    # Overdue first (longest overdue on top), then the nearest due date, then the newest case.
    frame = frame.sort_values(["terlambat", "hari_terlambat", "jatuh_tempo", "id"],
                              ascending=[False, False, True, False], na_position="last")
    frame["kode"] = frame["kode"].apply(", ".join)
    return frame[CASE_COLUMNS].reset_index(drop=True)


def case_detail(engine: sa.Engine, case_id: int) -> CaseDetail:
    """Return the case, its places, its dated entries (oldest first) and linked kejadian ids."""
    p, a, ci = tables.case_places, tables.case_actions, tables.case_incidents
    with engine.connect() as conn:
        row = _load(conn, case_id)
        places = pd.read_sql(sa.select(p.c.kode, p.c.level).where(p.c.case_id == case_id).order_by(p.c.kode), conn)
        actions = pd.read_sql(sa.select(a.c.id, a.c.tanggal, a.c.jenis, a.c.pelaku, a.c.uraian, a.c.status_baru,
                                        a.c.created_by, a.c.created_at)
                              .where(a.c.case_id == case_id).order_by(a.c.tanggal, a.c.id), conn)
        incident_ids = [r[0] for r in conn.execute(
            sa.select(ci.c.incident_id).where(ci.c.case_id == case_id).order_by(ci.c.incident_id))]
    names = place_names()
    places["nama"] = places["kode"].map(names)
    actions["tanggal"] = pd.to_datetime(actions["tanggal"])
    return CaseDetail(case=dict(row._mapping), places=places, actions=actions, incident_ids=incident_ids)
