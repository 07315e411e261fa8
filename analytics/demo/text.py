"""Words of the demo world: kinds of kejadian as field reports write them, with uraian, pihak and follow-up.

Every name here is fictitious (companies carry "Contoh" in their name; people are described by
group, never named). The kategori of a kind is not declared here: it is what
analytics.categories makes of the written `jenis`, exactly as for an uploaded file.
"""

from __future__ import annotations

from dataclasses import dataclass

# The cause a kind belongs to in the demo world; drives which desa and seasons produce it.
CAUSES = ("lahan", "protes", "batas", "kekerasan", "adat", "asing", "lintas", "hoaks", "dana", "lain")


@dataclass(frozen=True)
class Kind:
    """One way an incident is written up: jenis, uraian templates and the pihak involved."""

    jenis: str
    uraian: tuple[str, ...]
    pihak: tuple[str, ...]
    phase: str = "any"  # elections only: "sebelum" / "sesudah" the vote, or "any"


COMPANIES = ("PT Contoh Sawit Lestari", "PT Contoh Bara Kayan", "PT Contoh Hutan Lestari", "CV Contoh Kayu Jaya")

BASE_KINDS: dict[str, tuple[Kind, ...]] = {
    "lahan": (
        Kind("Sengketa lahan sawit dengan perusahaan",
             ("Warga {tempat} mengklaim sekitar {ha} ha lahan yang digarap {pt} sebagai kebun warga.",
              "Perwakilan warga {tempat} menolak pembukaan lahan baru oleh {pt} sebelum ada kesepakatan."),
             ("Warga {tempat} dan {pt}", "Kelompok tani {tempat} dan {pt}")),
        Kind("Tuntutan ganti rugi lahan tambang batu bara",
             ("Pemilik lahan di {tempat} menuntut ganti rugi atas {ha} ha lahan yang masuk areal tambang {pt}.",),
             ("Pemilik lahan {tempat} dan {pt}",)),
        Kind("Klaim tanah adat di areal konsesi",
             ("Lembaga adat {tempat} memasang tanda larangan adat di areal konsesi {pt}.",),
             ("Lembaga adat {tempat} dan {pt}",)),
        Kind("Sengketa kebun antar warga",
             ("Dua keluarga di {tempat} berselisih soal batas kebun; sempat terjadi adu mulut.",),
             ("Dua keluarga warga {tempat}",)),
        Kind("Pencemaran sungai diduga dari aktivitas tambang",
             ("Warga {tempat} mengeluhkan air sungai keruh dan ikan mati, diduga dari kolam limbah {pt}.",),
             ("Warga {tempat} dan {pt}",)),
    ),
    "protes": (
        Kind("Pemalangan jalan perusahaan",
             ("Sekitar {n} warga {tempat} memalang jalan hauling {pt} menuntut realisasi janji CSR.",
              "Jalan angkutan {pt} dipalang warga {tempat} sejak pagi; aktivitas perusahaan terhenti."),
             ("Warga {tempat} dan {pt}",)),
        Kind("Unjuk rasa ganti rugi lahan",
             ("Sekitar {n} warga {tempat} berunjuk rasa di kantor {pt} menuntut ganti rugi lahan.",),
             ("Massa warga {tempat} dan {pt}",)),
        Kind("Unjuk rasa di kantor Camat",
             ("Sekitar {n} warga {tempat} mendatangi kantor Camat menuntut perbaikan jalan dan jembatan.",),
             ("Warga {tempat} dan Pemerintah Kecamatan",)),
        Kind("Mogok kerja karyawan perusahaan",
             ("Sekitar {n} karyawan {pt} asal {tempat} mogok kerja menuntut pembayaran upah.",),
             ("Karyawan dan manajemen {pt}",)),
    ),
    "batas": (
        Kind("Sengketa tapal batas desa",
             ("Warga {tempat} dan warga {tetangga} berselisih soal tapal batas di sekitar ladang.",),
             ("Pemerintah desa {tempat} dan {tetangga}",)),
        Kind("Pencabutan patok batas desa",
             ("Patok batas antara {tempat} dan {tetangga} ditemukan dicabut orang tidak dikenal.",),
             ("Warga {tempat} dan warga {tetangga}",)),
    ),
    "kekerasan": (
        Kind("Perkelahian pemuda antar kampung",
             ("Perkelahian pemuda {tempat} dan pemuda {tetangga} usai acara hiburan malam, sekitar pukul {jam} WITA.",
              "Sekelompok pemuda {tempat} terlibat perkelahian dengan pemuda {tetangga} dipicu minuman keras."),
             ("Pemuda {tempat} dan pemuda {tetangga}",)),
        Kind("Penganiayaan dipicu minuman keras",
             ("Seorang warga {tempat} dianiaya saat pesta minuman keras sekitar pukul {jam} WITA.",),
             ("Sesama warga {tempat}",)),
        Kind("Pengeroyokan di acara keramaian",
             ("Terjadi pengeroyokan terhadap seorang pemuda pendatang di acara keramaian di {tempat}.",),
             ("Sekelompok pemuda {tempat} dan pemuda pendatang",)),
        Kind("Main hakim sendiri terhadap terduga pencuri",
             ("Warga {tempat} menghakimi seorang terduga pencuri sebelum diamankan aparat.",),
             ("Warga {tempat} dan terduga pelaku",)),
    ),
    "adat": (
        Kind("Ketegangan antar suku warga lokal dan pekerja pendatang",
             ("Ketegangan antara kelompok pendatang pekerja {pt} dan warga lokal {tempat} setelah salah paham.",),
             ("Pekerja pendatang dan warga lokal {tempat}",)),
        Kind("Sengketa denda adat",
             ("Pihak keluarga di {tempat} menolak putusan denda adat; suasana sempat memanas.",),
             ("Lembaga adat dan keluarga warga {tempat}",)),
    ),
    "asing": (
        Kind("Penemuan WNA tanpa dokumen",
             ("Ditemukan {k} WNA asal Malaysia tanpa dokumen keimigrasian di {tempat}.",),
             ("WNA asal Malaysia",)),
        Kind("TKA tanpa izin kerja di areal tambang",
             ("Ditemukan {k} tenaga kerja asing bekerja di areal {pt} di {tempat} tanpa izin kerja.",),
             ("TKA dan {pt}",)),
    ),
    "lintas": (
        Kind("Pelintas batas ilegal dari Sarawak",
             ("{k} orang melintas dari Sarawak melalui jalur tikus menuju {tempat} tanpa dokumen PLB.",),
             ("Pelintas batas",)),
        Kind("Penyelundupan gula dan gas dari Malaysia",
             ("Satgas Pamtas mengamankan gula dan tabung gas asal Malaysia yang dibawa lewat jalur hutan ke {tempat}.",),
             ("Pedagang lintas batas",)),
        Kind("Patok batas negara bergeser",
             ("Patroli menemukan patok batas negara di wilayah {tempat} bergeser, diduga akibat pembukaan ladang.",),
             ("Tidak diketahui",)),
    ),
    "hoaks": (
        Kind("Hoaks di media sosial",
             ("Beredar pesan berantai di grup media sosial warga {tempat} tentang isu penculikan anak; tidak benar.",
              "Unggahan media sosial berisi informasi palsu tentang pemadaman listrik dan kelangkaan BBM di {tempat}."),
             ("Akun media sosial tidak dikenal",)),
    ),
    "dana": (
        Kind("Protes penggunaan dana desa",
             ("Sebagian warga {tempat} mempertanyakan laporan penggunaan dana desa dalam musyawarah desa.",),
             ("Warga {tempat} dan Pemerintah Desa",)),
        Kind("Keluhan penyaluran BLT dana desa",
             ("Warga {tempat} mengeluhkan daftar penerima BLT dana desa yang dianggap tidak tepat sasaran.",),
             ("Warga {tempat} dan Pemerintah Desa",)),
    ),
    "lain": (
        Kind("Perselisihan warga soal ternak",
             ("Ternak warga {tempat} merusak kebun tetangga; terjadi cekcok antar pemilik.",),
             ("Sesama warga {tempat}",)),
    ),
}

