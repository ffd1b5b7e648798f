"""What editors are told about an article beyond its stored status: whether readers see it now
(scheduled and expired are published articles readers do not see), and what is missing when it is
published."""

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Article


def reader_state(article, now=None):
    """The article's status as readers meet it: Draft, In review, Scheduled, Expired, Published or Archived."""
    if article.status != Article.Status.PUBLISHED:
        return article.get_status_display()
    now = now or timezone.now()
    if article.publish_at and article.publish_at > now:
        return _("Scheduled for %(when)s") % {"when": _when(article.publish_at)}
    if article.expire_at and article.expire_at <= now:
        return _("Expired on %(when)s") % {"when": _when(article.expire_at)}
    if article.expire_at:
        return _("Published until %(when)s") % {"when": _when(article.expire_at)}
    return article.get_status_display()


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def publish_warnings(article):
    """What a published article lacks that readers expect: a legal basis, an "In short", a translation.
    Publishing still goes ahead; the publisher is told."""
    missing = []
    if not article.legal_reference_links.exists():
        missing.append(_("It has no legal basis."))
    if not article.summary.strip():
        missing.append(_("It has no “In short”."))
    if article.translation_of_id is None:
        translated = set(article.translations.values_list("language", flat=True))
        names = dict(settings.LANGUAGES)
        for code, _name in settings.LANGUAGES:
            if code != article.language and code not in translated:
                missing.append(_("It has no translation into %(language)s.") % {"language": names[code]})
    return missing


def warn_on_publish(model_admin, request, article):
    """A warning message for each thing the just-published `article` lacks."""
    for warning in publish_warnings(article):
        model_admin.message_user(request, publish_warning_message(article, warning), level="warning")


def publish_warning_message(article, warning):
    return _("“%(title)s” is published. %(warning)s") % {"title": article.title, "warning": warning}
