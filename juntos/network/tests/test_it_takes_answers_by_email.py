"""Members answer the discussion by replying to its notice email: the Reply-To address carries a
signed token, `receive_reply` reads the message from stdin and posts the member's own words."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from juntos.core.models import AuditEntry
from juntos.core.transports.email import OutboxEmailBackend
from juntos.network import services
from juntos.network.inbound_email import html_to_text, strip_quoted
from juntos.network.models import Comment
from juntos.network.reply_tokens import ReplyTokenError, reply_token_make, reply_token_read
from juntos.network.tests.factories import make_members, make_recommendation
from juntos.testing.outbox import outbox_messages

DOMAIN = "replies.juntos.test"


@pytest.fixture(autouse=True)
def reply_domain(settings: Any) -> None:
    settings.JUNTOS_REPLY_DOMAIN = DOMAIN


def _thread(personas: Any, capture: Any) -> tuple[Comment, Comment, str]:
    """Amina comments, Carl answers; Amina's notice gives the token to answer Carl."""
    make_members(personas)
    recommendation = make_recommendation(personas, stage="endorsed")
    aminas = services.comment_add(actor=personas.amina, subject=recommendation, body="Who pays?")
    with capture(execute=True):
        carls = services.comment_reply(actor=personas.carl, parent=aminas, body="The grower.")
    (notice,) = mail.outbox
    (address,) = notice.reply_to
    token = re.fullmatch(rf"reply\+([0-9a-z-]+)@{re.escape(DOMAIN)}", address)
    assert token is not None, address
    mail.outbox.clear()
    return aminas, carls, token.group(1)


