"""Helpers shared by the test modules."""

import re
from datetime import UTC, datetime, timedelta

from peewee import fn

from firsthand.models import PeriodStats, PointsEntry, Share, UserStats


class Clock:
    """A controllable clock: tests move time instead of waiting for it."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self.moment = moment


CLOCK_START = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)  # a Wednesday

# How often a loopback server the tests start checks whether it was asked to stop
# (serve_forever's poll_interval, 0.5 s by default): shutdown() waits for that check, so the
# default cost every test with a live server up to half a second at its end. Requests are
# served as they come either way.
SERVER_POLL_SECONDS = 0.02


def form_field(html: str, name: str) -> str:
    """The value of a page's hidden input `name` (the connect page's invite and CSRF token)."""
    return re.search(rf'name="{name}" value="([^"]*)"', html)[1]


def connect_by_hand(client, link_path: str):
    """Open a connect link and press "Connect this browser" (a Flask client or requests
    Session: either keeps the page's cookies); answers the page the POST's 303 leads to,
    which carries the token."""
    page = client.get(link_path)
    fields = {name: form_field(page.text, name) for name in ("invite", "csrf_token")}
    if hasattr(client, "mount"):  # requests: an absolute URL; it follows the 303 itself
        return client.post(link_path.split("/connect")[0] + "/connect", data=fields, timeout=5)
    return client.post("/connect", data=fields, follow_redirects=True)


def activity_id(n: int, at: datetime = CLOCK_START) -> int:
    """A LinkedIn activity id minted at `at` (its top bits are a millisecond timestamp)."""
    return (int(at.timestamp() * 1000) << 22) + n


def linkedin_url(n: int, at: datetime = CLOCK_START) -> str:
    """A LinkedIn post URL with a distinct activity id, posted at `at`."""
    return f"https://www.linkedin.com/feed/update/urn:li:activity:{activity_id(n, at)}/"


X_EPOCH_MS = 1288834974657  # X's snowflake ids count milliseconds from here


def x_status_id(n: int, at: datetime = CLOCK_START) -> int:
    """An X post id minted at `at` (a snowflake: milliseconds since X's epoch, shifted 22)."""
    return ((int(at.timestamp() * 1000) - X_EPOCH_MS) << 22) + n


def x_url(n: int, at: datetime = CLOCK_START) -> str:
    """An X post URL with a distinct status id, posted at `at`."""
    return f"https://x.com/jane/status/{x_status_id(n, at)}"


def counters_match_ledger() -> None:
    """Every user's counters and all-time period total equal their ledger."""
    for stats in UserStats.select():
        ledger = (
            PointsEntry.select(fn.COALESCE(fn.SUM(PointsEntry.points), 0))
            .where(PointsEntry.user == stats.user_id)
            .scalar()
        )
        total = PeriodStats.get_or_none(
            PeriodStats.user == stats.user_id, PeriodStats.period == "all"
        )
        assert stats.points == ledger == (total.points if total else 0), stats.user_id
        live = Share.select().where(Share.user == stats.user_id, Share.deleted_at.is_null())
        assert stats.listed_shares == live.count()
        stale = PointsEntry.select(PointsEntry.share).where(PointsEntry.rule == "stale_post")
        counted = live.where(Share.id.not_in(stale))
        assert stats.shares == counted.count()
        networks = {}
        for share in counted:
            networks[share.network] = networks.get(share.network, 0) + 1
        assert stats.network_counts == ",".join(f"{n}:{c}" for n, c in sorted(networks.items()))
        assert stats.networks == ",".join(sorted(networks))


def period_totals_match_recomputation() -> None:
    """Every period total (points, shares, own-voice shares, team, visibility) equals what
    the ledger and the live shares say, recomputed from scratch; and no total is left for
    someone whose data is gone."""
    from collections import defaultdict

    from firsthand.ledger import PERIODS, period_key
    from firsthand.models import User

    expected = defaultdict(lambda: [0, 0, 0])
    for entry in PointsEntry.select():
        for period in PERIODS:
            expected[(entry.user_id, period_key(period, entry.effective_at))][0] += entry.points
    stale = {e.share_id for e in PointsEntry.select().where(PointsEntry.rule == "stale_post")}
    for share in Share.select().where(Share.deleted_at.is_null()):
        if share.id in stale:
            continue
        for period in PERIODS:
            key = (share.user_id, period_key(period, share.logged_at))
            expected[key][1] += 1
            expected[key][2] += share.voice == "personal"
    users = {u.id: u for u in User.select()}
    actual = {}
    for row in PeriodStats.select():
        actual[(row.user_id, row.period)] = [row.points, row.shares, row.personal_shares]
        user = users[row.user_id]
        assert row.team_id == user.team_id, (row.user_id, row.period, "team")
        assert row.hidden == user.hidden_from_boards, (row.user_id, row.period, "hidden")
        assert user.erased_at is None, f"period totals left for deleted person {user.id}"
    wanted = {key: value for key, value in expected.items() if any(value)}
    present = {key: value for key, value in actual.items() if any(value)}
    assert present == wanted
    histogram_matches_period_totals()


def histogram_matches_period_totals() -> None:
    """The rank histogram equals a recount of the visible period totals, company and team."""
    from collections import Counter

    from firsthand.models import COMPANY, RankHistogram

    expected = Counter()
    for row in PeriodStats.select().where(PeriodStats.hidden == False):  # noqa: E712
        expected[(row.period, COMPANY, row.points)] += 1
        if row.team_id is not None:
            expected[(row.period, row.team_id, row.points)] += 1
    actual = Counter()
    for bucket in RankHistogram.select():
        assert bucket.people >= 0, (bucket.period, bucket.team_key, bucket.points)
        if bucket.people:
            actual[(bucket.period, bucket.team_key, bucket.points)] = bucket.people
    assert actual == expected


# A story with a link, as an admin posts it to everyone (copy it before changing it).
ATLAS_STORY = {
    "title": "Atlas is live",
    "context": "Today we launched Atlas, our planning tool for field sales teams.",
    "link": "https://acme.example/atlas",
    "questions": ["What did you build?", "Who made it happen?"],
    "everyone": True,
}


def apply_clicks(app) -> None:
    """Counted clicks reach the database from the click journals within about 50 ms
    (stories_click_journal): have them there now, before a test reads them."""
    from firsthand.stories_clicks import apply_pending_clicks

    with app.app_context():
        apply_pending_clicks()


def bystanders(make_user, client, team: str | None, count: int = 3) -> list:
    """`count` people of `team` with the extension connected (a browser used their token) who
    tell nothing: a story's group where everyone who could tell it did is not shown
    (stories_figures.untold), so tests of what a shown group counts add them."""
    tag = re.sub(r"[^a-z0-9]+", "-", str(team).lower())
    made = [make_user(f"bystander{k}.{tag}@example.com", team=team) for k in range(count)]
    for _, headers in made:
        assert client.get("/api/v1/me", headers=headers).status_code == 200
    return made
