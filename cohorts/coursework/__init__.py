"""Coursework, a feature app of cohorts: assignments, rubrics, extensions, submissions, files.

Imports point one way: views -> services and forms -> cohorts.access -> models. It leans on
the kernel (cohorts.models, cohorts.uploads) and on academy; the kernel never imports it,
except the access package, which owns the rules for every model.
"""
