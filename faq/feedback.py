"""“Was this article helpful?”: one vote per reader per article, limited per client, no JavaScript needed.

A "No" is followed by the reason question on the article page: the redirect carries a signed key of the
vote (the page with a query string is never kept for other readers), and the reason form sends it back.
"""

import secrets
from urllib.parse import urlencode, urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from serving.limits import over_limit

from .models import Article, ArticleFeedback
from .services import feedback_explain, feedback_record

VOTER_COOKIE = "reader"
VOTER_COOKIE_SALT = "faq.feedback"
VOTER_COOKIE_MAX_AGE = 60 * 60 * 24 * 365 * 2
VOTE_SALT = "faq.feedback.vote"
# How long after a "No" the reader may still say why.
VOTE_KEY_MAX_AGE = 60 * 60 * 24


def _comment_help():
    # Translated when shown, in the page's language; a lazy string with % would be English from import on.
    return _("At most %(limit)d characters. Please do not write personal details.") % {
        "limit": ArticleFeedback.COMMENT_MAX_LENGTH
    }


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
        help_text=lazy(_comment_help, str)(),
    )


class FeedbackReasonForm(forms.Form):
    """The question after a "No": what was wrong, for the vote the signed key names."""

    vote = forms.CharField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        label=gettext_lazy("What was wrong?"),
        choices=ArticleFeedback.Reason.choices,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    comment = FeedbackForm.base_fields["comment"]

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors and not cleaned_data.get("reason") and not cleaned_data.get("comment"):
            raise forms.ValidationError(_("Choose what was wrong, or write it in the box."))
        return cleaned_data


def vote_key(feedback):
    return signing.dumps(feedback.pk, salt=VOTE_SALT)


def vote_from_key(key, *, article):
    """The "No" vote on this article the key was given for, while the key is fresh; None otherwise."""
    try:
        pk = signing.loads(key, salt=VOTE_SALT, max_age=VOTE_KEY_MAX_AGE)
    except signing.BadSignature:
        return None
    return ArticleFeedback.objects.filter(pk=pk, article=article, helpful=False).first()


def sent_from_this_site(request):
    """True unless the browser says the form was posted from another site.

    Browsers send Origin with every POST (Referer where an older one does not): a page elsewhere
    cannot make its visitors' browsers vote here. A request with neither header is a script, which
    the rate limit governs as it governs any client.
    """
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if source is None:
        return True
    parts = urlsplit(source)
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS


def _refused(request, article):
    """The answer to a post from another site, or past the client's limit; None when it may go on."""
    if not sent_from_this_site(request):
        return render(request, "faq/feedback_refused.html", {"article": article}, status=403)
    retry_after = over_limit(request, "feedback")
    if retry_after:
        response = render(request, "faq/feedback_limited.html", {"article": article}, status=429)
        response.headers["Retry-After"] = str(retry_after)
        return response
    return None


# No CSRF token: the vote is anonymous, so a token would protect nothing that an attacker could not
# do directly by posting from a script, and its cookie would make every article page different for
# each reader, so no page could be served from the cache. What a token would stop, another site
# making its visitors' browsers vote, the Origin check stops; the rate limit holds back scripts.
@csrf_exempt
@require_POST
def article_feedback(request, article_id):
    article = get_object_or_404(Article.objects.published().select_related("category"), pk=article_id)
    refused = _refused(request, article)
    if refused:
        return refused
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return render(request, "faq/feedback_invalid.html", {"article": article, "form": form}, status=400)
    voter_key = request.get_signed_cookie(VOTER_COOKIE, default=None, salt=VOTER_COOKIE_SALT)
    voter_key = voter_key or secrets.token_urlsafe(24)
    feedback = feedback_record(article=article, voter_key=voter_key, **form.cleaned_data)
    query = {"feedback": "sent"}
    if feedback is None:
        messages.info(request, _("You have already told us about this article. Thank you."))
    else:
        messages.success(request, _("Thank you. Your answer helps us improve this article."))
        if not feedback.helpful:
            query["vote"] = vote_key(feedback)
    # A query string of its own: the browser's cached copy of the article would not show the thanks.
    response = redirect(f"{article.get_absolute_url()}?{urlencode(query)}#feedback")
    response.set_signed_cookie(
        VOTER_COOKIE, voter_key, salt=VOTER_COOKIE_SALT, max_age=VOTER_COOKIE_MAX_AGE,
        httponly=True, samesite="Lax", secure=request.is_secure(),
    )
    return response


@csrf_exempt
@require_POST
def article_feedback_reason(request, article_id):
    """What was wrong, after a "No": kept with that vote. Same checks as the vote, for the same reasons."""
    article = get_object_or_404(Article.objects.published().select_related("category"), pk=article_id)
    refused = _refused(request, article)
    if refused:
        return refused
    form = FeedbackReasonForm(request.POST)
    vote = vote_from_key(request.POST.get("vote", ""), article=article)
    if vote is None:
        messages.info(request, _("This could not be added to your vote: the page was open too long. Thank you."))
    elif not form.is_valid():
        context = {"article": article, "reason_form": form}
        return render(request, "faq/feedback_invalid.html", context, status=400)
    elif feedback_explain(feedback=vote, reason=form.cleaned_data["reason"], comment=form.cleaned_data["comment"]):
        messages.success(request, _("Thank you for telling us what was wrong. An editor will read it."))
    else:
        messages.info(request, _("You have already told us what was wrong. Thank you."))
    return redirect(f"{article.get_absolute_url()}?feedback=sent#feedback")
