"""Places: provinces resolved to today's unit, foreign regions, countries, and the hard cases."""

from tests.extraction.helpers import extract


def places(text):
    return [(p.slug, p.mention) for p in extract(text).places]


def test_a_pre_2025_province_resolves_to_its_successor_and_keeps_the_written_name():
    found = extract("Tập đoàn Hyosung (Hàn Quốc) muốn mở rộng nhà máy tại tỉnh Bắc Giang.").places
    bac_giang = next(p for p in found if p.mention == "Bắc Giang")
    assert (bac_giang.slug, bac_giang.name, bac_giang.kind) == ("bac-ninh", "Bắc Ninh", "province")


def test_ho_chi_minh_city_aliases_all_resolve_to_one_unit():
    text = "TP.HCM và Thành phố Hồ Chí Minh, TP. Hồ Chí Minh, Sài Gòn đều là một; Bình Dương nay cũng vậy."
    assert {slug for slug, _ in places(text)} == {"ho-chi-minh"}


def test_tp_ha_noi_is_ha_noi():
    assert places("Với các định hướng phát triển của TP. Hà Nội và tỉnh Bắc Ninh.") == [
        ("ha-noi", "TP. Hà Nội"),
        ("bac-ninh", "Bắc Ninh"),
    ]


def test_chinese_regions_in_their_vietnamese_spelling_and_the_autonomous_region_long_form():
    text = "ông Vi Thao, Chủ tịch Khu tự trị dân tộc Choang Quảng Tây; doanh nghiệp tỉnh Quảng Đông và Nam Ninh."
    assert {slug for slug, _ in places(text)} == {"quang-tay", "quang-dong", "nam-ninh"}


def test_pinyin_in_brackets_is_the_same_region():
    assert places("Thâm Quyến (Shenzhen) là trung tâm công nghệ của Trung Quốc.") == [
        ("tham-quyen", "Thâm Quyến"),
        ("cn", "Trung Quốc"),
    ]


def test_ha_nam_followed_by_china_is_henan():
    found = places("Đoàn doanh nghiệp tỉnh Hà Nam (Trung Quốc) muốn hợp tác với Hải Phòng.")
    assert ("ha-nam-cn", "Hà Nam") in found
    assert ("hai-phong", "Hải Phòng") in found


def test_ha_nam_comma_china_is_henan_and_ha_nam_alone_is_the_former_province():
    assert places("Tập đoàn có trụ sở tại Hà Nam, Trung Quốc.")[0][0] == "ha-nam-cn"
    assert places("Khu công nghiệp Đồng Văn của tỉnh Hà Nam thu hút nhiều dự án.")[0][0] == "ninh-binh"


def test_a_name_in_a_list_of_chinese_provinces_is_chinese():
    assert [slug for slug, _ in places("Các tỉnh Hà Nam, Sơn Đông và Hà Bắc cử đoàn sang.")] == [
        "ha-nam-cn",
        "son-dong",
        "ha-bac",
    ]


def test_thai_nguyen_with_its_pinyin_is_taiyuan_and_alone_is_the_province():
    assert places("Thành phố Thái Nguyên (Taiyuan) của tỉnh Sơn Tây")[0][0] == "thai-nguyen-cn"
    assert places("Samsung có nhà máy lớn tại Thái Nguyên.")[0][0] == "thai-nguyen"


def test_truong_sa_and_son_tay_count_only_with_chinese_context():
    assert places("Quần đảo Trường Sa và thị xã Sơn Tây") == []
    assert places("Thành phố Trường Sa, Hồ Nam đón đoàn.")[0][0] == "truong-sa"


def test_an_industrial_park_named_after_a_place_is_a_site():
    assert places("Công ty thuê đất tại KCN Quang Châu, tỉnh Bắc Giang.") == [("bac-ninh", "Bắc Giang")]
    assert places("Nhà máy nằm trong Khu công nghiệp Thái Nguyên.") == []


def test_a_place_inside_an_organization_name_still_counts():
    assert ("quang-chau", "Quảng Châu") in places("Tọa đàm do Tổng Lãnh sự quán Việt Nam tại Quảng Châu tổ chức.")


def test_a_place_name_must_be_capitalized():
    assert places("đây là vùng đất gia lai và bắc ninh") == []


def test_anh_is_the_uk_only_with_a_country_context():
    assert places("Các nhà đầu tư Anh và Pháp quan tâm đến điện gió.") == [("gb", "Anh"), ("fr", "Pháp")]
    assert places("Anh Nguyễn Văn Nam cho biết anh đã về quê.") == []
    assert places("Ông Trần Đức Anh phát biểu.") == []


