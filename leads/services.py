"""Writes with rules: every stage move and every merge goes through these functions.

The admin, the API and the management commands call the same functions, so a rule is
enforced in one place. Each entry point is atomic and validates before it saves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leads.choices import OPEN_STAGES, STAGES_NEEDING_REASON, ActivityKind, ReviewStatus, Stage
from leads.models import (
    Activity,
    Contact,
    Evidence,
    Opportunity,
    Organization,
    OrganizationAlias,
    Sector,
    StageChange,
)
from leads.text import normalize_name

User = AbstractBaseUser | AnonymousUser

# Where each stage may go. Open stages may move forward, back, or close; a closed opportunity
# (won, lost, on hold) may be reopened, and a parked one may be given up.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    **{stage: frozenset(Stage.values) - {stage} for stage in OPEN_STAGES},
    Stage.WON: frozenset(OPEN_STAGES),
    Stage.LOST: frozenset(OPEN_STAGES),
    Stage.ON_HOLD: frozenset(OPEN_STAGES) | {Stage.LOST},
}

WON_PERMISSION = "leads.mark_won"


class StageMoveError(ValidationError):
    """A stage move the rules forbid; the message says why in words staff understand."""


@transaction.atomic
def opportunity_move_stage(
    *, opportunity: Opportunity, to_stage: str, user: User | None, note: str = ""
) -> StageChange:
    """Move an opportunity to `to_stage` and record the move.

    Refuses moves the rules forbid, requires a reason for `lost` and `on_hold`, and requires
    the `leads.mark_won` permission to mark an opportunity won or to reopen a won one.
    """
    locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    from_stage = locked.stage
    note = note.strip()
    if to_stage not in Stage.values:
        raise StageMoveError(_("“%(stage)s” is not a stage.") % {"stage": to_stage}, code="unknown_stage")
    if to_stage == from_stage:
        raise StageMoveError(
            _("The opportunity is already at stage “%(stage)s”.") % {"stage": Stage(to_stage).label},
            code="same_stage",
        )
    if to_stage not in ALLOWED_MOVES[from_stage]:
        raise StageMoveError(
            _("An opportunity cannot move from “%(from)s” to “%(to)s”.")
            % {"from": Stage(from_stage).label, "to": Stage(to_stage).label},
            code="forbidden_move",
        )
    if Stage.WON in (to_stage, from_stage) and not (user and user.has_perm(WON_PERMISSION)):
        raise PermissionDenied(_("Only staff allowed to mark opportunities as won can move one to or from “Won”."))
    if to_stage in STAGES_NEEDING_REASON and not note:
        raise StageMoveError(
            _("Give a reason to move an opportunity to “%(stage)s”.") % {"stage": Stage(to_stage).label},
            code="reason_required",
        )

    locked.stage = to_stage
    locked.stage_reason = note if to_stage in STAGES_NEEDING_REASON else ""
    locked.full_clean()
    locked.save()
    opportunity.refresh_from_db()
    return StageChange.objects.create(
        opportunity=locked,
        from_stage=from_stage,
        to_stage=to_stage,
        changed_by=user if user and user.is_authenticated else None,
        note=note,
    )


@transaction.atomic
def organization_add_alias(*, organization: Organization, name: str) -> OrganizationAlias | None:
    """Record another name of an organization; None when it is already its name or an alias."""
    key = normalize_name(name)
    if not key or key == organization.normalized_name:
        return None
    alias, created = OrganizationAlias.objects.get_or_create(
        organization=organization, normalized_name=key, defaults={"name": name.strip()}
    )
    return alias if created else None


@dataclass
class MergeResult:
    """What an organization merge moved, for the confirmation message and the API response."""

    kept: Organization
    merged_names: list[str] = field(default_factory=list)
    contacts_moved: int = 0
    contacts_combined: int = 0
    opportunities_moved: int = 0
    opportunities_kept_apart: list[int] = field(default_factory=list)
    evidence_moved: int = 0
    activities_moved: int = 0
    aliases_added: int = 0


@transaction.atomic
def organizations_merge(*, keep: Organization, merge: list[Organization], user: User | None = None) -> MergeResult:
    """Merge duplicates into `keep`: everything that pointed at them moves, their names become aliases.

    Nothing is lost. A contact who exists under both organizations becomes one contact (blank
    fields filled, differing details kept in the notes). An imported opportunity that would
    collide with one of `keep`'s (same origin, province and project) moves too but is marked as
    entered by hand, so both stay and staff decide; its id is reported.
    """
    result = MergeResult(kept=keep)
    keep = Organization.objects.select_for_update().get(pk=keep.pk)
    for duplicate in merge:
        if duplicate.pk == keep.pk:
            raise ValidationError(_("An organization cannot be merged into itself."), code="merge_self")
        duplicate = Organization.objects.select_for_update().get(pk=duplicate.pk)
        result.merged_names.append(duplicate.name)
        _move_contacts(duplicate, keep, result)
        _move_opportunities(duplicate, keep, result)
        result.evidence_moved += Evidence.objects.filter(organization=duplicate).update(organization=keep)
        # `update()` skips auto_now: bump updated_at by hand so sync clients see the move.
        result.activities_moved += Activity.objects.filter(organization=duplicate).update(
            organization=keep, updated_at=timezone.now()
        )
        for name in [duplicate.name, *duplicate.aliases.values_list("name", flat=True)]:
            if organization_add_alias(organization=keep, name=name):
                result.aliases_added += 1
        keep.sectors.add(*duplicate.sectors.all())
        _fill_blanks(keep, duplicate, ("country_id", "province_id", "region_id", "website"))
        if duplicate.notes.strip():
            keep.notes = "\n\n".join(filter(None, [keep.notes, f"[{duplicate.name}] {duplicate.notes}"]))
        duplicate.delete()
    keep.full_clean()
    keep.save()
    result.kept = keep
    return result


def _fill_blanks(target, source, fields: tuple[str, ...]) -> None:
    for name in fields:
        if not getattr(target, name) and getattr(source, name):
            setattr(target, name, getattr(source, name))


def _move_contacts(duplicate: Organization, keep: Organization, result: MergeResult) -> None:
    kept_by_name = {contact.normalized_name: contact for contact in keep.contacts.all()}
    for contact in duplicate.contacts.all():
        twin = kept_by_name.get(contact.normalized_name)
        if twin is None:
            contact.organization = keep
            contact.save()
            result.contacts_moved += 1
            continue
        contacts_combine(keep=twin, duplicate=contact)
        result.contacts_combined += 1


def contacts_combine(*, keep: Contact, duplicate: Contact) -> Contact:
    """Fold `duplicate` into `keep`: links move, blank fields are filled, differing details go to notes."""
    Evidence.objects.filter(contact=duplicate).update(contact=keep)
    Activity.objects.filter(contact=duplicate).update(contact=keep, updated_at=timezone.now())
    linked = list(duplicate.opportunities.values_list("pk", flat=True))
    for opportunity in Opportunity.objects.filter(pk__in=linked):
        opportunity.contacts.add(keep)
    Opportunity.objects.filter(pk__in=linked).update(updated_at=timezone.now())  # sync clients see the new contact
    differing = [
        f"{label}: {getattr(duplicate, name)}"
        for name, label in (("title", _("title")), ("email", _("e-mail")), ("phone", _("phone")))
        if getattr(duplicate, name) and getattr(keep, name) and getattr(duplicate, name) != getattr(keep, name)
    ]
    _fill_blanks(keep, duplicate, ("title", "email", "phone"))
    keep.notes = "\n\n".join(filter(None, [keep.notes, duplicate.notes, "; ".join(differing)]))
    duplicate.delete()
    keep.save()
    return keep


def _move_opportunities(duplicate: Organization, keep: Organization, result: MergeResult) -> None:
    for opportunity in duplicate.opportunities.all():
        collides = (
            opportunity.is_imported
            and Opportunity.objects.filter(
                is_imported=True,
                organization=keep,
                origin_region_id=opportunity.origin_region_id,
                origin_country_id=opportunity.origin_country_id,
                province_id=opportunity.province_id,
                project_key=opportunity.project_key,
            ).exists()
        )
        if collides:
            opportunity.is_imported = False
            result.opportunities_kept_apart.append(opportunity.pk)
        opportunity.organization = keep
        opportunity.save()
        result.opportunities_moved += 1


def opportunity_sectors_with_primary(*, sectors: Iterable[Sector], primary: Sector | None) -> list[Sector]:
    """The sectors an opportunity is saved with: those chosen, and its primary sector among them.

    One rule for the admin's form, the API and the importer (whose primary is the first of the
    sectors it found): a lead filtered by its primary sector is also found by `sector`.
    """
    chosen = list(sectors)
    if primary is not None and all(sector.pk != primary.pk for sector in chosen):
        chosen.append(primary)
    return chosen


@transaction.atomic
def opportunities_assign_owner(*, opportunities: Iterable[Opportunity], owner: AbstractBaseUser | None) -> int:
    """Make `owner` (None: nobody) the owner of each opportunity; returns how many changed.

    Saved one by one so `updated_at` and the search text move with each record, as any
    other edit does; the admin's "assign to me" action calls this.
    """
    changed = 0
    for opportunity in opportunities:
        if opportunity.owner_id == (owner.pk if owner else None):
            continue
        opportunity.owner = owner
        opportunity.full_clean()
        opportunity.save()
        changed += 1
    return changed


@transaction.atomic
def lead_review(*, lead: Opportunity | Contact, decision: str, user: User | None = None) -> Opportunity | Contact:
    """Record what staff decided about a lead the importer found: accepted or rejected.

    A rejected lead is kept, not deleted: the importer finds it again by its key (an
    opportunity's investor, province and project; a contact's name and
    organization) and leaves it rejected, so re-importing does not bring it back. The
    decision is logged as a note on the lead.
    """
    if decision not in (ReviewStatus.ACCEPTED, ReviewStatus.REJECTED, ReviewStatus.PENDING):
        raise ValidationError(_("“%(decision)s” is not a review decision.") % {"decision": decision}, code="decision")
    lead = type(lead).objects.select_for_update().get(pk=lead.pk)
    if lead.review_status == decision:
        return lead
    lead.review_status = decision
    lead.full_clean()
    lead.save()
    subject = {
        ReviewStatus.ACCEPTED: _("Accepted in review"),
        ReviewStatus.REJECTED: _("Rejected in review"),
        ReviewStatus.PENDING: _("Sent back to review"),
    }[ReviewStatus(decision)]
    Activity.objects.create(
        kind=ActivityKind.NOTE,
        subject=subject,
        created_by=user if user and user.is_authenticated else None,
        **{"opportunity" if isinstance(lead, Opportunity) else "contact": lead},
    )
    return lead


# Keys that a model's save() folds from another field; computed before validation so that
# uniqueness is checked on them (`full_clean()` runs before `save()` fills them in).
_FOLDED_KEYS: dict[type, tuple[tuple[str, str], ...]] = {
    Organization: (("normalized_name", "name"),),
    Contact: (("normalized_name", "full_name"),),
}


@transaction.atomic
def record_save(*, record, many_to_many: dict[str, list] | None = None):
    """Validate and save a record edited through the API: field rules, choices and unique constraints.

    A duplicate (an organization whose name, folded, already exists in its country; a contact
    already at the organization) is refused with the constraint's own message instead of failing
    in the database. `many_to_many` links (`{"sectors": [...]}`) are set after the save.
    """
    for key, source in _FOLDED_KEYS.get(type(record), ()):
        setattr(record, key, normalize_name(getattr(record, source)))
    record.full_clean()
    record.save()
    for name, values in (many_to_many or {}).items():
        getattr(record, name).set(values)
    return record


@transaction.atomic
def activity_log(*, activity: Activity, user: User | None = None) -> Activity:
    """Log (or edit) a note, call, meeting, e-mail or visit against an opportunity, organization or contact.

    A new activity is logged by `user`. It must be about something: an activity linked to nothing
    is refused with a message, not by the database constraint.
    """
    if not (activity.opportunity_id or activity.organization_id or activity.contact_id):
        raise ValidationError(
            _("Say what the activity is about: an opportunity, an organization or a contact."), code="no_subject"
        )
    if activity._state.adding and user is not None and user.is_authenticated:
        activity.created_by = user
    activity.full_clean()
    activity.save()
    return activity
