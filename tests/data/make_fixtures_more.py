"""Second half of make_fixtures.py: ACLED export, laporan berkala (wide and long) and the broken corpus."""

from __future__ import annotations

import csv
import io
import random
import zipfile
from pathlib import Path

from openpyxl import Workbook

from make_fixtures import FIXED_TIME, HEADER_XLSX, add_rows, add_title, save, write_text

ACLED_HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                "fatalities", "tags", "timestamp"]
# event_id, date, event_type, sub_event_type, actor1, actor2, admin2, admin3, location, lat, lon, source, notes, fatalities
ACLED_EVENTS = [
    ("IDN14001", "2023-05-11", "Riots", "Mob violence", "Rioters (Indonesia)", "Civilians (Indonesia)", "Malinau",
     "Malinau Selatan", "Long Loreh", "2.5263", "116.5467", "Kaltara Post", "On 11 May 2023, villagers blocked a palm oil road, injuring 2.", "0"),
    ("IDN14002", "2023-05-14", "Protests", "Peaceful protest", "Protesters (Indonesia)", "", "Malinau",
     "Mentarang", "Pulau Sapi", "3.5920", "116.6251", "Tribun Kaltara", "Farmers protested over land compensation.", "0"),
    ("IDN14003", "2023-08-17", "Violence against civilians", "Attack", "Unidentified Communal Group (Indonesia)",
     "Civilians (Indonesia)", "Malinau", "Malinau Utara", "Semengaris", "3.6420", "116.6800", "Kompas",
     "A youth brawl during Independence Day festivities left 1 dead.", "1"),
    ("IDN14004", "2023-06-20", "Protests", "Peaceful protest", "Protesters (Indonesia)", "", "Nunukan",
     "Nunukan", "Nunukan", "4.1370", "117.6660", "Kompas", "Protest at the port of Nunukan.", "0"),
]
INDICATOR_HEADERS = {  # code -> header in the wide file: settings labels for some, code words for others
    "sengketa_lahan": "Ketegangan atas lahan / sumber daya alam", "batas_wilayah": "Sengketa batas desa / wilayah",
    "sengketa_pemilihan": "Sengketa Pilkades / Pemilu / Pilkada", "unjuk_rasa": "UNJUK RASA",
    "orang_asing": "ORANG ASING", "lintas_batas": "LINTAS BATAS", "hoaks": "Hoaks / ujaran kebencian",
    "antar_kelompok": "ANTAR KELOMPOK"}
LAPORAN_ROWS = [  # periode (month), kecamatan, desa, values in INDICATOR_HEADERS order, catatan
    ((2023, 5), "Mentarang", "Pulau Sapi", [2, 0, 1, 1, 0, 0, 0, 0], "Sengketa kebun dengan perusahaan"),
    ((2023, 5), "Malinau Utara", "Sembuak Warod", [0, 1, 0, 0, 0, 0, 1, 0], ""),
    ((2023, 6), "Mentarang", "Pulau Sapi", [1, 0, 1, 0, 0, 0, 0, 0], "Mereda setelah mediasi"),
    ((2023, 6), "Malinau Utara", "Sembuak Warod", [0, 2, 0, 0, 0, 0, 0, 1], ""),
]
MONTHS_ID = ["", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"]
SIMPLE_HEADER = ["No", "Tanggal", "Kecamatan", "Desa", "Jenis Kejadian", "Uraian", "Meninggal", "Luka", "Sumber"]


def make_acled(out: Path) -> None:
    """Write a small ACLED export: three events in Malinau, one in Nunukan."""
    out.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ACLED_HEADER)
    for e in ACLED_EVENTS:
        row = dict(zip(ACLED_HEADER, [""] * len(ACLED_HEADER)))
        row.update(event_id_cnty=e[0], event_date=e[1], year=e[1][:4], time_precision="1",
                   disorder_type="Political violence", event_type=e[2], sub_event_type=e[3], actor1=e[4],
                   actor2=e[5], interaction="57", iso="360", region="Southeast Asia", country="Indonesia",
                   admin1="North Kalimantan", admin2=e[6], admin3=e[7], location=e[8], latitude=e[9],
                   longitude=e[10], geo_precision="1", source=e[11], source_scale="Subnational", notes=e[12],
                   fatalities=e[13], timestamp="1690000000")
        writer.writerow(row.values())
    (out / "acled_malinau.csv").write_text(buffer.getvalue(), encoding="utf-8")


