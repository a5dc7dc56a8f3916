"""Organization merge: everything moves to the kept organization, nothing is lost."""

import pytest

from leads.models import Activity, Contact, Evidence, Opportunity, Organization, Sector, Watch
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


def test_a_duplicate_merged_meanwhile_is_refused_with_a_message_and_nothing_moves():
    from leads.services import RecordGone

    keep, duplicate, elsewhere = OrganizationFactory(), OrganizationFactory(), OrganizationFactory()
    contact = ContactFactory(organization=keep)
    organizations_merge(keep=elsewhere, merge=[duplicate])  # another merge, after we read the duplicate

    with pytest.raises(RecordGone, match="was merged or deleted meanwhile"):
        organizations_merge(keep=keep, merge=[duplicate])
    assert keep.aliases.count() == 0
    assert Contact.objects.get(pk=contact.pk).organization == keep


def test_merging_into_an_organization_merged_meanwhile_is_refused_with_a_message():
    from leads.services import RecordGone

    keep, duplicate, elsewhere = OrganizationFactory(), OrganizationFactory(), OrganizationFactory()
    organizations_merge(keep=elsewhere, merge=[keep])

    with pytest.raises(RecordGone, match=f"#{keep.pk}"):
        organizations_merge(keep=keep, merge=[duplicate])
    assert Organization.objects.filter(pk=duplicate.pk).exists()


def test_the_kept_organization_is_saved_as_it_is_now_and_the_callers_copy_is_refreshed():
    keep = OrganizationFactory(notes="Đầu mối tại Hà Nội")
    duplicate = OrganizationFactory(notes="Gặp ở hội chợ")
    colleague = Organization.objects.get(pk=keep.pk)
    colleague.website = "https://example.vn"
    colleague.save()  # after our copy of `keep` was read

    result = organizations_merge(keep=keep, merge=[duplicate])

    stored = Organization.objects.get(pk=keep.pk)
    assert stored.website == "https://example.vn"
    assert stored.notes == f"Đầu mối tại Hà Nội\n\n[{duplicate.name}] Gặp ở hội chợ"
    assert (keep.version, keep.notes, result.kept.version) == (stored.version, stored.notes, stored.version)


def test_a_watch_following_the_duplicate_follows_the_kept_organization(staff_user):
    keep = OrganizationFactory(name="Công ty TNHH Điện tử Hoa Nam")
    duplicate = OrganizationFactory(name="Hoa Nam Electronics Co., Ltd")
    watch = Watch.objects.create(owner=staff_user, name="Hoa Nam", organization=duplicate)

    organizations_merge(keep=keep, merge=[duplicate], user=staff_user)

    assert Watch.objects.get(pk=watch.pk).organization == keep
