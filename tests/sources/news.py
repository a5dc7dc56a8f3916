"""Short news items written for these tests (not taken from any outlet), and the feeds and pages that carry them.

Each article reports a named foreign company licensed for a factory in a province, which the
importer reads as a lead: `COMPANY` names the organization the test then looks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    company: str
    text: str  # the full article
    summary: str = ""  # what a feed carries when it carries only a teaser


HOA_THINH = Story(
    slug="hoa-thinh-bac-ninh",
    title="Bắc Ninh cấp phép nhà máy bảng mạch 120 triệu USD",
    company="Công ty TNHH Linh kiện Điện tử Hoa Thịnh",
    text=(
        "Ngày 12/3, UBND tỉnh Bắc Ninh đã trao giấy chứng nhận đăng ký đầu tư cho Công ty TNHH Linh kiện Điện tử "
        "Hoa Thịnh (Trung Quốc) để xây dựng nhà máy sản xuất bảng mạch điện tử tại KCN Quế Võ, tổng vốn đầu tư "
        "120 triệu USD. Nhà máy dự kiến đi vào hoạt động cuối năm sau."
    ),
)
KIM_LONG = Story(
    slug="kim-long-nam-dinh",
    title="Nhà đầu tư dệt may đến Nam Định",
    company="Tập đoàn Dệt may Kim Long",
    text=(
        "Tập đoàn Dệt may Kim Long của Đài Loan (Trung Quốc) được cấp phép đầu tư nhà máy sợi tại tỉnh Nam Định "
        "với vốn 85 triệu USD, dự kiến tạo việc làm cho 1.200 lao động. Lãnh đạo tỉnh cho biết sẽ hỗ trợ doanh "
        "nghiệp hoàn tất thủ tục xây dựng trong quý tới."
    ),
    summary="Một doanh nghiệp dệt may vừa nhận giấy phép, hứa hẹn nhiều việc làm cho lao động địa phương.",
)
TAN_HAI = Story(
    slug="tan-hai-thai-nguyen",
    title="Thái Nguyên đón dự án pin lithium",
    company="Công ty Cổ phần Pin Năng lượng Tân Hải",
    text=(
        "Công ty Cổ phần Pin Năng lượng Tân Hải (Hàn Quốc) vừa nhận giấy chứng nhận đầu tư dự án nhà máy sản xuất "
        "pin lithium tại tỉnh Thái Nguyên, vốn đăng ký 200 triệu USD."
    ),
)
MINH_AN = Story(
    slug="minh-an-hai-duong",
    title="Hải Dương có thêm nhà máy vật tư y tế",
    company="Công ty TNHH Thiết bị Y tế Minh An",
    text=(
        "Sáng 14/5, Ban Quản lý các KCN tỉnh Hải Dương trao giấy chứng nhận đầu tư cho Công ty TNHH Thiết bị Y tế "
        "Minh An (Nhật Bản) để xây nhà máy sản xuất ống tiêm và vật tư y tế, vốn đầu tư 45 triệu USD."
    ),
)
DONG_PHONG = Story(
    slug="dong-phong-thanh-hoa",
    title="Thanh Hóa cấp phép nhà máy máy nông nghiệp",
    company="Tập đoàn Cơ khí Đông Phong",
    text=(
        "UBND tỉnh Thanh Hóa vừa cấp giấy chứng nhận đăng ký đầu tư cho Tập đoàn Cơ khí Đông Phong (Trung Quốc) "
        "thực hiện dự án nhà máy lắp ráp máy nông nghiệp với tổng vốn 150 triệu USD. Dự án đặt tại khu kinh tế "
        "ven biển của tỉnh và sẽ khởi công trong năm nay."
    ),
)
XANH_HOA_BINH = Story(
    slug="xanh-hoa-binh-long-an",
    title="Long An đón dự án bao bì sinh học",
    company="Công ty TNHH Vật liệu Xanh Hòa Bình",
    text=(
        "Công ty TNHH Vật liệu Xanh Hòa Bình (Singapore) đã được tỉnh Long An cấp phép xây dựng nhà máy sản xuất "
        "bao bì sinh học, vốn đăng ký 60 triệu USD, dự kiến hoạt động từ năm 2026. Sản phẩm chủ yếu để xuất khẩu."
    ),
)
TINH_VAN = Story(
    slug="tinh-van-binh-duong",
    title="Bình Dương cấp phép nhà máy robot",
    company="Công ty Cổ phần Robot Tinh Vân",
    text=(
        "Tỉnh Bình Dương trao giấy chứng nhận đầu tư cho Công ty Cổ phần Robot Tinh Vân (Đài Loan) để xây dựng nhà "
        "máy sản xuất robot công nghiệp, vốn đầu tư 90 triệu USD."
    ),
)

PUBLISHED = datetime(2025, 9, 18, 8, 30, tzinfo=UTC)


def article_page(story: Story) -> bytes:
    """An outlet's article page: menus and a footer around the story, as trafilatura meets them."""
    paragraphs = "".join(f"<p>{escape(sentence.strip())}.</p>" for sentence in story.text.split(". ") if sentence)
    return (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{escape(story.title)}</title></head><body>"
        "<nav><a href='/'>Trang chủ</a> <a href='/kinh-te/'>Kinh tế</a></nav>"
        f"<main><article><h1>{escape(story.title)}</h1>{paragraphs}</article></main>"
        "<footer>Bản quyền thuộc về tòa soạn.</footer></body></html>"
    ).encode()


