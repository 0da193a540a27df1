"""Everything the server imports is a runtime dependency, not only a test or bench one.

./scripts/run installs the runtime group alone: a module the server imports that only the test
group brings (as `requests` once was, for the story webhooks) breaks a fresh install while every
test passes.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "server" / "firsthand"


def imported_top_level_modules() -> set[str]:
    names = set()
    for path in SERVER.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"firsthand", "__future__"}


def runtime_distributions() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {re.split(r"[\[<>=!~ ;]", dep, maxsplit=1)[0].lower() for dep in project["dependencies"]}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_module_the_server_imports_comes_from_a_runtime_dependency():
    runtime = {normalise(name) for name in runtime_distributions()}
    owners = packages_distributions()
    missing = {}
    for module in sorted(imported_top_level_modules()):
        dists = {normalise(d) for d in owners.get(module, [])}
        if not dists & runtime:
            missing[module] = sorted(dists) or ["not installed"]
    # Distributions a runtime dependency brings along (flask → werkzeug, jinja2, click;
    # flask-limiter[redis] → redis; pyjwt[crypto] → cryptography) count as runtime too.
    # jsonschema → referencing.
    brought_along = {"werkzeug", "jinja2", "click", "markupsafe", "redis", "cryptography", "limits"}
    brought_along.add("referencing")
    missing = {m: d for m, d in missing.items() if not set(d) & brought_along}
    assert not missing, f"imported by the server but not runtime dependencies: {missing}"
