"""Register of orang asing, TKA and lembaga asing: aggregate counts per kecamatan (optionally desa)
and period, by kind and document status, with optional personal details for analis/admin only.

Template columns (header row; names as written, case-insensitive):
  periode_mulai, periode_akhir   dates of the reporting period (dd/mm/yyyy or yyyy-mm-dd)
  kecamatan                      name or kode of the kecamatan (required)
  desa                           name or kode of the desa (optional)
  jenis                          wisata | tka | lembaga_asing | pelintas_batas
  status_dokumen                 lengkap | tidak_lengkap | tanpa_dokumen
  jumlah                         whole number ≥ 1 (1 for a row about one named person)
  nama, kebangsaan, paspor, sponsor, catatan   optional; nama/paspor/sponsor are personal details
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path, PurePath

import pandas as pd
import sqlalchemy as sa

from analytics.store import tables
from analytics.ingest.dates import parse_date_value
from analytics.errors import IngestError, Problem
from analytics.places.gazetteer import load_gazetteer
from analytics.ingest.headers import normalise_header
from analytics.settings import read_settings, Settings

KINDS = {
    "wisata": "WNA wisata / kunjungan",
    "tka": "Tenaga kerja asing (TKA)",
    "lembaga_asing": "Lembaga / LSM asing",
    "pelintas_batas": "Pelintas batas",
}
DOCUMENT_STATUSES = {"lengkap": "Lengkap", "tidak_lengkap": "Tidak lengkap", "tanpa_dokumen": "Tanpa dokumen"}
PERSONAL_COLUMNS = ("nama", "kebangsaan", "paspor", "sponsor")
TEMPLATE_COLUMNS = ("periode_mulai", "periode_akhir", "kecamatan", "desa", "jenis", "status_dokumen", "jumlah",
                    "nama", "kebangsaan", "paspor", "sponsor", "catatan")
REQUIRED_COLUMNS = ("periode_mulai", "periode_akhir", "kecamatan", "jenis", "status_dokumen", "jumlah")
# Document statuses that raise the paparan component (analytics.risk): documented visitors do not.
EXPOSURE_DOCUMENTS = ("tidak_lengkap", "tanpa_dokumen")


SUMMARY_COUNT_COLUMNS = [*KINDS, *DOCUMENT_STATUSES, "jumlah"]


def _key(value: object) -> str:
    return normalise_header(value).replace(" ", "_")


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _place(resolver, gaz, kec_text, desa_text) -> tuple[str | None, str | None, str | None]:
    """Return (kode_kecamatan, kode_desa, problem) for one row's place names or codes."""
    kec_codes, desa_codes = set(gaz.kecamatan["kode"]), dict(zip(gaz.desa["kode"], gaz.desa["kode_kecamatan"]))
    kec = kec_text if kec_text in kec_codes else resolver.resolve_kecamatan(kec_text).kode
    if kec is None:
        return None, None, "kecamatan"
    if desa_text is None:
        return kec, None, None
    desa = desa_text if desa_text in desa_codes else resolver.resolve_desa(desa_text, kec).kode
    if desa is None or desa_codes.get(desa) != kec:
        return kec, None, "desa"
    return kec, desa, None


