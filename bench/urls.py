"""The product's URLs, plus /bench/hello and each scenario module's URLPATTERNS."""

from __future__ import annotations

import os

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from bench.discovery import scenario_modules
from juntos.urls import urlpatterns as product_patterns


def hello(request: HttpRequest) -> HttpResponse:
    """The baseline: a bare Django view through the full middleware stack."""
    return HttpResponse("Hello, world", content_type="text/plain")


def worker(request: HttpRequest) -> HttpResponse:
    """Which server process answered: the load generator spreads its connections by it."""
    return HttpResponse(str(os.getpid()), content_type="text/plain")


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/hello", hello, name="bench_hello"),
    path("bench/worker", worker, name="bench_worker"),
]
for name, module in scenario_modules():
    extra = getattr(module, "URLPATTERNS", None)
    if extra:
        urlpatterns.append(path(f"bench/{name}/", include(extra)))
urlpatterns += list(product_patterns)  # type: ignore[arg-type]
