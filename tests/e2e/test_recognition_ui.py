"""Leaderboard tab, kudos and the public badge page, as an employee sees them."""

import time

import pytest

from e2e.browser import connect, popup, screenshot
from firsthand.models import Kudos


def fresh_post(n: int) -> dict:
    activity = (int(time.time() * 1000) << 22) + n
    return {
        "url": f"https://www.linkedin.com/feed/update/urn:li:activity:{activity}/",
        "network": "linkedin",
    }


@pytest.fixture
def office(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    firsthand.add_user("bob@example.com", "Bob Builder")
    firsthand.add_user("cy@example.com", "Cy Sales", team="Sales")
    firsthand.add_user("meg@example.com", "Meg Manager", role="manager")
    for n in range(3):
        firsthand.api("bob@example.com", "POST", "/shares", json=fresh_post(n))
    firsthand.api("cy@example.com", "POST", "/shares", json=fresh_post(10))
    firsthand.api("ann@example.com", "POST", "/shares", json=fresh_post(20))
    return firsthand


def test_leaderboard_tab_team_and_company_and_thanking(office, context):
    page = popup(context)
    page.get_by_role("tab", name="Leaderboard").click()
    page.wait_for_selector("ol.board li")
    team = page.locator("ol.board .name").all_inner_texts()
    assert team == ["Bob Builder", "Ann Example"]
    assert page.locator("ol.board li.me .pill").inner_text() == "You"
    page.get_by_role("button", name="Company").click()
    page.wait_for_function("() => document.querySelectorAll('ol.board li').length === 3")
    names = page.locator("ol.board .name").all_inner_texts()
    assert names[0] == "Bob Builder" and any("Cy Sales" in n for n in names)
    screenshot(page, "popup-leaderboard")
    page.get_by_role("button", name="Thank Bob Builder").click()
    page.get_by_label("Message to Bob Builder").fill("Loved your post about the launch!")
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector("text=Thanks sent ✓")
    # Sent: the form is gone and Thank is off, so nothing invites sending it twice.
    assert page.get_by_label("Message to Bob Builder").count() == 0
    assert page.get_by_role("button", name="Send").count() == 0
    assert page.get_by_role("button", name="Thank Bob Builder").is_disabled()
    assert page.get_by_role("status").filter(has_text="Thanks sent ✓").count() == 1
    # Under the name it answers for (the row's), not out under the rank.
    sent = page.get_by_role("status").filter(has_text="Thanks sent ✓").bounding_box()
    name = page.locator("ol.board li", has_text="Bob Builder").locator(".name").bounding_box()
    assert abs(sent["x"] - name["x"]) < 1
    screenshot(page, "popup-thanks-sent")
    kudos = office.query(
        lambda: [(k.giver.name, k.receiver.name, k.message) for k in Kudos.select()]
    )
    assert kudos == [("Ann Example", "Bob Builder", "Loved your post about the launch!")]


def test_opting_out_from_the_popup(office, context):
    page = popup(context)
    page.get_by_role("tab", name="Leaderboard").click()
    page.wait_for_selector("ol.board li")
    page.get_by_label("Show me on colleagues’ leaderboards").uncheck()
    page.wait_for_selector("text=You are hidden from others")
    others = office.api("bob@example.com", "GET", "/leaderboard?scope=company").get_json()
    assert "Ann Example" not in [e["name"] for e in others["entries"]]


def test_kudos_list_shows_leadership_recognition(office, context):
    ann = office.users["ann@example.com"]
    office.api(
        "meg@example.com",
        "POST",
        "/kudos",
        json={"to_user_id": ann.id, "message": "Your launch post brought us two leads!"},
    )
    office.api(
        "bob@example.com",
        "POST",
        "/kudos",
        json={"to_user_id": ann.id, "message": "Thanks for the shout-out."},
    )
    page = popup(context)
    page.get_by_role("tab", name="Kudos").click()
    page.wait_for_selector("ul.kudos li")
    items = page.locator("ul.kudos li").all_inner_texts()
    assert "Bob Builder" in items[0] and "Thanks for the shout-out." in items[0]
    assert "Meg Manager" in items[1] and "Leadership" in items[1] and "+5" in items[1]
    screenshot(page, "popup-kudos")
    page.get_by_role("tab", name="You").click()
    page.wait_for_selector("[data-badge='recognized']")


def test_badge_page_and_add_to_linkedin(office, context):
    page = popup(context)
    page.wait_for_selector("[data-linkedin='first-share']")
    link = page.locator("[data-linkedin='first-share']").get_attribute("href")
    assert link.startswith("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME")
    assertion = page.locator("[data-badge='first-share'] a", has_text="View").get_attribute("href")
    assert "certUrl=" + assertion.replace(":", "%3A").replace("/", "%2F") in link
    badge_page = context.new_page()
    badge_page.goto(assertion)
    badge_page.wait_for_selector("h1")
    assert badge_page.locator("h1").inner_text() == "First Share"
    assert "Earned by Ann Example" in badge_page.inner_text("body")
    og = badge_page.locator("meta[property='og:title']").get_attribute("content")
    assert og == "Ann Example earned First Share"
    screenshot(badge_page, "badge-page")
    card = badge_page.locator("meta[property='og:image']").get_attribute("content")
    badge_page.goto(card)  # what a link preview shows
    size = badge_page.evaluate(
        "() => [document.images[0].naturalWidth, document.images[0].naturalHeight]"
    )
    assert size == [1200, 630]
    screenshot(badge_page.locator("img"), "badge-card")


OPENING = "Three months on the planner in <b>Atlas</b>, and Lyon plans a week in ten minutes."


@pytest.mark.parametrize("size", [(380, 700), (1024, 640), (1280, 720)])
def test_a_kudos_names_the_post_it_thanks(office, context, size):
    """A cold trial: leadership thanked a share, and the employee saw a kudos without knowing
    which post it was for. It now names it (its opening words, linked, and its date); a thanks
    for no post says nothing of one."""
    ann = office.users["ann@example.com"]
    post = {
        **fresh_post(30),
        "text": f"{OPENING}\nProud of this team!",
    }
    share = office.api("ann@example.com", "POST", "/shares", json=post).get_json()["share"]
    office.api(
        "meg@example.com",
        "POST",
        "/kudos",
        json={"to_user_id": ann.id, "message": "Great story.", "share_id": share["id"]},
    )
    office.api(
        "bob@example.com", "POST", "/kudos", json={"to_user_id": ann.id, "message": "Thanks!"}
    )
    page = popup(context)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.get_by_role("tab", name="Kudos").click()
    page.wait_for_selector("ul.kudos li")
    thanked = page.locator("ul.kudos li", has_text="Great story.")
    line = thanked.locator(".kudos-post")
    assert line.inner_text().startswith(
        "For your post: “Three months on the planner in <b>Atlas</b>"
    )
    link = line.get_by_role("link")
    assert link.get_attribute("href") == share["canonical_url"]
    assert link.get_attribute("target") == "_blank"
    when = page.evaluate(
        "(iso) => new Date(iso).toLocaleDateString('en', "
        "{day: 'numeric', month: 'short', year: 'numeric'})",
        share["logged_at"],
    )
    assert line.inner_text().endswith(when)
    # Its box holds it: the popup never scrolls sideways for a long opening.
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    assert page.locator("ul.kudos li", has_text="Thanks!").locator(".kudos-post").count() == 0
    assert line.locator("b").count() == 0  # the post's words are text, never markup
    screenshot(page, f"popup-kudos-post-{size[0]}x{size[1]}")


@pytest.mark.parametrize("size", [(380, 700), (1024, 640), (1280, 720)])
def test_a_thank_you_has_room_for_a_sentence_or_two(office, context, size):
    """A cold trial: the thank-you was a one-line field, and a thank-you is often two sentences.
    It is a labelled text area that grows with its words; Enter starts a new line and
    Ctrl+Enter (⌘+Enter on a Mac) sends, as the hint under it says."""
    page = popup(context)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.get_by_role("tab", name="Leaderboard").click()
    page.get_by_role("button", name="Thank Bob Builder").click()
    field = page.get_by_role("textbox", name="Message to Bob Builder")
    assert field.evaluate("(f) => f.tagName") == "TEXTAREA"
    assert field.evaluate("(f) => document.activeElement === f")
    hint = field.get_attribute("aria-describedby")
    assert page.locator(f"#{hint}").inner_text() == "Ctrl+Enter sends"
    empty = field.bounding_box()["height"]
    page.keyboard.type("Loved your post about the launch.")
    page.keyboard.press("Enter")  # a new line, not a send
    page.keyboard.type("The customer story in it made my week, and I shared it with my team.")
    page.keyboard.press("Enter")
    page.keyboard.type("Thank you!")
    grown = field.bounding_box()
    assert grown["height"] > empty  # it grew with the words
    assert field.evaluate("(f) => f.scrollHeight <= f.clientHeight")  # all of them in view
    form = page.locator("form.kudos-form").bounding_box()
    assert grown["x"] + grown["width"] <= form["x"] + form["width"] + 0.5  # inside its row
    assert page.get_by_text("Thanks sent ✓").count() == 0
    assert office.query(lambda: Kudos.select().count()) == 0
    screenshot(page, f"popup-thank-you-field-{size[0]}x{size[1]}")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("text=Thanks sent ✓")
    messages = office.query(lambda: [k.message for k in Kudos.select()])
    assert messages == [
        "Loved your post about the launch.\n"
        "The customer story in it made my week, and I shared it with my team.\nThank you!"
    ]


def test_a_thank_you_of_two_lines_shows_as_two_lines(office, context):
    ann = office.users["ann@example.com"]
    message = "Great launch post.\nThe demo video was the best part."
    office.api("bob@example.com", "POST", "/kudos", json={"to_user_id": ann.id, "message": message})
    page = popup(context)
    page.get_by_role("tab", name="Kudos").click()
    assert page.locator("ul.kudos .message").inner_text() == message
