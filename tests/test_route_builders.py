"""The per-process cache of werkzeug's URL builders (tests/route_builders.py) builds and
matches exactly what werkzeug's own compile does, for every rule of the app."""

from __future__ import annotations

import uuid

import pytest
import route_builders
from werkzeug.routing import Map, PathConverter, Rule, UUIDConverter
from werkzeug.routing.converters import NumberConverter

from firsthand import create_app


def _value(rule: Rule, name: str):
    """A value the rule's converter accepts (text with characters a URL must quote)."""
    converter = rule._converters[name]
    if isinstance(converter, NumberConverter):  # int and the API's id
        return 7
    if isinstance(converter, UUIDConverter):
        return uuid.UUID(int=7)
    if isinstance(converter, PathConverter):
        return "a b/c"
    return "x y&é"


def _routes(app) -> dict:
    """For each rule: what it builds (without and with an extra query argument), and what
    the map matches that URL to."""
    adapter = app.url_map.bind("localhost")
    found = {}
    for rule in app.url_map.iter_rules():
        values = {name: _value(rule, name) for name in rule.arguments}
        built = rule.build(values, append_unknown=False)
        extra = rule.build({**values, "page": "2 & 3"})
        method = sorted(rule.methods - {"HEAD", "OPTIONS"} or rule.methods)[0]
        matched = adapter.match(built[1], method=method)
        found[(rule.rule, rule.endpoint)] = (built, extra, matched)
    return found


@pytest.fixture
def fresh_app(tmp_path, monkeypatch):
    def make():
        monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path / "instance"))
        return create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"})

    return make


def test_cached_builders_build_and_match_what_werkzeug_compiles(fresh_app):
    route_builders.uninstall()
    try:
        compiled = fresh_app()
    finally:
        route_builders.install()
    expected = _routes(compiled)
    before = dict(route_builders.stats)
    first, second = fresh_app(), fresh_app()
    assert _routes(first) == expected and _routes(second) == expected
    assert len(expected) >= 90  # every blueprint's routes were compared
    # The second app compiled nothing: each builder came from the cache...
    assert route_builders.stats["reused"] - before["reused"] >= 2 * len(expected)
    for rule, again in zip(first.url_map.iter_rules(), second.url_map.iter_rules(), strict=True):
        assert rule._build.__func__ is again._build.__func__
        assert rule._build_unknown.__func__ is again._build_unknown.__func__
    # ...and none of them is werkzeug's own uncached one for that rule.
    for rule, own in zip(compiled.url_map.iter_rules(), first.url_map.iter_rules(), strict=True):
        assert rule._build.__func__ is not own._build.__func__


def test_a_shared_builder_converts_with_its_own_rules_converter():
    ints = Map([Rule("/p/<int:n>", endpoint="a")]).bind("h")
    paths = Map([Rule("/p/<path:n>", endpoint="a")]).bind("h")
    assert ints.build("a", {"n": 7}) == "/p/7"
    assert paths.build("a", {"n": "x/y z"}) == "/p/x/y%20z"
    with pytest.raises(ValueError):
        ints.build("a", {"n": "x"})


def test_a_default_inside_the_rule_is_compiled_for_each_rule():
    # The builder turns such a default into text when it is compiled: sharing it would
    # build the first rule's default into the second rule's URLs.
    three = Map([Rule("/p/<n>", defaults={"n": "3"}, endpoint="a")]).bind("h")
    four = Map([Rule("/p/<n>", defaults={"n": "4"}, endpoint="a")]).bind("h")
    assert three.build("a", {}) == "/p/3" and four.build("a", {}) == "/p/4"
    assert route_builders._key(next(three.map.iter_rules()), True) is None
