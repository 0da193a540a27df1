#!/usr/bin/env python3
"""Draw the extension's PNG icons (a white speech mark on an indigo-violet disc).

Pure Python, no imaging library: run it again after changing the design.
    python3 scripts/make_icons.py
"""

import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "extension" / "icons"


def pixel(x: float, y: float, size: int) -> tuple[int, int, int, int]:
    c = size / 2
    r = size / 2 - 0.5
    d = math.hypot(x - c, y - c)
    if d > r + 0.5:
        return (0, 0, 0, 0)
    alpha = int(255 * max(0.0, min(1.0, r + 0.5 - d)))
    t = x / size  # indigo → violet, left to right
    base = (int(79 + (124 - 79) * t), int(70 + (58 - 70) * t), int(229 + (237 - 229) * t))
    # A quotation mark: two dots with tails, the author's own words.
    for cx in (0.38, 0.62):
        dot = math.hypot(x - cx * size, y - 0.45 * size)
        tail = (
            0 < (y - 0.45 * size) < 0.2 * size
            and abs((x - cx * size) + (y - 0.45 * size) * 0.45 - 0.06 * size) < 0.045 * size
        )
        if dot < 0.09 * size or tail:
            return (255, 255, 255, alpha)
    return (*base, alpha)


def png(size: int) -> bytes:
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x + 0.5, y + 0.5, size)) for x in range(size))
        for y in range(size)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 128):
        (OUT / f"icon-{size}.png").write_bytes(png(size))
        print(f"wrote icons/icon-{size}.png")
