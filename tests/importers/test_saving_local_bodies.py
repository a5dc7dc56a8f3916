"""Saving a provincial body the article names without its province ("UBND tỉnh")."""

from __future__ import annotations

from dataclasses import replace

import pytest

from importers.saving import save_extraction
from leads.models import Organization
from tests.extraction.helpers import extract

pytestmark = pytest.mark.django_db


def saved(body: str, content_hash: str) -> None:
    extraction = extract(body)
    extraction = replace(extraction, article=replace(extraction.article, content_hash=content_hash))
    save_extraction(extraction, origin="test.txt")


def test_committees_of_two_provinces_written_alike_stay_two_records_without_the_bare_alias() -> None:
    saved("Phó Chủ tịch UBND tỉnh Trần Văn Khải tiếp đoàn doanh nghiệp Nhật Bản tại Thanh Hóa.", "a")
    saved("Chủ tịch UBND tỉnh Hoàng Minh Đạt làm việc với nhà đầu tư Hàn Quốc tại Quảng Trị.", "b")

    committees = Organization.objects.order_by("name")
    assert [o.name for o in committees] == ["UBND tỉnh Quảng Trị", "UBND tỉnh Thanh Hóa"]
    assert not any(o.aliases.filter(name="UBND tỉnh").exists() for o in committees)
