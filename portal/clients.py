"""The client's address, for limits and sign-in lockouts, as the configured proxies report it."""

from django.conf import settings
from ipware import get_client_ip


def client_ip(request):
    """The address of whoever sent this request.

    With no trusted proxy (the default) it is the connection's address and every header is ignored,
    since any client can write X-Forwarded-For. Behind N proxies of ours the N-th entry from the right
    of X-Forwarded-For is the one our outermost proxy wrote: entries to its left can be anything.
    """
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        # ipware counts the proxies listed in the header; the last proxy is the connection itself.
        address, _routable = get_client_ip(
            request, proxy_count=proxies - 1, request_header_order=["HTTP_X_FORWARDED_FOR"], strict=False
        )
        if address:
            return address
    address, _routable = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
    return address or ""
