"""The admin index dashboard: what is in the pipeline, where, in what, and what is due.

Aggregations are one query each (their number does not grow with the data), and the charts
are drawn here as inline SVG, so the page needs no script and no network access. Rejected
leads are left out everywhere: staff decided they are not leads. Each panel is computed and shown
only for a user who may view what it counts or lists (`visible_panels`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from leads.choices import OPEN_STAGES, PIPELINE_ORDER, ReportedStatus, Stage
from leads.collation import vietnamese_sort_key
from leads.models import Contact, Opportunity, Organization, SourceArticle
from leads.permissions import may_view

STAGE_COLOURS = {
    Stage.IDENTIFIED: "#9ecae1",
    Stage.QUALIFIED: "#6baed6",
    Stage.CONTACTED: "#4292c6",
    Stage.ENGAGED: "#2171b5",
    Stage.NEGOTIATING: "#08519c",
    Stage.WON: "#2ca25f",
    Stage.LOST: "#bdbdbd",
    Stage.ON_HOLD: "#fdae6b",
}
BAR_COLOUR = "#417690"  # the admin's own blue


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, its number, and where clicking it leads."""

    label: str
    value: int
    url: str = ""
    colour: str = BAR_COLOUR


def stage_counts() -> dict[str, int]:
    """Number of opportunities at each stage (every stage present, zero when empty)."""
    counts = dict(Opportunity.objects.live().order_by().values_list("stage").annotate(n=Count("pk")))
    return {stage: counts.get(stage, 0) for stage in Stage.values}


def sector_counts(limit: int = 10) -> list[tuple[int | None, str, int]]:
    """(sector id, name in the interface language, open opportunities), largest first.

    Counted over every sector of each lead, the primary one and the others the news names:
    a lead in AI and manufacturing counts once under each, and once under "No sector" when it has none.
    """
    rows = (
        Opportunity.objects.live()
        .open()
        .order_by()
        .values("sectors__id", "sectors__name_en", "sectors__name_vi")
        .annotate(n=Count("pk", distinct=True))
    )
    vietnamese = (get_language() or "").startswith("vi")
    result = [
        (
            row["sectors__id"],
            (row["sectors__name_vi"] if vietnamese else row["sectors__name_en"]) or _("No sector"),
            row["n"],
        )
        for row in rows
    ]
    result.sort(key=lambda row: (-row[2], vietnamese_sort_key(row[1])))
    return result[:limit]


def status_counts() -> list[tuple[str, str, int]]:
    """(reported status, its label, open opportunities) in the order a project advances; blank is "not reported"."""
    counts = dict(Opportunity.objects.live().open().order_by().values_list("status").annotate(n=Count("pk")))
    labelled = [(status, str(label)) for status, label in ReportedStatus.choices]
    return [
        (status, label, counts[status]) for status, label in [*labelled, ("", _("Not reported"))] if counts.get(status)
    ]


def province_counts(limit: int = 10) -> list[tuple[int | None, str, int]]:
    """(province id, name, open opportunities), largest first; no province means nationwide."""
    rows = Opportunity.objects.live().open().order_by().values("province_id", "province__name").annotate(n=Count("pk"))
    result = [(row["province_id"], row["province__name"] or _("Nationwide"), row["n"]) for row in rows]
    result.sort(key=lambda row: (-row[2], vietnamese_sort_key(row[1])))
    return result[:limit]


@dataclass(frozen=True)
class CurrencyTotal:
    """Open opportunities stating a value in one currency: their total as stated, and in US dollars."""

    currency: str
    total: Decimal
    total_usd: Decimal | None
    count: int
    without_rate: int


def pipeline_value() -> list[CurrencyTotal]:
    """Total stated value of open opportunities per currency, largest first, each also in USD.

    One query. The USD figure sums `value_usd` (each value at the reference rate of the year it was
    reported); `without_rate` counts the values no rate could convert, left out of that figure.
    """
    rows = (
        Opportunity.objects.live()
        .open()
        .filter(value__isnull=False)
        .exclude(currency="")
        .order_by()
        .values("currency")
        .annotate(
            total=Sum("value"),
            total_usd=Sum("value_usd"),
            n=Count("pk"),
            without_rate=Count("pk", filter=Q(value_usd__isnull=True)),
        )
    )
    totals = [
        CurrencyTotal(row["currency"], row["total"], row["total_usd"], row["n"], row["without_rate"]) for row in rows
    ]
    totals.sort(key=lambda row: (-(row.total_usd or 0), row.currency))
    return totals


