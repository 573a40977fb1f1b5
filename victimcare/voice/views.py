"""Staff page: the satisfaction survey's results, for victim care supervisors and analysts."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from victimcare.accounts.decorators import StaffRequest, staff_required
from victimcare.voice import selectors


@staff_required
def results(request: StaffRequest) -> HttpResponse:
    """Counts and percentages per question and per moment. Analysts see counts under 5 as
    "fewer than 5"; no one here sees a victim's words (those are on the case, audited)."""
    user = request.user
    if not selectors.may_see_results(user):
        raise Http404
    responses = selectors.responses_for(user)
    suppress = selectors.suppresses_small_numbers(user)
    headers, tables = selectors.results(responses, suppress=suppress)
    return render(
        request,
        "voice/results.html",
        {
            "headers": headers,
            "tables": tables,
            "suppress": suppress,
            "total": tables[0].totals[-1] if tables else 0,
            "comments": selectors.show_count(selectors.comments_count(responses), suppress),
        },
    )
