"""The checkers' rules as plain Python.

Facts, an as_of date and the parameters in force go in; a Decision comes out. No Django,
no clock and no settings here: the caller supplies everything, so every answer can be replayed.
Wording lives on the Django side (policy/wording/, one module per checker); the rules return enum
members for outcomes and reasons, clause ids and figures.
"""
