"""The client's address, for limits and sign-in lockouts, as the configured proxies report it."""

import functools
import ipaddress

from django.conf import settings


def client_ip(request):
    """The address of whoever sent this request.

    With no trusted proxy (the default) it is the connection's address and every header is ignored,
    since any client can write X-Forwarded-For. Behind N proxies of ours the N-th entry from the right
    of X-Forwarded-For is the one our outermost proxy wrote: entries to its left can be anything. Read on
    every request the page cache answers too (the render share), so it is a split, not a parser: an
    address library took longer than the whole kept page.
    """
    meta = request.META
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        entries = meta.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(entries) >= proxies:
            address = _address(entries[-proxies])
            if address:
                return address
    return _address(meta.get("REMOTE_ADDR", "")) or ""


@functools.lru_cache(maxsize=4096)  # parsing took a tenth of a kept page; clients come back
def _address(entry):
    """The IP address in a header entry (a port or IPv6 brackets dropped), or None if it holds none."""
    entry = entry.strip()
    if entry.startswith("["):
        entry = entry[1:].partition("]")[0]
    elif entry.count(":") == 1:
        entry = entry.partition(":")[0]  # IPv4 with a port
    try:
        return str(ipaddress.ip_address(entry))
    except ValueError:
        return None
