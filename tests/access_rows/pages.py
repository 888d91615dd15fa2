"""Access rows for Wagtail pages (served through `wagtail_serve`): the lesson rule.

A lesson is readable by staff and by active members (trainee or mentor) of a cohort that
follows its course; to anyone else signed in it is a 404, and someone signed out is sent to
the sign-in page (302) and comes back to it.
"""

from . import PUBLIC, Row, expect

ROWS = [
    Row("wagtail_serve", PUBLIC, path=lambda w: "/", label="home page"),
    Row(
        "wagtail_serve",
        expect(200, anonymous=302, trainee_other_cohort=404),
        path=lambda w: w.lesson.url,
        label="lesson of the cohort's course",
    ),
    Row(
        "wagtail_serve",
        expect(404, anonymous=302, trainee_other_cohort=200, staff=200),
        path=lambda w: w.lesson2.url,
        label="lesson of the other course",
    ),
]
