"""People, organisations and the roles people hold in organisations."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.accounts.choices import Channel, OrganisationKind, Role, Sector
from juntos.core.jurisdictions import Province


class UserManager(BaseUserManager["User"]):
    def create_user(
        self, email: str | None = None, password: str | None = None, **fields: Any
    ) -> User:
        user = self.model(email=self.normalize_email(email) if email else None, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        fields.setdefault("display_name", email.split("@")[0])
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with one login: an email address, a mobile number, or both."""

    email = models.EmailField(_("email"), unique=True, null=True, blank=True)
    phone = models.CharField(_("mobile number"), max_length=20, unique=True, null=True, blank=True)
    display_name = models.CharField(_("name"), max_length=150)
    preferred_language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    preferred_channel = models.CharField(
        _("how we contact you"), max_length=20, choices=Channel.choices, default=Channel.EMAIL
    )
    sector = models.CharField(
        _("network sector"), max_length=30, choices=Sector.choices, blank=True
    )
    province = models.CharField(_("province"), max_length=2, choices=Province.choices, blank=True)
    is_active = models.BooleanField(default=True)
    # A self sign-up stays inactive until the code sent to it is typed back; the number is
    # verified once a code sent to it by SMS has been typed (at sign-up or a password reset).
    phone_verified = models.BooleanField(_("mobile number verified"), default=False)
    signup_pending = models.BooleanField(default=False)
    is_staff = models.BooleanField(
        default=False, help_text=_("Platform operator: may use the admin site and the outbox.")
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=False) | Q(phone__isnull=False),
                name="user_has_email_or_phone",
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.email or self.phone or f"#{self.pk}"

    def contact_address(self) -> str:
        """Where messages go on the preferred channel (email for email, the number otherwise)."""
        if self.preferred_channel == Channel.EMAIL:
            return self.email or ""
        return self.phone or ""


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=OrganisationKind.choices)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices, blank=True)
    country = models.CharField(_("country"), max_length=2, default="CA")
    languages = models.CharField(
        _("languages served"),
        max_length=50,
        default="en",
        help_text=_("Language codes separated by commas, e.g. en,es"),
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def language_codes(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]


class Membership(models.Model):
    """A role held by a person in one organisation. A person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.role}"


class AccountCode(models.Model):
    """A short code sent to a person to prove a number or address: kept hashed, used once.

    One live code per person and purpose; a new one replaces it. Expired rows are purged daily.
    """

    class Purpose(models.TextChoices):
        SIGNUP = "signup", _("sign-up")
        RESET = "reset", _("password reset")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="account_codes")
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "purpose"], name="account_code_one_per_purpose")
        ]

    def __str__(self) -> str:
        return f"{self.purpose} code for #{self.user_id}"
