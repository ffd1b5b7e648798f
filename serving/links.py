"""Links readers can follow: web pages, e-mail addresses and this site's own paths, nothing else.

Checked when an editor saves (model validators) and again when a page is rendered, since rows can
also arrive by import, the shell or a restored revision.
"""

import re
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import models
from django.utils.http import escape_leading_slashes
from django.utils.translation import gettext_lazy as _

SCHEMES = ("http", "https", "mailto")
# Browsers drop tabs and newlines anywhere in a URL ("java\tscript:" runs) and control characters and
# spaces at its ends.
_IGNORED_BY_BROWSERS = re.compile(r"[\t\n\r]")
_STRIPPED_BY_BROWSERS = "".join(map(chr, range(0x21)))
_web_address = URLValidator(schemes=["http", "https"])
_email_address = EmailValidator()


def _normalised(url):
    return _IGNORED_BY_BROWSERS.sub("", url).strip(_STRIPPED_BY_BROWSERS)


def _scheme(url):
    """The URL's scheme in lower case, '' for a path; None for what leaves the site without a scheme."""
    if url.startswith(("//", "\\", "/\\")):
        return None  # scheme-relative: another host, as browsers read it
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:
        return None


def is_safe_link(url):
    """True for http, https and mailto URLs and for paths on this site."""
    url = _normalised(url or "")
    scheme = _scheme(url)
    return scheme == "" or scheme in SCHEMES


def validate_link(value):
    """An address readers may follow from content: a full http, https or mailto address."""
    url = _normalised(value)
    scheme = _scheme(url)
    if scheme not in SCHEMES:
        raise ValidationError(
            _("Links may only be web addresses (http:// or https://) or e-mail addresses (mailto:)."),
            code="scheme",
        )
    if scheme == "mailto":
        _email_address(url[len("mailto:"):].split("?", 1)[0])
    else:
        _web_address(url)


class LinkFormField(forms.CharField):
    widget = forms.URLInput
    default_validators = [validate_link]


class LinkField(models.URLField):
    """A URLField that takes http, https and mailto addresses, and nothing else (not ftp, not javascript:)."""

    default_validators = [validate_link]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LinkFormField, **kwargs})


def site_path(request):
    """The request's path to build links from: a path that starts with // would read as another host."""
    return escape_leading_slashes(request.path)


def site_full_path(request):
    """As site_path, with the query string."""
    return escape_leading_slashes(request.get_full_path())
