"""A cold review: in Spanish and Portuguese a refused share's label ("Publicación de LinkedIn
…029991") was cut with an ellipsis before the digits that tell two refused shares apart, and
nothing gave it whole. It now wraps, and its title gives the link."""

import pytest

from e2e.browser import connect, extension_page, fresh_post, popup, screenshot, send_together
from e2e.conftest import extension_context


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_a_refused_share_s_label_keeps_its_id_in_view(
    firsthand, playwright_instance, tmp_path, lang
):
    post = fresh_post(3)
    firsthand.add_user("bob@example.com", "Bob Builder")
    claimed = firsthand.api(
        "bob@example.com", "POST", "/shares", json={"url": post, "network": "linkedin"}
    )
    assert claimed.status_code == 201
    with extension_context(playwright_instance, tmp_path / "profile", lang=lang) as ctx:
        connect(ctx, firsthand.add_user("ann@example.com", "Ann Example"))
        share = {"url": post, "network": "linkedin", "source": "extension"}
        [reply] = send_together(extension_page(ctx), [{"type": "logShare", "share": share}])
        assert reply["ok"] is False and not reply.get("queued")  # refused: already Bob's
        page = popup(ctx)
        what = page.locator(".failed-list .what")
        what.wait_for()
        assert what.get_attribute("title") == post
        assert post.rstrip("/")[-6:] in what.inner_text()
        assert what.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "nothing cut"
        width = page.evaluate("document.documentElement.clientWidth")
        assert what.evaluate("e => e.getBoundingClientRect().right") <= width
        what.scroll_into_view_if_needed()
        screenshot(page, f"popup-failed-label-{lang}")


def test_a_refused_share_with_its_words_is_named_by_them(firsthand, context):
    """ "Not logged" named a post by its id though the share held its opening words, which
    Recent shares shows: the card's share was "LinkedIn post …029991" there."""
    post = fresh_post(4)
    firsthand.add_user("bob@example.com", "Bob Builder")
    claimed = firsthand.api(
        "bob@example.com", "POST", "/shares", json={"url": post, "network": "linkedin"}
    )
    assert claimed.status_code == 201
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    words = "I spent six months on the import screen and I was nervous all morning."
    share = {"url": post, "network": "linkedin", "source": "extension", "text": words}
    [reply] = send_together(extension_page(context), [{"type": "logShare", "share": share}])
    assert reply["ok"] is False and not reply.get("queued")
    page = popup(context)
    what = page.locator(".failed-list .what")
    what.wait_for()
    assert what.inner_text().startswith("“I spent six months on the import screen")
    assert what.get_attribute("title") == post
    retry = page.locator(".failed-list [data-action='retry']")
    assert retry.get_attribute("aria-label").startswith("Retry logging “I spent six months")
