import pytest

from juntos.accounts.selectors import organisations_by_slug
from juntos.registry.tests import factories


@pytest.fixture
def carls_published_review(personas):
    """A published review of a site of carl's employer (okanagan-orchards), with no reply."""
    organisation = organisations_by_slug(["okanagan-orchards"])["okanagan-orchards"]
    owner = factories.employer("Okanagan Orchards Ltd.", organisation_id=organisation.pk)
    site = factories.site(owner, name="Kelowna orchard")
    return factories.review_row(site, published=True, text="La vivienda estaba sucia.")
