"""The limit: the benchmark's rows served by one hand-written SQL query each, with no framework.

A bare WSGI application (`benchmarks.limit_app:application`), run by gunicorn with the same
settings as the API, that answers each list case of the benchmark with the same records and the
same fields as the API (nested summaries included), encoded with orjson. It is what this database,
this machine and this HTTP stack can do for the request: the API's time divided by this one is the
overhead the issue asks to bring under 3x.

What it does not do, on purpose: authentication, throttling, a `count` over the whole filtered set
(the issue asks the API to drop it where it is large), and Django's ORM. It reads the database named
by `LIMIT_DB_VENDOR` (postgresql or sqlite) and `LIMIT_DB_DSN` (a libpq connection string, or the
SQLite file's path), one connection per worker process, kept open. On PostgreSQL psycopg prepares a
statement after its fifth execution, as any long-running client would.

Routes (all GET): `/ping` (a trivial answer, for the client's own overhead) and
`/opportunities/{first-page,filtered,value-range,search,deep-page,summary,csv,detail}` and
`/organizations/search`, with the case's parameters in the query string (see `benchmarks.cases`).
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs

import orjson

VENDOR = os.environ.get("LIMIT_DB_VENDOR", "sqlite")
DSN = os.environ.get("LIMIT_DB_DSN", "")
PAGE_SIZE = 50
JSON_HEADERS = [("Content-Type", "application/json")]

# ---------------------------------------------------------------------------------------------
# The database: one connection per process
# ---------------------------------------------------------------------------------------------

_connection: Any = None


def _connect() -> Any:
    global _connection
    if _connection is None:
        if VENDOR == "postgresql":
            import psycopg
            from psycopg.types.json import set_json_loads

            _connection = psycopg.connect(DSN, autocommit=True)
            set_json_loads(orjson.loads, _connection)
        else:
            _connection = sqlite3.connect(DSN, check_same_thread=False)
            _connection.execute("PRAGMA query_only = ON")
    return _connection


def query(sql: str, params: Iterable[Any] = ()) -> list[tuple]:
    """Rows of one statement; `%s` placeholders on both databases."""
    connection = _connect()
    if VENDOR == "postgresql":
        return connection.execute(sql, list(params)).fetchall()
    return connection.execute(sql.replace("%s", "?"), list(params)).fetchall()


def _json_array(select: str, order: str) -> str:
    """A correlated subquery giving a JSON array of objects (`select` is `'key', value, ...`), in `order`."""
    if VENDOR == "postgresql":
        return f"coalesce(json_agg(json_build_object({select}) ORDER BY {order}), '[]')"
    return f"json_group_array(json_object({select}))"


def _parse_json(value: Any) -> Any:
    return orjson.loads(value) if isinstance(value, str | bytes) else value


# ---------------------------------------------------------------------------------------------
# Opportunities: one query per page, the same fields as the API's list
# ---------------------------------------------------------------------------------------------


SECTOR_SUMMARY = "'id', x.id, 'slug', x.slug, 'name_en', x.name_en, 'name_vi', x.name_vi"
CONTACT_SUMMARY = "'id', k.id, 'full_name', k.full_name, 'title', k.title"


def _sectors_sql() -> str:
    if VENDOR == "postgresql":
        return f"""(SELECT {_json_array(SECTOR_SUMMARY, "x.slug")}
            FROM leads_opportunity_sectors os JOIN leads_sector x ON x.id = os.sector_id
            WHERE os.opportunity_id = o.id)"""
    return f"""(SELECT {_json_array(SECTOR_SUMMARY, "")}
            FROM (SELECT x.* FROM leads_opportunity_sectors os JOIN leads_sector x ON x.id = os.sector_id
                  WHERE os.opportunity_id = o.id ORDER BY x.slug) x)"""


def _contacts_sql() -> str:
    if VENDOR == "postgresql":
        return f"""(SELECT {_json_array(CONTACT_SUMMARY, "k.normalized_name, k.id")}
            FROM leads_opportunity_contacts oc JOIN leads_contact k ON k.id = oc.contact_id
            WHERE oc.opportunity_id = o.id)"""
    return f"""(SELECT {_json_array(CONTACT_SUMMARY, "")}
            FROM (SELECT k.* FROM leads_opportunity_contacts oc JOIN leads_contact k ON k.id = oc.contact_id
                  WHERE oc.opportunity_id = o.id ORDER BY k.normalized_name, k.id) k)"""


OPPORTUNITY_FIELDS = (
    "id", "title", "project", "status", "stage", "stage_reason", "investment_type", "value", "currency", "value_usd",
    "land_area_ha", "expected_jobs", "reported_on", "priority", "likelihood", "expected_decision_on", "next_step",
    "next_step_on", "description", "review_status", "is_imported", "created_at", "updated_at",
)  # fmt: skip


def _opportunity_select() -> str:
    return f"""
        {", ".join(f"o.{name}" for name in OPPORTUNITY_FIELDS)},
        g.id, g.name, g.kind, g.country_code,
        r.id, r.slug, r.name, r.name_en, rc.code,
        c.code, c.name, c.name_en,
        p.id, p.slug, p.name,
        s.id, s.slug, s.name, s.kind, sp.id, sp.slug, sp.name,
        ps.id, ps.slug, ps.name_en, ps.name_vi,
        u.id, u.username, u.first_name, u.last_name,
        {_sectors_sql()},
        {_contacts_sql()},
        (SELECT count(*) FROM leads_evidence e WHERE e.opportunity_id = o.id)
    """


OPPORTUNITY_JOINS = """
    LEFT JOIN leads_organization g ON g.id = o.organization_id
    LEFT JOIN leads_foreignregion r ON r.id = o.origin_region_id
    LEFT JOIN leads_country rc ON rc.id = r.country_id
    LEFT JOIN leads_country c ON c.code = o.origin_country_code
    LEFT JOIN leads_province p ON p.id = o.province_id
    LEFT JOIN leads_site s ON s.id = o.site_id
    LEFT JOIN leads_province sp ON sp.id = s.province_id
    LEFT JOIN leads_sector ps ON ps.id = o.primary_sector_id
    LEFT JOIN auth_user u ON u.id = o.owner_id
