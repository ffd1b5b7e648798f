from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .selectors import site_help


def site(request):
    # Lazy: only pages that show the help block read the settings row.
    return {"portal_name": settings.PORTAL_NAME, "site_help": SimpleLazyObject(site_help)}
