"""Header words: which written column titles mean which canonical field, and where the header row is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz

# Canonical field -> normalised header texts that mean it (see normalise_header). Longer texts win.
KEJADIAN_HEADERS: dict[str, tuple[str, ...]] = {
    "no": ("no", "no urut", "nomor", "nomor urut"),
    "tanggal": ("tanggal", "tgl", "hari tanggal", "hari tgl", "tanggal kejadian", "tgl kejadian", "waktu kejadian",
                "hari tanggal kejadian", "waktu", "date"),
    "kecamatan": ("kecamatan", "kec", "kec kejadian", "nama kecamatan", "wilayah kecamatan"),
    "desa": ("desa", "desa kel", "desa kelurahan", "kelurahan", "nama desa", "lokasi desa", "desa lokasi", "lokasi"),
    "jenis": ("jenis", "jenis kejadian", "jenis kejadian potensi konflik", "jenis konflik", "potensi konflik",
              "kejadian", "jenis gangguan", "kategori"),
    "uraian": ("uraian", "uraian kejadian", "uraian singkat", "kronologi", "kronologis", "deskripsi", "ringkasan"),
    "pihak": ("pihak", "pihak yang terlibat", "pihak terlibat", "para pihak", "pihak pihak yang terlibat", "pelaku"),
    "korban_meninggal": ("korban md", "md", "meninggal", "meninggal dunia", "korban meninggal",
                         "korban meninggal dunia", "korban jiwa meninggal", "jumlah meninggal"),
    "korban_luka": ("korban ll", "ll", "luka", "luka luka", "korban luka", "korban luka luka", "jumlah luka"),
    "tindak_lanjut": ("tindak lanjut", "penanganan", "upaya penanganan", "langkah penanganan", "tindakan",
                      "upaya yang dilakukan"),
    "sumber": ("sumber", "sumber informasi", "sumber berita", "sumber data", "sumber laporan", "pelapor"),
    "keterangan": ("ket", "keterangan"),
    "lat": ("lat", "latitude", "lintang", "koordinat lintang", "garis lintang"),
    "lon": ("lon", "long", "lng", "longitude", "bujur", "koordinat bujur", "garis bujur"),
    "koordinat": ("koordinat", "lintang bujur", "lat long", "lat lon", "titik koordinat"),  # one cell "lat, lon"
}
LAPORAN_HEADERS: dict[str, tuple[str, ...]] = {
    "periode": ("periode", "bulan", "periode laporan", "bulan laporan", "masa laporan", "bulan tahun"),
    "periode_mulai": ("periode mulai", "tanggal mulai", "mulai", "dari tanggal", "awal periode"),
    "periode_akhir": ("periode akhir", "tanggal akhir", "akhir", "sampai tanggal", "s d", "sampai", "akhir periode"),
    "kecamatan": KEJADIAN_HEADERS["kecamatan"],
    "desa": KEJADIAN_HEADERS["desa"],
    "indikator": ("indikator", "kode indikator", "indikator kerawanan", "nama indikator"),
    "nilai": ("nilai", "skor", "nilai indikator", "skor indikator", "tingkat kerawanan"),
    "catatan": ("catatan", "ket", "keterangan"),
    "sumber": KEJADIAN_HEADERS["sumber"],
    "no": KEJADIAN_HEADERS["no"],
}
ACLED_HEADERS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
KEJADIAN_FIELDS = ["tanggal", "kecamatan", "desa", "jenis", "uraian", "pihak", "korban_meninggal", "korban_luka",
                   "tindak_lanjut", "sumber", "keterangan", "lat", "lon"]
LAPORAN_FIELDS = ["periode", "periode_mulai", "periode_akhir", "kecamatan", "desa", "indikator", "nilai",
                  "catatan", "sumber"]
ACLED_FIELDS = ["tanggal", "kabupaten", "kecamatan", "desa", "jenis", "uraian", "pihak", "korban_meninggal",
                "sumber", "lat", "lon", "acled_id"]
MIN_HEADER_SCORE = 3  # three recognised titles in one row; prose and data rows almost never reach it
SCAN_ROWS = 60  # the header is looked for in the first rows only (title blocks are short)
SUB_HEADER_WORDS = {"md", "ll", "lb", "lr", "meninggal", "luka", "luka luka", "lintang", "bujur", "lat", "lon",
                    "long", "mulai", "akhir", "desa", "kecamatan", "kelurahan", "l", "p"}


def normalise_header(text: object) -> str:
    """Return a header cell lower-cased, brackets removed, punctuation as single spaces ("KEC." -> "kec")."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    cleaned = re.sub(r"\(.*?\)", " ", str(text).lower())  # "(orang)" or "(0-3)" after a title is a unit, not a word
    return " ".join(re.sub(r"[^0-9a-z]+", " ", cleaned).split())


