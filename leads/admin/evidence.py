"""Evidence on the change pages: each sentence with its words marked and a link to its article."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from leads.admin.base import admin_url
from leads.admin.highlight import Span, highlight_sentence, mark_spans, mention_span
from leads.models import Evidence, Opportunity, SourceArticle


def matched_terms(opportunity: Opportunity) -> list[str]:
    """The words that tie an opportunity to a sentence: who, where (incl. pre-2025 names and the site), what
    (the project and every sector's names and keywords).

    Three queries at most (the organization's aliases, the province's predecessors, the sectors
    unless prefetched), whatever the number of evidence sentences.
    """
    terms: list[str] = []
    if opportunity.organization_id:
        terms.append(opportunity.organization.name)
        terms.extend(opportunity.organization.aliases.values_list("name", flat=True))
    for place in (opportunity.origin_region, opportunity.origin_country):
        if place is not None:
            terms.extend([place.name, place.name_en, *place.aliases])
    if opportunity.province_id:
        province = opportunity.province
        terms.extend([province.name, province.full_name, *province.aliases])
        for old_name, old_aliases in province.predecessors.values_list("name", "aliases"):
            terms.extend([old_name, *(old_aliases or [])])
    if opportunity.site_id:
        terms.extend([opportunity.site.name, *(opportunity.site.aliases or [])])
    if opportunity.project:
        terms.append(opportunity.project)
    sectors = {sector.pk: sector for sector in opportunity.sectors.all()}
    if opportunity.primary_sector_id:
        sectors[opportunity.primary_sector_id] = opportunity.primary_sector
    for sector in sectors.values():
        terms.extend([sector.name_vi, sector.name_en, *sector.keywords])
    return [term for term in terms if term]


def evidence_list(evidence: QuerySet[Evidence], terms: Iterable[str] = ()) -> SafeString:
    """A list of evidence sentences, words marked, each with its article (admin page and original)."""
    rows = list(evidence.select_related("article").order_by("-article__published_on", "article_id", "sentence_start"))
    if not rows:
        return format_html('<span class="crm-muted">{}</span>', _("No evidence: entered by hand."))
    terms = list(terms)
    return format_html(
        '<ul class="crm-evidence">{}</ul>',
        format_html_join(
            "",
            '<li class="crm-evidence-item">“{}”<span class="crm-source">{}</span></li>',
            ((highlight_sentence(item, terms), article_source(item.article)) for item in rows),
        ),
    )


def article_source(article: SourceArticle) -> SafeString:
    """ "Title — outlet, date · original" with links to the article's admin page and its address."""
    parts = [format_html('<a href="{}" class="crm-article-link">{}</a>', admin_url(article), article.title)]
    details = ", ".join(
        filter(
            None,
            [article.outlet, date_format(article.published_on, "SHORT_DATE_FORMAT") if article.published_on else ""],
        )
    )
    if details:
        parts.append(format_html("{}", details))
    if article.url:
        parts.append(
            format_html('<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>', article.url, _("original"))
        )
    return format_html_join(" · ", "{}", ((part,) for part in parts))


def body_with_mentions(article: SourceArticle, evidence: list[Evidence]) -> SafeString:
    """The cleaned body, every extracted mention marked and linked to the record it made."""
    spans = []
    for item in evidence:
        located = mention_span(item, body=article.body)
        if located is None:
            continue
        subject = item.organization or item.contact or item.opportunity
        kind = "organization" if item.organization_id else "contact" if item.contact_id else "opportunity"
        spans.append(
            Span(
                located[0],
                located[1],
                admin_url(subject) if subject else None,
                f"{subject._meta.verbose_name}: {subject}",
                f"crm-{kind}",
            )
        )
    return format_html('<div class="crm-article-body" id="article-body">{}</div>', mark_spans(article.body, spans))
