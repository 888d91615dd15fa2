from pathlib import Path

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import health, views

urlpatterns = [
    # The Wagtail admin signs in through allauth, so its rate limits cover every login; a
    # signed-in person without admin access gets a page that says so (no sign-in loop).
    path("admin/login/", views.admin_login, name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include("cohorts.urls")),
    path("", include("cohorts.coursework.urls")),
    path("", include("cohorts.review.urls")),
    path("", include("cohorts.attendance.urls")),
    path("", include("cohorts.calendar.urls")),
    path("", include("cohorts.mentoring.urls")),
    path("", include("cohorts.reports.urls")),
    path("", include("cohorts.plans.urls")),
    path("", include("cohorts.certificates.urls")),
    path("", include("courses.urls")),
]


def media_patterns():
    """In development, the image renditions pages show (public by design, as the proxy serves
    them in production: README, "Files and their URLs"). Never documents or original images:
    those are served only by views that ask the access rules."""
    from django.conf.urls.static import static

    images = f"{settings.MEDIA_URL.rstrip('/')}/images/"
    return static(images, document_root=Path(settings.MEDIA_ROOT) / "images")


if settings.DEBUG:
    urlpatterns += media_patterns()

urlpatterns.append(path("", include(wagtail_urls)))

handler403 = "academy.views.permission_denied"
handler404 = "academy.views.page_not_found"
handler500 = "academy.views.server_error"
