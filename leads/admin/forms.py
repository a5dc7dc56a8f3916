"""Forms of the admin's own pages (stage moves, merges, imports), the folded-name checks of its record forms,
and the version a record's form was opened at."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F
from django.forms.models import BaseInlineFormSet, InlineForeignKeyField
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from leads.choices import STAGES_NEEDING_REASON, Stage
from leads.services import opportunity_sectors_with_primary
from leads.text import normalize_name


def _reason_help():
    return format_lazy(
        _("Required when moving to {stages}. Recorded in the stage history."),
        stages=format_lazy("{} / {}", *(Stage(stage).label for stage in STAGES_NEEDING_REASON)),
    )


class StageMoveForm(forms.Form):
    """The target stage and the note (the reason, for lost / on hold) of a stage move."""

    to_stage = forms.ChoiceField(label=_("Move to stage"), choices=Stage.choices)
    note = forms.CharField(
        label=_("Note / reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_reason_help(),
    )

    def __init__(self, *args, allowed: list[str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["to_stage"].choices = [(value, label) for value, label in Stage.choices if value in allowed]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (`<input type="file" multiple>`)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ImportForm(forms.Form):
    """What to import: uploaded files, pasted text, or both."""

    files = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("Plain text (optionally starting with “ date YYYY-MM-DD”), HTML, JSON, JSON Lines, RSS or Atom."),
    )
    text = forms.CharField(
        label=_("Pasted article"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
        help_text=_("The first line is the title; the rest is the body."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("files") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Choose a file or paste an article."), code="empty")
        return data


def _constraint_fields(constraint) -> set[str]:
    """The model fields a constraint names, directly or inside its expressions (`Coalesce("country", ...)`)."""
    names = set(getattr(constraint, "fields", ()))
    for expression in getattr(constraint, "expressions", ()):
        nodes = expression.flatten() if hasattr(expression, "flatten") else [expression]
        names.update(node.name for node in nodes if isinstance(node, F))
    return names


def folded_duplicate_message(model: type[models.Model], key: str) -> str:
    """What the model says when two records share the folded `key`: its unique constraint's own message."""
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and key in _constraint_fields(constraint):
            if constraint.fields and constraint.violation_error_message == constraint.default_violation_error_message:
                return model().unique_error_message(model, constraint.fields).messages[0]
            return constraint.get_violation_error_message()
    return ""


class FoldedKeysFormMixin:
    """Fill the folded dedup keys (`normalized_name`) before validation, so duplicates are form errors.

    The models fold their names in `save()`, and a key that is not a form field is left out of
    validation: a name that only differs from an existing one in case or accents (“TẬP ĐOÀN
    GOERTEK” beside “Tập đoàn Goertek”) would reach the database's unique constraint and fail there.
    Here the key is folded from the cleaned name first and the model's unique constraints are checked
    with it, as `leads.services.record_save` does for the API. On an inline row the parent link is
    checked too once the parent exists (Django leaves it out of validation, in case it does not yet).
    """

    folded_keys: tuple[tuple[str, str], ...] = (("normalized_name", "name"),)

    def _folded_ready(self) -> list[str]:
        return [key for key, source in self.folded_keys if source not in self._errors and source in self.cleaned_data]

    def _get_validation_exclusions(self) -> set[str]:
        return super()._get_validation_exclusions() - set(self._folded_ready())

    def _post_clean(self) -> None:
        sources = dict(self.folded_keys)
        for key in self._folded_ready():
            folded = normalize_name(self.cleaned_data[sources[key]] or "")
            setattr(self.instance, key, folded)
            self.cleaned_data[key] = folded  # so a formset compares its rows by the folded key too
        super()._post_clean()
        self._validate_parent_constraints()

    def _validate_parent_constraints(self) -> None:
        links = {name for name, field in self.fields.items() if isinstance(field, InlineForeignKeyField)}
        if not links or self._errors.get(NON_FIELD_ERRORS):
            return
        instance = self.instance
        if any(getattr(instance, instance._meta.get_field(name).attname) is None for name in links):
            return  # the parent is being added: nothing of its can be in the database yet
        exclude = self._get_validation_exclusions() - links
        for constraint in instance._meta.constraints:
            if links & _constraint_fields(constraint):
                try:
                    constraint.validate(type(instance), instance, exclude=exclude)
                except ValidationError as error:
                    self._update_errors(error)


