"""Hostile requests get a 4xx in the API's JSON shape, naming what was wrong, on SQLite and PostgreSQL.

NUL and other control characters in any query parameter, path or body field (PostgreSQL refuses NUL
in text, which made 39 parameters a 500), lone surrogates, JSON nested past any need, bodies over the
size limit; and Django's own error pages answer JSON under /api/ (issue 9, items 5 and 8).
"""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from rest_framework import serializers

from leads.api.parsers import MAX_JSON_DEPTH
from leads.api.urls import router
from leads.models import Activity, Contact, Opportunity, Organization
from tests.api.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONTROL_CHARACTERS = ["\x00", "\x1b", "\x7f", "\x0c", "\x08"]
RFC_3339 = re.compile(r"\A\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)\Z")
LISTS = [(prefix, viewset, basename) for prefix, viewset, basename in router.registry]


@pytest.fixture
def root(db):
    return UserFactory(username="quan.tri", is_superuser=True, is_staff=True)


@pytest.fixture
def root_api(root):
    return client_for(root)


def refused(response, name: str) -> str:
    """The message of a 400 that names `name`, after checking the answer's shape."""
    assert response.status_code == 400, (name, response.status_code, response.content[:300])
    body = response.json()
    assert name in body["errors"], (name, body)
    assert name in body["detail"] or name == "non_field_errors"
    return body["errors"][name][0]


def query_parameters(viewset) -> list[str]:
    filterset = getattr(viewset, "filterset_class", None)
    return sorted({*(filterset.base_filters if filterset else ()), "page", "page_size", "format", "cursor"})


@pytest.mark.parametrize(("prefix", "viewset", "basename"), LISTS, ids=[prefix for prefix, _, _ in LISTS])
def test_a_control_character_in_any_query_parameter_is_a_400_naming_it(root_api, prefix, viewset, basename):
    url = reverse(f"api:{basename}-list")
    for number, name in enumerate(query_parameters(viewset)):
        character = CONTROL_CHARACTERS[number % len(CONTROL_CHARACTERS)]
        message = refused(root_api.get(url, {name: f"ai{character}"}), name)
        assert f"U+{ord(character):04X}" in message


def test_the_other_list_actions_and_a_parameter_name_are_checked_too(pipeline, root_api):
    for url in [
        reverse("api:opportunity-summary"),
        reverse("api:opportunity-sync"),
        reverse("api:organization-list") + "?format=csv",
    ]:
        refused(
            root_api.get(url, {"sector": "ai\x00"} if "opportunit" in url else {"kind": "\x00"}),
            "sector" if "opportunit" in url else "kind",
        )
    refused(root_api.get(reverse("api:organization-list"), {"ki\x00nd": "company"}), "ki\\u0000nd")


def test_a_control_character_in_a_path_is_no_such_record(pipeline, root_api):
    for path in ["/api/v1/countries/%00/", "/api/v1/sectors/ai%00/", "/api/v1/organizations/1%1b/", "/api/v1/%7f/"]:
        response = root_api.get(path)
        assert response.status_code == 404, path
        assert response.json()["detail"]


WRITABLE = {"organization": Organization, "contact": Contact, "opportunity": Opportunity, "activity": Activity}


def writable_fields(basename: str) -> dict[str, bool]:
    """The fields a client may write, and whether each takes a list."""
    viewset = next(viewset for _, viewset, name in LISTS if name == basename)
    fields = viewset.serializer_class().fields
    return {
        name: isinstance(field, serializers.ListField | serializers.ManyRelatedField)
        for name, field in fields.items()
        if not field.read_only
    }


@pytest.mark.parametrize("basename", sorted(WRITABLE))
def test_a_control_character_in_any_body_field_is_a_400_naming_it(pipeline, root_api, basename):
    if basename == "activity":  # the pipeline logs none
        Activity.objects.create(kind="call", subject="Gọi", organization=Organization.objects.first())
    record = WRITABLE[basename].objects.first()
    for number, (name, takes_list) in enumerate(writable_fields(basename).items()):
        character = CONTROL_CHARACTERS[number % len(CONTROL_CHARACTERS)]
        value = [f"a{character}"] if takes_list else f"a{character}"
        key = f"{name}[0]" if takes_list else name
        body = json.dumps({name: value})
        refused(root_api.post(reverse(f"api:{basename}-list"), body, content_type="application/json"), key)
        detail = reverse(f"api:{basename}-detail", args=[record.pk])
        refused(root_api.patch(detail, body, content_type="application/json"), key)


def test_lone_surrogates_and_control_characters_in_keys_are_refused_in_json(pipeline, root_api):
    organization = Organization.objects.first()
    url = reverse("api:organization-detail", args=[organization.pk])
    refused(root_api.patch(url, '{"notes": "Ghi ch\\ud800"}', content_type="application/json"), "notes")
    refused(root_api.patch(url, json.dumps({"no\x00tes": "x"}), content_type="application/json"), "no\\u0000tes")
    organization.refresh_from_db()
    assert "\ud800" not in organization.notes


def test_a_control_character_in_a_form_or_multipart_field_is_refused(pipeline, root_api):
    refused(
        root_api.post(reverse("api:activity-list"), {"kind": "call", "subject": "G\x00"}, format="multipart"), "subject"
    )
    response = root_api.post(
        reverse("api:activity-list"),
        "kind=call&subject=G%1Bi",
        content_type="application/x-www-form-urlencoded",
    )
    refused(response, "subject")
    refused(
        root_api.post(reverse("api:article-import"), {"text": "Tin", "filename": "a\x00.txt"}, format="multipart"),
        "filename",
    )


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 100_000])
def test_json_nested_deeper_than_any_request_needs_is_a_400(pipeline, root_api, depth):
    body = '{"notes": ' + "[" * depth + "]" * depth + "}"
    for url in [reverse("api:activity-list"), reverse("api:article-import")]:
        response = root_api.post(url, body, content_type="application/json")
        assert response.status_code == 400
        assert "nested" in response.json()["detail"]


