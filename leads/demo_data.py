"""Demo data at scale: a seeded, reproducible CRM full of realistic records, loaded fast.

`manage.py generate_demo_data` calls `generate_demo_data()`; the benchmark (`manage.py benchmark`)
measures the API on what it writes. The records read like the agency's own: Chinese, Vietnamese,
Japanese, Korean and Taiwanese organizations with their legal forms, contacts with titles, source
articles whose sentences name them (and the evidence rows that point into those sentences), leads
toward the real provinces, sites and sectors of the reference tables, values in several
currencies, stage histories that end at each lead's stage, and activities.

Everything derives from the seed: the same seed and counts give the same rows on SQLite and
PostgreSQL (keys aside, which follow what the database holds). The columns a model's `save()`
derives (folded names, search text, project key, value in USD) are computed here exactly as
`save()` computes them, because the rows are inserted in bulk and `save()` never runs:
COPY on PostgreSQL (with the non-unique indexes and foreign keys of the loaded tables dropped for
the load and restored, unchanged, after it), `executemany` on SQLite.

Demo records carry a marker, so that the command can tell a demo database from a real one:
articles come from `demo://...`, organizations' and contacts' notes start with `[demo]`, and
opportunities' `imported_facts` hold the key `demo_seed`.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import math
import operator
import random
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models, transaction

from leads.choices import (
    ActivityKind,
    Currency,
    InvestmentType,
    OrganizationKind,
    Priority,
    ReportedStatus,
    ReviewStatus,
    Stage,
)
from leads.models import (
    Activity,
    Contact,
    Country,
    Evidence,
    ExchangeRate,
    ForeignRegion,
    Opportunity,
    Organization,
    OrganizationAlias,
    Province,
    Sector,
    Site,
    SourceArticle,
    StageChange,
)
from leads.models.search import refresh_contact_search, refresh_opportunity_search, refresh_organization_search
from leads.money import Rates, to_usd
from leads.text import normalize_name

DEMO_NOTE = "[demo]"
DEMO_ORIGIN = "demo://"
DEMO_FACT = "demo_seed"
DEMO_USERNAME_PREFIX = "demo."

# The demo data's "today": every date lies before it, so a seed gives the same rows any day.
ANCHOR = datetime(2026, 1, 1, tzinfo=UTC)
FIRST_DAY = date(2016, 1, 1)
LAST_DAY = date(2025, 12, 15)

BATCH_OPPORTUNITIES = 5000
# A load this large (and at least as large as what the tables hold) drops the loaded tables'
# non-unique indexes and foreign keys on PostgreSQL and rebuilds them once at the end.
DEFER_INDEXES_FROM = 20_000


class Weighted:
    """A weighted random choice with its cumulative weights worked out once (`random.choices` redoes them)."""

    def __init__(self, weights: dict[Any, float] | list[tuple[Any, float]]) -> None:
        pairs = list(weights.items()) if isinstance(weights, dict) else list(weights)
        self.items = [item for item, _weight in pairs]
        self.cumulative = list(itertools.accumulate(weight for _item, weight in pairs))
        self.total = self.cumulative[-1] if self.cumulative else 0

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.total)]


# ---------------------------------------------------------------------------------------------
# Words the names and sentences are made of
# ---------------------------------------------------------------------------------------------

# Sino-Vietnamese syllables and their pinyin: a Chinese firm's brand reads "Hoa Thịnh" in the
# Vietnamese press and "Huasheng" in its own English name.
BRAND_SYLLABLES = (
    ("Hoa", "Hua"), ("Thịnh", "Sheng"), ("Vĩnh", "Yong"), ("Phát", "Fa"), ("Kim", "Jin"), ("Long", "Long"),
    ("Đại", "Da"), ("Lực", "Li"), ("Thiên", "Tian"), ("Hải", "Hai"), ("Minh", "Ming"), ("Quang", "Guang"),
    ("Trường", "Chang"), ("Thành", "Cheng"), ("Hưng", "Xing"), ("Phúc", "Fu"), ("Tân", "Xin"), ("Hòa", "He"),
    ("Bình", "Ping"), ("An", "An"), ("Đông", "Dong"), ("Phương", "Fang"), ("Hồng", "Hong"), ("Vân", "Yun"),
    ("Tường", "Xiang"), ("Khang", "Kang"), ("Cát", "Ji"), ("Hằng", "Heng"), ("Nghĩa", "Yi"), ("Đức", "De"),
    ("Uy", "Wei"), ("Thái", "Tai"), ("Bảo", "Bao"), ("Gia", "Jia"), ("Chính", "Zheng"), ("Trung", "Zhong"),
    ("Nguyên", "Yuan"), ("Tinh", "Jing"), ("Lâm", "Lin"), ("Phong", "Feng"), ("Vũ", "Yu"), ("Tuấn", "Jun"),
    ("Mỹ", "Mei"), ("Cường", "Qiang"), ("Huy", "Hui"), ("Khải", "Kai"), ("Tín", "Xin"), ("Hiền", "Xian"),
)  # fmt: skip
VIETNAMESE_BRAND_WORDS = (
    "Hưng Thịnh", "Minh Phát", "Thành Công", "Phú Gia", "An Phát", "Hoàng Long", "Sao Việt", "Đại Dương",
    "Trường Sơn", "Hồng Hà", "Phương Nam", "Bắc Á", "Thái Bình Dương", "Kim Cương", "Việt Tiến", "Tân Tạo",
    "Bảo Minh", "Ánh Dương", "Hải Đăng", "Thăng Long", "Đông Á", "Nam Việt", "Phúc Khang", "Lộc Phát",
    "Thiên Phú", "Vạn Xuân", "Hòa Bình", "Quốc Tế", "Toàn Cầu", "Sông Hồng", "Cửu Long", "Tây Bắc",
)  # fmt: skip
JAPANESE_BRAND_PARTS = (
    ("Taka", "Yama", "Naka", "Hoshi", "Kawa", "Mori", "Fuji", "Sumi", "Aki", "Tomo", "Nishi", "Kita", "Ishi",
     "Mizu", "Hira", "Oka", "Sakura", "Kuro", "Shira", "Matsu"),
    ("moto", "shita", "hara", "tec", "kawa", "zawa", "gawa", "seiki", "denki", "mura", "saki", "ta", "no"),
)  # fmt: skip
KOREAN_BRAND_PARTS = (
    ("Dae", "Han", "Seo", "Hyun", "Sam", "Jin", "Kyung", "Woo", "Sung", "Young", "Hae", "Il", "Dong", "Mi"),
    ("sung", "il", "jin", "won", "dong", "hwa", "kwang", "chang", "san", "min", "jun", "tech"),
)  # fmt: skip
# What a firm makes, in Vietnamese and in English, and the sectors it works in.
INDUSTRIES = (
    ("Công nghệ", "Technology", ("software-digital", "ai")),
    ("Điện tử", "Electronics", ("electronics", "manufacturing")),
    ("Năng lượng mới", "New Energy", ("renewable-energy", "energy")),
    ("Vật liệu mới", "New Materials", ("new-materials", "manufacturing")),
    ("Ô tô", "Automobile", ("automotive", "manufacturing")),
    ("Dệt may", "Textile", ("textiles-garments",)),
    ("Dược phẩm", "Pharmaceutical", ("biotech-pharma",)),
    ("Logistics", "Logistics", ("logistics", "trade")),
    ("Bán dẫn", "Semiconductor", ("semiconductors", "electronics")),
    ("Thiết bị điện", "Electrical Equipment", ("electronics", "energy")),
    ("Cơ khí chính xác", "Precision Machinery", ("manufacturing",)),
    ("Nhựa", "Plastics", ("manufacturing", "new-materials")),
    ("Pin", "Battery", ("ev-batteries", "energy")),
    ("Quang điện", "Photovoltaic", ("renewable-energy", "green-tech")),
    ("Thực phẩm", "Food", ("agriculture-food",)),
    ("Xây dựng", "Construction", ("construction-real-estate", "urban-infrastructure")),
    ("Khai khoáng", "Mining", ("mining",)),
    ("Viễn thông", "Telecom", ("telecoms", "cloud-data")),
    ("Phần mềm", "Software", ("software-digital", "cloud-data")),
    ("Thương mại", "Trading", ("trade",)),
    ("Hóa chất", "Chemical", ("manufacturing",)),
    ("Thép", "Steel", ("manufacturing", "construction-real-estate")),
    ("Nội thất", "Furniture", ("manufacturing", "trade")),
    ("Dữ liệu", "Data", ("cloud-data", "digital-economy")),
    ("Xe điện", "Electric Vehicle", ("ev-batteries", "automotive")),
)
CHINESE_LEGAL_FORMS_VI = ("Công ty TNHH", "Công ty TNHH", "Công ty Cổ phần", "Tập đoàn")
VIETNAMESE_LEGAL_FORMS = ("Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV", "Tổng công ty", "Tập đoàn")
ENGLISH_LEGAL_FORMS = ("Co., Ltd", "Co., Ltd", "Group Co., Ltd", "Holdings Co., Ltd", "Corporation")
# Regions whose firms the press names most: weighted up among the reference regions.
FAVOURED_REGIONS = {
    "quang-dong": 8, "tham-quyen": 8, "quang-tay": 6, "van-nam": 4, "chiet-giang": 4, "giang-to": 4,
    "thuong-hai": 4, "bac-kinh": 3, "phuc-kien": 3, "tu-xuyen": 2, "son-dong": 2, "ho-bac": 2, "trung-khanh": 2,
    "aichi": 3, "osaka": 3, "tokyo": 4, "seoul": 4, "gyeonggi": 3, "incheon": 2, "dai-bac": 3, "dai-trung": 2,
}  # fmt: skip
# Where the leads go: the industrial provinces are named far more often than the others.
FAVOURED_PROVINCES = {
    "bac-ninh": 10, "hai-phong": 9, "ho-chi-minh": 9, "ha-noi": 8, "dong-nai": 7, "quang-ninh": 6,
    "hung-yen": 5, "tay-ninh": 4, "thai-nguyen": 4, "phu-tho": 3, "thanh-hoa": 3, "nghe-an": 3, "da-nang": 3,
    "ninh-binh": 3, "lang-son": 2, "lao-cai": 2, "quang-tri": 2, "ha-tinh": 2, "can-tho": 2, "khanh-hoa": 2,
}  # fmt: skip
# Where the leads without a named firm come from: mostly a Chinese province or city.
ORIGIN_WEIGHTS = {"CN": 8, "JP": 1, "KR": 1, "TW": 1}
COUNTRY_WEIGHTS = {
    "CN": 70, "VN": 9, "KR": 6, "JP": 5, "TW": 3, "HK": 2, "SG": 2, "US": 1, "DE": 1, "TH": 1,
}  # fmt: skip
ORGANIZATION_KINDS = Weighted({
    OrganizationKind.COMPANY: 86, OrganizationKind.GOVERNMENT: 3, OrganizationKind.ASSOCIATION: 3,
    OrganizationKind.FUND: 3, OrganizationKind.UNIVERSITY: 2, OrganizationKind.CONSULATE: 1,
    OrganizationKind.LOCAL_AUTHORITY: 1, OrganizationKind.OTHER: 1,
})  # fmt: skip

VIETNAMESE_FAMILY_NAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Tạ",
)  # fmt: skip
VIETNAMESE_MIDDLE_NAMES = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Quốc", "Hữu", "Ngọc", "Thu", "Xuân", "Hoài", "Anh")
VIETNAMESE_GIVEN_NAMES = (
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương", "Quang", "Sơn",
    "Tâm", "Thảo", "Trung", "Tuấn", "Việt", "Yến", "Hạnh", "Khoa", "Linh", "Thắng", "Hiếu", "Trang",
)  # fmt: skip
# Chinese family names as the Vietnamese press reads them, and in pinyin.
CHINESE_FAMILY_NAMES = (
    ("Vương", "Wang"), ("Lý", "Li"), ("Trương", "Zhang"), ("Lưu", "Liu"), ("Trần", "Chen"), ("Dương", "Yang"),
    ("Hoàng", "Huang"), ("Triệu", "Zhao"), ("Chu", "Zhou"), ("Ngô", "Wu"), ("Từ", "Xu"), ("Tôn", "Sun"),
)  # fmt: skip
JAPANESE_NAMES = (
    ("Tanaka", "Suzuki", "Sato", "Takahashi", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"),
    ("Hiroshi", "Takashi", "Kenji", "Yuki", "Akira", "Naoko", "Satoshi", "Haruka", "Daisuke", "Emi"),
)
KOREAN_NAMES = (
    ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"),
    ("Min-jun", "Seo-yeon", "Ji-hoon", "Hyun-woo", "Soo-jin", "Dong-hyun", "Eun-ji", "Sung-min", "Ji-won"),
)
COMPANY_TITLES = (
    "Chủ tịch Hội đồng quản trị", "Tổng giám đốc", "Phó Tổng giám đốc", "Giám đốc điều hành",
    "Giám đốc phát triển dự án", "Trưởng đại diện tại Việt Nam", "Chủ tịch", "Giám đốc đầu tư",
    "Phó Chủ tịch phụ trách thị trường nước ngoài", "Giám đốc nhà máy",
)  # fmt: skip
PUBLIC_TITLES = ("Giám đốc", "Phó Giám đốc", "Trưởng ban", "Phó Trưởng ban", "Chủ tịch", "Tổng Lãnh sự", "Viện trưởng")

OUTLETS = (
    "Bản tin Xúc tiến Đầu tư", "Tạp chí Công nghiệp Vùng", "Báo Kinh tế Địa phương", "Cổng tin Khu công nghiệp",
    "Nhịp sống Doanh nghiệp", "Thời báo Hội nhập",
)  # fmt: skip

# Projects by sector: what the press calls the thing an investor wants to build.
PROJECTS_BY_SECTOR = {
    "electronics": ("Nhà máy sản xuất linh kiện điện tử {brand}", "Nhà máy lắp ráp thiết bị điện tử {brand}"),
    "semiconductors": ("Nhà máy đóng gói và kiểm thử chip {brand}", "Trung tâm thiết kế vi mạch {brand}"),
    "renewable-energy": ("Dự án điện mặt trời {place}", "Dự án điện gió {place}"),
    "energy": ("Nhà máy điện khí {place}", "Dự án lưới điện thông minh {place}"),
    "ev-batteries": ("Nhà máy sản xuất pin lithium {brand}", "Nhà máy sản xuất xe điện {brand}"),
    "automotive": ("Nhà máy lắp ráp ô tô {brand}", "Nhà máy phụ tùng ô tô {brand}"),
    "cloud-data": ("Trung tâm dữ liệu {brand} {place}", "Trung tâm điện toán đám mây {brand}"),
    "software-digital": ("Trung tâm phát triển phần mềm {brand}", "Trung tâm chuyển đổi số {brand}"),
    "ai": ("Trung tâm nghiên cứu trí tuệ nhân tạo {brand}", "Phòng thí nghiệm AI {brand} {place}"),
    "textiles-garments": ("Nhà máy dệt nhuộm {brand}", "Nhà máy may mặc xuất khẩu {brand}"),
    "biotech-pharma": ("Nhà máy dược phẩm {brand}", "Trung tâm công nghệ sinh học {brand}"),
    "logistics": ("Trung tâm logistics {place}", "Kho vận và cảng cạn {brand} {place}"),
    "industrial-parks": ("Khu công nghiệp {brand} {place}", "Cụm công nghiệp hỗ trợ {place}"),
    "agriculture-food": ("Nhà máy chế biến nông sản {brand}", "Nhà máy thức ăn chăn nuôi {brand}"),
    "tourism": ("Khu nghỉ dưỡng {brand} {place}", "Khu du lịch sinh thái {place}"),
    "construction-real-estate": ("Khu đô thị {brand} {place}", "Tổ hợp thương mại {brand} {place}"),
    "manufacturing": ("Nhà máy sản xuất {brand} {place}", "Nhà máy cơ khí chính xác {brand}"),
    "new-materials": ("Nhà máy vật liệu mới {brand}", "Nhà máy sản xuất kính {brand}"),
    "mining": ("Dự án chế biến khoáng sản {place}",),
    "telecoms": ("Trung tâm hạ tầng viễn thông {brand}",),
    "trade": ("Trung tâm thương mại {brand} {place}",),
    "railways": ("Dự án đường sắt kết nối {place}",),
    "transport-infrastructure": ("Dự án cảng biển {place}", "Dự án đường cao tốc {place}"),
    "urban-infrastructure": ("Dự án xử lý nước thải {place}", "Nhà máy nước sạch {place}"),
    "green-tech": ("Nhà máy xử lý rác thải phát điện {place}",),
    "education-workforce": ("Trường đào tạo nghề {brand} {place}",),
    "fintech": ("Trung tâm công nghệ tài chính {brand}",),
}
PROJECT_VARIANTS = ("giai đoạn 2", "mở rộng", "giai đoạn 3", "số 2", "phía Bắc", "phía Nam")

STATUS_WEIGHTS = Weighted({
    ReportedStatus.INTEREST: 24, ReportedStatus.PROPOSAL: 22, ReportedStatus.AGREEMENT: 14,
    ReportedStatus.LICENSED: 14, ReportedStatus.CAPITAL_INCREASE: 6, ReportedStatus.CONSTRUCTION: 5,
    ReportedStatus.OPERATING: 4, ReportedStatus.WITHDRAWN: 2, "": 9,
})  # fmt: skip
STAGE_WEIGHTS = Weighted({
    Stage.IDENTIFIED: 40, Stage.QUALIFIED: 15, Stage.CONTACTED: 12, Stage.ENGAGED: 8, Stage.NEGOTIATING: 5,
    Stage.WON: 5, Stage.LOST: 10, Stage.ON_HOLD: 5,
})  # fmt: skip
INVESTMENT_TYPE_WEIGHTS = Weighted({
    InvestmentType.NEW_PROJECT: 50, InvestmentType.EXPANSION: 15, InvestmentType.JOINT_VENTURE: 10,
    InvestmentType.MERGER_ACQUISITION: 5, InvestmentType.COOPERATION: 10, "": 10,
})  # fmt: skip
CURRENCY_WEIGHTS = Weighted({
    Currency.USD: 50, Currency.VND: 20, Currency.CNY: 14, Currency.JPY: 5, Currency.KRW: 5, Currency.EUR: 3,
    Currency.SGD: 1, Currency.TWD: 1, Currency.HKD: 1,
})  # fmt: skip
CURRENCY_WORDS = {"USD": "USD", "VND": "đồng", "CNY": "nhân dân tệ", "JPY": "yên", "KRW": "won", "EUR": "euro"}
PRIORITY_WEIGHTS = Weighted({Priority.LOW: 25, Priority.MEDIUM: 55, Priority.HIGH: 20})
REVIEW_WEIGHTS = Weighted({ReviewStatus.PENDING: 50, ReviewStatus.ACCEPTED: 40, ReviewStatus.REJECTED: 10})
ACTIVITY_WEIGHTS = Weighted({
    ActivityKind.NOTE: 30, ActivityKind.CALL: 25, ActivityKind.EMAIL: 25, ActivityKind.MEETING: 15,
    ActivityKind.VISIT: 5,
})  # fmt: skip

# The sentence an article reports an intention with, by the status it reports. {investor} is
# the organization (or "doanh nghiệp đến từ <region>"), {project} the project, {place} the site
# or province; {value} only in the templates that state it.
INTENTION_SENTENCES = {
    ReportedStatus.INTEREST: (
        "Tại buổi làm việc, {investor} bày tỏ mong muốn tìm hiểu cơ hội đầu tư {project} tại {place}.",
        "{investor} cho biết đang nghiên cứu phương án đầu tư {project} ở {place}.",
    ),
    ReportedStatus.PROPOSAL: (
        "{investor} đề xuất triển khai {project} tại {place}, với tổng vốn dự kiến {value}.",
        "{investor} đã khảo sát địa điểm và đề xuất xây dựng {project} tại {place}.",
    ),
    ReportedStatus.AGREEMENT: (
        "{investor} và lãnh đạo {province} đã ký biên bản ghi nhớ về {project}, quy mô vốn {value}.",
        "Lễ ký thỏa thuận hợp tác giữa {investor} và {province} về {project} đã diễn ra tại {place}.",
    ),
    ReportedStatus.LICENSED: (
        "{investor} đã được trao giấy chứng nhận đầu tư cho {project} tại {place}, tổng vốn {value}.",
        "{investor} nhận quyết định chủ trương đầu tư {project} tại {place}.",
    ),
    ReportedStatus.CAPITAL_INCREASE: (
        "{investor} điều chỉnh tăng vốn cho {project} tại {place} thêm {value}.",
    ),
    ReportedStatus.CONSTRUCTION: (
        "{investor} đã khởi công {project} tại {place}, với vốn đầu tư {value}.",
    ),
    ReportedStatus.OPERATING: (
        "{project} của {investor} tại {place} đã chính thức đi vào hoạt động.",
    ),
    ReportedStatus.WITHDRAWN: (
        "{investor} quyết định tạm dừng kế hoạch {project} tại {place}.",
    ),
    "": ("Đại diện {investor} đã có buổi làm việc với lãnh đạo {province} về {project}.",),
}  # fmt: skip
OPENING_SENTENCES = (
    "Ngày {day}/{month}, lãnh đạo {province} đã tiếp và làm việc với đoàn nhà đầu tư nước ngoài.",
    "Ngày {day}/{month}, {province} tổ chức hội nghị gặp gỡ các doanh nghiệp có nhu cầu đầu tư.",
    "Chiều {day}/{month}, Ban Quản lý các khu công nghiệp {province} cho biết vừa tiếp nhận thêm hồ sơ đầu tư mới.",
    "Sáng {day}/{month}, đoàn công tác của {province} có buổi trao đổi với cộng đồng doanh nghiệp quốc tế.",
)
NATIONWIDE_OPENING = "Ngày {day}/{month}, nhiều doanh nghiệp nước ngoài tiếp tục tìm hiểu cơ hội đầu tư vào Việt Nam."
FACTS_SENTENCE = "Dự án dự kiến sử dụng khoảng {land} ha đất và tạo việc làm cho {jobs} lao động."
CONTACT_SENTENCES = (
    "{honorific} {contact}, {title} {organization}, đánh giá cao môi trường đầu tư của {province}.",
    "Phát biểu tại buổi làm việc, {honorific_lower} {contact}, {title} {organization}, khẳng định sẽ sớm "
    "hoàn thiện hồ sơ dự án.",
    "Theo {honorific_lower} {contact}, {title} {organization}, doanh nghiệp cần quỹ đất sạch và nguồn điện ổn định.",
)
FILLER_SENTENCES = (
    "Lãnh đạo tỉnh cam kết đồng hành, hỗ trợ nhà đầu tư trong quá trình hoàn thiện thủ tục.",
    "Hai bên đã trao đổi về quỹ đất, hạ tầng giao thông và nguồn nhân lực của địa phương.",
    "Các sở, ngành liên quan được giao rà soát quy hoạch và đề xuất vị trí phù hợp.",
    "Thời gian tới, địa phương sẽ tiếp tục cải thiện môi trường đầu tư kinh doanh.",
    "Đây là một trong những dự án được kỳ vọng tạo động lực phát triển công nghiệp của vùng.",
    "Nhà đầu tư đánh giá cao vị trí địa lý và chính sách ưu đãi mà tỉnh dành cho doanh nghiệp.",
    "Tỉnh hiện có nhiều khu công nghiệp đã hoàn thiện hạ tầng, sẵn sàng đón các dự án mới.",
    "Buổi làm việc diễn ra trong không khí cởi mở, thẳng thắn.",
    "Năm qua, vốn đầu tư nước ngoài vào địa phương tăng mạnh so với cùng kỳ.",
    "Sở Kế hoạch và Đầu tư được giao làm đầu mối hướng dẫn nhà đầu tư.",
)
TITLE_TEMPLATES = (
    "{investor_short} muốn đầu tư {project_lower} tại {province}",
    "{province} đón nhà đầu tư {country} trong lĩnh vực {sector}",
    "Doanh nghiệp {country} tìm hiểu cơ hội đầu tư vào {province}",
    "{investor_short} đề xuất dự án tại {province}",
)
MULTI_TITLES = (
    "{province} tiếp {count} đoàn nhà đầu tư nước ngoài",
    "{count} dự án mới đăng ký đầu tư vào {province}",
    "Nhà đầu tư {country} quan tâm đến {province}",
    "{province}: thêm {count} doanh nghiệp tìm hiểu cơ hội đầu tư",
)
NEXT_STEPS = (
    "Gửi thông tin quỹ đất", "Tổ chức khảo sát thực địa", "Hẹn lịch làm việc với lãnh đạo tỉnh",
    "Chuẩn bị hồ sơ chủ trương đầu tư", "Theo dõi tiến độ cấp phép", "Gửi bảng giá thuê đất",
    "Mời tham dự hội nghị xúc tiến đầu tư",
)  # fmt: skip
DESCRIPTIONS = (
    "Nhà đầu tư quan tâm đến {place}; cần diện tích khoảng {land} ha.",
    "Dự án thuộc danh mục ưu tiên thu hút đầu tư của tỉnh.",
    "Đầu mối liên hệ qua văn phòng đại diện tại Hà Nội.",
    "Nhà đầu tư yêu cầu thông tin về nguồn lao động và hạ tầng điện nước tại {place}.",
    "Đã có văn bản đề nghị giới thiệu địa điểm.",
)
STAGE_REASONS = {
    Stage.LOST: (
        "Nhà đầu tư chọn địa điểm ở nước khác.",
        "Không đáp ứng được yêu cầu về quỹ đất.",
        "Nhà đầu tư dừng kế hoạch mở rộng.",
    ),
    Stage.ON_HOLD: (
        "Chờ nhà đầu tư hoàn thiện báo cáo tài chính.",
        "Tạm dừng do điều chỉnh quy hoạch.",
        "Nhà đầu tư xin lùi thời gian khảo sát.",
    ),
}
ACTIVITY_SUBJECTS = (
    "Gọi điện cho đại diện {brand}", "Gửi thư giới thiệu {place}", "Họp trực tuyến với nhà đầu tư",
    "Khảo sát thực địa cùng nhà đầu tư", "Gửi hồ sơ ưu đãi đầu tư", "Gặp đoàn công tác tại hội nghị xúc tiến",
    "Trao đổi về tiến độ dự án",
)  # fmt: skip
ACTIVITY_NOTES = (
    "",
    "",
    "Nhà đầu tư cần thêm thông tin về giá thuê đất và nguồn điện.",
    "Đã gửi tài liệu giới thiệu bằng tiếng Trung và tiếng Anh.",
    "Hẹn gặp lại sau khi nhà đầu tư báo cáo công ty mẹ.",
)
STAFF_NAMES = (
    ("Nguyễn", "Thu Hà"), ("Trần", "Minh Quân"), ("Lê", "Thanh Hương"), ("Phạm", "Quốc Bảo"), ("Hoàng", "Lan Anh"),
    ("Vũ", "Đức Thịnh"), ("Đặng", "Ngọc Mai"), ("Bùi", "Hải Nam"), ("Đỗ", "Phương Linh"), ("Ngô", "Tiến Dũng"),
    ("Dương", "Khánh Vy"), ("Phan", "Văn Khoa"),
)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Folding, exactly as the models' save() does it
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def _folded(text: str) -> str:
    return normalize_name(text)


def fold(*parts: str) -> str:
    """`normalize_name(" ".join(parts))`, folding each part once (names and sentences repeat).

    Exact because folding turns every run of spaces and punctuation into one space: the folded
    whole is the folded parts joined by spaces, as long as the parts are joined by whitespace.
    """
    return " ".join(folded for folded in map(_folded, parts) if folded)


def article_content_hash(title: str, url: str, raw_text: str) -> str:
    """The importer's content hash (`importers.parsing.content_hash` of title, URL and raw text).

    Repeated here because the domain does not import the importer; the same text gives the same
    hash, so importing the article a demo row stands for finds it "unchanged".
    """
    text = "\n".join(filter(None, [title, url, raw_text]))
    canonical = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def project_key(project: str) -> str:
    """The key `Opportunity.save()` folds the project to."""
    return _folded(project)[:500]


# ---------------------------------------------------------------------------------------------
# What the database holds
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatabaseContents:
    """How many records staff work with the database holds, and how many of them are not demo data."""

    records: dict[str, int]
    foreign: dict[str, int]

    @property
    def empty(self) -> bool:
        return not any(self.records.values())

    @property
    def only_demo(self) -> bool:
        return not any(self.foreign.values())


def database_contents() -> DatabaseContents:
    """Count organizations, contacts, opportunities and articles, and those without the demo marker."""
    querysets = {
        "organizations": (Organization.objects.all(), ~models.Q(notes__startswith=DEMO_NOTE)),
        "contacts": (Contact.objects.all(), ~models.Q(notes__startswith=DEMO_NOTE)),
        "opportunities": (Opportunity.objects.all(), ~models.Q(imported_facts__has_key=DEMO_FACT)),
        "source articles": (SourceArticle.objects.all(), ~models.Q(origin__startswith=DEMO_ORIGIN)),
    }
    records = {name: queryset.order_by().count() for name, (queryset, _) in querysets.items()}
    foreign = {
        name: queryset.filter(not_demo).order_by().count() if records[name] else 0
        for name, (queryset, not_demo) in querysets.items()
    }
    return DatabaseContents(records=records, foreign=foreign)


# ---------------------------------------------------------------------------------------------
# Reference data, read once
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceRef:
    id: int
    slug: str
    name: str


@dataclass(frozen=True)
class RegionRef:
    id: int
    slug: str
    name: str
    name_en: str
    country: str


@dataclass(frozen=True)
class SectorRef:
    id: int
    slug: str
    name_vi: str


@dataclass(frozen=True)
class Reference:
    """The reference rows the generator draws from, in a fixed order (by slug or code, never by key)."""

    provinces: Weighted  # of PlaceRef, the industrial provinces weighted up
    sites: dict[int, list[PlaceRef]]  # current province id → its sites
    sectors: dict[str, SectorRef]
    countries: dict[str, str]  # code → Vietnamese name
    regions: dict[str, Weighted]  # country code → its regions (of RegionRef), the busiest weighted up
    rates: Rates

    @classmethod
    def load(cls) -> Reference:
        provinces = [
            PlaceRef(pk, slug, name)
            for pk, slug, name in Province.objects.current().order_by("slug").values_list("pk", "slug", "name")
        ]
        if not provinces:
            raise ValueError("The reference tables are empty: run the migrations first.")
        sites: dict[int, list[PlaceRef]] = defaultdict(list)
        for pk, slug, name, province_id in Site.objects.order_by("slug").values_list(
            "pk", "slug", "name", "province_id"
        ):
            sites[province_id].append(PlaceRef(pk, slug, name))
        regions: dict[str, list[RegionRef]] = defaultdict(list)
        for pk, slug, name, name_en, country in ForeignRegion.objects.order_by("slug").values_list(
            "pk", "slug", "name", "name_en", "country__code"
        ):
            regions[country].append(RegionRef(pk, slug, name, name_en or name, country))
        rates: Rates = {}
        for currency, year, units in ExchangeRate.objects.values_list("currency", "year", "units_per_usd"):
            rates.setdefault(currency, {})[year] = units
        return cls(
            provinces=Weighted([(p, FAVOURED_PROVINCES.get(p.slug, 1)) for p in provinces]),
            sites=dict(sites),
            sectors={
                slug: SectorRef(pk, slug, name_vi)
                for pk, slug, name_vi in Sector.objects.order_by("slug").values_list("pk", "slug", "name_vi")
            },
            countries=dict(Country.objects.order_by("code").values_list("code", "name")),
            regions={
                code: Weighted([(region, FAVOURED_REGIONS.get(region.slug, 1)) for region in listed])
                for code, listed in regions.items()
            },
            rates=rates,
        )


# ---------------------------------------------------------------------------------------------
# The plan: how many of each
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPlan:
    """How many records to make. Everything but the opportunities defaults to a share of them,
    in the proportions of an agency that has imported the press for years (a tenth as many
    organizations and articles, about 0.35 evidence rows per opportunity)."""

    opportunities: int
    seed: int = 1
    organizations: int | None = None
    contacts: int | None = None
    articles: int | None = None
    users: int = len(STAFF_NAMES)

    @property
    def organization_count(self) -> int:
        return self.organizations if self.organizations is not None else max(1, self.opportunities // 10)

    @property
    def contact_count(self) -> int:
        return self.contacts if self.contacts is not None else self.organization_count * 3 // 2

    @property
    def article_count(self) -> int:
        return self.articles if self.articles is not None else self.opportunities // 10


@dataclass
class DemoReport:
    """What a run wrote, per table, and how long it took."""

    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    deferred_indexes: bool = False
    phases: dict[str, float] = field(default_factory=dict)  # seconds per phase


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------

Row = dict[str, Any]
Batch = dict[type[models.Model], list[Row]]


@dataclass
class _Org:
    """What the generator remembers of an organization to write about it later."""

    id: int
    name: str
    short: str
    kind: str
    country: str
    region: RegionRef | None
    sectors: tuple[str, ...]
    contacts: list[tuple[int, str, str, str]] = field(default_factory=list)  # id, full name, title, honorific
    contact_keys: set[str] = field(default_factory=set)


@dataclass
class _Lead:
    """An opportunity in the making, with what its article needs to say about it."""

    row: Row
    investor: str  # as written in the article
    investor_mention: str
    organization: _Org | None
    region: RegionRef | None
    province: PlaceRef | None
    place: str
    project: str
    sector: SectorRef
    value_text: str


def _significant(value: float, digits: int = 2) -> Decimal:
    """Round to `digits` significant digits, as the press states amounts ("1,2 tỷ USD")."""
    if value <= 0:
        return Decimal(0)
    exponent = math.floor(math.log10(value)) - digits + 1
    return Decimal(round(value / 10**exponent)) * (Decimal(10) ** exponent)


def _amount_text(value: Decimal, currency: str) -> str:
    """An amount as Vietnamese news writes it: "120 triệu USD", "2,5 tỷ đồng"."""
    word = CURRENCY_WORDS.get(currency, currency)
    for size, unit in ((Decimal(10) ** 12, "nghìn tỷ"), (Decimal(10) ** 9, "tỷ"), (Decimal(10) ** 6, "triệu")):
        if value >= size:
            number = (value / size).quantize(Decimal("0.1")).normalize()
            return f"{format(number, 'f').replace('.', ',')} {unit} {word}"
    return f"{int(value):,} {word}".replace(",", ".")


class DemoGenerator:
    """Makes the rows of a plan, batch by batch, from one random stream seeded by the plan's seed.

    The order of draws is fixed, so the rows depend only on the seed, the counts, the reference
    data and the keys it starts from, never on the batch size or the database.
    """

    def __init__(
        self,
        plan: DemoPlan,
        reference: Reference,
        *,
        user_ids: list[int],
        first_ids: dict[type[models.Model], int],
        taken_names: set[tuple[str, str]] | None = None,
        taken_intentions: set[tuple] | None = None,
    ) -> None:
        self.plan = plan
        self.reference = reference
        self.rng = random.Random(plan.seed)
        self.user_ids = user_ids
        self.next_ids = dict(first_ids)
        self.taken_names = set(taken_names or ())
        self.taken_intentions = set(taken_intentions or ())
        self.organizations: list[_Org] = []
        self.investors: list[_Org] = []  # the organizations that invest (firms and funds, not consulates)
        self.rows: dict[str, int] = defaultdict(int)
        self.countries = Weighted(
            [(code, weight) for code, weight in COUNTRY_WEIGHTS.items() if code in reference.countries]
        )
        self.origin_countries = Weighted(
            [(code, weight) for code, weight in ORIGIN_WEIGHTS.items() if code in reference.regions]
        )
        self.sector_slugs = sorted(reference.sectors)
        self.article_number = 0

    def _id(self, model: type[models.Model]) -> int:
        value = self.next_ids[model]
        self.next_ids[model] = value + 1
        self.rows[model._meta.db_table] += 1
        return value

    # -- moments -----------------------------------------------------------------------------

    def _day(self) -> date:
        """A publication day, more of them in recent years (the press writes more, the agency reads more)."""
        span = (LAST_DAY - FIRST_DAY).days
        return FIRST_DAY + timedelta(days=int(span * math.sqrt(self.rng.random())))

    def _moment(self, day: date, hours: tuple[int, int] = (1, 10)) -> datetime:
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        return min(start + timedelta(hours=self.rng.uniform(*hours)), ANCHOR - timedelta(minutes=1))

    def _between(self, start: datetime, end: datetime) -> datetime:
        if end <= start:
            return start
        return start + (end - start) * self.rng.random()

    # -- organizations and contacts ------------------------------------------------------------

    def batches(self, size: int = BATCH_OPPORTUNITIES) -> Iterator[tuple[Batch, int]]:
        """Yield (rows per model, opportunities in it): organizations and contacts first, then leads."""
        yield from self._party_batches(size)
        yield from self._lead_batches(size)

    def _party_batches(self, size: int) -> Iterator[tuple[Batch, int]]:
        plan = self.plan
        batch: Batch = defaultdict(list)
        contacts_left = plan.contact_count
        for number in range(plan.organization_count):
            organization = self._organization(batch)
            # Spread the contacts over the organizations, two or three at the bigger ones.
            left = plan.organization_count - number
            share = contacts_left // left
            count = contacts_left if left == 1 else min(contacts_left, max(0, share + self.rng.choice((-1, 0, 0, 1))))
            contacts_left -= count
            for _ in range(count):
                self._contact(organization, batch)
            if len(batch[Organization]) >= size:
                yield batch, 0
                batch = defaultdict(list)
        if batch:
            yield batch, 0

    def _organization(self, batch: Batch) -> _Org:
        rng = self.rng
        country = self.countries.pick(rng)
        kind = ORGANIZATION_KINDS.pick(rng)
        regions = self.reference.regions.get(country)
        region = regions.pick(rng) if regions else None
        province = self.reference.provinces.pick(rng)
        for _attempt in range(20):
            name, short, aliases, industry = self._organization_name(kind, country, region, province)
            key = (country, _folded(name))
            if key not in self.taken_names:
                break
        else:  # the names of this kind are used up: a company name always has room
            kind = OrganizationKind.COMPANY
            while True:
                name, short, aliases, industry = self._organization_name(kind, country, region, province)
                key = (country, _folded(name))
                if key not in self.taken_names:
                    break
        self.taken_names.add(key)
        created = self._moment(self._day())
        pk = self._id(Organization)
        sectors = tuple(dict.fromkeys(s for s in industry[2] if s in self.reference.sectors))
        batch[Organization].append(
            {
                "id": pk,
                "name": name,
                "normalized_name": key[1],
                "kind": kind,
                "country_id": country,
                "province_id": province.id if country == "VN" else None,
                "region_id": region.id if region else None,
                "website": "",
                "notes": f"{DEMO_NOTE} {industry[0]}.",
                "created_at": created,
                "updated_at": self._between(created, ANCHOR),
            }
        )
        seen = {key[1]}
        for alias in aliases:
            folded = _folded(alias)
            if folded and folded not in seen:
                seen.add(folded)
                batch[OrganizationAlias].append(
                    {"id": self._id(OrganizationAlias), "organization_id": pk, "name": alias, "normalized_name": folded}
                )
        through = Organization.sectors.through
        for slug in sectors:
            batch[through].append(
                {"id": self._id(through), "organization_id": pk, "sector_id": self.reference.sectors[slug].id}
            )
        organization = _Org(pk, name, short, kind, country, region, sectors or (self.sector_slugs[0],))
        self.organizations.append(organization)
        if kind in (OrganizationKind.COMPANY, OrganizationKind.FUND, OrganizationKind.OTHER):
            self.investors.append(organization)
        return organization

    def _organization_name(
        self, kind: str, country: str, region: RegionRef | None, province: PlaceRef
    ) -> tuple[str, str, list[str], tuple]:
        """(name, short name for headlines, aliases, industry) for an organization of `kind` from `country`."""
        rng = self.rng
        industry = rng.choice(INDUSTRIES)
        industry_vi, industry_en, _sectors = industry
        first, second = rng.sample(BRAND_SYLLABLES, 2)
        brand_vi, brand_en = f"{first[0]} {second[0]}", f"{first[1]}{second[1].lower()}"
        place_vi = region.name if region else self.reference.countries[country]
        place_en = region.name_en if region else country
        if kind == OrganizationKind.COMPANY or kind == OrganizationKind.OTHER:
            return self._company_name(country, industry, brand_vi, brand_en, place_vi, place_en, province)
        country_name = self.reference.countries[country]
        if kind == OrganizationKind.GOVERNMENT:
            if country == "VN":
                office = rng.choice(("Sở Kế hoạch và Đầu tư", "Sở Công Thương", "Sở Khoa học và Công nghệ"))
                return f"{office} {province.name}", office, [], industry
            office = rng.choice(("Sở Thương mại", "Ủy ban Phát triển và Cải cách", "Cục Xúc tiến Đầu tư"))
            return f"{office} {place_vi}", office, [], industry
        if kind == OrganizationKind.LOCAL_AUTHORITY:
            unit = rng.choice(("Ban Quản lý các khu công nghiệp", "Ban Quản lý Khu kinh tế", "UBND"))
            return f"{unit} {province.name}", unit, [], industry
        if kind == OrganizationKind.ASSOCIATION:
            name = rng.choice(
                (
                    f"Hiệp hội Doanh nghiệp {place_vi} tại Việt Nam",
                    f"Hiệp hội {industry_vi} {place_vi}",
                    f"Phòng Thương mại {country_name} tại {province.name}",
                )
            )
            return name, name.split(" tại ")[0], [], industry
        if kind == OrganizationKind.CONSULATE:
            city = rng.choice(("TP. Hồ Chí Minh", "Đà Nẵng", "Hải Phòng"))
            return f"Tổng Lãnh sự quán {country_name} tại {city}", "Tổng Lãnh sự quán", [], industry
        if kind == OrganizationKind.UNIVERSITY:
            name = rng.choice((f"Viện Nghiên cứu {industry_vi} {place_vi}", f"Đại học Khoa học Kỹ thuật {place_vi}"))
            return name, name, [f"{place_en} {industry_en} Research Institute"], industry
        # A fund.
        return f"Quỹ Đầu tư {brand_vi} {place_vi}", f"Quỹ {brand_vi}", [f"{brand_en} Capital"], industry

    def _company_name(
        self,
        country: str,
        industry: tuple,
        brand_vi: str,
        brand_en: str,
        place_vi: str,
        place_en: str,
        province: PlaceRef,
    ) -> tuple[str, str, list[str], tuple]:
        rng = self.rng
        industry_vi, industry_en, _sectors = industry
        legal_en = rng.choice(ENGLISH_LEGAL_FORMS)
        if country in ("CN", "TW", "HK"):
            english = f"{place_en} {brand_en} {industry_en} {legal_en}"
            vietnamese = f"{rng.choice(CHINESE_LEGAL_FORMS_VI)} {industry_vi} {place_vi} {brand_vi}"
            if rng.random() < 0.55:
                return vietnamese, brand_vi, [english] if rng.random() < 0.3 else [], industry
            return english, brand_en, [vietnamese] if rng.random() < 0.2 else [], industry
        if country == "VN":
            brand = rng.choice(VIETNAMESE_BRAND_WORDS)
            legal = rng.choice(VIETNAMESE_LEGAL_FORMS)
            if rng.random() < 0.15:
                name = f"{legal} Đầu tư Phát triển Hạ tầng {province.name} {brand}"
            else:
                name = f"{legal} {industry_vi} {brand} {brand_vi}"
            return name, brand, [], industry
        if country == "JP":
            brand = rng.choice(JAPANESE_BRAND_PARTS[0]) + rng.choice(JAPANESE_BRAND_PARTS[1])
            name = f"{brand} {industry_en} {rng.choice(('Co., Ltd', 'Corporation', 'Kabushiki Kaisha'))}"
            return name, brand, [f"Công ty TNHH {brand} Việt Nam"] if rng.random() < 0.4 else [], industry
        if country == "KR":
            brand = rng.choice(KOREAN_BRAND_PARTS[0]) + rng.choice(KOREAN_BRAND_PARTS[1])
            name = f"{brand} {industry_en} {rng.choice(('Co., Ltd', 'Corporation', 'Vina Co., Ltd'))}"
            return name, brand, [f"Công ty TNHH {brand} Vina"] if rng.random() < 0.3 else [], industry
        suffix = {"SG": "Pte. Ltd", "US": "Inc.", "DE": "GmbH", "TH": "Public Company Limited"}.get(country, legal_en)
        return f"{brand_en} {industry_en} {suffix}", brand_en, [], industry

    def _contact(self, organization: _Org, batch: Batch) -> None:
        rng = self.rng
        for _attempt in range(10):
            full_name, honorific = self._person(organization.country)
            folded = _folded(full_name)
            if folded not in organization.contact_keys:
                break
        else:  # ten namesakes in a row: a small organization has no room for another name
            return
        organization.contact_keys.add(folded)
        companies = (OrganizationKind.COMPANY, OrganizationKind.OTHER, OrganizationKind.FUND)
        title = rng.choice(COMPANY_TITLES if organization.kind in companies else PUBLIC_TITLES)
        created = self._moment(self._day())
        pk = self._id(Contact)
        email = ""
        if rng.random() < 0.3:
            email = f"{'.'.join(folded.split()[-2:])}{pk}@example.com".replace(" ", "")
        batch[Contact].append(
            {
                "id": pk,
                "full_name": full_name,
                "normalized_name": folded,
                "title": title,
                "organization_id": organization.id,
                "email": email,
                "phone": "",
                "notes": DEMO_NOTE,
                "review_status": REVIEW_WEIGHTS.pick(rng),
                "is_imported": rng.random() < 0.8,
                "search_text": fold(full_name, title),
                "created_at": created,
                "updated_at": self._between(created, ANCHOR),
            }
        )
        organization.contacts.append((pk, full_name, title, honorific))

    def _person(self, country: str) -> tuple[str, str]:
        """A full name as the Vietnamese press writes it for someone from `country`, and "Ông" or "Bà"."""
        rng = self.rng
        if country == "CN" or country in ("TW", "HK"):
            family_vi, family_en = rng.choice(CHINESE_FAMILY_NAMES)
            given = rng.sample(BRAND_SYLLABLES, 2)
            if rng.random() < 0.6:
                name = f"{family_vi} {given[0][0]} {given[1][0]}"
            else:
                name = f"{family_en} {given[0][1]}{given[1][1].lower()}"
            return name, "Bà" if rng.random() < 0.25 else "Ông"
        if country == "JP":
            return f"{rng.choice(JAPANESE_NAMES[0])} {rng.choice(JAPANESE_NAMES[1])}", rng.choice(("Ông", "Bà"))
        if country == "KR":
            return f"{rng.choice(KOREAN_NAMES[0])} {rng.choice(KOREAN_NAMES[1])}", rng.choice(("Ông", "Bà"))
        middle = rng.choice(VIETNAMESE_MIDDLE_NAMES)
        name = f"{rng.choice(VIETNAMESE_FAMILY_NAMES)} {middle} {rng.choice(VIETNAMESE_GIVEN_NAMES)}"
        return name, "Bà" if middle == "Thị" or rng.random() < 0.2 else "Ông"

    # -- opportunities, articles and what hangs off them ------------------------------------------

    def _lead_batches(self, size: int) -> Iterator[tuple[Batch, int]]:
        """Articles with the imported leads they report, and between them the leads staff entered.

        Each article reports one to three leads (never fewer than one, never more than asked for);
        the leads entered by hand are spread evenly between the articles.
        """
        total = self.plan.opportunities
        articles = min(self.plan.article_count, total)
        batch: Batch = defaultdict(list)
        in_batch = made = 0
        for number in range(articles):
            reported = min(self.rng.choice((1, 1, 2, 2, 3)), total - made - (articles - number - 1))
            day = self._day()
            leads = [self._lead(imported=True, reported_on=day)]
            leads += [self._lead(imported=True, reported_on=day, near=leads[0]) for _ in range(reported - 1)]
            self._article(leads, batch)
            for lead in leads:
                self._finish(lead, batch)
            made += reported
            in_batch += reported
            due = total * (number + 1) // articles
            while made < due:
                self._finish(self._lead(imported=False), batch)
                made += 1
                in_batch += 1
            if in_batch >= size:
                yield batch, in_batch
                batch, in_batch = defaultdict(list), 0
        while made < total:  # no articles at all
            self._finish(self._lead(imported=False), batch)
            made += 1
            in_batch += 1
            if in_batch >= size:
                yield batch, in_batch
                batch, in_batch = defaultdict(list), 0
        self._party_activities(batch)
        yield batch, in_batch

    def _investor(self) -> tuple[_Org | None, RegionRef | None, str | None]:
        """Who: mostly an organization, else an origin region or country.

        A fifth of the leads go to the busiest twentieth of the organizations, so some investors
        have dozens of leads and most have a few.
        """
        rng = self.rng
        if self.investors and rng.random() < 0.85:
            count = len(self.investors)
            busy = rng.random() < 0.2
            return self.investors[rng.randrange(max(1, count // 20)) if busy else rng.randrange(count)], None, None
        if self.origin_countries.items and rng.random() < 0.8:
            return None, self.reference.regions[self.origin_countries.pick(rng)].pick(rng), None
        return None, None, self.countries.pick(rng)

    def _lead(self, *, imported: bool, reported_on: date | None = None, near: _Lead | None = None) -> _Lead:
        """A lead; one reported in the same article as `near` mostly goes to the same province."""
        rng = self.rng
        reference = self.reference
        organization, region, country = self._investor()
        province = None if rng.random() < 0.05 else reference.provinces.pick(rng)
        if near is not None and rng.random() < 0.8:
            province = near.province
        sites = reference.sites.get(province.id, []) if province else []
        site = rng.choice(sites) if sites and rng.random() < 0.5 else None
        if organization is not None:
            sector_slugs = list(organization.sectors)
            if rng.random() < 0.3:
                sector_slugs.append(rng.choice(self.sector_slugs))
        else:
            sector_slugs = [rng.choice(self.sector_slugs)]
            if rng.random() < 0.3:
                sector_slugs.append(rng.choice(self.sector_slugs))
        sector_slugs = list(dict.fromkeys(sector_slugs))
        primary = reference.sectors[sector_slugs[0]]
        place = site.name if site else (province.name if province else "Việt Nam")
        brand = organization.short if organization else (region.name if region else reference.countries[country])
        project = ""
        if rng.random() < 0.9:
            templates = PROJECTS_BY_SECTOR.get(primary.slug) or (f"Dự án {primary.name_vi.lower()} {{brand}}",)
            project = rng.choice(templates).format(brand=brand, place=province.name if province else "Việt Nam")
        key_parts = (
            organization.id if organization else 0,
            region.id if region else 0,
            country or "",
            province.id if province else 0,
        )
        if imported:
            # One imported lead per investor, target and project: a second intention there is another phase.
            variants = itertools.chain(("",), PROJECT_VARIANTS, (f"số {n}" for n in itertools.count(3)))
            base = project or rng.choice(PROJECTS_BY_SECTOR["manufacturing"]).format(brand=brand, place=place)
            for variant in variants:
                candidate = f"{base} {variant}" if variant else project
                if (*key_parts, project_key(candidate)) not in self.taken_intentions:
                    project = candidate
                    break
            self.taken_intentions.add((*key_parts, project_key(project)))

        status = STATUS_WEIGHTS.pick(rng)
        stage = STAGE_WEIGHTS.pick(rng)
        if not imported:
            reported_on = self._day() if rng.random() < 0.6 else None
        currency, value, value_usd, value_text = "", None, None, ""
        if rng.random() < 0.7:
            currency = CURRENCY_WEIGHTS.pick(rng)
            year = reported_on.year if reported_on else None  # without a date: the creation year, set below
            value = self._value(currency, year or 2025)
            value_text = _amount_text(value, currency)
        land = _significant(rng.uniform(1, 500), 3).quantize(Decimal("0.01")) if rng.random() < 0.4 else None
        jobs = int(_significant(rng.uniform(50, 20_000), 2)) if rng.random() < 0.4 else None
        created = self._moment(reported_on, (6, 30)) if reported_on else self._moment(self._day())
        if value is not None:
            value_usd = to_usd(value, currency, reported_on.year if reported_on else created.year, reference.rates)
        has_owner = rng.random() < 0.4
        next_step = rng.choice(NEXT_STEPS) if rng.random() < 0.3 else ""
        description = ""
        if rng.random() < 0.5:
            description = rng.choice(DESCRIPTIONS).format(place=place, land=str(land or 10).replace(".", ","))
        title = ""
        if not imported and rng.random() < 0.15:
            title = f"{brand}: {project or primary.name_vi} tại {place}"
        investor_name = organization.name if organization else f"Doanh nghiệp đến từ {brand}"
        pk = self._id(Opportunity)
        facts: dict[str, Any] = {DEMO_FACT: self.plan.seed}
        row: Row = {
            "id": pk,
            "title": title,
            "organization_id": organization.id if organization else None,
            "origin_region_id": region.id if region else None,
            "origin_country_id": country,
            "province_id": province.id if province else None,
            "site_id": site.id if site else None,
            "project": project,
            "project_key": project_key(project),
            "primary_sector_id": primary.id,
            "status": status,
            "stage": stage,
            "stage_reason": rng.choice(STAGE_REASONS[stage]) if stage in STAGE_REASONS else "",
            "investment_type": INVESTMENT_TYPE_WEIGHTS.pick(rng),
            "value": value,
            "currency": currency,
            "value_usd": value_usd,
            "land_area_ha": land,
            "expected_jobs": jobs,
            "reported_on": reported_on,
            "priority": PRIORITY_WEIGHTS.pick(rng),
            "likelihood": rng.randrange(0, 101, 10) if rng.random() < 0.3 else None,
            "expected_decision_on": (ANCHOR + timedelta(days=rng.randrange(10, 400))).date()
            if rng.random() < 0.2
            else None,
            "owner_id": rng.choice(self.user_ids) if has_owner and self.user_ids else None,
            "next_step": next_step,
            "next_step_on": (ANCHOR + timedelta(days=rng.randrange(-90, 180))).date() if next_step else None,
            "description": description,
            "review_status": REVIEW_WEIGHTS.pick(rng) if imported else ReviewStatus.ACCEPTED,
            "is_imported": imported,
            "imported_facts": facts,
            "search_text": fold(title, project, next_step, description),
            "created_at": created,
            "updated_at": created,
            "_sectors": [reference.sectors[slug].id for slug in sector_slugs],
        }
        if imported:
            facts.update(
                {
                    "primary_sector": primary.id,
                    "site": site.id if site else None,
                    "project": project,
                    "investment_type": row["investment_type"],
                    "status": status,
                    "value": str(value) if value is not None else None,
                    "currency": currency,
                    "land_area_ha": str(land) if land is not None else None,
                    "expected_jobs": jobs,
                    "reported_on": str(reported_on) if reported_on else None,
                }
            )
        return _Lead(
            row=row,
            investor=investor_name,
            investor_mention=organization.name if organization else brand,
            organization=organization,
            region=region,
            province=province,
            place=place,
            project=project or f"dự án {primary.name_vi.lower()}",
            sector=primary,
            value_text=value_text,
        )

    def _value(self, currency: str, year: int) -> Decimal:
        """A value in `currency` worth 300 thousand to 3 billion dollars, stated with two significant digits."""
        usd = 10 ** self.rng.uniform(5.5, 9.5)
        by_year = self.reference.rates.get(currency)
        if currency == "USD" or not by_year:
            return _significant(usd)
        earlier = [y for y in by_year if y <= year]
        rate = by_year[max(earlier)] if earlier else by_year[min(by_year)]
        return _significant(usd * float(rate))

    def _finish(self, lead: _Lead, batch: Batch) -> None:
        """Write the lead with its sectors, contacts, stage history and activities."""
        rng = self.rng
        row = lead.row
        pk = row["id"]
        through = Opportunity.sectors.through
        for sector_id in row.pop("_sectors"):
            batch[through].append({"id": self._id(through), "opportunity_id": pk, "sector_id": sector_id})
        if lead.organization and lead.organization.contacts and rng.random() < 0.3:
            contact_id = rng.choice(lead.organization.contacts)[0]
            contacts = Opportunity.contacts.through
            batch[contacts].append({"id": self._id(contacts), "opportunity_id": pk, "contact_id": contact_id})
        last = self._stage_history(row, batch)
        row["updated_at"] = max(row["created_at"], last, self._between(row["created_at"], ANCHOR))
        if rng.random() < 0.3:
            for _ in range(1 + (rng.random() < 0.2) + (rng.random() < 0.1)):
                self._activity(batch, lead, opportunity_id=pk, after=row["created_at"])
        batch[Opportunity].append(row)

    def _stage_history(self, row: Row, batch: Batch) -> datetime:
        """Moves from "identified" to the lead's stage (some steps skipped), each later than the one before.

        Returns when the last move happened (the creation time when there was none).
        """
        rng = self.rng
        stage = row["stage"]
        if stage == Stage.IDENTIFIED:
            return row["created_at"]
        open_path = [Stage.QUALIFIED, Stage.CONTACTED, Stage.ENGAGED, Stage.NEGOTIATING]
        if stage in open_path:
            through = open_path[: open_path.index(stage)]
            path = [s for s in through if rng.random() < 0.6] + [stage]
        elif stage == Stage.WON:
            path = [s for s in open_path if rng.random() < 0.7] + [Stage.WON]
        else:  # lost or on hold, from wherever it had got to
            path = open_path[: rng.randrange(0, len(open_path))] + [stage]
        moment = row["created_at"]
        room = (ANCHOR - moment) / (len(path) + 1)
        previous = Stage.IDENTIFIED
        for to_stage in path:
            moment = moment + room * rng.uniform(0.2, 1.0)
            batch[StageChange].append(
                {
                    "id": self._id(StageChange),
                    "opportunity_id": row["id"],
                    "from_stage": previous,
                    "to_stage": to_stage,
                    "changed_by_id": rng.choice(self.user_ids) if self.user_ids else None,
                    "changed_at": moment,
                    "note": row["stage_reason"] if to_stage == stage else "",
                }
            )
            previous = to_stage
        return moment

    def _activity(self, batch: Batch, lead: _Lead | None, *, after: datetime, **subject: int) -> None:
        rng = self.rng
        brand = lead.organization.short if lead and lead.organization else "nhà đầu tư"
        place = lead.place if lead else "khu công nghiệp"
        occurred = self._between(after, ANCHOR)
        logged = min(occurred + timedelta(minutes=rng.randrange(5, 600)), ANCHOR)
        batch[Activity].append(
            {
                "id": self._id(Activity),
                "kind": ACTIVITY_WEIGHTS.pick(rng),
                "subject": rng.choice(ACTIVITY_SUBJECTS).format(brand=brand, place=place),
                "notes": rng.choice(ACTIVITY_NOTES),
                "occurred_at": occurred,
                "opportunity_id": None,
                "organization_id": None,
                "contact_id": None,
                "created_by_id": rng.choice(self.user_ids) if self.user_ids else None,
                "created_at": logged,
                "updated_at": logged,
                **subject,
            }
        )

    def _party_activities(self, batch: Batch) -> None:
        """A few activities logged against organizations and contacts rather than a lead."""
        rng = self.rng
        start = datetime(2020, 1, 1, tzinfo=UTC)
        for organization in self.organizations:
            if rng.random() < 0.05:
                self._activity(batch, None, after=start, organization_id=organization.id)
            if organization.contacts and rng.random() < 0.03:
                self._activity(batch, None, after=start, contact_id=organization.contacts[0][0])

    def _article(self, leads: list[_Lead], batch: Batch) -> None:
        """An article reporting `leads`, with evidence for each lead, its organization and a contact."""
        rng = self.rng
        self.article_number += 1
        pk = self._id(SourceArticle)
        first = leads[0]
        published = first.row["reported_on"]
        province_name = first.province.name if first.province else "Việt Nam"
        body = _Body()
        evidence: list[Row] = []

        def cite(start: int, sentence: str, mention: str, **subject: int) -> None:
            at = sentence.find(mention)
            evidence.append(
                {
                    "id": self._id(Evidence),
                    "article_id": pk,
                    "organization_id": None,
                    "contact_id": None,
                    "opportunity_id": None,
                    "sentence": sentence,
                    "sentence_start": start,
                    "sentence_end": start + len(sentence),
                    "mention": mention if at >= 0 else "",
                    "mention_start": start + at if at >= 0 else None,
                    "mention_end": start + at + len(mention) if at >= 0 else None,
                    "created_at": None,  # the article's import time, below
                    **subject,
                }
            )

        body.paragraph()
        body.sentence(
            rng.choice(OPENING_SENTENCES).format(day=published.day, month=published.month, province=province_name)
        )
        for lead in leads:
            body.paragraph()
            templates = INTENTION_SENTENCES[lead.row["status"]]
            if not lead.value_text:
                templates = tuple(t for t in templates if "{value}" not in t) or (INTENTION_SENTENCES[""][0],)
            sentence = rng.choice(templates).format(
                investor=lead.investor,
                project=lead.project,
                place=lead.place,
                province=lead.province.name if lead.province else "Việt Nam",
                value=lead.value_text,
            )
            sentence = sentence[0].upper() + sentence[1:]
            start = body.sentence(sentence)
            cite(start, sentence, lead.investor_mention, opportunity_id=lead.row["id"])
            if lead.organization and rng.random() < 0.5:
                cite(start, sentence, lead.organization.name, organization_id=lead.organization.id)
            if lead.row["land_area_ha"] is not None and lead.row["expected_jobs"] is not None:
                land = format(lead.row["land_area_ha"].normalize(), "f").replace(".", ",")
                facts = FACTS_SENTENCE.format(land=land, jobs=f"{lead.row['expected_jobs']:,}".replace(",", "."))
                start = body.sentence(facts)
                cite(start, facts, f"{land} ha", opportunity_id=lead.row["id"])
            if lead.organization and lead.organization.contacts and rng.random() < 0.4:
                contact_id, full_name, title, honorific = rng.choice(lead.organization.contacts)
                sentence = rng.choice(CONTACT_SENTENCES).format(
                    honorific=honorific,
                    honorific_lower=honorific.lower(),
                    contact=full_name,
                    title=title,
                    organization=lead.organization.name,
                    province=lead.province.name if lead.province else "Việt Nam",
                )
                start = body.sentence(sentence)
                cite(start, sentence, full_name, contact_id=contact_id)
            body.sentence(rng.choice(FILLER_SENTENCES))
        body.paragraph()
        body.sentence(rng.choice(FILLER_SENTENCES))

        if len(leads) > 1:
            title = rng.choice(MULTI_TITLES).format(
                province=province_name, count=len(leads), country=self._country_name(first)
            )
        else:
            title = rng.choice(TITLE_TEMPLATES).format(
                investor_short=first.organization.short if first.organization else first.investor_mention,
                project_lower=first.project[0].lower() + first.project[1:],
                province=province_name,
                country=self._country_name(first),
                sector=first.sector.name_vi.lower(),
            )
            title = title[0].upper() + title[1:]
        text = body.text()
        imported_at = self._moment(published, (2, 20))
        outlet = rng.choice(OUTLETS)
        url = f"https://tin-dau-tu.example/{published.year}/{pk}.html"
        raw_text = f"{title}\n\n{text}"
        batch[SourceArticle].append(
            {
                "id": pk,
                "title": title,
                "body": text,
                "raw_text": raw_text,
                "outlet": outlet,
                "byline": " ".join(self._person("VN")[0].split()[::2]),
                "url": url,
                "published_on": published,
                "language": "vi",
                "origin": f"{DEMO_ORIGIN}generate_demo_data/{pk}",
                "content_hash": article_content_hash(title, url, raw_text),
                "imported_by_id": None,
                "search_text": fold(title, *body.sentences),
                "imported_at": imported_at,
                "extracted_at": imported_at,
                "updated_at": imported_at,
            }
        )
        for row in evidence:
            row["created_at"] = imported_at
        batch[Evidence].extend(evidence)
        for lead in leads:  # imported when the article was
            lead.row["created_at"] = max(lead.row["created_at"], imported_at)
            lead.row["updated_at"] = lead.row["created_at"]

    def _country_name(self, lead: _Lead) -> str:
        """The investor's country as a headline names it ("Trung Quốc")."""
        if lead.organization:
            code = lead.organization.country
        else:
            code = lead.region.country if lead.region else lead.row["origin_country_id"]
        return self.reference.countries.get(code or "", "nước ngoài")


