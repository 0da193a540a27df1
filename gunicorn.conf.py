# gunicorn reads this file when started from the repository's root: Firsthand's settings.
from firsthand.gunicorn_conf import *  # noqa: F403
