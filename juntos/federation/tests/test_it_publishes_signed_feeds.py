"""The outbox turns published vacancies, open-data files and status lists into Create, Update
and Delete activities; the feeds serve them as signed ActivityStreams pages with cursors."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from juntos.federation import services
from juntos.federation.activities import cursor_for
from juntos.federation.models import OutboxItem
from juntos.federation.signatures import (
    FEED_TAG,
    INBOX_TAG,
    Refused,
    RequestMessage,
    ResponseMessage,
    public_key_of,
    verify,
)
from juntos.opportunities.services import vacancy_close
from juntos.opportunities.tests.factories import published_vacancy


def _get(path: str) -> tuple[Any, dict[str, Any]]:
    response = Client().get(path)
    assert response.status_code == 200, response.content
    key = services.instance_key_current()
    message = ResponseMessage(
        200, dict(response.headers.items()), RequestMessage("GET", "http://testserver" + path)
    )
    pinned = public_key_of(key.public_key)
    verify(message, body=response.content, tag=FEED_TAG, now=timezone.now(),
           public_key=lambda kid: pinned if kid == key.key_id else None)  # fmt: skip
    return response, json.loads(response.content)


def test_a_published_vacancy_is_created_updated_and_withdrawn(personas: Any) -> None:
    vacancy = published_vacancy()
    assert services.outbox_refresh()["vacancies"] == 1
    assert services.outbox_refresh()["vacancies"] == 0  # nothing changed: nothing appended
    vacancy.hourly_wage = 21
    vacancy.save()
    services.outbox_refresh()
    vacancy_close(actor=personas.carl, vacancy=vacancy)
    services.outbox_refresh()

    response, page = _get("/federation/feeds/vacancies/page")
    assert response["Content-Type"] == "application/activity+json"
    assert response["Content-Digest"].startswith("sha-256=:")
    assert page["type"] == "OrderedCollectionPage"
    kinds = [item["type"] for item in page["orderedItems"]]
    assert kinds == ["Create", "Update", "Delete"]
    created = page["orderedItems"][0]["object"]
    assert created["type"] == "JobPosting" and created["title"] == "Apple harvest"
    assert created["baseSalary"]["value"]["value"] == 19.0
    assert page["orderedItems"][1]["object"]["baseSalary"]["value"]["value"] == 21.0
    tombstone = page["orderedItems"][2]["object"]
    assert tombstone["type"] == "Tombstone" and tombstone["formerType"] == "JobPosting"
    assert tombstone["id"] == created["id"]


def test_the_collection_and_its_pages_follow_the_cursor(personas: Any) -> None:
    published_vacancy(title="First")
    services.outbox_refresh()
    _, collection = _get("/federation/feeds/vacancies")
    assert collection["type"] == "OrderedCollection" and collection["totalItems"] == 1
    _, first = _get("/federation/feeds/vacancies/page")
    following = first["next"].split("?after=")[1]
    published_vacancy(title="Second")
    services.outbox_refresh()
    _, second = _get(f"/federation/feeds/vacancies/page?after={following}")
    assert [i["object"]["title"] for i in second["orderedItems"]] == ["Second"]
    _, empty = _get(f"/federation/feeds/vacancies/page?after={second['next'].split('=')[1]}")
    assert empty["orderedItems"] == [] and "next" not in empty


def test_a_cursor_it_did_not_make_is_refused(db: None) -> None:
    assert Client().get("/federation/feeds/vacancies/page?after=not-ours").status_code == 400
    assert Client().get("/federation/feeds/nothing/page").status_code == 404
    assert (
        Client().get(f"/federation/feeds/vacancies/page?after={cursor_for(99)}").status_code == 200
    )


def test_open_data_and_status_lists_have_their_feeds(personas: Any) -> None:
    from juntos.credentials.models import StatusList
    from juntos.monitoring.models import OpenDataFile

    OpenDataFile.objects.create(
        name="datapackage-2026.json",
        content=b"{}",
        etag='"a"',
        content_type="application/json",
        generated_at=timezone.now(),
    )
    StatusList.objects.create(number=1, size=131072)
    counts = services.outbox_refresh(now=timezone.now() - dt.timedelta(seconds=1))
    assert counts == {"vacancies": 0, "aggregates": 1, "status-lists": 2}
    _, page = _get("/federation/feeds/aggregates/page")
    assert page["orderedItems"][0]["object"]["url"].endswith(
        "/api/monitoring/datapackage.json?year=2026"
    )
    _, lists = _get("/federation/feeds/status-lists/page")
    urls = [i["object"]["url"] for i in lists["orderedItems"]]
    assert urls[0].endswith("/credentials/status/1/revocation")
    assert OutboxItem.objects.count() == 3


@pytest.mark.parametrize(
    ("method", "path", "status", "tag"),
    [
        ("GET", "/federation/feeds/vacancies", 200, FEED_TAG),
        ("GET", "/federation/feeds/aggregates/page", 200, FEED_TAG),
        ("GET", "/federation/feeds/status-lists/page", 200, FEED_TAG),
        ("GET", "/federation/feeds/vacancies/page?after=not-ours", 400, FEED_TAG),
        ("GET", "/federation/organisations", 200, FEED_TAG),
        ("GET", "/federation/key.json", 200, FEED_TAG),
        ("POST", "/federation/inbox", 403, INBOX_TAG),
    ],
)
def test_every_answer_to_a_peer_is_signed_with_its_digest(
    db: None, method: str, path: str, status: int, tag: str
) -> None:
    client = Client()
    response = client.get(path) if method == "GET" else client.post(path, b"{}", "text/plain")
    assert response.status_code == status
    assert response["Cache-Control"] == "no-store"
    key = services.instance_key_current()
    pinned = public_key_of(key.public_key)
    asked = RequestMessage(method, "http://testserver" + path)
    message = ResponseMessage(status, dict(response.headers.items()), asked)
    verified = verify(message, body=response.content, tag=tag, now=timezone.now(),
                      public_key=lambda kid: pinned if kid == key.key_id else None)  # fmt: skip
    assert verified.key_id == key.key_id
    # Another body under the same headers does not pass.
    with pytest.raises(Refused):
        verify(message, body=response.content + b" ", tag=tag, now=timezone.now(),
               public_key=lambda kid: pinned)  # fmt: skip
