"""What a new admin met first in the console, through Flask's test client: the connect link
after an invite whole and with a Copy button, Stories' figure definitions with the figures
(not above "No stories yet"), and an earned media value not set said to be not set."""

from __future__ import annotations

import re
from html import unescape

import pytest
from test_console_stories import create

from console_helpers import post_form, sign_in


@pytest.fixture
def ada(make_user):
    return make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")


def test_the_invite_shows_the_whole_link_with_a_copy_button(app, client, clock, ada):
    sign_in(client, app, ada[0], clock)
    page = post_form(
        client,
        "/console/people/invite",
        "/console/people/invite",
        {"email": "zoe@example.com", "name": "Zoe", "role": "employee"},
    )
    assert page.status_code == 200, page.text[:300]
    # All of it in a field that wraps (an <input> showed its first 40 characters).
    field = re.search(r'<code id="link"[^>]*>([^<]+)</code>', page.text)
    assert field and unescape(field[1]).startswith("http://") and "/connect?invite=" in field[1]
    assert 'aria-readonly="true"' in field[0] and 'class="copy-source"' in field[0]
    assert 'aria-labelledby="link-label"' in field[0] and 'id="link-label"' in page.text
    # The button is the script's to show: without JavaScript it could not copy.
    button = r'<button type="button"[^>]*data-copy="link" hidden>Copy link</button>'
    assert re.search(button, page.text)
    assert 'data-copy-status="link" role="status"' in page.text
    assert page.text.count("/static/copy-field.js") == 1
    assert "<title>Connect link for Zoe · Firsthand</title>" in page.text  # no tag in the title
    script = client.get("/static/copy-field.js")
    assert script.status_code == 200
    script.close()


def test_stories_define_their_figures_only_with_the_figures(app, client, clock, ada):
    sign_in(client, app, ada[0], clock)
    empty = client.get("/console/stories/").text
    assert "No stories yet" in empty
    assert "What these figures mean" not in empty and "link-preview bots" not in empty
    create(client, action="draft")
    listed = client.get("/console/stories/").text
    details = re.search(r"<details class=\"definitions\">(.*?)</details>", listed, re.S)
    assert details and "<summary>What these figures mean</summary>" in details[1]
    assert "link-preview bots" in details[1] and "<em>own voice</em>" in details[1]
    # After the table it explains, not before it.
    assert listed.index("</table>") < listed.index("What these figures mean")


def test_an_earned_media_value_not_set_says_so_and_how_to_set_it(app, client, clock, ada):
    sign_in(client, app, ada[0], clock)
    html = client.get("/console/analytics/").text
    section = re.search(r'<section aria-labelledby="emv-h".*?</section>', html, re.S)[0]
    assert "data-emv-unset" in section and ">Not set</p>" in section
    assert "USD 0.00" not in section and "× CPM" not in section
    assert "FIRSTHAND_EMV_CPM" in section and "FIRSTHAND_EMV_CPC" in section
    assert "restart" in section
    # One price set: the figure, the other named as not set (counted as 0).
    app.config.update(EMV_CPC=2.5)
    html = client.get("/console/analytics/").text
    assert 'data-emv="0.00"' in html and "× CPM not set" in html and "× CPC USD 2.50" in html
    assert "(one not set counts as 0)" in html
