"""Previews of articles in any status, on the public template: for staff, and by signed link for a
reviewer without an account."""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .markdown import render_markdown
from .models import Article
from .selectors import article_with_page_content

_SALT = "faq.preview"
# Far above any article; a bigger post is not an article being written.
MARKDOWN_PREVIEW_MAX_LENGTH = 100_000


def preview_path(article):
    """Staff's preview of the article, under its own language prefix as its public page is, whatever
    language the editor's admin is in."""
    with translation.override(article.language):
        return reverse("faq:article_preview", args=[article.pk])


def preview_link_path(article):
    """A reviewer's link to the article, in its language, valid for FAQ_PREVIEW_LINK_MAX_AGE seconds."""
    token = signing.TimestampSigner(salt=_SALT).sign(str(article.pk))
    with translation.override(article.language):
        return reverse("faq:article_review", kwargs={"token": token})


@staff_member_required
def article_preview(request, article_id):
    if not request.user.has_perm("faq.view_article"):
        raise PermissionDenied
    return _render_preview(request, article_id)


@require_POST
@staff_member_required
def markdown_preview(request):
    """The article form's live preview: the editor's Markdown through the public page's own renderer."""
    if not (request.user.has_perm("faq.add_article") or request.user.has_perm("faq.change_article")):
        raise PermissionDenied
    text = request.POST.get("text")
    if text is None:
        return JsonResponse({"errors": {"text": [_("Send the Markdown to preview as “text”.")]}}, status=400)
    if len(text) > MARKDOWN_PREVIEW_MAX_LENGTH:
        message = _("The text is too long to preview (at most %(max)d characters).") % {
            "max": MARKDOWN_PREVIEW_MAX_LENGTH
        }
        return JsonResponse({"errors": {"text": [message]}}, status=400)
    response = JsonResponse({"html": str(render_markdown(text.replace("\r\n", "\n")))})
    response["Cache-Control"] = "private, no-store"
    return response


def article_review(request, token):
    try:
        article_id = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=settings.FAQ_PREVIEW_LINK_MAX_AGE)
    except signing.SignatureExpired:
        return render(request, "faq/preview_link_invalid.html", {"expired": True}, status=410)
    except signing.BadSignature:
        return render(request, "faq/preview_link_invalid.html", {"expired": False}, status=403)
    return _render_preview(request, article_id)


def _render_preview(request, article_id):
    article = get_object_or_404(article_with_page_content(Article.objects.all()), pk=article_id)
    crumbs = [{"title": article.category.name, "url": article.category.get_absolute_url()}]
    response = render(request, "faq/article_detail.html", {"article": article, "crumbs": crumbs, "preview": True})
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
