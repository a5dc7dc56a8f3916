"""Where a lead is for, and who is no investor: towns, nationwide wishes, the interest rule's guesses,
projects and targets written with a capital, and decisions that are no plans."""

from importers.extraction import extract_article
from importers.extraction.gazetteer import load_gazetteer
from importers.extraction.investors import not_investor_names, vietnamese_names
from importers.extraction.lead_towns import town_provinces
from importers.extraction.opportunities import OpportunityInputs
from importers.extraction.org_records import OrganizationMatch
from importers.types import ParsedArticle
from tests.extraction.helpers import extract


def leads(text):
    return extract(text).opportunities


def test_a_town_gives_the_lead_its_province():
    [lead] = leads(
        "Công ty Kaneda (Nhật Bản) vừa được cấp giấy chứng nhận đầu tư nhà máy sản xuất bao bì tại thành phố "
        "Biên Hòa với tổng vốn 30 triệu USD."
    )
    assert (lead.organization, lead.province_slug, lead.status) == ("Công ty Kaneda", "dong-nai", "licensed")


def test_a_town_after_a_pre_2025_province_gives_todays_unit():
    [lead] = leads(
        "Tập đoàn Orion Air (Singapore) đã ký biên bản ghi nhớ xây dựng trung tâm bảo dưỡng máy bay ở sân bay Chu Lai."
    )
    assert lead.province_slug == "da-nang"  # Quảng Nam, merged into Đà Nẵng


def test_a_town_in_a_background_sentence_is_no_target():
    found = leads(
        "Tập đoàn Hanbit (Hàn Quốc) vừa được cấp giấy phép đầu tư dự án kho lạnh với vốn 12 triệu USD. "
        "Tập đoàn Hanbit từng mở một văn phòng ở Nha Trang."
    )
    assert [lead.province_slug for lead in found if lead.organization == "Tập đoàn Hanbit"] != ["khanh-hoa"]


def test_a_town_inside_a_firms_name_is_no_place():
    gazetteer = load_gazetteer()
    text = "liên doanh với Sonadezi Biên Hòa"
    start = text.index("Sonadezi")
    assert town_provinces(text, 0, gazetteer, [(start, len(text))]) == []
    assert [place.slug for _, _, place in town_provinces(text, 0, gazetteer, [])] == ["dong-nai"]


def test_a_wish_toward_the_whole_country_is_not_moved_to_a_plant_named_as_background():
    [lead] = leads(
        "Đại diện Công ty Hanbit Electronics (Hàn Quốc) cho biết công ty có thể sẽ mở rộng đầu tư tại thị trường "
        "Việt Nam. Hiện Hanbit Electronics có một nhà máy ở Đồng Nai chuyên sản xuất tủ lạnh."
    )
    assert (lead.organization, lead.province_slug) == ("Công ty Hanbit Electronics", "")


def test_the_interest_rules_guess_of_a_province_joins_the_step_read_from_the_same_sentence():
    found = leads(
        "Chiều 5/6, lãnh đạo UBND tỉnh Bắc Ninh tiếp đoàn doanh nghiệp Mỹ.\n"
        "Tại buổi làm việc với Bộ Công Thương, đại diện hãng Starline Motors (Mỹ) đề nghị cho phép mở rộng "
        "giấy phép đầu tư để sản xuất thêm phụ tùng ô tô."
    )
    mine = [lead for lead in found if lead.organization == "hãng Starline Motors"]
    assert len(mine) == 1


def test_a_company_an_investor_buys_into_is_no_investor():
    found = leads(
        "Quỹ đầu tư Sakura Ventures (Nhật Bản) vừa hoàn tất đầu tư vào Homely, nền tảng cho thuê nhà trực tuyến."
    )
    assert "Homely" not in {lead.organization for lead in found}
    assert "Sakura Ventures" in " ".join(lead.organization for lead in found)


def test_a_project_named_after_a_long_noun_is_no_investor():
    body = (
        "Tập đoàn Bluewave (Mỹ) rót 300 triệu USD vào khu vui chơi giải trí Sunny World và dự án Blue Bay, "
        "một khu đô thị với tên gọi “Coral Town”."
    )
    names = [
        ("Tập đoàn Bluewave", "company", "US"),
        ("Sunny World", "company", ""),
        ("Blue Bay", "company", ""),
        ("Coral Town", "company", ""),
    ]
    matches = [OrganizationMatch(n, k, c, body.index(n), body.index(n) + len(n), n) for n, k, c in names]
    inputs = OpportunityInputs((), {}, matches, (), [], (), {}, body=body)
    assert not_investor_names(inputs) == {"Sunny World", "Blue Bay", "Coral Town"}


