"""Screen texts of the phone forms (Unggah Data) and the Verifikasi page (registered with add_strings)."""

from analytics.i18n import add_strings

STRINGS = {
    "id": {
        "nav_verifikasi": "Verifikasi",
        "fr_forms": "Formulir HP (KoboToolbox / ODK Collect)",
        "fr_forms_caption": "Formulir untuk Babinsa, Bhabinkamtibmas, staf kecamatan dan perangkat desa: diisi di HP "
                            "tanpa sinyal, dikirim saat ada sinyal. Ekspor datanya diunggah di halaman ini seperti "
                            "berkas lain dan dikenali otomatis.",
        "fr_form_kejadian": "Formulir kejadian (.xlsx)",
        "fr_form_laporan": "Formulir laporan berkala (.xlsx)",
        "fr_publish_howto": (
            "**Cara menerbitkan di KoboToolbox**\n\n"
            "1. Masuk ke KoboToolbox (kf.kobotoolbox.org atau server kantor), pilih **New → Upload an XLSForm**, "
            "lalu pilih berkas formulir di atas.\n"
            "2. Tekan **Deploy**. Bagikan formulir ke akun petugas (Settings → Sharing) agar nama pengirim tercatat.\n"
            "3. Petugas memasang **KoboCollect** (atau ODK Collect), menambahkan server dan mengunduh formulir; "
            "formulir dapat diisi tanpa sinyal dan dikirim kemudian.\n"
            "4. Di KoboToolbox: **Data → Downloads**, pilih XLS atau CSV (nilai XML atau label, dengan atau tanpa "
            "nama grup), lalu unggah berkasnya di sini. Ekspor ulang aman: kiriman yang sama tidak digandakan, "
            "kiriman yang diubah diperbarui.\n"
            "5. Kiriman kejadian dari HP berstatus **menunggu** sampai diverifikasi analis di halaman Verifikasi."
        ),
        "vf_title": "Verifikasi laporan",
        "vf_caption": "Kejadian yang menunggu verifikasi, paling lama di atas. Hanya kejadian terverifikasi yang "
                      "dihitung dalam skor, peta, tren, kepatuhan dan Bahan Rakor.",
        "vf_none": "Tidak ada kejadian yang menunggu verifikasi.",
        "vf_waiting": "Menunggu",
        "vf_verified": "Terverifikasi",
        "vf_rejected": "Ditolak",
        "vf_item": "#{id} · {tanggal} · {tempat} · {kategori}",
        "vf_received": "Diterima {when} dari {who}",
        "vf_duplicates": "Kemungkinan duplikat yang sudah tersimpan (desa sama, ±3 hari, kategori sama):",
        "vf_no_duplicates": "Tidak ada kemungkinan duplikat.",
        "vf_approve": "Setujui",
        "vf_reject": "Tolak",
        "vf_reason": "Alasan penolakan",
        "vf_reason_needed": "Tulis alasan penolakan terlebih dahulu.",
        "vf_merge": "Gabungkan ke kejadian",
        "vf_merge_target": "Kejadian tujuan",
        "vf_done_approve": "Kejadian #{id} disetujui dan kini dihitung.",
        "vf_done_reject": "Kejadian #{id} ditolak.",
        "vf_done_merge": "Kejadian #{id} digabungkan ke #{target}.",
        "vf_recent": "Keputusan terakhir",
        "vf_col_id": "ID", "vf_col_tanggal": "Tanggal", "vf_col_tempat": "Tempat", "vf_col_kategori": "Kategori",
        "vf_col_jenis": "Jenis", "vf_col_status": "Status", "vf_col_alasan": "Alasan", "vf_col_oleh": "Oleh",
        "vf_col_pada": "Pada", "vf_col_md": "MD", "vf_col_ll": "LL", "vf_col_uraian": "Uraian",
        "vf_col_pelapor": "Pelapor", "vf_col_diterima": "Diterima", "vf_col_skor": "Skor desa sekarang",
        "vf_metric_waiting": "Menunggu verifikasi", "vf_metric_verified": "Terverifikasi (dihitung)",
        "vf_metric_rejected": "Ditolak", "vf_more": "Ditampilkan {shown} dari {total} yang menunggu; "
                                                   "selesaikan yang teratas dulu.",
    },
    "en": {
        "nav_verifikasi": "Verification",
        "fr_forms": "Phone forms (KoboToolbox / ODK Collect)",
        "fr_forms_caption": "Forms for Babinsa, Bhabinkamtibmas, kecamatan staff and desa officials: filled in "
                            "offline, sent when there is signal. Their exports are uploaded here like any other file "
                            "and recognised automatically.",
        "fr_form_kejadian": "Incident form (.xlsx)",
        "fr_form_laporan": "Periodic report form (.xlsx)",
        "vf_title": "Verify reports",
        "vf_caption": "Incidents waiting for verification, oldest first. Only verified incidents count in scores, "
                      "maps, trends, compliance and the briefing.",
        "vf_none": "Nothing is waiting for verification.",
        "vf_approve": "Approve", "vf_reject": "Reject", "vf_reason": "Reason for rejection",
        "vf_reason_needed": "Write the reason for rejection first.",
        "vf_merge": "Merge into incident", "vf_merge_target": "Target incident",
        "vf_duplicates": "Possible duplicates already stored (same desa, ±3 days, same category):",
        "vf_no_duplicates": "No possible duplicates.",
        "vf_recent": "Latest decisions",
        "vf_col_pelapor": "Reporter", "vf_col_diterima": "Received", "vf_col_skor": "Desa score now",
        "vf_metric_waiting": "Waiting", "vf_metric_verified": "Verified (counted)", "vf_metric_rejected": "Rejected",
    },
}

add_strings(STRINGS)
