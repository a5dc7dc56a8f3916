"""What integrations use: API tokens staff issue and revoke, and the deleted-records feed.

A token's key is shown once, in a message after the token is saved, and never again: the database
holds only its hash (`leads.models.integration`), and the pages show its first characters. Whom a
token may act as is `leads.tokens`' rule; the add form checks it and the save goes through
`api_token_issue`, which checks it again whatever was posted.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import ForeignKey, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from leads.models import ApiToken, DeletedRecord
from leads.tokens import api_token_issue, api_tokens_revoke, issue_refusal, users_offered


class ApiTokenForm(forms.ModelForm):
    """The token form; on a new token, the chosen user must be one the issuer may issue a token for."""

    #: Set by `ApiTokenAdmin.get_form` on the form class it builds for each request.
    issued_by = None

    def clean_user(self):
        user = self.cleaned_data["user"]
        if self.issued_by is not None and (refusal := issue_refusal(self.issued_by, user)):
            raise ValidationError(refusal)
        return user


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = ("name", "prefix", "user", "read_only", "created_at", "last_used_at", "revoked_at")
    list_filter = ("read_only", ("revoked_at", admin.EmptyFieldListFilter))
    list_select_related = ("user",)
    search_fields = ("name", "prefix", "user__username")
    actions = ["revoke"]
    add_fields = ("name", "user", "read_only")
    # Whom a token acts as and whether it may write are fixed once its key is handed out: the holder
    # got the key on those terms. Only the name stays editable; a different token is a new one.
    change_fields = ("name", "prefix", "user", "read_only", "created_at", "last_used_at", "revoked_at")

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> tuple[str, ...]:
        return self.add_fields if obj is None else self.change_fields

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> tuple[str, ...]:
        return () if obj is None else self.change_fields[1:]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApiToken]:
        return super().get_queryset(request).visible_to(request.user)

    def get_form(self, request: HttpRequest, obj: ApiToken | None = None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.issued_by = request.user  # a class modelform_factory made for this request alone
        return form

    def formfield_for_foreignkey(self, db_field: ForeignKey, request: HttpRequest, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = users_offered(request.user)
            kwargs["initial"] = request.user.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: ApiToken, form: forms.ModelForm, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
        else:
            api_token_issue(token=obj, issued_by=request.user)

    def response_add(self, request: HttpRequest, obj: ApiToken, post_url_continue: str | None = None) -> HttpResponse:
        response = super().response_add(request, obj, post_url_continue)
        self.message_user(
            request,
            _("The key of “%(name)s” is %(key)s. Copy it now: it will not be shown again.")
            % {"name": obj.name, "key": obj.key},
            messages.WARNING,
        )
        return response

    @admin.action(description=gettext_lazy("Revoke selected API tokens"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = api_tokens_revoke(tokens=queryset, revoked_by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count) % {"count": count},
            messages.SUCCESS,
        )


@admin.register(DeletedRecord)
class DeletedRecordAdmin(admin.ModelAdmin):
    list_display = ("model", "object_id", "deleted_at")
    list_filter = ("model", "deleted_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
