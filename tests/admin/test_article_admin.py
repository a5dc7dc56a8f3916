"""Source articles: marked mentions, what came of them, re-extraction, and the import page."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from leads.models import Contact, Opportunity, Organization, SourceArticle

pytestmark = pytest.mark.django_db

PASTED = (Path(__file__).parent / "data" / "pasted_article.txt").read_text(encoding="utf-8")
IMPORT = reverse("admin:leads_sourcearticle_import")


@pytest.fixture
def seeds(db):
    call_command("import_articles", "fixtures/articles/", stdout=io.StringIO())
    return SourceArticle.objects.order_by("origin")


def test_change_page_marks_every_mention_and_links_it_to_its_record(admin_client_logged_in, seeds):
    article = seeds.get(origin__endswith="000_2d8c053db6514c07.txt")
    contact = Contact.objects.get(full_name="Nguyễn Việt Dũng")

    response = admin_client_logged_in.get(reverse("admin:leads_sourcearticle_change", args=[article.pk]))

    html = response.content.decode()
    contact_url = reverse("admin:leads_contact_change", args=[contact.pk])
    marked = f'<mark class="crm-contact" title="contact: {contact}"><a href="{contact_url}">Nguyễn Việt Dũng</a></mark>'
    assert marked in html
    assert 'class="crm-organization"' in html and 'class="crm-opportunity"' in html
    assert 'id="raw-text"' in html
    assert 'id="found-records"' in html
    assert not response.context["show_save"]


def test_body_is_escaped(admin_client_logged_in, article, lead):
    html = admin_client_logged_in.get(reverse("admin:leads_sourcearticle_change", args=[article.pk])).content.decode()
    assert "&lt;b&gt;Quảng Tây&lt;/b&gt;" in html
    assert "<b>Quảng Tây</b>" not in html


def test_re_running_extraction_keeps_the_article_and_reports_what_it_found(admin_client_logged_in, seeds):
    article = seeds.first()
    before = article.body

    response = admin_client_logged_in.post(
        reverse("admin:leads_sourcearticle_reextract", args=[article.pk]), follow=True
    )

    assert "Extraction re-run on" in response.content.decode()
    article.refresh_from_db()
    assert article.body == before
    assert article.extracted_at is not None
    assert article.evidence.exists()


def test_re_run_extraction_action_on_several_articles(admin_client_logged_in, seeds):
    ids = list(seeds.values_list("pk", flat=True)[:2])
    response = admin_client_logged_in.post(
        reverse("admin:leads_sourcearticle_changelist"),
        {"action": "reextract", "_selected_action": ids},
        follow=True,
    )
    assert response.content.decode().count("Extraction re-run on") == 2


def test_import_page_previews_a_pasted_article_and_saves_nothing(admin_client_logged_in):
    response = admin_client_logged_in.post(IMPORT, {"text": PASTED})

    assert response.status_code == 200
    (preview,) = response.context["previews"]
    assert preview["article"]["title"] == "Doanh nghiệp Quảng Tây muốn đầu tư trung tâm dữ liệu tại Bắc Giang"
    html = response.content.decode()
    assert "Sở Công nghiệp và Thông tin Quảng Tây" in html and "Viên Hoàng" in html
    assert 'id="confirm-import"' in html
    assert not SourceArticle.objects.exists()
    assert not Organization.objects.exists()


def test_confirming_the_preview_imports_the_article(admin_client_logged_in, superuser):
    preview = admin_client_logged_in.post(IMPORT, {"text": PASTED})

    response = admin_client_logged_in.post(IMPORT, {"payload": preview.context["payload"], "_confirm": "1"})

    article = SourceArticle.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:leads_sourcearticle_change", args=[article.pk])
    assert article.imported_by == superuser
    assert Organization.objects.filter(name="Sở Công nghiệp và Thông tin Quảng Tây").exists()
    assert Opportunity.objects.pending_review().exists()


def test_uploaded_files_are_previewed_together(admin_client_logged_in):
    files = [
        SimpleUploadedFile("a.txt", PASTED.encode("utf-8"), content_type="text/plain"),
        SimpleUploadedFile(
            "b.txt", Path("fixtures/articles/001_97f8f4cc8781255b.txt").read_bytes(), content_type="text/plain"
        ),
    ]
    response = admin_client_logged_in.post(IMPORT, {"files": files})
    assert [preview["source"] for preview in response.context["previews"]] == ["a.txt", "b.txt"]


def test_an_article_already_imported_is_said_so_and_cannot_be_confirmed(admin_client_logged_in):
    admin_client_logged_in.post(
        IMPORT, {"payload": admin_client_logged_in.post(IMPORT, {"text": PASTED}).context["payload"], "_confirm": "1"}
    )
    response = admin_client_logged_in.post(IMPORT, {"text": PASTED})
    assert response.context["previews"][0]["known"]
    assert not response.context["can_confirm"]


def test_an_empty_form_or_a_tampered_preview_is_refused_politely(admin_client_logged_in):
    empty = admin_client_logged_in.post(IMPORT, {"text": "   "})
    assert "Choose a file or paste an article." in empty.content.decode()

    tampered = admin_client_logged_in.post(IMPORT, {"payload": "forged", "_confirm": "1"}, follow=True)
    assert "The preview expired" in tampered.content.decode()
    assert not SourceArticle.objects.exists()


def test_a_file_that_cannot_be_read_shows_its_error(admin_client_logged_in):
    upload = SimpleUploadedFile("broken.json", b'{"title": ', content_type="application/json")
    response = admin_client_logged_in.post(IMPORT, {"files": [upload]})
    (preview,) = response.context["previews"]
    assert preview["error"]
    assert not response.context["can_confirm"]


def test_import_page_needs_the_add_permission(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="reader"))
    assert client.get(IMPORT).status_code == 403