"""


def opportunities_page(where: str, order: str, params: list[Any], offset: int = 0) -> list[tuple]:
    """The page's keys by the case's own filter and order (served by its index), then their rows and summaries."""
    sql = f"""
        SELECT {_opportunity_select()}
        FROM (SELECT o.id FROM leads_opportunity o WHERE {where} ORDER BY {order}
              LIMIT {PAGE_SIZE} OFFSET {offset}) page
        JOIN leads_opportunity o ON o.id = page.id
        {OPPORTUNITY_JOINS}
        ORDER BY {order}
    """
    return query(sql, params)


def _text(value: Any) -> Any:
    """Decimals and dates as the API writes them (strings); SQLite's numbers as written too."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float | Decimal):
        return f"{Decimal(str(value)):.2f}"
    return value.isoformat()


def opportunity_json(row: tuple, base_url: str) -> dict[str, Any]:
    own = dict(zip(OPPORTUNITY_FIELDS, row[: len(OPPORTUNITY_FIELDS)], strict=True))
    (
        org_id, org_name, org_kind, org_country,
        region_id, region_slug, region_name, region_name_en, region_country,
        country_code, country_name, country_name_en,
        province_id, province_slug, province_name,
        site_id, site_slug, site_name, site_kind, site_province_id, site_province_slug, site_province_name,
        sector_id, sector_slug, sector_name_en, sector_name_vi,
        owner_id, owner_username, owner_first, owner_last,
        sectors, contacts, evidence_count,
    ) = row[len(OPPORTUNITY_FIELDS) :]  # fmt: skip
    for name in ("value", "value_usd", "land_area_ha", "reported_on", "expected_decision_on", "next_step_on"):
        own[name] = _text(own[name])
    for name in ("created_at", "updated_at"):
        own[name] = _text(own[name])
    own["is_imported"] = bool(own["is_imported"])
    who = org_name or region_name or country_name or "?"
    where = province_name or "nationwide"
    if site_id:
        where = f"{where}, {site_name}"
    what = own["project"] or (sector_name_en or "-")
    pk = own["id"]
    return {
        "id": pk,
        "display": own["title"] or f"{who} → {where}: {what}",
        "title": own["title"],
        "organization": {"id": org_id, "name": org_name, "kind": org_kind, "country": org_country} if org_id else None,
        "origin_region": {
            "id": region_id,
            "slug": region_slug,
            "name": region_name,
            "name_en": region_name_en,
            "country": region_country,
        }
        if region_id
        else None,
        "origin_country": {"code": country_code, "name": country_name, "name_en": country_name_en}
        if country_code
        else None,
        "province": {"id": province_id, "slug": province_slug, "name": province_name} if province_id else None,
        "site": {
            "id": site_id,
            "slug": site_slug,
            "name": site_name,
            "kind": site_kind,
            "province": {"id": site_province_id, "slug": site_province_slug, "name": site_province_name},
        }
        if site_id
        else None,
        "project": own["project"],
        "primary_sector": {"id": sector_id, "slug": sector_slug, "name_en": sector_name_en, "name_vi": sector_name_vi}
        if sector_id
        else None,
        "sectors": _parse_json(sectors),
        "status": own["status"],
        "contacts": _parse_json(contacts),
        **{name: own[name] for name in OPPORTUNITY_FIELDS[4:] if name not in ("status",)},
        "owner": {"id": owner_id, "username": owner_username, "full_name": f"{owner_first} {owner_last}".strip()}
        if owner_id
        else None,
        "evidence_count": evidence_count,
        "evidence_url": f"{base_url}/api/v1/evidence/?opportunity={pk}",
    }


