"""A read table (analytics.loaders.RawTable) → clean records plus every problem, named as the user sees it.

Every check is vectorised or done once per distinct value (dates, place pairs, kinds), so a 100k-row
file costs about as much as its distinct values. A row with any error is left out of the records;
warnings keep the row. The clean records are then checked against the declared pandera schema
(lazy=True, so every failure is collected) before they may reach the store.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from analytics.errors import Problem
from analytics.ingest.categories import LAINNYA, categorise, categorise_acled
from analytics.ingest.checks import (
    FIELD_LABELS,
    Collector,
    ValidationResult,
    as_text,
    check_counts,
    check_dates,
    check_places,
    finish,
    kind_name,
    text_column,
)
from analytics.ingest.reports import validate_reports
from analytics.ingest.resolve_places import check_coordinates
from analytics.ingest.schemas import INCIDENT_COLUMNS, IncidentRecord, ReportRecord
from analytics.places.names import NameResolver
from analytics.settings import Settings


def validate_table(raw, resolver: NameResolver, synonyms: dict[str, str], settings: Settings,
                   today: date | None = None) -> ValidationResult:
    """Return the clean records and all problems of one read table (kejadian, ACLED or laporan)."""
    today = today or date.today()
    kind = kind_name(raw)
    if kind == "laporan":

        return validate_reports(raw, resolver, settings, today)
    return validate_incidents(raw, resolver, synonyms, today, acled=kind == "acled")


def validate_incidents(raw, resolver: NameResolver, synonyms: dict[str, str], today: date,
                       acled: bool = False) -> ValidationResult:
    """Return the clean IncidentRecord rows of a kejadian or ACLED table, and every problem."""
    col = Collector(raw)
    kind = "acled" if acled else "kejadian"
    frame = raw.frame.reset_index(drop=True)
    missing = [n for n, alts in (("tanggal", ("tanggal",)), ("kecamatan", ("kecamatan", "desa")),
                                 ("jenis", ("jenis", "uraian"))) if not any(a in frame.columns for a in alts)]
    for name in missing:
        col.file_error(f"Kolom wajib '{FIELD_LABELS[name]}' tidak ditemukan; kolom yang terbaca: "
                       f"{', '.join(map(str, (raw.columns or {}).values())) or '-'}", FIELD_LABELS[name])
    if missing:
        col.bad[:] = True
        return ValidationResult(kind, pd.DataFrame(columns=INCIDENT_COLUMNS), pd.Series([], dtype="int64"),
                                col.sorted_problems(), len(frame), len(frame))
    text = {name: text_column(frame, name) for name in
            ("kecamatan", "desa", "jenis", "uraian", "pihak", "tindak_lanjut", "sumber", "keterangan",
             "korban_meninggal", "korban_luka", "lat", "lon", "kabupaten")}
    if acled and "kabupaten" in frame.columns:
        # ACLED exports cover whole provinces: rows elsewhere are skipped (not an error of the file).
        outside = ~text["kabupaten"].str.lower().str.contains("malinau", regex=False).to_numpy()
        col.add(frame.index[outside], "kabupaten", text["kabupaten"][outside],
                "Kejadian di luar Kabupaten Malinau; baris dilewati", severity="warning")
        col.bad[outside] = True
        frame = frame[~outside]
        text = {name: values[~outside] for name, values in text.items()}
    tanggal = check_dates(col, frame["tanggal"], "tanggal", today)
    meninggal = check_counts(col, text["korban_meninggal"], "korban_meninggal")
    luka = check_counts(col, text["korban_luka"], "korban_luka")
    kode_kec, kode_desa = check_places(col, resolver, text["kecamatan"], text["desa"], lenient_desa=acled)
    jenis = text["jenis"].where(text["jenis"] != "", text["uraian"]) if not acled else text["jenis"]
    if acled:
        kategori = categorise_acled(text["jenis"], text["uraian"], synonyms)
    else:
        kategori, unmapped = categorise(jenis, synonyms)
        kept = set(jenis[~col.bad[frame.index.to_numpy()]])  # rejected rows are reported on their own
        unmapped = [kind_text for kind_text in unmapped if kind_text in kept]
        if unmapped:
            col.problems.append(Problem(
                raw.file_name, raw.sheet, None, col.column("jenis"), "; ".join(unmapped[:30]),
                f"{len(unmapped)} jenis kejadian tidak dikenali dan dimasukkan ke kategori '{LAINNYA}': "
                f"{', '.join(unmapped[:30])}. Tambahkan sinonim agar masuk kategori yang tepat.", "warning"))
    lat, lon, warn = check_coordinates(text["lat"], text["lon"])
    col.add(frame.index[warn], "lat", [f"{a}, {b}" for a, b in zip(text["lat"][warn], text["lon"][warn])],
            "Koordinat di luar Kabupaten Malinau atau tidak terbaca; koordinat diabaikan, kejadian tetap disimpan",
            severity="warning")
    uraian = text["uraian"]
    ket = text["keterangan"]
    if (ket != "").any():  # The store has no 'keterangan' column; it is kept with the description rather than lost.
        uraian = uraian.where(ket == "", (uraian + "\nKeterangan: " + ket).str.strip())
    records = pd.DataFrame({
        "tanggal": tanggal, "kode_kecamatan": as_text(kode_kec.fillna("")), "kode_desa": as_text(kode_desa.fillna("")),
        "jenis": as_text(text["jenis"]), "kategori": as_text(kategori), "uraian": as_text(uraian),
        "pihak": as_text(text["pihak"]), "korban_meninggal": meninggal, "korban_luka": luka,
        "tindak_lanjut": as_text(text["tindak_lanjut"]), "sumber": as_text(text["sumber"]),
        "lat": lat, "lon": lon,
    })
    return finish(col, kind, records, IncidentRecord)


__all__ = ["ValidationResult", "validate_table", "validate_incidents", "ReportRecord"]