def test_a_decision_to_add_capital_is_a_step_done_not_a_plan():
    [lead] = leads(
        "Công ty Kaneda (Nhật Bản) đã quyết định tăng vốn thêm 20 triệu USD cho nhà máy linh kiện tại Hải Phòng."
    )
    assert (lead.status, lead.province_slug) == ("capital_increase", "hai-phong")


def test_a_site_written_as_where_the_project_stands_beats_the_datelines_city():
    [lead] = leads(
        "Sáng qua, tại Hà Nội, tập đoàn Brightcom (Mỹ) đã ký thỏa thuận hợp tác xây dựng trung tâm đào tạo kỹ sư "
        "có trụ sở tại Khu công nghệ cao Hòa Lạc."
    )
    assert (lead.province_slug, lead.site) == ("ha-noi", "Khu công nghệ cao Hòa Lạc")
    [lead] = leads(
        "Chiều 3/4, tại Hà Nội, tập đoàn Brightcom (Mỹ) đã ký thỏa thuận xây dựng nhà máy linh kiện tại KCN Quế Võ."
    )
    assert lead.province_slug == "bac-ninh"


def test_a_trend_of_a_countrys_firms_over_recent_years_is_no_lead():
    found = leads(
        "Những năm gần đây, nhiều dự án FDI của các doanh nghiệp Hàn Quốc vào ngành dệt may đã được cấp phép tại "
        "Việt Nam."
    )
    assert [lead for lead in found if not lead.organization] == []


def test_a_sentence_naming_another_firm_does_not_point_back_at_the_investors_before_it():
    found = leads(
        "Đại diện các tập đoàn Đài Loan như Everwin, Sunlit cũng khẳng định sẽ mở rộng đầu tư vào Việt Nam. "
        "Trong đó, Công ty thép Phú An đang xin phép xây dựng nhà máy thép ở Khu công nghiệp Mỹ Xuân A."
    )
    assert {
        (lead.organization, lead.province_slug) for lead in found if lead.organization in ("Everwin", "Sunlit")
    } == {
        ("Everwin", ""),
        ("Sunlit", ""),
    }


def test_a_hosts_wish_addressed_to_a_named_firm_is_no_lead_of_that_firm():
    found = leads(
        "Thủ tướng mong muốn Tập đoàn Orion (Nhật Bản) sẽ tiếp tục mở rộng đầu tư tại Hải Phòng trong các lĩnh vực "
        "mà tập đoàn có thế mạnh."
    )
    assert "Tập đoàn Orion" not in {lead.organization for lead in found}
    [lead] = leads("Tập đoàn Orion (Nhật Bản) mong muốn tiếp tục mở rộng đầu tư nhà máy tại Hải Phòng.")
    assert (lead.organization, lead.province_slug) == ("Tập đoàn Orion", "hai-phong")


def test_a_project_whose_sentence_names_no_province_takes_the_only_province_of_a_title_read_apart():
    body = (
        "Tập đoàn Harbor Crest (Singapore) vừa được cấp giấy chứng nhận đầu tư dự án khách sạn 5 sao với tổng "
        "vốn 45 triệu USD."
    )
    parsed = ParsedArticle(
        source="test.txt",
        title="Đà Nẵng: khởi động lại dự án khách sạn ven biển",
        body=body,
        raw_text=body,
        content_hash="test",
    )
    found = extract_article(parsed).opportunities
    assert [(lead.organization, lead.province_slug) for lead in found] == [("Tập đoàn Harbor Crest", "da-nang")]


def test_a_firm_named_in_vietnamese_words_and_viet_nam_is_vietnamese_a_brand_and_viet_nam_is_foreign():
    names = [("Công ty Cơ khí chế tạo Việt Nam", "company", "VN"), ("Công ty TNHH Kaneda Việt Nam", "company", "VN")]
    inputs = OpportunityInputs((), {}, [OrganizationMatch(n, k, c, 0, 1, n) for n, k, c in names], (), [], (), {})
    assert vietnamese_names(inputs, {n for n, _, _ in names}) == {"Công ty Cơ khí chế tạo Việt Nam"}
