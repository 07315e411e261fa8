"""Tren: the trend, the comparison and the per-kecamatan charts render for every grouping."""

import pytest

from pagetest import store_url, open_app, texts  # noqa: F401 (store_url is a fixture)


@pytest.mark.parametrize("freq", ["W", "M"])
@pytest.mark.parametrize("by", ["kategori", "kode_kecamatan"])
def test_trend_page_renders_three_charts(store_url, freq, by):
    """Weekly or monthly, by kategori or kecamatan: three charts and the election-marks note, no error."""
    at = open_app("pimpinan", "pages/tren.py")
    at.segmented_control(key="tren_freq").set_value(freq).run()
    at.segmented_control(key="tren_by").set_value(by).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 3
    assert "Garis putus merah: hari pemungutan suara" in texts(at)