def _page(rows: list[tuple], base_url: str, next_url: str | None) -> dict[str, Any]:
    return {"next": next_url, "previous": None, "results": [opportunity_json(row, base_url) for row in rows]}


NEWEST_FIRST = "o.updated_at DESC, o.id DESC"


def _filters(params: dict[str, str]) -> tuple[str, list[Any]]:
    """The sector, province and stage filters of a case, as SQL the (province, stage) index serves."""
    where, values = ["1 = 1"], []
    if "province" in params:
        where.append("o.province_id = %s")
        values.append(int(params["province"]))
    if "stage" in params:
        where.append("o.stage = %s")
        values.append(params["stage"])
    if "sector" in params:
        where.append(
            "EXISTS (SELECT 1 FROM leads_opportunity_sectors os WHERE os.opportunity_id = o.id AND os.sector_id = %s)"
        )
        values.append(int(params["sector"]))
    return " AND ".join(where), values


def first_page(params: dict[str, str], base_url: str) -> bytes:
    return orjson.dumps(_page(opportunities_page("1 = 1", NEWEST_FIRST, []), base_url, f"{base_url}?page=2"))


def filtered(params: dict[str, str], base_url: str) -> bytes:
    where, values = _filters(params)
    return orjson.dumps(_page(opportunities_page(where, NEWEST_FIRST, values), base_url, None))


def value_range(params: dict[str, str], base_url: str) -> bytes:
    order = "o.value DESC NULLS LAST, o.id DESC"
    rows = opportunities_page("o.value >= %s AND o.value <= %s", order, [params["min"], params["max"]])
    return orjson.dumps(_page(rows, base_url, None))


def search(params: dict[str, str], base_url: str) -> bytes:
    """Opportunities whose search column (own text, then the names they are found by) holds the key.

    The same condition as the API's search, on the column `leads.models.search` keeps, which a
    trigram index serves on PostgreSQL.
    """
    rows = opportunities_page("o.search_text LIKE %s", NEWEST_FIRST, [f"%{params['key']}%"])
    return orjson.dumps(_page(rows, base_url, None))


def deep_page(params: dict[str, str], base_url: str) -> bytes:
    """The page after the row (updated_at, id) in newest-first order: a keyset, not an OFFSET."""
    moment, pk = params["updated_at"], int(params["id"])
    if VENDOR == "sqlite":  # stored as Django writes it there: naive UTC, "YYYY-MM-DD HH:MM:SS[.ffffff]"
        moment = str(datetime.fromisoformat(moment).astimezone(UTC).replace(tzinfo=None))
    where = "o.updated_at <= %s AND (o.updated_at < %s OR o.id < %s)"
    return orjson.dumps(_page(opportunities_page(where, NEWEST_FIRST, [moment, moment, pk]), base_url, None))


