"""Sending email (console sign-in links, connect links) with smtplib.

Configured by one URL, FIRSTHAND_SMTP_URL:
    smtp://user:pass@host:587?starttls=1&from=Firsthand%20<firsthand@acme.example>
    smtps://user:pass@host:465?from=firsthand@acme.example      (TLS from the start)
    smtp://127.0.0.1:1025?from=firsthand@localhost                (no auth, no TLS)
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import parse_qs, unquote, urlparse

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


def message(to: str, subject: str, body: str, sender: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip(">"))
    msg.set_content(body)
    return msg


def send_many(messages: list[tuple[str, str, str]], url: str | None = None) -> int:
    """Send (to, subject, body) messages over one SMTP connection; return how many went.

    Raises OSError/smtplib.SMTPException when the server cannot be reached or refuses.
    """
    settings = parse_smtp_url(url or current_app.config["SMTP_URL"])
    context = ssl.create_default_context()
    if settings.tls:
        client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=30, context=context)
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=30)
    with client:
        if settings.starttls:
            client.starttls(context=context)
        if settings.username:
            client.login(settings.username, settings.password or "")
        for to, subject, body in messages:
            client.send_message(message(to, subject, body, settings.sender))
    return len(messages)