GROUP_PATH = re.compile(r"[/:-]")  # phone-form exports name a field by its group path: "kejadian/tanggal"
FORM_PATH = re.compile(r"[a-z_][a-z0-9_.]*(?:[/:-][a-z_][a-z0-9_.]*)+")


def match_title(text: object, vocabulary: dict[str, tuple[str, ...]]) -> str | None:
    """Return the field a header cell as written means (match_header on its normalised text), with one addition:
    a single-token title holding a form-group path ("kejadian/tanggal", "lokasi-desa", "grp:uraian") that is
    not itself a known title is read by its last step ("tanggal"), which then wins over a mere prefix match
    ("kejadian …" would otherwise read as the jenis column). Known titles keep their meaning: "LAT/LONG" is
    still one koordinat column, "DESA/KELURAHAN" still desa."""
    raw = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text).strip()
    norm = normalise_header(raw)
    # form field names are lower-case identifiers; a spreadsheet's "MD/LL", "S/D" or a date "05/06/2024" is no path
    if not FORM_PATH.fullmatch(raw) or _exact(norm, vocabulary):
        return match_header(norm, vocabulary)
    return _exact(normalise_header(GROUP_PATH.split(raw)[-1]), vocabulary) or match_header(norm, vocabulary)


def _exact(norm: str, vocabulary: dict[str, tuple[str, ...]]) -> str | None:
    return next((name for name, aliases in vocabulary.items() if norm in aliases), None) if norm else None


def match_header(norm: str, vocabulary: dict[str, tuple[str, ...]]) -> str | None:
    """Return the field a normalised header means: exact text first, else the longest alias it begins with."""
    if not norm:
        return None
    if vocabulary is KEJADIAN_HEADERS or vocabulary is LAPORAN_HEADERS:
        return _match_known(norm, vocabulary is KEJADIAN_HEADERS)
    return _match_header(norm, vocabulary)


@lru_cache(maxsize=8192)
def _match_known(norm: str, kejadian: bool) -> str | None:
    # cached because header sniffing scores the same data cells many times (rows x delimiters)
    return _match_header(norm, KEJADIAN_HEADERS if kejadian else LAPORAN_HEADERS)


def _match_header(norm: str, vocabulary: dict[str, tuple[str, ...]]) -> str | None:
    # a header is a few words; a longer cell is prose ("Desa Long Loreh mengalami ...") and only matches exactly
    if (exact := _exact(norm, vocabulary)) is not None:
        return exact
    allow_prefix = len(norm) <= 40 and norm.count(" ") < 5
    best, best_len = None, 0
    for field_name, aliases in vocabulary.items():
        for alias in aliases:
            # prefix only for words long enough not to be accidental ("tindak lanjut camat", not "no hp")
            if allow_prefix and len(alias) >= 4 and norm.startswith(alias + " ") and len(alias) > best_len:
                best, best_len = field_name, len(alias)
    return best


