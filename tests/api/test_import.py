"""`POST /api/v1/articles/import/`: text, HTML or a file, through the same pipeline as `import_articles`."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from leads.models import Evidence, Opportunity, SourceArticle
from tests.api.conftest import _user, client_for

pytestmark = pytest.mark.django_db

URL = reverse("api:article-import")
SEEDS = Path(settings.BASE_DIR) / "fixtures" / "articles"
GUANGXI_ARTICLE = (SEEDS / "004_fbd0ce9e0abd74a1.txt").read_text(encoding="utf-8")
HCM_ARTICLE = (SEEDS / "003_b76bb3e235c8c850.txt").read_text(encoding="utf-8")


def test_posting_article_text_imports_it_and_says_what_was_created(staff_api):
    response = staff_api.post(URL, {"text": GUANGXI_ARTICLE}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["articles"]["new"] == 1
    outcome = body["outcomes"][0]
    assert outcome["status"] == "new"
    article = SourceArticle.objects.get(pk=outcome["article"]["id"])
    assert "Quảng Châu" in article.body
    assert body["created"]["opportunities"] == Opportunity.objects.count() > 0
    # The records listed are those the article's evidence supports.
    listed = {item["id"] for item in outcome["records"]["opportunities"]}
    assert listed == set(Evidence.objects.filter(article=article).values_list("opportunity", flat=True)) - {None}
    assert any("Quảng Tây" in item["display"] for item in outcome["records"]["opportunities"])


def test_importing_the_same_article_twice_changes_nothing(staff_api):
    staff_api.post(URL, {"text": GUANGXI_ARTICLE}, format="json")
    counts = (SourceArticle.objects.count(), Opportunity.objects.count(), Evidence.objects.count())
    response = staff_api.post(URL, {"text": GUANGXI_ARTICLE}, format="json")
    assert response.status_code == 200
    assert response.json()["outcomes"][0]["status"] == "unchanged"
    assert (SourceArticle.objects.count(), Opportunity.objects.count(), Evidence.objects.count()) == counts


def test_a_file_upload_is_imported(staff_api):
    upload = SimpleUploadedFile("003_b76bb3e235c8c850.txt", HCM_ARTICLE.encode("utf-8"), content_type="text/plain")
    response = staff_api.post(URL, {"file": upload}, format="multipart")
    assert response.status_code == 201, response.json()
    outcome = response.json()["outcomes"][0]
    assert outcome["source"] == "003_b76bb3e235c8c850.txt"
    assert SourceArticle.objects.get().origin == "003_b76bb3e235c8c850.txt"


def test_html_is_imported(staff_api):
    paragraphs = "".join(f"<p>{line}</p>" for line in GUANGXI_ARTICLE.splitlines()[1:] if line.strip())
    html = (
        "<html><head><title>Quảng Châu, Quảng Tây đề xuất hợp tác</title></head><body><article>"
        f"<h1>{GUANGXI_ARTICLE.splitlines()[0][:120]}</h1>{paragraphs}</article></body></html>"
    )
    response = staff_api.post(URL, {"html": html}, format="json")
    assert response.status_code == 201, response.json()
    assert "Bắc Ninh" in SourceArticle.objects.get().body


def test_a_dry_run_previews_and_writes_nothing(staff_api):
    response = staff_api.post(URL, {"text": GUANGXI_ARTICLE, "dry_run": True}, format="json")
    assert response.status_code == 200
    outcome = response.json()["outcomes"][0]
    assert outcome["status"] == "preview"
    assert {"article", "organizations", "opportunities"} <= set(outcome["preview"])
    assert not SourceArticle.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{}, {"text": ""}, {"text": "a", "html": "<p>b</p>"}, {"dry_run": True}],
)
def test_exactly_one_of_text_html_or_file_is_required(staff_api, body):
    response = staff_api.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_an_import_larger_than_the_limit_is_refused_as_too_large(staff_api, settings):
    settings.IMPORT_MAX_BYTES = 1000
    response = staff_api.post(URL, {"text": GUANGXI_ARTICLE}, format="json")
    assert response.status_code == 413
    assert "text" in response.json()["errors"]
    assert not SourceArticle.objects.exists()


def test_an_unreadable_document_is_reported_not_a_500(staff_api):
    upload = SimpleUploadedFile("broken.json", b"{not json", content_type="application/json")
    response = staff_api.post(URL, {"file": upload}, format="multipart")
    assert response.status_code == 200
    assert response.json()["articles"]["failed"] == 1
    assert response.json()["outcomes"][0]["error"]


def test_importing_needs_the_add_article_permission(viewer, full_staff):
    assert client_for(viewer).post(URL, {"text": GUANGXI_ARTICLE}, format="json").status_code == 403
    assert client_for(full_staff, read_only=True).post(URL, {"text": GUANGXI_ARTICLE}, format="json").status_code == 403
    assert not SourceArticle.objects.exists()


def test_the_import_response_names_only_the_records_the_importer_may_view(db):
    """One who may add articles but only view contacts learns how many organizations and
    opportunities the article made, never their names or their evidence."""
    importer = _user("nhap.lieu", ["add_sourcearticle", "view_sourcearticle", "view_contact"])
    response = client_for(importer).post(URL, {"text": GUANGXI_ARTICLE}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["created"]["opportunities"] > 0
    records = body["outcomes"][0]["records"]
    assert set(records) == {"contacts"} and records["contacts"]


def test_an_imported_article_is_listed_with_its_evidence(staff_api):
    article_id = staff_api.post(URL, {"text": GUANGXI_ARTICLE}, format="json").json()["outcomes"][0]["article"]["id"]
    detail = staff_api.get(reverse("api:article-detail", args=[article_id])).json()
    assert detail["evidence"]
    assert all(item["sentence"] in detail["body"] for item in detail["evidence"])
    listed = staff_api.get(reverse("api:article-list")).json()["results"][0]
    assert listed["evidence_count"] == len(detail["evidence"])
    assert "body" not in listed


def test_the_import_response_lists_supported_records_in_four_queries_whatever_the_number_of_articles(
    db, django_assert_num_queries
):
    from importers.pipeline import import_documents
    from importers.readers import read_sources
    from leads.api.views import _import_outcomes

    outcomes = import_documents(read_sources([str(SEEDS)])).outcomes
    superuser = _user("admin", superuser=True)
    with django_assert_num_queries(4):
        one = _import_outcomes(outcomes[:1], superuser)
    with django_assert_num_queries(4):
        five = _import_outcomes(outcomes, superuser)
    assert one[0]["records"] == five[0]["records"]
    assert all(outcome["records"]["organizations"] for outcome in five)


def feed_of(entries: int) -> bytes:
    items = "".join(
        f"<item><title>Bắc Ninh đón nhà đầu tư số {n}</title><description>Tập đoàn Hoa Vũ khảo sát dự án số {n}."
        "</description></item>"
        for n in range(entries)
    )
    return f'<rss version="2.0"><channel><title>Báo Ví dụ</title>{items}</channel></rss>'.encode()


@pytest.mark.parametrize("extension", ["rss", "jsonl"])
def test_a_preview_of_more_articles_than_the_limit_is_a_413_naming_it_and_reads_nothing(staff_api, settings, extension):
    settings.IMPORT_MAX_ARTICLES = 3
    data = (
        feed_of(4)
        if extension == "rss"
        else "".join(f'{{"body": "Tập đoàn Hoa Vũ khảo sát dự án số {n}."}}\n' for n in range(4)).encode()
    )
    upload = SimpleUploadedFile(f"many.{extension}", data)
    response = staff_api.post(URL, {"file": upload, "dry_run": True}, format="multipart")
    assert response.status_code == 413
    assert "4 articles" in response.json()["detail"] and "at most 3" in response.json()["detail"]
    assert response.json()["errors"]["file"]
    assert not SourceArticle.objects.exists()


def test_posted_text_over_the_article_limit_is_a_413_too(staff_api, settings):
    settings.IMPORT_MAX_ARTICLES = 2
    text = "".join(f'{{"body": "Tập đoàn Hoa Vũ khảo sát dự án số {n}."}}\n' for n in range(3))
    response = staff_api.post(URL, {"text": text, "filename": "x.jsonl", "dry_run": True}, format="json")
    assert response.status_code == 413
    assert "text" in response.json()["errors"]


def test_an_upload_announced_larger_than_any_import_is_refused_before_it_is_read(staff_api, settings):
    settings.IMPORT_MAX_BYTES = 100
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    upload = SimpleUploadedFile("big.txt", GUANGXI_ARTICLE.encode("utf-8"))
    response = staff_api.post(URL, {"file": upload}, format="multipart")
    assert response.status_code == 413
    assert "MB per import" in response.json()["detail"]


def test_a_file_holding_only_a_date_line_is_refused_in_words(staff_api):
    upload = SimpleUploadedFile("date.txt", b" date 2025-09-18\n")
    response = staff_api.post(URL, {"file": upload}, format="multipart")
    assert response.status_code == 200
    assert "no article text" in response.json()["outcomes"][0]["error"]
    assert not SourceArticle.objects.exists()


def test_a_huge_page_is_a_413(staff_api, settings):
    settings.IMPORT_MAX_BYTES = 10_000
    page = "<html><body><article>" + "<p>Tập đoàn Hoa Vũ khảo sát dự án.</p>" * 1_000 + "</article></body></html>"
    response = staff_api.post(URL, {"html": page}, format="json")
    assert response.status_code == 413
    assert "html" in response.json()["errors"]