class FoldedKeysInlineFormSet(BaseInlineFormSet):
    """Rows of one parent: two rows whose names fold to the same key are refused, not left to the database."""

    def get_unique_error_message(self, unique_check) -> str:
        keys = {key for key, _source in self.form.folded_keys}
        if keys & set(unique_check):
            return folded_duplicate_message(self.model, next(iter(keys & set(unique_check))))
        return super().get_unique_error_message(unique_check)

    def validate_unique(self) -> None:
        super().validate_unique()  # unique constraints on plain fields, e.g. (organization, normalized_name)
        # Constraints on expressions (`Coalesce("organization", 0), "normalized_name"`) are not among
        # Django's formset checks: compare the folded keys of the rows here.
        keys = [key for key, _source in self.form.folded_keys]
        seen: set[tuple] = set()
        errors = []
        for form in self.forms:
            if not form.is_valid() or form in self.deleted_forms or not all(form.cleaned_data.get(k) for k in keys):
                continue
            row = tuple(form.cleaned_data[key] for key in keys)
            if row in seen:
                form.add_error(None, self.get_form_error())
                errors.append(folded_duplicate_message(self.model, keys[0]))
            seen.add(row)
        if errors:
            raise ValidationError(errors)


def stale_form_message(record: models.Model) -> str:
    return _(
        "This %(model)s was changed by someone else since you opened it, so nothing was saved. Reload the page "
        "to see their changes, then make yours again."
    ) % {"model": record._meta.verbose_name}


class VersionedModelForm(forms.ModelForm):
    """The form of a record staff edit, carrying the version it was opened at: refused once the record moved on.

    Without it, saving a page opened before a colleague's change (or a stage move, or a merge's
    notes) would silently write back what the page showed. The admin reads the record under its
    row lock when the form is posted (`leads.admin.base.VersionedAdminMixin`), so this check and the
    save see the same row. A post without the field (a script rather than the page) is saved on
    the row as it is now.
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["opened_version"] = self.instance.version

    def clean(self):
        data = super().clean()
        opened = data.get("opened_version")
        if self.instance.pk is not None and opened is not None and opened != self.instance.version:
            raise ValidationError(stale_form_message(self.instance), code="stale")
        return data


class OrganizationForm(FoldedKeysFormMixin, VersionedModelForm):
    pass


class OrganizationAliasForm(FoldedKeysFormMixin, forms.ModelForm):
    pass


class ContactForm(FoldedKeysFormMixin, VersionedModelForm):
    folded_keys = (("normalized_name", "full_name"),)


class OpportunityForm(VersionedModelForm):
    """The opportunity page: the primary sector is always one of its sectors, and a site lies in the target province.

    A site chosen for a nationwide lead gives it the site's province; a site in another
    province than the one chosen is refused, since staff would count the lead in the wrong place.
    """

    def clean(self):
        data = super().clean()
        if "sectors" in self.fields and "sectors" not in self._errors:
            data["sectors"] = opportunity_sectors_with_primary(
                sectors=data.get("sectors") or [], primary=data.get("primary_sector")
            )
        site = data.get("site")
        if site is not None and "province" in self.fields and "province" not in self._errors:
            province = data.get("province")
            if province is None:
                data["province"] = site.province
            elif province.pk != site.province_id:
                self.add_error(
                    "site",
                    _("%(site)s is in %(site_province)s, not in %(province)s.")
                    % {"site": site, "site_province": site.province, "province": province},
                )
        return data
