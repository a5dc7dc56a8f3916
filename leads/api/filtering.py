"""The filter backend: django-filter, strict about what it is given.

A parameter nobody declared (a typo such as `?secto=ai`) is a 400 listing the parameters the
endpoint understands, because a filter silently ignored returns the whole table as if it had
been applied.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

# Parameters that are not filters but are understood everywhere (pagination, format).
GENERAL_PARAMETERS = frozenset({"page", "page_size", "cursor", "format"})


class StrictFilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request: Request, queryset, view: APIView):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(GENERAL_PARAMETERS)
        if filterset_class is not None:
            known |= set(filterset_class.base_filters)
        if getattr(view, "action", None) == "sync":
            known.discard("ordering")
            known.discard("page")
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise ValidationError(
                {
                    name: [
                        _("Unknown parameter. This endpoint understands: %(known)s.")
                        % {"known": ", ".join(sorted(known))}
                    ]
                    for name in unknown[:10]
                }
            )
        return super().filter_queryset(request, queryset, view)
