"""factory_boy factories for the CRM's records, built on the reference data the migrations load."""

import factory
from django.contrib.auth import get_user_model

from leads.choices import OrganizationKind
from leads.models import Activity, Contact, Country, Opportunity, Organization, Province, Sector, SourceArticle


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.vn")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Công ty TNHH Công nghệ Thâm Quyến số {n}")
    kind = OrganizationKind.COMPANY
    country = factory.LazyFunction(lambda: Country.objects.get(code="CN"))


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {chr(65 + n % 26)}{n}")
    title = "Giám đốc"
    organization = factory.SubFactory(OrganizationFactory)


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    province = factory.LazyFunction(lambda: Province.objects.get(slug="bac-ninh"))
    primary_sector = factory.LazyFunction(lambda: Sector.objects.get(slug="ai"))

    @factory.post_generation
    def sectors(self, create: bool, extracted, **kwargs) -> None:
        """The primary sector is one of the opportunity's sectors, as the importer and the forms keep it;
        `sectors=[...]` adds others."""
        if not create:
            return
        self.sectors.add(*(extracted or []), *([self.primary_sector] if self.primary_sector_id else []))


class SourceArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceArticle

    title = "Nhiều tập đoàn lớn của Trung Quốc muốn hợp tác với Việt Nam trong lĩnh vực AI"
    body = "Đại diện nhiều tập đoàn lớn của Trung Quốc đã chia sẻ kế hoạch đầu tư."
    raw_text = factory.LazyAttribute(lambda article: f"{article.title}\n{article.body}")
    content_hash = factory.Sequence(lambda n: f"{n:064x}")
    outlet = "Báo Đầu tư"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    subject = "Gọi điện cho văn phòng đại diện"
    opportunity = factory.SubFactory(OpportunityFactory)
