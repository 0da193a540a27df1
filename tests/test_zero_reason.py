"""GET and POST /shares say why a share earned 0: a post from before the employee joined, one
older than the stale_post limit, or one past the day's daily_cap (a cold trial saw "+0" with
no reason)."""

from datetime import timedelta

from helpers import linkedin_url


def log(client, auth, url):
    return client.post("/api/v1/shares", json={"url": url, "network": "linkedin"}, headers=auth)


def reasons(client, auth) -> dict[str, object]:
    listed = client.get("/api/v1/shares?limit=50", headers=auth).get_json()["data"]
    return {s["canonical_url"]: s["zero_reason"] for s in listed}


def test_zero_reasons_name_the_rule_and_tell_before_joining_from_too_old(client, auth, clock):
    before = linkedin_url(1, clock() - timedelta(days=2))  # the user joined at the clock's start
    answer = log(client, auth, before).get_json()
    assert answer["points_awarded"] == 0
    assert answer["share"]["zero_reason"] == "before_joining"

    clock.advance(days=60)  # now a post 40 days old went out after joining: too old
    too_old = linkedin_url(2, clock() - timedelta(days=40))
    assert log(client, auth, too_old).get_json()["share"]["zero_reason"] == "too_old"

    counted = [linkedin_url(10 + n, clock()) for n in range(6)]  # the shipped daily_cap: 5
    answers = [log(client, auth, url).get_json() for url in counted]
    assert [a["share"]["zero_reason"] for a in answers] == [None] * 5 + ["daily_cap"]

    listed = reasons(client, auth)
    assert listed[before] == "before_joining"
    assert listed[too_old] == "too_old"
    assert [listed[u] for u in counted] == [None] * 5 + ["daily_cap"]
