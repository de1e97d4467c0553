"""Nobody is sent a message on a channel where we have no address for them."""

from django.utils import timezone

from juntos.accounts.choices import Channel
from juntos.accounts.selectors import organisations_by_slug
from juntos.accounts.tests.factories import UserFactory
from juntos.core.models import OutboxMessage
from juntos.registry import services
from juntos.registry.tests import factories
from juntos.testing.outbox import outbox_messages


def no_phone(user):
    user.preferred_channel = Channel.SMS
    user.phone = None
    user.save(update_fields=["preferred_channel", "phone"])


def test_moderators_and_employers_without_an_address_are_skipped(
    personas, django_capture_on_commit_callbacks, mailoutbox
):
    no_phone(personas.ben)  # the moderator
    no_phone(personas.carl)  # the employer's person
    organisation = organisations_by_slug(["okanagan-orchards"])["okanagan-orchards"]
    site = factories.site(
        factories.employer("Okanagan Orchards Ltd.", organisation_id=organisation.pk)
    )
    with django_capture_on_commit_callbacks(execute=True):
        reviews = [
            services.review_submit(
                actor=UserFactory.create(),
                site=site,
                season=timezone.localdate().year,
                fee_charged="no",
                contract_matched=3,
                paid_on_time=3,
                respect_safety=3,
            )
            for _ in range(3)
        ]
        for review in reviews:  # the third approval publishes: the employer is told
            services.review_moderate(actor=personas.ben, review=review, approve=True)
        reply = services.review_reply(actor=personas.carl, review=reviews[-1], body="Thank you.")
        services.reply_moderate(actor=personas.ben, reply=reply, approve=True)
    assert not outbox_messages("")
    assert OutboxMessage.objects.count() == 0
    assert personas.ben.email not in {m.to[0] for m in mailoutbox}
    assert personas.carl.email not in {m.to[0] for m in mailoutbox}
