"""`manage.py ensure_local_admin`: a superuser for a local SQLite setup, with its credentials printed.

The password is generated once and kept in `.local-admin-password` (ignored by git) so that
every `dev.py serve` can print it again. An existing user's password is only replaced when
`--reset` asks for it. Refused on production settings.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

PASSWORD_FILE = Path(settings.BASE_DIR) / ".local-admin-password"


class Command(BaseCommand):
    help = "Create the local 'admin' superuser if missing and print where and how to log in."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument("--reset", action="store_true", help="Give an existing user a new password.")

    def handle(self, *args, username: str, reset: bool, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError("ensure_local_admin is for local development; use createsuperuser in production.")
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = PASSWORD_FILE.read_text().strip() if PASSWORD_FILE.exists() else ""
        if user is not None and not reset and not (password and user.check_password(password)):
            self.stdout.write(self.style.SUCCESS("Log in at http://127.0.0.1:8000/admin/"))
            self.stdout.write(
                f"  username: {username}\n  password: the one you set (`manage.py ensure_local_admin --reset` "
                "gives it a new one)"
            )
            return
        if user is None or reset:
            password = secrets.token_urlsafe(12)
            PASSWORD_FILE.write_text(password + "\n")
            if user is None:
                User.objects.create_superuser(username=username, email="", password=password)
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
        self.stdout.write(self.style.SUCCESS("Log in at http://127.0.0.1:8000/admin/"))
        self.stdout.write(f"  username: {username}\n  password: {password}")