def detail(params: dict[str, str], base_url: str) -> bytes:
    """One opportunity with its evidence (and each one's article) and its stage history."""
    pk = int(params["id"])
    evidence = _json_array(
        "'id', e.id, 'sentence', e.sentence, 'sentence_start', e.sentence_start, 'sentence_end', e.sentence_end, "
        "'mention', e.mention, 'mention_start', e.mention_start, 'mention_end', e.mention_end, "
        "'article', json_build_object('id', a.id, 'title', a.title, 'outlet', a.outlet, "
        "'published_on', a.published_on, 'url', a.url)"
        if VENDOR == "postgresql"
        else "'id', e.id, 'sentence', e.sentence, 'sentence_start', e.sentence_start, 'sentence_end', "
        "e.sentence_end, 'mention', e.mention, 'mention_start', e.mention_start, 'mention_end', e.mention_end, "
        "'article', json_object('id', a.id, 'title', a.title, 'outlet', a.outlet, 'published_on', a.published_on, "
        "'url', a.url)",
        "e.article_id, e.sentence_start, e.id",
    )
    changes = _json_array(
        "'id', h.id, 'from_stage', h.from_stage, 'to_stage', h.to_stage, 'changed_at', h.changed_at, "
        "'note', h.note, 'changed_by', hu.username",
        "h.changed_at DESC, h.id DESC",
    )
    sql = f"""
        SELECT {_opportunity_select()},
            (SELECT {evidence} FROM leads_evidence e JOIN leads_sourcearticle a ON a.id = e.article_id
             WHERE e.opportunity_id = o.id),
            (SELECT {changes} FROM leads_stagechange h LEFT JOIN auth_user hu ON hu.id = h.changed_by_id
             WHERE h.opportunity_id = o.id)
        FROM leads_opportunity o {OPPORTUNITY_JOINS}
        WHERE o.id = %s
    """
    row = query(sql, [pk])[0]
    record = opportunity_json(row[:-2], base_url)
    record["evidence"] = _parse_json(row[-2])
    record["stage_changes"] = _parse_json(row[-1])
    return orjson.dumps(record)


def summary(params: dict[str, str], base_url: str) -> bytes:
    """Counts and sums by stage, status, province and sector (each per currency), in one statement."""
    if VENDOR == "postgresql":
        # One scan for three groupings, one join for the sectors.
        sql = """
            SELECT CASE WHEN GROUPING(stage) = 0 THEN 'stage' WHEN GROUPING(status) = 0 THEN 'status'
                        ELSE 'province' END,
                   coalesce(stage, status, province_id::text), currency, count(*), sum(value), sum(value_usd)
            FROM leads_opportunity
            GROUP BY GROUPING SETS ((stage, currency), (status, currency), (province_id, currency))
            UNION ALL SELECT 'sector', os.sector_id::text, o.currency, count(*), sum(o.value), sum(o.value_usd)
            FROM leads_opportunity o LEFT JOIN leads_opportunity_sectors os ON os.opportunity_id = o.id
            GROUP BY os.sector_id, o.currency
        """
    else:
        sql = """
            SELECT 'stage', stage, currency, count(*), sum(value), sum(value_usd) FROM leads_opportunity
            GROUP BY stage, currency
            UNION ALL SELECT 'status', status, currency, count(*), sum(value), sum(value_usd) FROM leads_opportunity
            GROUP BY status, currency
            UNION ALL SELECT 'province', CAST(province_id AS TEXT), currency, count(*), sum(value), sum(value_usd)
            FROM leads_opportunity GROUP BY province_id, currency
            UNION ALL SELECT 'sector', CAST(os.sector_id AS TEXT), o.currency, count(*), sum(o.value),
            sum(o.value_usd)
            FROM leads_opportunity o LEFT JOIN leads_opportunity_sectors os ON os.opportunity_id = o.id
            GROUP BY os.sector_id, o.currency
        """
    groups: dict[str, dict[Any, dict[str, Any]]] = {"stage": {}, "status": {}, "province": {}, "sector": {}}
    for kind, key, currency, count, total, total_usd in query(sql):
        group = groups[kind].setdefault(key, {"count": 0, "total_value": {}, "total_value_usd": Decimal(0)})
        group["count"] += count
        if total is not None:
            group["total_value"][currency or ""] = _text(total)
        if total_usd is not None:
            group["total_value_usd"] += Decimal(str(total_usd))
    names = _reference_names()

    def listed(kind: str, label: Callable[[Any], Any]) -> list[dict[str, Any]]:
        return [
            {
                kind: label(key),
                "count": group["count"],
                "total_value": [{"currency": c, "total": t} for c, t in sorted(group["total_value"].items())],
                "total_value_usd": _text(group["total_value_usd"]),
            }
            for key, group in sorted(groups[kind].items(), key=lambda item: -item[1]["count"])
        ]

    overall = sum(group["count"] for group in groups["stage"].values())
    return orjson.dumps(
        {
            "count": overall,
            "by_stage": listed("stage", lambda key: key),
            "by_status": listed("status", lambda key: key or None),
            "by_sector": listed("sector", lambda key: names["sector"].get(int(key)) if key else None),
            "by_province": listed("province", lambda key: names["province"].get(int(key)) if key else None),
        }
    )


