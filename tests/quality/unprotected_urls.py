"""The site's URLconf plus views that forget their access checks, to prove the walker notices."""

from django.contrib.auth.models import Group
from django.http import HttpRequest, HttpResponse
from django.urls import path

from juntos.urls import urlpatterns as site_patterns


def forgot_the_check(request: HttpRequest) -> HttpResponse:
    return HttpResponse("everyone's data")


def writes_for_anyone(request: HttpRequest) -> HttpResponse:
    Group.objects.create(name=f"written-{Group.objects.count()}")
    return HttpResponse(status=403)


urlpatterns = [
    path("en/forgot-the-check/", forgot_the_check, name="forgot_the_check"),
    path("en/writes-for-anyone/", writes_for_anyone, name="writes_for_anyone"),
    *site_patterns,
]
