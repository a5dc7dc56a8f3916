"""Where a lead is for when its sentence names no province: a province named only as the venue of talks
is no default target, a title's industrial zone gives its province, and a foreign country written as a
location or a standard is no party."""

from dataclasses import replace

from importers.extraction import extract_article
from tests.extraction.helpers import article, extract


def leads(text):
    return extract(text).opportunities


def test_a_province_named_only_as_the_venue_of_talks_is_no_target():
    found = leads(
        "Sáng qua tại Hà Nội, đoàn doanh nghiệp Canada đã làm việc với Bộ Công Thương. "
        "Các doanh nghiệp Canada bày tỏ mong muốn đầu tư vào lĩnh vực năng lượng tái tạo."
    )
    assert [(lead.origin_slug, lead.province_slug) for lead in found] == [("ca", "")]


def test_a_province_the_story_is_about_stays_the_default_target():
    found = leads(
        "Tỉnh Nghệ An đang kêu gọi đầu tư vào khu kinh tế ven biển. "
        "Các doanh nghiệp Canada bày tỏ mong muốn đầu tư vào lĩnh vực năng lượng tái tạo."
    )
    assert [(lead.origin_slug, lead.province_slug) for lead in found] == [("ca", "nghe-an")]


def test_a_zone_in_the_title_gives_the_body_s_licence_its_province_and_site():
    text = (
        "Ban quản lý vừa trao giấy phép xây dựng nhà máy sản xuất ống thép cho Công ty TNHH Kenzo Steel "
        "(Nhật Bản). Nhà máy có vốn đầu tư 15 triệu USD."
    )
    extraction = extract_article(replace(article(text), title="KCN Dung Quất đón thêm một dự án"))
    [lead] = [lead for lead in extraction.opportunities if lead.organization]
    assert (lead.province_slug, lead.site, lead.status) == ("quang-ngai", "KCN Dung Quất", "licensed")


def test_a_country_written_as_a_location_is_no_party():
    found = leads(
        "Tập đoàn Mirai (Nhật Bản) từng định mở nhà máy tại Indonesia nhưng nay muốn đầu tư sản xuất "
        "linh kiện điện tử tại Bắc Ninh."
    )
    assert "id" not in {lead.origin_slug for lead in found}


def test_countries_written_as_a_standard_are_no_parties():
    found = leads(
        "Các doanh nghiệp Úc muốn hợp tác phát triển nhà ở xã hội theo tiêu chuẩn của Nhật Bản, "
        "Hàn Quốc và Singapore tại Đồng Nai."
    )
    assert [(lead.origin_slug, lead.province_slug) for lead in found] == [("au", "dong-nai")]


def test_firms_located_in_a_foreign_city_are_still_its_firms():
    found = leads(
        "Nhiều doanh nghiệp phần mềm tại Thâm Quyến bày tỏ mong muốn hợp tác với Việt Nam về trí tuệ nhân tạo."
    )
    assert [lead.origin_slug for lead in found] == ["tham-quyen"]


def test_continuing_to_invest_more_is_a_capital_increase():
    [lead] = leads(
        "Dù thị trường ô tô khó khăn, Công ty TNHH Sakura Motor Việt Nam (Nhật Bản) vẫn quyết định tiếp tục "
        "đầu tư thêm 40 triệu USD để mở rộng nhà máy lắp ráp tại Vĩnh Phúc."
    )
    assert (lead.status, lead.province_slug) == ("capital_increase", "phu-tho")


def test_projects_listed_after_a_licensed_roundup_are_licensed():
    found = leads(
        "Một số dự án lớn được cấp phép trong tháng 3 tại Long An là nhà máy sản xuất bao bì của Công ty "
        "Kaito Pack (Nhật Bản), tổng vốn 50 triệu USD. Tập đoàn Lumen Fibers (Hàn Quốc) đầu tư dự án sản xuất "
        "sợi tổng hợp với tổng vốn 80 triệu USD."
    )
    statuses = {lead.organization: lead.status for lead in found}
    assert statuses.get("Tập đoàn Lumen Fibers") == "licensed"


def test_a_plain_investment_outside_a_roundup_stays_an_interest():
    found = leads("Tập đoàn Lumen Fibers (Hàn Quốc) đầu tư dự án sản xuất sợi tổng hợp với tổng vốn 80 triệu USD.")
    assert [lead.status for lead in found if lead.organization] == ["interest"]


def test_a_headline_s_short_name_is_the_body_s_investor():
    text = (
        "Công ty liên doanh cơ khí Hanwa vừa được Bộ Kế hoạch và Đầu tư gia hạn giấy phép đầu tư thêm 5 năm, "
        "với vốn đầu tư 12 triệu USD."
    )
    extraction = extract_article(replace(article(text), title="Hanwa VN được gia hạn giấy phép"))
    named = [lead for lead in extraction.opportunities if lead.organization]
    assert [(lead.organization, lead.evidence.start, lead.evidence.end) for lead in named] == [
        ("Công ty liên doanh cơ khí Hanwa", 0, 0)
    ]
