"""The election calendar: stage lookups on boundary dates, who votes in Pilkades, and invalid files."""

from __future__ import annotations

import json

import numpy as np
import pytest

from analytics.risk.elections import (CALENDAR_PATH, CalendarError, days_to_next_vote, election_bands,
                                 election_component, load_calendar, parse_calendar, stage_on)
from analytics.places.gazetteer import load_gazetteer
from analytics.settings import SETTINGS_BY_NAME

CAL = load_calendar()
PILKADES = next(e for e in CAL.elections if e.id == "pilkades_2023")
WAVE1 = PILKADES.putaran[0].desa
WAVE2 = PILKADES.putaran[1].desa
ALL_DESA = list(load_gazetteer().desa["kode"])
NOT_VOTING = sorted(set(ALL_DESA) - set(WAVE1) - set(WAVE2))
ANY_DESA = ALL_DESA[0]


@pytest.mark.parametrize(
    "day, expected",
    [
        ("2023-10-18", []),
        ("2023-10-19", ["pencalonan"]),
        ("2023-11-26", []),
        ("2023-11-28", ["kampanye"]),
        ("2024-02-10", ["kampanye"]),
        ("2024-02-11", ["masa tenang"]),
        ("2024-02-13", ["masa tenang"]),
        ("2024-02-14", ["pemungutan suara", "penghitungan"]),
        ("2024-02-15", ["penghitungan", "rekapitulasi"]),
        ("2024-03-20", ["rekapitulasi"]),
        ("2024-03-21", []),
        ("2024-11-24", ["masa tenang"]),
        ("2024-11-27", ["pemungutan suara", "penghitungan", "rekapitulasi"]),
    ],
)
def test_stage_on_boundary_dates(day, expected):
    """Each stage starts and ends on the KPU date, inclusive, for any desa."""
    rows = stage_on(CAL, day, NOT_VOTING[0])
    assert sorted(rows["tahap"]) == sorted(expected)


def test_pilkades_only_where_the_desa_votes():
    """On 30 May 2023 the 58 wave-1 desa vote; wave-2 and non-voting desa see no Pilkades stage."""
    assert (len(WAVE1), len(WAVE2), len(NOT_VOTING)) == (58, 27, 24)
    assert list(stage_on(CAL, "2023-05-30", WAVE1[0])["tahap"]) == ["pemungutan suara", "penghitungan"]
    assert stage_on(CAL, "2023-05-30", WAVE2[0]).empty
    assert stage_on(CAL, "2023-05-30", NOT_VOTING[0]).empty


@pytest.mark.parametrize(
    "day, desa, expected",
    [
        ("2024-02-01", NOT_VOTING[0], 13),  # 14 Feb − 1 Feb
        ("2024-02-14", NOT_VOTING[0], 0),
        ("2024-02-15", NOT_VOTING[0], 286),  # 27 Nov 2024 − 15 Feb 2024 = 14+31+30+31+30+31+31+30+31+27
        ("2023-05-20", WAVE1[0], 10),
        ("2023-05-20", WAVE2[0], 179),  # 15 Nov 2023 (assumed wave 2) − 20 May 2023
        ("2023-05-20", NOT_VOTING[0], 270),  # 14 Feb 2024 − 20 May 2023
        ("2024-11-28", ANY_DESA, None),
    ],
)
def test_days_to_next_vote(day, desa, expected):
    """Days to the desa's own next vote, 0 on the day, None when no vote is scheduled."""
    assert days_to_next_vote(CAL, day, desa) == expected


def test_election_component_ramp_and_stages():
    """pemilihan: 100 on the vote, the larger of ramp and stage before it, 0 long after."""
    days = np.array(["2024-01-15", "2024-02-11", "2024-02-14", "2024-03-01", "2024-05-01"], dtype="datetime64[D]")
    weights = SETTINGS_BY_NAME["election_stage_weights"].default
    value, to_vote = election_component(CAL, [NOT_VOTING[0]], days, weights, 90)
    # 15 Jan: 30 days to go → ramp 100·(1 − 30/90) = 66.7 > kampanye 60; 11 Feb: ramp 96.7 > masa tenang 80;
    # 1 Mar: rekapitulasi 60; 1 May: 210 days before Pilkada (> 90) and no stage → 0.
    assert np.round(value[0], 1).tolist() == [66.7, 96.7, 100.0, 60.0, 0.0]
    assert to_vote[0, :3].tolist() == [30, 3, 0]


def test_bands_list_every_stage_and_vote_line():
    """The chart gets one band per stage and four vote days (two Pilkades waves, Pemilu, Pilkada)."""
    bands = election_bands(CAL)
    assert {"mulai", "selesai", "pemilihan", "tahap", "is_vote"} <= set(bands.columns)
    assert bands["is_vote"].sum() == 4
    assert bands["mulai"].is_monotonic_increasing


def test_override_from_a_dict():
    """An admin's stored calendar (dict) replaces the file."""
    cal = load_calendar({"pemilihan": [{"id": "pilkades_2027", "nama": "Pilkades 2027", "jenis": "pilkades",
                                        "putaran": [{"nama": "Tahap 1", "desa": [ANY_DESA], "tahapan": [
                                            {"tahap": "pemungutan suara", "mulai": "2027-06-01", "selesai": "2027-06-01"}]}]}]})
    assert days_to_next_vote(cal, "2027-05-01", ANY_DESA) == 31
    assert days_to_next_vote(cal, "2027-05-01", NOT_VOTING[0]) is None


def _broken(change) -> dict:
    raw = json.loads(CALENDAR_PATH.read_text(encoding="utf-8"))
    change(raw)
    return raw


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda r: r["pemilihan"][1]["putaran"][0]["tahapan"].pop(3), ["Pemilu 2024", "pemungutan suara"]),
        (lambda r: r["pemilihan"][2]["putaran"][0]["tahapan"][1].update(mulai="2024-12-01"), ["Pilkada 2024", "sebelum mulai"]),
        (lambda r: r["pemilihan"][0]["putaran"][1]["tahapan"][0].update(tahap="debat"), ["Pilkades Serentak 2023", "Tahap 2", "debat"]),
        (lambda r: r["pemilihan"][0]["putaran"][0].update(desa=["65.02"]), ["Tahap 1", "kode desa tidak sah"]),
        (lambda r: r["pemilihan"][0]["putaran"][0]["tahapan"][0].pop("mulai"), ["Pilkades Serentak 2023", "mulai"]),
    ],
)
def test_invalid_calendar_names_the_entry(change, words):
    """A broken entry stops loading with an Indonesian message naming the election and the field."""
    with pytest.raises(CalendarError) as err:
        parse_calendar(_broken(change))
    for word in words:
        assert word in str(err.value)


def test_not_json_and_empty():
    """Text that is not JSON is refused; an empty list of elections is a valid (quiet) calendar."""
    with pytest.raises(CalendarError, match="bukan JSON"):
        parse_calendar("{pemilihan: [")
    assert parse_calendar({"pemilihan": []}).stages.empty
