"""Points rules, levels and the badge catalogue, loaded from admin-editable data files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

FACTS = {
    "shares_before",
    "streak_weeks",
    "streak_extra_weeks",
    "extends_streak",
    "first_share_of_week",
    "network",
    "voice",
    "is_clone",
}
METRICS = {
    "shares",
    "streak_weeks",
    "networks",
    "personal_shares",
    "original_shares",
    "kudos_received",
    "leadership_kudos",
}


class RulesError(ValueError):
    """A data file is not usable; the message names the file and the entry."""


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    points: int
    when: dict
    per: str | None = None
    max: int | None = None

    def award(self, facts: dict) -> int:
        """Return the points this rule gives for these facts (0 when it does not apply)."""
        if not all(_holds(facts.get(name), test) for name, test in self.when.items()):
            return 0
        points = self.points * (facts.get(self.per, 0) if self.per else 1)
        return min(points, self.max) if self.max is not None else points


@dataclass(frozen=True)
class RuleBook:
    daily_cap: int
    rules: tuple[Rule, ...]
    levels: tuple[dict, ...]
    badges: tuple[dict, ...]
    stale_post_days: int = 30
    kudos_points: int = 5
    kudos_per_giver_per_week: int = 1

    def score(self, facts: dict) -> list[tuple[str, int]]:
        """Return (rule id, points) for every rule that gives points."""
        awards = [(rule.id, rule.award(facts)) for rule in self.rules]
        return [(rule_id, points) for rule_id, points in awards if points]

    def level(self, points: int) -> dict:
        """Return {"number", "name", "min_points", "points_to_next"} for a points total."""
        number = max(i for i, lvl in enumerate(self.levels) if points >= lvl["min_points"])
        following = self.levels[number + 1] if number + 1 < len(self.levels) else None
        return {
            "number": number + 1,
            "name": self.levels[number]["name"],
            "min_points": self.levels[number]["min_points"],
            "points_to_next": following["min_points"] - points if following else None,
        }

    def badge(self, badge_id: str) -> dict | None:
        return next((b for b in self.badges if b["id"] == badge_id), None)


def _holds(value: object, test: object) -> bool:
    if isinstance(test, dict):
        if "in" in test and value not in test["in"]:
            return False
        if "min" in test and (not isinstance(value, int | float) or value < test["min"]):
            return False
        return not ("max" in test and (not isinstance(value, int | float) or value > test["max"]))
    return value == test


def load_rulebook(data_dir: str | Path) -> RuleBook:
    """Read and check points_rules.json, levels.json and badges.json."""
    data_dir = Path(data_dir)
    points = _read(data_dir / "points_rules.json")
    levels = _read(data_dir / "levels.json")["levels"]
    badges = _read(data_dir / "badges.json")["badges"]
    rules = tuple(_rule(entry) for entry in points["rules"])
    _check_unique([r.id for r in rules], "points_rules.json rule id")
    _check_levels(levels)
    _check_badges(badges)
    cap = points.get("daily_cap")
    if not isinstance(cap, int) or cap < 0:
        raise RulesError("points_rules.json: daily_cap must be a whole number ≥ 0")
    kudos = points.get("kudos", {})
    return RuleBook(
        cap,
        rules,
        tuple(levels),
        tuple(badges),
        stale_post_days=int(points.get("stale_post", {}).get("max_age_days", 30)),
        kudos_points=int(kudos.get("points", 5)),
        kudos_per_giver_per_week=int(kudos.get("per_giver_per_week", 1)),
    )


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RulesError(f"{path}: {exc}") from exc


def _rule(entry: dict) -> Rule:
    where = f"points_rules.json rule {entry.get('id', '?')!r}"
    if not isinstance(entry.get("id"), str) or not isinstance(entry.get("points"), int):
        raise RulesError(f"{where}: needs a string id and whole-number points")
    unknown = set(entry.get("when", {})) - FACTS
    if entry.get("per") and entry["per"] not in FACTS:
        unknown.add(entry["per"])
    if unknown:
        raise RulesError(f"{where}: unknown fact(s) {sorted(unknown)}; known: {sorted(FACTS)}")
    return Rule(
        entry["id"],
        entry.get("description", ""),
        entry["points"],
        entry.get("when", {}),
        entry.get("per"),
        entry.get("max"),
    )


def _check_levels(levels: list[dict]) -> None:
    mins = [lvl.get("min_points") for lvl in levels]
    if not levels or mins[0] != 0 or mins != sorted(set(mins)):
        raise RulesError("levels.json: min_points must start at 0 and rise strictly")


def _check_badges(badges: list[dict]) -> None:
    _check_unique([b.get("id") for b in badges], "badges.json id")
    for badge in badges:
        missing = {"id", "name", "description", "icon", "metric", "target"} - set(badge)
        if missing or badge["metric"] not in METRICS:
            raise RulesError(
                f"badges.json {badge.get('id')!r}: needs {sorted(missing) or 'a known metric'}"
                f" (metrics: {sorted(METRICS)})"
            )


def _check_unique(ids: list, what: str) -> None:
    seen = [i for i in ids if ids.count(i) > 1]
    if seen:
        raise RulesError(f"duplicate {what}: {seen[0]!r}")
