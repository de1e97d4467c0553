from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from juntos.accounts.selectors import organisations_by_slug
from juntos.accounts.tests.factories import UserFactory
from juntos.core.models import OutboxMessage
from juntos.registry import services
from juntos.registry.models import Employer
from juntos.registry.tests import factories


def submit(worker, site):
    return services.review_submit(
        actor=worker,
        site=site,
        season=timezone.localdate().year,
        fee_charged="no",
        contract_matched=3,
        paid_on_time=3,
        respect_safety=3,
    )


def test_moderators_hear_of_new_reviews_and_employers_of_published_ones(
    personas, django_capture_on_commit_callbacks, mailoutbox
):
    organisation = organisations_by_slug(["okanagan-orchards"])["okanagan-orchards"]
    site = factories.site(
        factories.employer("Okanagan Orchards Ltd.", organisation_id=organisation.pk)
    )
    with django_capture_on_commit_callbacks(execute=True):
        reviews = [submit(UserFactory(), site) for _ in range(3)]
    to_ben = [m for m in mailoutbox if m.to == [personas.ben.email]]
    assert len(to_ben) == 3
    assert "waiting for moderation" in to_ben[0].body
    assert not [m for m in mailoutbox if m.to == [personas.carl.email]]

    with django_capture_on_commit_callbacks(execute=True):
        for review in reviews:
            services.review_moderate(actor=personas.ben, review=review, approve=True)
    (to_carl,) = [m for m in mailoutbox if m.to == [personas.carl.email]]
    assert "Okanagan Orchards Ltd." in to_carl.body
    # Nothing sent anywhere names a reviewer.
    for message in [*mailoutbox, *OutboxMessage.objects.all()]:
        assert "@example.org" not in message.body


def test_an_operator_links_an_entry_to_its_organisation(personas, client_as):
    owner = factories.employer("Linked Farms Ltd.")
    assert client_as("carl").get("/en/registry/mine/").status_code == 403
    out = StringIO()
    call_command(
        "link_registry_entry",
        "--employer",
        owner.slug,
        "--organisation",
        "okanagan-orchards",
        stdout=out,
    )
    assert "okanagan-orchards" in out.getvalue()
    assert "Linked Farms Ltd." in client_as("carl").get("/en/registry/mine/").content.decode()
    call_command("link_registry_entry", "--employer", owner.slug, "--unlink", stdout=out)
    assert Employer.objects.get(pk=owner.pk).organisation_id is None
    with pytest.raises(CommandError):
        call_command("link_registry_entry", "--employer", "nobody", "--unlink")
    with pytest.raises(CommandError):
        call_command("link_registry_entry", "--employer", owner.slug, "--organisation", "nope")


def test_only_operators_and_coordinators_link_entries(personas):
    from django.core.exceptions import PermissionDenied

    owner = factories.employer()
    for who in ("carl", "dana", "rita", "rosa", "amina"):
        with pytest.raises(PermissionDenied):
            services.entry_link_organisation(
                actor=getattr(personas, who), entry=owner, organisation_id=1
            )
    services.entry_link_organisation(actor=personas.ben, entry=owner, organisation_id=None)
