from flask import Blueprint

from .. import __version__
from ..db import backend_name, database

bp = Blueprint("health", __name__)


@bp.get("/health")
def health():
    """Report that the service and its database answer."""
    database.execute_sql("SELECT 1")
    return {"status": "ok", "version": __version__, "database": backend_name()}