class _Body:
    """An article body built sentence by sentence, remembering where each sentence starts."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.sentences: list[str] = []
        self._fresh_paragraph = True

    def paragraph(self) -> None:
        if self.parts:
            self._append("\n")
        self._fresh_paragraph = True

    def sentence(self, text: str) -> int:
        if not self._fresh_paragraph:
            self._append(" ")
        self._fresh_paragraph = False
        start = self.length
        self._append(text)
        self.sentences.append(text)
        return start

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


# ---------------------------------------------------------------------------------------------
# Writing: COPY on PostgreSQL, executemany on SQLite
# ---------------------------------------------------------------------------------------------

# In the order rows must exist for the foreign keys that point at them.
LOADED_MODELS: tuple[type[models.Model], ...] = (
    Organization,
    OrganizationAlias,
    Organization.sectors.through,
    Contact,
    SourceArticle,
    Opportunity,
    Opportunity.sectors.through,
    Opportunity.contacts.through,
    Evidence,
    StageChange,
    Activity,
)


class _Columns:
    """A table's columns, from the model's concrete fields at run time, and how to fill each.

    A column the generator does not know (a field added later, such as `version`) gets the
    field's default, so a new field with a default never breaks the load; one without a default
    (and not nullable) stops the load with its name.
    """

    def __init__(self, model: type[models.Model], vendor: str) -> None:
        self.table = model._meta.db_table
        self.fields = list(model._meta.concrete_fields)
        self.names = [f.column for f in self.fields]
        self.attnames = [f.attname for f in self.fields]
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            if f.has_default():
                self.defaults[f.attname] = f.get_default()
            elif f.null:
                self.defaults[f.attname] = None
        self.postgres = vendor == "postgresql"
        self.json = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
        self.getter = operator.itemgetter(*self.attnames)
        self.checked = False

    def check(self, row: Row) -> None:
        missing = [name for name in self.attnames if name not in row and name not in self.defaults]
        if missing:
            raise ValueError(f"No value for {self.table}.{missing[0]} and the field has no default.")
        self.checked = True

    def values(self, row: Row) -> tuple:
        """The row's values in column order: Python values for COPY, the backend's own for SQLite."""
        if not self.checked:
            self.check(row)
        values = self.getter(self.defaults | row)
        if self.postgres:
            if self.json:
                values = list(values)
                for index in self.json:
                    values[index] = json.dumps(values[index], ensure_ascii=False)
            return values
        return tuple(f.get_db_prep_save(value, connection) for f, value in zip(self.fields, values, strict=True))


def write_batch(batch: Batch, columns: dict[type[models.Model], _Columns]) -> None:
    """Insert a batch's rows, table by table in foreign-key order."""
    with connection.cursor() as cursor:
        for model in LOADED_MODELS:
            rows = batch.get(model)
            if not rows:
                continue
            spec = columns[model]
            names = ", ".join(connection.ops.quote_name(name) for name in spec.names)
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {connection.ops.quote_name(spec.table)} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(spec.values(row))
            else:
                placeholders = ", ".join(["%s"] * len(spec.names))
                cursor.executemany(
                    f"INSERT INTO {connection.ops.quote_name(spec.table)} ({names}) VALUES ({placeholders})",
                    [spec.values(row) for row in rows],
                )


