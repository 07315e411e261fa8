"""XLSForms (survey, choices, settings) for phone reporting in KoboToolbox / ODK Collect.

Two forms share one definition here, so that the same definition also reads their exports back
(analytics/fieldreports/kobo_read.py): a kejadian report and a laporan berkala with one integer per indicator.
Place choices come from the gazetteer (cascading desa select through `choice_filter`), kategori
choices from analytics/categories.py, indicators from the settings. Labels are written in
Indonesian (the default language) and English.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pandas as pd

from analytics.ingest.categories import CATEGORY_LABELS, CATEGORY_LABELS_EN, PRECEDENCE
from analytics.places.gazetteer import load_gazetteer
from analytics.settings import DEFAULT_INDICATORS, Settings, default_settings

LANG_ID, LANG_EN = "Indonesia (id)", "English (en)"
LABEL_ID, LABEL_EN = f"label::{LANG_ID}", f"label::{LANG_EN}"
HINT_ID, HINT_EN = f"hint::{LANG_ID}", f"hint::{LANG_EN}"
CONSTRAINT_ID, CONSTRAINT_EN = f"constraint_message::{LANG_ID}", f"constraint_message::{LANG_EN}"
FORM_IDS = {"kejadian": "waspada_malinau_kejadian", "laporan": "waspada_malinau_laporan"}
FORM_VERSION = "2026.1"
NOT_FUTURE = ". <= today()"

# Who reports from the desa; the choice name is stored as reporter_role.
REPORTER_ROLES: dict[str, tuple[str, str]] = {
    "babinsa": ("Babinsa", "Babinsa (army village officer)"),
    "bhabinkamtibmas": ("Bhabinkamtibmas", "Bhabinkamtibmas (police village officer)"),
    "staf_kecamatan": ("Staf kecamatan", "Kecamatan staff"),
    "perangkat_desa": ("Perangkat desa", "Village official"),
    "kesbangpol": ("Badan Kesbangpol", "Kesbangpol office"),
    "lainnya": ("Lainnya", "Other"),
}
LEVELS: dict[str, tuple[str, str]] = {"kecamatan": ("Kecamatan", "Sub-district"), "desa": ("Desa", "Village")}


@dataclass(frozen=True)
class Question:
    """One survey row: XLSForm type, name, labels (id, en), the group it sits in, and extra columns."""

    type: str
    name: str
    label_id: str = ""
    label_en: str = ""
    group: str | None = None  # the name of the enclosing group (one level deep)
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def list_name(self) -> str | None:
        """Return the choice list of a select_one question, else None."""
        return self.type.split()[1] if self.type.startswith("select_one ") else None


@dataclass(frozen=True)
class FormDefinition:
    """A whole form: groups (name → labels), questions in order, choice lists and its settings."""

    kind: str  # kejadian | laporan
    title: str
    groups: dict[str, tuple[str, str]]
    questions: list[Question]
    choices: dict[str, list[dict[str, str]]]  # list name → rows (name, labels, filter columns)
    settings: dict[str, str]

    def question(self, name: str) -> Question:
        """Return the question with this name (KeyError if none)."""
        return next(q for q in self.questions if q.name == name)


def _required(message_id: str, message_en: str, **extra: str) -> dict[str, str]:
    return {"required": "yes", f"required_message::{LANG_ID}": message_id,
            f"required_message::{LANG_EN}": message_en, **extra}


def _count(label_id: str, label_en: str, name: str, group: str) -> Question:
    return Question("integer", name, label_id, label_en, group, {
        "required": "yes", "default": "0", "constraint": ". >= 0",
        CONSTRAINT_ID: "Isi bilangan bulat 0 atau lebih", CONSTRAINT_EN: "Enter a whole number, 0 or more"})


def _place_choices() -> dict[str, list[dict[str, str]]]:
    """Return the kecamatan and desa choice lists (desa carry their kecamatan for the choice_filter)."""
    gaz = load_gazetteer()
    kecamatan = [{"name": code_value(k), LABEL_ID: n, LABEL_EN: n} for k, n in zip(gaz.kecamatan["kode"],
                                                                                    gaz.kecamatan["nama"])]
    desa = [{"name": code_value(k), LABEL_ID: n, LABEL_EN: n, "kecamatan": code_value(kk)}
            for k, n, kk in zip(gaz.desa["kode"], gaz.desa["nama"], gaz.desa["kode_kecamatan"])]
    return {"kecamatan": kecamatan, "desa": desa}


def code_value(kode: str) -> str:
    """Return the choice name of a Kemendagri code ('65.02.01.2001' → 'k6502012001')."""
    return "k" + kode.replace(".", "")  # XML names may not start with a digit


def _role_choices() -> list[dict[str, str]]:
    return [{"name": k, LABEL_ID: v[0], LABEL_EN: v[1]} for k, v in REPORTER_ROLES.items()]


def _place_questions(group: str, desa_relevant: str = "") -> list[Question]:
    desa_extra = {"choice_filter": "kecamatan=${kecamatan}",
                  HINT_ID: "Kosongkan bila kejadian mencakup seluruh kecamatan",
                  HINT_EN: "Leave empty when the whole kecamatan is concerned"}
    if desa_relevant:
        desa_extra |= {"relevant": desa_relevant, **_required("Pilih desa", "Choose the village")}
    return [
        Question("select_one kecamatan", "kecamatan", "Kecamatan", "Sub-district (kecamatan)", group,
                 _required("Pilih kecamatan", "Choose the kecamatan")),
        Question("select_one desa", "desa", "Desa", "Village (desa)", group, desa_extra),
    ]


def kejadian_form() -> FormDefinition:
    """Return the kejadian report form."""
    tanggal = {"constraint": NOT_FUTURE, CONSTRAINT_ID: "Tanggal tidak boleh di masa depan",
               CONSTRAINT_EN: "The date cannot be in the future",
               **_required("Isi tanggal kejadian", "Enter the date of the incident")}
    questions = [
        Question("start", "start"), Question("end", "end"),
        Question("date", "tanggal", "Tanggal kejadian", "Date of the incident", "waktu_tempat", tanggal),
        *_place_questions("waktu_tempat"),
        Question("geopoint", "lokasi", "Titik lokasi (bila ada sinyal GPS)", "Location (when GPS is available)",
                 "waktu_tempat"),
        Question("select_one kategori", "kategori", "Kategori", "Category", "kejadian",
                 _required("Pilih kategori", "Choose a category")),
        Question("text", "jenis", "Jenis kejadian (seperti ditulis)", "Kind of incident (as written)", "kejadian",
                 _required("Tulis jenis kejadian", "Write the kind of incident")),
        Question("text", "uraian", "Uraian singkat", "Short description", "kejadian",
                 {"appearance": "multiline", **_required("Tulis uraian singkat", "Write a short description")}),
        Question("text", "pihak", "Pihak yang terlibat", "Parties involved", "kejadian"),
        _count("Korban meninggal (MD)", "Dead (MD)", "korban_meninggal", "kejadian"),
        _count("Korban luka (LL)", "Injured (LL)", "korban_luka", "kejadian"),
        Question("text", "tindak_lanjut", "Tindak lanjut / penanganan", "Follow-up taken", "kejadian",
                 {"appearance": "multiline"}),
        Question("image", "foto", "Foto (opsional)", "Photo (optional)", "kejadian",
                 {"parameters": "max-pixels=1280"}),  # small photos send over weak signal
        Question("select_one peran", "peran_pelapor", "Peran pelapor", "Reporter's role", "pelapor",
                 _required("Pilih peran pelapor", "Choose the reporter's role")),
    ]
    kategori = [{"name": code, LABEL_ID: CATEGORY_LABELS[code], LABEL_EN: CATEGORY_LABELS_EN[code]}
                for code in PRECEDENCE]
    groups = {"waktu_tempat": ("Waktu dan tempat", "Time and place"), "kejadian": ("Kejadian", "Incident"),
              "pelapor": ("Pelapor", "Reporter")}
    return FormDefinition("kejadian", "Waspada Malinau - Laporan Kejadian", groups, questions,
                          {**_place_choices(), "kategori": kategori, "peran": _role_choices()},
                          _settings("kejadian", "Waspada Malinau - Laporan Kejadian",
                                    "concat(${tanggal}, ' ', ${kategori})"))


def laporan_form(indicators: dict[str, str], indicator_max: int = 3) -> FormDefinition:
    """Return the laporan berkala form: period, place and one 0..indicator_max integer per indicator."""
    akhir = {"constraint": ". >= ${periode_mulai}", CONSTRAINT_ID: "Akhir periode tidak boleh sebelum awalnya",
             CONSTRAINT_EN: "The end of the period cannot be before its start",
             **_required("Isi akhir periode", "Enter the end of the period")}
    mulai = {"constraint": NOT_FUTURE, CONSTRAINT_ID: "Tanggal tidak boleh di masa depan",
             CONSTRAINT_EN: "The date cannot be in the future", **_required("Isi awal periode", "Enter the start")}
    questions = [
        Question("start", "start"), Question("end", "end"),
        Question("date", "periode_mulai", "Periode mulai", "Period start", "periode_tempat", mulai),
        Question("date", "periode_akhir", "Periode akhir", "Period end", "periode_tempat", akhir),
        Question("select_one tingkat", "tingkat", "Tingkat laporan", "Report level", "periode_tempat",
                 _required("Pilih tingkat", "Choose the level")),
        *_place_questions("periode_tempat", desa_relevant="${tingkat} = 'desa'"),
    ]
    for code, label in indicators.items():
        questions.append(Question("integer", code, label, label, "indikator", {
            "required": "yes", "constraint": f". >= 0 and . <= {int(indicator_max)}",
            HINT_ID: f"0 = aman … {int(indicator_max)} = sangat rawan",
            HINT_EN: f"0 = safe … {int(indicator_max)} = very vulnerable",
            CONSTRAINT_ID: f"Isi 0 sampai {int(indicator_max)}", CONSTRAINT_EN: f"Enter 0 to {int(indicator_max)}"}))
    questions += [
        Question("text", "catatan", "Catatan", "Notes", "indikator", {"appearance": "multiline"}),
        Question("select_one peran", "peran_pelapor", "Peran pelapor", "Reporter's role", "pelapor",
                 _required("Pilih peran pelapor", "Choose the reporter's role")),
    ]
    groups = {"periode_tempat": ("Periode dan wilayah", "Period and place"),
              "indikator": ("Indikator kerawanan", "Vulnerability indicators"), "pelapor": ("Pelapor", "Reporter")}
    levels = [{"name": k, LABEL_ID: v[0], LABEL_EN: v[1]} for k, v in LEVELS.items()]
    return FormDefinition("laporan", "Waspada Malinau - Laporan Berkala", groups, questions,
                          {**_place_choices(), "tingkat": levels, "peran": _role_choices()},
                          _settings("laporan", "Waspada Malinau - Laporan Berkala",
                                    "concat(${periode_akhir}, ' ', ${kecamatan})"))


def _settings(kind: str, title: str, instance_name: str) -> dict[str, str]:
    return {"form_title": title, "form_id": FORM_IDS[kind], "version": FORM_VERSION,
            "default_language": LANG_ID, "instance_name": instance_name}


def build_form(kind: str, settings: Settings | None = None) -> FormDefinition:
    """Return the form of one kind ('kejadian' or 'laporan'); laporan indicators come from the settings."""
    if kind == "kejadian":
        return kejadian_form()
    if kind == "laporan":
        settings = settings or default_settings()
        return laporan_form(settings.indicators or DEFAULT_INDICATORS, settings.indicator_max)
    raise ValueError(f"Jenis formulir tidak dikenal: {kind} (pilih kejadian atau laporan)")


def form_sheets(form: FormDefinition) -> dict[str, pd.DataFrame]:
    """Return the three XLSForm sheets (survey, choices, settings) as DataFrames."""
    rows: list[dict[str, str]] = []
    current: str | None = None
    for question in form.questions:
        if question.group != current:
            if current is not None:
                rows.append({"type": "end_group", "name": current})
            if question.group is not None:
                label_id, label_en = form.groups[question.group]
                rows.append({"type": "begin_group", "name": question.group, LABEL_ID: label_id,
                             LABEL_EN: label_en})
            current = question.group
        row = {"type": question.type, "name": question.name}
        if question.label_id:
            row |= {LABEL_ID: question.label_id, LABEL_EN: question.label_en}
        rows.append(row | question.extra)
    if current is not None:
        rows.append({"type": "end_group", "name": current})
    survey = pd.DataFrame(rows).fillna("")
    choices = pd.DataFrame([{"list_name": name, **row} for name, items in form.choices.items() for row in items])
    return {"survey": survey, "choices": choices.fillna(""), "settings": pd.DataFrame([form.settings])}


def form_xlsx_bytes(form: FormDefinition) -> bytes:
    """Return the form as an .xlsx workbook (sheets survey, choices, settings)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        for name, frame in form_sheets(form).items():
            frame.to_excel(writer, sheet_name=name, index=False)
            writer.sheets[name].set_column(0, len(frame.columns) - 1, 22)
    return buffer.getvalue()


def form_file_name(kind: str) -> str:
    """Return the download name of a form ('formulir_kejadian.xlsx')."""
    return f"formulir_{kind}.xlsx"
