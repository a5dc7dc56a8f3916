"""The API benchmark (`manage.py benchmark`): what it measures, and the limit it measures against.

- `cases`: the requests of issue 10's table, with the parameters picked from the database at hand.
- `limit_app`: a bare WSGI app serving the same rows with hand-written SQL (psycopg on PostgreSQL,
  sqlite3 on SQLite) and orjson; no Django. Served by gunicorn with the API's settings, it is what
  the database and the HTTP stack can do, the yardstick for the API.
- `client`: the load generator (threads, `http.client`, keep-alive), with its own overhead measured.
- `imports`: article files in the formats the importer reads, and an import run in a subprocess.

Nothing in `leads` or `importers` imports this package.
"""
