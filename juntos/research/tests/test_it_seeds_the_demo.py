"""The demo has consenting workers, ben's approved study and a ready extract with a link."""

from __future__ import annotations

import pandas as pd
import pytest
from django.core.management import call_command
from pycanon import anonymity as canon

from juntos.learning.models import WorkerProfile
from juntos.research.extracts import Layout
from juntos.research.models import DownloadLink, Extract, Project

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_ready_k_anonymous_extract(client) -> None:
    call_command("seed_demo", "--quiet")
    call_command("seed_demo", "--quiet")  # a second run adds nothing
    project = Project.objects.get()
    assert WorkerProfile.objects.filter(research_consent=True).count() >= 180
    assert WorkerProfile.objects.get(user__phone="+12505550101").research_consent
    extract = Extract.objects.get(project=project)
    assert extract.status == "ready" and extract.rows > 0 and extract.smallest_class >= 10
    from juntos.research.services import link_token

    response = client.get(f"/en/research/download/{link_token(DownloadLink.objects.get())}/")
    frame = pd.read_csv(pd.io.common.BytesIO(response.content), dtype=str, keep_default_na=False)
    quasi = list(Layout.of(project.variables).quasi)
    assert canon.k_anonymity(frame, quasi) >= 10
    assert canon.l_diversity(frame, quasi, ["marginalised_group"]) >= 2
