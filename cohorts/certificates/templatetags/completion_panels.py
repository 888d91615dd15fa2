"""The dashboard's completion panel: `{% load completion_panels %}{% completion_panel %}`.

For each of the trainee's own cohorts: what is left to complete (the staff page's evaluation,
from the progress rows the dashboard already built), or the completion with its certificate
to download. Two queries (the rules with their required items, the completions) plus two for
the required items, whatever the number of assignments or sessions.
"""

from django import template

from cohorts.certificates.services.evaluation import current_completions, evaluate, rules_for

register = template.Library()


@register.inclusion_tag("cohorts/certificates/includes/dashboard_panel.html")
def completion_panel(trainee_memberships):
    memberships = [m for m in trainee_memberships if getattr(m, "progress", None) is not None]
    if not memberships:
        return {"standings": []}
    rules = rules_for(sorted({m.cohort_id for m in memberships}))
    completions = current_completions(memberships)
    standings = [
        evaluate(rules[m.cohort_id], m.progress, completions.get(m.pk))
        for m in memberships
        if rules[m.cohort_id] is not None or m.pk in completions
    ]
    return {"standings": standings}
