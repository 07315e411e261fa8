"""Kepatuhan laporan berkala: which kecamatan (and reporting desa) sent their report for each period.

A report counts for a period when its periode_akhir falls inside the period. Status per place and
period, on day as_of: diterima (a report exists); terlambat (no report and as_of − periode_akhir >
report_late_days); belum jatuh tempo (no report yet, but the deadline has not passed).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

STATUSES = ("diterima", "terlambat", "belum jatuh tempo")
COMPLIANCE_PALETTE = {"diterima": "#1A9850", "terlambat": "#D73027", "belum jatuh tempo": "#BDBDBD"}


PLACE_COLUMNS = ["kode", "nama", "level", "kode_kecamatan"]
TABLE_COLUMNS = ["kode", "nama", "level", "kode_kecamatan", "periode_mulai", "periode_akhir", "tenggat", "status",
                 "jumlah_nilai"]


def expected_periods(start: date, end: date, period_days: int = 30) -> pd.DataFrame:
    """Return the reporting periods (periode_mulai, periode_akhir) overlapping start..end: calendar months for 28–31 days, ISO weeks for 7, else blocks from 1 January."""
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    if end < start:
        return pd.DataFrame({"periode_mulai": pd.DatetimeIndex([]), "periode_akhir": pd.DatetimeIndex([])})
    if 28 <= period_days <= 31 or period_days == 7:
        periods = pd.period_range(start, end, freq="M" if period_days != 7 else "W-SUN")
        first, last = periods.start_time.normalize(), periods.end_time.normalize()
    else:
        anchor = pd.Timestamp(year=start.year, month=1, day=1)
        k0, k1 = (start - anchor).days // period_days, (end - anchor).days // period_days
        first = pd.DatetimeIndex([anchor + pd.Timedelta(days=k * period_days) for k in range(k0, k1 + 1)])
        last = first + pd.Timedelta(days=period_days - 1)
    return pd.DataFrame({"periode_mulai": pd.DatetimeIndex(first), "periode_akhir": pd.DatetimeIndex(last)})


def reporting_places(reports: pd.DataFrame, kecamatan: pd.DataFrame, desa: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the places expected to report (kode, nama, level, kode_kecamatan): every kecamatan, plus each desa that has ever sent a desa report."""
    kec = kecamatan[["kode", "nama"]].assign(level="kecamatan", kode_kecamatan=kecamatan["kode"])
    frames = [kec]
    if desa is not None and len(reports):
        sending = set(reports.loc[reports["level"] == "desa", "kode_desa"].dropna())
        chosen = desa[desa["kode"].isin(sending)]
        frames.append(chosen[["kode", "nama", "kode_kecamatan"]].assign(level="desa"))
    return pd.concat(frames, ignore_index=True)[PLACE_COLUMNS]


def compliance_table(
    reports: pd.DataFrame, places: pd.DataFrame, periods: pd.DataFrame, as_of: date, late_days: int = 7
) -> pd.DataFrame:
    """Return one row per place × period (kode, nama, level, periode_mulai, periode_akhir, tenggat, status, jumlah_nilai)."""
    for name in ("periode_akhir", "level", "kode_kecamatan", "kode_desa"):
        if name not in reports.columns:
            raise KeyError(f"kolom '{name}' tidak ada pada tabel laporan")
    grid = places[PLACE_COLUMNS].merge(periods[["periode_mulai", "periode_akhir"]], how="cross")
    grid["tenggat"] = grid["periode_akhir"] + pd.Timedelta(days=int(late_days))
    # Each report is credited to its place (desa kode for desa reports, kecamatan kode otherwise) and
    # to the period containing its periode_akhir; jumlah_nilai counts indicator values received.
    sent = pd.DataFrame({
        "kode": reports["kode_desa"].where(reports["level"] == "desa", reports["kode_kecamatan"]).astype(object),
        "level": reports["level"].astype(str),
        "akhir": pd.to_datetime(reports["periode_akhir"]),
    })
    counts = pd.Series(0, index=grid.index, dtype="int64")
    for (kode, level), group in sent.groupby(["kode", "level"]):
        rows = grid.index[(grid["kode"] == kode) & (grid["level"] == level)]
        for r in rows:
            inside = (group["akhir"] >= grid.at[r, "periode_mulai"]) & (group["akhir"] <= grid.at[r, "periode_akhir"])
            counts[r] = int(inside.sum())
    grid["jumlah_nilai"] = counts
    # Late means the deadline day (periode_akhir + late_days) has fully passed by as_of.
    late = pd.Timestamp(as_of) > grid["tenggat"]
    grid["status"] = "belum jatuh tempo"
    grid.loc[late, "status"] = "terlambat"
    grid.loc[grid["jumlah_nilai"] > 0, "status"] = "diterima"
    return grid[TABLE_COLUMNS].sort_values(["periode_mulai", "level", "kode"], ascending=[True, False, True]).reset_index(drop=True)


def compliance_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Return per period and level: diharapkan, diterima, terlambat, belum_jatuh_tempo, persen_diterima (of those due)."""
    counts = pd.crosstab([table["periode_mulai"], table["level"]], table["status"]).reindex(columns=list(STATUSES), fill_value=0)
    out = counts.rename(columns={"belum jatuh tempo": "belum_jatuh_tempo"}).reset_index()
    out.columns.name = None
    out.insert(2, "diharapkan", out["diterima"] + out["terlambat"] + out["belum_jatuh_tempo"])
    due = out["diterima"] + out["terlambat"]
    # A report sent before its deadline counts; places not yet due are left out of the percentage.
    out["persen_diterima"] = (100.0 * out["diterima"] / due.where(due > 0)).round(1)
    return out


def place_status(table: pd.DataFrame) -> pd.DataFrame:
    """Return one row per place (kode, status, periode_mulai) for its latest period that is due (else its latest): a map layer for category_map."""
    if table.empty:
        return pd.DataFrame(columns=["kode", "nama", "level", "status", "periode_mulai"])
    ordered = table.assign(_due=table["status"] != "belum jatuh tempo").sort_values(["kode", "_due", "periode_mulai"])
    latest = ordered.groupby("kode", sort=True).tail(1)
    return latest[["kode", "nama", "level", "status", "periode_mulai"]].reset_index(drop=True)
