"""Capitalized Latin words that name no organization: things, places, codes, terms and initials."""

from tests.extraction.helpers import extract


def names(text):
    return [o.name for o in extract(text).organizations]


def test_a_name_behind_a_thing_word_and_its_describing_words_is_the_things():
    assert names("Chủ đầu tư vừa mở bán căn hộ cao cấp Riverlane tại quận 7.") == []
    assert names("Tuần tới sẽ khai trương cụm rạp chiếu phim đa năng Starview ở trung tâm.") == []


def test_a_name_behind_a_thing_word_and_a_place_is_the_things():
    assert names("Vốn sẽ dành cho khu du lịch Đà Nẵng Seabreeze trong hai năm tới.") == []


def test_the_second_item_after_a_thing_word_is_a_thing_too():
    assert names("Sở giới thiệu hai khách sạn Hồng Hà và Lotus cần tìm nhà đầu tư.") == []


def test_a_brand_or_a_name_given_to_something_is_no_organization():
    assert names("Sản phẩm được bán dưới thương hiệu Velora trên toàn quốc.") == []
    assert names("Bộ phim mới mang tên Silent River đã ra rạp.") == []


def test_a_company_name_after_a_lower_case_head_is_still_a_company():
    assert names("Dự án do công ty Brightwave Robotics đầu tư.") == ["công ty Brightwave Robotics"]
    assert names("Đại diện hãng xe hơi Norvane đề nghị mở rộng giấy phép.") == ["Norvane"]


def test_a_person_behind_a_trade_and_a_country_is_no_organization():
    assert names("Cuốn sách của nhà văn Pháp Jules Marchand được dịch sang tiếng Việt.") == []


def test_codes_with_digits_single_letters_and_initials_are_no_organizations():
    assert names("Giếng khoan XT-2X cho dòng dầu ổn định.") == []
    assert names("Các khách sạn 5 sao, văn phòng hạng A, hạng B đều kín chỗ.") == []
    assert names("Kim ngạch đạt 3 tỷ USD.\nT.H.") == []


def test_an_acronym_glossed_in_lower_case_words_is_a_term():
    assert names("Nhà máy sản xuất bộ cảm biến ABS (anti-lock braking system) cho ô tô.") == []


def test_a_latin_name_ending_with_a_building_or_street_word_is_a_place():
    assert names("Văn phòng đặt tại Harbour Plaza, gần Marina Road.") == []
    assert names("Năm sau Sunview Resort sẽ đón khách.") == []


def test_a_building_word_followed_by_a_legal_form_stays_a_company():
    assert names("Hợp đồng được ký với Harbour Plaza Co., Ltd hôm qua.") == ["Harbour Plaza Co., Ltd"]


def test_an_escaped_ampersand_joins_one_name():
    assert names("Những hãng như Procter &amp; Gamble đầu tư từ Singapore.") == ["Procter &amp; Gamble"]


def test_two_listed_companies_joined_by_a_dash_are_two():
    assert names("Mối quan hệ Samsung - Apple được cho là kỳ lạ.") == ["Samsung", "Apple"]


def test_a_degree_and_a_person_under_a_labelled_position_are_no_organizations():
    assert names("Theo GS. Nguyễn Mại, vốn sẽ tăng.") == []
    assert names("Trụ sở: Tokyo- CEO: KENJI ARAI- Website: norvane.example") == []


def test_officials_written_as_can_bo_are_no_ministry():
    assert names("Trong chuyến công tác của đoàn cán bộ Việt Nam, các doanh nghiệp cho biết sẽ đầu tư.") == []


def test_a_two_letter_acronym_acting_in_the_sentence_is_still_a_company():
    assert names("Năm nay GE cho biết sẽ mở nhà máy mới.") == ["GE"]
