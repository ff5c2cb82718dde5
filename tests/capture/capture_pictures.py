"""Pictures of invented text for the screen tests."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def page(lines: list[str], size=(900, 420), font_px=28, gap=70, frame=False,
         right_column: list[str] | None = None) -> np.ndarray:
    """A white picture with ``lines`` in black, one every ``gap`` pixels; ``frame``
    draws a window's dark border, ``right_column`` a second column at x=560."""
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, font_px)
    for i, line in enumerate(lines):
        draw.text((20, 20 + i * gap), line, font=font, fill=0)
    for i, line in enumerate(right_column or []):
        draw.text((560, 20 + i * gap), line, font=font, fill=0)
    if frame:
        draw.rectangle((0, 0, size[0] - 1, size[1] - 1), outline=60, width=2)
    return np.asarray(img).copy()
