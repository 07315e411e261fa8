"""Every setting of the product, declared once with its default and help text.

Values live in the `settings` table once an administrator changes them; until then the
default here applies. Help texts are for the administrator, so they are in Bahasa Indonesia.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa

from analytics.store import tables


@dataclass(frozen=True)
class Setting:
    """One configurable value: its name, default, help text and the group it is shown in."""

    name: str
    default: Any
    help: str
    group: str


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

SETTINGS: tuple[Setting, ...] = (
    # --- Unggah data
    Setting("upload_max_mb", 25, "Ukuran maksimum berkas unggahan (MB), di dasbor dan di baris perintah.", "unggah"),
    Setting("upload_max_rows", 200_000, "Jumlah baris maksimum satu berkas unggahan.", "unggah"),
    Setting(
        "xlsx_max_uncompressed_mb",
        200,
        "Ukuran maksimum isi berkas Excel setelah diekstrak (MB); di atas itu berkas ditolak sebagai bom zip.",
        "unggah",
    ),
    # --- Nama tempat
    Setting(
        "name_accept_score",
        90,
        "Skor kemiripan (0–100) minimum agar nama desa/kecamatan yang salah eja diterima otomatis (dengan peringatan).",
        "nama",
    ),
    Setting(
        "name_suggest_score",
        70,
        "Skor kemiripan minimum untuk menampilkan saran 'maksud Anda …?' pada baris yang ditolak.",
        "nama",
    ),
    # --- Laporan berkala
    Setting(
        "indicators",
        DEFAULT_INDICATORS,
        "Indikator laporan berkala (kode → uraian); tiap indikator bernilai 0 (aman) sampai 3 (sangat rawan).",
        "laporan",
    ),
    Setting("indicator_max", 3, "Nilai tertinggi satu indikator laporan berkala.", "laporan"),
    Setting(
        "report_period_days",
        30,
        "Panjang periode laporan berkala (hari); dipakai untuk menghitung laporan yang diharapkan dan yang terlambat.",
        "laporan",
    ),
    # --- Skor risiko
    Setting(
        "risk_weights",
        {"intensitas": 0.45, "lonjakan": 0.2, "laporan": 0.2, "pemilihan": 0.05, "paparan": 0.1},
        "Bobot tiap komponen indikator: urutan kalimat penjelasan dan kelengkapan data (skor tidak lagi rata-rata berbobot komponen; skor = peluang × 100).",
        "risiko",
    ),
    Setting(
        "risk_thresholds",
        {"Sedang": 30, "Tinggi": 60, "Sangat Tinggi": 80},
        "Batas bawah tiap tingkat risiko pada peluang (%) terjadi sedikitnya satu kejadian di desa dalam 30 hari "
        "ke depan (skor = peluang × 100); di bawah 'Sedang' berarti 'Rendah'.",
        "risiko",
    ),
    Setting("forecast_horizon_days", 30, "Jangka perkiraan (hari): perkiraan dan peluang berlaku untuk sekian hari ke depan.",
            "risiko"),
    Setting("forecast_train_days", 730, "Model perkiraan dilatih ulang pada data sekian hari terakhir sebelum tanggal penilaian.",
            "risiko"),
    Setting("forecast_train_step_days", 14, "Jarak (hari) antar titik awal data latih model perkiraan.", "risiko"),
    Setting(
        "forecast_validation_days",
        182,
        "Bagian akhir data latih (hari) untuk memilih apakah laporan berkala dan paparan ikut dalam model "
        "(validasi bergulir; tidak pernah memakai bulan yang ditampilkan di halaman Akurasi).",
        "risiko",
    ),
    Setting("forecast_long_days", 1095, "Jendela (hari) riwayat panjang desa dalam model perkiraan.", "risiko"),
    Setting(
        "forecast_parts_off",
        [],
        "Bagian model perkiraan yang dimatikan (riwayat, setahun, tiga_bulan, dua_minggu, kecamatan, laporan, paparan, "
        "pemilihan); untuk uji ablasi — biarkan kosong.",
        "risiko",
    ),
    Setting("forecast_max_rows", 40_000, "Jumlah baris latih maksimum (sampel acak tetap bila lebih; skala nasional).",
            "risiko"),
    Setting("risk_half_life_days", 30, "Waktu paruh (hari) bobot kejadian dalam komponen intensitas.", "risiko"),
    Setting(
        "risk_long_half_life_days",
        180,
        "Waktu paruh (hari) ingatan panjang komponen intensitas: tingkat kejadian desa yang menetap sepanjang tahun.",
        "risiko",
    ),
    Setting(
        "risk_long_share",
        0.5,
        "Bagian ingatan panjang dalam komponen intensitas (0 = hanya waktu paruh pendek, 1 = hanya ingatan panjang).",
        "risiko",
    ),
    Setting("risk_baseline_days", 180, "Panjang masa dasar (hari) pembanding untuk komponen lonjakan.", "risiko"),
    Setting("risk_recent_days", 30, "Jendela 'kejadian terbaru' (hari) untuk komponen lonjakan dan penjelasan.", "risiko"),
    Setting(
        "severity_weights",
        {"kejadian": 1.0, "meninggal": 5.0, "luka": 2.0},
        "Bobot keparahan: tiap kejadian, tiap korban meninggal dan tiap korban luka.",
        "risiko",
    ),
    Setting(
        "election_window_days",
        90,
        "Berapa hari sebelum pemungutan suara komponen pemilihan mulai naik.",
        "risiko",
    ),
    Setting(
        "election_stage_weights",
        {"pencalonan": 30, "kampanye": 60, "masa tenang": 80, "pemungutan suara": 100, "penghitungan": 90, "rekapitulasi": 60},
        "Nilai komponen pemilihan (0–100) selama tiap tahapan, bagi desa yang ikut memilih.",
        "risiko",
    ),
    Setting(
        "election_calendar",
        None,
        "Kalender pemilihan (JSON, bentuk sama dengan data/elections.json); kosong berarti memakai berkas bawaan.",
        "risiko",
    ),
    Setting(
        "risk_intensity_midpoint",
        3.0,
        "Jumlah kejadian berbobot (setelah peluruhan) yang memberi komponen intensitas nilai 50.",
        "risiko",
    ),
    Setting(
        "risk_kecamatan_share",
        0.3,
        "Bagian bobot kejadian tingkat kecamatan (tanpa desa) yang ikut dihitung di tiap desa kecamatan itu.",
        "risiko",
    ),
    Setting(
        "risk_spike_prior_days",
        180,
        "Kekuatan pembanding kabupaten (hari) dalam komponen lonjakan: makin besar, makin sulit satu kejadian dianggap lonjakan.",
        "risiko",
    ),
    Setting(
        "risk_report_stale_days",
        90,
        "Laporan berkala yang periodenya berakhir lebih lama dari sekian hari dianggap tidak ada.",
        "risiko",
    ),
    Setting(
        "risk_exposure_days",
        365,
        "Jendela (hari) kejadian orang asing / perbatasan untuk komponen paparan.",
        "risiko",
    ),
    Setting("border_near_km", 10, "Jarak ke batas negara (km) yang dianggap paparan penuh.", "risiko"),
    Setting("border_far_km", 50, "Jarak ke batas negara (km) yang dianggap tanpa paparan.", "risiko"),
    Setting(
        "risk_rollup_max_share",
        0.5,
        "Komponen indikator kecamatan/kabupaten = bagian ini × nilai desa tertinggi + sisanya × rata-rata desa (peluang kecamatan = peluang sedikitnya satu kejadian di salah satu desanya).",
        "risiko",
    ),
    # --- Wilayah
    Setting(
        "border_kecamatan",
        ["65.02.03", "65.02.04", "65.02.05", "65.02.09", "65.02.10", "65.02.11"],
        "Kecamatan yang berbatasan dengan Sarawak/Sabah (Malaysia); semua desanya dianggap desa perbatasan kecuali diubah.",
        "wilayah",
    ),
    Setting(
        "border_desa_extra",
        [],
        "Kode desa tambahan yang dianggap desa perbatasan (di luar kecamatan perbatasan).",
        "wilayah",
    ),
    Setting(
        "border_desa_excluded",
        [],
        "Kode desa di kecamatan perbatasan yang tidak dianggap desa perbatasan.",
        "wilayah",
    ),
    # --- Akun
    Setting("login_max_failures", 5, "Jumlah gagal masuk berturut-turut sebelum akun dikunci.", "akun"),
    Setting("login_lockout_minutes", 15, "Lama akun terkunci setelah terlalu sering gagal masuk (menit).", "akun"),
    Setting("session_idle_minutes", 30, "Sesi berakhir setelah tidak dipakai selama sekian menit.", "akun"),
    # --- Penanganan (analytics/cases.py, rakor.py, compliance.py, foreigners.py)
    Setting(
        "agencies",
        ["Camat", "Polres Malinau", "Kodim 0910/Malinau", "Badan Kesbangpol", "DPMD", "Kantor Imigrasi",
         "Disnakertrans", "Satpol PP", "Dinas Sosial", "Kejaksaan Negeri Malinau", "Kepala Desa", "FKUB"],
        "Daftar instansi yang dapat menjadi penanggung jawab tindak lanjut dan peserta Rakor.",
        "penanganan",
    ),
    Setting(
        "case_default_due_days",
        14,
        "Batas waktu bawaan (hari sejak dibuka) untuk tindak lanjut baru yang tidak diberi tanggal jatuh tempo.",
        "penanganan",
    ),
    Setting(
        "report_late_days",
        7,
        "Laporan berkala dianggap terlambat bila periodenya sudah berakhir lebih dari sekian hari dan belum diterima.",
        "penanganan",
    ),
    Setting(
        "rakor_default_window_days",
        30,
        "Jika belum ada Rakor yang dicatat, agenda 'sejak Rakor terakhir' memakai sekian hari terakhir.",
        "penanganan",
    ),
    Setting(
        "foreigners_per_event",
        10,
        "Jumlah orang asing tanpa dokumen / dokumen tidak lengkap (register orang asing, dalam jendela paparan) yang setara dengan satu kejadian orang asing pada komponen paparan.",
        "penanganan",
    ),
)

SETTINGS_BY_NAME = {s.name: s for s in SETTINGS}


def read_settings(engine: sa.Engine) -> dict[str, Any]:
    """Return every setting's current value: the stored one, else the default."""
    values = {s.name: s.default for s in SETTINGS}
    with engine.connect() as conn:
        for name, raw in conn.execute(sa.select(tables.settings.c.name, tables.settings.c.value)):
            if name in values:
                values[name] = json.loads(raw)
    return values


def write_setting(engine: sa.Engine, name: str, value: Any, user: str) -> None:
    """Store a new value for a declared setting, in one transaction with its audit entry."""
    if name not in SETTINGS_BY_NAME:
        raise KeyError(f"Pengaturan tidak dikenal: {name}")
    now = datetime.now(timezone.utc)
    with engine.begin() as conn:
        conn.execute(sa.delete(tables.settings).where(tables.settings.c.name == name))
        conn.execute(
            sa.insert(tables.settings).values(name=name, value=json.dumps(value), updated_by=user, updated_at=now)
        )
        tables.record_audit(conn, user, "ubah_pengaturan", name, {"value": value})
