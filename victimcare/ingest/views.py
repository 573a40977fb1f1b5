"""The area page: police.uk crimes and outcomes by month beside the victims held there."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import (
    access_feed_run_for_user,
    can_import_feed,
    can_see_area_context,
    feed_runs_visible_to,
    force_area_id,
)
from victimcare.accounts.models import Organisation
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.ingest import tasks
from victimcare.ingest.feed import FeedFormatError, file_format
from victimcare.ingest.feed_services import FeedImportError, feed_run_start
from victimcare.ingest.forms import AreaForm, FeedUploadForm
from victimcare.ingest.selectors import area_figures


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
    runs = feed_runs_visible_to(request.user)[:20]
    audit_record(actor=request.user, action=Action.VIEW, detail="feed imports", request=request)
    status = 400 if form.errors else 200
    return render(request, "ingest/feed_upload.html", {"form": form, "runs": runs}, status=status)


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
