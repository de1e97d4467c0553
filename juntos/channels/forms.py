"""The simulator's form: one inbound step, as a gateway would post it."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from juntos.channels.choices import Channel

# Only numbers reserved for fiction (NANP 555-0100 to 555-0199): the simulator must never act
# as a real person's phone, e.g. opt her out with STOP.
FICTIONAL_NUMBER = re.compile(r"^\+1[2-9][0-9]{2}55501[0-9]{2}$")


class SimulatorForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    number = forms.CharField(
        label=_("From number"),
        max_length=20,
        initial="+12505550142",
        help_text=_("A fictional number only: +1, an area code, then 555 0100 to 555 0199."),
    )
    text = forms.CharField(label=_("Message (SMS and WhatsApp)"), max_length=500, required=False)
    digits = forms.CharField(label=_("Keys pressed (voice)"), max_length=40, required=False)
    voice_state = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def clean_number(self) -> str:
        number = "".join(ch for ch in self.cleaned_data["number"] if ch in "0123456789+")
        if not FICTIONAL_NUMBER.match(number):
            raise forms.ValidationError(
                _("Use a fictional number: +1, an area code, then 555 0100 to 555 0199.")
            )
        return number

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("channel") in (Channel.SMS, Channel.WHATSAPP) and not data.get("text"):
            self.add_error("text", _("Write the message to send."))
        digits = str(data.get("digits") or "")
        if digits and not all(ch in "0123456789*#" for ch in digits):
            self.add_error("digits", _("Only the keys 0 to 9, * and #."))
        return data
