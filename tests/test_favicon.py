"""/favicon.ico is the project's icon (the extension's drawing), cached by browsers."""

from io import BytesIO

from PIL import Image


def test_the_favicon_is_the_projects_icon_with_a_cache_header(client):
    with client.get("/favicon.ico") as answer:
        assert answer.status_code == 200
        assert answer.mimetype == "image/vnd.microsoft.icon"
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        cache = answer.cache_control
        assert cache.public and cache.max_age == 7 * 24 * 3600
        icon = Image.open(BytesIO(answer.data))
    assert icon.format == "ICO" and icon.info["sizes"] == {(16, 16), (32, 32), (48, 48)}
    icon.size = (48, 48)
    assert icon.convert("RGBA").getpixel((24, 6))[3] == 255  # the disc, not a blank


def test_the_favicon_revalidates_and_answers_head(client):
    with client.get("/favicon.ico") as first:
        etag, length = first.headers["ETag"], len(first.data)
    with client.get("/favicon.ico", headers={"If-None-Match": etag}) as again:
        assert again.status_code == 304 and again.data == b""
    with client.head("/favicon.ico") as head:
        assert head.status_code == 200 and head.data == b""
        assert head.headers["Content-Length"] == str(length)
