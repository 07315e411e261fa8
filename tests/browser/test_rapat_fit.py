"""Mode Rapat on the projector: every slide fits 1280×720 and 1920×1080 without scrolling, ≥ 90 % of the
visible characters are ≥ 24 px, the key hint shows once, keys step and Esc leaves; screenshots in artifacts/."""

from __future__ import annotations

import pytest

from harness import ARTIFACTS, log_in, open_page, wait_idle

pytestmark = pytest.mark.browser

# Visible characters (text nodes, SVG text included), each with its element's font size.
MEASURE_TEXT = """() => {
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stMain"]') || document.body,
                                           NodeFilter.SHOW_TEXT);
  let total = 0, big = 0; const small = [];
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement, chars = node.textContent.replace(/\\s/g, '').length;
    if (!chars || !el) continue;
    const rect = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
    if (el.closest('[aria-hidden="true"]') && !el.closest('svg')) continue;
    const size = parseFloat(style.fontSize);
    total += chars;
    if (size >= 23.5) big += chars; else small.push(node.textContent.trim().slice(0, 30) + ' @' + size);
  }
  return {total, big, small};
}"""
# How far the page scrolls beyond the viewport (the main area and the document).
MEASURE_SCROLL = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const over = el => el ? el.scrollHeight - el.clientHeight : 0;
  return Math.max(over(main), over(document.scrollingElement));
}"""


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_every_slide_fits_and_reads_from_the_back(server, browser, width, height):
    """Each of the five slides: no scroll, ≥ 90 % of characters ≥ 24 px, hint once; Esc returns to Ringkasan."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    log_in(page, server, "pimpinan")
    open_page(page, "Mode Rapat")
    ARTIFACTS.mkdir(exist_ok=True)
    failures = []
    for step in range(1, 6):
        if step > 1:
            page.keyboard.press("ArrowRight")
        page.get_by_role("heading", name=f"{step} / 5").first.wait_for(timeout=30_000)
        wait_idle(page)
        page.wait_for_timeout(1500)  # charts and the map draw after the script ends
        page.screenshot(path=str(ARTIFACTS / f"rapat_{width}x{height}_{step}.png"))
        overflow = page.evaluate(MEASURE_SCROLL)
        text = page.evaluate(MEASURE_TEXT)
        share = text["big"] / max(text["total"], 1)
        hints = page.get_by_text("panah kiri").count()
        if overflow > 2:
            failures.append(f"slide {step}: scrolls {overflow} px")
        if share < 0.9:
            failures.append(f"slide {step}: only {share:.0%} of characters ≥ 24 px; small: {text['small'][:8]}")
        if hints != (1 if step == 1 else 0):
            failures.append(f"slide {step}: key hint shown {hints}×")
        assert page.locator('[data-testid="stException"]').count() == 0
    page.keyboard.press("ArrowLeft")
    page.get_by_role("heading", name="4 / 5").first.wait_for(timeout=30_000)
    wait_idle(page)
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: "/rapat" not in url, timeout=30_000)
    wait_idle(page)
    assert page.get_by_role("heading", name="Ringkasan").count() >= 1
    context.close()
    assert not failures, failures


def test_disabled_button_keeps_contrast(server, browser):
    """On the first slide the unusable 'Kembali' button is hidden, or else keeps ≥ 4.5:1 contrast."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    log_in(page, server, "pimpinan")
    open_page(page, "Mode Rapat")
    button = page.get_by_role("button", name="‹ Kembali")
    if button.count() and button.first.is_visible():
        colours = button.first.evaluate("""e => {
          const p = e.querySelector('p') || e; const cs = getComputedStyle(p);
          let bg = 'rgba(0, 0, 0, 0)', node = e;
          while (node && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
            bg = getComputedStyle(node).backgroundColor; node = node.parentElement; }
          return [cs.color, bg, cs.opacity, getComputedStyle(e).opacity];
        }""")
        assert _contrast(colours[0], colours[1]) >= 4.5 and float(colours[3]) == 1.0, colours
    context.close()


def _contrast(fg: str, bg: str) -> float:
    """Return the WCAG contrast of two CSS rgb() colours."""
    def lum(text: str) -> float:
        r, g, b = [int(float(v)) / 255 for v in text[text.index("(") + 1:text.index(")")].split(",")[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted((lum(fg), lum(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)
