"""One search page over the recommendations, meetings and minutes a member may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from juntos.network import selectors
from juntos.network.forms import SearchForm
from juntos.network.policies import can_view_network


@login_required
def search(request: HttpRequest) -> HttpResponse:
    if not can_view_network(request.user):
        raise Http404
    form = SearchForm(request.GET if "q" in request.GET else None)
    results = None
    if form.is_valid():
        results = selectors.search_for(request.user, form.cleaned_data["q"].strip())
    return render(request, "network/search.html", {"form": form, "results": results})
