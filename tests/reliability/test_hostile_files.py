"""A corpus of hostile files, each with its expected outcome, through every way articles come in.

Each file is generated here (no large blob is committed) and sent through `manage.py
import_articles` (in a folder beside a valid article, which must still import), `POST
/api/v1/articles/import/` and the admin import page (preview, then confirm). Whatever the file,
the answer is a clean import or a clear error: never a 500, never a traceback, nothing half
written (on a failure no SourceArticle is added), and the peak of memory Python allocates for it
stays under `PEAK_MEMORY` (tracemalloc). The outcomes are listed in RELIABILITY.md.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from importers.jobs import import_job_run
from importers.models import ImportJob
from leads.models import Organization, SourceArticle
from tests.api.conftest import client_for
from tests.factories import UserFactory
from tests.importers.test_readers import encode_cp1258
from tests.reliability import texts

pytestmark = pytest.mark.django_db

PEAK_MEMORY = 200 * 1024 * 1024
API_URL = reverse("api:article-import")
ADMIN_URL = reverse("admin:leads_sourcearticle_import")


def article(topic: str) -> str:
    """A short article of our own, different for each `topic` (so no two files are one article)."""
    return (
        f"Tập đoàn Hoa Vũ khảo sát dự án {topic} tại Bắc Ninh\n"
        f"Ông Trần Văn Minh, Chủ tịch Tập đoàn Hoa Vũ, cho biết công ty đề xuất đầu tư dự án {topic} trị giá "
        "200 triệu USD tại tỉnh Bắc Ninh trong năm tới.\n"
        "Lãnh đạo tỉnh cam kết hỗ trợ nhà đầu tư hoàn thiện thủ tục.\n"
    )


def feed(entries: int) -> bytes:
    items = "".join(
        f"<item><title>Tin số {n}: Tập đoàn Hoa Vũ mở rộng nhà máy</title><link>https://bao.example.vn/tin-{n}</link>"
        f"<description>&lt;p&gt;Tập đoàn Hoa Vũ đề xuất dự án số {n} tại tỉnh Bắc Ninh.&lt;/p&gt;</description>"
        "<pubDate>Thu, 18 Sep 2025 08:00:00 +0700</pubDate></item>"
        for n in range(entries)
    )
    channel = f"<channel><title>Báo Ví dụ</title>{items}</channel>"
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'.encode()


def json_lines(records: int) -> bytes:
    return "".join(
        json.dumps({"title": f"Tin ngắn số {n}", "body": f"Bắc Ninh đón đoàn doanh nghiệp số {n}."}, ensure_ascii=False)
        + "\n"
        for n in range(records)
    ).encode()


def entity_bomb() -> bytes:
    """Ten entities, each ten of the one before: "&h;" would expand to a hundred million words."""
    entities = '<!ENTITY a "hoa">' + "".join(
        f'<!ENTITY {name} "{f"&{previous};" * 10}">' for previous, name in zip("abcdefg", "bcdefgh", strict=True)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel><title>T</title>'
        f"<item><title>Tin &h;</title><description>{article('bom')}</description></item></channel></rss>"
    ).encode()


def with_controls(text: str) -> str:
    """A few control characters a broken export leaves in a text (well under 1% of it)."""
    return text.replace("Bắc Ninh", "Bắc\x01 Ninh", 1).replace("Lãnh đạo", "Lãnh\x1b đạo", 1)


def bidi(topic: str) -> str:
    """Names wrapped in bidirectional overrides and isolates that would hide them from the rules."""
    return (
        article(topic)
        .replace("Tập đoàn Hoa Vũ", "Tập đoàn \u202eHoa Vũ\u202c")
        .replace("Trần Văn Minh", "\u2067Trần Văn Minh\u2069")
    )


@dataclass(frozen=True)
class Hostile:
    """A hostile file and what must come of it: `articles` imported, or an error with `says` in it."""

    name: str
    make: Callable[[], bytes]
    articles: int = 0  # articles a clean import saves (0: the file is refused)
    says: str = ""  # words of the error
    too_many: bool = False  # more articles than one request may import: 413 in the API, refused in the admin
    through_command: bool = True  # a 10,000-item feed imports (slowly) through the unbounded command
    long: bool = False  # more text than a request extracts (IMPORT_SYNC_MAX_CHARACTERS): a background job

    @property
    def empty(self) -> bool:
        """A 0-byte upload, which the API's and the admin's file fields refuse before reading it."""
        return not content(self.name)


HOSTILE = [
    Hostile("deep.json", lambda: b"[" * 100_000 + b"]" * 100_000, says="nested too deeply"),
    Hostile("deep-line.jsonl", lambda: b'{"body": "Tin"}\n' + b"[" * 5_000 + b"]" * 5_000, says="nested too deeply"),
    Hostile("nul-bytes.txt", lambda: article("nul").encode().replace(b" ", b"\x00 "), says="NUL"),
    Hostile("few-controls.txt", lambda: with_controls(article("điều khiển")).encode(), articles=1),
    Hostile("utf16-no-bom.txt", lambda: article("utf16").encode("utf-16-le"), articles=1),
    Hostile("utf16be-no-bom.txt", lambda: article("utf16 be").encode("utf-16-be"), articles=1),
    Hostile("windows-1258.txt", lambda: encode_cp1258(article("mã cũ")), articles=1),
    Hostile("damaged-utf8.txt", lambda: article("hỏng").encode().replace(b"\xe1\xba\xa1", b"\xe1\xba", 1), articles=1),
    Hostile("empty.txt", lambda: b"", says="empty"),
    Hostile("blank.txt", lambda: b" \n\t\n\r\n", says="empty"),
    Hostile("date-only.txt", lambda: b" date 2025-09-18\n", says="no article text"),
    Hostile("date-only-no-newline.txt", lambda: b" date 2025-09-18", says="no article text"),
    Hostile("garbage.bin", lambda: random.Random(9).randbytes(64 * 1024), says="binary"),
    Hostile("compressed.html", lambda: gzip.compress(b"<p>Tin</p>" * 2_000_000), says="binary"),
    Hostile(
        "nested-divs.html",
        lambda: (("<div>" * 100_000) + article("div") + "</div>" * 100_000).encode(),
        says="no main text",
    ),
    Hostile(
        "scripts-only.html",
        lambda: ("<html><head><script>" + "var a=1;" * 100_000 + "</script></head></html>").encode(),
        says="no main text",
    ),
    Hostile("entities.rss", entity_bomb, says="entities"),
    Hostile("10000-items.rss", lambda: feed(10_000), too_many=True, articles=10_000, through_command=False),
    Hostile("too-many.jsonl", lambda: json_lines(settings.IMPORT_MAX_ARTICLES + 1), too_many=True, articles=201),
    Hostile("one-word.txt", lambda: texts.one_word(1_000_000).encode(), articles=1, long=True),
    Hostile(
        "huge-line.txt",
        lambda: (
            "Tin nhanh\n" + "các doanh nghiệp tiếp tục mở rộng sản xuất và tìm kiếm thị trường mới " * 2_500
        ).encode(),
        articles=1,
    ),
    Hostile("bidi.txt", lambda: bidi("đảo chiều").encode(), articles=1),
    Hostile(
        "long-url.json",
        lambda: json.dumps({"body": article("url"), "url": "https://a.vn/" + "x" * 2000}).encode(),
        says="its url is 2,013 characters long",
    ),
    Hostile(
        "long-outlet.json",
        lambda: json.dumps({"body": article("báo"), "outlet": "Báo " * 100}).encode(),
        says="its outlet is 399 characters long",
    ),
    Hostile(
        "surrogate.json", lambda: json.dumps({"title": "Tin \ud800 mới", "body": article("lẻ")}).encode(), articles=1
    ),
    Hostile(
        "nul-in-json.json",
        lambda: json.dumps({"body": article("rỗng").replace("Bắc Ninh", "Bắc\x00Ninh")}).encode(),
        articles=1,
    ),
    Hostile("nan.json", lambda: b'{"body": NaN, "title": Infinity}', says="no article text"),
    Hostile("empty-list.json", lambda: b"[]", says="list is empty"),
    Hostile("malformed.json", lambda: b'{"body": "Tin', says="malformed"),
    Hostile("old-mac-lines.txt", lambda: article("dòng cũ").replace("\n", "\r").encode(), articles=1),
    Hostile(
        "decomposed.txt", lambda: __import__("unicodedata").normalize("NFD", article("tổ hợp")).encode(), articles=1
    ),
]
BY_NAME = {hostile.name: hostile for hostile in HOSTILE}
IDS = [hostile.name for hostile in HOSTILE]


@cache
def content(name: str) -> bytes:
    return BY_NAME[name].make()


@contextmanager
def peak_memory() -> Iterator[Callable[[], int]]:
    """The peak of memory Python allocated inside the block, in bytes."""
    tracemalloc.start()
    peak = [0]
    try:
        yield lambda: peak[0]
    finally:
        peak[0] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def articles_saved() -> int:
    return SourceArticle.objects.count()


@pytest.fixture
def root(db):
    return UserFactory(username="quan.tri", is_superuser=True, is_staff=True)


# --- the command ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", [h.name for h in HOSTILE if h.through_command], ids=[h.name for h in HOSTILE if h.through_command]
)
def test_the_command_reports_or_imports_each_hostile_file_and_the_valid_one_beside_it_still_imports(
    tmp_path: Path, name: str
):
    hostile = BY_NAME[name]
    (tmp_path / "a-valid.txt").write_text(article("hợp lệ"), encoding="utf-8")
    (tmp_path / f"b-{name}").write_bytes(content(name))
    out, err = io.StringIO(), io.StringIO()
    with peak_memory() as peak:
        try:
            call_command("import_articles", str(tmp_path), stdout=out, stderr=err)
            failed = ""
        except CommandError as error:
            failed = str(error)
    output = out.getvalue() + err.getvalue() + failed
    assert "Traceback" not in output
    assert SourceArticle.objects.filter(origin__endswith="a-valid.txt").exists(), output
    if hostile.articles:
        assert not failed, output
        assert articles_saved() == 1 + hostile.articles
    else:
        assert "1 of 2 sources failed" in failed
        assert hostile.says in err.getvalue(), err.getvalue()
        assert articles_saved() == 1
    assert peak() < PEAK_MEMORY


def test_the_command_reads_a_file_whose_name_is_not_utf8(tmp_path: Path):
    path = Path((tmp_path.as_posix().encode() + b"/t\xean-l\xf4i.txt").decode("utf-8", "surrogateescape"))
    path.write_text(article("tên tệp"), encoding="utf-8")
    call_command("import_articles", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    assert SourceArticle.objects.get().origin.endswith("t\ufffdn-l\ufffdi.txt")


# --- the API -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", IDS, ids=IDS)
def test_the_api_answers_each_hostile_file_in_json_and_saves_nothing_of_a_refused_one(root, name: str):
    hostile = BY_NAME[name]
    upload = SimpleUploadedFile(name, content(name), content_type="application/octet-stream")
    api = client_for(root)
    with peak_memory() as peak:
        response = api.post(API_URL, {"file": upload, "dry_run": hostile.too_many}, format="multipart")
    body = response.json()
    assert "Traceback" not in response.content.decode()
    if hostile.empty:
        assert response.status_code == 400
        assert body["errors"]["file"]
        assert articles_saved() == 0
    elif hostile.too_many:
        assert response.status_code == 413
        assert f"at most {settings.IMPORT_MAX_ARTICLES}" in body["detail"]
        assert body["errors"]["file"]
        # Imported for real, so many articles become a background job: nothing is saved while the client waits.
        upload.seek(0)
        queued = api.post(API_URL, {"file": upload}, format="multipart")
        assert queued.status_code == 202
        assert queued.json()["url"]
        assert articles_saved() == 0
    elif hostile.long:  # one request does not extract a million characters: a worker does
        assert response.status_code == 202, body
        assert articles_saved() == 0
        import_job_run(body["id"])
        assert articles_saved() == hostile.articles
    elif hostile.articles:
        assert response.status_code == 201, body
        assert body["articles"]["new"] == hostile.articles
        assert articles_saved() == hostile.articles
    else:
        assert response.status_code == 200, body
        assert body["articles"]["failed"] == 1
        assert hostile.says in body["outcomes"][0]["error"]
        assert articles_saved() == 0
    assert peak() < PEAK_MEMORY


# --- the admin import page -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", IDS, ids=IDS)
def test_the_admin_import_page_previews_or_refuses_each_hostile_file(root, name: str):
    hostile = BY_NAME[name]
    client = Client(raise_request_exception=False)
    client.force_login(root)
    upload = SimpleUploadedFile(name, content(name), content_type="application/octet-stream")
    with peak_memory() as peak:  # the preview reads and extracts; the confirmation does it again, as the API does
        response = client.post(ADMIN_URL, {"files": upload})
    assert response.status_code == 200
    assert "Traceback" not in response.content.decode()
    if hostile.empty:
        assert response.context["form"].errors["files"]
    elif hostile.too_many or hostile.long:  # not previewed, imported whole by a background job once confirmed
        assert not response.context["previews"] and response.context["can_confirm"]
        notices = " ".join(str(message) for message in response.context["messages"])
        if hostile.long:
            assert f"more than a preview reads ({settings.IMPORT_SYNC_MAX_CHARACTERS:,})" in notices
        else:
            limit = settings.IMPORT_MAX_ARTICLES
            assert f"hold {hostile.articles} articles, more than a preview shows ({limit})" in notices
        confirmed = client.post(ADMIN_URL, {"_confirm": "1", "payload": response.context["payload"]})
        assert confirmed.status_code == 302
        assert bytes(ImportJob.objects.get(filename=name).payload) == content(name)
    elif hostile.articles:
        assert not [p["error"] for p in response.context["previews"] if p.get("error")]
        confirmed = client.post(ADMIN_URL, {"_confirm": "1", "payload": response.context["payload"]})
        assert confirmed.status_code == 302
    else:
        assert hostile.says in response.context["previews"][0]["error"]
        assert not response.context["can_confirm"]
    assert articles_saved() == (0 if hostile.too_many or hostile.long else hostile.articles)
    assert peak() < PEAK_MEMORY


# --- what the clean imports kept -----------------------------------------------------------------------


def test_what_the_importable_hostile_files_became(root):
    """Control characters and bidirectional overrides are gone, and the names they wrapped were found."""
    api = client_for(root)
    for name in ("few-controls.txt", "bidi.txt", "nul-in-json.json", "surrogate.json", "utf16-no-bom.txt"):
        upload = SimpleUploadedFile(name, content(name), content_type="application/octet-stream")
        assert api.post(API_URL, {"file": upload}, format="multipart").status_code == 201
    for saved in SourceArticle.objects.all():
        for text in (saved.title, saved.body, saved.raw_text):
            assert not any(ord(c) < 32 and c not in "\t\n" or ord(c) == 0x7F or 0xD800 <= ord(c) < 0xE000 for c in text)
        for text in (saved.title, saved.body):  # the raw text stays as read
            assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    bidi_article = SourceArticle.objects.get(origin="bidi.txt")
    assert "Tập đoàn Hoa Vũ" in bidi_article.body
    assert Organization.objects.filter(name="Tập đoàn Hoa Vũ").exists()
