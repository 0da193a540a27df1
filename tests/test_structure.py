"""Habits the tree keeps: short modules in server/firsthand."""

from pathlib import Path

SERVER = Path(__file__).resolve().parents[1] / "server" / "firsthand"


def test_no_server_module_is_longer_than_about_300_lines():
    lengths = {
        str(path.relative_to(SERVER)): len(path.read_text(encoding="utf-8").splitlines())
        for path in SERVER.rglob("*.py")
        if "migrations" not in path.parts
    }
    assert len(lengths) > 30
    assert {name: n for name, n in lengths.items() if n > 300} == {}
