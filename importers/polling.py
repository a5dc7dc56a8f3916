"""Polling sources: fetch each feed or page over HTTP, import what is new, keep the source's health.

One poll of a source (`source_poll`):

1. fetch its URL (`fetch`) with a timeout, a size limit read as a stream, the conditional headers
   from the last answer (a 304 imports nothing), a User-Agent naming the project, and a bounded
   number of retries with a doubling wait after a 5xx, a 429, a timeout or a refused connection;
2. list its items: a feed's entries (RSS or Atom, through the importer's own feed reader), or a
   page's article links on the same site, each fetched as an article page;
3. drop items already imported (by URL; the importer then dedupes by content hash) and, when the
   source has filter words, items whose title and summary mention none of them;
4. fetch the full article of an entry that carries only a summary (main text by trafilatura, as
   for any HTML page), keeping the summary when the page cannot be had;
5. import the documents through `importers.pipeline`, one transaction per article.

A source that fails (unreachable, an error status, a malformed feed, a bug) records its error in
one sentence and is next polled after its interval doubled per consecutive failure, up to
`SOURCE_BACKOFF_MAX`; polling the others goes on. `sources_claim_due` pushes a due source's next
poll forward before a worker polls it, so the scheduler's next tick does not queue it twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from http.client import HTTPException
from urllib.response import addinfourl

import feedparser
import lxml.html
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from importers.models import Source, SourceKind
from importers.pipeline import import_documents
from importers.readers import read_bytes
from importers.types import RawDocument, ReadError
from leads.models import SourceArticle
from leads.outbound import non_public_address
from leads.text import normalize_name

logger = logging.getLogger(__name__)

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK_BYTES = 64 * 1024
MAX_PAGE_LINKS = 50  # article links taken from one page source per poll
# Links in these parts of a page are menus and footers, never the day's articles.
LINK_EXCLUDED_ANCESTORS = frozenset({"nav", "header", "footer", "aside", "menu"})
ARTICLE_EXTENSIONS = (".htm", ".html", ".shtml", ".php", ".aspx")


class FetchError(Exception):
    """A fetch that did not give a usable answer; the message is one sentence for staff."""


@dataclass(frozen=True)
class Fetched:
    """A usable answer: 200 with its body, or 304 (not modified) with none."""

    status: int
    url: str  # after redirects
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class Item:
    """One entry of a feed or one link of a page, as a document the importer can read."""

    document: RawDocument
    summary_only: bool = False  # a feed entry without content: its article page holds the text


@dataclass
class PollResult:
    """What one poll of one source did."""

    source: Source
    ok: bool
    not_modified: bool = False
    seen: int = 0
    new: int = 0
    failed: int = 0  # items that could not be imported (the source itself answered)
    error: str = ""


def fetch(url: str, *, accept: str, etag: str = "", last_modified: str = "") -> Fetched:
    """GET `url` politely and within limits, retrying what may pass; raises FetchError saying why not."""
    retries = max(0, settings.SOURCE_FETCH_RETRIES)
    for retry in range(retries):
        try:
            return _fetch_once(url, accept=accept, etag=etag, last_modified=last_modified)
        except _Retryable:
            time.sleep(settings.SOURCE_RETRY_DELAY * 2**retry)
    try:
        return _fetch_once(url, accept=accept, etag=etag, last_modified=last_modified)
    except _Retryable as error:
        tries = f" (after {retries + 1} attempts)" if retries else ""
        raise FetchError(f"{error}{tries}.") from error


class _Retryable(Exception):
    """Inside this module only: a failure that another attempt may not meet (5xx, 429, timeout, refused)."""


def _refuse_private(url: str) -> None:
    """Raise FetchError for a private or local address (`importers.models.validate_public_address`)."""
    if settings.SOURCE_PRIVATE_TARGETS:
        return
    address = non_public_address(url)
    if address:
        raise FetchError(
            f"{url} is on a private or local address ({address}); sources are fetched only from public ones."
        )


class _PublicRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to a public address: a public page may not send the fetch inside the network."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201 (urllib's signature)
        _refuse_private(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_PublicRedirects)


def _fetch_once(url: str, *, accept: str, etag: str, last_modified: str) -> Fetched:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"Only http and https addresses are fetched, not “{url}”.")
    _refuse_private(url)
    headers = {"User-Agent": settings.SOURCE_USER_AGENT, "Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    timeout = settings.SOURCE_FETCH_TIMEOUT
    started = time.monotonic()
    try:
        with _OPENER.open(request, timeout=timeout) as response:  # noqa: S310 (scheme checked above)
            body = _read_limited(response, started=started, timeout=timeout)
            return Fetched(
                status=response.status,
                url=response.url,
                body=body,
                etag=response.headers.get("ETag", "")[:500],
                last_modified=response.headers.get("Last-Modified", "")[:100],
            )
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(status=304, url=url)
        message = f"The server answered {error.code} ({error.reason})"
        if error.code in RETRIED_STATUSES:
            raise _Retryable(message) from error
        raise FetchError(f"{message}.") from error
    except (TimeoutError, urllib.error.URLError, HTTPException, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise _Retryable(f"No answer within {timeout:g} seconds") from error
        raise _Retryable(f"The connection failed: {reason}") from error


def _read_limited(response: addinfourl, *, started: float, timeout: float) -> bytes:
    """The body, read in chunks and abandoned past `SOURCE_MAX_BYTES` or past the timeout."""
    limit = settings.SOURCE_MAX_BYTES
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(f"The answer is {int(declared):,} bytes, over the limit of {limit:,} bytes.")
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            raise FetchError(f"The answer is larger than {limit:,} bytes, the limit; reading stopped there.")
        if time.monotonic() - started > timeout:
            raise _Retryable(f"The answer took longer than {timeout:g} seconds to arrive")
        chunks.append(chunk)
    return b"".join(chunks)


# --- one source ---------------------------------------------------------------------------------


def source_poll(source: Source) -> PollResult:
    """Poll one source now and record its health; never raises, so the next source is polled anyway."""
    try:
        result = _poll(source)
    except FetchError as error:
        result = PollResult(source, ok=False, error=str(error))
    except Exception as error:  # a bug must cost one source one poll, not the whole round
        logger.exception("Polling source %s failed", source.pk)
        reason = next(iter(str(error).splitlines()), "") or type(error).__name__
        result = PollResult(source, ok=False, error=f"Polling failed unexpectedly: {reason}.")
    _record(result)
    return result


def _poll(source: Source) -> PollResult:
    accept = PAGE_ACCEPT if source.kind == SourceKind.PAGE else FEED_ACCEPT
    fetched = fetch(source.url, accept=accept, etag=source.etag, last_modified=source.last_modified)
    if fetched.status == 304:
        return PollResult(source, ok=True, not_modified=True)
    if source.kind == SourceKind.PAGE:
        links = page_article_links(fetched.body, fetched.url)
        items = [Item(RawDocument(source=link, text="", format="html", url=link)) for link in links]
    else:
        items = feed_items(fetched.body, fetched.url, outlet=source.outlet)
    seen = len(items)
    items = _matching(_not_imported(items), source)
    documents, unreadable = _documents(items, source)
    if not unreadable:  # else the next poll reads the feed again, to retry the article pages that failed
        source.etag, source.last_modified = fetched.etag, fetched.last_modified
    report = import_documents(documents)
    failed = len(report.failures) + unreadable
    return PollResult(source, ok=True, seen=seen, new=report.articles.get("new", 0), failed=failed)


def _record(result: PollResult) -> None:
    """Save the poll's outcome on the source: health, counts, conditional headers, next poll due."""
    source, now = result.source, timezone.now()
    interval = dt.timedelta(minutes=source.poll_interval_minutes)
    changes: dict = {"last_polled_at": now, "items_seen": result.seen, "items_new": result.new}
    if result.ok:
        changes |= {
            "last_success_at": now,
            "last_error": "",
            "consecutive_failures": 0,
            "next_poll_at": now + interval,
            "items_new_total": F("items_new_total") + result.new,
        }
        if not result.not_modified:
            changes |= {"etag": source.etag, "last_modified": source.last_modified}
    else:
        failures = source.consecutive_failures + 1
        changes |= {
            "last_error": result.error,
            "consecutive_failures": failures,
            "next_poll_at": now + backoff(interval, failures),
        }
    Source.objects.filter(pk=source.pk).update(**changes)
    source.refresh_from_db()


