"""Reference data as every new database gets it from the migrations."""

import pytest
from django.core.management import call_command

from leads.models import Country, ForeignRegion, Province, Sector
from leads.reference_data import read_reference
from tests.test_reference_files import OLD_TO_NEW, OLDER_UNITS

pytestmark = pytest.mark.django_db


def test_a_new_database_has_the_34_current_units_the_63_old_ones_and_two_older():
    assert Province.objects.current().count() == 34
    assert Province.objects.current().filter(kind="city").count() == 6
    assert Province.objects.historical().count() == 63 + len(OLDER_UNITS)


def test_every_old_province_points_at_its_successor_in_the_database():
    in_database = dict(Province.objects.historical().values_list("slug", "successor__slug"))
    assert in_database == {**dict(OLD_TO_NEW), **OLDER_UNITS}


@pytest.mark.parametrize(("old", "new"), OLD_TO_NEW)
def test_every_old_province_name_resolves_to_todays_unit(old, new):
    old_province = Province.objects.get(slug=old)
    assert Province.objects.resolve(old_province.name).slug == new
    assert Province.objects.resolve(old).slug == new


def test_sectors_of_the_taxonomy_are_loaded_with_keywords():
    slugs = {row["slug"] for row in read_reference("sectors")}
    assert set(Sector.objects.values_list("slug", flat=True)) == slugs
    assert {"ai", "iot", "semiconductors", "renewable-energy", "railways", "media"} <= slugs
    assert "trí tuệ nhân tạo" in Sector.objects.get(slug="ai").keywords


def test_chinese_cities_sit_inside_their_province():
    shenzhen = ForeignRegion.objects.get(slug="tham-quyen")
    assert (shenzhen.name, shenzhen.parent.slug, shenzhen.country.code) == ("Thâm Quyến", "quang-dong", "CN")
    assert ForeignRegion.objects.get(slug="nam-ninh").parent.slug == "quang-tay"


def test_the_main_investor_countries_are_there():
    assert {"CN", "KR", "JP", "SG", "TW", "HK", "US", "VN"} <= set(Country.objects.values_list("code", flat=True))


def test_reloading_reference_data_keeps_what_staff_edited():
    province = Province.objects.get(slug="bac-ninh")
    province.full_name = "Tỉnh Bắc Ninh (mới)"
    province.save()
    call_command("load_reference_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    province.refresh_from_db()
    assert province.full_name == "Tỉnh Bắc Ninh (mới)"
    assert Province.objects.count() == 97 + len(OLDER_UNITS)


def test_a_refresh_that_renames_a_site_keeps_the_search_of_its_opportunities_right(tmp_path):
    """A refresh writes the reference files over the database: a site's new alias finds its leads at once."""
    import json
    import shutil

    from leads.models import Opportunity, Site
    from leads.reference_data import REFERENCE_DIR, load_reference_data
    from leads.text import normalize_name

    site = Site.objects.get(slug=read_reference("sites")[0]["slug"])
    lead = Opportunity.objects.create(title="Nhà máy linh kiện", province=site.province, site=site)
    directory = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, directory)
    sites = read_reference("sites", directory)
    sites[0]["aliases"] = [*sites[0].get("aliases", []), "Khu công nghiệp Sông Mây Mới"]
    (directory / "sites.json").write_text(json.dumps(sites, ensure_ascii=False), encoding="utf-8")

    load_reference_data(directory=directory, refresh=True)

    assert normalize_name("Sông Mây Mới") in Opportunity.objects.get(pk=lead.pk).search_text
