"""The site's URLs plus the bench's bare view: "ok" through the full middleware, as the
peer's /_bench/ok/ (it needs neither the user nor the database)."""

from django.http import HttpResponse
from django.urls import path

from academy.urls import handler404, handler500
from academy.urls import urlpatterns as site_urlpatterns


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("_bench/ok/", ok, name="bench_ok"), *site_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
