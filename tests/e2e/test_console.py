"""The program console as an admin, a manager and an employee use it: real Chromium, the
real server on SQLite and PostgreSQL, a real SMTP server on loopback."""

from __future__ import annotations

import csv
import io
import re
import time

from e2e.console_steps import check_page, link_in, sign_in_with
from firsthand.admin_models import AuditEvent
from firsthand.models import PeriodStats, User


def fresh_post(n: int) -> dict:
    activity = (int(time.time() * 1000) << 22) + n
    return {
        "url": f"https://www.linkedin.com/feed/update/urn:li:activity:{activity}/",
        "network": "linkedin",
    }


def person(site, email: str) -> User:
    return site.query(lambda: User.get(User.email == email))


def test_sign_in_by_emailed_link_works_once(site, smtp, browser_page):
    site.add_user("ada@example.com", "Ada Admin", role="admin")
    site.add_user("eve@example.com", "Eve Employee")
    page = browser_page
    page.goto(f"{site.url}/console/people/")
    assert page.url.startswith(f"{site.url}/console/sign-in")
    check_page(page, "sign-in")

    for address in ("eve@example.com", "nobody@example.com", "ada@example.com"):
        page.goto(f"{site.url}/console/sign-in")
        page.get_by_label("Work email").fill(address)
        page.get_by_role("button", name="Email me a sign-in link").click()
        said = page.locator("main [role='status']").inner_text()
        assert said == (
            f"If {address} belongs to a console user (an admin or a manager), a sign-in "
            "link is on its way. It works once, for 15 minutes."
        )
    check_page(page, "sign-in-sent")
    message = smtp.wait_for("ada@example.com")
    assert smtp.to("eve@example.com") == [] and smtp.to("nobody@example.com") == []
    link = link_in(message, "/console/sign-in/")
    assert link.startswith(f"{site.url}/console/sign-in/")

    page.goto(link)
    check_page(page, "sign-in-confirm")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("text=Welcome, Ada Admin.")
    # The emailed link carries no next: the browser kept the page asked for at the start.
    assert page.url == f"{site.url}/console/people/"

    other = page.context.new_page()
    other.goto(link)
    assert "This sign-in link was already used" in other.inner_text("main")
    check_page(other, "sign-in-used")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector("text=You are signed out.")
    page.goto(f"{site.url}/console/people/")
    assert "/console/sign-in" in page.url


def test_bulk_csv_invite_with_a_bad_row(site, smtp, browser_page, tmp_path):
    site.add_user("ada@example.com", "Ada Admin", role="admin", team="People Ops")
    site.add_user("li@example.com", "Li Existing", team="Sales")
    page = browser_page
    sign_in_with(page, site.console_link("ada@example.com"))
    before = site.query(lambda: User.select().count())
    file = tmp_path / "people.csv"
    file.write_text(
        "Email;Name;Team;Role\n"
        "priya@example.com;Priya Patel;Sales;employee\n"
        "tom@example.com;Tom Berg;Engineering;manager\n"
        "not-an-email;Nobody;Sales;employee\n"
        "li@example.com;Li Existing;Marketing;\n"
        "zoe@example.com;Zoë Ångström;Engineering;\n"
        "mo@example.com;Mo Admin;People Ops;admin\n",
        encoding="utf-8",
    )
    page.goto(f"{site.url}/console/people/")
    page.get_by_role("button", name="Import a CSV").click()
    page.get_by_label("CSV file").set_input_files(str(file))
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_selector("text=Nothing has been written yet.")
    problems = page.locator("table.problems tbody tr").all_inner_texts()
    assert len(problems) == 1 and "4" in problems[0] and "not an email address" in problems[0]
    assert "Marketing" in page.inner_text("main")  # a new team, and Li's move to it
    check_page(page, "import-preview")
    assert site.query(lambda: User.select().count()) == before  # nothing written yet

    page.get_by_role("button", name=re.compile(r"Confirm: invite 4, update 1")).click()
    page.wait_for_selector("text=Imported: 4 invited, 1 updated, 0 unchanged, 1 skipped.")
    # Mo, made an admin here, runs the console and never connected: named
    # apart, not among the links to hand out (the CSV and the emails below leave them out).
    assert page.locator(".import-staff").inner_text().startswith("Console only (1):")
    check_page(page, "import-result")
    assert site.query(lambda: User.select().count()) == before + 4
    assert person(site, "li@example.com").team.name == "Marketing"
    with page.expect_download() as download:
        page.get_by_role("button", name="Download their connect links (CSV)").click()
    # utf-8-sig: the file starts with a BOM so that Excel reads its accents as UTF-8
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["email"] for r in rows) == [
        "li@example.com",
        "priya@example.com",
        "tom@example.com",
        "zoe@example.com",
    ]
    assert all(r["connect_link"].startswith(f"{site.url}/connect?invite=") for r in rows)
    page.get_by_role("button", name="Email each of them their link").click()
    page.wait_for_selector("text=Emailed connect links to 4 people.")
    assert "/connect?invite=" in link_in(smtp.wait_for("zoe@example.com"), "/connect?invite=")

    events = site.query(lambda: AuditEvent.select().count())
    page.goto(f"{site.url}/console/people/import/")
    page.get_by_label("CSV file").set_input_files(str(file))
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_selector("text=Nothing to change:")
    assert page.get_by_role("button", name=re.compile("Confirm")).count() == 0
    assert site.query(lambda: User.select().count()) == before + 4
    assert site.query(lambda: AuditEvent.select().count()) == events


