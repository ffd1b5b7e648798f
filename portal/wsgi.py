import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.prod")

django_application = get_wsgi_application()

# After Django is set up: kept pages for anonymous readers are answered here, the rest by Django.
from django.conf import settings  # noqa: E402

from portal.db import watchdog  # noqa: E402
from serving.gate import GateApplication  # noqa: E402
from serving.page_cache import ReaderCacheApplication  # noqa: E402
from serving.page_store import warn_if_unbounded  # noqa: E402

# The gate first: a request it refuses, or a cross-origin API request, goes straight to Django.
application = GateApplication(ReaderCacheApplication(django_application), django_application)
warn_if_unbounded()
# Readers' requests never wait on the database longer than this; commands started elsewhere may.
watchdog.enable(settings.DB_DEADLINE)
