"""`manage.py create_api_token`: issue an API token for an integration and print its key.

Staff usually create and revoke tokens in the admin (Investment leads › API tokens); this command
is for scripts and for the README's `curl` examples. `--revoke KEY` revokes one.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from leads.models import ApiToken


class Command(BaseCommand):
    help = "Create an API token acting as a user (optionally read-only) and print its key, or revoke one."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--user", default="admin", help="Username the token acts as (default: admin).")
        parser.add_argument("--name", default="curl", help="Which integration uses it.")
        parser.add_argument("--read-only", action="store_true", help="Allow only GET, HEAD and OPTIONS.")
        parser.add_argument("--revoke", metavar="KEY", help="Revoke the token with this key instead.")

    def handle(self, *args, user: str, name: str, read_only: bool, revoke: str | None, **options) -> None:
        if revoke:
            updated = ApiToken.objects.filter(key=revoke, revoked_at__isnull=True).update(revoked_at=timezone.now())
            if not updated:
                raise CommandError("No active token has this key.")
            self.stdout.write(self.style.SUCCESS("Token revoked."))
            return
        owner = get_user_model().objects.filter(username=user).first()
        if owner is None:
            raise CommandError(f"No user called “{user}”.")
        token = ApiToken.objects.create(user=owner, name=name, read_only=read_only)
        self.stdout.write(token.key)
