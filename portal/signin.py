"""Sign-in lockout (django-axes): who is locked, and the page a locked-out editor sees."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render


class PairThenAddressHandler(AxesDatabaseHandler):
    """Failures lock the pair of username and address (AXES_FAILURE_LIMIT); an address alone is locked only
    after more failures across usernames (SIGNIN_ADDRESS_FAILURE_LIMIT). A username alone is never locked,
    so nobody can keep an editor out by failing with their name from elsewhere.

    django-axes counts every group of AXES_LOCKOUT_PARAMETERS against one limit; here the address's count
    is held to its own limit and reported in the pair's terms.
    """

    def get_failures(self, request, credentials=None):
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if address >= settings.SIGNIN_ADDRESS_FAILURE_LIMIT:
            return max(pair, settings.AXES_FAILURE_LIMIT)
        return pair


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a page in the site's style and the reader's language that says why and for how long."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    response = render(request, "portal/locked_out.html", context, status=429)
    # Every failed try while locked out starts the wait again (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
    response.headers["Retry-After"] = str(minutes * 60)
    return response
