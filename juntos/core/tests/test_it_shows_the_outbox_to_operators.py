import pytest

from juntos.testing.outbox import outbox_add
from juntos.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_operators_read_the_outbox(client_as):
    outbox_add("sms", "+12505550101", "Hola Rosa")
    response = client_as("admin").get("/en/outbox/")
    assert response.status_code == 200
    assert "Hola Rosa" in response.content.decode()


@pytest.mark.parametrize("persona", ["rosa", "amina", "ben", "carl", "dana"])
def test_nobody_else_reads_the_outbox(client_as, persona):
    outbox_add("sms", "+12505550101", "Hola Rosa")
    response = client_as(persona).get("/en/outbox/")
    assert response.status_code == 403
    assert "Hola Rosa" not in response.content.decode()


def test_anonymous_visitors_do_not_read_the_outbox(client):
    assert client.get("/en/outbox/").status_code == 403


def test_the_outbox_filters_by_channel(client_as):
    outbox_add("sms", "+1", "by sms")
    outbox_add("email", "a@example.org", "by email")
    html = client_as("admin").get("/en/outbox/?channel=sms").content.decode()
    assert "by sms" in html and "by email" not in html


def test_the_outbox_query_count_does_not_grow(client_as):
    client = client_as("admin")

    def add(n):
        for i in range(n):
            outbox_add("sms", "+1", f"m{i}")

    assert_queries_do_not_grow(add_items=add, fetch=lambda: client.get("/en/outbox/"), limit=8)