@dataclass(frozen=True)
class DeferredIndexes:
    """The indexes and foreign keys of the loaded tables that a bulk load drops and then restores.

    Primary keys and unique constraints stay (they are cheap on rising keys and guard the load);
    every other index, unique expression indexes included, is recreated from its own definition
    (`pg_get_indexdef`), and every foreign key from `pg_get_constraintdef`, so what is restored is
    exactly what the migrations made.
    """

    indexes: list[tuple[str, str]]
    foreign_keys: list[tuple[str, str, str]]  # table, name, definition


def postgres_deferrable(tables: list[str]) -> DeferredIndexes:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT ic.relname, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_class ic ON ic.oid = i.indexrelid
            WHERE t.relname = ANY(%s) AND t.relnamespace = current_schema()::regnamespace
              AND NOT EXISTS (
                SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')
              )
            ORDER BY ic.relname
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            """
            SELECT t.relname, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE c.contype = 'f' AND t.relname = ANY(%s) AND t.relnamespace = current_schema()::regnamespace
            ORDER BY t.relname, c.conname
            """,
            [tables],
        )
        foreign_keys = cursor.fetchall()
    return DeferredIndexes(indexes=list(indexes), foreign_keys=list(foreign_keys))


@contextmanager
def deferred_indexes(tables: list[str], *, enabled: bool, on_step: Callable[[str], None]) -> Iterator[None]:
    """On PostgreSQL, drop the tables' non-unique indexes and foreign keys for the load, restore them after.

    Meant inside the load's transaction: if the load fails, the drops roll back with it.
    """
    if not enabled or connection.vendor != "postgresql":
        yield
        return
    deferred = postgres_deferrable(tables)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, name, _definition in deferred.foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _definition in deferred.indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for name, definition in deferred.indexes:
            on_step(f"index {name}")
            cursor.execute(definition)
        for table, name, definition in deferred.foreign_keys:
            on_step(f"foreign key {name}")
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")


