"""The words of Unggah Data, Akurasi, Pengaturan and the Bahan Rakor buttons, in Indonesian and English.

Registered with `analytics.i18n.add_strings` when imported, so `t(key, lang)` finds them. Each entry
is written as (key, Indonesian, English) so a reviewer sees both languages side by side. Messages that
describe a file (validation problems, IngestError texts) are not here: they stay Indonesian on purpose.
"""

from __future__ import annotations

import pandas as pd

from analytics.i18n import DEFAULT_LANG, STRINGS, add_strings, t

_PAGES: list[tuple[str, str, str]] = [
    # --- Unggah Data (pages/unggah.py, ui/upload.py) ---
    ("unggah_title", "Unggah Data", "Upload data"),
    ("unggah_caption", "Unggah berkas kejadian atau laporan berkala (.xlsx, .xls, .csv). Data baru tampil di semua "
     "halaman setelah disimpan.", "Upload an incident or periodic-report file (.xlsx, .xls, .csv). New data shows "
     "on every page once stored."),
    ("unggah_templates", "Templat kosong", "Blank templates"),
    ("unggah_templates_caption", "Isi templat ini agar kolom dikenali tanpa pemetaan.",
     "Fill in these templates so the columns are recognised without mapping."),
    ("unggah_choose_file", "Pilih berkas", "Choose a file"),
    ("unggah_preview", "Pratinjau", "Preview"),
    ("unggah_read_sheet", "Dibaca dari lembar '{sheet}', judul kolom pada baris {row}; {rows} baris data. "
     "Jenis data: {kind}.", "Read from sheet '{sheet}', column titles on row {row}; {rows} data rows. "
     "Kind of data: {kind}."),
    ("unggah_read", "Dibaca dari judul kolom pada baris {row}; {rows} baris data. Jenis data: {kind}.",
     "Read with column titles on row {row}; {rows} data rows. Kind of data: {kind}."),
    ("unggah_checked", "Hasil pemeriksaan", "Check results"),
    ("unggah_counts", "**{valid}** baris valid, **{rejected}** baris ditolak, **{errors}** kesalahan, "
     "**{warnings}** peringatan.", "**{valid}** valid rows, **{rejected}** rejected rows, **{errors}** errors, "
     "**{warnings}** warnings."),
    ("unggah_save_all", "Simpan {n} baris", "Store {n} rows"),
    ("unggah_save_valid", "Simpan hanya {n} baris yang valid", "Store valid rows only ({n})"),
    ("unggah_discard", "Jangan simpan apa pun", "Store nothing"),
    ("unggah_history", "Riwayat unggahan", "Upload history"),
    ("upload_sheet", "Lembar (sheet)", "Sheet"),
    ("upload_sheet_help", "Lembar yang dibaca. Ganti bila data ada di lembar lain.",
     "The sheet that is read. Change it when the data is on another sheet."),
    ("upload_header_row", "Baris judul kolom", "Column title row"),
    ("upload_header_help", "Nomor baris (seperti di Excel) yang berisi judul kolom.",
     "The row number (as in Excel) that holds the column titles."),
    ("upload_try_header", "Coba baris judul kolom", "Try column title row"),
    ("upload_acled", "Berkas ACLED: kolom dipetakan otomatis menurut format ekspor ACLED.",
     "ACLED file: columns are mapped automatically from the ACLED export format."),
    ("upload_mapping", "Pemetaan kolom (ubah bila ada yang salah)", "Column mapping (change what is wrong)"),
    ("upload_no_column", "— (tidak ada)", "— (none)"),
    ("upload_unused", "Kolom yang tidak dipakai: {names}", "Columns not used: {names}"),
    ("upload_problems_csv", "Unduh daftar masalah (CSV)", "Download the problem list (CSV)"),
    ("upload_problems_xlsx", "Unduh daftar masalah (Excel)", "Download the problem list (Excel)"),
    ("upload_saving", "Menyimpan data …", "Storing data …"),
    ("upload_reading", "Membaca dan memeriksa berkas …", "Reading and checking the file …"),
    ("upload_done_bar", "Selesai.", "Done."),
    ("upload_done", "Selesai", "Done"),
    ("upload_saved", "Tersimpan: {inserted} baris baru, {duplicates} duplikat dilewati, {rejected} baris ditolak — "
     "berkas {file} (unggahan #{id}).", "Stored: {inserted} new rows, {duplicates} duplicates skipped, {rejected} "
     "rows rejected — file {file} (upload #{id})."),
    ("upload_already", "Semua {n} baris {file} sudah ada di basis data; tidak ada yang ditambahkan.",
     "All {n} rows of {file} are already in the database; nothing was added."),
    ("upload_nothing", "Tidak ada yang disimpan dari {file}.", "Nothing was stored from {file}."),
    ("upload_template_kejadian", "Templat kejadian (.xlsx)", "Incident template (.xlsx)"),
    ("upload_template_laporan", "Templat laporan berkala (.xlsx)", "Periodic report template (.xlsx)"),
    ("upload_status_active", "aktif", "active"),
    ("upload_status_deleted", "dihapus", "deleted"),
    ("upload_choose", "Pilih unggahan", "Choose an upload"),
    ("upload_undo", "Batalkan penghapusan", "Undo the deletion"),
    ("upload_restored", "Unggahan #{id} dipulihkan: {restored} baris aktif lagi.",
     "Upload #{id} restored: {restored} rows count again."),
    ("upload_restored_kept", "Unggahan #{id} dipulihkan: {restored} baris aktif lagi, {kept} tetap nonaktif "
     "(duplikat).", "Upload #{id} restored: {restored} rows count again, {kept} stay inactive (duplicates)."),
    ("upload_confirm_delete", "Hapus unggahan #{id}? Baris-barisnya tidak lagi dihitung (dapat dibatalkan).",
     "Delete upload #{id}? Its rows will no longer count (this can be undone)."),
    ("upload_yes_delete", "Ya, hapus", "Yes, delete"),
    ("upload_cancel", "Batal", "Cancel"),
    ("upload_deleted", "Unggahan #{id} dihapus: {count} baris tidak lagi dihitung.",
     "Upload #{id} deleted: {count} rows no longer count."),
    ("upload_delete", "Hapus unggahan ini", "Delete this upload"),
    ("upload_demo_caption", "Basis data berisi DATA CONTOH. Hapus sebelum memakai data sebenarnya (tidak dapat "
     "dibatalkan).", "The database holds DATA CONTOH (sample data). Remove it before using real data (cannot be "
     "undone)."),
    ("upload_demo_delete", "Hapus data contoh", "Remove the sample data"),
    ("upload_demo_confirm", "Hapus semua data contoh untuk selamanya?", "Remove all sample data for good?"),
    ("upload_demo_yes", "Ya, hapus data contoh", "Yes, remove the sample data"),
    ("upload_demo_removed", "Data contoh dihapus ({n} unggahan).", "Sample data removed ({n} uploads)."),
    # --- Akurasi (pages/akurasi.py, ui/accuracy.py, analytics/accuracy.py) ---
    ("akurasi_title", "Akurasi skor risiko", "Accuracy of the risk score"),
    ("akurasi_caption", "Setiap bulan, desa diurutkan menurut skor yang diketahui pada hari pertama bulan itu (tanpa "
     "melihat data bulan itu), lalu dibandingkan dengan desa yang benar-benar mengalami kejadian.",
     "Each month the desa are ranked by the score known on the first day of that month (without looking at that "
     "month's data), then compared with the desa that really had incidents."),
    ("akurasi_unavailable", "Akurasi belum dapat dihitung: {reason}", "Accuracy cannot be computed yet: {reason}"),
    ("akurasi_metric_help", "Bagian desa berkejadian yang berada di {k} teratas, {months} bulan terakhir.",
     "Share of desa with incidents that were in the top {k}, last {months} months."),
    ("akurasi_monthly", "Per bulan", "By month"),
    ("akurasi_averages", "Rata-rata seluruh bulan yang diuji", "Average over all tested months"),
    ("akurasi_table_caption", "Presisi @10: bagian dari 10 desa teratas yang mengalami kejadian. Cakupan @10: bagian "
     "desa berkejadian yang ada di 10 teratas. Skor Brier mengukur ketepatan peluang (0 = sempurna).",
     "Precision @10: share of the top 10 desa that had incidents. Recall @10: share of desa with incidents that "
     "were in the top 10. The Brier score measures how accurate the probabilities are (0 = perfect)."),
    ("akurasi_monthly_table", "Tabel per bulan", "Table by month"),
    ("akurasi_running", "Menguji skor pada data lama …", "Testing the score on past data …"),
    ("acc_model_skor", "Skor risiko", "Risk score"),
    ("acc_model_bulan_lalu", "Pembanding: bulan lalu", "Baseline: last month"),
    ("acc_model_rata_12", "Pembanding: rata-rata 12 bulan", "Baseline: 12-month average"),
    ("acc_metric_ap", "Presisi rata-rata (AP)", "Average precision (AP)"),
    ("acc_metric_p_at_k", "Presisi @{k}", "Precision @{k}"),
    ("acc_metric_r_at_k", "Cakupan @{k}", "Recall @{k}"),
    ("acc_metric_brier", "Skor Brier (makin kecil makin baik)", "Brier score (smaller is better)"),
    ("acc_col_model", "Model", "Model"),
    ("acc_col_month", "Bulan", "Month"),
    ("acc_col_positives", "Desa dengan kejadian", "Desa with incidents"),
    ("acc_col_recall", "Cakupan @{k} — {model}", "Recall @{k} — {model}"),
    ("acc_col_ap", "AP — {model}", "AP — {model}"),
    ("acc_axis_share", "% desa berkejadian di {k} teratas", "% of desa with incidents in the top {k}"),
    ("acc_no_months", "Belum cukup data untuk menguji skor: perlu kejadian selama lebih dari satu bulan.",
     "Not enough data to test the score yet: incidents over more than one month are needed."),
    ("acc_no_positives", "Dalam {months} bulan yang diuji ({first} s.d. {last}) tidak ada desa yang mengalami "
     "kejadian, jadi ketepatan skor belum dapat diukur.", "In the {months} months tested ({first} to {last}) no desa "
     "had an incident, so the accuracy of the score cannot be measured yet."),
    ("acc_span_many", "bulan terakhir", "months"),
    ("acc_span_one", "bulan terakhir yang diuji", "month tested"),
    ("acc_headline", "Dalam {months} {span} ({first} s.d. {last}), {k} desa teratas menurut skor memuat {skor} dari "
     "desa yang benar-benar mengalami kejadian ({positives} desa-bulan); pembanding 'bulan lalu' {bulan_lalu}, "
     "pembanding 'rata-rata 12 bulan' {rata_12}.", "Over the last {months} {span} ({first} to {last}), the top {k} "
     "desa by score held {skor} of the desa that really had incidents ({positives} desa-months); the 'last month' "
     "baseline {bulan_lalu}, the '12-month average' baseline {rata_12}."),
    ("acc_same", "Skor risiko sama baiknya dengan pembanding 'bulan lalu'.",
     "The risk score does as well as the 'last month' baseline."),
    ("acc_better", "Skor risiko menangkap {diff} poin persen lebih banyak daripada pembanding 'bulan lalu'.",
     "The risk score catches {diff} percentage points more than the 'last month' baseline."),
    ("acc_worse", "Skor risiko menangkap {diff} poin persen lebih sedikit daripada pembanding 'bulan lalu'; tinjau "
     "bobot skor di halaman Pengaturan.", "The risk score catches {diff} percentage points fewer than the 'last "
     "month' baseline; review the score weights on the Settings page."),
    # --- Pengaturan (pages/pengaturan.py, ui/admin.py) ---
    ("pengaturan_title", "Pengaturan", "Settings"),
    ("pengaturan_caption", "Setiap perubahan dicatat di log audit dengan nama Anda, dan langsung berlaku di semua "
     "halaman.", "Every change is written to the audit log under your name and applies at once on every page."),
    ("tab_batas", "Batas wilayah", "Boundaries"),
    ("tab_kalender", "Kalender pemilihan", "Election calendar"),
    ("tab_sinonim", "Sinonim kategori", "Category synonyms"),
    ("tab_alias", "Alias nama tempat", "Place-name aliases"),
    ("admin_level_auto", "Kenali otomatis", "Detect automatically"),
    ("admin_level_desa", "Desa", "Desa"),
    ("admin_level_kecamatan", "Kecamatan", "Kecamatan"),
    ("admin_level_kabupaten", "Kabupaten", "Kabupaten"),
    ("admin_boundary_file", "Berkas batas wilayah (.geojson, .gpkg, .zip shapefile)",
     "Boundary file (.geojson, .gpkg, .zip shapefile)"),
    ("admin_boundary_level", "Tingkat wilayah", "Level"),
    ("admin_boundary_mapping", "Pemetaan kolom (isi bila kolom kode/nama tidak dikenali)",
     "Column mapping (fill in when the code/name columns are not recognised)"),
    ("admin_boundary_import", "Impor batas wilayah", "Import boundaries"),
    ("admin_boundary_importing", "Mengimpor batas wilayah …", "Importing boundaries …"),
    ("admin_boundary_report", "{file} (tingkat {level}): {read} bentuk dibaca, {matched} cocok, {unmatched} tidak "
     "cocok, {missing} wilayah tidak ada di berkas.", "{file} (level {level}): {read} shapes read, {matched} "
     "matched, {unmatched} not matched, {missing} areas missing from the file."),
    ("admin_unmatched", "Tidak cocok", "Not matched"),
    ("admin_missing", "Tidak ada di berkas", "Missing from the file"),
    ("admin_outside", "Di luar Malinau", "Outside Malinau"),
    ("admin_fields_used", "Kolom yang dipakai: {fields}", "Columns used: {fields}"),
    ("admin_election", "Pemilihan", "Election"),
    ("admin_wave", "Putaran / tahap", "Round / wave"),
    ("admin_wave_assumed", "Putaran ini masih berisi ASUMSI demo; ganti dengan data DPMD/KPU.",
     "This wave still holds demo ASSUMPTIONS; replace them with DPMD/KPU data."),
    ("admin_all_desa", "Semua desa ikut", "All desa take part"),
    ("admin_voting_desa", "Desa yang memilih", "Desa that vote"),
    ("admin_stage", "Tahap", "Stage"),
    ("admin_start", "Mulai", "Start"),
    ("admin_end", "Selesai", "End"),
    ("admin_save_calendar", "Simpan kalender", "Save the calendar"),
    ("admin_calendar_refused", "Kalender tidak disimpan: {error}", "Calendar not saved: {error}"),
    ("admin_calendar_saved", "Kalender {election} — {wave} disimpan.", "Calendar {election} — {wave} saved."),
    ("admin_calendar_reset", "Kembalikan kalender bawaan", "Restore the built-in calendar"),
    ("admin_calendar_default", "Kalender bawaan (data/elections.json) dipakai lagi.",
     "The built-in calendar (data/elections.json) is used again."),
    ("admin_setting_help", "Pengaturan {name}", "Setting {name}"),
    ("admin_save", "Simpan", "Save"),
    ("admin_settings_changed", "{n} pengaturan diubah: {names}.", "{n} settings changed: {names}."),
    ("admin_nothing_changed", "Tidak ada yang berubah.", "Nothing changed."),
    ("admin_phrase", "Frasa (seperti tertulis di kolom Jenis Kejadian)",
     "Phrase (as written in the Jenis Kejadian column)"),
    ("admin_kategori", "Kategori", "Category"),
    ("admin_add_synonym", "Tambah sinonim", "Add synonym"),
    ("admin_synonym_added", "Sinonim '{phrase}' → {kategori} ditambahkan.",
     "Synonym '{phrase}' → {kategori} added."),
    ("admin_alias_level", "Tingkat", "Level"),
    ("admin_alias", "Ejaan lain (alias)", "Other spelling (alias)"),
    ("admin_official_name", "Nama resmi", "Official name"),
    ("admin_add_alias", "Tambah alias", "Add alias"),
    ("admin_alias_added", "Alias '{alias}' → {place} ditambahkan.", "Alias '{alias}' → {place} added."),
    # --- Bahan Rakor buttons (ui/briefing.py) ---
    ("briefing_pdf", "Bahan Rakor (PDF)", "Meeting briefing (PDF)"),
    ("briefing_pptx", "Bahan Rakor (PowerPoint)", "Meeting briefing (PowerPoint)"),
    ("briefing_building", "Menyiapkan Bahan Rakor …", "Preparing the meeting briefing …"),
]

