"""The OpenAPI 3 schema is generated from the code, validates, and describes every endpoint, filter and error."""

import pytest
import yaml
from django.urls import reverse
from openapi_spec_validator import validate

from leads.api.urls import router

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_validates_as_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_the_schema_is_served_and_validates(api, db):
    response = api.get(reverse("api:schema"))
    assert response.status_code == 200
    served = yaml.safe_load(response.content)
    validate(served)
    assert "/api/v1/opportunities/{id}/move-stage/" in served["paths"]


def test_every_endpoint_of_the_router_is_in_the_schema(schema):
    expected = set()
    for prefix, viewset, _basename in router.registry:
        expected.add(f"/api/v1/{prefix}/")
        lookup = getattr(viewset, "lookup_field", "pk")
        expected.add(f"/api/v1/{prefix}/{{{'id' if lookup == 'pk' else lookup}}}/")
        for extra in viewset.get_extra_actions():
            path = f"{{id}}/{extra.url_path}" if extra.detail else extra.url_path
            expected.add(f"/api/v1/{prefix}/{path}/")
    assert expected <= set(schema["paths"])
    assert {
        "/api/v1/opportunities/summary/",
        "/api/v1/opportunities/sync/",
        "/api/v1/organizations/{id}/merge/",
        "/api/v1/articles/import/",
        "/api/v1/deleted-records/",
    } <= set(schema["paths"])


def test_every_filter_appears_on_its_list_with_a_type_and_a_description(schema):
    for prefix, viewset, _basename in router.registry:
        operation = schema["paths"][f"/api/v1/{prefix}/"]["get"]
        parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
        for name in viewset.filterset_class.base_filters:
            assert name in parameters, f"{prefix}: {name}"
            assert parameters[name]["schema"].get("type"), f"{prefix}: {name}"
            assert parameters[name].get("description"), f"{prefix}: {name}"


def test_multi_value_filters_are_arrays_and_choices_are_enums(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/opportunities/"]["get"]["parameters"]}
    assert parameters["sector"]["schema"] == {"type": "array", "items": {"type": "string"}}
    assert parameters["sector_id"]["schema"]["items"] == {"type": "integer"}
    assert "won" in parameters["stage"]["schema"]["items"]["enum"]
    assert parameters["has_owner"]["schema"] == {"type": "boolean"}
    assert parameters["next_step_before"]["schema"]["format"] == "date"
    assert parameters["q"]["schema"]["maxLength"] == 200
    assert parameters["format"]["schema"]["enum"] == ["csv", "json"]
    assert "-value" in parameters["ordering"]["schema"]["items"]["enum"]


def test_the_summary_and_sync_document_the_same_filters_as_the_list(schema):
    listed = {p["name"] for p in schema["paths"]["/api/v1/opportunities/"]["get"]["parameters"]}
    summary = {p["name"] for p in schema["paths"]["/api/v1/opportunities/summary/"]["get"]["parameters"]}
    sync = {p["name"] for p in schema["paths"]["/api/v1/opportunities/sync/"]["get"]["parameters"]}
    assert listed - {"page", "page_size", "format"} <= summary
    assert listed - {"page", "ordering", "format"} <= sync - {"cursor"}
    assert "cursor" in sync


def test_every_operation_documents_its_errors_with_one_shape(schema):
    error = {"$ref": "#/components/schemas/Error"}
    assert set(schema["components"]["schemas"]["Error"]["properties"]) == {"detail", "errors"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for code in ("401", "403", "429"):
                assert responses[code]["content"]["application/json"]["schema"] == error, (path, method, code)
            if method in ("post", "put", "patch") or "parameters" in operation and method == "get" and "{" not in path:
                assert "400" in responses, (path, method)
            if "{" in path:
                assert "404" in responses, (path, method)


def test_token_authentication_is_described(schema):
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")


def test_related_fields_read_as_summaries_and_write_as_keys_or_slugs(schema):
    components = schema["components"]["schemas"]
    assert "ProvinceSummary" in str(components["Opportunity"]["properties"]["province"])
    assert components["OpportunityRequest"]["properties"]["province"]["type"] == "string"
    assert components["OpportunityRequest"]["properties"]["organization"]["type"] == "integer"
    assert components["OpportunityRequest"]["properties"]["contacts"]["items"]["type"] == "integer"
    assert "stage" not in components["OpportunityRequest"]["properties"]


def test_swagger_ui_is_served_without_a_cdn(client, db):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    assert "cdn.jsdelivr.net" not in page
    assert "/static/drf_spectacular_sidecar/" in page


def test_opportunities_read_sectors_and_site_as_summaries_and_write_them_as_slugs(schema):
    components = schema["components"]["schemas"]
    read, write = components["Opportunity"]["properties"], components["OpportunityRequest"]["properties"]
    assert "SiteSummary" in str(read["site"])
    assert "SectorSummary" in str(read["primary_sector"]) and "SectorSummary" in str(read["sectors"])
    assert write["site"]["type"] == write["primary_sector"]["type"] == "string"
    assert write["sectors"] == {**write["sectors"], "type": "array", "items": {"type": "string"}}
    assert read["value_usd"]["readOnly"] is True and "value_usd" not in write
    assert "imported_facts" not in read and "project_key" not in read
    summary = components["PipelineSummary"]["properties"]
    assert {"total_value_usd", "by_status", "by_sector"} <= set(summary)
    assert "each of its sectors" in summary["by_sector"]["description"]


def test_pages_are_documented_with_their_bounds_and_the_404_past_the_last(schema):
    operation = schema["paths"]["/api/v1/opportunities/"]["get"]
    parameters = {parameter["name"]: parameter["schema"] for parameter in operation["parameters"]}
    assert parameters["page"]["minimum"] == 1
    assert parameters["page_size"] == {"type": "integer", "minimum": 1, "maximum": 500}
    assert "404" in operation["responses"]
    sync = schema["paths"]["/api/v1/opportunities/sync/"]["get"]
    assert {p["name"]: p["schema"] for p in sync["parameters"]}["page_size"]["maximum"] == 500


def test_amount_bounds_and_written_amounts_have_a_minimum_of_zero(schema):
    operation = schema["paths"]["/api/v1/opportunities/"]["get"]
    parameters = {parameter["name"]: parameter["schema"] for parameter in operation["parameters"]}
    assert all(parameters[name]["minimum"] == 0 for name in ("value_min", "value_max", "value_usd_min"))
    written = schema["components"]["schemas"]["PatchedOpportunityRequest"]["properties"]
    assert written["expected_jobs"]["minimum"] == 0


def test_writes_document_a_413_and_the_import_its_limits(schema):
    import_responses = schema["paths"]["/api/v1/articles/import/"]["post"]["responses"]
    assert "413" in import_responses
    assert "413" in schema["paths"]["/api/v1/organizations/"]["post"]["responses"]
    assert "413" not in schema["paths"]["/api/v1/organizations/"]["get"]["responses"]


def test_a_page_below_one_is_a_400_and_past_the_last_a_404(api, full_staff):
    from tests.api.conftest import client_for

    client = client_for(full_staff)
    assert client.get(reverse("api:opportunity-list"), {"page": 0}).status_code == 400
    response = client.get(reverse("api:opportunity-list"), {"page": 99})
    assert response.status_code == 404
    assert response.json()["detail"]


def test_swagger_ui_runs_no_inline_script(client, db):
    """Its setup is a script file of its own (`?script`), which a Content-Security-Policy of 'self' allows."""
    page = client.get(reverse("api:docs")).content.decode()
    assert "<script>" not in page
    script = client.get(reverse("api:docs"), {"script": ""})
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()
