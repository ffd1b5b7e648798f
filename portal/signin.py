"""Sign-in lockout (django-axes): the page a locked-out editor sees."""

from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a page in the site's style and the reader's language that says why and for how long."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    response = render(request, "portal/locked_out.html", context, status=429)
    # Every failed try while locked out starts the wait again (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
    response.headers["Retry-After"] = str(minutes * 60)
    return response