# Column titles of the tables these pages show, as analytics names them (Indonesian) → English.
# Registered as "hdr:<title>" so the Indonesian text stays exactly what analytics returns.
_HEADERS: dict[str, str] = {
    # problems table (analytics/upload_report.PROBLEM_COLUMNS)
    "Lembar": "Sheet", "Baris": "Row", "Kolom": "Column", "Nilai": "Value", "Pesan": "Message", "Tingkat": "Level",
    # upload history (analytics/upload_report.history_frame)
    "#": "#", "Berkas": "File", "Jenis": "Kind", "Oleh": "By", "Waktu": "Time", "Dibaca": "Read",
    "Diterima": "Accepted", "Ditolak": "Rejected", "Duplikat": "Duplicates", "Baris aktif": "Active rows",
    "Status": "Status",
    # synonyms and aliases (analytics/admin_forms)
    "Frasa": "Phrase", "Kategori": "Category", "Alias": "Alias", "Kode": "Code", "Nama resmi": "Official name",
    "Nama": "Name",
    # election calendar (admin_forms.calendar_table) and stored boundaries (boundaries.summarize_boundaries)
    "pemilihan": "election", "putaran": "round", "tahap": "stage", "mulai": "start", "selesai": "end",
    "asumsi": "assumed", "desa": "desa", "level": "level", "derived": "derived", "source_file": "source file",
    "imported_by": "imported by", "jumlah": "count", "imported_at": "imported at",
}

