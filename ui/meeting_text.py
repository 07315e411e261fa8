"""Screen texts of the shared view (period offer), Mode Rapat and the room's plain words (add_strings)."""

from analytics.i18n import add_strings

STRINGS = {
    "id": {
        "view_show_upload": "Tampilkan periode unggahan ini ({period})",
        "view_upload_outside": "Data unggahan ini ({period}) berada di luar periode yang sedang ditampilkan.",
        "rapat_keys_once": "Panah kanan: layar berikutnya · panah kiri: kembali · Esc: keluar.",
        "rapat_same": "sama dengan periode sebelumnya",
        "rapat_change": "{change} dibanding periode sebelumnya",
        "rapat_scope": "{period} · {scope}",
        "scope_all": "seluruh Kabupaten Malinau",
        "scope_kec": "Kecamatan {names}",
        "scope_kat": "kategori {names}",
        "trend_bars_caption": "Batang: kejadian per bulan. Arsir jingga: tahapan pemilihan. Garis merah: hari pemungutan suara.",
        "trend_bars_caption_plain": "Batang: kejadian per bulan.",
        "trend_movers": "Kategori yang paling berubah",
        "trend_total": "Jumlah kejadian",
        "loading": "Memuat…",
        "select_placeholder": "Pilih…",
    },
    "en": {
        "view_show_upload": "Show this upload's period ({period})",
        "view_upload_outside": "This upload's data ({period}) lies outside the period shown now.",
        "rapat_keys_once": "Right arrow: next screen · left arrow: back · Esc: leave.",
        "rapat_same": "same as the previous period",
        "rapat_change": "{change} compared with the previous period",
        "rapat_scope": "{period} · {scope}",
        "scope_all": "all of Kabupaten Malinau",
        "scope_kec": "Kecamatan {names}",
        "scope_kat": "categories {names}",
        "trend_bars_caption": "Bars: incidents per month. Orange shading: election stages. Red line: voting day.",
        "trend_bars_caption_plain": "Bars: incidents per month.",
        "trend_movers": "Categories that changed most",
        "trend_total": "Incidents",
        "loading": "Loading…",
        "select_placeholder": "Choose…",
    },
}

add_strings(STRINGS)
