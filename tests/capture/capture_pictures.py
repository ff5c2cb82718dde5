"""Pictures of invented text for the screen tests."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def page(lines: list[str], size=(900, 420), font_px=28, gap=70) -> np.ndarray:
    """A white picture with ``lines`` in black, one every ``gap`` pixels."""
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, font_px)
    for i, line in enumerate(lines):
        draw.text((20, 20 + i * gap), line, font=font, fill=0)
    return np.asarray(img).copy()
