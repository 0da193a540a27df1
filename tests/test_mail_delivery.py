"""Email to every address people are stored under, and a batch that is honest about whom it
reached. Against real SMTP servers on loopback (aiosmtpd), with and without SMTPUTF8.

- Since migration 0030 an international domain is stored in Unicode (ann@bücher.example): a
  mail server without SMTPUTF8 refused the message (SMTPNotSupportedError) though the same
  mailbox as DNS spells it (ann@xn--bcher-kva.example) works. It is sent that way now; a
  name before the @ that is not plain ASCII is that person's failure, said in words.
- An import's "Email each of them their link" that failed mid-batch said "nothing was sent"
  while the first messages had gone, and pressing it again sent those people a second link.
  The page now says who was sent their link and who was not (and why); emailing again sends
  to those not emailed yet, unless "again, with new links" is asked for.
"""

from __future__ import annotations

import asyncio
import email
import json
import socket
import threading
from email.policy import default
from html import unescape

import pytest

from console_helpers import confirm_import, post_form, preview_import, sign_in
from firsthand import mail
from firsthand.admin_models import AuditEvent, ImportBatch
from firsthand.db import database


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MailServer:
    """An aiosmtpd server keeping (envelope recipients, parsed message) of each message; it
    refuses the addresses in `refuse` (550), and drops the connection (no answer to DATA)
    at a message to one in `drop`."""

    def __init__(self, smtputf8: bool) -> None:
        from aiosmtpd.controller import Controller

        self.received: list[tuple[list[str], email.message.EmailMessage]] = []
        self.refuse: set[str] = set()
        self.drop: set[str] = set()
        self.lock = threading.Lock()
        self.controller = Controller(
            self, hostname="127.0.0.1", port=free_port(), enable_SMTPUTF8=smtputf8
        )
        self.controller.start()
        self.url = f"smtp://127.0.0.1:{self.controller.port}?from=firsthand@acme.example"

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.drop & set(envelope.rcpt_tos):
            server.transport.close()  # the connection breaks: no answer to this message
            return "421 gone"
        message = email.message_from_bytes(envelope.content, policy=default)
        with self.lock:
            self.received.append((list(envelope.rcpt_tos), message))
        await asyncio.sleep(0)
        return "250 Message accepted"

    def recipients(self) -> list[str]:
        with self.lock:
            return [address for rcpt, _ in self.received for address in rcpt]

    def stop(self) -> None:
        self.controller.stop()


@pytest.fixture
def plain_smtp():
    server = MailServer(smtputf8=False)
    yield server
    server.stop()


@pytest.fixture
def utf8_smtp():
    server = MailServer(smtputf8=True)
    yield server
    server.stop()


def send(app, server: MailServer, addresses: list[str]) -> mail.Delivery:
    app.config["SMTP_URL"] = server.url
    with app.app_context():
        return mail.send_many([(to, "Connect Firsthand", "Hello,\n\nlink") for to in addresses])


def test_an_international_domain_goes_as_dns_spells_it_without_smtputf8(app, plain_smtp):
    delivery = send(app, plain_smtp, ["ann@bücher.example", "bob@acme.example"])
    assert delivery.sent == ["ann@bücher.example", "bob@acme.example"] and delivery.complete
    assert plain_smtp.recipients() == ["ann@xn--bcher-kva.example", "bob@acme.example"]
    assert plain_smtp.received[0][1]["To"] == "ann@xn--bcher-kva.example"


def test_a_server_with_smtputf8_gets_the_address_as_stored(app, utf8_smtp):
    delivery = send(app, utf8_smtp, ["ann@bücher.example", "zoë@bücher.example"])
    assert delivery.complete
    assert utf8_smtp.recipients() == ["ann@bücher.example", "zoë@bücher.example"]


def test_an_address_the_server_cannot_take_is_that_persons_failure_only(app, plain_smtp):
    plain_smtp.refuse.add("gone@acme.example")
    delivery = send(
        app,
        plain_smtp,
        ["a@acme.example", "zoë@bücher.example", "gone@acme.example", "b@acme.example"],
    )
    assert delivery.sent == ["a@acme.example", "b@acme.example"]
    assert delivery.refused == {
        "zoë@bücher.example": "the mail server cannot take an address whose part before the @ "
        "is not in plain letters (it does not offer SMTPUTF8)",
        "gone@acme.example": "the mail server refused the address (550 5.1.1 no such mailbox here)",
    }
    assert plain_smtp.recipients() == ["a@acme.example", "b@acme.example"]


def test_a_server_that_stops_answering_leaves_the_rest_said_unsent(app, plain_smtp):
    plain_smtp.drop.add("c@acme.example")
    addresses = [f"{n}@acme.example" for n in "abcde"]
    delivery = send(app, plain_smtp, addresses)
    assert delivery.sent == ["a@acme.example", "b@acme.example"]
    assert delivery.unsent == ["c@acme.example", "d@acme.example", "e@acme.example"]
    assert delivery.stopped.startswith("the mail server stopped answering (")


