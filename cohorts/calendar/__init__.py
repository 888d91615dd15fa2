"""Calendar, a feature app of cohorts: each person's private iCalendar feed (token + feed).

It reads sessions (attendance), assignments and extensions (coursework) and seminar seats
through the access package; nothing in the kernel imports it.
"""