def call_about(organization: Organization, **fields) -> dict:
    """An activity's body: a call about `organization`."""
    return {"kind": "call", "subject": "Gọi Sở Công Thương", "organization": organization.pk, **fields}


def test_json_within_the_depth_limit_is_read(pipeline, root_api):
    body = json.dumps(call_about(Organization.objects.first()))[:-1] + ', "extra": ' + "[" * 10 + "]" * 10 + "}"
    assert root_api.post(reverse("api:activity-list"), body, content_type="application/json").status_code == 201


def test_a_body_over_the_upload_limit_is_a_413_in_json_naming_the_limit(pipeline, root_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
    body = json.dumps(call_about(Organization.objects.first(), subject="Gọi", notes="x" * (3 * 1024 * 1024)))
    response = root_api.post(reverse("api:activity-list"), body, content_type="application/json")
    assert response.status_code == 413
    assert "2 MB" in response.json()["detail"]
    assert not Activity.objects.filter(subject="Gọi").exists()


def test_a_form_over_the_upload_limit_in_the_admin_is_a_413_page(root, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    client = Client(raise_request_exception=False)
    client.force_login(root)
    response = client.post(reverse("admin:leads_sourcearticle_import"), {"text": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")


def test_an_unknown_api_address_is_a_json_404_and_an_unknown_page_an_html_one(root_api):
    response = root_api.get("/api/v1/no-such-resource/")
    assert response.status_code == 404
    assert response.json()["detail"]
    page = Client().get("/no-such-page/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


@override_settings(ROOT_URLCONF="tests.reliability.urls_with_a_bug")
def test_a_server_error_under_the_api_answers_json_without_a_traceback(db):
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/bug/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "Traceback" not in response.content.decode() and "ZeroDivisionError" not in response.content.decode()
    assert response.json()["detail"]
    page = client.get("/bug/")
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")


# --- the admin ---------------------------------------------------------------------------------------


def admin_changelists() -> list[str]:
    from django.contrib import admin

    return [f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist" for model in admin.site._registry]


def test_a_control_character_in_an_admin_search_or_filter_is_a_400_never_a_500(pipeline, root):
    client = Client(raise_request_exception=False)
    client.force_login(root)
    for name in admin_changelists():
        url = reverse(name)
        for query in ({"q": "Qu\x00ảng"}, {"outlet": "\x00"}, {"o": "1\x00"}, {"p": "\x1b"}):
            response = client.get(url, query)
            assert response.status_code == 400, (url, query, response.status_code)


def test_a_nul_in_an_admin_form_is_a_form_error(pipeline, root):
    client = Client(raise_request_exception=False)
    client.force_login(root)
    organization = Organization.objects.first()
    response = client.post(
        reverse("admin:leads_organization_change", args=[organization.pk]),
        {"name": "Tập đoàn\x00", "kind": organization.kind},
    )
    assert response.status_code == 200  # the form again, with its errors
    assert response.context["adminform"].form.errors["name"]
    organization.refresh_from_db()
    assert "\x00" not in organization.name
    response = client.post(reverse("admin:leads_sourcearticle_import"), {"text": "Tin\x00 mới"})
    assert response.status_code == 200
    assert response.context["form"].errors["text"]


# --- values the schema does not allow ----------------------------------------------------------------


def test_a_negative_amount_bound_is_refused(pipeline, root_api):
    for name in ("value_min", "value_max", "value_usd_min", "value_usd_max"):
        refused(root_api.get(reverse("api:opportunity-list"), {name: "-1"}), name)


def test_a_number_where_text_is_expected_is_refused(pipeline, root_api):
    organization = Organization.objects.first()
    url = reverse("api:organization-detail", args=[organization.pk])
    refused(root_api.patch(url, {"notes": 0}, format="json"), "notes")
    refused(root_api.patch(url, {"notes": True}, format="json"), "notes")
    refused(root_api.post(reverse("api:activity-list"), {"kind": "call", "subject": 12}, format="json"), "subject")
    refused(root_api.post(reverse("api:article-import"), {"text": 7}, format="json"), "text")
    organization.refresh_from_db()
    assert organization.notes != "0"


def test_a_negative_value_area_or_job_count_is_refused(pipeline, root_api):
    opportunity = Opportunity.objects.first()
    url = reverse("api:opportunity-detail", args=[opportunity.pk])
    for name in ("value", "land_area_ha", "expected_jobs"):
        refused(root_api.patch(url, {name: -1}, format="json"), name)


@pytest.mark.parametrize("written", ["1900-01-01T00:00:00Z", "1905-06-30T12:00:00+07:00", "2025-09-18T08:30:00+07:00"])
def test_date_times_read_as_rfc_3339_before_1906_too(pipeline, root_api, written):
    response = root_api.post(
        reverse("api:activity-list"), call_about(Organization.objects.first(), occurred_at=written), format="json"
    )
    assert response.status_code == 201, response.json()
    occurred = response.json()["occurred_at"]
    assert RFC_3339.match(occurred), occurred
    listed = root_api.get(reverse("api:activity-detail", args=[response.json()["id"]])).json()["occurred_at"]
    assert listed == occurred
