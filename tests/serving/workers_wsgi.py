"""The portal's WSGI application, saying which worker answered, for the test with several workers."""

import os

from portal.wsgi import application as portal


def application(environ, start_response):
    def start_with_worker(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Worker", str(os.getpid()))], exc_info)

    return portal(environ, start_with_worker)
