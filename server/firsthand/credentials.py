"""Open Badges 3.0: each earned badge also as a Verifiable Credential signed as a VC-JWT.

RS256 is the algorithm the specification names as the interoperable minimum. The signing
key is generated once into the instance folder (like the token key); its public half is
served as a JWK at the URL the JWT header's `kid` names.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import current_app

from .clock import iso
from .models import UserBadge
from .openbadges import assertion_url, base_url, class_id, hashed_email, image_url, issuer_id

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def signing_key() -> rsa.RSAPrivateKey:
    """The issuer's RSA key, created on first use (mode 600); cached on the app."""
    cached = current_app.extensions.get("firsthand.ob3_key")
    if cached is None:
        path = Path(current_app.config["OB3_KEY_FILE"])
        cached = _load_or_create(path)
        current_app.extensions["firsthand.ob3_key"] = cached
    return cached


def _load_or_create(path: Path) -> rsa.RSAPrivateKey:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker made it first, or it exists from before
        return serialization.load_pem_private_key(path.read_bytes(), password=None)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def public_jwk() -> dict:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(signing_key().public_key()))
    return {**jwk, "kid": key_id(jwk), "alg": "RS256", "use": "sig"}


def key_id(jwk: dict) -> str:
    """RFC 7638 thumbprint: a new key gets a new id, so old credentials keep verifying."""
    canonical = json.dumps({k: jwk[k] for k in ("e", "kty", "n")}, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def key_url(kid: str) -> str:
    return f"{base_url()}/badges/issuer/keys/{kid}.json"


def credential(row: UserBadge, badge: dict) -> dict:
    """The OpenBadgeCredential for an earned badge."""
    config = current_app.config
    return {
        "@context": CONTEXTS,
        "id": f"{assertion_url(row.uid)}/credential",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer_id(),
            "type": ["Profile"],
            "name": config["ISSUER_NAME"],
            "url": base_url(),
            "email": config["ISSUER_EMAIL"],
        },
        "validFrom": iso(row.earned_at),
        "name": badge["name"],
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": row.salt,
                    "identityHash": hashed_email(row.user.email, row.salt),
                }
            ],
            "achievement": {
                "id": class_id(badge["id"]),
                "type": ["Achievement"],
                "name": badge["name"],
                "description": badge["description"],
                "criteria": {"narrative": badge["description"]},
                "image": {"id": image_url(badge["id"]), "type": "Image"},
            },
        },
    }


def vc_jwt(row: UserBadge, badge: dict) -> str:
    """The credential signed as a VC-JWT (RS256; `kid` resolves to the public JWK)."""
    document = credential(row, badge)
    claims = {
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "nbf": int(row.earned_at.timestamp()),
        "vc": document,
    }
    kid = key_url(public_jwk()["kid"])
    return jwt.encode(claims, signing_key(), algorithm="RS256", headers={"kid": kid, "typ": "JWT"})
