"""GET /badges: the catalogue."""

from ..badges import catalogue_json
from .contract import ApiBlueprint
from .helpers import rulebook

bp = ApiBlueprint("badges", __name__)


@bp.operation("GET", "/badges", summary="The badge catalogue", responses={200: "badges.response"})
def catalogue():
    """List every badge that can be earned, with its target."""
    return {"badges": catalogue_json(rulebook())}
