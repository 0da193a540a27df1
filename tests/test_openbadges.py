"""Every earned badge is an Open Badges 2.0 hosted assertion, with a page for people."""

import hashlib
import io
from urllib.parse import parse_qs, urlsplit

from PIL import Image

from helpers import linkedin_url

JSON_LD = {"Accept": "application/ld+json"}


def earn_first_share(client, headers):
    client.post(
        "/api/v1/shares", headers=headers, json={"url": linkedin_url(1), "network": "linkedin"}
    )
    earned = client.get("/api/v1/me/badges", headers=headers).get_json()["earned"]
    assert [b["id"] for b in earned] == ["first-share"]
    return earned[0]


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_assertion_is_valid_open_badges_2(client, auth):
    badge = earn_first_share(client, auth)
    response = client.get(path_of(badge["assertion_url"]), headers=JSON_LD)
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    document = response.get_json()
    assert {"@context", "id", "type", "recipient", "badge", "verification", "issuedOn"} <= set(
        document
    )
    assert document["type"] == "Assertion" and document["id"] == badge["assertion_url"]
    assert document["verification"] == {"type": "hosted"}
    recipient = document["recipient"]
    expected = hashlib.sha256(("ann@example.com" + recipient["salt"]).encode()).hexdigest()
    assert recipient == {
        "type": "email",
        "hashed": True,
        "salt": recipient["salt"],
        "identity": f"sha256${expected}",
    }
    assert "ann@example.com" not in response.get_data(as_text=True)

    klass = client.get(path_of(document["badge"]), headers=JSON_LD).get_json()
    assert {"id", "type", "name", "description", "image", "criteria", "issuer"} <= set(klass)
    assert klass["type"] == "BadgeClass" and klass["name"] == "First Share"
    issuer = client.get(path_of(klass["issuer"]), headers=JSON_LD).get_json()
    assert {"id", "type", "name", "url", "email"} <= set(issuer) and issuer["type"] == "Issuer"
    image = client.get(path_of(klass["image"]))
    assert image.status_code == 200 and image.mimetype == "image/svg+xml"
    assert "First Share" in image.get_data(as_text=True)


