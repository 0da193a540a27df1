"""Public, unauthenticated Open Badges documents and the badge's page for people."""

from flask import Blueprint, Response, abort, jsonify, redirect, render_template, request

from ..badge_card import badge_card_png
from ..badges import assertion_row
from ..clock import iso
from ..credentials import credential, public_jwk, vc_jwt
from ..errors import MESSAGES, error_response
from ..openbadges import assertion, assertion_url, badge_class, image_url, issuer
from .helpers import rulebook

bp = Blueprint("badge_pages", __name__, url_prefix="/badges")
JSON_LD = "application/ld+json"


def _json_ld(document: dict, status: int = 200) -> Response:
    response = jsonify(document)
    response.status_code = status
    response.mimetype = JSON_LD
    response.headers["Access-Control-Allow-Origin"] = "*"  # verifiers fetch from anywhere
    return response


def _catalogue_badge(badge_id: str) -> dict:
    badge = rulebook().badge(badge_id)
    if badge is None:
        abort(404)
    return badge


def _wants_html() -> bool:
    if request.args.get("format") == "json":
        return False
    best = request.accept_mimetypes.best_match(
        [JSON_LD, "application/json", "text/html"], default=JSON_LD
    )
    return best == "text/html"


NO_BADGE_PAGE = (
    "<!doctype html><html lang=en><meta charset=utf-8>"
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Badge not found</title><main><h1>Badge not found</h1>"
    "<p>This badge link names no badge. Check that it was copied whole; a badge is also "
    "no longer shown once its owner has deleted their account.</p></main></html>"
)


def error_page(status: int, message: str) -> Response:
    """A badge link that names no badge (cut short, mistyped, its owner's account deleted)
    opened in a browser: a page that says so, not a JSON body in the browser of whoever
    clicked it on a profile; verifiers, which ask for JSON, still get JSON."""
    if request.path.endswith(".jwt") or not _wants_html():
        return error_response(status, MESSAGES.get(status) or message)
    return Response(NO_BADGE_PAGE, status, mimetype="text/html")


@bp.get("/issuer")
def issuer_profile():
    """The issuer profile every badge class points to."""
    return _json_ld(issuer())


@bp.get("/classes/<badge_id>")
def badge_class_document(badge_id: str):
    """The BadgeClass: what the badge means and how it is earned."""
    return _json_ld(badge_class(_catalogue_badge(badge_id)))


@bp.get("/images/<badge_id>.svg")
def badge_image(badge_id: str):
    """The badge's image."""
    svg = render_template("badge.svg", badge=_catalogue_badge(badge_id))
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "max-age=86400"})


@bp.get("/images/<badge_id>.png")
def badge_card(badge_id: str):
    """The badge's share card, for link previews (which do not show SVG)."""
    badge = _catalogue_badge(badge_id)
    png = badge_card_png(badge["name"], badge["description"], badge["icon"], issuer()["name"])
    return Response(png, mimetype="image/png", headers={"Cache-Control": "max-age=86400"})


@bp.get("/assertions/<uid>")
def assertion_document(uid: str):
    """The hosted assertion: JSON-LD for verifiers, a page with Open Graph tags for people."""
    row = assertion_row(uid)
    if row is None:
        abort(404)
    badge = _catalogue_badge(row.badge_id)
    status = 410 if row.revoked_at is not None else 200
    if _wants_html():
        html = render_template(
            "badge.html",
            row=row,
            badge=badge,
            klass=badge_class(badge),
            document=assertion(row),
            issuer=issuer(),
            card=image_url(badge["id"], "png"),
        )
        return html, status, {"Content-Type": "text/html; charset=utf-8"}
    return _json_ld(assertion(row), status)


@bp.get("/assertions/<uid>/credential.jwt")
def credential_jwt(uid: str):
    """The same badge as an Open Badges 3.0 credential, signed as a VC-JWT."""
    row = assertion_row(uid)
    if row is None:
        abort(404)
    if row.revoked_at is not None:
        return _revoked(row)
    token = vc_jwt(row, _catalogue_badge(row.badge_id))
    return Response(
        token, mimetype="application/vc+jwt", headers={"Access-Control-Allow-Origin": "*"}
    )


@bp.get("/assertions/<uid>/credential")
def credential_document(uid: str):
    """The Open Badges 3.0 credential's own id (a VC-JWT's `jti`) resolves: to its unsigned
    JSON-LD for a verifier, to the badge's page for a person."""
    row = assertion_row(uid)
    if row is None:
        abort(404)
    if _wants_html():
        return redirect(assertion_url(uid), 303)
    if row.revoked_at is not None:
        return _revoked(row)
    return _json_ld(credential(row, _catalogue_badge(row.badge_id)))


def _revoked(row) -> Response:
    """410 saying when and why, as the assertion itself does (`revocationReason`)."""
    reason = row.revoked_reason or "no reason was given"
    response = error_response(
        410,
        f"This badge was revoked on {row.revoked_at:%Y-%m-%d} ({reason}): it is no longer a "
        "valid credential, so none is issued.",
        code="badge_revoked",
        details={"revoked_at": iso(row.revoked_at), "reason": row.revoked_reason or ""},
    )
    response.headers["Access-Control-Allow-Origin"] = "*"  # a verifier may read why
    return response


@bp.get("/issuer/keys/<kid>.json")
def issuer_key(kid: str):
    """The issuer's public key as a JWK (what a VC-JWT's `kid` points to)."""
    jwk = public_jwk()
    if jwk["kid"] != kid:
        abort(404)
    response = jsonify(jwk)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
