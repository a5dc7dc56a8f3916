"""`manage.py create_api_token`: issue an API token for an integration and print its key, once.

Staff usually create and revoke tokens in the admin (Investment leads › API tokens); this command
is for scripts and for the README's `curl` examples. The database keeps only the key's hash, so
the printed key cannot be shown again: `--revoke` takes the token's id or its prefix (the first
8 characters of the key, shown in the admin's list). Whoever runs commands on the server already
holds every right, so the command checks no issuer (see `leads.tokens`).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from leads.models import ApiToken
from leads.tokens import api_token_issue, api_tokens_revoke

MAX_ID_DIGITS = 18  # a bigint; a longer number is no id, and the database would refuse the lookup


class Command(BaseCommand):
    help = "Create an API token acting as a user (optionally read-only) and print its key, or revoke one."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--user", default="admin", help="Username the token acts as (default: admin).")
        parser.add_argument("--name", default="curl", help="Which integration uses it.")
        parser.add_argument("--read-only", action="store_true", help="Allow only GET, HEAD and OPTIONS.")
        parser.add_argument(
            "--revoke", metavar="ID_OR_PREFIX", help="Revoke the token with this id or key prefix instead."
        )

    def handle(self, *args, user: str, name: str, read_only: bool, revoke: str | None, **options) -> None:
        if revoke is not None:
            self._revoke(revoke.strip())
            return
        owner = get_user_model().objects.filter(username=user).first()
        if owner is None:
            raise CommandError(f"No user called “{user}”.")
        try:
            key = api_token_issue(token=ApiToken(user=owner, name=name, read_only=read_only), issued_by=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(key)

    def _revoke(self, id_or_prefix: str) -> None:
        is_id = id_or_prefix.isascii() and id_or_prefix.isdigit() and len(id_or_prefix) <= MAX_ID_DIGITS
        by_id = Q(pk=int(id_or_prefix)) if is_id else Q()
        active = ApiToken.objects.filter(by_id | Q(prefix=id_or_prefix), revoked_at__isnull=True)
        matches = list(active.values_list("pk", flat=True)[:2])
        if not matches:
            raise CommandError(f"No active token has the id or prefix “{id_or_prefix}”.")
        if len(matches) > 1:
            raise CommandError(f"Several active tokens match “{id_or_prefix}”: give the token's id instead.")
        api_tokens_revoke(tokens=ApiToken.objects.filter(pk=matches[0]), revoked_by=None)
        self.stdout.write(self.style.SUCCESS(f"Token {matches[0]} revoked."))
