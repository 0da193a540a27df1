#!/usr/bin/env python3
"""Draw the extension's PNG icons (a white speech mark on an indigo-violet disc) with Pillow,
and the server's favicon.ico (the same drawing at 16, 32 and 48 pixels, each drawn at its size).

Drawn 8 times larger and scaled down, for smooth edges. Run it again after changing the design:
    .venv/bin/python scripts/make_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "extension" / "icons"
SIZES = (16, 32, 48, 128)
FAVICON = REPO / "server" / "firsthand" / "static" / "favicon.ico"
FAVICON_SIZES = (16, 32, 48)
SCALE = 8
INDIGO, VIOLET, WHITE = (79, 70, 229), (124, 58, 237), (255, 255, 255)


def icon(size: int) -> Image.Image:
    big = size * SCALE
    # Indigo on the left to violet on the right, across the whole width.
    ramp = Image.linear_gradient("L").rotate(90).resize((big, big), Image.Resampling.BILINEAR)
    disc = Image.composite(
        Image.new("RGB", (big, big), VIOLET), Image.new("RGB", (big, big), INDIGO), ramp
    )
    draw = ImageDraw.Draw(disc)
    # A quotation mark, the author's own words: two dots, each with a tail slanting down-left.
    for cx in (0.38, 0.62):
        x, y, r = cx * big, 0.45 * big, 0.09 * big
        draw.ellipse((x - r, y - r, x + r, y + r), fill=WHITE)
        tail = [
            (x + 0.015 * big, y),
            (x + 0.105 * big, y),
            (x + 0.015 * big, y + 0.2 * big),
            (x - 0.075 * big, y + 0.2 * big),
        ]
        draw.polygon(tail, fill=WHITE)
    mask = Image.new("L", (big, big), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, big - 1, big - 1), fill=255)
    disc.putalpha(mask)
    return disc.resize((size, size), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        icon(size).save(OUT / f"icon-{size}.png", optimize=True)
        print(f"wrote icons/icon-{size}.png")
    largest, *smaller = (icon(size) for size in reversed(FAVICON_SIZES))
    sizes = [(size, size) for size in FAVICON_SIZES]
    largest.save(FAVICON, format="ICO", sizes=sizes, append_images=smaller)
    print(f"wrote {FAVICON.relative_to(REPO)}")
