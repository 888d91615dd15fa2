"""Views of the cohorts app, one module per feature; later issues add theirs beside these."""