def pipeline_value_usd(totals: list[CurrencyTotal]) -> tuple[Decimal, int, int]:
    """All currencies together in USD: (total, opportunities counted, opportunities without a rate)."""
    return (
        sum((row.total_usd or Decimal(0) for row in totals), Decimal(0)),
        sum(row.count - row.without_rate for row in totals),
        sum(row.without_rate for row in totals),
    )


def newest_articles(limit: int = 5) -> list[SourceArticle]:
    return list(
        SourceArticle.objects.with_counts()
        .only("pk", "title", "outlet", "published_on", "imported_at")
        .order_by("-imported_at", "-id")[:limit]
    )


def _with_summary(queryset):
    """`queryset` joined to what an opportunity's one-line summary (its `str()`) reads."""
    from leads.admin.base import OPPORTUNITY_SUMMARY

    return queryset.select_related(*OPPORTUNITY_SUMMARY)


def newest_leads(limit: int = 5) -> list[Opportunity]:
    return list(_with_summary(Opportunity.objects.live()).order_by("-created_at", "-id")[:limit])


def my_next_steps(user: AbstractBaseUser, limit: int = 10) -> list[Opportunity]:
    """The user's open opportunities with a next step, soonest (and overdue) first."""
    if not user.is_authenticated:
        return []
    mine = Opportunity.objects.live().open().filter(owner=user).filter(Q(next_step_on__isnull=False) | ~Q(next_step=""))
    return list(_with_summary(mine).order_by("next_step_on", "pk")[:limit])


# --- SVG -------------------------------------------------------------------------------------


def _number(value: int | Decimal) -> str:
    """A count or an amount rounded to a whole number, digits grouped as the interface language groups them."""
    whole = Decimal(value).quantize(Decimal(1), ROUND_HALF_UP)
    return number_format(whole, decimal_pos=0, use_l10n=True, force_grouping=True)


def funnel_svg(bars: list[Bar], title: str, width: int = 460, row_height: int = 30) -> SafeString:
    """A funnel: one centred bar per stage, its width proportional to the count."""
    if not any(bar.value for bar in bars):
        return _empty_chart(title)
    largest = max(bar.value for bar in bars)
    label_width = 130
    room = width - label_width - 50
    rows = []
    for index, bar in enumerate(bars):
        y = index * row_height
        size = max(room * bar.value / largest, 2 if bar.value else 0)
        x = label_width + (room - size) / 2
        shape = format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}"><title>{}: {}</title></rect>',
            f"{x:.1f}",
            y + 3,
            f"{size:.1f}",
            row_height - 6,
            bar.colour,
            bar.label,
            _number(bar.value),
        )
        if bar.url:
            shape = format_html('<a href="{}">{}</a>', bar.url, shape)
        rows.append(
            format_html(
                '<g class="crm-funnel-row"><text x="{}" y="{}" text-anchor="end" class="crm-chart-label">{}</text>'
                '{}<text x="{}" y="{}" class="crm-chart-value">{}</text></g>',
                label_width - 8,
                y + row_height / 2 + 4,
                bar.label,
                shape,
                width - 44,
                y + row_height / 2 + 4,
                _number(bar.value),
            )
        )
    return _svg(title, width, row_height * len(bars), rows)


def bar_chart_svg(bars: list[Bar], title: str, width: int = 520, row_height: int = 24) -> SafeString:
    """Horizontal bars, labels on the left, numbers at the end of each bar."""
    if not bars or not any(bar.value for bar in bars):
        return _empty_chart(title)
    largest = max(bar.value for bar in bars)
    label_width = 220
    room = width - label_width - 50
    rows = []
    for index, bar in enumerate(bars):
        y = index * row_height
        size = max(room * bar.value / largest, 2)
        shape = format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="{}"><title>{}: {}</title></rect>',
            label_width,
            y + 3,
            f"{size:.1f}",
            row_height - 6,
            bar.colour,
            bar.label,
            _number(bar.value),
        )
        if bar.url:
            shape = format_html('<a href="{}">{}</a>', bar.url, shape)
        label = bar.label if len(bar.label) <= 32 else bar.label[:31] + "…"
        rows.append(
            format_html(
                '<g class="crm-bar-row"><text x="{}" y="{}" text-anchor="end" class="crm-chart-label">{}</text>'
                '{}<text x="{}" y="{}" class="crm-chart-value">{}</text></g>',
                label_width - 8,
                y + row_height / 2 + 4,
                label,
                shape,
                label_width + size + 6,
                y + row_height / 2 + 4,
                _number(bar.value),
            )
        )
    return _svg(title, width, row_height * len(bars), rows)


