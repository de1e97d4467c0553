import pytest

from juntos.core.models import OutboxMessage
from juntos.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_operators_read_the_outbox(client_as):
    OutboxMessage.objects.create(channel="sms", recipient="+12505550101", body="Hola Rosa")
    response = client_as("admin").get("/en/outbox/")
    assert response.status_code == 200
    assert "Hola Rosa" in response.content.decode()


@pytest.mark.parametrize("persona", ["rosa", "amina", "ben", "carl", "dana"])
def test_nobody_else_reads_the_outbox(client_as, persona):
    OutboxMessage.objects.create(channel="sms", recipient="+12505550101", body="Hola Rosa")
    response = client_as(persona).get("/en/outbox/")
    assert response.status_code == 403
    assert "Hola Rosa" not in response.content.decode()


def test_anonymous_visitors_do_not_read_the_outbox(client):
    assert client.get("/en/outbox/").status_code == 403


def test_the_outbox_filters_by_channel(client_as):
    OutboxMessage.objects.create(channel="sms", recipient="+1", body="by sms")
    OutboxMessage.objects.create(channel="email", recipient="a@example.org", body="by email")
    html = client_as("admin").get("/en/outbox/?channel=sms").content.decode()
    assert "by sms" in html and "by email" not in html


def test_the_outbox_query_count_does_not_grow(client_as):
    client = client_as("admin")

    def add(n):
        OutboxMessage.objects.bulk_create(
            OutboxMessage(channel="sms", recipient="+1", body=f"m{i}") for i in range(n)
        )

    assert_queries_do_not_grow(add_items=add, fetch=lambda: client.get("/en/outbox/"), limit=8)
