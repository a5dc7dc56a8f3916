"""API tokens: no escalation through them, and no key readable after it was handed out (issue 9, item 1).

Each escalation the issue found is replayed through the admin's pages with the test client: a
staff member who may only add tokens tried to issue one for a superuser, and one who may only view
tokens read every key. The keys now live only as hashes; the rule on whom one may issue a token
for is `leads.tokens.issue_refusal`.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from leads.models import ApiToken, Organization
from leads.models.integration import hash_token_key
from leads.tokens import api_token_issue, api_tokens_revoke, issue_refusal
from tests.factories import OrganizationFactory, UserFactory

ADD_URL = reverse("admin:leads_apitoken_add")
LIST_URL = reverse("admin:leads_apitoken_changelist")
KEY = re.compile(r"\b[0-9a-f]{40}\b")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def staff(username: str, *codenames: str, superuser: bool = False):
    """A staff member holding exactly `codenames` (of any app)."""
    user = UserFactory(username=username, is_superuser=superuser)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_as(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def add_token(client: Client, user, name: str = "Cổng dữ liệu Sở Kế hoạch và Đầu tư", **extra):
    return client.post(ADD_URL, {"name": name, "user": user.pk, "_save": "Save", **extra}, follow=True)


def form_errors(response) -> dict:
    return response.context["adminform"].form.errors


def page_text(response) -> str:
    return response.content.decode()


# --- who may issue a token for whom ------------------------------------------------------------


@pytest.mark.django_db
def test_a_staff_member_who_may_only_add_tokens_is_offered_only_themselves(superuser):
    clerk = staff("thu.ky", "add_apitoken")
    form = logged_in(clerk).get(ADD_URL).context["adminform"].form
    assert list(form.fields["user"].queryset) == [clerk]
    assert form.fields["user"].initial == clerk.pk


@pytest.mark.django_db
def test_a_forged_post_for_a_superuser_by_an_add_only_staff_member_issues_nothing(superuser):
    clerk = staff("thu.ky", "add_apitoken")
    response = add_token(logged_in(clerk), superuser)
    assert response.status_code == 200
    assert "user" in form_errors(response)
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_the_issue_service_refuses_a_token_for_someone_else_even_when_the_form_is_bypassed(superuser):
    clerk = staff("thu.ky", "add_apitoken")
    with pytest.raises(PermissionDenied, match="acting as yourself"):
        api_token_issue(token=ApiToken(user=staff("dong.nghiep"), name="BI"), issued_by=clerk)
    with pytest.raises(PermissionDenied):
        api_token_issue(token=ApiToken(user=superuser, name="BI"), issued_by=clerk)
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_a_token_an_add_only_staff_member_issues_acts_only_as_themselves():
    """The issue's attack: a token for a superuser deleted an organization (204). Now the token is one's own."""
    clerk = staff("thu.ky", "add_apitoken", "view_organization")
    organization = OrganizationFactory(name="Công ty TNHH Điện tử Quế Võ")
    response = add_token(logged_in(clerk), clerk)
    (key,) = KEY.findall(page_text(response))

    robot = api_as(key)
    assert robot.get(reverse("api:organization-detail", args=[organization.pk])).status_code == 200
    assert robot.delete(reverse("api:organization-detail", args=[organization.pk])).status_code == 403
    assert Organization.objects.filter(pk=organization.pk).exists()


@pytest.mark.django_db
def test_managing_others_tokens_allows_a_token_for_a_colleague_who_holds_no_more_than_oneself():
    manager = staff("truong.phong", "add_apitoken", "manage_others_tokens", "view_opportunity", "change_opportunity")
    colleague = staff("chuyen.vien", "view_opportunity")
    response = add_token(logged_in(manager), colleague, name="Bảng tin xúc tiến")
    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert (token.user, token.name) == (colleague, "Bảng tin xúc tiến")


@pytest.mark.django_db
def test_managing_others_tokens_does_not_reach_a_superuser(superuser):
    manager = staff("truong.phong", "add_apitoken", "manage_others_tokens")
    client = logged_in(manager)
    assert superuser not in client.get(ADD_URL).context["adminform"].form.fields["user"].queryset
    response = add_token(client, superuser)
    assert "user" in form_errors(response)
    assert not ApiToken.objects.exists()
    with pytest.raises(PermissionDenied, match="Only a superuser may create a token acting as a superuser."):
        api_token_issue(token=ApiToken(user=superuser, name="BI"), issued_by=manager)


@pytest.mark.django_db
def test_managing_others_tokens_does_not_reach_a_colleague_with_a_permission_one_lacks():
    manager = staff("truong.phong", "add_apitoken", "manage_others_tokens", "view_organization")
    group = Group.objects.create(name="Pháp chế")
    group.permissions.set(Permission.objects.filter(codename="delete_organization"))
    colleague = staff("phap.che", "view_organization")
    colleague.groups.add(group)  # a permission held through a group counts too

    response = add_token(logged_in(manager), colleague)
    (error,) = form_errors(response)["user"]
    assert "leads.delete_organization" in error
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_the_rule_in_words(superuser):
    clerk = staff("thu.ky", "add_apitoken")
    manager = staff("truong.phong", "add_apitoken", "manage_others_tokens", "view_sector")
    reader = staff("doc.gia", "view_sector")
    gone = staff("nghi.viec", "view_sector")
    gone.is_active = False
    gone.save()

    assert issue_refusal(clerk, clerk) is None
    assert issue_refusal(staff("khach"), staff("khach2")) == "You may not create API tokens."
    assert issue_refusal(manager, reader) is None
    assert issue_refusal(manager, gone) is not None  # a reactivated user would bring the token back to life
    assert issue_refusal(superuser, superuser) is None
    assert issue_refusal(superuser, manager) is None


# --- no key after it was handed out ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_key_is_shown_once_after_saving_a_new_token_and_then_never(superuser):
    admin = logged_in(superuser)
    response = add_token(admin, superuser, name="Kho dữ liệu đầu tư")
    text = page_text(response)
    assert "Copy it now: it will not be shown again." in text
    (key,) = set(KEY.findall(text))
    token = ApiToken.objects.get()
    assert (token.key_hash, token.prefix) == (hash_token_key(key), key[:8])
    assert api_as(key).get(reverse("api:sector-list")).status_code == 200

    change_url = reverse("admin:leads_apitoken_change", args=[token.pk])
    again = page_text(admin.get(LIST_URL)) + page_text(admin.get(change_url))
    assert key not in again and token.key_hash not in again
    assert token.prefix in again


@pytest.mark.django_db
def test_a_staff_member_who_may_only_view_tokens_sees_only_their_own_and_no_key(superuser):
    viewer = staff("kiem.soat", "view_apitoken")
    theirs, _ = ApiToken.objects.issue(user=viewer, name="Báo cáo tuần")
    admins, admins_key = ApiToken.objects.issue(user=superuser, name="Đồng bộ CRM")
    client = logged_in(viewer)

    listing = client.get(LIST_URL)
    assert [row.pk for row in listing.context["cl"].result_list] == [theirs.pk]
    # Another's token is not there at all (the admin sends them back to the index).
    assert client.get(reverse("admin:leads_apitoken_change", args=[admins.pk])).status_code == 302
    change = client.get(reverse("admin:leads_apitoken_change", args=[theirs.pk]))
    assert change.status_code == 200
    for text in (page_text(listing), page_text(change)):
        assert theirs.key not in text and admins_key not in text
        assert KEY.findall(text) == []
        assert theirs.prefix in text


@pytest.mark.django_db
def test_seeing_everyones_tokens_shows_their_name_prefix_user_and_dates_but_no_key():
    auditor = staff("kiem.toan", "view_apitoken", "manage_others_tokens")
    token, key = ApiToken.objects.issue(user=staff("quan.tri", superuser=True), name="Đồng bộ CRM")
    client = logged_in(auditor)

    listing = page_text(client.get(LIST_URL))
    change = client.get(reverse("admin:leads_apitoken_change", args=[token.pk]))
    assert change.status_code == 200
    for text in (listing, page_text(change)):
        assert key not in text and token.key_hash not in text and KEY.findall(text) == []
        assert "Đồng bộ CRM" in text and token.prefix in text and "quan.tri" in text
        assert "Key hash" not in text


@pytest.mark.django_db
def test_the_database_holds_no_key_in_clear():
    _, key = ApiToken.objects.issue(user=staff("cong.bac.ninh"), name="Cổng thông tin Bắc Ninh", read_only=True)
    table = ApiToken._meta.db_table
    with connection.cursor() as cursor:
        columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own table name
        rows = cursor.fetchall()
    assert "key" not in columns
    assert len(rows) == 1
    assert not any(key in str(value) for value in rows[0])
    assert hash_token_key(key) in rows[0]


@pytest.mark.django_db
def test_the_user_and_the_rights_of_an_existing_token_cannot_be_edited(superuser):
    owner = staff("chu.so.huu", "add_apitoken", "change_apitoken", "view_apitoken")
    token, _ = ApiToken.objects.issue(user=owner, name="Đồng bộ", read_only=True)
    url = reverse("admin:leads_apitoken_change", args=[token.pk])
    response = logged_in(owner).post(url, {"name": "Đồng bộ dữ liệu", "user": superuser.pk, "_save": "Save"})
    assert response.status_code == 302
    token.refresh_from_db()
    assert (token.name, token.user, token.read_only) == ("Đồng bộ dữ liệu", owner, True)


# --- using and revoking --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_wrong_key_and_a_revoked_token_get_401(superuser):
    token, key = ApiToken.objects.issue(user=superuser, name="Đồng bộ CRM")
    url = reverse("api:sector-list")
    assert api_as(key).get(url).status_code == 200
    assert api_as(key[:-1] + ("0" if key[-1] != "0" else "1")).get(url).status_code == 401
    assert api_as(token.key_hash).get(url).status_code == 401  # the stored hash is no key

    response = logged_in(superuser).post(LIST_URL, {"action": "revoke", "_selected_action": [token.pk]}, follow=True)
    assert "1 token revoked." in page_text(response)
    assert api_as(key).get(url).status_code == 401


@pytest.mark.django_db
def test_without_managing_others_tokens_one_revokes_only_ones_own(superuser):
    owner = staff("chu.so.huu", "change_apitoken", "view_apitoken")
    own, own_key = ApiToken.objects.issue(user=owner, name="Của tôi")
    admins, admins_key = ApiToken.objects.issue(user=superuser, name="Của quản trị")

    logged_in(owner).post(LIST_URL, {"action": "revoke", "_selected_action": [own.pk, admins.pk]})
    assert api_tokens_revoke(tokens=ApiToken.objects.all(), revoked_by=owner) == 0  # the service filters too

    assert api_as(own_key).get(reverse("api:sector-list")).status_code == 401
    assert api_as(admins_key).get(reverse("api:sector-list")).status_code == 200
    with pytest.raises(PermissionDenied):
        api_tokens_revoke(tokens=ApiToken.objects.all(), revoked_by=staff("chi.xem", "view_apitoken"))


# --- the migration that hashed the keys --------------------------------------------------------


BEFORE = [("leads", "0010_versions")]


def migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_hashes_every_key_so_tokens_in_use_keep_working_and_going_back_revokes_them():
    old = migrate(BEFORE)
    User = old.get_model("auth", "User")
    OldToken = old.get_model("leads", "ApiToken")
    lan = User.objects.create(username="lan", is_superuser=True)
    keys = ["a1b2c3d4" + "0" * 32, "ffee0011" + "9" * 32]
    for number, key in enumerate(keys):
        OldToken.objects.create(key=key, name=f"Tích hợp {number}", user=lan)
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        migrate(latest)

        tokens = list(ApiToken.objects.order_by("name"))
        assert [(t.key_hash, t.prefix) for t in tokens] == [(hash_token_key(k), k[:8]) for k in keys]
        for key in keys:
            assert api_as(key).get(reverse("api:sector-list")).status_code == 200

        back = migrate(BEFORE).get_model("leads", "ApiToken")
        fresh = list(back.objects.values_list("key", "revoked_at"))
        assert len({key for key, _ in fresh}) == 2 and not {key for key, _ in fresh} & set(keys)
        assert all(revoked_at is not None for _, revoked_at in fresh)
    finally:
        migrate(latest)
