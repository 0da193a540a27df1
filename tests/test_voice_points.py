"""The voice bonus and the storyteller and original badges, from the server's own analysis."""

from firsthand import clones, sharing
from firsthand.db import database
from firsthand.models import Share, ShareSketch
from helpers import linkedin_url, x_url

PERSONAL = (
    "I finally shipped the feature I have been fighting with since spring, number {n}. "
    "Honestly I was nervous all morning. Thank you, Lea, for the patient reviews."
)
# Posts of one's own, each in its own words (the same words again are a repeat, worth nothing).
PERSONAL_POSTS = [
    "I finally shipped the feature I have been fighting with since spring. Honestly I was "
    "nervous all morning. Thank you, Lea, for the patient reviews.",
    "My first week leading the night crew is done and I learned more from them than I taught. "
    "Thank you, Priya, for covering my Tuesday shift.",
    "I ran my first half marathon on Sunday. My legs are gone, but I have never been so proud "
    "of a medal made of tin.",
    "Twelve years ago I walked in as a trainee; today I taught my first class of trainees and "
    "I could not stop smiling.",
    "I gave my first talk at a meetup last night. My hands shook, and the questions afterwards "
    "were the best part of my year.",
    "I mentored two interns this summer and both just accepted offers. I cried a little in the "
    "car park, I admit it.",
    "I spent the weekend fixing our flaky deploys and I finally understand why they failed. "
    "Writing it up for the team now.",
    "I passed my electrician's exam on the second attempt. Thank you, Marco, for the evenings "
    "of practice wiring in your garage.",
    "I moved to Lisbon in January knowing nobody. Today my neighbours threw me a birthday "
    "lunch and I felt at home.",
    "I finished my first quilt for my niece, stitch by stitch over six months of evenings, and "
    "she wore it as a cape all day.",
]
CORPORATE = (
    "We are thrilled to announce Orbit {n}.0, our most powerful release yet. Start your "
    "free trial today: https://example.com/orbit #Launch #SaaS #Analytics"
)


