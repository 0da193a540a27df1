"""The badge's share card: a PNG for link previews.

LinkedIn, X and most chat apps ignore SVG in `og:image`, so the page a badge's credential URL
opens points its preview at this 1200×630 PNG instead.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
INDIGO, VIOLET, WHITE = (79, 70, 229), (124, 58, 237), (255, 255, 255)
# Noto Color Emoji is a bitmap font drawn at 109 px only; the glyph is scaled afterwards.
EMOJI_FONTS = ("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",)
EMOJI_PX = 109
BOLD_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)
REGULAR_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


@lru_cache(maxsize=64)  # drawn once per distinct badge text
def badge_card_png(name: str, description: str, icon: str, issuer: str) -> bytes:
    """Render the share card of a badge."""
    card = _gradient()
    draw = ImageDraw.Draw(card)
    _medal(card, draw, icon, name, centre=(315, 315), radius=200)
    left, width = 600, 540
    body = _font(REGULAR_FONTS, 32)
    for size in (68, 56, 46):  # a long name gets a smaller type before it gets cut
        title = _font(BOLD_FONTS, size)
        if len(_wrap(draw, name, title, width)) <= 2:
            break
    names = _clip(draw, _wrap(draw, name, title, width), 2, title, width)
    step = round(title.size * 1.18)
    top = 150 - 40 * (len(names) - 1)  # a two-line name moves the block up, not into the footer
    room = (505 - (top + 45 + step * len(names) + 36)) // 44  # description lines that fit
    lines = _clip(draw, _wrap(draw, description, body, width), min(room, 4), body, width)
    draw.text((left, top), "BADGE EARNED", font=_font(REGULAR_FONTS, 28), fill=(224, 231, 255))
    y = top + 45
    for line in names:
        draw.text((left, y), line, font=title, fill=WHITE)
        y += step
    for line in lines:
        y += 44
        draw.text((left, y), line, font=body, fill=(237, 233, 254))
    draw.text(
        (left, 520),
        f"Verified by {issuer} · Open Badges",
        font=_font(REGULAR_FONTS, 26),
        fill=(199, 210, 254),
    )
    out = io.BytesIO()
    card.save(out, "PNG", optimize=True)
    return out.getvalue()


def _gradient() -> Image.Image:
    """Indigo to violet, top left to bottom right (a 2×2 image blown up smoothly)."""
    corners = Image.new("RGB", (2, 2))
    middle = tuple((a + b) // 2 for a, b in zip(INDIGO, VIOLET, strict=True))
    corners.putdata([INDIGO, middle, middle, VIOLET])
    return corners.resize(SIZE, Image.Resampling.BILINEAR)


def _medal(card, draw, icon: str, name: str, centre: tuple[int, int], radius: int) -> None:
    x, y = centre
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 255))
    inner = radius - 16
    draw.ellipse((x - inner, y - inner, x + inner, y + inner), outline=(199, 210, 254), width=6)
    glyph = _emoji(icon, size=int(radius * 1.05))
    if glyph is not None:
        card.paste(glyph, (x - glyph.width // 2, y - glyph.height // 2), glyph)
        return
    # No colour emoji font on this server: the badge's initial instead.
    letter = _font(BOLD_FONTS, int(radius * 1.1))
    draw.text((x, y), name[:1].upper(), font=letter, fill=INDIGO, anchor="mm")


def _emoji(icon: str, size: int) -> Image.Image | None:
    path = next((p for p in EMOJI_FONTS if Path(p).exists()), None)
    if path is None or not icon:
        return None
    font = ImageFont.truetype(path, EMOJI_PX)
    canvas = Image.new("RGBA", (EMOJI_PX * 2, EMOJI_PX * 2), (0, 0, 0, 0))
    ImageDraw.Draw(canvas).text(
        (EMOJI_PX, EMOJI_PX), icon, font=font, embedded_color=True, anchor="mm"
    )
    box = canvas.getbbox()
    if box is None:
        return None
    glyph = canvas.crop(box)
    scale = size / max(glyph.size)
    return glyph.resize(
        (round(glyph.width * scale), round(glyph.height * scale)), Image.Resampling.LANCZOS
    )


@lru_cache(maxsize=16)
def _font(candidates: tuple[str, ...], size: int) -> ImageFont.FreeTypeFont:
    path = next((p for p in candidates if Path(p).exists()), None)
    # Pillow ships a font of its own, so the card renders on a server without any installed.
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _clip(draw, lines: list[str], most: int, font, width: int) -> list[str]:
    """At most `most` lines; a cut ends in an ellipsis that still fits the width."""
    if len(lines) <= most:
        return lines
    last = lines[most - 1].split()
    while len(last) > 1 and draw.textlength(" ".join(last) + "…", font=font) > width:
        last.pop()
    return [*lines[: most - 1], " ".join(last).rstrip(".,;:") + "…"]
