"""Forms of the federation pages (shape only; the services judge meaning)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PeerForm(forms.Form):
    name = forms.CharField(label=_("Network name"), max_length=150)
    base_url = forms.URLField(
        label=_("Address of the instance"), max_length=200, assume_scheme="https"
    )
    key_id = forms.CharField(label=_("Key id"), max_length=64)
    public_key = forms.CharField(
        label=_("Public key (Ed25519, base64)"),
        max_length=64,
        help_text=_(
            "Get it from the other network's administrator directly, not only from its site."
        ),
    )


class PeerStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("approved", _("Approve")), ("suspended", _("Suspend"))], widget=forms.HiddenInput
    )


class SendReferralForm(forms.Form):
    referral = forms.TypedChoiceField(label=_("Referral"), coerce=int)
    organisation = forms.TypedChoiceField(label=_("Organisation in the other network"), coerce=int)
    consent = forms.BooleanField(
        label=_("The worker agreed that this referral goes to that network."), required=False
    )

    def __init__(
        self,
        *args: object,
        referrals: list[tuple[int, str]],
        organisations: list[tuple[int, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["referral"].choices = referrals  # type: ignore[attr-defined]
        self.fields["organisation"].choices = organisations  # type: ignore[attr-defined]
