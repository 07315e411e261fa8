"""Time read_table against bare pandas on a 100k-row CSV and a 50k-row xlsx; print a table.

Run: /work/venv/bin/python bench/bench_loaders.py   (figures go in docs/loaders.md)
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pandas as pd
import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from analytics.ingest.filecheck import FileLimits  # noqa: E402
from analytics.ingest.read import read_table  # noqa: E402

ROW = ["11/05/2023", "Malinau Selatan", "Long Loreh", "Sengketa lahan", "Warga memblokir jalan perusahaan sawit",
       "Warga; PT Sawit", "0", "2", "Mediasi oleh Camat", "Laporan Camat"]
HEADER = ["NO", "TANGGAL", "KECAMATAN", "DESA", "JENIS KEJADIAN", "URAIAN", "PIHAK", "MD", "LL", "TINDAK LANJUT",
          "SUMBER"]


def make_csv(rows: int) -> bytes:
    """Return a CSV of `rows` incidents under a short title block."""
    lines = ["PEMERINTAH KABUPATEN MALINAU", "", ",".join(HEADER)]
    lines += [",".join([str(i + 1)] + ROW) for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def make_xlsx(rows: int) -> bytes:
    """Return an xlsx of `rows` incidents (real date cells) under a short title block."""
    import datetime as dt

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Data")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write(0, 0, "PEMERINTAH KABUPATEN MALINAU")
    sheet.write_row(2, 0, HEADER)
    for i in range(rows):
        sheet.write_number(3 + i, 0, i + 1)
        sheet.write_datetime(3 + i, 1, dt.datetime(2023, 5, 11), date_format)
        sheet.write_row(3 + i, 2, ROW[1:])
    book.close()
    return buffer.getvalue()


def best_of(fn, repeat: int = 3) -> float:
    """Return the best wall time of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Print read_table vs bare pandas timings."""
    limits = FileLimits(max_bytes=10**9, max_rows=10**6)
    csv_data, xlsx_data = make_csv(100_000), make_xlsx(50_000)
    rows = [
        ("CSV 100k rows", len(csv_data),
         best_of(lambda: pd.read_csv(io.BytesIO(csv_data), header=None, skiprows=2, dtype=object)),
         best_of(lambda: read_table(csv_data, "b.csv", limits=limits))),
        ("xlsx 50k rows", len(xlsx_data),
         best_of(lambda: pd.read_excel(io.BytesIO(xlsx_data), engine="calamine", header=None, dtype=object)),
         best_of(lambda: read_table(xlsx_data, "b.xlsx", limits=limits))),
    ]
    print(f"{'file':<16}{'size MB':>9}{'bare pandas s':>15}{'read_table s':>14}{'ratio':>7}")
    for name, size, bare, ours in rows:
        print(f"{name:<16}{size / 2**20:>9.1f}{bare:>15.2f}{ours:>14.2f}{ours / bare:>7.1f}")


if __name__ == "__main__":
    main()
