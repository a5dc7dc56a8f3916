"""The benchmark's cases (issue 10's table), each an API request and, for reads, the limit's request for the same rows.

The parameters are picked from the database at hand, so that the cases mean the same at 10,000 and
at 1,000,000 opportunities: a sector + province + stage filter that selects about a quarter of a
percent of the opportunities, a value range holding about 15% of them, the name of an organization
with about ten leads (and two words of its name that a few organizations share), the deepest page
up to 2,000, a CSV of about 10,000 rows (or the whole table when smaller), an imported opportunity
with evidence and a stage history.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count

from leads.models import Evidence, Opportunity, Organization, Province, Sector, StageChange
from leads.text import normalize_name

PAGE_SIZE = 50
DEEPEST_PAGE = 2000
CSV_ROWS = 10_000
FILTERED_SHARE = 0.0024
VALUE_RANGE_SHARE = 0.15
SEARCHED_LEADS = 10
WRITE_POOL = 8  # opportunities per client thread whose stage the stage-move case moves back and forth

Request = tuple[str, str, bytes | None]
RequestFactory = Callable[[int, int], Request]


@dataclass(frozen=True)
class Case:
    """One row of the benchmark: what the API is asked, and what the limit app is asked for the same rows."""

    name: str
    label: str
    api: RequestFactory
    limit: RequestFactory | None = None

    @property
    def writes(self) -> bool:
        return self.limit is None


def get(path: str, params: dict[str, Any] | None = None) -> RequestFactory:
    url = f"{path}?{urlencode(params)}" if params else path
    return lambda thread, number: ("GET", url, None)


def describe(factory: RequestFactory) -> str:
    method, path, _body = factory(0, 0)
    return f"{method} {path}"


@dataclass(frozen=True)
class Parameters:
    """What the cases ask for, picked once per run (see the module docstring)."""

    opportunities: int
    filtered: dict[str, Any]
    value_range: tuple[str, str]
    searched_name: str
    page: int
    page_boundary: tuple[str, int]
    csv: dict[str, Any]
    csv_rows: int
    filtered_rows: int
    detail_id: int
    organization_words: str
    write_pools: list[list[tuple[int, str]]]


def pick_parameters(threads: int) -> Parameters:
    total = Opportunity.objects.order_by().count()
    if total < 2:
        raise ValueError("The database holds fewer than two opportunities: run generate_demo_data first.")

    # Sector + province + stage: the combination whose size is nearest a quarter of a percent.
    target = max(1, round(total * FILTERED_SHARE))
    combinations = (
        Opportunity.sectors.through.objects.filter(opportunity__province__isnull=False)
        .values_list("sector_id", "opportunity__province_id", "opportunity__stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    sector_id, province_id, stage, filtered_rows = min(
        combinations, key=lambda row: (abs(row[3] - target), row[0], row[1], row[2])
    )
    sector = Sector.objects.get(pk=sector_id)
    province = Province.objects.get(pk=province_id)

    valued = Opportunity.objects.exclude(value=None).order_by("value", "pk").values_list("value", flat=True)
    count = valued.count()
    low = valued[int(count * 0.70)] if count else 0
    high = valued[min(count - 1, int(count * (0.70 + VALUE_RANGE_SHARE)))] if count else 0

    per_organization = (
        Opportunity.objects.exclude(organization=None).values_list("organization_id").annotate(n=Count("id")).order_by()
    )
    organization_id, _leads = min(per_organization, key=lambda row: (abs(row[1] - SEARCHED_LEADS), row[0]))
    organization = Organization.objects.get(pk=organization_id)

    page = max(2, min(DEEPEST_PAGE, (total - 1) // PAGE_SIZE + 1))
    boundary = Opportunity.objects.order_by("-updated_at", "-pk").values_list("updated_at", "pk")[
        (page - 1) * PAGE_SIZE - 1
    ]

    csv_target = min(CSV_ROWS, total)
    candidates: list[tuple[int, dict[str, Any]]] = [(total, {})]
    for province_key, n in Opportunity.objects.values_list("province_id").annotate(n=Count("id")).order_by():
        if province_key:
            candidates.append((n, {"province": province_key}))
    for province_key, stage_key, n in (
        Opportunity.objects.values_list("province_id", "stage").annotate(n=Count("id")).order_by()
    ):
        if province_key:
            candidates.append((n, {"province": province_key, "stage": stage_key}))
    csv_rows, csv_filter = min(candidates, key=lambda item: (abs(item[0] - csv_target), sorted(item[1].items())))

    with_history = StageChange.objects.values("opportunity_id")
    detail_id = (
        Evidence.objects.filter(opportunity__isnull=False, opportunity__in=with_history)
        .order_by("opportunity_id")
        .values_list("opportunity_id", flat=True)
        .first()
    ) or Opportunity.objects.order_by("pk").values_list("pk", flat=True).first()

    movable = list(
        Opportunity.objects.filter(stage__in=["qualified", "contacted"])
        .order_by("-pk")
        .values_list("pk", "stage")[: WRITE_POOL * threads]
    )
    pools = [movable[index::threads] for index in range(threads)]

    return Parameters(
        opportunities=total,
        filtered={
            "sector": sector.slug,
            "sector_id": sector.pk,
            "province": province.slug,
            "province_id": province.pk,
            "stage": stage,
        },  # fmt: skip
        value_range=(str(low), str(high)),
        searched_name=organization.name,
        page=page,
        page_boundary=(boundary[0].isoformat(), boundary[1]),
        csv={
            "province": Province.objects.get(pk=csv_filter["province"]).slug if "province" in csv_filter else None,
            "province_id": csv_filter.get("province"),
            "stage": csv_filter.get("stage"),
        },
        csv_rows=csv_rows,
        filtered_rows=filtered_rows,
        detail_id=detail_id,
        organization_words=_distinctive_words(organization.name),
        write_pools=pools,
    )


def _distinctive_words(name: str) -> str:
    """Two words of `name` that name a few organizations (2 to 100), as staff type part of a firm's name.

    "Co., Ltd" would match a third of the table and "Qinzhou Xintian Electrical Equipment Co., Ltd"
    only one firm; "Qinzhou Xintian" is what the search box is for.
    """
    words = name.split()
    for start in range(len(words) - 1):
        window = " ".join(words[start : start + 2])
        if 2 <= Organization.objects.search(window).order_by()[:101].count() <= 100:
            return window
    return name


def build_cases(parameters: Parameters) -> list[Case]:
    """The cases in the order they run: reads first (so the writes never move the rows they page through)."""
    p = parameters
    api = "/api/v1/opportunities/"
    filtered = p.filtered
    low, high = p.value_range
    csv_api = {"format": "csv", **{k: v for k, v in (("province", p.csv["province"]), ("stage", p.csv["stage"])) if v}}
    csv_limit = {k: v for k, v in (("province", p.csv["province_id"]), ("stage", p.csv["stage"])) if v}
    moment, boundary_id = p.page_boundary
    return [
        Case("first_page", "first page", get(api), get("/opportunities/first-page")),
        Case(
            "filtered",
            f"sector + province + stage ({p.filtered_rows:,} rows)",
            get(api, {"sector": filtered["sector"], "province": filtered["province"], "stage": filtered["stage"]}),
            get(
                "/opportunities/filtered",
                {"sector": filtered["sector_id"], "province": filtered["province_id"], "stage": filtered["stage"]},
            ),
        ),
        Case(
            "value_range",
            "value range, ordering=-value",
            get(api, {"value_min": low, "value_max": high, "ordering": "-value"}),
            get("/opportunities/value-range", {"min": low, "max": high}),
        ),
        Case(
            "search",
            "q= an organization name",
            get(api, {"q": p.searched_name}),
            get("/opportunities/search", {"key": normalize_name(p.searched_name)}),
        ),
        Case(
            "deep_page",
            f"page={p.page}",
            get(api, {"page": p.page}),
            get("/opportunities/deep-page", {"updated_at": moment, "id": boundary_id}),
        ),
        Case("summary", "summary", get(f"{api}summary/"), get("/opportunities/summary")),
        Case("csv", f"CSV, {p.csv_rows:,} rows", get(api, csv_api), get("/opportunities/csv", csv_limit)),
        Case(
            "detail", "one opportunity", get(f"{api}{p.detail_id}/"), get("/opportunities/detail", {"id": p.detail_id})
        ),
        Case(
            "organizations_search",
            "organizations q=",
            get("/api/v1/organizations/", {"q": p.organization_words}),
            get("/organizations/search", {"key": normalize_name(p.organization_words)}),
        ),
        Case("create_activity", "create an activity", _create_activity(p)),
        Case("move_stage", "move a stage", _move_stage(p)),
    ]


def _create_activity(p: Parameters) -> RequestFactory:
    body = json.dumps({"kind": "call", "subject": "Gọi điện hỏi tiến độ hồ sơ", "opportunity": p.detail_id}).encode()
    return lambda thread, number: ("POST", "/api/v1/activities/", body)


def _move_stage(p: Parameters) -> RequestFactory:
    """Each client thread moves its own opportunities between "qualified" and "contacted", so moves never clash."""
    stages = [{pk: stage for pk, stage in pool} for pool in p.write_pools]

    def request(thread: int, number: int) -> Request:
        pool = p.write_pools[thread % len(p.write_pools)]
        if not pool:
            return "GET", "/api/v1/opportunities/?page_size=1", None
        pk = pool[number % len(pool)][0]
        current = stages[thread][pk]
        target = "contacted" if current == "qualified" else "qualified"
        stages[thread][pk] = target
        return "POST", f"/api/v1/opportunities/{pk}/move-stage/", json.dumps({"stage": target}).encode()

    return request