# Election kinds by type of election; used only while an election's stages are running.
ELECTION_KINDS: dict[str, tuple[Kind, ...]] = {
    "pilkades": (
        Kind("Bentrok pendukung calon kades",
             ("Pendukung dua calon kepala desa {tempat} terlibat adu mulut dan saling dorong di sekitar TPS.",),
             ("Pendukung calon kades nomor urut 1 dan 2",)),
        Kind("Protes hasil Pilkades",
             ("Pendukung calon kepala desa yang kalah di {tempat} memprotes penghitungan suara.",),
             ("Pendukung calon kades dan Panitia Pilkades",), "sesudah"),
        Kind("Dugaan politik uang Pilkades",
             ("Warga {tempat} melaporkan dugaan pembagian uang oleh tim sukses calon kepala desa.",),
             ("Tim sukses calon kades",), "sebelum"),
        Kind("Pemalangan kantor desa terkait hasil Pilkades",
             ("Sekitar {n} pendukung calon kades di {tempat} memalang kantor desa menolak hasil Pilkades.",),
             ("Pendukung calon kades dan Panitia Pilkades",), "sesudah"),
    ),
    "pemilu": (
        Kind("Perusakan alat peraga kampanye Pemilu",
             ("Baliho calon legislatif di {tempat} ditemukan dirusak orang tidak dikenal.",),
             ("Tim kampanye caleg",), "sebelum"),
        Kind("Dugaan politik uang menjelang pemungutan suara",
             ("Warga {tempat} melaporkan dugaan pembagian sembako oleh tim sukses caleg.",),
             ("Tim sukses caleg",), "sebelum"),
        Kind("Hoaks di media sosial tentang penyelenggara Pemilu",
             ("Beredar unggahan yang menuduh KPPS di {tempat} mengubah hasil suara; tidak benar.",),
             ("Akun media sosial tidak dikenal dan KPPS",)),
        Kind("Keberatan saksi saat rekapitulasi Pemilu",
             ("Saksi partai di {tempat} mengajukan keberatan atas selisih suara saat rekapitulasi PPK.",),
             ("Saksi partai dan PPK",), "sesudah"),
        Kind("Bentrok pendukung caleg",
             ("Pendukung dua caleg di {tempat} terlibat saling dorong setelah kampanye terbatas.",),
             ("Pendukung caleg",), "sebelum"),
    ),
    "pilkada": (
        Kind("Bentrok pendukung paslon Pilkada",
             ("Pendukung dua pasangan calon di {tempat} terlibat adu mulut dan saling dorong.",),
             ("Pendukung paslon Pilkada",)),
        Kind("Hoaks di media sosial tentang hasil Pilkada",
             ("Beredar tangkapan layar hasil hitung palsu Pilkada di grup media sosial warga {tempat}.",),
             ("Akun media sosial tidak dikenal",), "sesudah"),
        Kind("Dugaan politik uang Pilkada",
             ("Warga {tempat} melaporkan dugaan pembagian uang oleh tim pemenangan paslon.",),
             ("Tim pemenangan paslon",), "sebelum"),
        Kind("Perusakan baliho paslon Pilkada",
             ("Baliho pasangan calon di {tempat} ditemukan dirobek orang tidak dikenal.",),
             ("Tim pemenangan paslon",), "sebelum"),
    ),
}