def test_a_one_word_country_inside_a_longer_proper_name_is_no_country():
    assert places("Viện Hàn lâm Khoa học xã hội và khu đô thị Mỹ Đình") == []


def test_oceans_and_regions_that_contain_a_province_name_are_not_places():
    assert places("khu vực châu Á - Thái Bình Dương và Ấn Độ Dương") == []


def test_a_place_in_a_persons_name_is_not_a_place():
    assert places("Phó chủ tịch UBND TP.HCM Nguyễn Lộc Hà cho biết.") == [("ho-chi-minh", "TP.HCM")]


def test_tone_mark_placement_does_not_matter():
    assert [slug for slug, _ in places("Thanh Hoá và Khánh Hoà")] == ["thanh-hoa", "khanh-hoa"]


def test_a_japanese_company_in_binh_duong_gives_japan_and_ho_chi_minh_city():
    found = extract("Công ty Nidec (Nhật Bản) dự kiến đầu tư thêm 100 triệu USD tại Bình Dương.").places
    assert [(p.slug, p.kind, p.mention) for p in found] == [
        ("jp", "country", "Nhật Bản"),
        ("ho-chi-minh", "city", "Bình Dương"),
    ]


def test_once_shown_foreign_an_ambiguous_name_stays_foreign_in_the_article():
    text = "Đoàn công tác tỉnh Hà Nam (Trung Quốc) làm việc với Tây Ninh. Phía Hà Nam mong muốn hợp tác."
    assert [(p.slug, len(p.mentions)) for p in extract(text).places] == [("ha-nam-cn", 2), ("cn", 1), ("tay-ninh", 1)]


def test_a_currency_named_after_a_country_is_no_place():
    assert places("Công ty vay 5 triệu đô la Mỹ và 2 triệu đô la Singapore.") == []


def test_a_district_named_like_a_province_is_no_province():
    assert places("Nhà máy đặt tại huyện Quảng Ninh, tỉnh Quảng Bình.") == [("quang-tri", "Quảng Bình")]


def test_a_province_name_after_a_surname_is_a_given_name():
    assert places("Nguyễn Thái Bình cho biết UBND Hà Nội đã làm việc với Thái Bình.") == [
        ("ha-noi", "Hà Nội"),
        ("hung-yen", "Thái Bình"),
    ]


def test_a_chinese_autonomous_prefecture_is_a_region_of_its_province():
    text = (
        "Châu Hồng Hà (tỉnh Vân Nam, Trung Quốc) giáp tỉnh Lào Cai. "
        "Thương nhân Hồng Hà thường nhập sầu riêng qua cửa khẩu Kim Thành."
    )
    found = {p.slug: (p.kind, len(p.mentions)) for p in extract(text).places}
    assert found["hong-ha"] == ("foreign_region", 2)
    assert {"lao-cai", "van-nam", "cn"} <= set(found)


def test_prefecture_level_cities_near_vietnam_are_known():
    text = "Đoàn doanh nghiệp đến từ Đại Lý, Ngô Châu, Giang Môn và Trạm Giang sang thăm Hải Phòng."
    assert [slug for slug, _ in places(text)] == ["dai-ly", "ngo-chau", "giang-mon", "tram-giang", "hai-phong"]


def test_a_prefecture_level_city_away_from_the_border_is_known_too():
    text = "Một doanh nghiệp dược đến từ TP Nam Dương muốn xây nhà máy tại Thanh Hóa."
    assert places(text) == [("nam-duong", "Nam Dương"), ("thanh-hoa", "Thanh Hóa")]


def test_an_ambiguous_prefecture_counts_with_its_province_in_brackets_and_not_as_a_given_name():
    assert places("Ông Nguyễn Văn Sơn dẫn đoàn.") == []
    assert places("Thành phố Văn Sơn (Vân Nam, Trung Quốc) có cửa khẩu đường bộ.")[0] == ("van-son", "Văn Sơn")


def test_the_press_abbreviations_of_vietnam_and_china():
    assert places("Nhà đầu tư TQ đổ vốn vào các khu công nghiệp phía Bắc VN") == [
        ("cn", "TQ"),
        ("vn", "VN"),
    ]
    assert places("Chỉ số VN-Index tăng mạnh.") == []