# Mapping fields of the Unggah column-mapping boxes (analytics/upload_report.FIELD_LABELS) → English.
_FIELDS: dict[str, str] = {
    "tanggal": "Date", "kecamatan": "Kecamatan", "desa": "Desa", "jenis": "Incident kind", "uraian": "Description",
    "pihak": "Parties involved", "korban_meninggal": "Dead", "korban_luka": "Injured", "tindak_lanjut": "Follow-up",
    "sumber": "Source", "keterangan": "Remarks", "lat": "Latitude", "lon": "Longitude", "periode": "Period",
    "periode_mulai": "Period start", "periode_akhir": "Period end", "indikator": "Indicator", "nilai": "Value",
    "catatan": "Note", "kabupaten": "Kabupaten", "acled_id": "ACLED ID",
}

# Settings groups (tabs of Pengaturan; Indonesian names in analytics/admin_forms.GROUP_LABELS) → English.
_GROUPS: dict[str, str] = {
    "risiko": "Risk score", "unggah": "Data upload", "nama": "Place names", "laporan": "Periodic reports",
    "wilayah": "Area", "akun": "Accounts",
}

# Keys of analytics/i18n.py without an English entry because the text is a name, a domain word or a number
# pattern that reads the same in English. Registered here with the Indonesian text, so every key has both
# languages and the screen shows exactly what the fallback showed; entries i18n.py adds itself win.
SAME_IN_ENGLISH = ("app_title", "by_kode_kecamatan", "col_desa", "col_kecamatan", "filter_kategori",
                   "filter_kecamatan", "level_desa", "level_kecamatan", "rapat_period", "rapat_step",
                   "role_admin", "role_analis", "role_pimpinan")