def parse_foreigners(frame: pd.DataFrame, *, file_name: str, resolver, first_row: int = 2) -> pd.DataFrame:
    """Return the store rows for an uploaded register table, or raise IngestError listing every bad row/column/value."""
    columns = {_key(c): c for c in frame.columns}
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise IngestError(f"{file_name}: kolom wajib tidak ada: {', '.join(missing)}.", [
            Problem(file_name, None, None, c, None, f"Kolom '{c}' wajib ada (lihat templat register orang asing).")
            for c in missing])
    gaz = load_gazetteer()
    problems: list[Problem] = []
    rows = []
    for offset, raw in enumerate(frame.to_dict("records")):
        cells = {key: _text(raw[col]) for key, col in columns.items()}
        row_no = first_row + offset

        def bad(col: str, message: str) -> None:
            problems.append(Problem(file_name, None, row_no, columns.get(col, col), cells.get(col), message))

        mulai, akhir = parse_date_value(cells["periode_mulai"]), parse_date_value(cells["periode_akhir"])
        if mulai is None:
            bad("periode_mulai", "Tanggal tidak terbaca (contoh: 01/05/2024).")
        if akhir is None:
            bad("periode_akhir", "Tanggal tidak terbaca (contoh: 31/05/2024).")
        if mulai and akhir and akhir < mulai:
            bad("periode_akhir", "Akhir periode sebelum awal periode.")
        kec, desa, which = _place(resolver, gaz, cells["kecamatan"], cells.get("desa"))
        if which:
            bad(which, f"Nama/kode {which} tidak dikenal di Kabupaten Malinau.")
        jenis = _key(cells["jenis"] or "")
        if jenis not in KINDS:
            bad("jenis", f"Jenis harus salah satu dari: {', '.join(KINDS)}.")
        dokumen = _key(cells["status_dokumen"] or "")
        if dokumen not in DOCUMENT_STATUSES:
            bad("status_dokumen", f"Status dokumen harus salah satu dari: {', '.join(DOCUMENT_STATUSES)}.")
        jumlah = pd.to_numeric(cells["jumlah"], errors="coerce")
        if pd.isna(jumlah) or jumlah < 1 or jumlah != int(jumlah):
            bad("jumlah", "Jumlah harus bilangan bulat 1 atau lebih.")
        rows.append({
            "periode_mulai": mulai, "periode_akhir": akhir, "kode_kecamatan": kec, "kode_desa": desa,
            "jenis": jenis, "dokumen": dokumen, "jumlah": None if pd.isna(jumlah) else int(jumlah),
            **{c: cells.get(c) for c in (*PERSONAL_COLUMNS, "catatan")}, "source_row": row_no,
        })
    if problems:
        raise IngestError(f"{file_name}: {len(problems)} masalah; tidak ada baris yang disimpan.", problems)
    if not rows:
        raise IngestError(f"{file_name}: berkas tidak berisi baris data.",
                          [Problem(file_name, None, None, None, None, "Tidak ada baris data di bawah judul kolom.")])
    return pd.DataFrame(rows)


def read_foreigners_file(path: str | Path) -> pd.DataFrame:
    """Return the first sheet/table of a CSV or XLSX register file as text columns named as TEMPLATE_COLUMNS."""
    path = Path(path)
    # dtype=str and keep_default_na=False: codes like 65.02.01 and empty cells must arrive as written.
    if PurePath(path).suffix.lower() in (".xlsx", ".xlsm"):
        frame = pd.read_excel(path, dtype=str, keep_default_na=False)
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep=None, engine="python", encoding="utf-8-sig")
    return frame.rename(columns=_key)


def ingest_foreigners(engine: sa.Engine, frame: pd.DataFrame, *, file_name: str, user: str) -> int:
    """Validate and store a register table all-or-nothing; return how many rows were stored (IngestError on any problem)."""
    from analytics.places.names import build_resolver

    rows = parse_foreigners(frame, file_name=file_name, resolver=build_resolver(engine, read_settings(engine)))
    now = datetime.now(timezone.utc)
    records = [{**{k: (None if pd.isna(v) else v) for k, v in r.items()}, "file_name": file_name, "uploaded_by": user,
                "uploaded_at": now, "active": True} for r in rows.to_dict("records")]
    with engine.begin() as conn:
        conn.execute(sa.insert(tables.foreigners), records)
        tables.record_audit(conn, user, "unggah_orang_asing", file_name,
                            {"rows": len(records), "jumlah": int(rows["jumlah"].sum())})
    return len(records)


