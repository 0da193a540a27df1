"""GET /health: is the service up, and its database?"""

from .. import __version__
from ..db import backend_name, database
from .contract import ApiBlueprint

bp = ApiBlueprint("health", __name__)


@bp.operation(
    "GET",
    "/health",
    summary="Check that the service and its database answer",
    responses={200: "health.response"},
    auth=False,
)
def health():
    """Report that the service and its database answer."""
    database.execute_sql("SELECT 1")
    return {"status": "ok", "version": __version__, "database": backend_name()}
