"""Names that fold to one already taken are refused on the admin form, with the model's message, not a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from leads.admin.forms import folded_duplicate_message
from leads.models import Contact, Country, Organization, OrganizationAlias
from tests.admin.conftest import inline_management
from tests.factories import ContactFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

ORGANIZATION_TAKEN = "An organization with this name already exists for this country."
CONTACT_TAKEN = "This person is already a contact of this organization."
ALIAS_TAKEN = folded_duplicate_message(OrganizationAlias, "normalized_name")


def post_organization(client, organization: Organization | None = None, **fields):
    url = (
        reverse("admin:leads_organization_change", args=[organization.pk])
        if organization
        else reverse("admin:leads_organization_add")
    )
    rows = {key: fields.pop(key) for key in ("aliases", "contacts") if key in fields}
    data = {"kind": "company", "country": "CN", **fields, **inline_management(client.get(url), **rows)}
    if organization:
        data.setdefault("name", organization.name)
    return client.post(url, data)


def post_contact(client, **fields):
    url = reverse("admin:leads_contact_add")
    return client.post(url, {**fields, **inline_management(client.get(url))})


def errors_of(response) -> list[str]:
    """Every error the admin page shows: the form's, and each inline row's and formset's."""
    found = [str(error) for errors in response.context["adminform"].form.errors.values() for error in errors]
    for inline in response.context["inline_admin_formsets"]:
        found += [str(error) for error in inline.formset.non_form_errors()]
        for form_errors in inline.formset.errors:
            found += [str(error) for errors in form_errors.values() for error in errors]
    return found


def test_adding_an_organization_whose_name_folds_to_one_in_the_same_country_shows_the_model_message(
    admin_client_logged_in,
):
    OrganizationFactory(name="Tập đoàn Goertek", country=Country.objects.get(code="CN"))

    response = post_organization(admin_client_logged_in, name="TẬP ĐOÀN GOERTEK")

    assert response.status_code == 200
    assert ORGANIZATION_TAKEN in errors_of(response)
    assert Organization.objects.filter(normalized_name="tap doan goertek").count() == 1


def test_the_same_folded_name_in_another_country_is_a_different_organization(admin_client_logged_in):
    OrganizationFactory(name="Tập đoàn Goertek", country=Country.objects.get(code="CN"))

    response = post_organization(admin_client_logged_in, name="TẬP ĐOÀN GOERTEK", country="KR")

    assert response.status_code == 302
    assert Organization.objects.filter(normalized_name="tap doan goertek").count() == 2


def test_renaming_an_organization_to_another_ones_folded_name_shows_the_model_message(admin_client_logged_in):
    OrganizationFactory(name="Tập đoàn Goertek")
    other = OrganizationFactory(name="Công ty Luxshare")

    response = post_organization(admin_client_logged_in, other, name="tap doan goertek")

    assert response.status_code == 200
    assert ORGANIZATION_TAKEN in errors_of(response)
    other.refresh_from_db()
    assert other.name == "Công ty Luxshare"


def test_saving_an_organization_unchanged_is_not_a_duplicate_of_itself(admin_client_logged_in):
    organization = OrganizationFactory(name="Tập đoàn Goertek")
    organization.aliases.create(name="Goertek")
    ContactFactory(organization=organization, full_name="Nguyễn Văn An")

    response = post_organization(admin_client_logged_in, organization)

    assert response.status_code == 302, errors_of(response)


def test_adding_a_contact_already_at_the_organization_shows_the_model_message(admin_client_logged_in):
    organization = OrganizationFactory(name="Tập đoàn Goertek")
    ContactFactory(organization=organization, full_name="Nguyễn Văn An")

    response = post_contact(admin_client_logged_in, full_name="NGUYEN VAN AN", organization=organization.pk)

    assert response.status_code == 200
    assert CONTACT_TAKEN in response.context["adminform"].form.non_field_errors()
    assert organization.contacts.count() == 1


def test_a_contact_without_an_organization_may_share_a_name_with_one_at_an_organization(admin_client_logged_in):
    ContactFactory(full_name="Nguyễn Văn An")

    response = post_contact(admin_client_logged_in, full_name="Nguyễn Văn An")

    assert response.status_code == 302, errors_of(response)
    assert Contact.objects.filter(normalized_name="nguyen van an").count() == 2


def test_adding_an_existing_contact_again_in_the_organizations_contact_rows_shows_the_model_message(
    admin_client_logged_in,
):
    organization = OrganizationFactory(name="Tập đoàn Goertek")
    ContactFactory(organization=organization, full_name="Nguyễn Văn An")

    response = post_organization(admin_client_logged_in, organization, contacts=[{"full_name": "nguyễn văn an"}])

    assert response.status_code == 200
    assert CONTACT_TAKEN in errors_of(response)
    assert organization.contacts.count() == 1


def test_two_new_contact_rows_with_one_folded_name_show_the_model_message(admin_client_logged_in):
    response = post_organization(
        admin_client_logged_in,
        name="Tập đoàn Goertek",
        contacts=[{"full_name": "Nguyễn Văn An"}, {"full_name": "NGUYỄN VĂN AN"}],
    )

    assert response.status_code == 200
    assert CONTACT_TAKEN in errors_of(response)
    assert not Organization.objects.filter(normalized_name="tap doan goertek").exists()


def test_an_alias_the_organization_already_has_is_refused_on_the_form(admin_client_logged_in):
    organization = OrganizationFactory(name="Tập đoàn Goertek")
    organization.aliases.create(name="Goertek Group")

    response = post_organization(admin_client_logged_in, organization, aliases=[{"name": "GOERTEK  group"}])

    assert response.status_code == 200
    assert ALIAS_TAKEN in errors_of(response)
    assert list(organization.aliases.values_list("name", flat=True)) == ["Goertek Group"]


def test_an_alias_repeated_in_two_new_rows_is_refused_on_the_form(admin_client_logged_in):
    organization = OrganizationFactory(name="Tập đoàn Goertek")

    response = post_organization(
        admin_client_logged_in, organization, aliases=[{"name": "Goertek Group"}, {"name": "goertek group"}]
    )

    assert response.status_code == 200
    assert ALIAS_TAKEN in errors_of(response)
    assert not OrganizationAlias.objects.exists()


def test_two_different_aliases_and_contacts_are_saved(admin_client_logged_in):
    response = post_organization(
        admin_client_logged_in,
        name="Tập đoàn Goertek",
        aliases=[{"name": "Goertek"}, {"name": "歌尔股份"}],
        contacts=[{"full_name": "Nguyễn Văn An"}, {"full_name": "Trần Thị Bình"}],
    )

    assert response.status_code == 302, errors_of(response)
    organization = Organization.objects.get(normalized_name="tap doan goertek")
    assert organization.aliases.count() == 2
    assert organization.contacts.count() == 2
