"""Reading the stored register of orang asing back (light: the risk score needs it without the file readers)."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from analytics.store import tables

PERSONAL_COLUMNS = ("nama", "kebangsaan", "paspor", "sponsor")


def read_foreigners(engine: sa.Engine, personal: bool = False) -> pd.DataFrame:
    """Return the active register rows; personal detail columns only when personal=True (analis/admin)."""
    f = tables.foreigners
    hidden = set() if personal else {*PERSONAL_COLUMNS, "catatan"}
    cols = [c for c in f.columns if c.name not in hidden and c.name != "active"]
    with engine.connect() as conn:
        frame = pd.read_sql(sa.select(*cols).where(f.c.active).order_by(f.c.periode_mulai, f.c.id), conn)
    for name in ("periode_mulai", "periode_akhir"):
        frame[name] = pd.to_datetime(frame[name])
    return frame