def backoff(interval: dt.timedelta, failures: int) -> dt.timedelta:
    """The wait after `failures` consecutive failures: the interval doubled per failure, up to the cap."""
    cap = max(dt.timedelta(seconds=settings.SOURCE_BACKOFF_MAX), interval)
    return min(interval * 2 ** min(failures, 32), cap)


# --- items ----------------------------------------------------------------------------------------


def feed_items(body: bytes, url: str, *, outlet: str = "") -> list[Item]:
    """The entries of an RSS or Atom feed that carry any text; raises FetchError for a malformed feed.

    The importer's own feed reader makes the documents (so a polled entry reads exactly as an
    uploaded feed's would); feedparser is asked once more only whether each entry has content.
    """
    parsed = feedparser.parse(io.BytesIO(body))
    if not parsed.entries:
        if parsed.bozo:
            reason = str(parsed.get("bozo_exception", "")).strip().rstrip(".") or "it is not XML"
            raise FetchError(f"The feed is malformed and has no entries to read: {reason}.")
        return []
    documents = read_bytes(body, source=url, filename="feed.rss", max_bytes=settings.SOURCE_MAX_BYTES)
    if isinstance(documents, ReadError):  # no entry with any text
        return []
    items = []
    for document in documents:
        entry = parsed.entries[int(document.source.rsplit("#", 1)[1]) - 1]
        named = dataclasses.replace(document, source=document.url or document.source, outlet=outlet or document.outlet)
        items.append(Item(named, summary_only=not entry.get("content") and bool(document.url)))
    return items


