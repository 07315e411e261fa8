"""Ringkasan: headline numbers against the previous period, priority desa with reasons, band changes."""

from pagetest import store_url, open_app, texts  # noqa: F401 (store_url is a fixture)


def test_headline_numbers_against_the_previous_period(store_url):
    """02/03–30/05/2026: 3 kejadian (naik 2), 1 dead (naik 1), 3 injured ("sama"), no reports yet."""
    at = open_app("pimpinan")
    assert not at.exception
    metrics = {m.label: (m.value, m.delta) for m in at.metric}
    assert metrics["Kejadian"] == ("3", "naik 2")
    assert metrics["Korban meninggal"] == ("1", "naik 1")
    assert metrics["Korban luka"] == ("3", "sama")
    assert metrics["Laporan berkala diterima"] == ("0", "sama")
    assert "Hari menuju pemungutan suara" in metrics


def test_priority_table_has_a_reason_per_desa(store_url):
    """The priority table lists desa with a score above 0, highest first, each with a reason line."""
    at = open_app("pimpinan")
    table = at.dataframe[0].value
    assert list(table.columns) == ["nama", "kecamatan", "skor", "tingkat", "alasan"]
    assert 0 < len(table) <= 10
    assert table["skor"].is_monotonic_decreasing
    assert table["alasan"].str.len().gt(5).all()
    assert "Long Bisai" in set(table["nama"])


def test_every_headline_has_its_own_name_in_both_languages(store_url):
    """No two headline numbers share a label (English once called two different counts 'Periodic reports received');
    in English the priority reasons are English."""
    at = open_app("pimpinan")
    for lang in ("id", "en"):
        at.radio(key="lang").set_value(lang).run()
        assert not at.exception
        labels = [m.label for m in at.metric]
        assert len(labels) == len(set(labels)) >= 7, labels
    reasons = at.dataframe[0].value["alasan"]
    assert reasons.str.contains("in the last").all() and not reasons.str.contains("dalam").any()


def test_kecamatan_filter_narrows_the_numbers(store_url):
    """Choosing only Malinau Kota leaves 1 kejadian (the unjuk rasa of 30/05) and no victims."""
    at = open_app("analis")
    at.multiselect(key="f_kecamatan").set_value(["65.02.02"]).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Kejadian"] == "1" and metrics["Korban luka"] == "0"
    assert at.query_params["kec"] in ("65.02.02", ["65.02.02"])


def test_empty_store_says_there_is_no_data(tmp_path, monkeypatch):
    """With no kejadian the page says so and shows zeros, without an error."""
    from pagetest import seed_store

    url = f"sqlite:///{(tmp_path / 'kosong.db').as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    seed_store(url, incidents=False).dispose()
    at = open_app("analis")
    assert not at.exception
    assert "Belum ada data kejadian" in texts(at)
    assert {m.label: m.value for m in at.metric}["Kejadian"] == "0"
