"""Factories for people and organisations beyond the personas."""

from __future__ import annotations

import factory

from juntos.accounts.choices import Channel, OrganisationKind, Role, Sector
from juntos.accounts.models import Membership, Organisation, User


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Support Organisation {n}")
    slug = factory.Sequence(lambda n: f"support-organisation-{n}")
    kind = OrganisationKind.SUPPORT_NONPROFIT
    province = "BC"
    languages = "en,es"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    display_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    preferred_language = "en"
    preferred_channel = Channel.EMAIL
    sector = Sector.MIGRANT_WORKER
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def save_password(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CASEWORKER
