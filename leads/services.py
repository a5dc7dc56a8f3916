"""Writes with rules: every stage move and every merge goes through these functions.

The admin, the API and the management commands call the same functions, so a rule is
enforced in one place. Each entry point is atomic and validates before it saves.

Concurrency: each function locks the rows it changes (`select_for_update`), decides on what it
reads under the lock, and saves only the fields it owns (`update_fields`), so two writers of the
same record at the same moment both keep their change: a stage move never puts back a title, an
edit never puts back a stage. Rows are locked in one order (by key) where a function locks several,
so two merges never wait on each other in a cycle. The instance a caller passes is read again
afterwards: it carries the new version (`leads.models.versioning`), which the API sends as its ETag.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
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
    Watch,
)
from leads.models.versioning import VersionedModel, bump_version, check_version
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


class RecordGone(ValidationError):
    """A record the caller read was merged into another or deleted before the change could be made."""

    def __init__(self, record: VersionedModel) -> None:
        try:
            name = str(record)
        except ObjectDoesNotExist:  # an opportunity's summary names its organization, which may be gone too
            name = f"#{record.pk}"
        super().__init__(
            _("“%(record)s” (%(model)s #%(pk)s) was merged or deleted meanwhile; reload and try again.")
            % {"record": name, "model": record._meta.verbose_name, "pk": record.pk},
            code="gone",
        )


# What each model's save() derives from other fields, saved along with them, and the timestamp
# every change moves on (sync clients ask for what changed since a time).
_DERIVED_FIELDS: dict[type, tuple[str, ...]] = {
    Organization: ("normalized_name",),
    Contact: ("normalized_name", "search_text"),
}


def _save_fields(record: VersionedModel, fields: Iterable[str]) -> None:
    """Save only `fields` of a row this transaction holds locked (plus what the model derives from them)."""
    record.save(update_fields={*fields, *_DERIVED_FIELDS.get(type(record), ()), "updated_at"})


def _locked(record: VersionedModel) -> VersionedModel:
    """`record` as it is now, its row locked until the transaction ends; `RecordGone` if it no longer exists."""
    fresh = type(record).objects.select_for_update().filter(pk=record.pk).first()
    if fresh is None:
        raise RecordGone(record)
    return fresh


@transaction.atomic
def opportunity_move_stage(
    *, opportunity: Opportunity, to_stage: str, user: User | None, note: str = ""
) -> StageChange:
    """Move an opportunity to `to_stage` and record the move.

    Refuses moves the rules forbid, requires a reason for `lost` and `on_hold`, and requires
    the `leads.mark_won` permission to mark an opportunity won or to reopen a won one. The rules
    are checked on the row as it is under its lock, and only the stage and its reason are saved.
    """
    locked = _locked(opportunity)
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
    _save_fields(locked, ("stage", "stage_reason"))
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
def organizations_merge(
    *,
    keep: Organization,
    merge: list[Organization],
    user: User | None = None,
    expected_versions: Collection[int] | None = None,
) -> MergeResult:
    """Merge duplicates into `keep`: everything that pointed at them moves, their names become aliases.

    Nothing is lost. A contact who exists under both organizations becomes one contact (blank
    fields filled, differing details kept in the notes). An imported opportunity that would
    collide with one of `keep`'s (same origin, province and project) moves too but is marked as
    entered by hand, so both stay and staff decide; its id is reported.

    `keep` and the duplicates are locked in one query, in the order of their keys, so two merges of
    the same organizations (A into B and B into A, or one duplicate into two) run one after the
    other: the second finds an organization gone and is refused (`RecordGone`), never half done.
    Records that move are read under their own lock and only their link is saved, so a stage move
    or an edit made at the same moment stays. `expected_versions`: refuse (`VersionMismatch`)
    unless `keep` is at one of them.
    """
    wanted = {keep.pk: keep, **{duplicate.pk: duplicate for duplicate in merge}}
    if any(duplicate.pk == keep.pk for duplicate in merge):
        raise ValidationError(_("An organization cannot be merged into itself."), code="merge_self")
    locked = {
        organization.pk: organization
        for organization in Organization.objects.select_for_update().filter(pk__in=wanted).order_by("pk")
    }
    for pk, organization in wanted.items():
        if pk not in locked:
            raise RecordGone(organization)
    original, keep = keep, locked[keep.pk]
    check_version(keep, expected_versions)
    result = MergeResult(kept=keep)
    kept_fields = {"notes"}
    for duplicate in (locked[organization.pk] for organization in merge):
        result.merged_names.append(duplicate.name)
        _move_contacts(duplicate, keep, result)
        _move_opportunities(duplicate, keep, result)
        result.evidence_moved += Evidence.objects.filter(organization=duplicate).update(organization=keep)
        # `update()` skips auto_now: bump updated_at by hand so sync clients see the move.
        result.activities_moved += Activity.objects.filter(organization=duplicate).update(
            organization=keep, updated_at=timezone.now()
        )
        # Staff who followed the duplicate now follow the organization it became.
        Watch.objects.filter(organization=duplicate).update(organization=keep)
        for name in [duplicate.name, *duplicate.aliases.values_list("name", flat=True)]:
            if organization_add_alias(organization=keep, name=name):
                result.aliases_added += 1
        keep.sectors.add(*duplicate.sectors.all())
        kept_fields |= _fill_blanks(keep, duplicate, ("country", "province", "region", "website"))
        if duplicate.notes.strip():
            keep.notes = "\n\n".join(filter(None, [keep.notes, f"[{duplicate.name}] {duplicate.notes}"]))
        duplicate.delete()
    keep.full_clean()
    _save_fields(keep, kept_fields)
    original.refresh_from_db()
    result.kept = keep
    return result


def _fill_blanks(target, source, fields: tuple[str, ...]) -> set[str]:
    """Give `target` the values of `source` where it has none; returns the fields it filled."""
    filled = set()
    for name in fields:
        attname = target._meta.get_field(name).attname
        if not getattr(target, attname) and getattr(source, attname):
            setattr(target, attname, getattr(source, attname))
            filled.add(name)
    return filled


def _move_contacts(duplicate: Organization, keep: Organization, result: MergeResult) -> None:
    kept_by_name = {contact.normalized_name: contact for contact in keep.contacts.select_for_update().order_by("pk")}
    for contact in duplicate.contacts.select_for_update().order_by("pk"):
        twin = kept_by_name.get(contact.normalized_name)
        if twin is None:
            contact.organization = keep
            _save_fields(contact, ("organization",))
            result.contacts_moved += 1
            continue
        contacts_combine(keep=twin, duplicate=contact)
        result.contacts_combined += 1


@transaction.atomic
def contacts_combine(*, keep: Contact, duplicate: Contact) -> Contact:
    """Fold `duplicate` into `keep`: links move, blank fields are filled, differing details go to notes.

    Both are read again under their locks (in the order of their keys); `keep` is refreshed.
    """
    locked = {
        contact.pk: contact
        for contact in Contact.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk]).order_by("pk")
    }
    for contact in (keep, duplicate):
        if contact.pk not in locked:
            raise RecordGone(contact)
    original, keep, duplicate = keep, locked[keep.pk], locked[duplicate.pk]
    Evidence.objects.filter(contact=duplicate).update(contact=keep)
    Activity.objects.filter(contact=duplicate).update(contact=keep, updated_at=timezone.now())
    linked = list(duplicate.opportunities.values_list("pk", flat=True))
    for opportunity in Opportunity.objects.filter(pk__in=linked):
        opportunity.contacts.add(keep)
    # Their contacts changed: sync clients and ETags must see it.
    Opportunity.objects.filter(pk__in=linked).update(updated_at=timezone.now(), **bump_version())
    differing = [
        f"{label}: {getattr(duplicate, name)}"
        for name, label in (("title", _("title")), ("email", _("e-mail")), ("phone", _("phone")))
        if getattr(duplicate, name) and getattr(keep, name) and getattr(duplicate, name) != getattr(keep, name)
    ]
    filled = _fill_blanks(keep, duplicate, ("title", "email", "phone"))
    keep.notes = "\n\n".join(filter(None, [keep.notes, duplicate.notes, "; ".join(differing)]))
    duplicate.delete()
    _save_fields(keep, {*filled, "notes"})
    original.refresh_from_db()
    return keep


def _move_opportunities(duplicate: Organization, keep: Organization, result: MergeResult) -> None:
    for opportunity in duplicate.opportunities.select_for_update().order_by("pk"):
        moved = ["organization"]
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
            moved.append("is_imported")
            result.opportunities_kept_apart.append(opportunity.pk)
        opportunity.organization = keep
        _save_fields(opportunity, moved)
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

    The rows are locked (in the order of their keys) and only the owner is saved, one by one so
    `updated_at`, the version and the history move with each record, as any other edit does; the
    admin's "assign to me" action calls this. One deleted meanwhile is skipped.
    """
    changed = 0
    wanted = [opportunity.pk for opportunity in opportunities]
    for opportunity in Opportunity.objects.select_for_update().filter(pk__in=wanted).order_by("pk"):
        if opportunity.owner_id == (owner.pk if owner else None):
            continue
        opportunity.owner = owner
        opportunity.full_clean()
        _save_fields(opportunity, ("owner",))
        changed += 1
    return changed


