"""Review, a feature app of cohorts: mentors grade submitted attempts against the rubric.

A Review is the mentors' working copy (draft, ready, released, returned); each release or
return publishes a ReviewRelease, the only thing a trainee ever reads, so a correction in
progress never shows and earlier versions stay in the history. Guest evaluators score their
own criteria; a ReleasePolicy per cohort decides whether mentors or staff release.

Imports point one way: views -> services and forms -> cohorts.access -> models.
"""