TINDAK_LANJUT: dict[str, tuple[str, ...]] = {
    "ringan": ("Dimediasi Camat dan Bhabinkamtibmas", "Dipantau Babinsa dan Bhabinkamtibmas",
               "Diselesaikan secara kekeluargaan di kantor desa", "Rapat koordinasi Forkopimcam"),
    "lahan": ("Difasilitasi pertemuan dengan perusahaan oleh Pemkab", "Dimediasi Camat dan Bhabinkamtibmas",
              "Diselesaikan secara adat oleh Lembaga Adat"),
    "berat": ("Dalam penanganan Polsek", "Pelaku diamankan Polres Malinau", "Dalam penanganan Polsek; korban dirawat di Puskesmas"),
    "asing": ("Diserahkan ke Kantor Imigrasi", "Diamankan Satgas Pamtas", "Didata dan dipulangkan melalui PLBN"),
    "hoaks": ("Diklarifikasi Diskominfo dan patroli siber Polres", "Diimbau melalui tokoh masyarakat dan gereja"),
    "pemilu": ("Dilaporkan ke Panwascam / Bawaslu", "Dimediasi Camat, Panwascam dan Bhabinkamtibmas",
               "Diselesaikan oleh panitia pemilihan"),
}

SUMBER = ("Laporan Camat", "Babinsa", "Bhabinkamtibmas", "Media lokal", "Laporan Kepala Desa")

REPORT_NOTES = ("Situasi aman dan kondusif", "Perlu perhatian", "Sudah dikoordinasikan dengan Camat",
                "Dilaporkan terlambat")
