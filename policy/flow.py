"""Follow-up questions: asked only when earlier answers make them apply.

A checker's form declares each follow-up once, with the answers it follows. That one declaration
validates (an answer to a follow-up that does not apply is ignored, never an error), tells the page's
script when to reveal the question (data attributes), and, for readers without the script, decides the
next step: the follow-ups the answers now call for are asked on a page of their own, whose address
holds the answers so far like every other checker page.
"""

from dataclasses import dataclass

from django.core.validators import EMPTY_VALUES

# The query parameter naming the follow-ups a page showed: one left empty there is a mistake to point
# out; one no page showed yet is the next step's question.
ASKED = "asked"


@dataclass(frozen=True)
class FollowUp:
    """A question that applies when every answer named in `when` is one of its values.

    `when` maps a question to its values, or to a function of the form returning them (values the form
    reads from the database). `missing`: what to say when it applies and is left empty; None when the
    rules say for themselves whether they need it.
    """

    name: str
    when: dict
    missing: str | None = None

    def conditions(self, form):
        """{question: [values]}, as text: what the script compares the page's answers with."""
        return {
            parent: sorted(str(value) for value in (values(form) if callable(values) else values))
            for parent, values in self.when.items()
        }


def applicable(form, answers):
    """Names of `form`'s follow-ups that apply to `answers` ({question: value}).

    Follow-ups are declared after the questions they follow, so one pass settles chains: a follow-up of
    a follow-up that does not apply does not apply either, whatever answer is left in it.
    """
    follow_ups = {follow_up.name for follow_up in form.follow_ups}
    applies = set()
    for follow_up in form.follow_ups:
        if all(
            _as_text(answers.get(parent)) in values and (parent not in follow_ups or parent in applies)
            for parent, values in follow_up.conditions(form).items()
        ):
            applies.add(follow_up.name)
    return applies


def next_step(form, data):
    """The follow-ups a reader without the script is asked next, in question order.

    They are those the answers now call for that no page has shown (`asked`) and that have no answer.
    None when there are none, or when another question holds a mistake: the reader then sees every
    question that applies, with the mistakes.
    """
    asked = set(data.getlist(ASKED))
    applies = form.applicable_follow_ups()
    waiting = [
        follow_up.name for follow_up in form.follow_ups
        if follow_up.name in applies and follow_up.name not in asked and form[follow_up.name].value() in EMPTY_VALUES
    ]
    if not waiting or set(form.errors) - set(waiting):
        return None
    return waiting


def _as_text(value):
    return "" if value is None else str(value)
