"""The kinds of figure a decision carries. Each checker declares its figures (name: kind) beside its rules,
so that the API's document says what each answer may hold, and a test holds the rules to it."""

from enum import Enum


class Figure(Enum):
    DATE = "date"  # a day, written YYYY-MM-DD
    WHOLE = "whole"  # a whole number
    YEARS = "years"  # years as a decimal, written as text: "18.5"
    MONTH = "month"  # a month, written YYYY-MM
    AGE = "age"  # {"years": whole, "months": whole}
    RANGE = "range"  # {"min": whole, "max": whole}
    REQUIRED_YEARS_ROWS = "required_years_rows"  # the region's rows: first_day, last_day, men_years, ...
