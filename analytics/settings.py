"""Every setting of the product, declared once with its type, default and help text.

`Settings` is the one typed model: each field is declared with `setting(default, help, group)`, and
`read_settings` returns one validated instance per read (stored values over the defaults), so code reads
`settings.upload_max_mb` with no casts. Values live in the `settings` table once an administrator changes
them; a stored value that no longer fits its type is ignored (the default applies) rather than
breaking every page. Help texts are for the administrator, so they are in Bahasa Indonesia.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from analytics.store import tables

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    """One configurable value as the Pengaturan page and the docs list it: name, default, help text, group."""

    name: str
    default: Any
    help: str
    group: str


def setting(default: Any, help_text: str, group: str) -> Any:
    """Return the declaration of one Settings field: its default, Indonesian help text and Pengaturan group."""
    return Field(default=default, description=help_text, json_schema_extra={"group": group})


DEFAULT_INDICATORS = {
    "sengketa_lahan": "Ketegangan atas lahan / sumber daya alam",
    "batas_wilayah": "Sengketa batas desa / wilayah",
    "sengketa_pemilihan": "Sengketa Pilkades / Pemilu / Pilkada",
    "unjuk_rasa": "Unjuk rasa / protes",
    "orang_asing": "Orang asing / TKA tanpa dokumen",
    "lintas_batas": "Pelintasan batas negara ilegal / penyelundupan",
    "hoaks": "Hoaks / ujaran kebencian",
    "antar_kelompok": "Ketegangan antar kelompok (suku, agama)",
}

class Settings(BaseModel):
    """Every setting, typed; an instance is read once per run and handed to whoever needs it."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    # --- unggah
    upload_max_mb: float = setting(
        25,
        "Ukuran maksimum berkas unggahan (MB), di dasbor dan di baris perintah.",
        "unggah",
    )
    upload_max_rows: int = setting(200000, "Jumlah baris maksimum satu berkas unggahan.", "unggah")
    xlsx_max_uncompressed_mb: int = setting(
        200,
        "Ukuran maksimum isi berkas Excel setelah diekstrak (MB); di atas itu berkas ditolak sebagai bom zip.",
        "unggah",
    )

    # --- nama
    name_accept_score: int = setting(
        90,
        "Skor kemiripan (0–100) minimum agar nama desa/kecamatan yang salah eja diterima otomatis (dengan peringatan).",
        "nama",
    )
    name_suggest_score: int = setting(
        70,
        "Skor kemiripan minimum untuk menampilkan saran 'maksud Anda …?' pada baris yang ditolak.",
        "nama",
    )

    # --- laporan
    indicators: dict[str, str] = setting(
        DEFAULT_INDICATORS,
        "Indikator laporan berkala (kode → uraian); tiap indikator bernilai 0 (aman) sampai 3 (sangat rawan).",
        "laporan",
    )
    indicator_max: int = setting(3, "Nilai tertinggi satu indikator laporan berkala.", "laporan")
    report_period_days: int = setting(
        30,
        "Panjang periode laporan berkala (hari); dipakai untuk menghitung laporan yang diharapkan dan yang terlambat.",
        "laporan",
    )

    # --- risiko
    risk_weights: dict[str, float] = setting(
        {"intensitas": 0.45, "lonjakan": 0.2, "laporan": 0.2, "pemilihan": 0.05, "paparan": 0.1},
        "Bobot tiap komponen skor risiko (dijumlah lalu dibagi total bobot komponen yang datanya ada).",
        "risiko",
    )
    risk_thresholds: dict[str, float] = setting(
        {"Sedang": 25, "Tinggi": 50, "Sangat Tinggi": 75},
        "Batas bawah tiap tingkat risiko pada skala 0–100; di bawah 'Sedang' berarti 'Rendah'.",
        "risiko",
    )
    risk_half_life_days: int = setting(30, "Waktu paruh (hari) bobot kejadian dalam komponen intensitas.", "risiko")
    risk_long_half_life_days: int = setting(
        180,
        "Waktu paruh (hari) ingatan panjang komponen intensitas: tingkat kejadian desa yang menetap sepanjang tahun.",
        "risiko",
    )
    risk_long_share: float = setting(
        0.5,
        "Bagian ingatan panjang dalam komponen intensitas (0 = hanya waktu paruh pendek, 1 = hanya ingatan panjang).",
        "risiko",
    )
    risk_baseline_days: int = setting(180, "Panjang masa dasar (hari) pembanding untuk komponen lonjakan.", "risiko")
    risk_recent_days: int = setting(
        30,
        "Jendela 'kejadian terbaru' (hari) untuk komponen lonjakan dan penjelasan.",
        "risiko",
    )
    severity_weights: dict[str, float] = setting(
        {"kejadian": 1.0, "meninggal": 5.0, "luka": 2.0},
        "Bobot keparahan: tiap kejadian, tiap korban meninggal dan tiap korban luka.",
        "risiko",
    )
    election_window_days: int = setting(
        90,
        "Berapa hari sebelum pemungutan suara komponen pemilihan mulai naik.",
        "risiko",
    )
    election_stage_weights: dict[str, float] = setting(
        {"pencalonan": 30, "kampanye": 60, "masa tenang": 80, "pemungutan suara": 100, "penghitungan": 90, "rekapitulasi": 60},
        "Nilai komponen pemilihan (0–100) selama tiap tahapan, bagi desa yang ikut memilih.",
        "risiko",
    )
    election_calendar: dict[str, Any] | str | None = setting(
        None,
        "Kalender pemilihan (JSON, bentuk sama dengan data/elections.json); kosong berarti memakai berkas bawaan.",
        "risiko",
    )
    risk_intensity_midpoint: float = setting(
        3.0,
        "Jumlah kejadian berbobot (setelah peluruhan) yang memberi komponen intensitas nilai 50.",
        "risiko",
    )
    risk_kecamatan_share: float = setting(
        0.3,
        "Bagian bobot kejadian tingkat kecamatan (tanpa desa) yang ikut dihitung di tiap desa kecamatan itu.",
        "risiko",
    )
    risk_spike_prior_days: int = setting(
        180,
        "Kekuatan pembanding kabupaten (hari) dalam komponen lonjakan: makin besar, makin sulit satu kejadian dianggap lonjakan.",
        "risiko",
    )
    risk_report_stale_days: int = setting(
        90,
        "Laporan berkala yang periodenya berakhir lebih lama dari sekian hari dianggap tidak ada.",
        "risiko",
    )
    risk_exposure_days: int = setting(
        365,
        "Jendela (hari) kejadian orang asing / perbatasan untuk komponen paparan.",
        "risiko",
    )
    border_near_km: int = setting(10, "Jarak ke batas negara (km) yang dianggap paparan penuh.", "risiko")
    border_far_km: int = setting(50, "Jarak ke batas negara (km) yang dianggap tanpa paparan.", "risiko")
    risk_rollup_max_share: float = setting(
        0.5,
        "Skor kecamatan/kabupaten = bagian ini × skor desa tertinggi + sisanya × rata-rata skor desa.",
        "risiko",
    )

    # --- wilayah
    border_kecamatan: list[str] = setting(
        ["65.02.03", "65.02.04", "65.02.05", "65.02.09", "65.02.10", "65.02.11"],
        "Kecamatan yang berbatasan dengan Sarawak/Sabah (Malaysia); semua desanya dianggap desa perbatasan kecuali diubah.",
        "wilayah",
    )
    border_desa_extra: list[str] = setting(
        [],
        "Kode desa tambahan yang dianggap desa perbatasan (di luar kecamatan perbatasan).",
        "wilayah",
    )
    border_desa_excluded: list[str] = setting(
        [],
        "Kode desa di kecamatan perbatasan yang tidak dianggap desa perbatasan.",
        "wilayah",
    )

    # --- akun
    login_max_failures: int = setting(5, "Jumlah gagal masuk berturut-turut sebelum akun dikunci.", "akun")
    login_lockout_minutes: int = setting(15, "Lama akun terkunci setelah terlalu sering gagal masuk (menit).", "akun")
    session_idle_minutes: int = setting(30, "Sesi berakhir setelah tidak dipakai selama sekian menit.", "akun")

    # --- penanganan
    agencies: list[str] = setting(
        ["Camat", "Polres Malinau", "Kodim 0910/Malinau", "Badan Kesbangpol", "DPMD", "Kantor Imigrasi", "Disnakertrans", "Satpol PP", "Dinas Sosial", "Kejaksaan Negeri Malinau", "Kepala Desa", "FKUB"],
        "Daftar instansi yang dapat menjadi penanggung jawab tindak lanjut dan peserta Rakor.",
        "penanganan",
    )
    case_default_due_days: int = setting(
        14,
        "Batas waktu bawaan (hari sejak dibuka) untuk tindak lanjut baru yang tidak diberi tanggal jatuh tempo.",
        "penanganan",
    )
    report_late_days: int = setting(
        7,
        "Laporan berkala dianggap terlambat bila periodenya sudah berakhir lebih dari sekian hari dan belum diterima.",
        "penanganan",
    )
    rakor_default_window_days: int = setting(
        30,
        "Jika belum ada Rakor yang dicatat, agenda 'sejak Rakor terakhir' memakai sekian hari terakhir.",
        "penanganan",
    )
    foreigners_per_event: int = setting(
        10,
        "Jumlah orang asing tanpa dokumen / dokumen tidak lengkap (register orang asing, dalam jendela paparan) yang setara dengan satu kejadian orang asing pada komponen paparan.",
        "penanganan",
    )


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(name, field.default, field.description or "", field.json_schema_extra["group"])
    for name, field in Settings.model_fields.items()
)
SETTINGS_BY_NAME = {s.name: s for s in SETTINGS}


