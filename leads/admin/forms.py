"""Forms of the admin's own pages: stage moves, merges, imports."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from leads.choices import STAGES_NEEDING_REASON, Stage


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