def rss(stories: list[tuple[Story, bool]], base: str) -> bytes:
    """An RSS 2.0 feed; each story with its full text (content:encoded), or (False) only its teaser."""
    items = []
    for story, full in stories:
        body = (
            f"<content:encoded>{escape(story.text)}</content:encoded>"
            if full
            else f"<description>{escape(story.summary)}</description>"
        )
        items.append(
            f"<item><title>{escape(story.title)}</title><link>{base}/bai-viet/{story.slug}.html</link>"
            f"<guid>{base}/bai-viet/{story.slug}.html</guid><pubDate>{format_datetime(PUBLISHED)}</pubDate>"
            f"{body}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Báo Đầu tư Thử nghiệm</title>'
        f"<link>{base}/</link><description>Tin đầu tư</description>{''.join(items)}</channel></rss>"
    ).encode()


def atom(stories: list[Story], base: str) -> bytes:
    entries = "".join(
        f"<entry><title>{escape(story.title)}</title><link href='{base}/atom/{story.slug}'/>"
        f"<id>{base}/atom/{story.slug}</id><updated>{PUBLISHED.isoformat()}</updated>"
        f"<content type='html'>{escape(story.text)}</content></entry>"
        for story in stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Tạp chí Kinh tế Thử nghiệm</title><id>{base}/atom.xml</id>"
        f"<updated>{PUBLISHED.isoformat()}</updated>{entries}</feed>"
    ).encode()


def section_page(stories: list[Story], *, base: str, elsewhere: str) -> bytes:
    """A section page of links: its stories, menus (to skip), and a link to another site (to skip)."""
    links = "".join(
        f"<li><a href='/tin-dau-tu/{story.slug}-{n}.html'>{escape(story.title)}</a></li>"
        for n, story in enumerate(stories, 1)
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Tin đầu tư</title></head><body>"
        "<header><a href='/dang-nhap-tai-khoan-123'>Đăng nhập</a></header>"
        "<nav><a href='/the-thao/bong-da-moi-nhat'>Thể thao</a></nav>"
        f"<main><ul>{links}</ul><a href='{elsewhere}/khac/bai-o-trang-khac-1.html'>Trang khác</a>"
        f"<a href='{base}/tin-dau-tu/'>Tin đầu tư</a><a href='#top'>Lên đầu</a></main>"
        "<footer><a href='/lien-he-toa-soan'>Liên hệ</a></footer></body></html>"
    ).encode()


INDUSTRIES = ("Cơ khí", "Điện tử", "Dệt may", "Bao bì", "Vật liệu", "Thiết bị", "Linh kiện", "Nhựa")
SYLLABLES = [
    "An",
    "Bình",
    "Cát",
    "Đông",
    "Gia",
    "Hải",
    "Hòa",
    "Hưng",
    "Khang",
    "Kim",
    "Lạc",
    "Long",
    "Minh",
    "Nam",
    "Ngọc",
    "Phát",
    "Phú",
    "Quang",
    "Sơn",
    "Tâm",
    "Tân",
    "Thái",
    "Thành",
    "Thịnh",
    "Tiến",
    "Toàn",
    "Trung",
    "Trường",
    "Tú",
    "Uy",
    "Vạn",
    "Việt",
    "Vĩnh",
    "Xuân",
    "Yên",
    "Đức",
]


def company_name(number: int) -> str:
    """The `number`-th (from 0) of 10,368 distinct company names the importer reads as names."""
    first, rest = divmod(number, len(SYLLABLES) ** 2)
    second, third = divmod(rest, len(SYLLABLES))
    return f"Công ty TNHH {INDUSTRIES[first % len(INDUSTRIES)]} {SYLLABLES[second]} {SYLLABLES[third]}"


def many_items_feed(count: int, base: str = "https://tin.example.vn") -> bytes:
    """A feed of `count` distinct short licensing stories, each a lead of its own company."""
    provinces = ["Bắc Ninh", "Thái Nguyên", "Thanh Hóa", "Nghệ An", "Quảng Ngãi", "Đồng Nai", "Long An", "Hà Nam"]
    products = ["linh kiện điện tử", "sợi dệt", "pin lithium", "thiết bị y tế", "bao bì", "đồ gỗ nội thất"]
    items = []
    for number in range(count):
        province = provinces[number % len(provinces)]
        product = products[number % len(products)]
        text = (
            f"UBND tỉnh {province} trao giấy chứng nhận đăng ký đầu tư cho {company_name(number)} (Trung Quốc) "
            f"để xây dựng nhà máy sản xuất {product} tại tỉnh, tổng vốn đầu tư {number % 90 + 10} triệu USD."
        )
        items.append(
            f"<item><title>Cấp phép nhà máy {product} số {number}</title><link>{base}/tin/{number}.html</link>"
            f"<content:encoded>{escape(text)}</content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Tin cấp phép</title>'
        f"{''.join(items)}</channel></rss>"
    ).encode()
