"""The map palette: risk bands, the score ramp, no-data grey, outlines and the background.

Chosen to read on a washed-out meeting-room projector and for colour-blind viewers:
- The four bands run pale yellow → orange → red → dark wine. Their relative luminance falls strictly
  from Rendah to Sangat Tinggi (0.86 → 0.45 → 0.17 → 0.03), each step at least 1.8:1 in contrast and
  still 1.6:1 on a washed-out projector (`washed_out`), so they stay in order for any colour vision:
  dichromats keep the light/dark channel.
  `simulate_deuteranopia` (Machado et al. 2009, severity 1) is used by the tests to check that.
- Scores 0–100 use the full YlOrRd ramp (5 stops), interpolated in sRGB.
- No data is a neutral grey drawn with dark hatching and labelled "tidak ada data", so it is never read
  as a low risk.
- The background is a plain off-white; place edges are mid-grey, the kabupaten outline near-black.
The hex values and contrast figures are listed in docs/geography.md.
"""

from __future__ import annotations

BACKGROUND = "#F7F7F4"
BAND_COLORS = {
    "Rendah": "#FFF0A0",
    "Sedang": "#F99D3A",
    "Tinggi": "#D7301F",
    "Sangat Tinggi": "#67001F",
}
SCORE_STOPS = ((0.0, "#FFFFB2"), (25.0, "#FECC5C"), (50.0, "#FD8D3C"), (75.0, "#F03B20"), (100.0, "#BD0026"))
NO_DATA = "#D4D4D4"
HATCH = "#6E6E6E"
PLACE_EDGE = "#6B6B6B"
KECAMATAN_EDGE = "#3A3A3A"
OUTLINE = "#1A1A1A"
LABEL = "#1A1A1A"
# Blue against the yellow-to-red fills: blue/orange is the axis that survives red-green blindness.
INCIDENT = "#1F5FAD"

# Linear-RGB transform simulating deuteranopia (Machado, Oliveira & Fernandes 2009, severity 1.0).
_DEUTERANOPIA = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """Return (r, g, b) 0–255 of a '#RRGGBB' colour."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def rgb_to_hex(rgb: tuple[float, float, float]) -> str:
    """Return '#RRGGBB' for an (r, g, b) triple, clipped to 0–255."""
    return "#" + "".join(f"{max(0, min(255, round(c))):02X}" for c in rgb)


def rgba(color: str, alpha: int = 255) -> list[int]:
    """Return [r, g, b, a] as pydeck layers take colours."""
    return [*hex_to_rgb(color), alpha]


def _to_linear(channel: float) -> float:
    c = channel / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _to_srgb(linear: float) -> float:
    linear = max(0.0, min(1.0, linear))
    return 255.0 * (12.92 * linear if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055)


def relative_luminance(color: str) -> float:
    """Return the WCAG relative luminance (0 black – 1 white) of a colour."""
    r, g, b = (_to_linear(c) for c in hex_to_rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG contrast ratio (1–21) between two colours."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def washed_out_contrast(first: str, second: str, gain: float = 0.75, glare: float = 0.08) -> float:
    """Return the contrast of two colours on a washed-out projector: the screen's white dimmed to gain and
    room light (glare) added to every colour, as relative luminance."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (gain * high + glare + 0.05) / (gain * low + glare + 0.05)


def simulate_deuteranopia(color: str) -> str:
    """Return the colour as a viewer without green cones sees it (approximately)."""
    linear = [_to_linear(c) for c in hex_to_rgb(color)]
    return rgb_to_hex(tuple(_to_srgb(sum(m * v for m, v in zip(row, linear))) for row in _DEUTERANOPIA))


def score_color(score: float) -> str:
    """Return the ramp colour of a 0–100 score (values outside are clamped)."""
    score = max(SCORE_STOPS[0][0], min(SCORE_STOPS[-1][0], float(score)))
    for (low, low_hex), (high, high_hex) in zip(SCORE_STOPS, SCORE_STOPS[1:]):
        if score <= high:
            t = (score - low) / (high - low)
            a, b = hex_to_rgb(low_hex), hex_to_rgb(high_hex)
            return rgb_to_hex(tuple(x + (y - x) * t for x, y in zip(a, b)))
    return SCORE_STOPS[-1][1]
