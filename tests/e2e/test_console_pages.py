"""Every console page, with a realistic program behind it: screenshots in light and dark at
1280 and 1024 px (tests/artifacts/console-*.png) and axe-core with no serious or critical
violations. The pages are the same on both databases, so this runs on SQLite."""

from __future__ import annotations

import pytest

from e2e.console_steps import axe_violations, check_page, sign_in_with, unringed_focus_stops
from e2e.test_console import fresh_post, person
from firsthand.models import Team
from helpers import connect_by_hand

PEOPLE = [
    ("priya@example.com", "Priya Patel", "Sales"),
    ("tom@example.com", "Tom Berg", "Engineering"),
    ("zoe@example.com", "Zoë Ångström-Lindqvist", "Engineering"),
    ("li@example.com", "Li Wei", "Marketing"),
    ("jose@example.com", "José María Fernández de la Vega", "Sales"),
    ("amara@example.com", "Amara Okafor", "Customer Success"),
]


# Whether each date field is wide enough for a date in its own font, its padding and the
# picker's icon (about 1.5rem).
DATE_FITS = """() => Object.fromEntries(
  [...document.querySelectorAll('input[type=date]')].map((e) => {
  const s = getComputedStyle(e), probe = document.createElement('span');
  probe.style.font = s.font;
  probe.textContent = '00/00/0000';
  document.body.append(probe);
  const text = probe.getBoundingClientRect().width;
  probe.remove();
  const room = e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  return [e.id, text + 24 <= room];
  }))"""


