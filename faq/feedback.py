"""“Was this article helpful?”: one vote per reader per article, limited per client, no JavaScript needed."""

import secrets

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal.limits import over_limit

from .models import Article, ArticleFeedback
from .services import feedback_record

VOTER_COOKIE = "reader"
VOTER_COOKIE_SALT = "faq.feedback"
VOTER_COOKIE_MAX_AGE = 60 * 60 * 24 * 365 * 2


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=gettext_lazy("Was this article helpful?"),
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    reason = forms.ChoiceField(
        label=gettext_lazy("If not, what was wrong? (optional)"),
        choices=ArticleFeedback.Reason.choices,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    comment = forms.CharField(
        label=gettext_lazy("Anything else? (optional)"),
        max_length=ArticleFeedback.COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("At most %(limit)d characters. Please do not write personal details.")
        % {"limit": ArticleFeedback.COMMENT_MAX_LENGTH},
    )


@require_POST
def article_feedback(request, article_id):
    article = get_object_or_404(Article.objects.published().select_related("category"), pk=article_id)
    retry_after = over_limit(request, "feedback")
    if retry_after:
        response = render(request, "faq/feedback_limited.html", {"article": article}, status=429)
        response.headers["Retry-After"] = str(retry_after)
        return response
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return render(request, "faq/feedback_invalid.html", {"article": article, "form": form}, status=400)
    voter_key = request.get_signed_cookie(VOTER_COOKIE, default=None, salt=VOTER_COOKIE_SALT)
    voter_key = voter_key or secrets.token_urlsafe(24)
    if feedback_record(article=article, voter_key=voter_key, **form.cleaned_data):
        messages.success(request, _("Thank you. Your answer helps us improve this article."))
    else:
        messages.info(request, _("You have already told us about this article. Thank you."))
    response = redirect(article.get_absolute_url() + "#feedback")
    response.set_signed_cookie(
        VOTER_COOKIE, voter_key, salt=VOTER_COOKIE_SALT, max_age=VOTER_COOKIE_MAX_AGE,
        httponly=True, samesite="Lax", secure=request.is_secure(),
    )
    return response