_names: dict[str, dict[int, dict[str, Any]]] = {}


def _reference_names() -> dict[str, dict[int, dict[str, Any]]]:
    """Province and sector summaries, read once per process (reference data, a few dozen rows)."""
    if not _names:
        _names["province"] = {
            pk: {"id": pk, "slug": slug, "name": name}
            for pk, slug, name in query("SELECT id, slug, name FROM leads_province")
        }
        _names["sector"] = {
            pk: {"id": pk, "slug": slug, "name_en": en, "name_vi": vi}
            for pk, slug, en, vi in query("SELECT id, slug, name_en, name_vi FROM leads_sector")
        }
    return _names


CSV_HEADER = [
    "id", "title", "organization_id", "organization", "origin_region", "origin_country", "province",
    "province_slug", "site", "site_slug", "project", "primary_sector", "sectors", "status", "stage",
    "investment_type", "value", "currency", "value_usd", "land_area_ha", "expected_jobs", "reported_on", "priority",
    "likelihood", "owner", "next_step", "next_step_on", "review_status", "is_imported", "contacts", "evidence_count",
    "created_at", "updated_at",
]  # fmt: skip


def csv_export(params: dict[str, str], base_url: str) -> list[bytes]:
    """The filtered list as CSV, whole, from one statement planned for all its rows."""
    where, values = _filters(params)
    sectors = "string_agg(x.slug, '; ' ORDER BY x.slug)" if VENDOR == "postgresql" else "group_concat(x.slug, '; ')"
    contacts = (
        "string_agg(k.full_name, '; ' ORDER BY k.normalized_name)"
        if VENDOR == "postgresql"
        else "group_concat(k.full_name, '; ')"
    )
    sql = f"""
        SELECT o.id, o.title, o.organization_id, g.name, r.name, o.origin_country_code, p.name, p.slug, s.name, s.slug,
            o.project, ps.slug,
            (SELECT {sectors} FROM leads_opportunity_sectors os JOIN leads_sector x ON x.id = os.sector_id
             WHERE os.opportunity_id = o.id),
            o.status, o.stage, o.investment_type, o.value, o.currency, o.value_usd, o.land_area_ha, o.expected_jobs,
            o.reported_on, o.priority, o.likelihood, u.username, o.next_step, o.next_step_on, o.review_status,
            o.is_imported,
            (SELECT {contacts} FROM leads_opportunity_contacts oc JOIN leads_contact k ON k.id = oc.contact_id
             WHERE oc.opportunity_id = o.id),
            (SELECT count(*) FROM leads_evidence e WHERE e.opportunity_id = o.id),
            o.created_at, o.updated_at
        FROM leads_opportunity o
        LEFT JOIN leads_organization g ON g.id = o.organization_id
        LEFT JOIN leads_foreignregion r ON r.id = o.origin_region_id
        LEFT JOIN leads_province p ON p.id = o.province_id
        LEFT JOIN leads_site s ON s.id = o.site_id
        LEFT JOIN leads_sector ps ON ps.id = o.primary_sector_id
        LEFT JOIN auth_user u ON u.id = o.owner_id
        WHERE {where}
        ORDER BY {NEWEST_FIRST}
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    writer.writerows([["" if value is None else value for value in row] for row in query(sql, values)])
    return [buffer.getvalue().encode("utf-8")]


def organizations_search(params: dict[str, str], base_url: str) -> bytes:
    """Organizations named by the key (or by an alias), by name, with their summaries and counts."""
    pattern = f"%{params['key']}%"
    aliases = (
        "coalesce(json_agg(a.name ORDER BY a.name), '[]')" if VENDOR == "postgresql" else "json_group_array(a.name)"
    )
    sectors = _json_array("'id', x.id, 'slug', x.slug, 'name_en', x.name_en, 'name_vi', x.name_vi", "x.slug")
    sql = f"""
        SELECT g.id, g.name, g.kind, g.website, g.notes, g.created_at, g.updated_at,
            c.code, c.name, c.name_en, p.id, p.slug, p.name, r.id, r.slug, r.name, r.name_en, rc.code,
            (SELECT {aliases} FROM leads_organizationalias a WHERE a.organization_id = g.id),
            (SELECT {sectors} FROM leads_organization_sectors gs JOIN leads_sector x ON x.id = gs.sector_id
             WHERE gs.organization_id = g.id),
            (SELECT count(*) FROM leads_opportunity o WHERE o.organization_id = g.id),
            (SELECT count(*) FROM leads_contact k WHERE k.organization_id = g.id),
            (SELECT count(*) FROM leads_evidence e WHERE e.organization_id = g.id)
        FROM leads_organization g
        LEFT JOIN leads_country c ON c.code = g.country_code
        LEFT JOIN leads_province p ON p.id = g.province_id
        LEFT JOIN leads_foreignregion r ON r.id = g.region_id
        LEFT JOIN leads_country rc ON rc.id = r.country_id
        WHERE g.search_text LIKE %s
        ORDER BY g.normalized_name, g.id
        LIMIT {PAGE_SIZE}
    """
    results = []
    for row in query(sql, [pattern]):
        (pk, name, kind, website, notes, created, updated, code, country, country_en) = row[:10]
        (province_id, province_slug, province_name, region_id, region_slug, region_name, region_en) = row[10:17]
        region_country, aliases, sector_list, opportunities, contacts, evidence = row[17:]
        results.append(
            {
                "id": pk,
                "name": name,
                "aliases": _parse_json(aliases),
                "kind": kind,
                "country": {"code": code, "name": country, "name_en": country_en} if code else None,
                "province": {"id": province_id, "slug": province_slug, "name": province_name} if province_id else None,
                "region": {
                    "id": region_id,
                    "slug": region_slug,
                    "name": region_name,
                    "name_en": region_en,
                    "country": region_country,
                }
                if region_id
                else None,
                "sectors": _parse_json(sector_list),
                "website": website,
                "notes": notes,
                "opportunity_count": opportunities,
                "contact_count": contacts,
                "evidence_count": evidence,
                "evidence_url": f"{base_url}/api/v1/evidence/?organization={pk}",
                "created_at": _text(created),
                "updated_at": _text(updated),
            }
        )
    return orjson.dumps({"next": None, "previous": None, "results": results})


def ping(params: dict[str, str], base_url: str) -> bytes:
    return b"{}"


ROUTES: dict[str, Callable[[dict[str, str], str], bytes | list[bytes]]] = {
    "/ping": ping,
    "/opportunities/first-page": first_page,
    "/opportunities/filtered": filtered,
    "/opportunities/value-range": value_range,
    "/opportunities/search": search,
    "/opportunities/deep-page": deep_page,
    "/opportunities/summary": summary,
    "/opportunities/csv": csv_export,
    "/opportunities/detail": detail,
    "/organizations/search": organizations_search,
}


def application(environ: dict[str, Any], start_response: Callable) -> list[bytes]:
    handler = ROUTES.get(environ.get("PATH_INFO", ""))
    if handler is None:
        start_response("404 Not Found", JSON_HEADERS)
        return [b'{"detail": "not found"}']
    params = {key: values[-1] for key, values in parse_qs(environ.get("QUERY_STRING", "")).items()}
    base_url = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', 'localhost')}"
    body = handler(params, base_url)
    if isinstance(body, list):
        start_response("200 OK", [("Content-Type", "text/csv; charset=utf-8")])
        return body
    start_response("200 OK", [*JSON_HEADERS, ("Content-Length", str(len(body)))])
    return [body]