def test_browsers_get_a_page_with_open_graph_tags(client, make_user):
    _, headers = make_user("zoe@example.com", name="Zoë <script>x</script>")
    badge = earn_first_share(client, headers)
    page = client.get(
        path_of(badge["assertion_url"]),
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert (
        '<meta property="og:title" content="Zoë &lt;script&gt;x&lt;/script&gt; earned First Share">'
        in html
    )
    og_image = html.split('<meta property="og:image" content="', 1)[1].split('"', 1)[0]
    assert path_of(og_image) == "/badges/images/first-share.png"  # a PNG: previews skip SVG
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert "<script>x</script>" not in html
    as_json = client.get(
        path_of(badge["assertion_url"]) + "?format=json", headers={"Accept": "text/html"}
    )
    assert as_json.mimetype == "application/ld+json"


def test_link_previews_get_a_png_share_card(client, monkeypatch):
    from firsthand import badge_card

    card = client.get("/badges/images/first-share.png")
    assert card.status_code == 200 and card.mimetype == "image/png"
    image = Image.open(io.BytesIO(card.data))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert len(image.convert("RGB").resize((60, 30)).getcolors(5000)) > 20  # drawn, not blank
    # A server without a colour emoji font still draws a card (the badge's initial).
    monkeypatch.setattr(badge_card, "EMOJI_FONTS", ("/nonexistent/emoji.ttf",))
    badge_card.badge_card_png.cache_clear()
    plain = client.get("/badges/images/regular.png")
    assert plain.status_code == 200 and Image.open(io.BytesIO(plain.data)).size == (1200, 630)
    assert client.get("/badges/images/nope.png").status_code == 404


def test_linkedin_add_link_points_at_the_assertion(client, auth):
    badge = earn_first_share(client, auth)
    link = urlsplit(badge["add_to_linkedin_url"])
    assert (link.netloc, link.path) == ("www.linkedin.com", "/profile/add")
    query = parse_qs(link.query)
    assert query["startTask"] == ["CERTIFICATION_NAME"] and query["name"] == ["First Share"]
    assert query["certUrl"] == [badge["assertion_url"]]
    assert query["issueYear"] == ["2026"] and query["issueMonth"] == ["11"]


def test_revoked_assertion_answers_410(client, auth, runner):
    badge = earn_first_share(client, auth)
    uid = badge["assertion_url"].rsplit("/", 1)[1]
    result = runner.invoke(args=["revoke-badge", uid, "--reason", "Logged someone else's post"])
    assert result.exit_code == 0, result.output
    gone = client.get(path_of(badge["assertion_url"]), headers=JSON_LD)
    assert gone.status_code == 410
    assert gone.get_json()["revoked"] is True
    assert gone.get_json()["revocationReason"] == "Logged someone else's post"
    page = client.get(path_of(badge["assertion_url"]), headers={"Accept": "text/html"})
    assert page.status_code == 410 and "was revoked" in page.get_data(as_text=True)
    assert client.get("/api/v1/me/badges", headers=auth).get_json()["earned"] == []


def test_unknown_assertions_and_classes_are_404(client, runner):
    assert client.get("/badges/assertions/nope", headers=JSON_LD).status_code == 404
    assert client.get("/badges/classes/nope", headers=JSON_LD).status_code == 404
    assert runner.invoke(args=["revoke-badge", "nope", "--reason", "x"]).exit_code == 1


def test_badge_as_open_badges_3_vc_jwt_verifies_with_the_published_key(client, auth, runner):
    import jwt as pyjwt

    badge = earn_first_share(client, auth)
    answer = client.get(path_of(badge["assertion_url"]) + "/credential.jwt")
    assert answer.status_code == 200 and answer.mimetype == "application/vc+jwt"
    token = answer.get_data(as_text=True)
    header = pyjwt.get_unverified_header(token)
    assert header["alg"] == "RS256" and header["typ"] == "JWT"
    jwk = client.get(path_of(header["kid"])).get_json()
    key = pyjwt.algorithms.RSAAlgorithm.from_jwk(jwk)
    claims = pyjwt.decode(token, key, algorithms=["RS256"])
    vc = claims["vc"]
    assert {"@context", "id", "type", "credentialSubject", "issuer", "validFrom"} <= set(vc)
    assert {"VerifiableCredential", "OpenBadgeCredential"} <= set(vc["type"])
    assert claims["iss"] == vc["issuer"]["id"] and claims["jti"] == vc["id"]
    assert vc["issuer"]["type"] == ["Profile"]
    subject = vc["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["identifier"][0]["identityHash"].startswith("sha256$")
    achievement = subject["achievement"]
    assert {"id", "type", "name", "description", "criteria"} <= set(achievement)
    assert achievement["name"] == "First Share"
    # The credential's id (the JWT's jti) resolves: the same document for a verifier, the
    # badge's page for a person (it answered 404).
    resolved = client.get(path_of(vc["id"]), headers=JSON_LD)
    assert resolved.status_code == 200 and resolved.get_json() == vc
    person = client.get(path_of(vc["id"]), headers={"Accept": "text/html"})
    assert person.status_code == 303 and person.headers["Location"] == badge["assertion_url"]
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    try:
        pyjwt.decode(tampered, key, algorithms=["RS256"])
    except pyjwt.InvalidSignatureError:
        pass
    else:
        raise AssertionError("a tampered credential must not verify")
    uid = badge["assertion_url"].rsplit("/", 1)[1]
    runner.invoke(args=["revoke-badge", uid, "--reason", "test"])
    revoked = client.get(path_of(badge["assertion_url"]) + "/credential.jwt")
    assert revoked.status_code == 410 and revoked.headers["Access-Control-Allow-Origin"] == "*"
    assert client.get(path_of(vc["id"]), headers=JSON_LD).get_json() == revoked.get_json()
    assert revoked.get_json()["error"] == {
        "code": "badge_revoked",
        "message": "This badge was revoked on 2026-11-18 (test): it is no longer a valid "
        "credential, so none is issued.",
        "details": {"revoked_at": "2026-11-18T09:00:00Z", "reason": "test"},
    }


def test_signing_key_is_created_once_and_private(app, client, auth):
    import stat
    from pathlib import Path

    badge = earn_first_share(client, auth)
    first = client.get(path_of(badge["assertion_url"]) + "/credential.jwt")
    key_file = Path(app.config["OB3_KEY_FILE"])
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    app.extensions.pop("firsthand.ob3_key")  # as a restarted worker would
    again = client.get(path_of(badge["assertion_url"]) + "/credential.jwt")
    import jwt as pyjwt

    assert (
        pyjwt.get_unverified_header(first.get_data(as_text=True))["kid"]
        == (pyjwt.get_unverified_header(again.get_data(as_text=True))["kid"])
    )
