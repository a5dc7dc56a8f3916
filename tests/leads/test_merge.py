"""Organization merge: everything moves to the kept organization, nothing is lost."""

import pytest

from leads.models import Activity, Contact, Evidence, Opportunity, Organization, Sector
from leads.services import organizations_merge
from tests.factories import (
    ActivityFactory,
    ContactFactory,
    OpportunityFactory,
    OrganizationFactory,
    SourceArticleFactory,
)

pytestmark = pytest.mark.django_db


def evidence_for(article, **subject):
    return Evidence.objects.create(
        article=article, sentence="Ông Viên Hoàng đề xuất hợp tác.", sentence_start=0, sentence_end=31, **subject
    )


def test_merge_moves_every_related_row_and_keeps_the_name_as_alias(staff_user):
    keep = OrganizationFactory(name="Sở Công nghiệp và Thông tin Quảng Tây")
    duplicate = OrganizationFactory(name="Sở Công nghiệp và Thông tin khu tự trị dân tộc Choang Quảng Tây")
    duplicate.aliases.create(name="Guangxi MIIT")
    duplicate.sectors.add(Sector.objects.get(slug="ai"))
    article = SourceArticleFactory()
    contact = ContactFactory(organization=duplicate, full_name="Viên Hoàng")
    opportunity = OpportunityFactory(organization=duplicate)
    evidence = evidence_for(article, organization=duplicate)
    activity = ActivityFactory(opportunity=None, organization=duplicate)

    result = organizations_merge(keep=keep, merge=[duplicate], user=staff_user)

    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    assert Contact.objects.get(pk=contact.pk).organization == keep
    assert Opportunity.objects.get(pk=opportunity.pk).organization == keep
    assert Evidence.objects.get(pk=evidence.pk).organization == keep
    moved_activity = Activity.objects.get(pk=activity.pk)
    assert moved_activity.organization == keep
    assert moved_activity.updated_at > activity.updated_at  # sync clients see the move
    assert set(keep.aliases.values_list("name", flat=True)) == {
        "Sở Công nghiệp và Thông tin khu tự trị dân tộc Choang Quảng Tây",
        "Guangxi MIIT",
    }
    assert list(keep.sectors.values_list("slug", flat=True)) == ["ai"]
    assert (result.contacts_moved, result.opportunities_moved, result.evidence_moved, result.activities_moved) == (
        1,
        1,
        1,
        1,
    )
    assert Organization.objects.named("Guangxi MIIT").get() == keep


def test_the_same_person_under_both_organizations_becomes_one_contact():
    keep = OrganizationFactory(name="Tổng Lãnh sự quán Việt Nam tại Quảng Châu")
    duplicate = OrganizationFactory(name="TLSQ Việt Nam tại Quảng Châu")
    kept_contact = ContactFactory(organization=keep, full_name="Nguyễn Việt Dũng", title="Tổng Lãnh sự", email="")
    twin = ContactFactory(
        organization=duplicate, full_name="Nguyễn Việt Dũng", title="Tổng Lãnh sự Việt Nam", email="dung@mofa.gov.vn"
    )
    article = SourceArticleFactory()
    evidence = evidence_for(article, contact=twin)

    result = organizations_merge(keep=keep, merge=[duplicate])

    kept_contact.refresh_from_db()
    assert result.contacts_combined == 1
    assert not Contact.objects.filter(pk=twin.pk).exists()
    assert kept_contact.email == "dung@mofa.gov.vn"
    assert "Tổng Lãnh sự Việt Nam" in kept_contact.notes  # the differing title is kept, not dropped
    assert Evidence.objects.get(pk=evidence.pk).contact == kept_contact


def test_colliding_imported_opportunities_are_both_kept():
    keep = OrganizationFactory(name="Tập đoàn Goertek")
    duplicate = OrganizationFactory(name="Goertek Inc.")
    kept = OpportunityFactory(organization=keep, is_imported=True)
    moved = OpportunityFactory(organization=duplicate, is_imported=True, owner=None, next_step="Gọi lại")

    result = organizations_merge(keep=keep, merge=[duplicate])

    moved.refresh_from_db()
    assert moved.organization == keep and moved.next_step == "Gọi lại"
    assert moved.is_imported is False
    assert result.opportunities_kept_apart == [moved.pk]
    assert Opportunity.objects.filter(organization=keep).count() == 2
    assert Opportunity.objects.get(pk=kept.pk).is_imported


def test_an_organization_cannot_be_merged_into_itself():
    from django.core.exceptions import ValidationError

    organization = OrganizationFactory()
    with pytest.raises(ValidationError):
        organizations_merge(keep=organization, merge=[organization])
    assert Organization.objects.filter(pk=organization.pk).exists()
