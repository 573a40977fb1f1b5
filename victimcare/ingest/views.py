"""The area page: police.uk crimes and outcomes by month beside the victims held there."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import (
    access_feed_run_for_user,
    access_possible_match_for_user,
    can_import_feed,
    can_see_area_context,
    cases_visible_to,
    feed_runs_visible_to,
    force_area_id,
    possible_matches_visible_to,
)
from victimcare.accounts.models import Organisation
from victimcare.audit.models import Action
from victimcare.audit.services import audit_list, audit_look, audit_record
from victimcare.ingest import tasks
from victimcare.ingest.feed import FeedFormatError, file_format
from victimcare.ingest.feed_services import FeedImportError, feed_run_start
from victimcare.ingest.forms import AreaForm, FeedUploadForm, MatchDecisionForm
from victimcare.ingest.selectors import area_figures
from victimcare.ingest.services import possible_match_keep_apart, possible_match_link
from victimcare.refusals import Refusal, refusal_on_form


@staff_required
def area(request: StaffRequest) -> HttpResponse:
    """For the user's force area or one LSOA in it. Every look is audited: the victim counts,
    though aggregate, come from records of victims."""
    force_id = force_area_id(request.user)
    if not can_see_area_context(request.user) or force_id is None:
        raise Http404
    force = Organisation.objects.get(pk=force_id).name
    form = AreaForm(request.GET or None, force=force)
    context: dict[str, Any] = {"form": form, "force": force}
    if form.is_bound and not form.is_valid():
        return render(request, "ingest/area.html", context, status=400)
    lsoa = form.cleaned_data.get("lsoa") if form.is_bound else None
    figures = area_figures(request.user, force_id=force_id, force=force, lsoa=lsoa)
    suppress = can(request.user, Capability.AGGREGATES_ONLY)
    context.update(
        {
            "figures": figures,
            "suppress": suppress,
            "area_name": f"{lsoa[1]} ({lsoa[0]})" if lsoa else f"the {force} area",
            "crimes": figures.crimes.rows(),
            "outcomes": figures.outcomes.rows(),
            "outcome_records": figures.outcome_records.rows(),
            "cases": figures.cases.rows(suppress=suppress, totals=figures.cases_held),
        }
    )
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        detail=f"area context: {lsoa[0] if lsoa else 'force'} ({force})",
        request=request,
    )
    return render(request, "ingest/area.html", context)


@staff_required
def feed_upload(request: StaffRequest) -> HttpResponse:
    """Upload a police feed file: its first line is checked at once (nothing is stored for a
    wrong file); the rows are imported by the job worker, and the run's page shows progress."""
    if not can_import_feed(request.user):
        raise Http404
    form = FeedUploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        try:
            run = _start(request.user, form.cleaned_data["file"])
        except (FeedFormatError, FeedImportError) as error:
            form.add_error("file", f"The file is not a police feed file: {error}")
        else:
            tasks.import_feed_file.enqueue(run.id, str(_stored(run)), request.user.id)
            return redirect("ingest:feed_run", run_id=run.id)
    runs = list(feed_runs_visible_to(request.user)[:20])
    # File names and counts: no victim is named on this list.
    audit_list(request, what=f"feed imports ({len(runs)} runs)")
    status = 400 if form.errors else 200
    context = {"form": form, "runs": runs, "can_review": can(request.user, Capability.REVIEW_POSSIBLE_MATCHES),
               "to_review": possible_matches_visible_to(request.user).filter(resolved=False).count()}  # fmt: skip
    return render(request, "ingest/feed_upload.html", context, status=status)


def _stored(run: Any) -> Path:
    return Path(settings.INGEST_UPLOAD_DIR) / f"{run.sha256}-{run.file_name}"


def _start(user: Any, upload: UploadedFile[bytes]) -> Any:
    """Save the upload under the import folder and start its run; a wrong file is deleted."""
    name = Path(upload.name or "feed").name
    file_format(Path(name))  # refuses a name that is not .csv or .jsonl before saving anything
    folder = Path(settings.INGEST_UPLOAD_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f"{uuid.uuid4().hex}-{name}"
    with open(part, "wb") as f:
        for chunk in upload.chunks():
            f.write(chunk)
    try:
        run = feed_run_start(actor=user, path=part)
    except (FeedFormatError, FeedImportError):
        part.unlink()
        raise
    run.file_name = name[:255]
    run.save(update_fields=["file_name"])
    part.replace(_stored(run))
    return run


@staff_required
def feed_run(request: StaffRequest, run_id: int) -> HttpResponse:
    """One import: how far it has got, what it did, and every refused row (ids, never values)."""
    run = access_feed_run_for_user(request.user, run_id)
    audit_record(actor=request.user, action=Action.VIEW, obj=run, detail="feed import", request=request)
    refusals = run.refusals.all()[:500]
    return render(request, "ingest/feed_run.html", {"run": run, "refusals": refusals})


@staff_required
def possible_matches(request: StaffRequest) -> HttpResponse:
    """The review queue: imported victims who may be someone already known, open ones first.
    Names are shown, so the look is audited as a list."""
    if not can(request.user, Capability.REVIEW_POSSIBLE_MATCHES):
        raise Http404
    matches = possible_matches_visible_to(request.user).select_related("person", "known", "case__crime")
    open_matches = list(matches.filter(resolved=False)[:200])
    decided = list(matches.filter(resolved=True).order_by("-decided_at")[:20])
    audit_list(request, what="possible matches from the feed", rows=open_matches + decided)
    return render(request, "ingest/possible_matches.html", {"open": open_matches, "decided": decided})


@staff_required
def possible_match(request: StaffRequest, match_id: int) -> HttpResponse:
    """The two records side by side (only people and cases the user may see: the gate hides a
    match otherwise), each look audited, and the decision (an audited service)."""
    match = access_possible_match_for_user(request.user, match_id)
    linkable = match.known is not None
    form = MatchDecisionForm(request.POST if request.method == "POST" else None, linkable=linkable)
    if request.method == "POST" and not match.resolved and form.is_valid():
        try:
            if form.cleaned_data["decision"] == MatchDecisionForm.LINK and linkable:
                possible_match_link(actor=request.user, match=match)
                messages.success(
                    request, f"Linked: the imported case is now on {match.known.full_name}'s record"
                )
            else:
                possible_match_keep_apart(actor=request.user, match=match)
                messages.success(request, "Decided: both records are kept")
        except Refusal as refusal:
            refusal_on_form(form, refusal)
        else:
            return redirect("ingest:possible_matches")
    # Changed details (no other person): the one record is the one held, which the feed would change.
    first = "Imported from the feed" if linkable else "Record held (the feed sent different details)"
    records = [(first, match.person)] + ([("Already held", match.known)] if linkable else [])
    for _, person in records:
        audit_look(request, obj=match, person=person, detail="possible match: records compared")
    columns = [{"label": label, "person": person, "cases": cases_visible_to(request.user).filter(person=person)
                .select_related("crime").order_by("opened_at")} for label, person in records]  # fmt: skip
    status = 400 if form.errors else 200
    return render(request, "ingest/possible_match.html", {"match": match, "columns": columns, "form": form},
                  status=status)  # fmt: skip
