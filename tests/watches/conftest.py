"""Fixtures for watches and alerts: articles written for these tests, staff with and without rights, imports.

The articles are short news items in the style of the Vietnamese business press, written for
these tests: a named Chinese company licensed for an AI and electronics factory in Bắc Ninh, the
same factory breaking ground a week later, and a Korean textile expansion in Đồng Nai.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command

LICENSED = """ date 2025-12-02
Bắc Ninh cấp phép nhà máy trí tuệ nhân tạo của Công ty TNHH Công nghệ Hoa Tinh Thâm Quyến

Ngày 1/12, Ban Quản lý các khu công nghiệp tỉnh Bắc Ninh đã trao giấy chứng nhận đăng ký đầu tư cho Công ty TNHH \
Công nghệ Hoa Tinh Thâm Quyến (Trung Quốc) để xây dựng nhà máy sản xuất thiết bị điện tử và máy chủ trí tuệ nhân tạo \
tại KCN Quế Võ với tổng vốn đầu tư 150 triệu USD.

Theo đại diện doanh nghiệp, nhà máy rộng 12 ha, dự kiến tạo việc làm cho khoảng 2.000 lao động địa phương và đi vào \
hoạt động từ quý IV năm 2026.
"""

GROUNDBREAKING = """ date 2025-12-10
Nhà máy của Công ty TNHH Công nghệ Hoa Tinh Thâm Quyến tại Bắc Ninh khởi công

Sáng 9/12, Công ty TNHH Công nghệ Hoa Tinh Thâm Quyến (Trung Quốc) đã khởi công nhà máy sản xuất thiết bị điện tử tại \
KCN Quế Võ, tỉnh Bắc Ninh, sau một tuần kể từ khi nhận giấy chứng nhận đầu tư.
"""

KOREAN_TEXTILES = """ date 2025-12-03
Doanh nghiệp Hàn Quốc mở rộng nhà máy dệt may tại Đồng Nai

Công ty TNHH Dệt may Seoul Vina (Hàn Quốc) vừa được Ban Quản lý các khu công nghiệp Đồng Nai chấp thuận tăng vốn thêm \
40 triệu USD để mở rộng nhà máy dệt may tại KCN Nhơn Trạch.
"""

CHINESE_AI_BAC_NINH = "country=CN&sector=ai&province=bac-ninh"
COMPANY = "Công ty TNHH Công nghệ Hoa Tinh Thâm Quyến"


@pytest.fixture(autouse=True)
def _no_events_left_over():
    """Events other tests recorded in this thread (their commits never happen) must not reach these tests."""
    from leads import watches

    watches._pending.events = watches.WatchEvents()
    yield
    watches._pending.events = watches.WatchEvents()


@pytest.fixture(autouse=True)
def _tasks_recorded_not_run(settings):
    """Enqueued tasks are recorded by the dummy backend; each test runs the work it checks itself."""
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    task_backends["default"].clear()
    yield
    task_backends["default"].clear()


def _user(username: str, codenames: list[str], **extra):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(username=username, first_name="Hương", last_name="Phạm", **extra)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="leads", codename__in=codenames))
    return user


@pytest.fixture
def analyst(db):
    """Staff of a provincial investment-promotion centre who follow leads and move stages."""
    return _user("huong.pham", ["view_opportunity", "change_opportunity", "view_evidence", "view_sourcearticle"])


@pytest.fixture
def colleague(db):
    return _user("quang.le", ["view_opportunity", "view_evidence"], email="quang.le@example.vn")


@pytest.fixture
def outsider(db):
    """A logged-in user with no permission on the CRM's records."""
    return _user("khach", [])


@pytest.fixture
def watch_for(db) -> Callable:
    def make(user, query: str = CHINESE_AI_BAC_NINH, **fields):
        from leads.models import Watch

        return Watch.objects.create(
            owner=user, name=fields.pop("name", "Trung Quốc, AI, Bắc Ninh"), query=query, **fields
        )

    return make


@pytest.fixture
def import_text(tmp_path: Path, django_capture_on_commit_callbacks) -> Callable:
    """Import an article through `manage.py import_articles`, running what the commit triggers (the watches)."""

    def run(text: str, name: str = "article.txt", *extra: str) -> None:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with django_capture_on_commit_callbacks(execute=True):
            call_command("import_articles", str(path), *extra, stdout=io.StringIO(), stderr=io.StringIO())

    return run


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()
