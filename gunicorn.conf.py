"""gunicorn's settings; gunicorn reads this file from the project folder by itself.

A worker is killed after `timeout` seconds without finishing a request. It stays above the
database's connect and statement timeouts (portal/settings/base.py), so a slow or hanging
database gives the reader the site's own 503 page instead of a killed worker.
"""

import os

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
