"""API tokens keep only the SHA-256 of their key (and its first 8 characters), never the key itself.

Every existing key is hashed on the way, so tokens in use keep working. Going back cannot bring
the keys back: each token then gets a fresh random key nobody knows and is revoked.
"""

import hashlib
import secrets

from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone


def hash_keys(apps, schema_editor):
    ApiToken = apps.get_model("leads", "ApiToken")
    for token in ApiToken.objects.only("pk", "key").iterator():
        ApiToken.objects.filter(pk=token.pk).update(
            key_hash=hashlib.sha256(token.key.encode()).hexdigest(), prefix=token.key[:8]
        )


def revoke_with_fresh_keys(apps, schema_editor):
    # One UPDATE per row: on PostgreSQL a row updated twice in the migration's transaction leaves a
    # deferred foreign-key check pending, and the ALTER TABLE that follows would refuse to run.
    ApiToken = apps.get_model("leads", "ApiToken")
    now = timezone.now()
    for pk in ApiToken.objects.values_list("pk", flat=True).iterator():
        ApiToken.objects.filter(pk=pk).update(key=secrets.token_hex(20), revoked_at=Coalesce("revoked_at", Value(now)))


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0010_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="key_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="key hash"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="apitoken",
            name="prefix",
            field=models.CharField(
                default="",
                editable=False,
                help_text="The first characters of the key, to tell tokens apart; the key itself is never shown again.",
                max_length=8,
                verbose_name="key prefix",
            ),
            preserve_default=False,
        ),
        # Nullable (and without a default) while the keys are hashed, so the way back can add it again empty.
        migrations.AlterField(
            model_name="apitoken",
            name="key",
            field=models.CharField(editable=False, max_length=40, null=True, unique=True, verbose_name="key"),
        ),
        migrations.RunPython(hash_keys, revoke_with_fresh_keys),
        migrations.AlterField(
            model_name="apitoken",
            name="key_hash",
            field=models.CharField(editable=False, max_length=64, unique=True, verbose_name="key hash"),
        ),
        migrations.RemoveField(
            model_name="apitoken",
            name="key",
        ),
        migrations.AddConstraint(
            model_name="apitoken",
            constraint=models.CheckConstraint(
                condition=models.Q(("key_hash", ""), _negated=True) & models.Q(("prefix", ""), _negated=True),
                name="apitoken_has_key",
            ),
        ),
        migrations.AlterModelOptions(
            name="apitoken",
            options={
                "ordering": ["-created_at"],
                "permissions": [
                    ("manage_others_tokens", "Can see, create and revoke API tokens acting as other users")
                ],
                "verbose_name": "API token",
                "verbose_name_plural": "API tokens",
            },
        ),
    ]