def match_indicator(norm: str, indicators: dict[str, str]) -> str | None:
    """Return the indicator code whose code or label a normalised header names, else None."""
    if not norm:
        return None
    return _match_indicator_cached(norm, tuple(indicators.items()))


@lru_cache(maxsize=4096)
def _match_indicator_cached(norm: str, indicators: tuple[tuple[str, str], ...]) -> str | None:
    # cached because header sniffing scores the same data cells many times (rows x delimiters)
    for code, label in indicators:
        if norm in (normalise_header(code.replace("_", " ")), normalise_header(label)):
            return code
    if len(norm) < 8:
        return None
    for code, label in indicators:
        if fuzz.token_set_ratio(norm, normalise_header(label)) >= 90:
            return code
    return None


@dataclass
class RowScore:
    """How much a row looks like a header row for each kind of table."""

    kejadian: int
    laporan: int
    acled: int

    @property
    def best(self) -> int:
        """Return the highest of the three scores."""
        return max(self.kejadian, self.laporan, self.acled)


def score_row(cells: list[object], indicators: dict[str, str]) -> RowScore:
    """Return the number of distinct known header titles in one row, per kind of table."""
    texts = [c for c in cells if isinstance(c, str) and c.strip()]
    norms = [normalise_header(c) for c in texts]
    kejadian = {match_title(c, KEJADIAN_HEADERS) for c in texts} - {None, "no"}
    laporan = {match_title(c, LAPORAN_HEADERS) for c in texts} - {None, "no"}
    laporan |= {match_indicator(n, indicators) for n in norms} - {None}
    acled = {t.strip().lower() for t in texts} & set(ACLED_HEADERS)
    return RowScore(len(kejadian), len(laporan), len(acled))


def find_header_row(cells: pd.DataFrame, indicators: dict[str, str]) -> tuple[int | None, RowScore]:
    """Return the index of the best-scoring header row among the first rows (None if none qualifies)."""
    best_index, best_score = None, RowScore(0, 0, 0)
    for index in range(min(len(cells), SCAN_ROWS)):
        score = score_row(cells.iloc[index].tolist(), indicators)
        if score.best > best_score.best:
            best_index, best_score = index, score
    if best_score.best < MIN_HEADER_SCORE:
        return None, best_score
    return best_index, best_score


def is_sub_header(cells: list[object]) -> bool:
    """Return True when a row under the header holds only sub-titles (e.g. "MD | LL" under a merged "KORBAN")."""
    texts = [c for c in cells if not (isinstance(c, str) and not c.strip()) and c is not None]
    if not texts or not all(isinstance(c, str) for c in texts):
        return False
    norms = [normalise_header(c) for c in texts]
    return all(
        n in SUB_HEADER_WORDS or match_header(n, KEJADIAN_HEADERS) or match_header(n, LAPORAN_HEADERS) for n in norms
    )


def is_numbering_row(cells: list[object]) -> bool:
    """Return True for the "(1) (2) (3) ..." column-number row many Indonesian reports put under the header."""
    values = [c.strip().strip("()[]. ") if isinstance(c, str) else c for c in cells if c not in ("", None)]
    numbers = []
    for value in values:
        try:
            numbers.append(int(float(value)))
        except (TypeError, ValueError):
            return False
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def combine_header_rows(top: list[object], sub: list[object] | None) -> list[str]:
    """Return one header text per column, joining a merged top title to each sub-title under it."""
    tops = ["" if c is None else str(c).strip() for c in top]
    if sub is None:
        return tops
    subs = ["" if c is None else str(c).strip() for c in sub]
    combined, carried = [], ""
    for top_text, sub_text in zip(tops, subs):
        # calamine gives a merged title in its top-left cell only: carry it right over the empty cells of its span
        if top_text:
            carried = top_text if sub_text else ""  # a title with nothing under it spans rows, not columns
        elif not sub_text:
            carried = ""
        title = top_text or carried
        combined.append(f"{title} {sub_text}".strip() if sub_text and title else (sub_text or title))
    return combined