@pytest.fixture
def program(site, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the pages are the same on PostgreSQL; the flows run there")
    site.add_user("ada@example.com", "Ada Admin", role="admin", team="People Ops")
    site.add_user("meg@example.com", "Meg Manager", role="manager", team="Sales")
    site.add_user(
        "ngoc.anh.van.der.westhuizen@subsidiary.example.com",
        "Ngọc Anh Van der Westhuizen-Featherstonehaugh",
        role="manager",
        team="Sales",
    )
    for email, name, team in PEOPLE:
        site.add_user(email, name, team=team)
    for n, email in enumerate(["priya@example.com", "tom@example.com", "li@example.com"]):
        for k in range(n + 1):
            site.api(email, "POST", "/shares", json=fresh_post(10 * n + k))
    for email in ("priya@example.com", "tom@example.com", "li@example.com", "amara@example.com"):
        connect_by_hand(site.app.test_client(), f"/connect?invite={site.add_invite(email)}")
    return site


def test_every_console_page(program, browser_page, tmp_path):
    site, page = program, browser_page
    sign_in_with(page, site.console_link("ada@example.com"))
    priya = person(site, "priya@example.com")
    page.goto(f"{site.url}/console/people/{priya.id}")
    page.get_by_label("Message").fill("Thanks for telling the launch story your way.")
    page.get_by_role("button", name="Send kudos").click()
    page.goto(f"{site.url}/console/people/{person(site, 'amara@example.com').id}")
    page.get_by_role("button", name="Deactivate").click()
    # Ada runs the program from the console and never connected a browser: she is not one of
    # those who have not connected yet (Meg, Ngọc Anh, Zoë, José), but "Console only".
    page.goto(f"{site.url}/console/")
    invited = page.locator(".stat", has_text="Invited, not connected yet")
    assert invited.locator(".stat-number").inner_text() == "4"
    assert page.locator("[data-staff]").inner_text().startswith("1 admin uses only the console")
    page.goto(f"{site.url}/console/people/")
    ada = page.locator("tbody tr", has_text="Ada Admin").locator(".status")
    assert ada.inner_text() == "Console only"

    pages = {
        "home": "/console/",
        "people": "/console/people/",
        "people-filtered": "/console/people/?status=active&team=",
        "person-admin": f"/console/people/{priya.id}",
        "person-delete": f"/console/people/{priya.id}/delete",
        "invite": "/console/people/invite",
        "import": "/console/people/import/",
        "teams": "/console/teams/",
        "team": f"/console/teams/{site.query(lambda: Team.get(Team.name == 'Sales').id)}",
        "recognition": "/console/recognition/",
        "rules": "/console/recognition/rules",
        "audit": "/console/audit/",
        "not-found": "/console/nowhere",
    }
    for name, path in pages.items():
        page.goto(site.url + path)
        check_page(page, name)
        # Every control the keyboard reaches shows it has focus (the CSV import's file
        # input did not: the cold review).
        assert unringed_focus_stops(page) == [], name
    # A team's managers: Remove at the end of each row, one edge for all (it sat beside a short
    # name and under a long one: the cold review).
    page.goto(site.url + pages["team"])
    edges = page.locator("section[aria-labelledby=managers-h] li button").evaluate_all(
        "(buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().right))"
    )
    assert len(edges) == 2 and len(set(edges)) == 1, edges
    page.goto(f"{site.url}/console/people/{priya.id}")
    page.get_by_role("button", name="New connect link").click()
    page.wait_for_selector("#link")
    check_page(page, "connect-link")

    page.set_viewport_size({"width": 1024, "height": 700})
    for name in ("people", "person-admin", "audit"):
        page.goto(site.url + pages[name])
        check_page(page, f"{name}-1024")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways at 1024 px"
    # The audit log's date filters show a whole date beside the picker at 1024 px ("mm/dd/yy"
    # before: the cold review).
    assert page.evaluate(DATE_FITS) == {"from": True, "to": True}


# Where on screen the first occurrence of each text starts (its leftmost line box), found
# within `scope` whatever the markup around it.
LEFT_OF = """([scope, texts]) => {
  const root = document.querySelector(scope);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const found = {};
  for (let node; (node = walker.nextNode());) {
    for (const text of texts) {
      const at = node.nodeValue.indexOf(text);
      if (at < 0 || text in found) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      found[text] = Math.min(...[...range.getClientRects()].map((r) => r.left));
    }
  }
  return found;
}"""


def test_right_to_left_names_and_messages_stay_in_their_places(program, browser_page):
    """A Hebrew name thanking in Arabic read "from MESSAGE“ :NAME”" on the person's page: the
    two right-to-left runs merged across the colon and the quotes (the cold review)."""
    site, page = program, browser_page
    site.add_user("yael@example.com", "יעל כהן", team="Sales")
    priya = person(site, "priya@example.com")
    thanks = {"to_user_id": priya.id, "message": "شكرا جزيلا"}
    assert site.api("yael@example.com", "POST", "/kudos", json=thanks).status_code == 201
    sign_in_with(page, site.console_link("ada@example.com"))
    page.goto(f"{site.url}/console/people/{priya.id}")
    line = "section[aria-labelledby='received-h']"
    left = page.evaluate(LEFT_OF, [line, ["from", "יעל כהן", "شكرا جزيلا"]])
    assert left["from"] < left["יעל כהן"] < left["شكرا جزيلا"], left
    page.goto(f"{site.url}/console/recognition/")
    assert not axe_violations(page), axe_violations(page)


# The focused field, and the words its aria-describedby names (what a screen reader says).
FIELD_SAID = """() => { const e = document.activeElement;
  const ids = (e.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  return {id: e.id, invalid: e.getAttribute('aria-invalid'),
          said: ids.map((id) => document.getElementById(id).textContent.trim())}; }"""


def test_refused_forms_say_why_beside_the_field_and_focus_it(program, browser_page):
    """A refused invite, story or settings form said why only at the top of the page: now
    beside the field (aria-invalid, aria-describedby), which takes the focus; axe-core finds
    nothing, and focus shows plainly in the dark scheme too."""
    site, page = program, browser_page
    sign_in_with(page, site.console_link("ada@example.com"))
    page.goto(f"{site.url}/console/people/invite")
    page.get_by_label("Work email").fill("new@acme.invalid")
    page.get_by_label("Name", exact=True).fill("New Person")
    page.get_by_role("button", name="Invite").click()
    check_page(page, "invite-refused")
    field = page.evaluate(FIELD_SAID)
    assert field["id"] == "email" and field["invalid"] == "true"
    assert "reserved for addresses that reach no one" in field["said"][0]
    assert page.locator(".flash-error").count() == 0  # beside the field, not above the form

    page.goto(f"{site.url}/console/stories/new")
    page.get_by_label("Title").fill("Atlas is live")
    page.get_by_label("What happened").fill("We shipped Atlas to every customer this week.")
    page.get_by_label("Question 1").fill("What did you build for Atlas?")
    page.get_by_label("Question 2").fill("Who made it happen?")
    page.get_by_label("From (UTC)").fill("2026-12-20T09:00")
    page.get_by_label("Until (UTC, optional)").fill("2026-12-19T09:00")
    page.get_by_role("button", name="Publish").click()
    check_page(page, "story-refused")
    field = page.evaluate(FIELD_SAID)
    assert field == {"id": "ends_at", "invalid": "true", "said": ["Until must be after From."]}

    page.goto(f"{site.url}/console/settings/")
    page.get_by_label("Slack incoming-webhook address").fill("ftp://hooks.example/slack")
    page.get_by_role("button", name="Save the webhook settings").click()
    check_page(page, "settings-refused")
    field = page.evaluate(FIELD_SAID)
    assert field["id"] == "slack_url" and field["invalid"] == "true"
    assert len(field["said"]) == 2 and "Slack webhook" in field["said"][0]

    # Every kind of button and link shows its focus 3:1 in the dark scheme too (the light
    # one: test_every_console_page).
    page.emulate_media(color_scheme="dark")
    for path in ("/console/stories/new", f"/console/people/{person(site, 'priya@example.com').id}"):
        page.goto(site.url + path)
        assert unringed_focus_stops(page) == [], path
