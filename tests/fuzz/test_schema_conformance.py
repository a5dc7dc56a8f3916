"""What schemathesis found the schema said wrongly, kept as plain tests of the normal suite (no CRM_FUZZ needed)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(db):
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.mark.parametrize("component", ["SourceArticle", "SourceArticleDetail"])
def test_an_article_without_a_url_reads_as_the_schema_documents(component, schema, superuser):
    """A text file has no URL: the article reads `url: ""`, which `format: uri` alone refused (schemathesis)."""
    from rest_framework.test import APIClient

    from tests.factories import SourceArticleFactory

    article = SourceArticleFactory(url="")
    client = APIClient()
    client.force_authenticate(superuser)
    path = "/api/v1/articles/" if component == "SourceArticle" else f"/api/v1/articles/{article.pk}/"
    answer = client.get(path)
    read = answer.json()["results"][0] if component == "SourceArticle" else answer.json()
    assert read["url"] == ""

    documented = schema["components"]["schemas"][component]["properties"]["url"]
    assert {"type": "string", "format": "uri"} in documented["oneOf"]
    assert {"type": "string", "maxLength": 0} in documented["oneOf"]


def test_a_blank_date_is_still_documented_as_a_nullable_date(schema):
    """Only text fields read as "" when blank: a date without a value reads as null, not as ""."""
    published_on = schema["components"]["schemas"]["SourceArticleDetail"]["properties"]["published_on"]
    assert published_on["format"] == "date"
    assert published_on["nullable"] is True
    assert "oneOf" not in published_on
