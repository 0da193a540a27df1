"""GET /health: is the service up, and each part it depends on?"""

import logging

from .. import __version__
from ..db import backend_name, database
from ..limits import store_state
from .contract import ApiBlueprint

bp = ApiBlueprint("health", __name__)
log = logging.getLogger(__name__)


@bp.operation(
    "GET",
    "/health",
    summary="Check that the service answers, and report each dependency's state",
    responses={200: "health.response", 503: "health.response"},
    descriptions={
        200: "Serving: `ok`, or `degraded` when an optional part (the rate-limit store) is down",
        503: "Not serving: the database does not answer",
    },
    auth=False,
)
def health():
    """Report the service's state and each dependency's: the database, the rate-limit store."""
    dependencies = {"database": _database_state(), "rate_limits": store_state()}
    states = {d["state"] for d in dependencies.values()}
    status = "down" if "down" in states else "degraded" if "degraded" in states else "ok"
    body = {
        "status": status,
        "version": __version__,
        "database": backend_name(),
        "dependencies": dependencies,
    }
    return body, 503 if status == "down" else 200


def _database_state() -> dict:
    try:
        database.execute_sql("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure means it does not answer
        log.error("health: the database does not answer (%s)", type(error).__name__)
        return {"state": "down", "kind": backend_name(), "message": "does not answer"}
    return {"state": "ok", "kind": backend_name()}
