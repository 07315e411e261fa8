"""Pure table builders for tindak lanjut (cases) on screen and in the briefing: no store, no Streamlit.

Everything here takes list_cases / compliance frames and returns display-ready frames, so the
Tindak Lanjut page, Profil, Mode Rapat and the Bahan Rakor show the same counts.
"""

from __future__ import annotations

import pandas as pd

from analytics.penanganan.rules import STATUSES, redact_cases

HIGH_BANDS = ("Tinggi", "Sangat Tinggi")
NO_AGENCY = "(belum ditetapkan)"
# Columns of list_cases that name a person (who opened it) besides the free text redact_cases drops.
PERSON_COLUMNS = ("created_by", "pelaku")


def overdue_flag(cases: pd.DataFrame, late_word: str = "LEWAT TENGGAT", days_word: str = "hari") -> pd.Series:
    """Return the flag text per case: '🔴 LEWAT TENGGAT 5 hari' when overdue, else ''."""
    if cases.empty:
        return pd.Series([], dtype=object, index=cases.index)
    return pd.Series(
        [f"🔴 {late_word} {int(d)} {days_word}" if late else "" for late, d in
         zip(cases["terlambat"], cases["hari_terlambat"])],
        index=cases.index, dtype=object,
    )


def public_cases(cases: pd.DataFrame) -> pd.DataFrame:
    """Return cases for pimpinan: no free text (judul, uraian) and no person (created_by)."""
    out = redact_cases(cases)
    return out.drop(columns=[c for c in PERSON_COLUMNS if c in out.columns])


def public_actions(actions: pd.DataFrame) -> pd.DataFrame:
    """Return a case's entries for pimpinan: date, kind and the new status only (no text, no person)."""
    keep = [c for c in ("tanggal", "jenis", "status_baru") if c in actions.columns]
    return actions[keep]


def status_by_agency(cases: pd.DataFrame) -> pd.DataFrame:
    """Return a count table: one row per instansi, one column per status plus 'lewat tenggat' and 'jumlah'."""
    columns = [*STATUSES, "lewat tenggat", "jumlah"]
    if cases.empty:
        return pd.DataFrame(columns=["instansi", *columns]).astype({c: "int64" for c in columns})
    agency = cases["instansi"].fillna(NO_AGENCY)
    table = pd.crosstab(agency, cases["status"]).reindex(columns=list(STATUSES), fill_value=0)
    table["lewat tenggat"] = cases.groupby(agency)["terlambat"].sum().reindex(table.index).astype(int)
    table["jumlah"] = table[list(STATUSES)].sum(axis=1)
    table = table.sort_values(["lewat tenggat", "jumlah"], ascending=False)
    return table.rename_axis("instansi").reset_index().rename_axis(None, axis=1)


def status_counts(cases: pd.DataFrame) -> dict[str, int]:
    """Return how many cases have each status, plus 'lewat tenggat' (overdue) and 'jumlah' (all)."""
    counts = {s: int((cases["status"] == s).sum()) if len(cases) else 0 for s in STATUSES}
    counts["lewat tenggat"] = int(cases["terlambat"].sum()) if len(cases) else 0
    counts["jumlah"] = len(cases)
    return counts


def overdue_by_place(cases: pd.DataFrame) -> pd.DataFrame:
    """Return the overdue cases as (tempat, instansi, jatuh_tempo, hari_terlambat, status), longest overdue first."""
    columns = ["tempat", "instansi", "jatuh_tempo", "hari_terlambat", "status"]
    if cases.empty:
        return pd.DataFrame(columns=columns)
    late = cases[cases["terlambat"]].sort_values("hari_terlambat", ascending=False)
    return late.assign(instansi=late["instansi"].fillna(NO_AGENCY))[columns].reset_index(drop=True)


def alerts_without_case(scores: pd.DataFrame, cases: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Return places in Tinggi or above with no open case (kode, nama, tingkat, skor), highest score first."""
    columns = ["kode", "nama", "tingkat", "skor"]
    if scores.empty:
        return pd.DataFrame(columns=columns)
    high = scores[scores["tingkat"].astype(str).isin(HIGH_BANDS)]
    taken: set[str] = set()
    if len(cases):
        open_rows = cases[cases["status"].isin(("baru", "dalam penanganan", "dipantau"))]
        taken = {k.strip() for joined in open_rows["kode"] for k in str(joined).split(",")}
    high = high[~high["kode"].isin(taken)]
    out = pd.DataFrame({"kode": high["kode"].to_numpy(), "nama": high["kode"].map(names).fillna(high["kode"]).to_numpy(),
                        "tingkat": high["tingkat"].astype(str).to_numpy(), "skor": high["skor"].to_numpy()})
    return out.sort_values(["skor", "kode"], ascending=[False, True]).reset_index(drop=True)


def late_places(compliance: pd.DataFrame) -> list[str]:
    """Return the names of places with at least one report terlambat, in name order."""
    if compliance.empty:
        return []
    return sorted(set(compliance.loc[compliance["status"] == "terlambat", "nama"]))


def compliance_totals(summary: pd.DataFrame) -> dict[str, int]:
    """Return received, late and expected totals over a compliance_summary frame."""
    names = ("diterima", "terlambat", "diharapkan")
    if summary.empty:
        return dict.fromkeys(names, 0)
    return {name: int(summary[name].sum()) for name in names}