def make_laporan(out: Path) -> None:
    """Write the same laporan berkala values wide (.xlsx with title) and long (.csv)."""
    out.mkdir(parents=True, exist_ok=True)
    codes = list(INDICATOR_HEADERS)
    wb = Workbook(); ws = wb.active; ws.title = "Laporan"  # noqa: E702
    header = ["NO", "PERIODE", "KECAMATAN", "DESA", *INDICATOR_HEADERS.values(), "CATATAN"]
    row = add_title(ws, len(header))
    rows = [[i + 1, f"{MONTHS_ID[m]} {y}", kec, desa, *vals, note]
            for i, ((y, m), kec, desa, vals, note) in enumerate(LAPORAN_ROWS)]
    row = add_rows(ws, row, [header] + rows)
    add_rows(ws, row + 1, [["", "", "", "", "", "", "", "", "Malinau, 5 Juli 2023"], ["", "", "", "", "", "", "", "", "Camat"]])
    save(wb, out / "wide.xlsx")
    long_rows = [[f"{y}-{m:02d}", kec, desa, code, v, note if code == "sengketa_lahan" else ""]
                 for (y, m), kec, desa, vals, note in LAPORAN_ROWS for code, v in zip(codes, vals)]
    write_text(out / "long.csv", ["Periode", "Kecamatan", "Desa", "Indikator", "Nilai", "Catatan"], long_rows,
               ",", "utf-8")


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Return a zip archive of the given members with fixed timestamps."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, compress_type=compression)
    return buffer.getvalue()


def zeros_member(size: int, compression: int) -> bytes:
    """Return a zip whose xl/worksheets/sheet1.xml inflates to `size` zero bytes, written in a stream."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr(zipfile.ZipInfo("[Content_Types].xml", FIXED_TIME), b"<Types/>")
        archive.writestr(zipfile.ZipInfo("xl/workbook.xml", FIXED_TIME), b"<workbook/>")
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", FIXED_TIME)
        info.compress_type = compression
        with archive.open(info, "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                member.write(chunk)
    return buffer.getvalue()


def make_broken(out: Path) -> None:
    """Write one file per failure mode (file-level ones must be refused, row-level ones must load)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "empty.csv").write_bytes(b"")
    wb = Workbook(); ws = wb.active  # noqa: E702
    row = add_title(ws, len(HEADER_XLSX))
    add_rows(ws, row, [HEADER_XLSX])
    save(wb, out / "header_only.xlsx")
    document = ("<w:document><w:body><w:p><w:r><w:t>Dengan hormat, bersama ini kami sampaikan laporan situasi "
                "Kecamatan Mentarang yang aman dan kondusif.</w:t></w:r></w:p></w:body></w:document>").encode()
    (out / "letter.xlsx").write_bytes(zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": document}))
    (out / "letter.csv").write_text(
        "Kepada Yth. Kepala Badan Kesbangpol Kabupaten Malinau\n\n"
        "Dengan hormat,\n"
        "Desa Long Loreh, Kecamatan Malinau Selatan, pada tanggal 11 Mei 2023 mengalami ketegangan antara warga "
        "dan perusahaan. Kecamatan sudah melakukan mediasi, dan tindak lanjut akan dilaporkan kemudian.\n"
        "Demikian laporan ini kami sampaikan, atas perhatian Bapak kami ucapkan terima kasih.\n\n"
        "Malinau, 5 Juni 2023\nCamat Malinau Selatan\n", encoding="utf-8")
    (out / "random_bytes.xlsx").write_bytes(random.Random(20230511).randbytes(4096))
    (out / "zip_bomb.xlsx").write_bytes(zeros_member(1 << 30, zipfile.ZIP_BZIP2))  # declares 1 GiB, ~1 KB on disk
    (out / "zip_bomb_deflate.xlsx").write_bytes(zeros_member(16 << 20, zipfile.ZIP_DEFLATED))  # 16 MiB at ~1000:1
    simple = lambda rows: ("\n".join(",".join(r) for r in [SIMPLE_HEADER] + rows) + "\n")  # noqa: E731
    good = ["1", "11/05/2023", "Malinau Selatan", "Long Loreh", "Sengketa lahan", "Blokir jalan", "0", "2", "Camat"]
    files = {
        "future_date.csv": [good, ["2", "11/05/2031", "Mentarang", "Pulau Sapi", "Unjuk rasa", "Demo", "0", "0", "Polsek"]],
        "impossible_date.csv": [good, ["2", "31/02/2023", "Mentarang", "Pulau Sapi", "Unjuk rasa", "Demo", "0", "0", "Polsek"]],
        "negative_counts.csv": [good, ["2", "14/05/2023", "Mentarang", "Pulau Sapi", "Unjuk rasa", "Demo", "-1", "0", "Polsek"]],
        "unknown_desa.csv": [good, ["2", "14/05/2023", "Mentarang", "Antah Berantah", "Unjuk rasa", "Demo", "0", "0", "Polsek"]],
    }
    for name, rows in files.items():
        (out / name).write_text(simple(rows), encoding="utf-8")
    hostile = [
        ["1", "11/05/2023", "Malinau Selatan", "Long Loreh", '"=HYPERLINK(""http://x"",""klik"")"', "+62 812 3456", "0", "0", "@SUM(A1)"],
        ["2", "14/05/2023", "Mentarang", "Pulau Sapi", "<script>alert(1)</script>", "'; DROP TABLE incidents;--", "0", "0", "-1+1"],
    ]
    (out / "formulas_html.csv").write_text(simple(hostile), encoding="utf-8")