def log(client, headers, n, text=None, **extra):
    body = {"url": linkedin_url(n), "network": "linkedin", **extra}
    if text is not None:
        body["text"] = text
    response = client.post("/api/v1/shares", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def rules(body):
    return {e["rule"]: e["points"] for e in body["points_breakdown"]}


def test_own_voice_earns_the_bonus(client, auth):
    body = log(client, auth, 1, PERSONAL.format(n=1))
    assert rules(body) == {"share_logged": 10, "first_share": 20, "own_voice": 15}
    assert body["share"]["voice"] == "personal"


def test_corporate_copy_and_textless_shares_earn_no_bonus(client, auth):
    assert "own_voice" not in rules(log(client, auth, 1, CORPORATE.format(n=1)))
    textless = log(client, auth, 2)
    assert "own_voice" not in rules(textless) and textless["share"]["voice"] is None


def test_a_post_in_a_language_the_server_cannot_read_earns_no_voice_bonus(client, auth):
    # A cold check: a job ad in Hungarian was read with English rules: "personal", +15.
    ad = (
        "Szukamy doświadczonego elektryka do naszego zespołu w Krakowie! Oferujemy umowę o "
        "pracę, samochód służbowy, elastyczne godziny i przyjazną atmosferę. Wyślij nam swoje "
        "CV jeszcze dziś, a odezwiemy się w ciągu tygodnia. Zapraszamy do współpracy!"
    )
    body = log(client, auth, 1, ad)
    assert "own_voice" not in rules(body) and body["share"]["voice"] is None
    assert "own_voice" in rules(log(client, auth, 2, PERSONAL.format(n=2)))


def test_client_cannot_claim_the_bonus(client, auth):
    response = client.post(
        "/api/v1/shares",
        headers=auth,
        json={
            "url": linkedin_url(1),
            "network": "linkedin",
            "text": CORPORATE.format(n=1),
            "voice": "personal",
        },
    )
    assert response.status_code == 422
    body = log(client, auth, 2, CORPORATE.format(n=2), source="extension")
    assert "own_voice" not in rules(body)


def test_storyteller_badge_after_five_personal_shares(client, auth, clock):
    earned = []
    for n in range(5):
        earned += [b["id"] for b in log(client, auth, n, PERSONAL_POSTS[n])["new_badges"]]
        clock.advance(hours=7)
    assert "storyteller" in earned
    progress = client.get("/api/v1/me/badges", headers=auth).get_json()
    original = next(b for b in progress["in_progress"] if b["id"] == "original")
    assert original["progress"] == {"current": 5, "target": 10}


def test_clones_do_not_count_towards_original(app, client, auth, make_user, clock):
    _, colleague = make_user()
    announcement = CORPORATE.format(n=9) + " Partners across Europe get it first."
    log(client, colleague, 100, announcement)
    for n in range(10):
        log(client, auth, n, PERSONAL_POSTS[n])
        clock.advance(hours=7)
    copied = log(client, auth, 50, announcement)
    assert "original" not in [b["id"] for b in copied["new_badges"]]
    with app.app_context(), database.connection_context():
        assert Share.get(Share.id == copied["share"]["id"]).is_clone is True
    badges = client.get("/api/v1/me/badges", headers=auth).get_json()
    assert "original" in {b["id"] for b in badges["earned"]}


def test_a_post_pasted_whole_with_its_link_and_hashtags_is_a_copy(app, client, auth, make_user):
    # A cold check: a colleague's post was sketched with its tracking link and ten hashtags, a
    # draft without them, so the same words pasted held 0.56 of the hashes: "not a copy".
    _, colleague = make_user()
    post = (
        "Big news from the Quillstack team: version 5 is out today, with offline mode, a new "
        "editor and reports twice as fast. https://quillstack.example/v5?utm_source=linkedin"
        "&utm_medium=social&utm_campaign=launch #launch #product #saas #offline #editor "
        "#reports #speed #team #news #quillstack"
    )
    log(client, colleague, 100, post)
    draft = client.post("/api/v1/suggestions", json={"text": post}, headers=auth).get_json()
    assert draft["clone"]["is_clone"] is True and draft["clone"]["similarity"] == 1.0
    copied = log(client, auth, 1, post)
    with app.app_context(), database.connection_context():
        assert Share.get(Share.id == copied["share"]["id"]).is_clone is True


def test_the_shares_text_is_read_before_the_write_lock_not_under_it(app, client, auth, monkeypatch):
    # Under the lock every other writer waits: the copy sketch is made before it is taken.
    made_in_transaction = []
    plain = clones.share_sketch

    def watched(text):
        made_in_transaction.append(database.in_transaction())
        return plain(text)

    monkeypatch.setattr(sharing, "share_sketch", watched)
    log(client, auth, 1, PERSONAL.format(n=1))
    assert made_in_transaction == [False]
    with app.app_context():
        assert Share.select().count() == 1
        assert ShareSketch.select().count() == len(plain(PERSONAL.format(n=1))) > 0


def test_a_copy_of_a_colleagues_personal_post_is_not_the_copiers_own_voice(
    app, client, auth, make_user, clock
):
    # A hunt found a colleague's personal post pasted whole (or with its spaces disguised)
    # earned own_voice +15 and counted as personal: is_clone true, voice "personal".
    _, colleague = make_user()
    post = (
        "Yesterday I finally shipped the billing migration after three months, and what I "
        "will remember is how Priya stayed late with me to debug the last edge case."
    )
    assert "own_voice" in rules(log(client, colleague, 100, post))
    # The disguised copy on X: on LinkedIn again it would be a repeat of one's own copy.
    for n, text in enumerate((post, post.replace(" ", "\u2002"))):
        where = {"url": x_url(n), "network": "x"} if n else {}
        copied = log(client, auth, n, text, **where)
        assert "own_voice" not in rules(copied)
        with app.app_context(), database.connection_context():
            assert Share.get(Share.id == copied["share"]["id"]).is_clone is True
        clock.advance(hours=7)
    for n in range(2, 5):
        log(client, auth, n, PERSONAL_POSTS[n])
        clock.advance(hours=7)
    badges = client.get("/api/v1/me/badges", headers=auth).get_json()
    storyteller = next(b for b in badges["in_progress"] if b["id"] == "storyteller")
    assert storyteller["progress"] == {"current": 3, "target": 5}
    board = client.get("/api/v1/leaderboard?period=all", headers=auth).get_json()
    assert board["you"]["personal_share_ratio"] == 0.6  # 3 of 5
    # Deleting a copy takes out no personal share it never counted.
    client.delete(f"/api/v1/shares/{copied['share']['id']}", headers=auth)
    badges = client.get("/api/v1/me/badges", headers=auth).get_json()
    storyteller = next(b for b in badges["in_progress"] if b["id"] == "storyteller")
    assert storyteller["progress"] == {"current": 3, "target": 5}
    board = client.get("/api/v1/leaderboard?period=all", headers=auth).get_json()
    assert board["you"]["personal_share_ratio"] == 0.75
