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
                 "jumlah_nilai", "jumlah_kiriman"]
REPORTER_COLUMNS = ["pelapor", "peran", "kode_kecamatan", "jumlah_kiriman", "terakhir", "hari_sejak", "status"]


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
    reports: pd.DataFrame, places: pd.DataFrame, periods: pd.DataFrame, as_of: date, late_days: int = 7,
    submissions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return one row per place × period (kode, nama, level, periode_mulai, periode_akhir, tenggat, status,
    jumlah_nilai, jumlah_kiriman). Field submissions (verified kejadian sent from phones, see
    field_submission_counts) count as reporting for their kecamatan and desa."""
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
    grid["jumlah_kiriman"] = field_submission_counts(submissions, grid)
    # Late means the deadline day (periode_akhir + late_days) has fully passed by as_of.
    late = pd.Timestamp(as_of) > grid["tenggat"]
    grid["status"] = "belum jatuh tempo"
    grid.loc[late, "status"] = "terlambat"
    grid.loc[(grid["jumlah_nilai"] > 0) | (grid["jumlah_kiriman"] > 0), "status"] = "diterima"
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


def _sent_day(submissions: pd.DataFrame) -> pd.Series:
    """Return the day each field submission was sent (WITA), else the day of the kejadian."""
    sent = pd.to_datetime(submissions.get("submitted_at"), utc=True, errors="coerce", format="mixed")
    sent = sent.dt.tz_convert("Asia/Makassar").dt.tz_localize(None).dt.normalize()
    return sent.fillna(pd.to_datetime(submissions["tanggal"]))


def field_submission_counts(submissions: pd.DataFrame | None, grid: pd.DataFrame) -> pd.Series:
    """Return, per row of a place × period grid, the field submissions sent from that place in that period."""
    counts = pd.Series(0, index=grid.index, dtype="int64")
    if submissions is None or submissions.empty or grid.empty:
        return counts
    day = _sent_day(submissions).to_numpy()
    for level, column in (("kecamatan", "kode_kecamatan"), ("desa", "kode_desa")):
        rows = grid.index[grid["level"] == level]
        codes = submissions[column].to_numpy(dtype=object)
        for r in rows:
            inside = (codes == grid.at[r, "kode"]) & (day >= grid.at[r, "periode_mulai"].to_datetime64()) \
                & (day <= grid.at[r, "periode_akhir"].to_datetime64())
            counts[r] = int(inside.sum())
    return counts


def reporter_table(submissions: pd.DataFrame, start: date, end: date, as_of: date) -> pd.DataFrame:
    """Return one row per field reporter (REPORTER_COLUMNS): submissions sent in [start, end], the last one,
    days since it on as_of, and status 'mengirim' or 'belum mengirim' (sent before, but not in this period)."""
    if submissions.empty:
        return pd.DataFrame(columns=REPORTER_COLUMNS)
    frame = submissions.assign(
        pelapor=submissions["submitted_by"].fillna(submissions["reporter_role"]).fillna("(tanpa akun)"),
        peran=submissions["reporter_role"].fillna(""), hari=_sent_day(submissions))
    frame = frame[frame["hari"] <= pd.Timestamp(end)]
    inside = frame["hari"] >= pd.Timestamp(start)
    grouped = frame.assign(dalam=inside).groupby("pelapor", sort=True)
    out = pd.DataFrame({
        "peran": grouped["peran"].agg(lambda v: ", ".join(sorted(set(x for x in v if x)))),
        "kode_kecamatan": grouped["kode_kecamatan"].agg(lambda v: ", ".join(sorted(set(v)))),
        "jumlah_kiriman": grouped["dalam"].sum().astype("int64"),
        "terakhir": grouped["hari"].max(),
    }).reset_index()
    out["hari_sejak"] = (pd.Timestamp(as_of) - out["terakhir"]).dt.days.astype("int64")
    out["status"] = ["mengirim" if n else "belum mengirim" for n in out["jumlah_kiriman"]]
    return out.sort_values(["jumlah_kiriman", "hari_sejak", "pelapor"], ascending=[True, False, True],
                           ignore_index=True)[REPORTER_COLUMNS]
