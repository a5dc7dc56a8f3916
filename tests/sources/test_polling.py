"""Following the news end to end: three sources on a local server polled, re-polled and failing.

An RSS feed (one entry with its full text, one with only a teaser whose article page holds the
story), an Atom feed and a section page of links are polled with `manage.py poll_sources`; three
broken sources (a 500, one that answers too late, one that is not a feed) are polled beside them.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from importers.models import Source, SourceKind
from leads.models import Opportunity, SourceArticle
from tests.sources import news

pytestmark = pytest.mark.django_db

LAST_MODIFIED = "Thu, 18 Sep 2025 01:30:00 GMT"


def poll(*args: str) -> str:
    """Run `poll_sources`; its output, whether or not some source failed (exit status 1)."""
    out = io.StringIO()
    try:
        call_command("poll_sources", *args, stdout=out)
    except CommandError as error:
        out.write(f"\nCommandError: {error}")
    return out.getvalue()


def lead_of(company: str) -> Opportunity | None:
    return Opportunity.objects.filter(organization__name=company).first()


@pytest.fixture
def sources(news_server, fast_polling):
    base = news_server.base
    rss_feed = [(news.HOA_THINH, True), (news.KIM_LONG, False)]
    news_server.add("/rss.xml", news.rss(rss_feed, base), etag='"rss-1"', last_modified=LAST_MODIFIED)
    news_server.add(f"/bai-viet/{news.KIM_LONG.slug}.html", news.article_page(news.KIM_LONG), content_type="text/html")
    news_server.add("/atom.xml", news.atom([news.TAN_HAI, news.MINH_AN], base), last_modified=LAST_MODIFIED)
    section = news.section_page([news.DONG_PHONG, news.XANH_HOA_BINH], base=base, elsewhere="http://localhost:9")
    news_server.add("/tin-dau-tu/", section, content_type="text/html", etag='"page-1"')
    for number, story in enumerate([news.DONG_PHONG, news.XANH_HOA_BINH], 1):
        page = news.article_page(story)
        news_server.add(f"/tin-dau-tu/{story.slug}-{number}.html", page, content_type="text/html")
    news_server.add("/loi.xml", b"Internal error", status=500, content_type="text/plain")
    news_server.add("/cham.xml", news.rss([(news.TINH_VAN, True)], base), delay=1.5)
    news_server.add("/hong.xml", b"<<< day khong phai la nguon tin >>>", content_type="application/xml")

    def source(name: str, path: str, kind: str = SourceKind.RSS) -> Source:
        return Source.objects.create(name=name, url=base + path, kind=kind, poll_interval_minutes=30)

    return {
        "rss": source("Báo Đầu tư (RSS)", "/rss.xml"),
        "atom": source("Tạp chí Kinh tế (Atom)", "/atom.xml", SourceKind.ATOM),
        "page": source("Trang tin đầu tư", "/tin-dau-tu/", SourceKind.PAGE),
        "error": source("Nguồn lỗi máy chủ", "/loi.xml"),
        "slow": source("Nguồn chậm", "/cham.xml"),
        "broken": source("Nguồn hỏng", "/hong.xml"),
    }


def test_the_first_poll_imports_every_source_and_finds_their_leads(sources, news_server):
    output = poll("--all")

    for story in (news.HOA_THINH, news.KIM_LONG, news.TAN_HAI, news.MINH_AN, news.DONG_PHONG, news.XANH_HOA_BINH):
        assert lead_of(story.company) is not None, story.company
    assert SourceArticle.objects.count() == 6
    # The teaser-only entry was imported from its article page, with the feed's title.
    kim_long = SourceArticle.objects.get(url=f"{news_server.base}/bai-viet/{news.KIM_LONG.slug}.html")
    assert "85 triệu USD" in kim_long.body and kim_long.title == news.KIM_LONG.title
    assert kim_long.outlet == "Báo Đầu tư Thử nghiệm"
    # The page's own menus, footer, other sites and itself were not taken for articles.
    assert {path for path, _headers in news_server.requests if path.startswith("/tin-dau-tu/")} == {
        "/tin-dau-tu/",
        f"/tin-dau-tu/{news.DONG_PHONG.slug}-1.html",
        f"/tin-dau-tu/{news.XANH_HOA_BINH.slug}-2.html",
    }
    assert not news_server.hits("/khac/bai-o-trang-khac-1.html") and not news_server.hits("/lien-he-toa-soan")
    assert all("InvestmentLeadCRM" in headers["user-agent"] for _path, headers in news_server.requests)

    for key in ("rss", "atom", "page"):
        source = Source.objects.get(pk=sources[key].pk)
        assert (source.last_error, source.consecutive_failures, source.items_new) == ("", 0, 2), key
        assert source.last_success_at is not None and source.next_poll_at > timezone.now()
    assert "3 of 6 sources failed" in output


def test_failing_sources_record_their_error_in_words_and_are_backed_off(sources, news_server):
    before = timezone.now()
    poll("--all")

    error, slow, broken = (Source.objects.get(pk=sources[key].pk) for key in ("error", "slow", "broken"))
    assert error.last_error == "The server answered 500 (Internal Server Error) (after 2 attempts)."
    assert len(news_server.hits("/loi.xml")) == 2  # retried once, then given up
    assert slow.last_error == "No answer within 0.4 seconds (after 2 attempts)."
    assert broken.last_error.startswith("The feed is malformed and has no entries to read:")
    for source in (error, slow, broken):
        assert source.consecutive_failures == 1 and source.last_success_at is None
        assert source.next_poll_at >= before + dt.timedelta(minutes=60)  # twice the 30-minute interval

    # Polled again (forced), each fails once more and waits twice as long again.
    poll("--source", str(error.pk))
    error.refresh_from_db()
    assert error.consecutive_failures == 2
    assert error.next_poll_at >= timezone.now() + dt.timedelta(minutes=119)


def test_the_second_poll_asks_conditionally_and_imports_nothing(sources, news_server):
    poll("--all")
    articles = SourceArticle.objects.count()
    news_server.requests.clear()

    output = poll(
        "--source", str(sources["rss"].pk), "--source", str(sources["atom"].pk), "--source", str(sources["page"].pk)
    )

    assert news_server.hits("/rss.xml")[0]["if-none-match"] == '"rss-1"'
    assert news_server.hits("/rss.xml")[0]["if-modified-since"] == LAST_MODIFIED
    assert news_server.hits("/atom.xml")[0]["if-modified-since"] == LAST_MODIFIED
    assert news_server.hits("/tin-dau-tu/")[0]["if-none-match"] == '"page-1"'
    assert len(news_server.requests) == 3  # the three 304s; no article page fetched again
    assert SourceArticle.objects.count() == articles
    assert output.count("not modified since the last poll") == 3
    assert Source.objects.get(pk=sources["rss"].pk).items_new_total == 2


def test_a_new_item_is_imported_on_the_next_poll_and_the_old_ones_are_not_fetched_again(sources, news_server):
    poll("--all")
    base = news_server.base
    feed = [(news.TINH_VAN, True), (news.HOA_THINH, True), (news.KIM_LONG, False)]
    news_server.add("/rss.xml", news.rss(feed, base), etag='"rss-2"', last_modified=LAST_MODIFIED)
    news_server.requests.clear()

    output = poll("--source", str(sources["rss"].pk))

    assert lead_of(news.TINH_VAN.company) is not None
    assert SourceArticle.objects.count() == 7
    assert not news_server.hits(f"/bai-viet/{news.KIM_LONG.slug}.html")  # known by its URL: not fetched again
    rss = Source.objects.get(pk=sources["rss"].pk)
    assert (rss.items_seen, rss.items_new, rss.items_new_total, rss.etag) == (3, 1, 3, '"rss-2"')
    assert "3 items, 1 new" in output


def test_only_due_sources_are_polled_so_a_backed_off_one_waits(sources, news_server):
    poll("--all")
    news_server.requests.clear()

    assert poll() == "No source is due.\n"
    assert news_server.requests == []

    Source.objects.filter(pk=sources["error"].pk).update(next_poll_at=timezone.now() - dt.timedelta(seconds=1))
    poll()
    assert {path for path, _headers in news_server.requests} == {"/loi.xml"}


def test_filter_words_keep_only_the_items_that_mention_them(sources, news_server):
    Source.objects.filter(pk=sources["atom"].pk).update(filter_words="pin lithium\nô tô điện")

    poll("--source", str(sources["atom"].pk))

    assert lead_of(news.TAN_HAI.company) is not None  # "pin lithium"
    assert lead_of(news.MINH_AN.company) is None
    atom = Source.objects.get(pk=sources["atom"].pk)
    assert (atom.items_seen, atom.items_new) == (2, 1)


def test_an_answer_over_the_size_limit_is_abandoned(sources, news_server, settings):
    settings.SOURCE_MAX_BYTES = 200

    poll("--source", str(sources["rss"].pk))

    rss = Source.objects.get(pk=sources["rss"].pk)
    assert rss.last_error.startswith("The answer is ") and "over the limit of 200 bytes" in rss.last_error
    assert SourceArticle.objects.count() == 0


def test_poll_sources_refuses_an_unknown_source(db):
    with pytest.raises(CommandError, match="No source has the key 999"):
        call_command("poll_sources", "--source", "999")


def test_an_article_page_that_cannot_be_fetched_is_tried_again_on_the_next_poll(sources, news_server):
    missing = f"/tin-dau-tu/{news.XANH_HOA_BINH.slug}-2.html"
    del news_server.routes[missing]  # the server answers 404 for it

    output = poll("--source", str(sources["page"].pk))

    assert "2 items, 1 new, 1 could not be imported" in output
    page = Source.objects.get(pk=sources["page"].pk)
    assert (page.consecutive_failures, page.etag) == (0, "")  # the section page is read again next time
    news_server.add(missing, news.article_page(news.XANH_HOA_BINH), content_type="text/html")
    news_server.requests.clear()

    poll("--source", str(sources["page"].pk))

    assert "if-none-match" not in news_server.hits("/tin-dau-tu/")[0]
    assert lead_of(news.XANH_HOA_BINH.company) is not None
    assert not news_server.hits(f"/tin-dau-tu/{news.DONG_PHONG.slug}-1.html")  # imported already: not fetched


def test_a_new_item_becomes_a_lead_a_saved_watch_matches_and_the_digest_names_it(
    sources, news_server, django_capture_on_commit_callbacks, mailoutbox, settings
):
    """The whole loop: sources polled, a watch saved beforehand, a new item, a notification and a digest e-mail."""
    from django.contrib.auth.models import Permission

    from leads.models import Notification, Watch
    from leads.models.watches import DigestFrequency
    from tests.factories import UserFactory

    settings.SITE_URL = "https://crm.xuctiendautu.example.vn"
    officer = UserFactory(username="lan.vo", email="lan.vo@example.vn")
    officer.user_permissions.set(Permission.objects.filter(codename__in=["view_opportunity", "view_evidence"]))
    # Taiwanese investors in Hồ Chí Minh City (Bình Dương's successor since 2025); the first poll's
    # Taiwanese lead, in Nam Định, is not one of them.
    Watch.objects.create(
        owner=officer, name="Đài Loan, TP.HCM", query="country=TW&province=ho-chi-minh", frequency=DigestFrequency.DAILY
    )
    with django_capture_on_commit_callbacks(execute=True):
        poll("--all")
    assert lead_of(news.KIM_LONG.company) is not None
    assert not Notification.objects.exists()

    feed = [(news.TINH_VAN, True), (news.HOA_THINH, True), (news.KIM_LONG, False)]
    news_server.add("/rss.xml", news.rss(feed, news_server.base), etag='"rss-2"', last_modified=LAST_MODIFIED)
    with django_capture_on_commit_callbacks(execute=True):
        poll("--source", str(sources["rss"].pk))

    lead = lead_of(news.TINH_VAN.company)
    (notification,) = Notification.objects.filter(user=officer)
    assert notification.opportunity == lead and notification.evidence.article.url.endswith(f"{news.TINH_VAN.slug}.html")
    call_command("send_digests", "--frequency", "daily", stdout=io.StringIO())
    (message,) = mailoutbox
    assert message.to == ["lan.vo@example.vn"]
    assert news.TINH_VAN.company in message.body and "Đài Loan, TP.HCM" in message.body
    assert "nhà máy sản xuất robot công nghiệp" in message.body  # the sentence that is its evidence
    evidence_url = f"https://crm.xuctiendautu.example.vn/admin/leads/evidence/?opportunity__id__exact={lead.pk}"
    assert evidence_url in message.body
