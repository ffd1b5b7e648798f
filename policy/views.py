from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from insights.counts import count_served
from serving.page_rules import cache_for_readers, keep_for_query

from .calendar import answer_calendar, answer_days
from .checkers import get_checker, related_checker
from .choices import CheckerSlug
from .flow import next_step
from .selectors import region_office, related_articles
from .services import checker_form, checker_params, checker_run, next_year_query
from .wording import CHECKER_INTROS, CHECKER_NEEDS, present

CHECKERS_CRUMB = _("Checkers")


@cache_for_readers
def checker_list(request):
    checkers = [{"checker": get_checker(slug), "intro": CHECKER_INTROS[slug]} for slug in CheckerSlug]
    crumbs = [{"title": CHECKERS_CRUMB, "url": reverse("policy:checker_list")}]
    return render(request, "policy/checker_list.html", {"checkers": checkers, "crumbs": crumbs})


@cache_for_readers
def checker_start(request, checker):
    checker = _get_checker_or_404(checker)
    context = {
        "checker": checker,
        "intro": CHECKER_INTROS[checker.slug],
        "needs": CHECKER_NEEDS[checker.slug],
        "crumbs": _crumbs(checker),
    }
    return render(request, "policy/checker_start.html", context)


@cache_for_readers(query_string=checker_params)
def checker_questions(request, checker):
    """The questions, filled in from the query string when a change link brings the reader back."""
    checker = _get_checker_or_404(checker)
    form = checker_form(checker=checker, initial=request.GET.dict())
    response = _render_questions(request, checker, form)
    keep_for_query(response, {name: request.GET[name] for name in form.fields if name in request.GET})
    if not request.GET:  # a change link back to the questions is not a new start
        count_served(
            request, response, "insights.counts.checker_use_record",
            checker=checker.slug.value, language=get_language(), event="started",
        )
    return response


@cache_for_readers(query_string=checker_params)
def checker_answer(request, checker):
    checker = _get_checker_or_404(checker)
    form, decision = checker_run(checker=checker, data=request.GET)
    if decision is None:
        # 200, not 400: to the reader this is a question page, the next step or the mistakes to put right.
        # Not kept: it shows what was typed, and only validated answers key a kept page.
        step = next_step(form, request.GET)
        if step:
            return _render_step(request, checker, form.query(), step)
        return _render_questions(request, checker, form)
    query = form.query()
    shared = _shared_query(query, decision)
    next_year = next_year_query(form, decision)
    questions_url = reverse("policy:checker_questions", args=[checker.slug])
    answer_url = reverse("policy:checker_answer", args=[checker.slug])
    answers = [
        {"label": label, "value": value, "change_url": f"{questions_url}?{urlencode(query)}#{form[name].anchor}"}
        for name, label, value in form.answers()
    ]
    context = {
        "checker": checker,
        "decision": decision,
        "answer": present(decision, form.summary_values()),
        "answers": answers,
        "articles": related_articles(checker.slug),
        "related_checker": related_checker(checker, form.cleaned_data),
        "office": region_office(checker.form_class.region_model, form.cleaned_data.get("region", "")),
        "next_year_url": next_year and f"{answer_url}?{urlencode(next_year)}",
        "crumbs": [*_crumbs(checker), {"title": _("Your answer"), "url": ""}],
        # The answer is its URL: shared, bookmarked or printed, the address keeps every answer given.
        "canonical_path": f"{request.path}?{urlencode(query)}",
        # Shared, the address also keeps the day the answer was worked out for, so it stays this answer.
        "share_url": request.build_absolute_uri(f"{answer_url}?{urlencode(shared)}"),
        # A link that brought a day shows that day's answer, and leads to today's.
        "today_url": "as_of" in query and f"{answer_url}?{urlencode(_without_date(query))}",
        "calendar_url": answer_days(decision, form.summary_values())
        and f"{reverse('policy:checker_calendar', args=[checker.slug])}?{urlencode(shared)}",
    }
    response = render(request, "policy/checker_outcome.html", context)
    keep_for_query(response, query)
    count_served(
        request, response, "insights.counts.checker_use_record",
        checker=checker.slug.value, language=get_language(), event="answered", outcome=decision.outcome.value,
    )
    return response


@cache_for_readers(query_string=checker_params)
def checker_calendar(request, checker):
    """The answer's days to act by, as an .ics file; 404 for answers that name none."""
    checker = _get_checker_or_404(checker)
    form, decision = checker_run(checker=checker, data=request.GET)
    days = decision and answer_days(decision, form.summary_values())
    if not days:
        raise Http404("This answer names no day to act by.")
    query = form.query()
    address = request.build_absolute_uri(
        f"{reverse('policy:checker_answer', args=[checker.slug])}?{urlencode(_shared_query(query, decision))}"
    )
    summary = present(decision, form.summary_values())["summary"]
    body = answer_calendar(days, as_of=decision.as_of, address=address, summary=summary)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{checker.slug}-answer.ics"'
    keep_for_query(response, query)
    return response


def _shared_query(query, decision):
    """The answers with the day they were worked out for: what a link to this answer carries."""
    return {**query, "as_of": decision.as_of.isoformat()}


def _without_date(query):
    return {name: value for name, value in query.items() if name != "as_of"}


def _render_questions(request, checker, form, **extra):
    context = {
        "checker": checker,
        "form": form,
        "action": reverse("policy:checker_answer", args=[checker.slug]),
        "crumbs": [*_crumbs(checker), {"title": _("Questions"), "url": ""}],
        **extra,
    }
    return render(request, "policy/checker_questions.html", context)


def _render_step(request, checker, answers, step):
    """The follow-ups the answers so far call for, on a page of their own: what a reader without the script
    is asked after the first questions. Back leads to those questions, answered."""
    form = checker_form(checker=checker, initial=answers)
    form.step = step
    back_url = f"{reverse('policy:checker_questions', args=[checker.slug])}?{urlencode(answers)}"
    return _render_questions(request, checker, form, carried=answers.items(), back_url=back_url)


def _get_checker_or_404(slug):
    checker = get_checker(slug)
    if checker is None:
        raise Http404("No such checker.")
    return checker


def _crumbs(checker):
    return [
        {"title": CHECKERS_CRUMB, "url": reverse("policy:checker_list")},
        {"title": checker.title, "url": reverse("policy:checker_start", args=[checker.slug])},
    ]
