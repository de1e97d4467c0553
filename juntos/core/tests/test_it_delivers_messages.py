import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.test import override_settings

from juntos.core.models import OutboxMessage
from juntos.core.services import notify
from juntos.core.transports.base import Message, TransportError
from juntos.core.transports.registry import transport_for

pytestmark = pytest.mark.django_db


class _Gateway(BaseHTTPRequestHandler):
    received: list[dict] = []
    status = 200

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        self.received.append(
            {
                "path": self.path,
                "auth": self.headers["Authorization"],
                "body": json.loads(self.rfile.read(length)),
            }
        )
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"id": "msg-1"}')

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    _Gateway.received = []
    _Gateway.status = 200
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _Gateway
    server.shutdown()


@pytest.mark.parametrize("channel", ["sms", "whatsapp"])
def test_development_transports_write_to_the_outbox(
    channel, django_capture_on_commit_callbacks, settings
):
    # Rosa has not written on WhatsApp: the message may go only as an approved template
    # (juntos/channels, WhatsApp's 24-hour rule), so this deployment has one.
    settings.JUNTOS_CHANNELS_WHATSAPP_TEMPLATE = "juntos_notice:es"
    with django_capture_on_commit_callbacks(execute=True):
        notify(channel=channel, recipient="+12505550101", body="Hola Rosa", language="es")
    message = OutboxMessage.objects.get()
    assert (message.channel, message.recipient, message.body) == (
        channel,
        "+12505550101",
        "Hola Rosa",
    )


@override_settings(EMAIL_BACKEND="juntos.core.transports.email.OutboxEmailBackend")
def test_the_development_email_backend_writes_to_the_outbox(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(channel="email", recipient="amina@example.org", subject="Hi", body="Body")
    assert OutboxMessage.objects.get().subject == "Hi"


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_email_uses_whatever_backend_is_configured(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(channel="email", recipient="amina@example.org", subject="Hi", body="Body")
    assert mail.outbox[0].to == ["amina@example.org"]
    assert not OutboxMessage.objects.exists()


@override_settings(EMAIL_BACKEND="juntos.core.transports.email.OutboxEmailBackend")
def test_an_emails_reply_to_is_sealed_with_it_and_kept_by_the_outbox(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(channel="email", recipient="amina@example.org", body="B", reply_to="r+1@x.org")
        notify(channel="sms", recipient="+12505550101", body="Hola", reply_to="r+1@x.org")
    by_channel = {row.channel: row for row in OutboxMessage.objects.all()}
    assert by_channel["email"].reply_to == "r+1@x.org"
    assert by_channel["sms"].reply_to == ""  # no such thing on SMS


def test_the_email_transport_sets_the_reply_to_header(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(channel="email", recipient="amina@example.org", body="B", reply_to="r+1@x.org")
        notify(channel="email", recipient="ben@example.org", body="B")
    answerable, plain = mail.outbox
    assert answerable.reply_to == ["r+1@x.org"]
    assert answerable.message()["Reply-To"] == "r+1@x.org"
    assert plain.reply_to == [] and "Reply-To" not in plain.message()


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(channel="sms", recipient="+12505550101", body="never")
    assert len(callbacks) == 1  # queued for commit only
    assert not OutboxMessage.objects.exists()


def test_the_sms_gateway_receives_json_with_the_token(gateway):
    url, handler = gateway
    with override_settings(
        JUNTOS_SMS_BACKEND="http", JUNTOS_SMS_HTTP_URL=url + "/send", JUNTOS_SMS_HTTP_TOKEN="t0k"
    ):
        transport_for("sms").send(Message(channel="sms", recipient="+12505550101", body="Hola"))
    assert handler.received == [
        {
            "path": "/send",
            "auth": "Bearer t0k",
            "body": {"to": "+12505550101", "from": "Juntos", "text": "Hola"},
        }
    ]


def test_whatsapp_posts_a_cloud_api_text_message(gateway):
    url, handler = gateway
    with override_settings(
        JUNTOS_WHATSAPP_BACKEND="http", JUNTOS_WHATSAPP_API_URL=url, JUNTOS_WHATSAPP_TOKEN="w"
    ):
        transport_for("whatsapp").send(
            Message(channel="whatsapp", recipient="+12505550101", body="Hola")
        )
    body = handler.received[0]["body"]
    assert body["messaging_product"] == "whatsapp"
    assert body["to"] == "12505550101"
    assert body["text"]["body"] == "Hola"


def test_a_failing_gateway_raises_so_the_task_is_marked_failed(gateway):
    url, handler = gateway
    handler.status = 500
    with (
        override_settings(JUNTOS_SMS_BACKEND="http", JUNTOS_SMS_HTTP_URL=url),
        pytest.raises(TransportError),
    ):
        transport_for("sms").send(Message(channel="sms", recipient="+1", body="x"))


def test_an_unknown_channel_is_refused():
    with pytest.raises(ValueError, match="unknown channel"):
        transport_for("pigeon")


@override_settings(
    TASKS={
        "default": {
            "BACKEND": "juntos.core.task_backend.DatabaseBackend",
            "QUEUES": ["default", "notifications"],
        }
    }
)
def test_messages_are_queued_as_background_tasks_not_sent_in_the_request(
    django_capture_on_commit_callbacks,
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        notify(channel="sms", recipient="+12505550101", body="later")
    assert not OutboxMessage.objects.exists()
    queued = DBTaskResult.objects.get()
    assert queued.queue_name == "notifications"
