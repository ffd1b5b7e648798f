"""gunicorn's settings; gunicorn reads this file from the project folder by itself.

A worker is killed after `timeout` seconds without finishing a request. It stays above the
database's connect and statement timeouts (portal/settings/base.py), so a slow or hanging
database gives the reader the site's own 503 page instead of a killed worker.

The request limits are raised above the app's own (serving/gate.py), so that an address or headers too large
reach the app and get its answer (JSON under /api/) rather than gunicorn's plain one; what passes even these
is refused by gunicorn itself, and a proxy in front should refuse it first (README, Deployment).
"""

import os

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# The request line at gunicorn's maximum, twice the header fields and twice their size of its defaults.
limit_request_line = 8190
limit_request_fields = 200
limit_request_field_size = 16380
