"""Federation: this instance's keys, its peers, what it publishes and what it took in.

Private keys are kept only wrapped by core's keyring (a copy of the database cannot sign or
open a referral). Remote rows name the peer they came from; nothing here names a worker except
inside a sealed referral body, which only the receiving organisation's key opens.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from juntos.federation.choices import Feed, PeerStatus


class InstanceKey(models.Model):
    """The Ed25519 key this instance signs its feeds and requests with."""

    key_id = models.CharField(max_length=64, unique=True)
    public_key = models.CharField(max_length=64)  # base64 of the 32 raw bytes
    wrapped_private_key = models.BinaryField()
    key_version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.key_id


class InboxKey(models.Model):
    """An organisation's X25519 key: peers encrypt referrals to it (HPKE)."""

    organisation_id = models.PositiveBigIntegerField(unique=True)
    public_key = models.CharField(max_length=64)
    wrapped_private_key = models.BinaryField()
    key_version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"inbox key {self.organisation_id}"


class Peer(models.Model):
    """Another instance: fetched from, and believed, only once an administrator approved it."""

    name = models.CharField(_("network name"), max_length=150)
    base_url = models.URLField(_("address"), unique=True)
    key_id = models.CharField(_("key id"), max_length=64)
    public_key = models.CharField(_("public key (Ed25519, base64)"), max_length=64)
    status = models.CharField(max_length=12, choices=PeerStatus.choices, default="pending")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    cursors = models.JSONField(default=dict, blank=True)  # feed -> the last cursor read
    last_synced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["key_id"], name="federation_peer_key_once")]

    def __str__(self) -> str:
        return self.name


class OutboxItem(models.Model):
    """One activity of a feed; the id is the feed's order, and cursors point at it."""

    feed = models.CharField(max_length=16, choices=Feed.choices)
    object_key = models.CharField(max_length=80)  # e.g. "vacancy:12"
    activity = models.CharField(max_length=8)  # Create, Update or Delete
    document = models.JSONField()  # the object as published (a Tombstone for Delete)
    fingerprint = models.CharField(max_length=64)  # sha-256 of the document, to see changes
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["feed", "id"]), models.Index(fields=["object_key", "id"])]

    def __str__(self) -> str:
        return f"{self.feed} {self.pk} {self.activity} {self.object_key}"


class RemoteVacancy(models.Model):
    """A vacancy a peer published, kept as its JobPosting; withdrawn when it sends a Tombstone."""

    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="vacancies")
    remote_id = models.URLField(max_length=400)
    posting = models.JSONField()
    title = models.CharField(max_length=150)
    province = models.CharField(max_length=2, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    received_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["peer", "remote_id"], name="federation_vacancy_once")
        ]

    def __str__(self) -> str:
        return self.title


class RemoteDocument(models.Model):
    """A public figure file or a status list a peer published (its address and version)."""

    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="documents")
    feed = models.CharField(max_length=16, choices=Feed.choices)
    remote_id = models.URLField(max_length=400)
    document = models.JSONField()
    received_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["feed", "id"]
        constraints = [
            models.UniqueConstraint(fields=["peer", "remote_id"], name="federation_document_once")
        ]

    def __str__(self) -> str:
        return self.remote_id


class RemoteOrganisation(models.Model):
    """An organisation of a peer that takes referrals, with the key to encrypt them to."""

    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="organisations")
    remote_id = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    public_key = models.CharField(max_length=64)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["peer", "remote_id"], name="federation_org_once")
        ]

    def __str__(self) -> str:
        return self.name


class SeenSignature(models.Model):
    """A signature nonce already accepted, kept for the skew window so it cannot be replayed."""

    digest = models.CharField(max_length=64, unique=True)  # sha-256 of key id and nonce
    created = models.DateTimeField(db_index=True)  # the signature's own `created`

    def __str__(self) -> str:
        return self.digest


class SentReferral(models.Model):
    """A referral sent to an organisation of a peer (what went: only the sealed body)."""

    referral_id = models.PositiveBigIntegerField(db_index=True)
    peer = models.ForeignKey(Peer, on_delete=models.PROTECT, related_name="sent_referrals")
    organisation = models.ForeignKey(RemoteOrganisation, on_delete=models.PROTECT, related_name="+")
    activity_id = models.CharField(max_length=64, unique=True)
    sent_on = models.DateField()

    class Meta:
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return self.activity_id


class ReceivedReferral(models.Model):
    """A referral a peer sent to one of this instance's organisations: only its sealed body."""

    peer = models.ForeignKey(Peer, on_delete=models.PROTECT, related_name="received_referrals")
    organisation_id = models.PositiveBigIntegerField(db_index=True)
    activity_id = models.CharField(max_length=64)
    sealed_body = models.BinaryField()  # HPKE to the organisation's inbox key
    received_on = models.DateField()

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["peer", "activity_id"], name="federation_referral_once")
        ]

    def __str__(self) -> str:
        return self.activity_id
