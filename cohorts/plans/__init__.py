"""Plans, a feature app of cohorts: each trainee's succession plan (事業承継計画書).

One living plan per trainee membership, in sections whose titles a course may set (else the
school's defaults); every save of a section is a new immutable version; mentors comment on a
section, anchored to the version they read; an assignment may ask for the plan as it stands
that day (a frozen snapshot handed in as an attempt); the plan prints as a PDF.

Imports point one way: views -> services and forms -> cohorts.access -> models.
"""
