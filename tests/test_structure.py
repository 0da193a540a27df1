"""Habits the tree keeps: short modules in server/firsthand, icons drawn by their script."""

import importlib.util
from pathlib import Path

from PIL import Image, ImageChops

REPO = Path(__file__).resolve().parents[1]
SERVER = REPO / "server" / "firsthand"


def test_no_server_module_is_longer_than_about_300_lines():
    lengths = {
        str(path.relative_to(SERVER)): len(path.read_text(encoding="utf-8").splitlines())
        for path in SERVER.rglob("*.py")
        if "migrations" not in path.parts
    }
    assert len(lengths) > 30
    # "About 300": a tenth over is tolerated, a module twice that size is not.
    assert {name: n for name, n in lengths.items() if n > 330} == {}


def test_the_committed_icons_are_what_make_icons_draws():
    spec = importlib.util.spec_from_file_location("make_icons", REPO / "scripts" / "make_icons.py")
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    for size in make_icons.SIZES:
        committed = Image.open(make_icons.OUT / f"icon-{size}.png")
        drawn = make_icons.icon(size)
        assert committed.size == (size, size) and committed.mode == "RGBA"
        # Tolerant of rounding in another Pillow version, not of another drawing.
        worst = max(high for _low, high in ImageChops.difference(committed, drawn).getextrema())
        assert worst <= 8, f"icon-{size}.png differs from the script's drawing"


def test_the_committed_favicon_is_what_make_icons_draws_at_each_size():
    spec = importlib.util.spec_from_file_location("make_icons", REPO / "scripts" / "make_icons.py")
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    with Image.open(make_icons.FAVICON) as favicon:
        assert favicon.info["sizes"] == {(s, s) for s in make_icons.FAVICON_SIZES}
        for size in make_icons.FAVICON_SIZES:
            favicon.size = (size, size)
            frame = favicon.convert("RGBA")  # each size drawn at that size, not scaled from 48
            difference = ImageChops.difference(frame, make_icons.icon(size)).getextrema()
            assert max(high for _low, high in difference) <= 8, f"favicon.ico at {size} px"
