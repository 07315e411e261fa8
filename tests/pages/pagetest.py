"""Helpers for the page tests (a module, not a conftest: several conftest.py files would clash as `conftest`).

A small hand-made store, and an AppTest of app.py logged in as a given role.

The store (worked out by hand, see the numbers in each test):
  period shown by default: the last 90 days of the data, 02/03/2026 – 30/05/2026;
  previous period: 02/12/2025 – 01/03/2026.
  Kejadian now: 3 (10/03 sumber_daya 1 meninggal 2 luka, 20/04 kekerasan 1 luka, 30/05 unjuk_rasa);
  kejadian before: 1 (15/01 pemilu 3 luka).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.auth import User, create_user
from analytics.store.db import open_store
from analytics.store.writes import commit_records

APP = Path(__file__).resolve().parents[2] / "app.py"
PASSWORD = "uji-kata-sandi-123"

LONG_BISAI, PULAU_SAPI = "65.02.01.2002", "65.02.01.2005"
INCIDENTS = [
    # tanggal, kode_kecamatan, kode_desa, kategori, meninggal, luka, pihak
    ("2026-01-15", "65.02.01", LONG_BISAI, "pemilu", 0, 3, "Kelompok A"),
    ("2026-03-10", "65.02.01", LONG_BISAI, "sumber_daya", 1, 2, "Bapak Rahasia"),
    ("2026-04-20", "65.02.01", PULAU_SAPI, "kekerasan", 0, 1, "Pemuda X"),
    ("2026-05-30", "65.02.02", None, "unjuk_rasa", 0, 0, None),
]


def incident_records(rows=INCIDENTS) -> pd.DataFrame:
    """Return kejadian records in the clean schema."""
    return pd.DataFrame(
        [
            {
                "tanggal": pd.Timestamp(day), "kode_kecamatan": kec, "kode_desa": desa, "jenis": kat, "kategori": kat,
                "uraian": f"uraian rahasia {i}", "pihak": pihak, "korban_meninggal": dead, "korban_luka": hurt,
                "tindak_lanjut": "dimediasi", "sumber": "Polsek", "lat": None, "lon": None,
            }
            for i, (day, kec, desa, kat, dead, hurt, pihak) in enumerate(rows)
        ]
    )


def seed_store(url: str, *, is_demo: bool = False, incidents: bool = True, users: bool = True):
    """Create the store at url with the hand-made kejadian and one account per role; return the engine."""
    engine = open_store(url)
    if incidents:
        records = incident_records()
        commit_records(engine, kind="kejadian", records=records, file_name="uji.xlsx", sha256="a" * 64, sheet=None,
                       header_row=1, user="uji", rows_read=len(records), rows_rejected=0, is_demo=is_demo)
    if users:
        for role in ("pimpinan", "analis", "admin"):
            create_user(engine, f"uji_{role}", PASSWORD, role)
    return engine


@pytest.fixture
def store_url(tmp_path, monkeypatch) -> str:
    """A seeded SQLite store that the app under test opens through DATABASE_URL."""
    url = f"sqlite:///{(tmp_path / 'halaman.db').as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    seed_store(url).dispose()
    return url


def open_app(role: str | None = "analis", page: str | None = None, timeout: float = 60) -> AppTest:
    """Return an AppTest of app.py that has run once, logged in as role (None: logged out), on page."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if role:
        at.session_state["user"] = User(f"uji_{role}", role)
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def texts(at: AppTest) -> str:
    """Return every text the page shows (markdown, captions, alerts, titles) joined, for 'in' checks."""
    parts = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader", "code"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


__all__ = ["open_app", "texts", "seed_store", "incident_records", "store_url", "PASSWORD", "date"]


def shown_cells(element) -> pd.DataFrame:
    """Return the text a reader sees in an st.table / st.dataframe given a Styler (its display values)."""
    import pyarrow as pa

    display = element.proto.arrow_data.styler.display_values
    return pa.ipc.open_stream(display).read_pandas()
