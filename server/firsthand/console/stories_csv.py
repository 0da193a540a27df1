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
        "contributors",
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
    # Every row left out: no shares or clicks (blank, as the page says "—", not "0"), and who
    # it is for blank too when that is fewer than the minimum (the page says "< N").
    folded = figures.get("small_groups_hidden") and not figures.get("by_team", [None])
    few = folded and not figures["audience"]
    return ["" if few else figures[k] for k in ("audience", "connected")] + [
        "" if folded else figures[k] for k in ("shares", "own_voice", "clicks", "contributors")
    ]