def _svg(title: str, width: int, height: int, rows: list[SafeString]) -> SafeString:
    return format_html(
        '<svg class="crm-chart" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet"><title>{}</title>{}</svg>',
        title,
        width,
        height,
        title,
        mark_safe("".join(rows)),  # noqa: S308 - each row is built with format_html
    )


def _empty_chart(title: str) -> SafeString:
    return format_html('<p class="crm-chart-empty" aria-label="{}">{}</p>', title, _("Nothing to show yet."))


# --- The page ---------------------------------------------------------------------------------


def visible_panels(user: AbstractBaseUser | AnonymousUser) -> dict[str, bool]:
    """Which parts of the dashboard `user` may see: each only with the view permission of what it shows.

    The pipeline panels count opportunities (their sectors and provinces are only the labels), the newest
    articles list source articles, the review note counts opportunities and contacts; the quick links lead
    to pages the user may open. A staff user holding no permission sees none of them.
    """
    return {
        "opportunities": may_view(user, Opportunity),
        "contacts": may_view(user, Contact),
        "articles": may_view(user, SourceArticle),
        "organizations": may_view(user, Organization),
        "import": user.has_perm("leads.add_sourcearticle"),
    }


def dashboard_context(user: AbstractBaseUser | AnonymousUser) -> dict[str, Any]:
    """What the admin index shows above the list of models, computed only for the panels `user` may see."""
    panels = visible_panels(user)
    context: dict[str, Any] = {
        "panels": panels,
        "shows_anything": any(panels.values()),
        "today": timezone.localdate(),
        "pending_opportunities": Opportunity.objects.pending_review().count() if panels["opportunities"] else 0,
        "pending_contacts": Contact.objects.pending_review().count() if panels["contacts"] else 0,
    }
    if panels["opportunities"]:
        context.update(pipeline_panels(user))
    if panels["articles"]:
        context["newest_articles"] = newest_articles()
    return context


def pipeline_panels(user: AbstractBaseUser | AnonymousUser) -> dict[str, Any]:
    """The charts, the value in the pipeline, the newest leads and the user's next steps."""
    from leads.admin.base import changelist_url

    stages = stage_counts()
    funnel = [
        Bar(Stage(stage).label, stages[stage], changelist_url(Opportunity, stage__exact=stage), STAGE_COLOURS[stage])
        for stage in PIPELINE_ORDER
    ]
    closed = [
        Bar(Stage(stage).label, stages[stage], changelist_url(Opportunity, stage__exact=stage), STAGE_COLOURS[stage])
        for stage in (Stage.LOST, Stage.ON_HOLD)
    ]
    open_filter = {"stage__in": ",".join(OPEN_STAGES)}
    sectors = [
        Bar(name, count, changelist_url(Opportunity, **open_filter, **_id_filter("sectors", pk)))
        for pk, name, count in sector_counts()
    ]
    statuses = [
        Bar(label, count, changelist_url(Opportunity, **open_filter, status__exact=status))
        for status, label, count in status_counts()
    ]
    totals = pipeline_value()
    total_usd, counted_usd, without_rate = pipeline_value_usd(totals)
    provinces = [
        Bar(name, count, changelist_url(Opportunity, **open_filter, **_id_filter("province", pk)))
        for pk, name, count in province_counts()
    ]
    return {
        "funnel_chart": funnel_svg(funnel, _("Opportunities by stage")),
        "closed_summary": format_html_join(
            ", ", '<a href="{}">{}: {}</a>', ((bar.url, bar.label, _number(bar.value)) for bar in closed)
        ),
        "sector_chart": bar_chart_svg(sectors, _("Open opportunities by sector")),
        "province_chart": bar_chart_svg(provinces, _("Open opportunities by province")),
        "status_chart": bar_chart_svg(statuses, _("Open opportunities by reported status")),
        "pipeline_value": [
            {
                "currency": row.currency,
                "total": _number(row.total),
                "total_usd": _number(row.total_usd) if row.total_usd is not None else "",
                "count": row.count,
                "without_rate": row.without_rate,
            }
            for row in totals
        ],
        "pipeline_value_usd": _number(total_usd),
        "pipeline_value_usd_count": counted_usd,
        "pipeline_value_without_rate": without_rate,
        "open_count": sum(stages[stage] for stage in OPEN_STAGES),
        "newest_leads": newest_leads(),
        "my_next_steps": my_next_steps(user),
    }


def _id_filter(field: str, pk: int | None) -> dict[str, Any]:
    return {f"{field}__id__exact": pk} if pk is not None else {f"{field}__isnull": "True"}
