"""The folded search columns stay right whoever changes a name the search finds a record by.

A search is one `LIKE` over one column per resource (`leads.models.search`): a renamed organization,
a new alias, a sector added to a lead, a merge or a renamed site must show in the next search, and
an old name must stop finding what no longer carries it.
"""

import pytest
from django.urls import reverse

from leads.models import Contact, Opportunity, Organization, OrganizationAlias, Sector
from leads.models.search import refresh_contact_search, refresh_opportunity_search, refresh_organization_search
from leads.services import organization_add_alias, organizations_merge
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def search(client, name: str, query: str) -> set[int]:
    response = client.get(reverse(f"api:{name}-list"), {"q": query})
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}


def test_renaming_an_organization_finds_its_leads_and_people_by_the_new_name_only(staff_api, pipeline):
    society = Organization.objects.get(pk=pipeline["guangzhou_society"].pk)
    society.name = "Hiệp hội Giao lưu Hữu nghị Thành phố Thâm Quyến"
    society.save()

    assert search(staff_api, "opportunity", "giao luu huu nghi") == {pipeline["railway"].pk}
    assert search(staff_api, "contact", "giao luu huu nghi") == {pipeline["chairman"].pk}
    assert search(staff_api, "organization", "giao luu huu nghi") == {society.pk}
    # The old name is still in the railway's own title and the chairman's title, not in the society's.
    assert search(staff_api, "organization", "hoi huu nghi hai ngoai") == set()


def test_a_rename_saved_field_by_field_reaches_the_leads_too(staff_api, pipeline):
    department = Organization.objects.get(pk=pipeline["bac_ninh_department"].pk)
    department.name = "Sở Kế hoạch và Đầu tư Bắc Ninh"
    department.save(update_fields=["name"])
    lead = pipeline["ai"]
    lead.organization = department
    lead.save(update_fields=["organization"])

    assert search(staff_api, "opportunity", "so ke hoach va dau tu") == {lead.pk}
    assert lead.pk not in search(staff_api, "opportunity", "choang quang tay")


def test_an_alias_finds_the_leads_of_its_organization_until_it_is_deleted(staff_api, pipeline):
    alias = organization_add_alias(organization=pipeline["guangzhou_society"], name="GZ Overseas Friendship")
    assert search(staff_api, "opportunity", "gz overseas") == {pipeline["railway"].pk}
    assert search(staff_api, "organization", "gz overseas") == {pipeline["guangzhou_society"].pk}

    alias.delete()
    assert search(staff_api, "opportunity", "gz overseas") == set()
    assert search(staff_api, "organization", "gz overseas") == set()


def test_sectors_added_or_removed_from_either_side_change_what_finds_a_lead(staff_api, pipeline):
    fintech, energy = pipeline["fintech"], Sector.objects.get(slug="renewable-energy")
    before = search(staff_api, "opportunity", energy.name_vi)
    fintech.sectors.add(energy)
    assert search(staff_api, "opportunity", energy.name_vi) == before | {fintech.pk}

    energy.opportunities.remove(fintech)
    assert search(staff_api, "opportunity", energy.name_vi) == before
    energy.opportunities.add(fintech)
    energy.opportunities.clear()
    assert fintech.pk not in search(staff_api, "opportunity", energy.name_vi)


def test_a_renamed_site_finds_its_leads_by_the_new_name(staff_api, pipeline):
    site = pipeline["que_vo"]
    site.aliases = [*site.aliases, "Khu công nghiệp Quế Võ mở rộng giai đoạn hai"]
    site.save()
    assert search(staff_api, "opportunity", "que vo mo rong giai doan") == {pipeline["ai"].pk}


def test_after_a_merge_the_duplicate_name_finds_the_moved_leads(staff_api, pipeline):
    duplicate = OrganizationFactory(
        name="Hội Hữu nghị Quảng Châu (bản trùng)", country=pipeline["railway"].organization.country
    )
    moved = Opportunity.objects.create(title="", organization=duplicate, province=pipeline["railway"].province)

    organizations_merge(keep=pipeline["guangzhou_society"], merge=[duplicate])

    # The duplicate's name is now an alias of the organization both leads belong to.
    assert search(staff_api, "opportunity", "ban trung") == {moved.pk, pipeline["railway"].pk}
    assert search(staff_api, "organization", "ban trung") == {pipeline["guangzhou_society"].pk}


def test_the_set_based_refresh_writes_what_save_writes(pipeline):
    organization_add_alias(organization=pipeline["guangxi_department"], name="Guangxi IIT Department")
    saved = {
        model: dict(model.objects.values_list("pk", "search_text")) for model in (Opportunity, Organization, Contact)
    }
    for model in saved:
        model.objects.update(search_text="")
    # What a bulk load leaves (the own text only) is what the refresh starts from.
    for opportunity in Opportunity.objects.all():
        Opportunity.objects.filter(pk=opportunity.pk).update(
            search_text=saved[Opportunity][opportunity.pk].split("\n")[0]
        )
    for contact in Contact.objects.all():
        Contact.objects.filter(pk=contact.pk).update(search_text=saved[Contact][contact.pk].split("\n")[0])

    refresh_organization_search(Organization.objects.all())
    refresh_contact_search(Contact.objects.all())
    refresh_opportunity_search(Opportunity.objects.all())

    for model, texts in saved.items():
        assert {pk: sorted(text.split("\n")) for pk, text in model.objects.values_list("pk", "search_text")} == {
            pk: sorted(text.split("\n")) for pk, text in texts.items()
        }
    assert OrganizationAlias.objects.exists()
