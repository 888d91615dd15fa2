"""Mentoring, a feature app of cohorts: the meeting log (面談記録) and its action items.

A mentor or the trainee records a 1:1 meeting (date, place or online, agenda, notes,
decisions, next meeting) with action items owned by the trainee or one of their mentors.
Meeting notes are confidential: every view by someone other than the trainee is logged
(cohorts.services.confidential). Imports point one way: views -> services and forms ->
cohorts.access -> models.
"""