def page_article_links(body: bytes, url: str) -> list[str]:
    """Links on the page that look like its articles: same site, outside menus and footers, in order."""
    try:
        page = lxml.html.document_fromstring(body, base_url=url)
    except (lxml.etree.ParserError, ValueError) as error:
        raise FetchError(f"The page could not be read as HTML: {error}.") from error
    page.make_links_absolute(url, resolve_base_href=True)
    site = _site(url)
    own_path = urllib.parse.urlsplit(url).path.rstrip("/")
    links: dict[str, None] = {}
    for anchor in page.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or any(ancestor.tag in LINK_EXCLUDED_ANCESTORS for ancestor in anchor.iterancestors()):
            continue
        link = urllib.parse.urldefrag(href).url
        parts = urllib.parse.urlsplit(link)
        same_site = parts.scheme in ("http", "https") and _site(link) == site
        if same_site and parts.path.rstrip("/") != own_path and _looks_like_article(parts.path):
            links.setdefault(link, None)
    return list(links)[:MAX_PAGE_LINKS]


def _site(url: str) -> str:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _looks_like_article(path: str) -> bool:
    """News sites name articles by a slug with dashes or an id; sections and tags are short words."""
    last = path.rstrip("/").rsplit("/", 1)[-1].lower()
    return bool(last) and ("-" in last or any(char.isdigit() for char in last) or last.endswith(ARTICLE_EXTENSIONS))


def _not_imported(items: list[Item]) -> list[Item]:
    """Items whose URL no article has yet (the importer still dedupes the rest by content hash)."""
    urls = [item.document.url for item in items if item.document.url]
    known = set(SourceArticle.objects.filter(url__in=urls).values_list("url", flat=True)) if urls else set()
    return [item for item in items if item.document.url not in known]


def _matching(items: list[Item], source: Source) -> list[Item]:
    """With filter words, only the feed items whose title or summary mentions one; page links all go on."""
    terms = source.filter_terms()
    if not terms or source.kind == SourceKind.PAGE:
        return items
    return [item for item in items if _mentions(item.document, terms)]


def _mentions(document: RawDocument, terms: Iterable[str]) -> bool:
    text = normalize_name(f"{document.title}\n{document.text}")
    return any(term in text for term in terms)


def _documents(items: list[Item], source: Source) -> tuple[list[RawDocument], int]:
    """The documents to import, with article pages fetched where needed, and how many could not be read."""
    documents: list[RawDocument] = []
    unreadable = 0
    terms = source.filter_terms() if source.kind == SourceKind.PAGE else []
    for item in items:
        document = item.document
        if source.kind == SourceKind.PAGE or item.summary_only:
            article = _article_page(document.url, fallback=document if item.summary_only else None, source=source)
            if article is None:
                unreadable += 1
                continue
            if terms and not _mentions(article, terms):
                continue
            document = article
        documents.append(document)
    return documents, unreadable


def _article_page(url: str, *, fallback: RawDocument | None, source: Source) -> RawDocument | None:
    """The article at `url` as its page's main text, with the feed's title and date where it gave them.

    When the page cannot be fetched or holds no main text, the feed entry (`fallback`) is imported
    as it is: its headline and summary still name who and where.
    """
    try:
        fetched = fetch(url, accept=PAGE_ACCEPT)
        read = read_bytes(fetched.body, source=url, filename="article.html", max_bytes=settings.SOURCE_MAX_BYTES)
    except FetchError as error:
        logger.warning("Source %s: article %s not fetched: %s", source.pk, url, error)
        return fallback
    if isinstance(read, ReadError):
        logger.warning("Source %s: article %s not read: %s", source.pk, url, read.message)
        return fallback
    page = read[0]
    return dataclasses.replace(
        page,
        source=url,
        url=url,
        title=(fallback.title if fallback else "") or page.title,
        published_on=(fallback.published_on if fallback else None) or page.published_on,
        outlet=source.outlet or (fallback.outlet if fallback else "") or page.outlet,
    )


# --- many sources ---------------------------------------------------------------------------------


def sources_claim_due(now: dt.datetime | None = None) -> list[int]:
    """Keys of the due sources, each claimed by moving its next poll one interval on.

    The claim is a conditional update: of two schedulers or workers looking at once, only one gets a
    source. The poll itself then sets the real next poll (the interval, or the back-off).
    """
    now = now or timezone.now()
    claimed = []
    for source in Source.objects.due(now).only("pk", "next_poll_at", "poll_interval_minutes"):
        lease = now + dt.timedelta(minutes=source.poll_interval_minutes)
        if Source.objects.filter(pk=source.pk, next_poll_at=source.next_poll_at).update(next_poll_at=lease):
            claimed.append(source.pk)
    return claimed


def sources_poll(sources: Iterable[Source]) -> list[PollResult]:
    """Poll each source in turn; one failing never stops the others."""
    return [source_poll(source) for source in sources]