def _email(token: str, body: str, **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Amina Yusuf <amina@fraservalley.example.org>"
    message["To"] = f"Juntos <reply+{token}@{DOMAIN}>"
    message["Subject"] = "Re: Carl Jensen answered your comment"
    message["Message-ID"] = headers.pop("message_id", make_msgid(domain="mail.example.org"))
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message.as_bytes()


def _receive(raw: bytes) -> tuple[int, str]:
    """Run the command as the mail server would: (exit status, what it said on stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("receive_reply", stdin=io.BytesIO(raw), stdout=stdout, stderr=stderr)
    except SystemExit as exit_:
        return int(exit_.code or 0), stderr.getvalue()
    return os.EX_OK, stderr.getvalue()


def _answers_to(comment: Comment) -> list[str]:
    return list(Comment.objects.filter(parent=comment).values_list("body", flat=True))


def test_a_token_names_the_comment_and_the_member_for_30_days(settings):
    token = reply_token_make(comment_id=1234, member_id=56)
    assert len(f"reply+{token}") <= 64 and token == token.lower()
    ticket = reply_token_read(token.upper())  # a mail server may fold the address's case
    assert (ticket.comment_id, ticket.member_id) == (1234, 56)
    in_29_days = timezone.localdate() + dt.timedelta(days=29)
    assert reply_token_read(token, today=in_29_days + dt.timedelta(days=1)).member_id == 56
    with pytest.raises(ReplyTokenError):
        reply_token_read(token, today=in_29_days + dt.timedelta(days=2))
    # A new key: tokens made under the old one still read while it is a fallback.
    old_key, settings.SECRET_KEY = settings.SECRET_KEY, "another-key-" + "x" * 50
    with pytest.raises(ReplyTokenError):
        reply_token_read(token)
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert reply_token_read(token).comment_id == 1234


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace(t.split("-")[0], "zz", 1),  # another comment
        lambda t: "-".join([*t.split("-")[:1], "1", *t.split("-")[2:]]),  # another member
        lambda t: "-".join([*t.split("-")[:2], "zzzz", t.split("-")[3]]),  # a later day
        lambda t: t[:-1] + ("a" if t[-1] != "a" else "b"),  # the tag itself
        lambda t: t + "a",
        lambda t: "",
    ],
)
def test_an_altered_token_is_refused(change):
    with pytest.raises(ReplyTokenError):
        reply_token_read(change(reply_token_make(comment_id=77, member_id=5)))


def test_the_notice_says_reply_to_this_email_and_the_outbox_keeps_the_reply_to(
    personas, settings, client_as, django_capture_on_commit_callbacks
):
    make_members(personas)
    recommendation = make_recommendation(personas, stage="endorsed")
    ines = services.comment_add(actor=personas.ines, subject=recommendation, body="Qui paie ?")
    settings.EMAIL_BACKEND = f"{OutboxEmailBackend.__module__}.{OutboxEmailBackend.__name__}"
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_reply(actor=personas.carl, parent=ines, body="The grower.")
    (stored,) = outbox_messages(personas.ines.email, channel="email")
    assert re.fullmatch(rf"reply\+[0-9a-z-]+@{re.escape(DOMAIN)}", stored.reply_to)
    assert "répondez à ce courriel ou sur le site" in stored.body
    page = client_as("admin").get("/en/outbox/?channel=email").content.decode()
    assert f"Replies go to {stored.reply_to}" in page
    token = stored.reply_to.removeprefix("reply+").split("@")[0]
    answer = Comment.objects.get(parent=ines)
    ticket = reply_token_read(token)
    assert (ticket.comment_id, ticket.member_id) == (answer.pk, ines.author_id)


def test_without_a_reply_domain_the_notice_sends_her_to_the_site(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.JUNTOS_REPLY_DOMAIN = ""
    make_members(personas)
    recommendation = make_recommendation(personas, stage="endorsed")
    aminas = services.comment_add(actor=personas.amina, subject=recommendation, body="Who?")
    rosas = services.comment_add(actor=personas.rosa, subject=recommendation, body="¿Quién?")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_reply(actor=personas.carl, parent=aminas, body="The grower.")
    (notice,) = mail.outbox
    assert notice.reply_to == [] and "Reply-To" not in notice.message()
    assert "To answer, go to the site" in notice.body and "reply to this email" not in notice.body
    # An SMS has no Reply-To, whatever the setting.
    settings.JUNTOS_REPLY_DOMAIN = DOMAIN
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_reply(actor=personas.carl, parent=rosas, body="El productor.")
    (sms,) = outbox_messages(personas.rosa.phone, channel="sms")
    assert sms.reply_to == "" and "correo" not in sms.body


def test_an_emailed_answer_is_posted_as_the_member_and_reads_like_one_typed_on_the_site(
    personas, client_as, django_capture_on_commit_callbacks
):
    aminas, carls, token = _thread(personas, django_capture_on_commit_callbacks)
    quoted = (
        "Then the contract must say so.\n\nI will ask at the plenary.\n\n"
        "On Thu, Dec 3, 2026 at 5:00 AM Juntos <no-reply@juntos.local> wrote:\n"
        "> Carl Jensen answered what you wrote.\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        code, said = _receive(_email(token, quoted))
    assert (code, said) == (os.EX_OK, "")
    emailed = Comment.objects.get(parent=carls)
    assert emailed.author.user == personas.amina and emailed.depth == 2
    assert emailed.body == "Then the contract must say so.\n\nI will ask at the plenary."
    entry = AuditEntry.objects.get(action="network.comment_reply", object_id=str(emailed.pk))
    assert entry.details == {"to": carls.pk, "by": "email"}
    assert entry.actor_id == personas.amina.pk
    # Carl hears of it by email, with his own token to answer back.
    (notice,) = mail.outbox
    assert notice.to == [personas.carl.email] and notice.reply_to[0].startswith("reply+")
    # The same words typed on the site (a browser sends CRLF) render the same.
    client_as("amina").post(
        f"/en/network/comments/{carls.pk}/reply/",
        {"body": "Then the contract must say so.\r\n\r\nI will ask at the plenary."},
    )
    typed = Comment.objects.filter(parent=carls).exclude(pk=emailed.pk).get()
    page = client_as("ines").get(f"/en/network/recommendations/{aminas.recommendation_id}/")
    html = page.content.decode()

    def shown(comment: Comment) -> str:
        found = re.search(
            rf'id="comment-{comment.pk}".*?(<div class="message-body">.*?</div>)', html, re.S
        )
        assert found is not None
        return found.group(1)

    assert shown(emailed) == shown(typed)
    assert "<p>Then the contract must say so.</p>" in shown(emailed)
    assert "wrote:" not in html


def test_a_message_delivered_twice_posts_once(personas, django_capture_on_commit_callbacks):
    _aminas, carls, token = _thread(personas, django_capture_on_commit_callbacks)
    raw = _email(token, "Agreed.", message_id="<same-1@mail.example.org>")
    assert _receive(raw)[0] == os.EX_OK
    code, said = _receive(raw)
    assert code == os.EX_OK and "came twice" in said
    assert _answers_to(carls) == ["Agreed."]


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto_Submitted": "auto-replied"},
        {"Auto_Submitted": "auto-generated; owner-email=x@example.org"},
        {"Precedence": "bulk"},
        {"Precedence": "auto_reply"},
    ],
)
def test_automatic_replies_are_dropped_so_nothing_loops(
    personas, django_capture_on_commit_callbacks, headers
):
    _aminas, carls, token = _thread(personas, django_capture_on_commit_callbacks)
    code, said = _receive(_email(token, "I am out of the office until Monday.", **headers))
    assert code == os.EX_OK and "automatic" in said
    assert _answers_to(carls) == []
    assert _receive(_email(token, "Back now.", Auto_Submitted="no"))[0] == os.EX_OK
    assert _answers_to(carls) == ["Back now."]


def test_a_member_who_left_the_network_can_no_longer_answer(
    personas, django_capture_on_commit_callbacks
):
    aminas, carls, token = _thread(personas, django_capture_on_commit_callbacks)
    aminas.author.is_active = False
    aminas.author.save(update_fields=["is_active"])
    code, said = _receive(_email(token, "Still here?"))
    assert code == os.EX_NOPERM and "no longer take part" in said
    assert _answers_to(carls) == []


def test_a_removed_or_hidden_comment_takes_no_answer_by_email(
    personas, django_capture_on_commit_callbacks
):
    _aminas, carls, token = _thread(personas, django_capture_on_commit_callbacks)
    services.comment_hide(actor=personas.ben, comment=carls, reason="Off topic")
    code, said = _receive(_email(token, "But why?"))
    assert code == os.EX_NOPERM and "removed or hidden" in said
    assert _answers_to(carls) == []


def test_a_refusal_speaks_the_members_language(personas, django_capture_on_commit_callbacks):
    make_members(personas)
    recommendation = make_recommendation(personas, stage="endorsed")
    ritas = services.comment_add(actor=personas.rita, subject=recommendation, body="¿Cuándo?")
    with django_capture_on_commit_callbacks(execute=True):
        carls = services.comment_reply(actor=personas.carl, parent=ritas, body="In May.")
    token = mail.outbox[0].reply_to[0].removeprefix("reply+").split("@")[0]
    services.comment_remove(actor=personas.carl, comment=carls)
    code, said = _receive(_email(token, "¿Seguro?"))
    assert code == os.EX_NOPERM and "No se publicó" in said


@pytest.mark.parametrize(
    "raw, code, why",
    [
        (b"", os.EX_DATAERR, "not an email"),
        (b"\x00\xff\xfe not mail at all", os.EX_DATAERR, "not an email"),
        (b"Subject: hi\n\n" + b"x" * (1024 * 1024), os.EX_DATAERR, "larger than 1 MB"),
    ],
)
def test_what_is_not_an_email_is_refused_as_bad_data(db, raw, code, why):
    status, said = _receive(raw)
    assert status == code and why in said


def test_a_bad_token_or_no_token_is_refused(personas, django_capture_on_commit_callbacks):
    _aminas, carls, token = _thread(personas, django_capture_on_commit_callbacks)
    altered = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    assert _receive(_email(altered, "Hello"))[0] == os.EX_NOPERM
    message = EmailMessage()
    message["To"] = "someone@example.org"
    message["Message-ID"] = make_msgid()
    message.set_content("Hello")
    code, said = _receive(message.as_bytes())
    assert code == os.EX_NOPERM and "no answer address" in said
    assert _answers_to(carls) == []


def test_the_text_is_checked_as_the_comment_form_checks_it(
    personas, django_capture_on_commit_callbacks
):
    _aminas, carls, token = _thread(personas, django_capture_on_commit_callbacks)
    code, said = _receive(_email(token, "x" * 5001))
    assert code == os.EX_DATAERR and "5000" in said
    code, said = _receive(_email(token, "> only what she quoted\n"))
    assert code == os.EX_DATAERR and "required" in said
    assert _answers_to(carls) == []
    assert _receive(_email(token, "x" * 5000))[0] == os.EX_OK


def test_a_database_failure_asks_the_mail_server_to_try_again(
    personas, django_capture_on_commit_callbacks
):
    _aminas, carls, token = _thread(personas, django_capture_on_commit_callbacks)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE network_emailanswerreceipt")
    code, said = _receive(_email(token, "Agreed."))
    assert code == os.EX_TEMPFAIL and "retry" in said
    assert _answers_to(carls) == []


def test_a_multipart_message_posts_its_text_and_ignores_html_and_attachments(
    personas, django_capture_on_commit_callbacks
):
    _aminas, carls, token = _thread(personas, django_capture_on_commit_callbacks)
    message = EmailMessage()
    message["From"] = "amina@fraservalley.example.org"
    message["To"] = "Juntos <no-reply@juntos.local>"
    message["Delivered-To"] = f"reply+{token}@{DOMAIN.upper()}"
    message["Message-ID"] = make_msgid()
    message.set_content("Plain words, ça va.\n\n-- \nAmina Yusuf\nFraser Valley\n")
    message.add_alternative("<p>HTML words</p><blockquote>quoted</blockquote>", subtype="html")
    message.add_attachment(
        b"%PDF-1.4 contract", maintype="application", subtype="pdf", filename="contract.pdf"
    )
    assert _receive(message.as_bytes())[0] == os.EX_OK
    assert _answers_to(carls) == ["Plain words, ça va."]


def test_an_html_only_message_posts_its_text_without_the_quote(
    personas, django_capture_on_commit_callbacks
):
    _aminas, carls, token = _thread(personas, django_capture_on_commit_callbacks)
    message = EmailMessage()
    message["To"] = f"reply+{token}@{DOMAIN}"
    message["Message-ID"] = make_msgid()
    message.set_content(
        '<div dir="ltr">First line<br>second &amp; last</div><br>'
        '<div class="gmail_quote"><div class="gmail_attr">On Thu, Juntos wrote:</div>'
        "<blockquote>Carl Jensen answered</blockquote></div>",
        subtype="html",
    )
    assert _receive(message.as_bytes())[0] == os.EX_OK
    assert _answers_to(carls) == ["First line\nsecond & last"]
    assert html_to_text("<p>One</p><p>Two<br/>Three</p><style>p{}</style>") == "One\n\nTwo\nThree"


@pytest.mark.parametrize(
    "attribution",
    [
        "On Thu, Dec 3, 2026 at 5:00 AM Juntos <no-reply@juntos.local> wrote:",
        "On Thu, Dec 3, 2026 at 5:00 AM Juntos <\nno-reply@juntos.local> wrote:",
        "El jue, 3 dic 2026 a las 5:00, Juntos (<no-reply@juntos.local>) escribió:",
        "El 3/12/2026, a las 5:00, Juntos\n<no-reply@juntos.local> escribió:",
        "Le jeu. 3 déc. 2026 à 05:00, Juntos <no-reply@juntos.local> a écrit :",
        "Le 03/12/2026 à 05:00, Juntos a écrit:",
        "-----Original Message-----\nFrom: Juntos",
        "________________________________\nDe : Juntos",
    ],
)
def test_quoted_text_and_signatures_are_left_out_in_every_language(attribution):
    text = (
        "On Monday we talk about it.\nLe contrat dit autre chose.\n> an inline quote\nYes.\n\n"
        f"{attribution}\n> Carl Jensen answered what you wrote.\n> Read it here."
    )
    assert strip_quoted(text) == ("On Monday we talk about it.\nLe contrat dit autre chose.\nYes.")
    assert strip_quoted("Thanks.\n-- \nRosa\n+1 250 555 0101") == "Thanks."
    assert strip_quoted("Thanks.\n--\nRosa") == "Thanks."