def build_strings() -> dict[str, dict[str, str]]:
    """Return every key of these pages as {lang: {key: text}}, ready for add_strings."""
    from analytics.admin_forms import GROUP_LABELS  # the Indonesian names, declared once there
    from analytics.upload_report import FIELD_LABELS

    strings: dict[str, dict[str, str]] = {"id": {}, "en": {}}
    for key, indonesian, english in _PAGES:
        strings["id"][key], strings["en"][key] = indonesian, english
    for title, english in _HEADERS.items():
        strings["id"][f"hdr:{title}"], strings["en"][f"hdr:{title}"] = title, english
    for field, english in _FIELDS.items():
        strings["id"][f"field:{field}"], strings["en"][f"field:{field}"] = FIELD_LABELS.get(field, field), english
    for group, english in _GROUPS.items():
        strings["id"][f"group:{group}"], strings["en"][f"group:{group}"] = GROUP_LABELS.get(group, group), english
    for key in SAME_IN_ENGLISH:
        if key in STRINGS[DEFAULT_LANG]:
            strings["en"][key] = STRINGS[DEFAULT_LANG][key]
    return strings


def translate_headers(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Return the frame with its column titles in lang (titles without a registered key stay as they are)."""
    return frame.rename(columns=lambda c: t(f"hdr:{c}", lang) if f"hdr:{c}" in STRINGS_ID else c)


def field_label(field: str, lang: str = DEFAULT_LANG) -> str:
    """Return the label of a mapping field (tanggal, desa, …) in lang, or the field name when unknown."""
    key = f"field:{field}"
    return t(key, lang) if key in STRINGS_ID else field


def group_label(group: str, lang: str = DEFAULT_LANG) -> str:
    """Return the tab name of a settings group in lang (a group without a key: its admin_forms label, or itself)."""
    key = f"group:{group}"
    if key in STRINGS_ID:
        return t(key, lang)
    from analytics.admin_forms import GROUP_LABELS

    return GROUP_LABELS.get(group, group)


_STRINGS = build_strings()
STRINGS_ID = _STRINGS["id"]  # this module's own Indonesian keys (the names in i18n.py are not among them)
add_strings(_STRINGS)
