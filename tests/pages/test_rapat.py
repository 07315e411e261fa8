"""Mode Rapat: five screens stepped by buttons, the step in the URL, aggregates only."""

from pagetest import store_url, open_app, texts  # noqa: F401 (store_url is a fixture)

TITLES = ["Ringkasan", "Peta risiko", "Tren kejadian", "Desa prioritas", "Tindak lanjut"]


def test_steps_through_five_screens_without_personal_details(store_url):
    """Berikutnya walks Ringkasan → Peta → Tren → Desa prioritas → Tindak lanjut; no pihak or uraian anywhere."""
    at = open_app("pimpinan", "pages/rapat.py")
    for i, title in enumerate(TITLES, start=1):
        assert not at.exception
        assert at.title[0].value == f"{title}  ·  {i} / 5"
        assert at.query_params.get("langkah", "1") in (str(i), [str(i)])
        shown = texts(at) + "".join(t.value.to_string() for t in at.table)
        assert "Rahasia" not in shown and "rahasia" not in shown and "Pemuda X" not in shown
        if i < 5:
            at.button(key="rapat_next").click().run()
    assert "Belum ada data tindak lanjut." in [m.value for m in at.info]
    assert not [b for b in at.button if b.key == "rapat_next"]  # hidden on the last screen, not greyed out


def test_first_screen_metrics(store_url):
    """The first screen shows kejadian 3 and the injured 3 in big numbers."""
    at = open_app("pimpinan", "pages/rapat.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Kejadian"] == "3" and metrics["Korban luka"] == "3"


def test_step_restored_from_the_url(store_url):
    """?langkah=4 opens on Desa prioritas; Sebelumnya goes back to the trend."""
    at = open_app("pimpinan", "pages/rapat.py")
    at.query_params["langkah"] = "4"
    at.run()
    assert at.title[0].value.startswith("Desa prioritas")
    at.button(key="rapat_prev").click().run()
    assert at.title[0].value.startswith("Tren kejadian")


def test_meeting_style_is_our_static_css(store_url):
    """The page injects only the static projector stylesheet (hides the sidebar, 26px body text)."""
    at = open_app("pimpinan", "pages/rapat.py")
    css = [m.value for m in at.markdown if m.value.startswith("<style>")]
    meeting = [c for c in css if "stSidebar" in c]
    assert len(meeting) == 1 and "font-size: 26px" in meeting[0]