@transaction.atomic
def lead_review(*, lead: Opportunity | Contact, decision: str, user: User | None = None) -> Opportunity | Contact:
    """Record what staff decided about a lead the importer found: accepted or rejected.

    A rejected lead is kept, not deleted: the importer finds it again by its key (an
    opportunity's investor, province and project; a contact's name and
    organization) and leaves it rejected, so re-importing does not bring it back. The
    decision is logged as a note on the lead. Only the review status is saved, on the row
    locked; `lead` is refreshed.
    """
    if decision not in (ReviewStatus.ACCEPTED, ReviewStatus.REJECTED, ReviewStatus.PENDING):
        raise ValidationError(_("“%(decision)s” is not a review decision.") % {"decision": decision}, code="decision")
    original, lead = lead, _locked(lead)
    if lead.review_status == decision:
        return lead
    lead.review_status = decision
    lead.full_clean()
    _save_fields(lead, ("review_status",))
    original.refresh_from_db()
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
def record_save(*, record, many_to_many: dict[str, list] | None = None, fields: Iterable[str] | None = None):
    """Validate and save a record edited through the API: field rules, choices and unique constraints.

    A duplicate (an organization whose name, folded, already exists in its country; a contact
    already at the organization) is refused with the constraint's own message instead of failing
    in the database. `many_to_many` links (`{"sectors": [...]}`) are set after the save.

    `fields`: an existing record saves only these (those the client sent), so a change another
    writer made to the others (a stage move, a review, a merge's notes) is never written back. Its
    version check refuses (`StaleRecord`) a record read before another writer's change: the API
    reads the record under its lock first, so that only happens when the caller did not.
    """
    for key, source in _FOLDED_KEYS.get(type(record), ()):
        setattr(record, key, normalize_name(getattr(record, source)))
    record.full_clean()
    if fields is not None and not record._state.adding:
        _save_fields(record, fields)
    else:
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
