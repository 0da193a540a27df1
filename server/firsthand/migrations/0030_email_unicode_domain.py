"""Stored addresses with an international domain in its Unicode name
(addresses.unicode_domain): ann@xn--bcher-kva.example, as DNS spells it, and ann@bücher.example
are one mailbox, but were stored as typed, so inviting the other spelling made a second
account. As 0020 did, an address whose new spelling another account already holds keeps its
own (two people are never merged; typing it now finds the other account). Frozen: UTS 46 by
the idna package, for domains that are not plain ASCII or hold an xn-- label."""

import idna


def _respelt(email: str) -> str:
    local, _, domain = email.rpartition("@")
    if (domain.isascii() and "xn--" not in domain) or len(domain) > 253:
        return email
    try:
        return f"{local}@{idna.decode(idna.encode(domain, uts46=True))}"
    except UnicodeError:
        return email


def up(migrator, db):
    p = db.param
    for user_id, email in db.execute_sql('SELECT "id", "email" FROM "user"').fetchall():
        spelt = _respelt(email)
        if spelt == email:
            continue
        taken = db.execute_sql('SELECT 1 FROM "user" WHERE "email" = ' + p, [spelt]).fetchone()
        if taken is None:
            db.execute_sql(f'UPDATE "user" SET "email" = {p} WHERE "id" = {p}', [spelt, user_id])


def down(migrator, db):
    pass  # the Unicode spelling is a valid address in the older rules too
