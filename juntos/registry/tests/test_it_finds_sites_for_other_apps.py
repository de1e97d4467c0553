from juntos.registry.selectors import (
    EmployerSiteRef,
    employer_site_ref,
    recruiter_licence_status,
    search_employer_sites,
)
from juntos.registry.tests import factories


def test_search_employer_sites_tolerates_accents_and_typos(db):
    agricola = factories.employer("Agrícola del Valle S.A.", operating_name="Agrícola Valle")
    wanted = factories.site(agricola, name="Rancho Norte", province="BC", city="Abbotsford")
    factories.site(name="Okanagan Orchards", province="BC")

    found = search_employer_sites("agricola")
    assert found[0] == EmployerSiteRef(
        id=wanted.pk, employer_name="Agrícola Valle", site_name="Rancho Norte", province="BC"
    )
    assert [ref.id for ref in search_employer_sites("agrícla vale")][:1] == [wanted.pk]


def test_search_employer_sites_filters_by_province_and_limits(db):
    owner = factories.employer("Sunny Berry Farms Inc.")
    bc = factories.site(owner, name="Berry farm BC", province="BC")
    factories.site(owner, name="Berry farm ON", province="ON")

    assert [ref.id for ref in search_employer_sites("sunny berry", province="bc")] == [bc.pk]
    assert len(search_employer_sites("sunny berry", limit=1)) == 1
    assert search_employer_sites("zzzz qqqq") == []
    assert search_employer_sites("  ,, ") == []


def test_employer_site_ref_names_a_site_or_none(db):
    made = factories.site(factories.employer("Okanagan Orchards Ltd."), name="Kelowna orchard")
    assert employer_site_ref(made.pk) == EmployerSiteRef(
        id=made.pk,
        employer_name="Okanagan Orchards Ltd.",
        site_name="Kelowna orchard",
        province="BC",
    )
    assert employer_site_ref(made.pk + 1000) is None


def test_recruiter_licence_status_by_misspelled_name(db):
    pacific = factories.recruiter("Pacific Agricultural Recruitment Services")
    licence = factories.licence(pacific, province="BC")

    status = recruiter_licence_status("pasific agricultral", province="BC")
    assert status is not None
    assert status.recruiter_id == pacific.pk
    assert status.number == licence.number
    assert status.in_good_standing
    assert recruiter_licence_status("pasific agricultral", province="ON") is None
