"""Open Badges 2.0 hosted assertions: every earned badge is verifiable at a public URL."""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from flask import current_app

from .clock import iso
from .models import UserBadge

CONTEXT = "https://w3id.org/openbadges/v2"


def base_url() -> str:
    return current_app.config["PUBLIC_URL"]


def issuer_id() -> str:
    return f"{base_url()}/badges/issuer"


def class_id(badge_id: str) -> str:
    return f"{base_url()}/badges/classes/{badge_id}"


def image_url(badge_id: str, kind: str = "svg") -> str:
    """The badge's image: `svg` for badge documents, `png` for link previews."""
    return f"{base_url()}/badges/images/{badge_id}.{kind}"


def assertion_url(uid: str) -> str:
    return f"{base_url()}/badges/assertions/{uid}"


def issuer() -> dict:
    config = current_app.config
    return {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": issuer_id(),
        "name": config["ISSUER_NAME"],
        "url": base_url(),
        "email": config["ISSUER_EMAIL"],
    }


def badge_class(badge: dict) -> dict:
    return {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": class_id(badge["id"]),
        "name": badge["name"],
        "description": badge["description"],
        "image": image_url(badge["id"]),
        "criteria": {
            "narrative": f"{badge['description']} Recorded by Firsthand, which counts "
            "shares employees log of their own posts."
        },
        "issuer": issuer_id(),
    }


def hashed_email(email: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((email.lower() + salt).encode()).hexdigest()


def assertion(row: UserBadge) -> dict:
    """The hosted assertion; a revoked one says so (served with 410 Gone)."""
    document = {"@context": CONTEXT, "type": "Assertion", "id": assertion_url(row.uid)}
    if row.revoked_at is not None:
        return {**document, "revoked": True, "revocationReason": row.revoked_reason or ""}
    return {
        **document,
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": row.salt,
            "identity": hashed_email(row.user.email, row.salt),
        },
        "badge": class_id(row.badge_id),
        "verification": {"type": "hosted"},
        "issuedOn": iso(row.earned_at),
    }


def add_to_linkedin_url(row: UserBadge, badge: dict) -> str:
    """LinkedIn's "Add licence or certification" link, pre-filled with this assertion."""
    query = urlencode(
        {
            "startTask": "CERTIFICATION_NAME",
            "name": badge["name"],
            "organizationName": current_app.config["ISSUER_NAME"],
            "issueYear": row.earned_at.year,
            "issueMonth": row.earned_at.month,
            "certUrl": assertion_url(row.uid),
            "certId": row.uid,
        }
    )
    return f"https://www.linkedin.com/profile/add?{query}"
