"""Turning simulated incidents into kejadian rows as a field report writes them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.ingest.categories import LAINNYA, default_synonyms, match_kategori
from analytics.demo.text import BASE_KINDS, CAUSES, COMPANIES, ELECTION_KINDS, SUMBER, TINDAK_LANJUT, Kind
from analytics.demo.world import ELECTION_CAUSE
from analytics.ingest.schemas import INCIDENT_COLUMNS

DEMO_MARK = "DATA CONTOH"
# Chance of (luka, meninggal) per incident by cause: most incidents hurt nobody.
SEVERITY = {"kekerasan": (0.5, 0.04), "adat": (0.15, 0.01), "batas": (0.08, 0.005), "lahan": (0.06, 0.004),
            "protes": (0.05, 0.002), "lain": (0.05, 0.0), "lintas": (0.01, 0.0), "dana": (0.01, 0.0)}
ELECTION_SEVERITY = {"Bentrok": (0.3, 0.01)}  # only clashes between supporters hurt people
# Share written up at kecamatan level (no desa): rumours and protests at the Camat's office often are.
KECAMATAN_ONLY = {"hoaks": 0.5, "protes": 0.15, "asing": 0.1, "lintas": 0.1, "pemilihan": 0.12}
COORDINATE_SHARE = 0.35


def _pick(options: tuple, rng: np.random.Generator):
    """Return one of options, drawn with rng."""
    return options[int(rng.integers(len(options)))]


def _tindak_lanjut(cause: str, md: int, ll: int, rng: np.random.Generator) -> str:
    """Return the follow-up an officer writes for this kind of incident and its casualties."""
    if md or ll >= 2:
        return _pick(TINDAK_LANJUT["berat"], rng)
    group = {"asing": "asing", "lintas": "asing", "hoaks": "hoaks", "pemilihan": "pemilu",
             "lahan": "lahan", "protes": "lahan"}.get(cause, "ringan")
    return _pick(TINDAK_LANJUT[group], rng)


def _korban_text(md: int, ll: int, rng: np.random.Generator) -> str:
    """Return the casualty sentence closing an uraian ('' half the time when nobody was hurt)."""
    parts = []
    if md:
        parts.append(f"{md} orang meninggal dunia")
    if ll:
        parts.append(f"{ll} orang luka-luka dan dirawat di Puskesmas")
    if parts:
        text = " dan ".join(parts)
        return " " + text[0].upper() + text[1:] + "."
    return " Tidak ada korban jiwa." if rng.random() < 0.5 else ""


def _election_kind(jenis: str, after_vote: bool, rng: np.random.Generator) -> Kind:
    """Return a kind of election incident that fits the phase (no objections to results before the vote)."""
    phase = "sesudah" if after_vote else "sebelum"
    return _pick(tuple(k for k in ELECTION_KINDS[jenis] if k.phase in ("any", phase)), rng)


def describe_events(events: pd.DataFrame, desa: pd.DataFrame, election: pd.DataFrame, start: pd.Timestamp,
                    rng: np.random.Generator) -> pd.DataFrame:
    """Return kejadian rows (INCIDENT_COLUMNS) for simulated events.

    election has one row per event: `jenis` of the election behind it ("" if none) and `after_vote`.
    """
    synonyms = default_synonyms()
    kategori_of: dict[str, str] = {}
    by_kec = {k: g.index.to_numpy() for k, g in desa.groupby("kode_kecamatan")}
    places = desa.to_dict("records")  # plain dicts: row access in this loop must be cheap
    rows = []
    for (day, d, c), (jenis_pemilihan, after_vote) in zip(events[["day", "desa", "cause"]].itertuples(index=False),
                                                          election[["jenis", "after_vote"]].itertuples(index=False)):
        place = places[d]
        cause = "pemilihan" if c == ELECTION_CAUSE else CAUSES[c]
        kind = (_election_kind(jenis_pemilihan, after_vote, rng) if c == ELECTION_CAUSE
                else _pick(BASE_KINDS[cause], rng))
        desa_level = rng.random() >= KECAMATAN_ONLY.get(cause, 0.03)
        others = [i for i in by_kec[place["kode_kecamatan"]] if i != d]
        tetangga = f"Desa {places[_pick(tuple(others), rng)]['nama']}" if others else "desa tetangga"
        tempat = f"Desa {place['nama']}" if desa_level else f"wilayah Kecamatan {place['kecamatan']}"
        p_ll, p_md = (next((v for k, v in ELECTION_SEVERITY.items() if kind.jenis.startswith(k)), (0.0, 0.0))
                      if c == ELECTION_CAUSE else SEVERITY.get(cause, (0.0, 0.0)))
        ll = int(1 + rng.poisson(0.6)) if rng.random() < p_ll else 0
        md = int(1 + (rng.random() < 0.15)) if rng.random() < p_md else 0
        words = {"tempat": tempat, "tetangga": tetangga, "pt": _pick(COMPANIES, rng),
                 "ha": int(rng.integers(2, 60)) * 5, "n": int(rng.integers(3, 30)) * 10,
                 "jam": f"{int(rng.integers(0, 24)):02d}.{int(rng.integers(0, 4)) * 15:02d}",
                 "k": int(rng.integers(1, 8))}
        uraian = _pick(kind.uraian, rng).format(**words)
        uraian = uraian[0].upper() + uraian[1:] + _korban_text(md, ll, rng)
        with_point = desa_level and rng.random() < COORDINATE_SHARE
        lat = round(place["lat"] + rng.normal(0, 0.01), 5) if with_point else np.nan
        lon = round(place["lon"] + rng.normal(0, 0.01), 5) if with_point else np.nan
        if kind.jenis not in kategori_of:  # the same rule an uploaded file goes through
            kategori_of[kind.jenis] = match_kategori(kind.jenis, synonyms) or LAINNYA
        rows.append({
            "tanggal": start + pd.Timedelta(days=int(day)),
            "kode_kecamatan": place["kode_kecamatan"],
            "kode_desa": place["kode"] if desa_level else None,
            "jenis": kind.jenis,
            "kategori": kategori_of[kind.jenis],
            "uraian": uraian,
            "pihak": _pick(kind.pihak, rng).format(**words),
            "korban_meninggal": md,
            "korban_luka": ll,
            "tindak_lanjut": _tindak_lanjut(cause, md, ll, rng),
            "sumber": f"{DEMO_MARK} – {_pick(SUMBER, rng)}",
            "lat": lat,
            "lon": lon,
        })
    frame = pd.DataFrame(rows, columns=INCIDENT_COLUMNS)
    return make_distinct(frame)


def make_distinct(frame: pd.DataFrame) -> pd.DataFrame:
    """Return frame where two reports of the same day, place and kind differ in their uraian (else the store merges them)."""
    key = ["tanggal", "kode_kecamatan", "kode_desa", "jenis", "uraian", "korban_meninggal", "korban_luka"]
    repeat = frame.fillna({"kode_desa": ""}).groupby(key, sort=False).cumcount()
    frame = frame.copy()
    frame.loc[repeat > 0, "uraian"] = frame.loc[repeat > 0, "uraian"] + " (laporan ke-" + (repeat[repeat > 0] + 1).astype(str) + ")"
    return frame
