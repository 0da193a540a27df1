"""Points rules, levels and the badge catalogue, loaded from admin-editable data files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .catalogue_words import reader_language, translated
from .datafiles import Problem, checks, load


@dataclass(frozen=True)
class Rule:
    id: str
    points: int
    description: str = ""
    label: str = ""  # what the employee sees beside the points: the description is for admins
    translations: dict = field(default_factory=dict)
    when: dict = field(default_factory=dict)
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
        # A total below the first level's floor is the first level. Rules' points are never
        # negative now, but a rules file from before that said so could leave a total below 0,
        # and max() of no level raised: /me, logging and deleting answered 500.
        reached = (i for i, lvl in enumerate(self.levels) if points >= lvl["min_points"])
        number = max(reached, default=0)
        following = self.levels[number + 1] if number + 1 < len(self.levels) else None
        return {
            "number": number + 1,
            "name": translated(self.levels[number], "name", reader_language()),
            "min_points": self.levels[number]["min_points"],
            "points_to_next": following["min_points"] - points if following else None,
        }

    def labelled(self, breakdown: list[tuple[str, int]]) -> list[dict]:
        """The breakdown as the API gives it: each rule's label, in the reader's language, where
        the rules file gives one (the server's own entries, daily_cap and the like, have none)."""
        language = reader_language()
        labels = {r.id: translated(vars(r), "label", language) for r in self.rules if r.label}
        return [
            {"rule": rule_id, "points": points}
            | ({"label": labels[rule_id]} if rule_id in labels else {})
            for rule_id, points in breakdown
        ]

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
    """Read points_rules.json, levels.json and badges.json, checked by their schemas.

    Raises DataFileError naming the file, the JSON path and what is wrong.
    """
    points = load(data_dir, "points_rules.json")
    levels = load(data_dir, "levels.json")["levels"]
    badges = load(data_dir, "badges.json")["badges"]
    settings = {
        "stale_post_days": points.get("stale_post", {}).get("max_age_days"),
        "kudos_points": points.get("kudos", {}).get("points"),
        "kudos_per_giver_per_week": points.get("kudos", {}).get("per_giver_per_week"),
    }
    return RuleBook(
        points["daily_cap"],
        tuple(Rule(**entry) for entry in points["rules"]),
        tuple(levels),
        tuple(badges),
        # The dataclass holds the defaults, for settings a file leaves out.
        **{name: value for name, value in settings.items() if value is not None},
    )


# What the schemas cannot say; datafiles runs these whenever a file passes its schema.


@checks("points_rules.json")
def _unique_rules(points: dict) -> list[Problem]:
    return _duplicates("points_rules.json", "$.rules", [r["id"] for r in points["rules"]])


@checks("badges.json")
def _unique_badges(catalogue: dict) -> list[Problem]:
    return _duplicates("badges.json", "$.badges", [b["id"] for b in catalogue["badges"]])


@checks("levels.json")
def _rising_levels(table: dict) -> list[Problem]:
    mins = [level["min_points"] for level in table["levels"]]
    if mins == sorted(set(mins)):
        return []
    return [
        Problem(
            "levels.json", "$.levels", "min_points must rise strictly from one level to the next"
        )
    ]


def _duplicates(name: str, path: str, ids: list[str]) -> list[Problem]:
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    return [Problem(name, path, f"the id {i!r} is used more than once") for i in repeated]
