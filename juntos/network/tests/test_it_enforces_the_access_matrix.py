"""Play every row of the network's access matrix for every persona (a local copy of the
quality harness's rule, so this app's matrix is proven where it is written)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from juntos.network.tests.access import ACCESS
from juntos.testing.access import ANONYMOUS, PERSONAS
from juntos.testing.personas import logged_in_client


def _url(row, kwargs):
    if row.name.startswith(("GET ", "POST ")):
        path = row.name.split(" ", 1)[1]
        return re.sub(r"\{(\w+)\}", lambda m: str(kwargs[m.group(1)]), path)
    return reverse(row.name, kwargs=kwargs)


@pytest.mark.parametrize("row", ACCESS, ids=[f"{r.method} {r.name}" for r in ACCESS])
def test_row(row, personas):
    from django.test import Client

    for who in (*PERSONAS, ANONYMOUS):
        kwargs = row.kwargs(personas) if row.kwargs else {}
        url = _url(row, kwargs) + row.query
        client = Client() if who == ANONYMOUS else logged_in_client(getattr(personas, who))
        if row.method == "POST":
            data = row.data(personas, kwargs) if row.data else {}
            response = client.post(url, data)
        else:
            response = client.get(url)
        location = response.get("Location", "")
        if who in row.allow:
            assert response.status_code < 400, (who, response.status_code)
            assert "/login/" not in location, who
        elif who == ANONYMOUS:
            assert response.status_code in (401, 403, 404) or "/login/" in location, who
        else:
            assert response.status_code in (403, 404), (who, response.status_code)
