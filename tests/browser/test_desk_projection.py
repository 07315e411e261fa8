"""Desk pages on a 1280×720 projector: body text ≥ 16 px, captions ≥ 4.5:1, metric labels not cut, no empty band."""

from __future__ import annotations

import pytest

from harness import ARTIFACTS, log_in, open_page

pytestmark = pytest.mark.browser

MEASURE = """() => {
  const lum = c => { const v = c.match(/[\\d.]+/g).slice(0, 3).map(x => x / 255)
    .map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const visible = e => e.offsetParent !== null && e.getBoundingClientRect().width > 0;
  const main = document.querySelector('[data-testid="stMain"]');
  const body = [...main.querySelectorAll('[data-testid="stMarkdownContainer"] p')].filter(visible)
    .filter(e => !e.closest('[data-testid="stMetric"], [data-testid="stAlert"], [data-testid="stCaptionContainer"]'))
    .map(e => [parseFloat(getComputedStyle(e).fontSize), e.textContent.slice(0, 40)]);
  const captions = [...main.querySelectorAll('[data-testid="stCaptionContainer"]')].filter(visible).map(e => {
    const a = lum(getComputedStyle(e).color), b = lum('rgb(255,255,255)');
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); });
  const cut = [...main.querySelectorAll('[data-testid="stMetricLabel"] *')].filter(visible)
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent);
  const first = main.querySelector('[data-testid="stVerticalBlock"]');
  return {body, captions, cut, titleTop: first ? first.getBoundingClientRect().top : null};
}"""


@pytest.mark.parametrize("title", ["Ringkasan", "Tren"])
def test_desk_page_reads_on_a_projector(server, browser, title):
    """At 1280×720 the page's body text is ≥ 16 px, captions ≥ 4.5:1, metric labels whole, content starts near the top."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    log_in(page, server, "analis")
    if title != "Ringkasan":
        open_page(page, title)
    found = page.evaluate(MEASURE)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"desk_{title.lower()}_1280x720.png"))
    context.close()
    small = [text for size, text in found["body"] if size < 16]
    assert found["body"] and small == [], small
    assert found["captions"] and min(found["captions"]) >= 4.5, found["captions"]
    assert found["cut"] == []
    assert found["titleTop"] is not None and found["titleTop"] <= 60, found["titleTop"]  # was 96 px of blank
