"""How a LinkedIn publish is noticed, as the real site shows it (tests/e2e/fixtures/): the
"View post" toast's share or ugcPost link (percent-encoded or not) among colleagues' post links,
a scheduled post (no publish), a comment dialog with the same editor and a "Post" button (not the
composer), the composer as a page of its own with Post returning to the feed by a full page
load, and a company page's German composer."""

from urllib.parse import unquote

import pytest

from e2e.browser import (
    CREATE_POST,
    connect,
    create_post_answer,
    open_composer,
    panel,
    publish,
    screenshot,
    type_draft,
    wait_for_verdict,
)
from firsthand.models import Share

DRAFT = "I shipped the new import screen today and I am proud of the team."


@pytest.fixture
def employee(firsthand, context):
    connect(context, firsthand.add_user("ann@example.com", "Ann Example"))
    return firsthand


def shares(firsthand):
    return firsthand.query(lambda: list(Share.select().dicts()))


def feed(context, query: str):
    page = context.new_page()
    page.page_errors = []
    page.on("pageerror", lambda e: page.page_errors.append(str(e)))
    page.goto(f"https://www.linkedin.com/feed/?{query}")
    return page


def card(page):
    return page.locator("firsthand-share-card")


def log_offered_share(page) -> None:
    card(page).locator("[data-action='log']").click(timeout=15000)
    card(page).locator("[data-points]").wait_for(timeout=15000)


def toast_post(page) -> str:
    """The canonical URL of the post the success toast links to."""
    cta = page.locator(".artdeco-toast-item a.artdeco-toast-item__cta").first
    urn = unquote(cta.get_attribute("href")).split("/feed/update/")[1].rstrip("/")
    return f"https://www.linkedin.com/feed/update/{urn}/"


@pytest.mark.parametrize(
    "generation,kind,encoded",
    [("classic", "share", ""), ("sdui", "ugcPost", ""), ("interop", "share", "1")],
    ids=["share", "ugcPost", "share-encoded"],
)
def test_the_toast_post_is_logged_not_a_colleagues(employee, context, generation, kind, encoded):
    page = feed(context, f"generation={generation}&post={kind}&encoded={encoded}")
    open_composer(page)
    type_draft(page, DRAFT)
    wait_for_verdict(page, "personal")
    colleagues = page.locator("article.post a[href*='/feed/update/']").count()
    publish(page)
    # The feed refreshes first: a colleague's post of now arrives before the toast.
    page.wait_for_function(f"() => document.querySelectorAll('article.post').length > {colleagues}")
    log_offered_share(page)
    href = page.locator("a.artdeco-toast-item__cta").first.get_attribute("href")
    assert (f"urn%3Ali%3A{kind}%3A" if encoded else f"urn:li:{kind}:") in href
    logged = shares(employee)
    assert [s["canonical_url"] for s in logged] == [toast_post(page)]
    assert logged[0]["text"] == DRAFT and logged[0]["points"] > 0  # a post of today counts
    screenshot(page, f"publish-toast-{kind}{'-encoded' if encoded else ''}")
    assert page.page_errors == []


@pytest.mark.parametrize("confirm", ["toast", "fetch"])
def test_a_scheduled_post_is_not_taken_for_a_publish(employee, context, confirm):
    page = feed(context, f"generation=sdui&confirm={confirm}")
    open_composer(page)
    type_draft(page, DRAFT)
    wait_for_verdict(page, "personal")
    page.locator("dialog .schedule").click()
    post = page.locator("dialog button.post-btn")
    assert post.inner_text() == "Schedule"
    if confirm == "toast":
        post.click()
        page.get_by_text("Post scheduled.").wait_for()
        screenshot(page, "publish-scheduled")
    else:
        with page.expect_response(f"**{CREATE_POST}"):
            post.click()
    page.wait_for_timeout(2500)  # ten times the watcher's look
    assert card(page).count() == 0
    assert shares(employee) == []


def test_a_comment_dialog_is_not_the_composer(employee, context):
    page = feed(context, "generation=sdui")
    page.locator("article.post .comment-trigger").first.click()
    comment = page.locator("dialog.comment-dialog [role=textbox]")
    comment.click()
    page.keyboard.type("Congratulations, this is a great milestone for the whole team!")
    page.wait_for_timeout(1500)  # the watcher rescans every 150 ms, suggestions after 400 ms
    assert panel(page).count() == 0
    screenshot(page, "comment-dialog-no-panel")
    page.locator("dialog.comment-dialog button", has_text="Post").click()
    page.get_by_text("Comment posted.").wait_for()  # with a link a started wait would take
    page.wait_for_timeout(2500)
    assert card(page).count() == 0
    # The member composer on the same page still is one.
    open_composer(page)
    type_draft(page, DRAFT)
    wait_for_verdict(page, "personal")
    assert shares(employee) == []
    assert page.page_errors == []


def test_the_composer_as_a_page_of_its_own(employee, context):
    page = feed(context, "generation=sdui&composer=page")
    with page.expect_navigation(url="**/sharing/compose"):
        open_composer(page)
    type_draft(page, DRAFT)  # the content scripts run on /sharing/compose too
    wait_for_verdict(page, "personal")
    screenshot(page, "compose-page")
    with page.expect_navigation(url="**/feed/"):  # a full page load: a fresh content script
        publish(page)
    log_offered_share(page)
    logged = shares(employee)
    assert [s["canonical_url"] for s in logged] == [toast_post(page)]
    assert logged[0]["text"] == DRAFT  # the words came back from the service worker
    assert logged[0]["voice"] == "personal"
    screenshot(page, "compose-page-logged")
    # Logged: the next page load offers nothing again.
    page.reload()
    page.wait_for_timeout(1500)
    assert card(page).count() == 0


def test_a_post_confirmed_just_before_its_page_unloads_is_offered_on_the_next(employee, context):
    """Only the create-post answer confirms it, on /sharing/compose, 100 ms before Post loads
    the feed: the content script there keeps what it found for the next page."""
    page = feed(context, "generation=sdui&composer=page&confirm=fetch")
    with page.expect_navigation(url="**/sharing/compose"):
        open_composer(page)
    type_draft(page, DRAFT)
    answer = create_post_answer()
    page.route(f"**{CREATE_POST}", lambda route: route.fulfill(json=answer))
    with page.expect_navigation(url="**/feed/"):
        publish(page)
    activity = answer["data"]["*updateV2"].split("(", 1)[1].split(",", 1)[0]
    log_offered_share(page)
    assert page.locator(".artdeco-toast-item").count() == 0  # no toast on this page
    logged = shares(employee)
    assert [s["canonical_url"] for s in logged] == [
        f"https://www.linkedin.com/feed/update/{activity}/"
    ]
    assert logged[0]["text"] == DRAFT


def test_a_company_page_composer_in_german(employee, context):
    page = feed(context, "generation=page")
    open_composer(page)
    type_draft(page, DRAFT)
    wait_for_verdict(page, "personal")
    assert page.locator("[role=dialog] button.post-btn").inner_text() == "Posten"
    screenshot(page, "company-composer")
    publish(page)
    log_offered_share(page)
    assert [s["canonical_url"] for s in shares(employee)] == [toast_post(page)]
    assert page.page_errors == []
