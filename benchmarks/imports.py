"""Import throughput: generated articles in every format the importer reads, imported by `import_articles`.

The articles are written by the demo generator (with a seed of their own, so they are new to the
database): four in ten as plain text with the ` date YYYY-MM-DD` prefix, two as HTML pages, two as
JSON objects, one in JSON Lines files and one in RSS feeds. They are imported into a copy of the
benchmark database (a PostgreSQL database made from it as a template, or a copy of the SQLite
file), so the import meets a database as large as the benchmark's and leaves it unchanged. The import
runs `manage.py import_articles` in a subprocess (`benchmarks.import_run`) whose peak resident memory
is read from `getrusage`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from leads.demo_data import LOADED_MODELS, DemoGenerator, DemoPlan, Reference
from leads.models import SourceArticle

FEED_ITEMS = 200
TEMPLATE_ATTEMPTS = 120  # seconds to wait for the last connections to the template database to go
JSON_LINES_RECORDS = 500


def generated_articles(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """`count` articles as the demo generator writes them (title, body, date, outlet, URL)."""
    plan = DemoPlan(opportunities=2 * count, seed=seed, organizations=max(1, count // 2), articles=count, users=0)
    generator = DemoGenerator(plan, Reference.load(), user_ids=[], first_ids=dict.fromkeys(LOADED_MODELS, 1))
    for batch, _opportunities in generator.batches():
        yield from batch.get(SourceArticle, [])


def write_articles(folder: Path, count: int, seed: int) -> int:
    """Write `count` articles into `folder` in the importer's formats; returns how many were written."""
    folder.mkdir(parents=True, exist_ok=True)
    json_lines: list[str] = []
    feed: list[dict[str, Any]] = []
    written = 0
    for number, article in enumerate(generated_articles(count, seed)):
        kind = number % 10
        published: date = article["published_on"]
        if kind < 4:
            text = f"date {published.isoformat()} {article['title']}\n\n{article['body']}\n\nTheo {article['byline']}"
            (folder / f"{number:06d}.txt").write_text(text, encoding="utf-8")
        elif kind < 6:
            (folder / f"{number:06d}.html").write_text(_html(article), encoding="utf-8")
        elif kind < 8:
            (folder / f"{number:06d}.json").write_text(json.dumps(_record(article), ensure_ascii=False), "utf-8")
        elif kind == 8:
            json_lines.append(json.dumps(_record(article), ensure_ascii=False))
            if len(json_lines) == JSON_LINES_RECORDS:
                _flush_json_lines(folder, number, json_lines)
        else:
            feed.append(article)
            if len(feed) == FEED_ITEMS:
                _flush_feed(folder, number, feed)
        written += 1
    _flush_json_lines(folder, count, json_lines)
    _flush_feed(folder, count, feed)
    return written


def _record(article: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": article["title"],
        "body": article["body"],
        "published_on": article["published_on"].isoformat(),
        "outlet": article["outlet"],
        "url": article["url"].replace("tin-dau-tu.example", "nhap-bai.example"),
    }


def _html(article: dict[str, Any]) -> str:
    paragraphs = "\n".join(f"<p>{escape(line)}</p>" for line in article["body"].split("\n"))
    return (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{escape(article['title'])}</title>"
        f"<meta property='article:published_time' content='{article['published_on'].isoformat()}'>"
        f"<meta property='og:site_name' content='{escape(article['outlet'])}'></head>"
        f"<body><nav>Trang chủ | Kinh tế | Đầu tư</nav><article><h1>{escape(article['title'])}</h1>"
        f"<p class='byline'>{escape(article['byline'])}</p>{paragraphs}</article>"
        "<footer>Bản quyền thuộc về tòa soạn.</footer></body></html>"
    )


def _flush_json_lines(folder: Path, number: int, lines: list[str]) -> None:
    if lines:
        (folder / f"{number:06d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        lines.clear()


def _flush_feed(folder: Path, number: int, items: list[dict[str, Any]]) -> None:
    if not items:
        return
    entries = "".join(
        "<item>"
        f"<title>{escape(item['title'])}</title>"
        f"<link>{escape(item['url'].replace('tin-dau-tu.example', 'nguon-tin.example'))}</link>"
        f"<pubDate>{format_datetime(datetime.combine(item['published_on'], datetime.min.time(), UTC))}</pubDate>"
        f"<description>{escape(item['body'])}</description>"
        "</item>"
        for item in items
    )
    (folder / f"{number:06d}.rss").write_text(
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Bản tin Đầu tư</title>"
        f"<link>https://nguon-tin.example/</link><description>Tin đầu tư</description>{entries}</channel></rss>",
        encoding="utf-8",
    )
    items.clear()


# ---------------------------------------------------------------------------------------------
# A throw-away copy of the benchmark database
# ---------------------------------------------------------------------------------------------


@contextmanager
def database_copy() -> Iterator[tuple[str, float]]:
    """(DATABASE_URL of a copy of the configured database, seconds the copy took); dropped afterwards.

    Nothing may be connected to a PostgreSQL database while it serves as a template: the caller
    stops its servers first, and Django's own connection is closed here.
    """
    settings_dict = connection.settings_dict
    connection.close()
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        import psycopg

        copy = f"{settings_dict['NAME']}_import_{os.getpid()}"
        admin = psycopg.connect(_conninfo(settings_dict, "postgres"), autocommit=True)
        try:
            for attempt in range(TEMPLATE_ATTEMPTS):
                try:
                    admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{settings_dict["NAME"]}"')
                    break
                except psycopg.errors.ObjectInUse:  # autovacuum or a closing connection: wait for it
                    if attempt == TEMPLATE_ATTEMPTS - 1:
                        raise
                    time.sleep(1)
            seconds = time.perf_counter() - started
            yield _postgres_url(settings_dict, copy), seconds
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
            admin.close()
        return
    source = Path(settings_dict["NAME"])
    copy_path = source.with_name(f"{source.stem}_import_{os.getpid()}.sqlite3")
    with sqlite3.connect(source) as original, sqlite3.connect(copy_path) as target:
        original.backup(target)
    try:
        yield f"sqlite:///{copy_path}", time.perf_counter() - started
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy_path}{suffix}").unlink(missing_ok=True)


def _conninfo(settings_dict: dict[str, Any], name: str) -> str:
    from psycopg.conninfo import make_conninfo

    options = {
        "dbname": name,
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or None,
        "port": str(settings_dict["PORT"]) if settings_dict.get("PORT") else None,
    }
    return make_conninfo(**{key: value for key, value in options.items() if value is not None})


def limit_dsn() -> tuple[str, str]:
    """(vendor, DSN) of the configured database, for the limit app."""
    if connection.vendor == "postgresql":
        return "postgresql", _conninfo(connection.settings_dict, connection.settings_dict["NAME"])
    return "sqlite", str(connection.settings_dict["NAME"])


def _postgres_url(settings_dict: dict[str, Any], name: str) -> str:
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{name}"


def run_import(folder: Path, database_url: str, environment: dict[str, str]) -> dict[str, Any]:
    """Import the folder with `import_articles` in a subprocess against `database_url`; what it measured."""
    env = {**environment, "DATABASE_URL": database_url}
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.import_run", str(folder)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
    if completed.returncode != 0 or not lines:
        raise RuntimeError(f"The import run failed: {completed.stderr.strip()[-2000:]}")
    return json.loads(lines[-1])
