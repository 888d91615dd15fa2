"""Succession plans on the site: plans, sections, versions, comments, snapshots, PDFs."""

from django.urls import path

from .views import comments, plans, sections, snapshots

app_name = "plans"

urlpatterns = [
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/company/", plans.plan_company, name="plan_company"),
    path("plans/<int:pk>/pdf/", plans.plan_pdf, name="plan_pdf"),
    path("plans/sections/<int:pk>/", sections.section_detail, name="section_detail"),
    path("plans/sections/<int:pk>/edit/", sections.section_edit, name="section_edit"),
    path("plans/sections/<int:pk>/history/", sections.section_history, name="section_history"),
    path("plans/sections/<int:pk>/compare/", sections.section_compare, name="section_compare"),
    path("plans/sections/<int:pk>/comments/", comments.comment_create, name="comment_create"),
    path("plans/comments/<int:pk>/resolve/", comments.comment_resolve, name="comment_resolve"),
    path("plans/snapshots/<int:pk>/", snapshots.snapshot_detail, name="snapshot_detail"),
    path("plans/snapshots/<int:pk>/pdf/", snapshots.snapshot_pdf, name="snapshot_pdf"),
    path(
        "plans/attempts/<int:submission_pk>/",
        snapshots.submission_snapshot,
        name="submission_snapshot",
    ),
    path(
        "plans/milestones/<int:pk>/submit/",
        snapshots.milestone_submit,
        name="milestone_submit",
    ),
]
