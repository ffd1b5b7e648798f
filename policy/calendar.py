"""An answer's dates to act by, as an iCalendar file (RFC 5545) the reader's calendar app opens.

Written with the icalendar library rather than by hand: it folds long lines, escapes commas and
semicolons in Chinese text, and writes the dates as calendars expect them.
"""

import hashlib
from datetime import UTC, datetime, time, timedelta

from icalendar import Calendar, Event

from .rules.decision import Outcome
from .rules.pay_again import PAYING
from .typography import typeset
from .wording import render
from .wording.pay_again import CALENDAR_EVENTS

# The payment period's last day is a date to act by only where the answer says to pay within it.
PAY_WITHIN_PERIOD = frozenset({Outcome.CAN_PAY, Outcome.CAN_PAY_AFTER_BREAK, Outcome.COLLECTION_NOT_OPEN})


def answer_days(decision, answers):
    """(figure, day, title) for each day from the answer's date on that it tells the reader to pay by, or that
    a waiting period ends on; none for an answer that names no such day."""
    figures = decision.figures
    wanted = ["next_year_pay_until", "next_year_benefits_from"]
    if decision.outcome in PAY_WITHIN_PERIOD:
        wanted.insert(0, "collection_end")
    if decision.outcome in PAYING:
        wanted.insert(1, "benefits_from")
    values = {**answers, **figures}
    return [
        (figure, figures[figure], typeset(render(CALENDAR_EVENTS[figure], values)))
        for figure in wanted if figures.get(figure) is not None and figures[figure] >= decision.as_of
    ]


def answer_calendar(days, *, as_of, address, summary):
    """The .ics text: one all-day event per day, with the answer's summary and address."""
    calendar = Calendar()
    calendar.add("prodid", "-//Social Security Help//Checker answers//EN")
    calendar.add("version", "2.0")
    # The address holds every answer and the day they were worked out for, so it names the events too.
    key = hashlib.sha256(address.encode()).hexdigest()[:16]
    for figure, day, title in days:
        event = Event()
        event.add("uid", f"{key}-{figure}@checkers")
        # The moment the answer was worked out for, so the same answer always gives the same file.
        event.add("dtstamp", datetime.combine(as_of, time(), tzinfo=UTC))
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", title)
        event.add("description", f"{summary}\n{address}")
        event.add("url", address)
        calendar.add_component(event)
    return calendar.to_ical()