def test_nhat_is_japan_where_the_context_says_so_and_not_inside_words_or_names():
    assert places("Nhiều doanh nghiệp Nhật muốn mở rộng nhà máy ở Đồng Nai.") == [
        ("jp", "Nhật"),
        ("dong-nai", "Đồng Nai"),
    ]
    assert places("Hợp tác Việt - Nhật trong lĩnh vực bán dẫn.") == [("jp", "Nhật")]
    assert places("Chủ Nhật, đoàn đi thăm. Nhật ký chuyến đi được cập nhật. Ông Trần Minh Nhật phát biểu.") == []


def test_han_is_korea_in_a_pair_with_vietnam_and_no_place_as_a_river():
    assert places("Diễn đàn hợp tác Việt - Hàn về công nghiệp bán dẫn.") == [("kr", "Hàn")]
    assert places("Du khách ngắm pháo hoa bên sông Hàn.") == []


def test_a_foreign_region_name_inside_a_persons_name_is_no_place():
    text = "Phát biểu tại buổi tiếp, ông Trần Thanh Hải, Phó Chủ tịch HĐND tỉnh, cho biết tỉnh sẵn sàng."
    assert places(text) == []
    assert [c.full_name for c in extract(text).contacts] == ["Trần Thanh Hải"]


def test_a_delegation_named_after_a_region_is_no_persons_name():
    assert places("Đoàn Quảng Tây sang thăm Lạng Sơn.") == [("quang-tay", "Quảng Tây"), ("lang-son", "Lạng Sơn")]


def test_korean_provinces_in_their_press_spellings_and_a_county_after_quan():
    text = "Đoàn công tác của quận Changwon (tỉnh Gyeongsang Nam, Hàn Quốc) và tỉnh Jeollanam-do thăm Đà Nẵng."
    assert places(text) == [
        ("changwon", "Changwon"),
        ("gyeongsangnam", "Gyeongsang Nam"),
        ("kr", "Hàn Quốc"),
        ("jeollanam", "Jeollanam-do"),
        ("da-nang", "Đà Nẵng"),
    ]


def test_a_district_named_after_a_vietnamese_province_is_still_no_province():
    assert places("Dự án nằm ở huyện Quảng Ninh thuộc tỉnh Quảng Trị.") == [("quang-tri", "Quảng Trị")]


def test_japanese_prefectures_and_taiwanese_cities():
    text = "Doanh nghiệp từ tỉnh Aichi, thành phố Yokohama và Đào Viên (Đài Loan) dự hội nghị tại Hà Nội."
    assert [slug for slug, _ in places(text)] == ["aichi", "yokohama", "dao-vien", "tw", "ha-noi"]


def test_an_ambiguous_country_alone_in_brackets_is_the_country():
    text = "Công ty Plexus Cotton (Anh) và hãng Technip (Pháp) cùng tham gia dự án."
    assert places(text) == [("gb", "Anh"), ("fr", "Pháp")]


def test_a_country_after_a_head_of_governments_title_is_the_country_though_a_name_follows():
    assert places("Thủ tướng Lào Thongloun Sisoulith đã tiếp đoàn.") == [("la", "Lào")]


def test_a_country_paired_with_viet_without_a_dash():
    assert ("us", "Mỹ") in places("Hiệp định Thương mại Việt Mỹ có hiệu lực từ năm 2001.")


def test_countries_in_the_name_of_an_industrial_park_are_named():
    text = "Nhà máy đặt tại KCN Việt Nam - Singapore ở Bình Dương."
    assert {slug for slug, _ in places(text)} == {"vn", "sg", "ho-chi-minh"}


def test_ha_tay_is_ha_noi_and_tp_with_lower_case_p_is_a_city():
    assert places("Canon có nhà máy tại Hà Tây và một văn phòng ở Tp.HCM.") == [
        ("ha-noi", "Hà Tây"),
        ("ho-chi-minh", "Tp.HCM"),
    ]


def test_ha_bac_alone_is_hebei_and_among_vietnamese_provinces_the_former_province():
    assert places("Doanh nghiệp tỉnh Hà Bắc sang tìm hiểu thị trường.") == [("ha-bac", "Hà Bắc")]
    assert places("Dự án trải trên Hà Bắc, Hà Tây và Hải Hưng từ năm 1995.")[:2] == [
        ("bac-ninh", "Hà Bắc"),
        ("ha-noi", "Hà Tây"),
    ]


def test_hong_kong_in_the_older_spelling():
    assert places("Một nhà đầu tư Hồng Công đề xuất dự án.") == [("hk", "Hồng Công")]
