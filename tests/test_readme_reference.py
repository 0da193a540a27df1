"""The README stays the user's reference: every setting the server reads, every `firsthand`
command and every API route is named there, not only in docs/."""

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_environment_variable_the_code_reads_is_in_the_readme():
    sources = [
        *(REPO / "server" / "firsthand").rglob("*.py"),
        REPO / "scripts" / "run",
        REPO / "scripts" / "test",
        *(REPO / "scripts" / "lib").glob("*.sh"),
    ]
    names = {
        name
        for path in sources
        for name in re.findall(r"FIRSTHAND_[A-Z0-9_]*[A-Z0-9]", path.read_text(encoding="utf-8"))
    }
    assert len(names) > 25
    assert sorted(name for name in names if name not in README) == []


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_firsthand_command_is_in_the_readme(app):
    commands = set(app.cli.commands)
    assert {"add-user", "console-link", "connect-link", "init-db"} <= commands
    assert sorted(c for c in commands if f"`firsthand {c}" not in README) == []


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_api_route_and_public_page_is_in_the_readme(app):
    """Paths as the README writes them: relative to /api/v1, any <parameter> as <id>."""
    placeholder = re.compile(r"<[^>]*>")
    text = placeholder.sub("<>", README)
    rules = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if not rule.rule.startswith(("/console", "/static", "/favicon"))
    ]
    assert len(rules) > 40

    def documented(rule: str) -> bool:
        path = re.escape(placeholder.sub("<>", rule.removeprefix("/api/v1")))
        return re.search(rf"{path}(?![\w/<>.-])", text) is not None  # /shares/<id>, not …/reach

    undocumented = [rule for rule in rules if not documented(rule)]
    assert undocumented == []
