"""Sending email (console sign-in links, connect links) with smtplib.

Configured by one URL, FIRSTHAND_SMTP_URL:
    smtp://user:pass@host:587?starttls=1&from=Firsthand%20<firsthand@acme.example>
    smtps://user:pass@host:465?from=firsthand@acme.example      (TLS from the start)
    smtp://127.0.0.1:1025?from=firsthand@localhost                (no auth, no TLS)
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr
from urllib.parse import parse_qs, unquote, urlparse

import idna
from flask import current_app


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    tls: bool  # smtps: TLS from the first byte
    starttls: bool
    username: str | None
    password: str | None
    sender: str


def parse_smtp_url(url: str) -> SmtpSettings:
    """Read FIRSTHAND_SMTP_URL; ValueError says what is wrong with it."""
    parts = urlparse(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("FIRSTHAND_SMTP_URL must look like smtp://user:pass@host:587?from=…")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    sender = query.get("from") or (
        f"firsthand@{parts.hostname}" if "." in parts.hostname else "firsthand@localhost"
    )
    return SmtpSettings(
        host=parts.hostname,
        port=parts.port or (465 if parts.scheme == "smtps" else 587),
        tls=parts.scheme == "smtps",
        starttls=query.get("starttls", "0").lower() in ("1", "true", "yes"),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        sender=sender,
    )


def configured() -> bool:
    return bool(current_app.config.get("SMTP_URL"))


class Unsendable(ValueError):
    """An address this mail server cannot take (said to the admin, per person)."""


def for_server(address: str, smtputf8: bool) -> str:
    """`address` as the server can take it: as stored (Unicode, migration 0030) when it
    speaks SMTPUTF8, else with its domain in its IDNA form (ann@xn--bcher-kva.example, the
    same mailbox); a name before the @ that is not plain ASCII needs SMTPUTF8."""
    name, address = parseaddr(address) if "<" in address else ("", address)
    if address.isascii() or smtputf8:
        return formataddr((name, address)) if name else address
    local, _, domain = address.rpartition("@")
    if not local.isascii():
        raise Unsendable(
            "the mail server cannot take an address whose part before the @ is not in plain "
            "letters (it does not offer SMTPUTF8)"
        )
    try:
        domain = idna.encode(domain, uts46=True).decode("ascii")
    except idna.IDNAError as error:
        raise Unsendable(f"its domain cannot be written for the mail server ({error})") from error
    address = f"{local}@{domain}"
    return formataddr((name, address)) if name else address


def message(to: str, subject: str, body: str, sender: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip(">"))
    msg.set_content(body)
    return msg


@dataclass
class Delivery:
    """What became of a batch of messages, by address: sent, refused (why, for that person)
    and not tried (the server stopped answering: `stopped` says how)."""

    sent: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    unsent: list[str] = field(default_factory=list)
    stopped: str | None = None

    @property
    def complete(self) -> bool:
        return not (self.refused or self.unsent)


def send_many(messages: list[tuple[str, str, str]], url: str | None = None) -> Delivery:
    """Send (to, subject, body) messages over one SMTP connection; say what became of each.

    Raises OSError/smtplib.SMTPException when the server cannot be reached or refuses us
    (nothing was sent then). Past that, an address the server refuses (or cannot take: an
    international one without SMTPUTF8) is that person's failure and the others are still
    sent; a server that stops answering leaves the rest unsent, said as such.
    """
    settings = parse_smtp_url(url or current_app.config["SMTP_URL"])
    context = ssl.create_default_context()
    if settings.tls:
        client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=30, context=context)
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=30)
    delivery = Delivery()
    with client:
        if settings.starttls:
            client.starttls(context=context)
        if settings.username:
            client.login(settings.username, settings.password or "")
        client.ehlo_or_helo_if_needed()
        smtputf8 = client.has_extn("smtputf8")
        sender = for_server(settings.sender, smtputf8)  # a wrong sender: nothing is sent
        for n, (to, subject, body) in enumerate(messages):
            try:
                client.send_message(message(for_server(to, smtputf8), subject, body, sender))
            except Unsendable as error:
                delivery.refused[to] = str(error)
            except smtplib.SMTPRecipientsRefused as error:
                code, said = next(iter(error.recipients.values()), (0, b""))
                delivery.refused[to] = f"the mail server refused the address ({code} {_said(said)})"
            except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
                said = f"{error.smtp_code} {_said(error.smtp_error)}"
                delivery.refused[to] = f"the mail server refused the message ({said})"
            except smtplib.SMTPNotSupportedError as error:
                delivery.refused[to] = f"the mail server cannot take it ({error})"
            except (OSError, smtplib.SMTPException) as error:  # the connection is gone
                delivery.unsent = [address for address, _, _ in messages[n:]]
                delivery.stopped = f"the mail server stopped answering ({type(error).__name__})"
                break
            else:
                delivery.sent.append(to)
    return delivery


def _said(text: bytes | str) -> str:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return " ".join(text.split())[:200]
