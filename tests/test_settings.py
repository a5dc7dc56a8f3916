"""Production settings: hardened enough for `check --deploy`, and refusing to run without a secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their own process; a deployment never has it.
    inherited_only_by_tests = {"SECRET_KEY", "DJANGO_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {key: value for key, value in os.environ.items() if key not in inherited_only_by_tests}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY="a-test-secret-that-is-long-and-random-enough-for-django-0123456789",
        ALLOWED_HOSTS="crm.example.vn",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_ENV="production", ALLOWED_HOSTS="crm.example.vn")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def _production_headers(path: str) -> dict[str, str]:
    """The headers a production server sends on `path` (an HTTPS request, as behind the proxy)."""
    script = (
        "from django.test import Client; "
        f"r = Client().get({path!r}, secure=True, HTTP_HOST='crm.example.vn'); "
        "print(r.status_code); print(r.headers.get('Content-Security-Policy', '')); "
        "print(r.headers.get('Permissions-Policy', ''))"
    )
    result = manage(
        "shell",
        "-c",
        script,
        DJANGO_ENV="production",
        SECRET_KEY="a-test-secret-that-is-long-and-random-enough-for-django-0123456789",
        ALLOWED_HOSTS="crm.example.vn",
    )
    assert result.returncode == 0, result.stderr
    status, csp, permissions = result.stdout.strip().splitlines()[-3:]
    return {"status": status, "csp": csp, "permissions": permissions}


def test_production_sends_a_content_security_policy_of_this_site_only_and_a_permissions_policy():
    # Pages without static files: production serves those from the collectstatic manifest, absent here.
    for path in ("/api/v1/schema/", "/no-such-page/"):
        headers = _production_headers(path)
        policy = dict(part.strip().split(" ", 1) for part in headers["csp"].split(";"))
        assert policy["default-src"] == "'self'"
        assert policy["script-src"].startswith("'self'") and "unsafe-inline" not in policy["script-src"]
        assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
        assert "http" not in headers["csp"]  # no CDN anywhere
        assert "camera=()" in headers["permissions"] and "geolocation=()" in headers["permissions"]


def test_development_sends_no_content_security_policy(client):
    assert "Content-Security-Policy" not in client.get("/no-such-page/").headers
