"""Test helper: KoboToolbox-shaped exports of the project's own form, in every export style Kobo offers.

A module, not a conftest. The headers and values are derived from analytics.fieldreports.form, exactly as Kobo
derives them from the uploaded XLSForm: XML names or labels, group paths joined by "/" or "-" or left
out, the meta columns Kobo appends, the geopoint's _x_latitude/... columns, XLSX or CSV (";" or ",").
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pandas as pd

from analytics.fieldreports.form import LABEL_ID, FormDefinition, build_form, code_value

META_TAIL = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by",
             "__version__", "_tags", "_index"]
STYLES = [(fmt, values, groups) for fmt in ("xlsx", "csv;", "csv,") for values in ("xml", "labels")
          for groups in ("/", "-", None)]


@dataclass
class Submission:
    """One filled-in kejadian form as a phone sends it (places as Kemendagri codes)."""

    uuid: str
    tanggal: str
    kecamatan: str
    desa: str | None
    kategori: str
    jenis: str
    uraian: str
    korban_meninggal: int = 0
    korban_luka: int = 0
    pihak: str = ""
    tindak_lanjut: str = ""
    peran_pelapor: str = "babinsa"
    submitted_by: str = "babinsa_mentarang"
    submission_time: str = "2026-05-01T02:03:04"
    lokasi: tuple[float, float] | None = None
    extra: dict = field(default_factory=dict)


def _label(form: FormDefinition, list_name: str, name: str) -> str:
    return next(row[LABEL_ID] for row in form.choices[list_name] if row["name"] == name)


def _header(form: FormDefinition, name: str, values: str, groups: str | None) -> str:
    question = form.question(name)
    text = question.label_id if values == "labels" and question.label_id else name
    if groups and question.group:
        group = form.groups[question.group][0] if values == "labels" else question.group
        text = f"{group}{groups}{text}"
    return text


def export_frame(submissions: list[Submission], values: str = "xml", groups: str | None = "/") -> pd.DataFrame:
    """Return the export table Kobo would produce for these submissions (one row each)."""
    form = build_form("kejadian")
    rows = []
    for index, sub in enumerate(submissions, start=1):
        choice = (lambda lst, v: _label(form, lst, v) if values == "labels" else v)
        point = f"{sub.lokasi[0]} {sub.lokasi[1]} 120.0 5.0" if sub.lokasi else ""
        answers = {
            "tanggal": sub.tanggal, "kecamatan": choice("kecamatan", code_value(sub.kecamatan)),
            "desa": choice("desa", code_value(sub.desa)) if sub.desa else "", "lokasi": point,
            "kategori": choice("kategori", sub.kategori), "jenis": sub.jenis, "uraian": sub.uraian,
            "pihak": sub.pihak, "korban_meninggal": sub.korban_meninggal, "korban_luka": sub.korban_luka,
            "tindak_lanjut": sub.tindak_lanjut, "foto": "", "peran_pelapor": choice("peran", sub.peran_pelapor),
        }
        row = {"start": sub.submission_time, "end": sub.submission_time}
        for name, value in answers.items():
            row[_header(form, name, values, groups)] = value
            if name == "lokasi":
                for part, val in zip(("latitude", "longitude", "altitude", "precision"),
                                     (sub.lokasi or ("", "")) + ((120.0, 5.0) if sub.lokasi else ("", ""))):
                    row[f"_{_header(form, 'lokasi', values, groups)}_{part}"] = val
        row |= {"_id": 1000 + index, "_uuid": sub.uuid, "_submission_time": sub.submission_time,
                "_validation_status": "", "_notes": "", "_status": "submitted_via_web",
                "_submitted_by": sub.submitted_by, "__version__": "vABC123", "_tags": "", "_index": index}
        rows.append(row | sub.extra)
    return pd.DataFrame(rows)


def export_bytes(submissions: list[Submission], fmt: str = "xlsx", values: str = "xml",
                 groups: str | None = "/") -> bytes:
    """Return the export file: fmt 'xlsx', 'csv;' or 'csv,' (Kobo's CSV default is ';')."""
    frame = export_frame(submissions, values, groups)
    if fmt == "xlsx":
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            frame.to_excel(writer, sheet_name="Waspada Malinau - Laporan Kej", index=False)
        return buffer.getvalue()
    return frame.to_csv(index=False, sep=fmt[-1]).encode("utf-8")


def file_name(fmt: str, stem: str = "kobo_export") -> str:
    """Return a file name with the right suffix for fmt."""
    return f"{stem}.xlsx" if fmt == "xlsx" else f"{stem}.csv"


# Three submissions from Kecamatan Mentarang (65.02.01): desa Long Bisai and Pulau Sapi, one kecamatan-wide.
BASE = [
    Submission("uuid-0001", "2026-04-20", "65.02.01", "65.02.01.2002", "sumber_daya", "Sengketa kebun sawit",
               "Warga dua desa berselisih soal batas kebun", korban_luka=2, pihak="Warga RT 3",
               lokasi=(3.58, 116.62)),
    Submission("uuid-0002", "2026-04-22", "65.02.01", "65.02.01.2005", "unjuk_rasa", "Pemalangan jalan",
               "Jalan desa dipalang warga", peran_pelapor="bhabinkamtibmas", submitted_by="polsek_kota"),
    Submission("uuid-0003", "2026-04-25", "65.02.01", None, "informasi", "Hoaks di grup WA",
               "Pesan berantai soal pilkades", peran_pelapor="staf_kecamatan", submitted_by="kec_malinau_kota"),
]

# Three later submissions (sent two days after BASE).
LATER_SUBMISSIONS = [
    Submission("uuid-0004", "2026-04-28", "65.02.02", None, "kekerasan", "Perkelahian pemuda", "Dua kelompok pemuda",
               korban_luka=1, submitted_by="babinsa_mentarang",
               submission_time="2026-05-03T01:00:00"),
    Submission("uuid-0005", "2026-04-29", "65.02.01", "65.02.01.2002", "pemilu", "Sengketa pilkades",
               "Protes hasil penghitungan", peran_pelapor="perangkat_desa",
               submission_time="2026-05-03T02:00:00"),
    Submission("uuid-0006", "2026-04-30", "65.02.01", "65.02.01.2005", "lainnya", "Kebakaran lahan", "Api di kebun",
               submission_time="2026-05-03T03:00:00"),
]


def laporan_export_bytes(rows: list[dict], fmt: str = "xlsx", values: str = "xml", groups: str | None = "/") -> bytes:
    """Return an export of the laporan berkala form; each row maps question names to answers (places as codes)."""
    form = build_form("laporan")
    out = []
    for index, answers in enumerate(rows, start=1):
        row = {"start": "2026-04-30T08:00:00", "end": "2026-04-30T08:10:00"}
        for question in form.questions:
            if question.name in ("start", "end"):
                continue
            value = answers.get(question.name, "")
            if question.list_name in ("kecamatan", "desa") and value:
                value = code_value(value)
            if question.list_name and value and values == "labels":
                value = _label(form, question.list_name, value)
            row[_header(form, question.name, values, groups)] = value
        row |= {"_id": index, "_uuid": f"lap-{index}", "_submission_time": "2026-04-30T08:10:00",
                "_submitted_by": answers.get("_submitted_by", "kec_mentarang"), "__version__": "v1", "_index": index}
        out.append(row)
    frame = pd.DataFrame(out)
    if fmt == "xlsx":
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            frame.to_excel(writer, sheet_name="Laporan Berkala", index=False)
        return buffer.getvalue()
    return frame.to_csv(index=False, sep=fmt[-1]).encode("utf-8")
