"""Draw a screen as pixels the way a laptop shows it, and the words that were actually drawn."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .profiles import RenderStyle
from .screens import Screen

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MAX_LINES = 34  # a laptop screen's worth of lines; the rest is below the fold


@dataclass(frozen=True)
class Placed:
    x: int
    y: int
    text: str
    grey: int
    band: int  # background grey of the line's band


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size)


def _clip(text: str, width: float, font: ImageFont.FreeTypeFont) -> str:
    if font.getlength(text) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.getlength(text[:mid]) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo]


def layout(screen: Screen, style: RenderStyle) -> tuple[list[Placed], int]:
    """Where every line goes; lines are clipped at their pane's edge and cut at the screen's foot."""
    font = _font(style.font_size)
    lh = round(style.font_size * 1.45)
    placed: list[Placed] = []
    y = 6
    top = list(screen.header)
    if screen.url:
        top.insert(0, f"<  >  C   {screen.url}")
    for line in top:
        placed.append(Placed(8, y, _clip(line, style.width - 16, font), 70, 236))
        y += lh
    y += 4
    body_top = y
    total = sum(screen.widths) or 1.0
    x = 0.0
    rows = MAX_LINES - len(top) - len(screen.footer)
    for pane, share in zip(screen.panes, screen.widths, strict=False):
        w = style.width * share / total
        grey = style.contrast if share > 0.35 else min(120, style.contrast + 50)
        band = 255 if share > 0.35 else 246
        yy = body_top
        for line in pane[:rows]:
            if line:
                placed.append(Placed(round(x) + 10, yy, _clip(line, w - 24, font), grey, band))
            yy += lh
        x += w
    y = body_top + rows * lh + 4
    for line in screen.footer:
        placed.append(Placed(8, y, _clip(line, style.width - 16, font), 70, 236))
        y += lh
    return placed, y + 6


def drawn_text(screen: Screen, style: RenderStyle) -> str:
    """The words on screen, pane by pane, as a perfect reader would return them."""
    placed, _ = layout(screen, style)
    return "\n".join(p.text for p in placed if p.text.strip())


def render(screen: Screen, style: RenderStyle) -> Image.Image:
    placed, height = layout(screen, style)
    img = Image.new("L", (style.width, height), 255)
    draw = ImageDraw.Draw(img)
    font = _font(style.font_size)
    lh = round(style.font_size * 1.45)
    for p in placed:
        if p.band != 255:
            draw.rectangle((0 if p.band == 236 else p.x - 10, p.y - 2, style.width if p.band == 236 else p.x + 200, p.y + lh - 2),
                           fill=p.band)
        draw.text((p.x, p.y), p.text, font=font, fill=p.grey)
    if style.scale != 1.0:
        img = img.resize((round(img.width * style.scale), round(img.height * style.scale)), Image.Resampling.BILINEAR)
    if style.blur:
        img = img.filter(ImageFilter.GaussianBlur(style.blur))
    if style.jpeg_quality:
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=style.jpeg_quality)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    return img
