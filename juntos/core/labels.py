"""A stored choice's label, as `get_FOO_display` gives it, without its cost.

Django's `get_FOO_display` makes the field's whole choice list hashable on every call, which
translates every label of the list: on a page listing a worker's seasons, skills and goals that
was a tenth of the page's time. Here each field's labels are made once per process and
language, for fields whose choices are fixed (a list in the code, not a callable).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from django.db.models import Field, Model
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

_LABELS: dict[tuple[Field[Any, Any], str], dict[Hashable, str]] = {}


def _labels(field: Field[Any, Any]) -> dict[Hashable, str]:
    return {make_hashable(value): str(label) for value, label in field.flatchoices}


def choice_label(instance: Model, name: str) -> object:
    """The label of the value `instance` stores in the choice field `name`, in the active
    language; the value itself when it is not one of the choices (as Django does)."""
    field = instance._meta.get_field(name)
    assert isinstance(field, Field) and field.choices is not None, name
    value = getattr(instance, field.attname)
    if not isinstance(field.choices, list | tuple):  # choices a callable gives: read anew
        return _labels(field).get(make_hashable(value), value)
    key = (field, get_language() or "")
    labels = _LABELS.get(key)
    if labels is None:
        labels = _LABELS[key] = _labels(field)
    return labels.get(make_hashable(value), value)
