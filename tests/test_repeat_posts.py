"""The same words logged again by the same person on the same network, under another link, earn
nothing and count towards nothing (rule repeat_post): a loop over made-up links earned full
points, own voice included, up to the daily cap, every day. The same words on another network
(a post cross-posted to X) are a share of their own."""

from firsthand.db import database
from firsthand.models import PointsEntry
from helpers import counters_match_ledger, linkedin_url, x_url

POST = (
    "Yesterday I finally shipped the billing migration after three months, and what I will "
    "remember is how Priya stayed late with me to debug the last edge case."
)


def log(client, auth, url: str, network: str, text: str = POST) -> dict:
    answer = client.post(
        "/api/v1/shares", json={"url": url, "network": network, "text": text}, headers=auth
    )
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def test_the_same_words_under_another_made_up_link_earn_nothing(app, client, auth):
    first = log(client, auth, "https://example.com/posts/billing-1", "other")
    assert first["points_awarded"] == 45
    again = log(client, auth, "https://example.org/p/billing-2", "other", POST.upper() + " 🎉")
    assert again["points_awarded"] == 0
    assert again["points_breakdown"] == [{"rule": "repeat_post", "points": 0}]
    assert again["share"]["zero_reason"] == "repeat"
    assert again["new_badges"] == []
    me = client.get("/api/v1/me", headers=auth).get_json()
    assert me["points"] == 45 and me["shares"] == 1  # listed, but counted nowhere
    listed = client.get("/api/v1/shares", headers=auth).get_json()["data"]
    assert [s["zero_reason"] for s in listed] == ["repeat", None]
    with app.app_context(), database.connection_context():
        counters_match_ledger()


def test_the_same_words_on_another_network_are_a_share_of_their_own(client, auth):
    log(client, auth, linkedin_url(1), "linkedin")
    cross_posted = log(client, auth, x_url(1), "x")
    assert cross_posted["points_awarded"] == 25  # share_logged + own_voice
    assert cross_posted["share"]["zero_reason"] is None


def test_other_words_and_deleted_or_old_shares_are_no_repeat(client, auth, clock):
    first = log(client, auth, linkedin_url(1), "linkedin")
    other = log(client, auth, linkedin_url(2), "linkedin", "Our team crossed 10,000 customers.")
    assert other["points_awarded"] > 0
    # A share deleted (logged by mistake) leaves its words free.
    assert client.delete(f"/api/v1/shares/{first['share']['id']}", headers=auth).status_code == 200
    assert log(client, auth, linkedin_url(3), "linkedin")["points_awarded"] > 0
    # Past the 30 days, the words may be posted again.
    clock.advance(days=31)
    url = linkedin_url(4, clock())
    assert log(client, auth, url, "linkedin")["share"]["zero_reason"] is None


def test_a_rescore_keeps_a_repeat_at_nothing(app, client, auth, runner):
    log(client, auth, "https://example.com/posts/billing-1", "other")
    log(client, auth, "https://example.org/p/billing-2", "other")
    done = runner.invoke(args=["rescore"])
    assert done.exit_code == 0, done.output
    assert "Changed 0 of" in done.output
    with app.app_context(), database.connection_context():
        assert PointsEntry.select().where(PointsEntry.rule == "repeat_post").count() == 1


def test_a_repeat_is_no_clone_of_a_colleague(client, make_user):
    # The colleague's copy check and the repeat check are apart: a colleague logging the same
    # words is a copy (re-share points), not a repeat.
    _, ann = make_user("ann@example.com")
    _, bob = make_user("bob@example.com")
    log(client, ann, linkedin_url(1), "linkedin")
    copy = log(client, bob, linkedin_url(2), "linkedin")
    assert copy["share"]["zero_reason"] is None and copy["points_awarded"] == 30
    assert [e["rule"] for e in copy["points_breakdown"]] == ["share_logged", "first_share"]


FOOTER = (
    "\n\nAbout me: I help mid-sized manufacturers find engineers who stay. If your plant in the "
    "Midlands is hiring maintenance technicians or controls engineers, send me a message and "
    "we can talk about what good looks like for your team this year."
)


def test_a_new_post_with_the_same_standard_footer_is_no_repeat(client, auth):
    log(client, auth, linkedin_url(1), "linkedin", POST + FOOTER)
    new_post = (
        "Placed my first apprentice today: Jamie starts at the Coventry plant on Monday after "
        "two years of evening classes. Nothing beats that phone call."
    )
    second = log(client, auth, linkedin_url(2), "linkedin", new_post + FOOTER)
    assert second["share"]["zero_reason"] is None and second["points_awarded"] > 0
