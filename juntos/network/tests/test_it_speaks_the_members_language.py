"""Pages and generated text come in the reader's language, plurals included."""

from __future__ import annotations

from juntos.network import services
from juntos.network.tests.factories import close_and_count, make_group, make_vote


def test_spanish_pages_with_plurals(personas, client_as):
    make_group(personas)
    page = client_as("rosa").get("/es/network/").content.decode()
    assert "Grupos de trabajo" in page
    assert "(3 miembros)" in page  # the co-chairs rosa and carl, and amina


def test_default_decision_reason_is_translated_when_read(personas, client_as):
    vote = make_vote(personas)
    for key in ("rosa", "amina", "ines"):
        services.ballot_cast(actor=getattr(personas, key), vote=vote, choice="yes")
    close_and_count(personas, vote)
    french = client_as("ines").get("/fr/network/decisions/").content.decode()
    spanish = client_as("rosa").get("/es/network/decisions/").content.decode()
    assert "La plénière a voté pour l'adopter." in french
    assert "El pleno votó a favor de adoptarla." in spanish
