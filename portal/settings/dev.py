"""Local development: DEBUG on unless DJANGO_DEBUG says otherwise."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY, env_bool

DEBUG = env_bool("DJANGO_DEBUG", default=True)
# A fixed key is acceptable only on a developer's own machine.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-used-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
