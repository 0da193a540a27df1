"""The console's stories list as a CSV: a row per story (all its people) and one per team."""

from __future__ import annotations

from flask import Response

from ..clock import iso
from .csv_export import csv_response


def stories_csv(rows: list[dict]) -> Response:
    header = [
        "id",
        "title",
        "state",
        "starts_at",
        "team",
        "audience",
        "connected",
        "shares",
        "own_voice",
        "clicks",
    ]
    lines = []
    for row in rows:
        story, figures = row["story"], row["figures"]
        base = [story.id, story.title, row["state"], iso(story.starts_at)]  # as the API writes it
        lines.append(base + ["(all)", *_figures(figures)])
        for team in figures["by_team"]:
            lines.append(base + [team["team"] or "(no team)", *_figures(team)])
    return csv_response("stories.csv", header, lines)


def _figures(figures: dict) -> list:
    # All its people in a group under the minimum: blank, as the page says "< N", not "0".
    folded = figures.get("small_groups_hidden") and not figures.get("by_team", [None])
    return [
        "" if folded else figures[k]
        for k in ("audience", "connected", "shares", "own_voice", "clicks")
    ]
