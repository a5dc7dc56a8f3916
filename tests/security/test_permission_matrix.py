"""The permission matrix: who may do what, through the API and the admin, cell by cell.

`MATRIX` is the specification: one row per operation, one column per principal, and in each cell the
status the operation must answer. Every row is a test that runs the operation once for each principal,
each time inside a savepoint that is rolled back, so every cell starts from the same records. Statuses:
2xx success; 302 the admin's redirect to its login page; 401 no valid credentials; 403 authenticated but
not allowed (a missing model permission, a read-only token, a won opportunity without `leads.mark_won`).
The admin's "save won" row posts an incomplete form on purpose: 200 is the form shown again (the user may
edit), 403 a refusal before the form is read.

`test_the_matrix_is_complete_and_counted` prints its size and outcomes for RELIABILITY.md:
`pytest tests/security/test_permission_matrix.py -k counted -s`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from leads.choices import ReviewStatus, Stage
from leads.models import ApiToken, Evidence
from tests.factories import (
    ActivityFactory,
    ContactFactory,
    OpportunityFactory,
    OrganizationFactory,
    SourceArticleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PRINCIPALS = {
    "anon": "anonymous: no credentials, no session",
    "none": "active staff without any permission (token; admin session)",
    "cview": "staff who may only view contacts, logged in (admin session, browsable API)",
    "ctok": "a token of that contacts viewer (no admin session)",
    "viewer": "staff holding every view permission (token; admin session)",
    "editor": "staff holding every CRM permission but leads.mark_won (token; admin session)",
    "super": "a superuser (token; admin session)",
    "ro": "a read-only token of a superuser (no admin session)",
    "inactive": "the token of a superuser made inactive (admin session of the same)",
    "revoked": "a revoked token of a superuser (no admin session)",
    "outsider": "an active user who is not staff, holding every CRM permission (token; admin session)",
}

# Each row: the operation, then the status expected for each principal, in the order of PRINCIPALS.
MATRIX = """
operation                       anon none cview ctok viewer editor super ro  inactive revoked outsider
api.opportunity.list            401  403  403   403  200    200    200   200 401      401     200
api.opportunity.retrieve        401  403  403   403  200    200    200   200 401      401     200
api.opportunity.create          401  403  403   403  403    201    201   403 401      401     201
api.opportunity.update          401  403  403   403  403    200    200   403 401      401     200
api.opportunity.replace         401  403  403   403  403    200    200   403 401      401     200
api.opportunity.delete          401  403  403   403  403    204    204   403 401      401     204
api.opportunity.move_stage      401  403  403   403  403    201    201   403 401      401     201
api.opportunity.review          401  403  403   403  403    200    200   403 401      401     200
api.opportunity.summary         401  403  403   403  200    200    200   200 401      401     200
api.opportunity.csv             401  403  403   403  200    200    200   200 401      401     200
api.opportunity.sync            401  403  403   403  200    200    200   200 401      401     200
api.won.retrieve                401  403  403   403  200    200    200   200 401      401     200
api.won.update                  401  403  403   403  403    403    200   403 401      401     200
api.won.delete                  401  403  403   403  403    403    204   403 401      401     204
api.won.reopen                  401  403  403   403  403    403    201   403 401      401     201
api.organization.list           401  403  403   403  200    200    200   200 401      401     200
api.organization.retrieve       401  403  403   403  200    200    200   200 401      401     200
api.organization.create         401  403  403   403  403    201    201   403 401      401     201
api.organization.update         401  403  403   403  403    200    200   403 401      401     200
api.organization.delete         401  403  403   403  403    204    204   403 401      401     204
api.organization.merge          401  403  403   403  403    200    200   403 401      401     200
api.organization.csv            401  403  403   403  200    200    200   200 401      401     200
api.contact.list                401  403  200   200  200    200    200   200 401      401     200
api.contact.retrieve            401  403  200   200  200    200    200   200 401      401     200
api.contact.create              401  403  403   403  403    201    201   403 401      401     201
api.contact.update              401  403  403   403  403    200    200   403 401      401     200
api.contact.delete              401  403  403   403  403    204    204   403 401      401     204
api.contact.review              401  403  403   403  403    200    200   403 401      401     200
api.contact.csv                 401  403  200   200  200    200    200   200 401      401     200
api.article.list                401  403  403   403  200    200    200   200 401      401     200
api.article.retrieve            401  403  403   403  200    200    200   200 401      401     200
api.article.import              401  403  403   403  403    201    201   403 401      401     201
api.evidence.list               401  403  403   403  200    200    200   200 401      401     200
api.evidence.retrieve           401  403  403   403  200    200    200   200 401      401     200
api.activity.list               401  403  403   403  200    200    200   200 401      401     200
api.activity.create             401  403  403   403  403    201    201   403 401      401     201
api.activity.update             401  403  403   403  403    200    200   403 401      401     200
api.activity.delete             401  403  403   403  403    204    204   403 401      401     204
api.stage_change.list           401  403  403   403  200    200    200   200 401      401     200
api.deleted_record.list         401  403  403   403  200    200    200   200 401      401     200
api.sector.list                 401  403  403   403  200    200    200   200 401      401     200
admin.dashboard                 302  200  200   302  200    200    200   302 302      302     302
admin.opportunity.changelist    302  403  403   302  200    200    200   302 302      302     302
admin.organization.changelist   302  403  403   302  200    200    200   302 302      302     302
admin.contact.changelist        302  403  200   302  200    200    200   302 302      302     302
admin.article.changelist        302  403  403   302  200    200    200   302 302      302     302
admin.review_queue              302  403  200   302  200    200    200   302 302      302     302
admin.review.decide             302  403  403   302  403    302    302   302 302      302     302
admin.won.change_page           302  403  403   302  200    200    200   302 302      302     302
admin.won.save                  302  403  403   302  403    403    200   302 302      302     302
admin.won.delete_page           302  403  403   302  403    403    200   302 302      302     302
admin.import_page               302  403  403   302  403    200    200   302 302      302     302
"""


def _table() -> dict[str, dict[str, int]]:
    header, *rows = [line.split() for line in MATRIX.strip().splitlines()]
    assert header == ["operation", *PRINCIPALS], "the matrix's columns are the principals, in order"
    table = {}
    for operation, *statuses in rows:
        assert len(statuses) == len(PRINCIPALS), operation
        table[operation] = dict(zip(PRINCIPALS, map(int, statuses), strict=True))
    return table


TABLE = _table()


# --- Principals --------------------------------------------------------------------------------


def _token_for(user, read_only: bool = False) -> str:
    """A new API token acting as `user`: the one place this module creates tokens. Returns the key."""
    _token, key = ApiToken.objects.issue(user=user, name="Ma trận quyền", read_only=read_only)
    return key


def _user(username: str, codenames: list[str] | None = None, **flags):
    user = UserFactory(username=username, **flags)
    if codenames:
        user.user_permissions.set(Permission.objects.filter(content_type__app_label="leads", codename__in=codenames))
    return user


@dataclass
class Principal:
    """How one principal reaches the API (`api`) and the admin (`browser`)."""

    api: APIClient
    browser: Client


def _with_token(key: str | None) -> APIClient:
    client = APIClient()
    if key:
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _principals() -> dict[str, Principal]:
    codenames = list(Permission.objects.filter(content_type__app_label="leads").values_list("codename", flat=True))
    views = [codename for codename in codenames if codename.startswith("view_")]
    contacts_viewer = _user("chi.xem.lien.he", ["view_contact"])
    session_api = APIClient()
    session_api.force_login(contacts_viewer)
    staff = {
        "none": _user("khach.noi.bo", []),
        "viewer": _user("chi.xem", views),
        "editor": _user("bien.tap", [c for c in codenames if c != "mark_won"]),
        "super": _user("quan.tri", is_superuser=True),
        "outsider": _user("tich.hop", codenames, is_staff=False),
    }
    principals = {name: Principal(_with_token(_token_for(user)), _logged_in(user)) for name, user in staff.items()}
    inactive = _user("da.nghi", is_superuser=True)
    inactive_key, inactive_browser = _token_for(inactive), _logged_in(inactive)
    inactive.is_active = False
    inactive.save()
    revoked_owner = _user("thu.hoi", is_superuser=True)
    revoked_key = _token_for(revoked_owner)
    ApiToken.objects.filter(user=revoked_owner).update(revoked_at=timezone.now())
    return {
        "anon": Principal(APIClient(), Client()),
        **principals,
        "cview": Principal(session_api, _logged_in(contacts_viewer)),
        "ctok": Principal(_with_token(_token_for(contacts_viewer)), Client()),
        "ro": Principal(_with_token(_token_for(staff["super"], read_only=True)), Client()),
        "inactive": Principal(_with_token(inactive_key), inactive_browser),
        "revoked": Principal(_with_token(revoked_key), Client()),
    }


# --- Records the operations act on ----------------------------------------------------------------


def _records() -> dict:
    investor = OrganizationFactory(name="Tập đoàn Điện tử Thâm Quyến")
    duplicate = OrganizationFactory(name="Điện tử Thâm Quyến")
    lonely = OrganizationFactory(name="Công ty Vận tải Nam Ninh")
    contact = ContactFactory(full_name="Lưu Kiến Quốc", organization=investor, is_imported=True)
    lonely_contact = ContactFactory(full_name="Trần Thị Hạnh")
    lead = OpportunityFactory(title="Nhà máy linh kiện điện tử tại Bắc Ninh", organization=investor, is_imported=True)
    won = OpportunityFactory(title="Trung tâm dữ liệu tại Hưng Yên", organization=investor, stage=Stage.WON)
    article = SourceArticleFactory(title="Doanh nghiệp Thâm Quyến khảo sát khu công nghiệp ở Bắc Ninh")
    evidence = Evidence.objects.create(
        article=article, opportunity=lead, sentence=article.body, sentence_start=0, sentence_end=len(article.body)
    )
    activity = ActivityFactory(opportunity=lead, subject="Gặp đại diện tập đoàn")
    return {
        "investor": investor,
        "duplicate": duplicate,
        "lonely": lonely,
        "contact": contact,
        "lonely_contact": lonely_contact,
        "lead": lead,
        "won": won,
        "article": article,
        "evidence": evidence,
        "activity": activity,
    }


def _api(name: str, *args) -> str:
    return reverse(f"api:{name}", args=args)


def _admin(name: str, *args) -> str:
    return reverse(f"admin:leads_{name}", args=args)


IMPORTED_TEXT = (
    "Ngày 12/3, Tập đoàn Công nghệ Nam Ninh cho biết muốn xây dựng nhà máy sản xuất thiết bị điện "
    "tại tỉnh Bắc Ninh với tổng vốn 50 triệu USD."
)

Operation = Callable[[Principal, dict], object]

OPERATIONS: dict[str, Operation] = {
    "api.opportunity.list": lambda p, r: p.api.get(_api("opportunity-list")),
    "api.opportunity.retrieve": lambda p, r: p.api.get(_api("opportunity-detail", r["lead"].pk)),
    "api.opportunity.create": lambda p, r: p.api.post(
        _api("opportunity-list"), {"title": "Khu logistics Lạng Sơn", "province": "lang-son"}, format="json"
    ),
    "api.opportunity.update": lambda p, r: p.api.patch(
        _api("opportunity-detail", r["lead"].pk), {"priority": "high"}, format="json"
    ),
    "api.opportunity.replace": lambda p, r: p.api.put(
        _api("opportunity-detail", r["lead"].pk), {"title": "Nhà máy linh kiện", "province": "bac-ninh"}, format="json"
    ),
    "api.opportunity.delete": lambda p, r: p.api.delete(_api("opportunity-detail", r["lead"].pk)),
    "api.opportunity.move_stage": lambda p, r: p.api.post(
        _api("opportunity-move-stage", r["lead"].pk), {"stage": "qualified"}, format="json"
    ),
    "api.opportunity.review": lambda p, r: p.api.post(
        _api("opportunity-review", r["lead"].pk), {"decision": ReviewStatus.ACCEPTED}, format="json"
    ),
    "api.opportunity.summary": lambda p, r: p.api.get(_api("opportunity-summary")),
    "api.opportunity.csv": lambda p, r: p.api.get(_api("opportunity-list"), {"format": "csv"}),
    "api.opportunity.sync": lambda p, r: p.api.get(_api("opportunity-sync")),
    "api.won.retrieve": lambda p, r: p.api.get(_api("opportunity-detail", r["won"].pk)),
    "api.won.update": lambda p, r: p.api.patch(
        _api("opportunity-detail", r["won"].pk), {"next_step": "Lễ ký kết"}, format="json"
    ),
    "api.won.delete": lambda p, r: p.api.delete(_api("opportunity-detail", r["won"].pk)),
    "api.won.reopen": lambda p, r: p.api.post(
        _api("opportunity-move-stage", r["won"].pk), {"stage": "negotiating"}, format="json"
    ),
    "api.organization.list": lambda p, r: p.api.get(_api("organization-list")),
    "api.organization.retrieve": lambda p, r: p.api.get(_api("organization-detail", r["investor"].pk)),
    "api.organization.create": lambda p, r: p.api.post(
        _api("organization-list"), {"name": "Tập đoàn Năng lượng Quảng Tây", "kind": "company"}, format="json"
    ),
    "api.organization.update": lambda p, r: p.api.patch(
        _api("organization-detail", r["investor"].pk), {"notes": "Đã gặp ở hội chợ"}, format="json"
    ),
    "api.organization.delete": lambda p, r: p.api.delete(_api("organization-detail", r["lonely"].pk)),
    "api.organization.merge": lambda p, r: p.api.post(
        _api("organization-merge", r["investor"].pk), {"merge": [r["duplicate"].pk]}, format="json"
    ),
    "api.organization.csv": lambda p, r: p.api.get(_api("organization-list"), {"format": "csv"}),
    "api.contact.list": lambda p, r: p.api.get(_api("contact-list")),
    "api.contact.retrieve": lambda p, r: p.api.get(_api("contact-detail", r["contact"].pk)),
    "api.contact.create": lambda p, r: p.api.post(
        _api("contact-list"), {"full_name": "Hoàng Minh Tuấn", "title": "Phó giám đốc"}, format="json"
    ),
    "api.contact.update": lambda p, r: p.api.patch(
        _api("contact-detail", r["contact"].pk), {"phone": "0243 826 1234"}, format="json"
    ),
    "api.contact.delete": lambda p, r: p.api.delete(_api("contact-detail", r["lonely_contact"].pk)),
    "api.contact.review": lambda p, r: p.api.post(
        _api("contact-review", r["contact"].pk), {"decision": ReviewStatus.ACCEPTED}, format="json"
    ),
    "api.contact.csv": lambda p, r: p.api.get(_api("contact-list"), {"format": "csv"}),
    "api.article.list": lambda p, r: p.api.get(_api("article-list")),
    "api.article.retrieve": lambda p, r: p.api.get(_api("article-detail", r["article"].pk)),
    "api.article.import": lambda p, r: p.api.post(_api("article-import"), {"text": IMPORTED_TEXT}, format="json"),
    "api.evidence.list": lambda p, r: p.api.get(_api("evidence-list")),
    "api.evidence.retrieve": lambda p, r: p.api.get(_api("evidence-detail", r["evidence"].pk)),
    "api.activity.list": lambda p, r: p.api.get(_api("activity-list")),
    "api.activity.create": lambda p, r: p.api.post(
        _api("activity-list"), {"kind": "call", "subject": "Gọi lại", "opportunity": r["lead"].pk}, format="json"
    ),
    "api.activity.update": lambda p, r: p.api.patch(
        _api("activity-detail", r["activity"].pk), {"notes": "Hẹn tuần sau"}, format="json"
    ),
    "api.activity.delete": lambda p, r: p.api.delete(_api("activity-detail", r["activity"].pk)),
    "api.stage_change.list": lambda p, r: p.api.get(_api("stage-change-list")),
    "api.deleted_record.list": lambda p, r: p.api.get(_api("deleted-record-list")),
    "api.sector.list": lambda p, r: p.api.get(_api("sector-list")),
    "admin.dashboard": lambda p, r: p.browser.get(reverse("admin:index")),
    "admin.opportunity.changelist": lambda p, r: p.browser.get(_admin("opportunity_changelist")),
    "admin.organization.changelist": lambda p, r: p.browser.get(_admin("organization_changelist")),
    "admin.contact.changelist": lambda p, r: p.browser.get(_admin("contact_changelist")),
    "admin.article.changelist": lambda p, r: p.browser.get(_admin("sourcearticle_changelist")),
    "admin.review_queue": lambda p, r: p.browser.get(_admin("opportunity_review")),
    "admin.review.decide": lambda p, r: p.browser.post(
        _admin("opportunity_review_decide"),
        {"kind": "contact", "pk": r["contact"].pk, "decision": ReviewStatus.ACCEPTED},
    ),
    "admin.won.change_page": lambda p, r: p.browser.get(_admin("opportunity_change", r["won"].pk)),
    "admin.won.save": lambda p, r: p.browser.post(_admin("opportunity_change", r["won"].pk), {"title": "Đã sửa"}),
    "admin.won.delete_page": lambda p, r: p.browser.get(_admin("opportunity_delete", r["won"].pk)),
    "admin.import_page": lambda p, r: p.browser.get(_admin("sourcearticle_import")),
}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Each row creates its users; the default hasher would spend seconds on their passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Throttle counts live in the cache; each row starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("operation", list(TABLE))
def test_each_principal_gets_the_status_the_matrix_states(operation):
    principals, records = _principals(), _records()
    answered = {}
    for name, principal in principals.items():
        with transaction.atomic():  # each cell starts from the same records
            answered[name] = OPERATIONS[operation](principal, records).status_code
            transaction.set_rollback(True)
    assert answered == TABLE[operation]


def test_the_matrix_is_complete_and_counted():
    """Every row has an operation to run and every cell a status; the size and outcomes are printed."""
    assert set(OPERATIONS) == set(TABLE)
    cells = [status for row in TABLE.values() for status in row.values()]
    outcomes = Counter("2xx" if status < 300 else str(status) for status in cells)
    api_rows = sum(1 for operation in TABLE if operation.startswith("api."))
    print(
        f"\npermission matrix: {len(PRINCIPALS)} principals x {len(TABLE)} operations "
        f"({api_rows} API, {len(TABLE) - api_rows} admin) = {len(cells)} cells; expected "
        + ", ".join(f"{outcome}: {count}" for outcome, count in sorted(outcomes.items()))
    )
    assert len(cells) == len(PRINCIPALS) * len(TABLE)
    assert {"2xx", "302", "401", "403"} <= set(outcomes)