def test_deactivate_stops_their_token_and_takes_them_off_the_board(site, browser_page):
    site.add_user("ada@example.com", "Ada Admin", role="admin")
    site.add_user("bob@example.com", "Bob Builder")
    site.add_user("cy@example.com", "Cy Colleague")
    for n in range(2):
        assert site.api("bob@example.com", "POST", "/shares", json=fresh_post(n)).status_code == 201
    board = site.api("cy@example.com", "GET", "/leaderboard?scope=company").get_json()
    assert "Bob Builder" in [e["name"] for e in board["entries"]]
    bob_token = site.token("bob@example.com")

    page = browser_page
    sign_in_with(page, site.console_link("ada@example.com"))
    page.goto(f"{site.url}/console/people/?q=bob")
    page.get_by_role("link", name="Bob Builder").click()
    page.get_by_role("button", name="Deactivate").click()
    page.wait_for_selector("text=Bob Builder is deactivated")
    assert "Deactivated" in page.locator(".lead").inner_text()

    answer = site.app.test_client().get(
        "/api/v1/me", headers={"Authorization": f"Bearer {bob_token}"}
    )
    assert answer.status_code == 401
    assert answer.get_json()["error"]["code"] == "account_deactivated"
    board = site.api("cy@example.com", "GET", "/leaderboard?scope=company").get_json()
    assert "Bob Builder" not in [e["name"] for e in board["entries"]]
    assert site.query(lambda: PeriodStats.select().where(PeriodStats.hidden).count()) == 3

    page.get_by_role("button", name="Reactivate").click()
    page.wait_for_selector("text=Bob Builder is active again.")
    answer = site.app.test_client().get(
        "/api/v1/me", headers={"Authorization": f"Bearer {bob_token}"}
    )
    assert answer.status_code == 200 and answer.get_json()["shares"] == 2
    board = site.api("cy@example.com", "GET", "/leaderboard?scope=company").get_json()
    assert "Bob Builder" in [e["name"] for e in board["entries"]]


def test_a_form_posted_without_its_csrf_token_is_refused(site, browser_page):
    site.add_user("ada@example.com", "Ada Admin", role="admin")
    site.add_user("bob@example.com", "Bob Builder")
    page = browser_page
    sign_in_with(page, site.console_link("ada@example.com"))
    bob = person(site, "bob@example.com")
    page.goto(f"{site.url}/console/people/{bob.id}")
    form = page.locator("form[action$='/deactivate']")
    form.locator("input[name='csrf_token']").evaluate("(input) => input.remove()")
    form.get_by_role("button", name="Deactivate").click()
    page.wait_for_selector("text=security token is missing")
    assert page.locator("text=Error 400").count() == 1
    assert person(site, "bob@example.com").deactivated_at is None
    # A cross-site post carries no token either (and SameSite=Lax keeps the cookie away).
    answer = page.request.post(
        f"{site.url}/console/people/{bob.id}/deactivate", form={"csrf_token": "forged"}
    )
    assert answer.status == 400
    assert person(site, "bob@example.com").deactivated_at is None


def test_employees_cannot_open_the_console_and_managers_stay_in_their_teams(site, browser_page):
    site.add_user("ada@example.com", "Ada Admin", role="admin", team="Office")
    site.add_user("meg@example.com", "Meg Manager", role="manager", team="Marketing")
    site.add_user("mo@example.com", "Mo Marketing", team="Marketing")
    site.add_user("sam@example.com", "Sam Sales", team="Sales")
    site.add_user("eve@example.com", "Eve Employee", team="Marketing")
    from firsthand.errors import ApiError
    from firsthand.teams import add_manager, find_team

    def link_meg():
        from datetime import UTC, datetime

        add_manager(find_team("Marketing"), site.users["meg@example.com"], datetime.now(UTC), None)

    site.query(link_meg)
    try:
        site.console_link("eve@example.com")
        raise AssertionError("an employee got a console sign-in link")
    except ApiError as error:
        assert error.status == 403

    page = browser_page
    sign_in_with(page, site.console_link("meg@example.com"))
    page.goto(f"{site.url}/console/people/")
    names = page.locator("table.people tbody th a").all_inner_texts()
    assert sorted(names) == ["Eve Employee", "Meg Manager", "Mo Marketing"]
    assert page.get_by_role("link", name="Audit log").count() == 0
    check_page(page, "people-as-manager")

    sam = person(site, "sam@example.com")
    answer = page.goto(f"{site.url}/console/people/{sam.id}")
    assert answer.status == 403
    assert "You can only see and change people in the teams you manage." in page.inner_text("main")
    check_page(page, "forbidden")
    mo = person(site, "mo@example.com")
    page.goto(f"{site.url}/console/people/{mo.id}")
    token = page.locator("input[name='csrf_token']").first.get_attribute("value")
    answer = page.request.post(
        f"{site.url}/console/people/{sam.id}/deactivate", form={"csrf_token": token}
    )
    assert answer.status == 403
    assert person(site, "sam@example.com").deactivated_at is None
    assert page.goto(f"{site.url}/console/audit/").status == 403

    def demote():
        from datetime import UTC, datetime

        from firsthand.people import update_person

        update_person(site.users["meg@example.com"], datetime.now(UTC), None, role="employee")

    site.query(demote)
    answer = page.goto(f"{site.url}/console/people/")
    assert answer.status == 403
    assert "The console is for active admins and managers only." in page.inner_text("main")