def default_settings(**changes: Any) -> Settings:
    """Return the defaults, with changes applied and validated (tests and tools that need a variant)."""
    return Settings(**changes)


def read_settings(engine: sa.Engine) -> Settings:
    """Return every setting's current value: the stored one if it fits its type, else the default."""
    stored: dict[str, Any] = {}
    with engine.connect() as conn:
        for name, raw in conn.execute(sa.select(tables.settings.c.name, tables.settings.c.value)):
            if name in SETTINGS_BY_NAME:
                stored[name] = json.loads(raw)
    try:
        return Settings(**stored)
    except ValidationError as error:
        bad = {str(problem["loc"][0]) for problem in error.errors()}
        log.warning("stored settings ignored because they do not fit their type: %s", sorted(bad))
        return Settings(**{name: value for name, value in stored.items() if name not in bad})


def write_setting(engine: sa.Engine, name: str, value: Any, user: str) -> None:
    """Store a new value for a declared setting, in one transaction with its audit entry."""
    if name not in SETTINGS_BY_NAME:
        raise KeyError(f"Pengaturan tidak dikenal: {name}")
    try:
        Settings(**{name: value})
    except ValidationError as error:
        expected = Settings.model_fields[name].annotation
        raise ValueError(f"Nilai pengaturan {name} tidak sesuai (harus {expected}): {value!r}") from error
    now = datetime.now(timezone.utc)
    with engine.begin() as conn:
        conn.execute(sa.delete(tables.settings).where(tables.settings.c.name == name))
        conn.execute(
            sa.insert(tables.settings).values(name=name, value=json.dumps(value), updated_by=user, updated_at=now)
        )
        tables.record_audit(conn, user, "ubah_pengaturan", name, {"value": value})
