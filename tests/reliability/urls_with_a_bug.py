"""The project's URLs and error handlers, plus a view with a bug: what a 500 looks like."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from crm.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def bug(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(1 / 0))


urlpatterns = [path("api/v1/bug/", bug), path("bug/", bug), *urlpatterns]
