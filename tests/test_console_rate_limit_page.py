"""The console's 429 page says in words when to try again (it showed the limiter's own
"10 per 1 minute" under "That did not work"), agreeing with its Retry-After header."""

import re
from html import unescape

from console_helpers import csrf_from


def test_too_many_sign_in_requests_say_when_to_try_again(app, client):
    app.config["SMTP_URL"] = "smtp://127.0.0.1:9"  # the page offers the form; nobody is sent
    token = csrf_from(client.get("/console/sign-in").text)
    fields = {"csrf_token": token, "email": "x@example.com"}
    answers = [client.post("/console/sign-in", data=fields) for _ in range(11)]
    assert [a.status_code for a in answers] == [200] * 10 + [429]
    page = answers[-1]
    text = re.sub(r"\s+", " ", unescape(page.text))
    assert "<title>Too many tries" in text and "<h1>Too many tries</h1>" in text
    assert "per 1 minute" not in text
    retry_after = int(page.headers["Retry-After"])
    assert 0 < retry_after <= 60
    said = re.search(r"Try again in (\d+) seconds?\.|Try again in (1) minute\.", text)
    assert said, text
    assert "tried too often from here in a short time" in text
    wait = int(said[1]) if said[1] else 60
    assert abs(wait - retry_after) <= 1


def test_the_wait_is_said_in_seconds_or_minutes(app, monkeypatch):
    import time
    from types import SimpleNamespace

    from flask_limiter import Limiter

    from firsthand.console.errors import error_page

    for left, said in [
        (1.5, "1 second"),
        (42.2, "42 seconds"),
        (61.5, "2 minutes"),
        (3000, "50 minutes"),
    ]:
        met = SimpleNamespace(reset_at=time.time() + left)
        monkeypatch.setattr(Limiter, "current_limit", property(lambda self, met=met: met))
        with app.test_request_context("/console/sign-in", method="POST"):
            html, status, _ = error_page(429, "10 per 1 minute")
        assert status == 429 and f"Try again in {said}." in html, (left, said)
