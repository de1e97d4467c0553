"""Every fixed SMS reply arrives whole in each language: a reply over three segments is cut to
its first words and a link, and the words cut are the last ones (how to stop, what was
guessed). Only the answers that carry their own link (rights, a report's status) may be cut."""

from __future__ import annotations

import pytest
from django.utils import translation

from juntos.channels import replies
from juntos.channels.keywords import fold
from juntos.channels.tests.conftest import ROSA
from juntos.channels.topics import menu_words, topic_from
from juntos.core.jurisdictions import Program, Province
from juntos.core.segments import MAX_SEGMENTS, sms_segments
from juntos.rights.choices import Topic
from juntos.testing.outbox import outbox_last

LANGUAGES = ["es", "en", "fr"]


def _fixed_replies() -> list[str]:
    texts = [
        replies.help_menu(known_language=True),
        replies.help_menu(known_language=False),
        replies.status_how(),
        replies.ask_province(),
        replies.ask_program(),
        replies.topics_menu(),
        replies.alerts_how(),
        replies.alerts_refused(),
    ]
    for province in Province.values:
        texts += [
            replies.no_answer(province),
            replies.alerts_on(province, guessed=True),
            replies.alerts_on(province, guessed=False),
            replies.province_set(province),
        ]
    texts += [replies.program_set(program) for program in Program.values]
    return texts


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_fixed_reply_fits_three_segments(language):
    with translation.override(language):
        too_long = [t for t in _fixed_replies() if sms_segments(t).count > MAX_SEGMENTS]
    assert too_long == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stop", "start"), [("ALTO", "ALTA"), ("STOP", "START"), ("ARRÊT", "DÉMARRER")]
)
def test_the_stop_and_start_confirmations_fit_too(sms, stop, start):
    sms(stop)
    assert sms_segments(outbox_last(ROSA).body).count <= MAX_SEGMENTS
    sms(start)
    assert sms_segments(outbox_last(ROSA).body).count <= MAX_SEGMENTS


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_word_of_the_topics_menu_asks_for_its_topic(language):
    words = menu_words(language)
    assert len(words) == len(Topic.choices)
    assert [topic_from(fold(word)) for word in words] == Topic.values
    with translation.override(language):
        assert all(word in replies.topics_menu() for word in words)
