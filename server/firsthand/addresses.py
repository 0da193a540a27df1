"""Email addresses in their one spelling, and whether a text names a given one.

Kept apart from accounts (which records to the audit log) so the audit log can use them too.
"""

from __future__ import annotations

import re
import unicodedata

import idna

from .input_guard import INVISIBLE, INVISIBLE_CHARS

# An address inside a longer text ("Dan <dan@example.com>"): what accounts.EMAIL allows in an
# address, up to whatever cannot be part of one.
_ADDRESS_CHAR = rf"[^@\s<>()\[\],;:\"\\\x00-\x1f\x7f-\x9f{INVISIBLE_CHARS}]"
# From the start of a run of such characters only, taken whole (possessive): tried at every
# start of a long run with no "@", it took 4.6 s on 20,000 characters (a CSV cell holds 131,072).
ADDRESS_IN_TEXT = re.compile(rf"(?<!{_ADDRESS_CHAR}){_ADDRESS_CHAR}++@{_ADDRESS_CHAR}++")
# Around an address in prose: quotes and brackets before it, punctuation and a possessive
# after its domain ("“dan@example.com”", "dan@example.com's post", "write to dan@x.com!").
_LEADING = "\"'‘“«("
_DOMAIN_END = re.compile(r"[^\w.-]")


def normalise_email(email: str) -> str:
    """An address in its one spelling: NFKC (full-width ａｎｎ is ann, a decomposed ë the
    composed one, so a look-alike cannot be a second account), trimmed, in lower case, and an
    international domain in its Unicode name (ann@xn--bcher-kva.example, as DNS spells it,
    is ann@bücher.example: one mailbox, so one account)."""
    spelt = unicodedata.normalize("NFKC", email).strip().lower()
    local, at, domain = spelt.rpartition("@")
    return f"{local}@{unicode_domain(domain)}" if at else spelt


def unicode_domain(domain: str) -> str:
    """A domain in its Unicode name (UTS 46, as browsers and mail programs show it), unchanged
    when it is plain ASCII or is no domain name (the address check then says so)."""
    if (domain.isascii() and "xn--" not in domain) or len(domain) > 253:
        return domain  # (and a pasted megabyte is not mapped character by character)
    try:
        return idna.decode(idna.encode(domain, uts46=True))
    except UnicodeError:  # idna.IDNAError is one
        return domain


def names_address(text: str, email: str) -> bool:
    """Whether `text` is `email` or holds it as a whole address, in any spelling of it
    (ÉMILE@EXAMPLE.COM, ＢＯＢ@…, a domain as DNS spells it). Only whole: jordan@example.com
    holds "dan@example.com" as characters, and is someone else."""
    wanted = normalise_email(INVISIBLE.sub("", email))
    plain = unicodedata.normalize("NFKC", INVISIBLE.sub("", text))
    if normalise_email(plain) == wanted:
        return True
    return any(_address_in(found.group()) == wanted for found in ADDRESS_IN_TEXT.finditer(plain))


def _address_in(found: str) -> str:
    """The address a run of address characters holds in prose, in its one spelling: without the
    quotes before it, and its domain up to what no domain holds (an apostrophe, "!", a closing
    quote) and a full stop ending the sentence."""
    local, _, domain = found.rpartition("@")
    domain = _DOMAIN_END.split(domain, maxsplit=1)[0].rstrip(".")
    return normalise_email(f"{local.lstrip(_LEADING)}@{domain}")