def analyze(tables: list[str]) -> None:
    """Fresh planner statistics (and, outside a transaction on PostgreSQL, the visibility map) for the tables."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                cursor.execute(f"VACUUM (ANALYZE) {quote(table)}")
            else:
                cursor.execute(f"ANALYZE {quote(table)}")


def fill_search_columns(first_ids: dict[type[models.Model], int]) -> None:
    """Add the names each loaded record is found by to its search column, one `UPDATE` per table.

    The rows are written with their own folded text only (the first line, as `save()` folds it);
    the names of what they point at are copied by SQL from the rows already loaded.
    """
    refresh_organization_search(Organization.objects.filter(pk__gte=first_ids[Organization]))
    refresh_contact_search(Contact.objects.filter(pk__gte=first_ids[Contact]))
    refresh_opportunity_search(Opportunity.objects.filter(pk__gte=first_ids[Opportunity]))


def demo_users(count: int) -> list[int]:
    """The agency staff who own leads, moved stages and logged activities: `demo.*` users, made once.

    They cannot log in (no usable password).
    """
    User = get_user_model()
    ids = []
    for family, given in STAFF_NAMES[:count]:
        username = f"{DEMO_USERNAME_PREFIX}{_folded(given).replace(' ', '')}.{_folded(family)}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=given, last_name=family, is_staff=True)
            user.set_unusable_password()
            user.save()
        ids.append(user.pk)
    return ids


def _first_ids() -> dict[type[models.Model], int]:
    return {
        model: (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1 for model in LOADED_MODELS
    }


def generate_demo_data(
    plan: DemoPlan,
    *,
    defer_indexes: bool | None = None,
    on_progress: Callable[[int], None] = lambda n: None,
    on_step: Callable[[str], None] = lambda step: None,
) -> DemoReport:
    """Write the plan's rows into the database in one transaction; statistics are refreshed after.

    Keys follow what the tables hold, and names and imported intentions already there are
    avoided, so demo data can be added to demo data. Whether the database may receive it at all
    is the caller's decision (see `database_contents()`). `defer_indexes` (default: for a load of
    at least `DEFER_INDEXES_FROM` opportunities that is larger than the table) drops and rebuilds
    the loaded tables' non-unique indexes and foreign keys on PostgreSQL.
    """
    started = time.perf_counter()
    reference = Reference.load()
    existing = Opportunity.objects.order_by().count()
    if defer_indexes is None:
        defer_indexes = plan.opportunities >= DEFER_INDEXES_FROM and plan.opportunities >= existing
    columns = {model: _Columns(model, connection.vendor) for model in LOADED_MODELS}
    tables = [columns[model].table for model in LOADED_MODELS]
    with transaction.atomic():
        taken_names = set(Organization.objects.values_list("country_id", "normalized_name"))
        taken_names = {(country or "", name) for country, name in taken_names}
        taken_intentions = {
            (org or 0, region or 0, country or "", province or 0, key)
            for org, region, country, province, key in Opportunity.objects.filter(is_imported=True).values_list(
                "organization_id", "origin_region_id", "origin_country_id", "province_id", "project_key"
            )
        }
        first_ids = _first_ids()
        generator = DemoGenerator(
            plan,
            reference,
            user_ids=demo_users(plan.users),
            first_ids=first_ids,
            taken_names=taken_names,
            taken_intentions=taken_intentions,
        )
        phases: dict[str, float] = {}
        with deferred_indexes(tables, enabled=defer_indexes, on_step=on_step):
            for batch, opportunities in generator.batches():
                write_batch(batch, columns)
                on_progress(opportunities)
            on_step("search columns")
            fill_search_columns(first_ids)
            phases["generate and load"] = time.perf_counter() - started
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(LOADED_MODELS)):
                cursor.execute(statement)
    phases["indexes, foreign keys and commit"] = time.perf_counter() - started - phases["generate and load"]
    on_step("statistics")
    # The reference tables the lists join: loaded by migrations and never analyzed since.
    read = [model._meta.db_table for model in (Province, Site, Sector, Country, ForeignRegion, ExchangeRate)]
    analyze([*tables, *read, get_user_model()._meta.db_table])
    seconds = time.perf_counter() - started
    phases["statistics"] = seconds - sum(phases.values())
    return DemoReport(rows=dict(generator.rows), seconds=seconds, deferred_indexes=bool(defer_indexes), phases=phases)
