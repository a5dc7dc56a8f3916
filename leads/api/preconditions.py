"""Optimistic concurrency over HTTP: an `ETag` on each organization, contact and opportunity, `If-Match` on writes.

The ETag names the record and its version (`"opportunity-12-3"`), which goes up with every change
of the record (`leads.models.versioning`). A client that sends it back in `If-Match` with a write
(PATCH, PUT, DELETE, move-stage, review, merge) gets a 412 when the record changed since it read
it; the comparison is made on the row read under its lock, so no other writer can slip in between
the check and the write. `If-Match: *` only asks that the record exists. A write without `If-Match`
is safe too: it is made on the row as it is under its lock and saves only the fields sent, so it
never puts back what another writer changed meanwhile.
"""

from __future__ import annotations

import re

from django.db.models import Model
from django.utils.http import parse_etags
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request


def etag(record: Model) -> str:
    """The strong entity tag of `record` as it is now: its model, key and version."""
    return f'"{record._meta.model_name}-{record.pk}-{record.version}"'


def if_match_versions(request: Request, record: Model) -> frozenset[int] | None:
    """The versions of `record` the request's `If-Match` accepts; None when it sets no condition.

    No header, or `*` (any version, as long as the record exists), sets none. Tags of another
    record, weak tags (`W/"..."`, which never match a strong comparison) and anything unreadable
    match no version, so the write is refused with a 412, as RFC 9110 asks.
    """
    header = request.headers.get("If-Match")
    if header is None:
        return None
    tags = parse_etags(header)
    if "*" in tags:
        return None
    own = re.compile(rf'"{re.escape(record._meta.model_name)}-{record.pk}-([0-9]{{1,10}})"')
    return frozenset(int(match[1]) for tag in tags if (match := own.fullmatch(tag)))


# ---------------------------------------------------------------------------------------------
# The OpenAPI schema of the above
# ---------------------------------------------------------------------------------------------

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=_(
        "The ETag the record had when you read it, its quotes included: the write is refused with a 412 if the "
        "record changed since. Without it the write is still made on the record as it is now, changing only the "
        "fields sent."
    ),
)


def etag_header(*codes: int) -> OpenApiParameter:
    """The `ETag` response header of `codes`: the record's version after the request."""
    return OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        location=OpenApiParameter.HEADER,
        response=list(codes),
        description=_("The record's version, to send back in If-Match with your next write."),
    )
