"""Werkzeug's URL builders compiled once per test process instead of once per test's app.

Every test builds a fresh app (create_app), and adding its ~100 URL rules makes werkzeug
compile two Python functions per rule from a generated syntax tree (Rule._compile_builder:
ast, then compile()): about half of create_app's time once the data files are cached, paid
again by each of the ~4,000 apps a suite run builds. The function it compiles depends only
on the rule's parsed parts (Rule._trace), its defaults and which of the two builders it is;
it reaches the rule's converters through its `self` argument when called, never through
anything captured. So a rule with the same parts gets the same function back: the URLs it
builds are the ones a fresh compile would build (tests/test_route_builders.py compares them).

Tests only: the server compiles its rules once per process anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.routing.rules import Rule

_original = Rule._compile_builder
_builders: dict[tuple, Callable[..., tuple[str, str]]] = {}
stats = {"compiled": 0, "reused": 0}


def _key(rule: Rule, append_unknown: bool) -> tuple | None:
    """What the compiled builder depends on, or None when it may depend on more (a default
    for a part of the rule is turned into text by that rule's converter at compile time)."""
    defaults = rule.defaults or {}
    if any(dynamic and name in defaults for dynamic, name in rule._trace):
        return None
    try:
        return (rule.rule, append_unknown, tuple(rule._trace), tuple(map(str, defaults)))
    except TypeError:  # something unhashable in the parts: compile as werkzeug does
        return None


def _compile_builder(self: Rule, append_unknown: bool = True) -> Callable[..., Any]:
    key = _key(self, append_unknown)
    if key is None:
        return _original(self, append_unknown)
    builder = _builders.get(key)
    if builder is None:
        builder = _builders[key] = _original(self, append_unknown)
        stats["compiled"] += 1
    else:
        stats["reused"] += 1
    return builder


def install() -> None:
    """Reuse compiled builders in this process (idempotent)."""
    Rule._compile_builder = _compile_builder


def uninstall() -> None:
    """Compile every builder anew, as werkzeug does."""
    Rule._compile_builder = _original
