"""A bare Django view that says "hello": the floor every page of the portal is measured against.

No middleware, no database, no templates; served by the same gunicorn with the same workers.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(DEBUG=False, SECRET_KEY="bench-hello", ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, MIDDLEWARE=[])


def hello(request):
    return HttpResponse("hello")


urlpatterns = [path("", hello)]
application = get_wsgi_application()
