"""The week and the month in progress are not shown as complete ones (a console hunt):
"Participation by week" ended with a week at 10% beside full weeks at 17–31% (on a Monday,
near 0%), the own-voice ratio and retention with a month barely begun. The page names weeks
as people read them ("week of 16 Nov 2026") and marks what is so far; each CSV keeps ISO
dates and says which figures are so far in a column of its own."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from test_analytics import office, table_rows  # noqa: F401 (a fixture)

from console_helpers import sign_in


def csv_of(client, name: str) -> list[list[str]]:
    answer = client.get(f"/console/analytics/{name}.csv")
    assert answer.status_code == 200
    return list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig"))))


def test_the_week_and_month_in_progress_say_so(client, app, office, clock):  # noqa: F811
    sign_in(client, app, office[0], clock)  # Wednesday 18 November 2026
    html = client.get("/console/analytics/").text

    weeks = table_rows(html, "participation")
    assert [row[0] for row in weeks[-2:]] == ["week of 9 Nov 2026", "week of 16 Nov 2026 (so far)"]
    assert html.count('data-in-progress="0"') == 3  # this week, this month, its cohort
    rows = csv_of(client, "participation")
    assert rows[0][0] == "week" and rows[0][-1] == "in progress"
    assert [(row[0], row[-1]) for row in rows[-2:]] == [("2026-11-09", ""), ("2026-11-16", "yes")]
    assert all(row[-1] == "" for row in rows[1:-1])

    months = table_rows(html, "own_voice")
    assert [row[0] for row in months[-2:]] == ["Oct 2026", "Nov 2026 (so far)"]
    rows = csv_of(client, "own_voice")
    assert [(row[0], row[-1]) for row in rows[-2:]] == [("2026-10", ""), ("2026-11", "yes")]

    # Retention: October's cohort (seven people) has its month 1 so far; November's cohort,
    # as a whole, is still growing.
    cohorts = table_rows(html, "retention")
    assert [row[0] for row in cohorts] == ["Oct 2026", "Nov 2026 (so far)"]
    assert cohorts[0][3].endswith(" so far") and not cohorts[0][2].endswith("so far")
    assert 'data-in-progress="3"' in html
    rows = csv_of(client, "retention")
    assert rows[0][-1] == "in progress"
    assert [(row[0], row[-1]) for row in rows[1:]] == [("2026-10", "month 1"), ("2026-11", "yes")]
    assert "not over" in html


def test_the_weeks_start_at_the_programs_first(client, app, make_user, clock):
    """A cold trial: a program begun that week listed eleven weeks of zeros before it."""
    today = clock()  # Wednesday 18 November 2026
    clock.set(today - timedelta(days=8))  # its first person, invited on 10 November
    admin = make_user("ada@example.com", role="admin", name="Ada Admin", team="Ops")[0]
    clock.set(today)
    for name in ("ann", "bob", "cy"):  # the minimum of people for the table to show
        make_user(f"{name}@example.com", team="Sales")
    sign_in(client, app, admin, clock)
    html = client.get("/console/analytics/").text
    weeks = [row[0] for row in table_rows(html, "participation")]
    assert weeks == ["week of 9 Nov 2026", "week of 16 Nov 2026 (so far)"]
    assert "The weeks start at the program&#39;s first" in html
    assert [row[0] for row in csv_of(client, "participation")[1:]] == ["2026-11-09", "2026-11-16"]