def read_foreigners(engine: sa.Engine, personal: bool = False) -> pd.DataFrame:
    """Return the active register rows; personal detail columns only when personal=True (analis/admin)."""
    f = tables.foreigners
    hidden = set() if personal else {*PERSONAL_COLUMNS, "catatan"}
    cols = [c for c in f.columns if c.name not in hidden and c.name != "active"]
    with engine.connect() as conn:
        frame = pd.read_sql(sa.select(*cols).where(f.c.active).order_by(f.c.periode_mulai, f.c.id), conn)
    for name in ("periode_mulai", "periode_akhir"):
        frame[name] = pd.to_datetime(frame[name])
    return frame


def summarise_foreigners(frame: pd.DataFrame, as_of: date, window_days: int) -> pd.DataFrame:
    """Return per kecamatan: jumlah per jenis, per status dokumen, and total, for periods ending in the window before as_of."""
    gaz = load_gazetteer()
    out = gaz.kecamatan[["kode", "nama"]].copy()
    end = pd.Timestamp(as_of)
    # Same rule as the risk score: only periods that ended before as_of, within window_days.
    akhir = pd.to_datetime(frame["periode_akhir"]) if len(frame) else pd.Series([], dtype="datetime64[ns]")
    recent = frame[(akhir < end) & (akhir >= end - pd.Timedelta(days=int(window_days)))] if len(frame) else frame
    for column, values in (("jenis", KINDS), ("dokumen", DOCUMENT_STATUSES)):
        table = recent.pivot_table(index="kode_kecamatan", columns=column, values="jumlah", aggfunc="sum") if len(recent) else None
        for value in values:
            got = table[value] if table is not None and value in table.columns else pd.Series(dtype=float)
            out[value] = out["kode"].map(got).fillna(0).astype(int)
    out["jumlah"] = out[list(KINDS)].sum(axis=1)
    return out


def foreigners_summary(engine: sa.Engine, as_of: date, window_days: int) -> pd.DataFrame:
    """Return summarise_foreigners over the stored register (one row per kecamatan, all 15 shown)."""
    return summarise_foreigners(read_foreigners(engine), as_of, window_days)


def redact_foreigners(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the register without personal detail columns (nama, kebangsaan, paspor, sponsor, catatan)."""
    return frame.drop(columns=[c for c in (*PERSONAL_COLUMNS, "catatan") if c in frame.columns])


def exposure_equivalents(frame: pd.DataFrame, places: pd.DataFrame, eval_days, settings: Settings):
    """Return places × eval_days 'kejadian orang asing' equivalents from the register (for analytics.risk paparan).

    Persons with tidak_lengkap / tanpa_dokumen count jumlah / foreigners_per_event, on the day their
    period ends, within 1..risk_exposure_days before each evaluation day (the kejadian rule); a row
    without desa counts in every desa of its kecamatan, since its people may be anywhere in it.
    """
    import numpy as np

    from analytics.risk import components as rc

    eval_days = np.asarray(eval_days, dtype="datetime64[D]")
    rows = frame[frame["dokumen"].isin(EXPOSURE_DOCUMENTS)]
    weight = rows["jumlah"].to_numpy(float) / float(settings.foreigners_per_event)
    days = pd.to_datetime(rows["periode_akhir"]).to_numpy().astype("datetime64[D]")
    desa_index, kec_index = pd.Index(places["kode"]), pd.Index(places["kode_kecamatan"].unique())
    d_idx = desa_index.get_indexer(rows["kode_desa"].astype(object).where(rows["kode_desa"].notna(), None))
    c_idx = kec_index.get_indexer(rows["kode_kecamatan"].astype(object))
    at_desa, at_kec = d_idx >= 0, (d_idx < 0) & (c_idx >= 0)
    window = settings.risk_exposure_days
    out = rc.window_sums(d_idx[at_desa], days[at_desa], weight[at_desa], eval_days, len(desa_index), 1, window)
    kec = rc.window_sums(c_idx[at_kec], days[at_kec], weight[at_kec], eval_days, len(kec_index), 1, window)
    return out + kec[kec_index.get_indexer(places["kode_kecamatan"])]
