"""The demo world: deterministic, plausible for Malinau, loadable once, with sample files an analyst can upload."""

from __future__ import annotations

import csv
from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from analytics.store import tables
from analytics.ingest.categories import categorise, default_synonyms
from analytics.cli import main
from analytics.demo.generate import DemoData, generate_demo, load_demo, write_demo_files
from analytics.demo.files import format_hari_tanggal
from analytics.risk.elections import load_calendar
from analytics.places.gazetteer import load_gazetteer
from analytics.store.queries import has_demo_data, read_incidents, read_reports
from analytics.ingest.schemas import INCIDENT_COLUMNS, REPORT_COLUMNS, IncidentRecord, ReportRecord
from analytics.settings import DEFAULT_INDICATORS

START, END = pd.Timestamp("2022-01-01"), pd.Timestamp("2025-06-30")
N_MONTHS = 42  # January 2022 .. June 2025


@pytest.fixture(scope="module")
def demo() -> DemoData:
    """The default demo world, generated once for the module."""
    return generate_demo()


def _between(frame: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    return frame[(frame["tanggal"] >= first) & (frame["tanggal"] <= last)]


def test_same_seed_gives_the_same_world(demo):
    """Generating twice with the same seed gives identical kejadian and laporan; another seed differs."""
    again = generate_demo()
    pd.testing.assert_frame_equal(demo.incidents, again.incidents)
    pd.testing.assert_frame_equal(demo.reports, again.reports)
    other = generate_demo(seed=7)
    assert len(other.incidents) != len(demo.incidents) or not other.incidents.equals(demo.incidents)


def test_columns_and_schemas(demo):
    """The rows have exactly the stored columns and pass the declared schemas."""
    assert list(demo.incidents.columns) == INCIDENT_COLUMNS
    assert list(demo.reports.columns) == REPORT_COLUMNS
    IncidentRecord.validate(demo.incidents, lazy=True)
    ReportRecord.validate(demo.reports, lazy=True)


@pytest.mark.parametrize("table", ["incidents", "reports"])
def test_every_place_is_a_malinau_desa_in_its_kecamatan(demo, table):
    """Every desa code is in the gazetteer and its kecamatan is the one written on the row."""
    frame = getattr(demo, table)
    kecamatan_of = dict(zip(load_gazetteer().desa["kode"], load_gazetteer().desa["kode_kecamatan"]))
    with_desa = frame[frame["kode_desa"].notna()]
    assert with_desa["kode_desa"].isin(list(kecamatan_of)).all()
    assert (with_desa["kode_desa"].map(kecamatan_of) == with_desa["kode_kecamatan"]).all()
    assert frame["kode_kecamatan"].isin(load_gazetteer().kecamatan["kode"]).all()


def test_dates_within_the_period_and_not_in_the_future(demo):
    """Kejadian fall in 2022-01-01..2025-06-30; report periods are whole months inside it."""
    today = pd.Timestamp(date.today())
    assert demo.incidents["tanggal"].min() >= START
    assert demo.incidents["tanggal"].max() <= min(END, today)
    assert (demo.reports["periode_mulai"].dt.day == 1).all()
    assert demo.reports["periode_akhir"].max() <= END
    assert (demo.reports["periode_akhir"] >= demo.reports["periode_mulai"]).all()


def test_volume_and_severity_are_plausible(demo):
    """1,000–3,000 kejadian; most hurt nobody, some injure, a few kill; counts never negative."""
    incidents = demo.incidents
    assert 1000 <= len(incidents) <= 3000
    assert (incidents[["korban_meninggal", "korban_luka"]] >= 0).all().all()
    nobody_hurt = ((incidents["korban_meninggal"] == 0) & (incidents["korban_luka"] == 0)).mean()
    assert nobody_hurt > 0.8
    assert 0 < (incidents["korban_meninggal"] > 0).mean() < 0.03
    assert 0.03 < (incidents["korban_luka"] > 0).mean() < 0.25


def test_some_kejadian_are_kecamatan_level_and_some_have_coordinates(demo):
    """A minority of kejadian name only the kecamatan; about a third of desa kejadian carry a point."""
    incidents = demo.incidents
    assert 0.02 < incidents["kode_desa"].isna().mean() < 0.2
    assert incidents.loc[incidents["kode_desa"].isna(), "lat"].isna().all()
    assert 0.2 < incidents["lat"].notna().mean() < 0.5
    points = incidents.dropna(subset=["lat"])
    assert points["lat"].between(1.0, 4.5).all() and points["lon"].between(114.0, 117.5).all()  # around Malinau


def test_kategori_is_what_the_upload_rules_make_of_the_jenis(demo):
    """The kategori of each demo kejadian equals categorising its written jenis, as for an upload."""
    kategori, _ = categorise(demo.incidents["jenis"], default_synonyms())
    assert (kategori == demo.incidents["kategori"]).all()
    lainnya = set(demo.incidents.loc[demo.incidents["kategori"] == "lainnya", "jenis"])
    assert lainnya == {"Perselisihan warga soal ternak"}  # the one kind meant to match no category


def test_texts_are_marked_and_name_no_person(demo):
    """Every source says DATA CONTOH; companies in the texts are fictitious 'Contoh' ones."""
    assert demo.incidents["sumber"].str.startswith("DATA CONTOH").all()
    assert demo.reports["sumber"].str.startswith("DATA CONTOH").all()
    companies = demo.incidents["uraian"].str.extract(r"((?:PT|CV) [A-Z]\w+)")[0].dropna()
    assert (companies.isin(["PT Contoh", "CV Contoh"])).all()


def test_pemilu_2024_raises_election_kejadian_several_fold(demo):
    """Pemilu-category kejadian in the 8 weeks around 14 Feb 2024 run ≥5× their rate in quiet 2022."""
    pemilu = demo.incidents[demo.incidents["kategori"] == "pemilu"]
    around_vote = len(_between(pemilu, "2024-01-17", "2024-03-13"))  # 57 days
    quiet = len(_between(pemilu, "2022-03-01", "2022-10-31"))  # 245 days, no election running
    assert around_vote >= 20
    assert around_vote / 57 >= 5 * (quiet + 1) / 245


def test_pilkades_2023_tension_is_in_the_voting_desa(demo):
    """Around the 30 May 2023 vote, Pilkades kejadian happen only in desa voting in that wave."""
    stages = load_calendar().stages
    wave1 = stages[(stages["election_id"] == "pilkades_2023") & (stages["mulai"] == "2023-05-30")]["desa"].iloc[0]
    pilkades = _between(demo.incidents, "2023-04-15", "2023-07-15")
    pilkades = pilkades[pilkades["jenis"].str.contains("Pilkades|kades", regex=True) & pilkades["kode_desa"].notna()]
    assert len(pilkades) >= 10
    assert pilkades["kode_desa"].isin(wave1).all()
    # concentrated: far fewer desa than vote in the wave
    assert pilkades["kode_desa"].nunique() < 0.6 * len(wave1)


def test_many_desa_are_quiet_and_a_few_carry_much(demo):
    """Most desa-months pass without a kejadian, and the busiest tenth of desa has a large share."""
    with_desa = demo.incidents[demo.incidents["kode_desa"].notna()]
    busy_months = with_desa.groupby(["kode_desa", with_desa["tanggal"].dt.to_period("M")]).ngroups
    assert busy_months / (109 * N_MONTHS) < 0.35
    per_desa = with_desa["kode_desa"].value_counts()
    assert per_desa.head(11).sum() / per_desa.sum() > 0.3


def test_reports_are_0_to_3_with_gaps(demo):
    """Monthly values are 0..3 for the default indicators; some desa-months are missing, a few desa never report."""
    reports = demo.reports
    assert set(reports["nilai"].unique()) <= {0.0, 1.0, 2.0, 3.0}
    assert set(reports["indikator"]) == set(DEFAULT_INDICATORS)
    assert (reports["level"] == "desa").all()
    desa_months = reports.groupby(["kode_desa", "periode_mulai"]).ngroups
    assert 0.6 * 109 * N_MONTHS < desa_months < 0.95 * 109 * N_MONTHS
    assert reports["kode_desa"].nunique() <= 106
    assert (reports["nilai"] > 0).mean() > 0.03


def test_reports_lean_the_same_way_as_kejadian(demo):
    """Desa whose officers report higher values are, on the whole, desa with more kejadian."""
    incidents = demo.incidents["kode_desa"].value_counts()
    mean_value = demo.reports.groupby("kode_desa")["nilai"].mean()
    joined = pd.concat([mean_value, incidents], axis=1).fillna(0)
    assert joined.corr(method="spearman").iloc[0, 1] > 0.2


@pytest.mark.parametrize("start,end", [(date(2024, 3, 1), date(2024, 3, 31)), (date(2023, 1, 1), date(2023, 12, 31))])
def test_shorter_periods_stay_inside_them(start, end):
    """A demo over a shorter period has its kejadian and reports inside that period."""
    data = generate_demo(start=start, end=end)
    assert data.incidents["tanggal"].between(pd.Timestamp(start), pd.Timestamp(end)).all()
    assert data.reports["periode_mulai"].min() >= pd.Timestamp(start)


def test_empty_period_is_refused():
    """A period that ends before it starts is an error with an Indonesian message."""
    with pytest.raises(ValueError, match="Rentang tanggal demo kosong"):
        generate_demo(start=date(2024, 2, 1), end=date(2024, 1, 1))


def test_load_demo_twice_adds_nothing(engine, demo):
    """Loading stores every row as demo uploads; loading again adds no row and no upload."""
    first = load_demo(engine)
    assert first == {"kejadian": len(demo.incidents), "kejadian_duplikat": 0,
                     "laporan": len(demo.reports), "laporan_duplikat": 0}
    second = load_demo(engine)
    assert second == {"kejadian": 0, "kejadian_duplikat": len(demo.incidents),
                      "laporan": 0, "laporan_duplikat": len(demo.reports)}
    with engine.connect() as conn:
        uploads = conn.execute(sa.select(tables.uploads.c.file_name, tables.uploads.c.is_demo)).all()
    assert len(uploads) == 2
    assert all(is_demo and name.startswith("DATA CONTOH (demo)") for name, is_demo in uploads)
    assert has_demo_data(engine)
    assert len(read_incidents(engine)) == len(demo.incidents)
    assert len(read_reports(engine)) == len(demo.reports)


@pytest.mark.parametrize("day,text", [
    (date(2023, 5, 11), "Kamis, 11 Mei 2023"),
    (date(2024, 2, 14), "Rabu, 14 Februari 2024"),
    (date(2022, 1, 1), "Sabtu, 1 Januari 2022"),
    (date(2024, 11, 27), "Rabu, 27 November 2024"),
])
def test_dates_are_written_like_reports_write_them(day, text):
    """The sample files write dates as 'Hari, tanggal Bulan tahun' in Indonesian."""
    assert format_hari_tanggal(day) == text


def test_sample_files_load_to_the_expected_rows(tmp_path, demo):
    """The three sample files read back (title block and footer skipped) to the demo rows they hold."""
    from analytics.ingest.read import read_table

    paths = {p.name: p for p in write_demo_files(tmp_path)}
    assert set(paths) == {"Laporan Kejadian Kec. Malinau Utara Mei 2023.xlsx",
                          "Laporan Kejadian Kec. Malinau Kota Februari 2024.csv",
                          "Laporan Berkala Kec. Malinau Selatan Januari 2024.xlsx"}
    inc, rep = demo.incidents, demo.reports
    expected = {
        "Laporan Kejadian Kec. Malinau Utara Mei 2023.xlsx":
            len(_between(inc[inc["kode_kecamatan"] == "65.02.07"], "2023-05-01", "2023-05-31")),
        "Laporan Kejadian Kec. Malinau Kota Februari 2024.csv":
            len(_between(inc[inc["kode_kecamatan"] == "65.02.02"], "2024-02-01", "2024-02-29")),
        "Laporan Berkala Kec. Malinau Selatan Januari 2024.xlsx":
            rep[(rep["kode_kecamatan"] == "65.02.06") & (rep["periode_mulai"] == "2024-01-01")]["kode_desa"].nunique(),
    }
    for name, path in paths.items():
        table = read_table(path, name, indicators=DEFAULT_INDICATORS)
        assert len(table.frame) == expected[name] > 0, name
    excel = read_table(paths["Laporan Kejadian Kec. Malinau Utara Mei 2023.xlsx"], "x.xlsx")
    assert excel.header_row == 8
    official = set(load_gazetteer().desa["nama"]) | {""}
    assert excel.frame["desa"].map(lambda name: name not in official).sum() == 1  # one misspelt desa


def test_sample_files_say_data_contoh(tmp_path):
    """Each sample file's title says the rows are DATA CONTOH, under the Kesbangpol letterhead."""
    paths = {p.suffix: p for p in write_demo_files(tmp_path) if "Kejadian" in p.name}
    sheet = load_workbook(paths[".xlsx"]).active
    titles = [sheet.cell(row=r, column=1).value for r in range(1, 7)]
    assert titles[0] == "PEMERINTAH KABUPATEN MALINAU"
    assert titles[1] == "BADAN KESATUAN BANGSA DAN POLITIK"
    assert any("DATA CONTOH" in (t or "") for t in titles)
    with paths[".csv"].open(encoding="cp1252", newline="") as handle:
        first = next(csv.reader(handle, delimiter=";"))
    assert "DATA CONTOH" in first[0] and "–" in first[0]  # an en dash: only cp1252 has it in one byte


def test_cli_loads_demo_and_writes_files(tmp_path, capsys):
    """`python -m analytics demo --files DIR` prints the counts and the files written; again adds nothing."""
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    assert main(["demo", "--db", url, "--files", str(tmp_path / "contoh")]) == 0
    out = capsys.readouterr().out
    assert "baris baru" in out and out.count("Berkas contoh") == 3
    assert len(list((tmp_path / "contoh").iterdir())) == 3
    assert main(["demo", "--db", url]) == 0
    assert "tidak ada yang ditambahkan" in capsys.readouterr().out