# --- The import's "Email each of them their link" ---------------------------------------------


def _import_seven(app, client, make_user, clock):
    admin = make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]
    sign_in(client, app, admin, clock)
    rows = ["email,name,team"] + [f"p{n}@acme.example,Person {n},Sales" for n in range(7)]
    rows[5] = "ann@bücher.example,Ann Bücher,Sales"  # the fifth person, between the others
    batch, _ = confirm_import(client, app, preview_import(client, "\n".join(rows) + "\n"))
    return batch, f"/console/people/import/{batch.id}/done"


def _emailed_links(app) -> list[str]:
    with app.app_context(), database.connection_context():
        events = AuditEvent.select().where(AuditEvent.action == "person.connect_link")
        return sorted(e.target_label for e in events if json.loads(e.details).get("emailed"))


def test_a_batch_broken_off_says_who_was_sent_and_a_retry_sends_to_the_others_only(
    app, client, make_user, clock, plain_smtp
):
    app.config["SMTP_URL"] = plain_smtp.url
    batch, page = _import_seven(app, client, make_user, clock)
    plain_smtp.drop.add("p5@acme.example")  # by name: Ann, Person 0-3 sent, then it breaks
    answer = post_form(client, page, page.replace("/done", "/email"), {}, follow_redirects=True)
    said = unescape(answer.text)
    assert (
        "Emailed connect links to 5 of 7 people. Not sent to 2: p5@acme.example, "
        "p6@acme.example (the mail server stopped answering (SMTPServerDisconnected))." in said
    )
    assert "the 5 emailed are not sent another" in said and "nothing was sent" not in said
    first = ["ann@xn--bcher-kva.example"] + [f"p{n}@acme.example" for n in range(4)]
    assert plain_smtp.recipients() == first
    assert len(_emailed_links(app)) == 5  # audited as sent: the five who were
    assert "Email their link to the 2 not emailed yet" in said
    assert said.count("data-emailed>emailed") == 5

    plain_smtp.drop.clear()  # the server is back: the others only
    answer = post_form(client, page, page.replace("/done", "/email"), {}, follow_redirects=True)
    assert "Emailed connect links to 2 people." in unescape(answer.text)
    assert plain_smtp.recipients() == [*first, "p5@acme.example", "p6@acme.example"]
    with app.app_context(), database.connection_context():
        assert len(json.loads(ImportBatch.get_by_id(batch.id).emailed)) == 7
    again = unescape(client.get(page).text)
    assert "Email all 7 again, with new links" in again and "not emailed yet" not in again
    nothing = post_form(client, page, page.replace("/done", "/email"), {}, follow_redirects=True)
    assert "was emailed their link from this import already: nothing was sent" in nothing.text
    answer = post_form(
        client, page, page.replace("/done", "/email"), {"again": "1"}, follow_redirects=True
    )
    assert "Emailed connect links to 7 people." in unescape(answer.text)
    assert len(plain_smtp.received) == 14


def test_a_person_the_server_cannot_take_is_named_with_why(
    app, client, make_user, clock, plain_smtp
):
    app.config["SMTP_URL"] = plain_smtp.url
    admin = make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]
    sign_in(client, app, admin, clock)
    rows = "email,name,team\na@acme.example,A,Sales\nzoë@bücher.example,Zoë,Sales\n"
    batch, _ = confirm_import(client, app, preview_import(client, rows))
    page = f"/console/people/import/{batch.id}/done"
    answer = post_form(client, page, page.replace("/done", "/email"), {}, follow_redirects=True)
    said = unescape(answer.text)
    assert "Emailed connect links to 1 of 2 people. Not sent to 1: zoë@bücher.example (the " in said
    assert "is not in plain letters (it does not offer SMTPUTF8))." in said
    assert plain_smtp.recipients() == ["a@acme.example"]


def test_an_invite_says_when_its_link_was_not_emailed_and_why(
    app, client, make_user, clock, plain_smtp
):
    app.config["SMTP_URL"] = plain_smtp.url
    admin = make_user("ada@example.com", role="admin", name="Ada Admin", team=None)[0]
    sign_in(client, app, admin, clock)
    invite = "/console/people/invite"
    for address, name in (("ann@bücher.example", "Ann"), ("zoë@bücher.example", "Zoë")):
        fields = {"email": address, "name": name, "role": "employee", "email_link": "1"}
        page = unescape(post_form(client, invite, invite, fields).text)
        if address.startswith("ann"):
            assert "The link was emailed to ann@bücher.example." in page
        else:
            assert "The link was not emailed to zoë@bücher.example: the mail server cannot " in page
            assert "Send them the link below another way." in page
    assert plain_smtp.recipients() == ["ann@xn--bcher-kva.example"]
