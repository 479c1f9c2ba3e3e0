from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gcmhub.accounts.queries import organisations_to_submit_for
from gcmhub.forum import calendar
from gcmhub.forum.models import Criterion, SideEvent
from gcmhub.forum.permissions import can_manage_forum, can_score, require_manager
from gcmhub.forum.queries import edition as get_edition
from gcmhub.forum.side_events import queries, services
from gcmhub.forum.side_events.forms import (
    CallForm,
    CriterionFormSet,
    LeadForm,
    ScheduleForm,
    ScoreForm,
    SideEventFilterForm,
    SideEventForm,
    criteria_rows,
)
from gcmhub.workflow import permissions
from gcmhub.workflow.models import Action, State
from gcmhub.workflow.queries import lifecycle
from gcmhub.workflow.views import delete_draft, edit_form


def _open_call(edition):
    call = queries.call_of(edition)
    if call is None:
        raise Http404
    return call


def _call_state(call) -> str:
    if call is None:
        return ""
    now = timezone.now()
    if call.is_open(now):
        return "open"
    return "upcoming" if now < call.opens_at else "closed"


# Public --------------------------------------------------------------------------------------


def side_event_list(request, year):
    edition = get_edition(year)
    form = SideEventFilterForm(request.GET, edition=edition)
    filters = form.filters()
    call = queries.call_of(edition)
    query = request.GET.urlencode()
    context = {
        "edition": edition,
        "call": call,
        "call_state": _call_state(call),
        "can_manage": can_manage_forum(request.user),
        "can_score": can_score(request.user),
        "form": form,
        "events": list(queries.accepted_side_events(edition, filters)),
        "query": f"?{query}" if query else "",
        "is_filtered": bool(filters),
    }
    is_htmx = request.headers.get("HX-Request") == "true"
    template = "forum/side_events/_results.html" if is_htmx else "forum/side_events/list.html"
    return render(request, template, context)


def side_event_calendar(request, year):
    edition = get_edition(year)
    filters = SideEventFilterForm(request.GET, edition=edition).filters()
    name = _("%(edition)s: side events") % {"edition": edition}
    sessions = queries.calendar_sessions(edition, filters)
    return calendar.calendar_response(request, name, sessions, filename=f"side-events-{year}")


def side_event_detail(request, year, pk):
    side_event = queries.visible_side_event(request.user, year, pk)
    edition = side_event.call.edition
    context = {"side_event": side_event, "edition": edition}
    context["panel"] = lifecycle(request.user, side_event)
    if context["panel"]:  # its organisation and the secretariat
        context["can_edit"] = permissions.can(request.user, Action.EDIT, side_event)
        context["can_delete"] = permissions.can(request.user, Action.DELETE, side_event)
        context["preferred_dates"] = side_event.preferred_dates
    if can_score(request.user) and side_event.state != State.DRAFT:
        context["summary"] = queries.score_summary(side_event)
        context["can_give_scores"] = side_event.state == State.SUBMITTED
    context["can_schedule"] = can_manage_forum(request.user) and side_event.is_published
    return render(request, "forum/side_events/detail.html", context)


# Proposing -----------------------------------------------------------------------------------


@login_required
def side_event_propose(request, year):
    edition = get_edition(year)
    call = _open_call(edition)
    organisations = organisations_to_submit_for(request.user)
    if not organisations:
        messages.error(
            request,
            _(
                "Side events are proposed by members of a verified organisation. Join your "
                "organisation on gcmhub, or register it, first."
            ),
        )
        return redirect("forum:side_events", year=year)
    lead_form = LeadForm(request.POST or None, organisations=organisations)
    form = SideEventForm(request.POST or None, instance=SideEvent(call=call))
    if request.method == "POST" and lead_form.is_valid() and form.is_valid():
        data = {name: form.cleaned_data[name] for name in SideEventForm.Meta.fields}
        try:
            side_event = services.propose_side_event(
                call, data, organisation=lead_form.cleaned_data["organisation"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your draft is saved. Check it, then send it for review before the deadline."),
            )
            return redirect(side_event)
    context = {
        "edition": edition,
        "call": call,
        "call_state": _call_state(call),
        "lead_form": lead_form,
        "form": form,
    }
    return render(request, "forum/side_events/form.html", context)


def _editable(request, year, pk) -> SideEvent:
    side_event = queries.visible_side_event(request.user, year, pk)
    if not permissions.can(request.user, Action.EDIT, side_event):
        raise PermissionDenied
    return side_event


@login_required
def side_event_edit(request, year, pk):
    side_event = _editable(request, year, pk)
    return edit_form(
        request,
        side_event,
        SideEventForm,
        fields=SideEventForm.Meta.fields,
        done_url=side_event.get_absolute_url(),
        template="forum/side_events/form.html",
        save=services.edit_side_event,
        context={"side_event": side_event, "edition": side_event.call.edition},
    )


@login_required
def side_event_delete(request, year, pk):
    side_event = queries.visible_side_event(request.user, year, pk)
    return delete_draft(request, side_event, done_url=reverse("forum:side_events_mine"))


@login_required
def side_events_mine(request):
    context = {"side_events": queries.side_events_of(request.user)}
    return render(request, "forum/side_events/mine.html", context)


# The secretariat -----------------------------------------------------------------------------


@login_required
def side_event_call(request, year):
    require_manager(request.user)
    edition = get_edition(year)
    call = queries.call_of(edition)
    criteria = call.criteria.all() if call else Criterion.objects.none()
    with timezone.override(edition.zone):  # dates are typed and shown in the venue's time
        form = CallForm(request.POST or None, instance=call)
        formset = CriterionFormSet(request.POST or None, queryset=criteria, prefix="criteria")
        if request.method == "POST" and form.is_valid() and formset.is_valid():
            data = {name: form.cleaned_data[name] for name in CallForm.Meta.fields}
            try:
                services.save_call(edition, data, criteria_rows(formset), by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The call for side events is saved."))
                return redirect("forum:side_events", year=year)
        context = {"edition": edition, "call": call, "form": form, "formset": formset}
        return render(request, "forum/side_events/call.html", context)


@login_required
def side_event_review(request, year):
    if not can_score(request.user):
        raise PermissionDenied
    edition = get_edition(year)
    call = _open_call(edition)
    order = request.GET.get("order", "score")
    context = {
        "edition": edition,
        "call": call,
        "criteria": list(call.criteria.all()),
        "proposals": queries.proposals(call, user=request.user, order=order),
        "order": order if order in queries.ORDERS else "score",
    }
    return render(request, "forum/side_events/review.html", context)


@login_required
def side_event_score(request, year, pk):
    if not can_score(request.user):
        raise PermissionDenied
    side_event = queries.visible_side_event(request.user, year, pk)
    if side_event.state == State.DRAFT:
        raise Http404
    criteria = side_event.call.criteria.all()
    form = ScoreForm(
        request.POST or None,
        criteria=criteria,
        scores=queries.scores_of(side_event, request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.score_side_event(side_event, form.scores(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("forum:side_event_review", year=year)
    context = {
        "side_event": side_event,
        "edition": side_event.call.edition,
        "form": form,
        "is_open": side_event.state == State.SUBMITTED,
    }
    return render(request, "forum/side_events/score.html", context)


@login_required
def side_event_schedule(request, year, pk):
    require_manager(request.user)
    side_event = queries.visible_side_event(request.user, year, pk)
    edition = side_event.call.edition
    form = ScheduleForm(
        request.POST or None, edition=edition, initial=ScheduleForm.initial_for(side_event)
    )
    warnings = []
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_side_event(
                side_event,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                room=form.cleaned_data["room"],
                link=form.cleaned_data["link"],
                by=request.user,
                confirmed=form.cleaned_data["confirmed"],
            )
        except services.OrganiserClash as clash:
            warnings = clash.messages
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The side event is scheduled."))
            return redirect(side_event)
    context = {"side_event": side_event, "edition": edition, "form": form, "warnings": warnings}
    return render(request, "forum/side_events/schedule.html", context)


@login_required
@require_POST
def side_event_unschedule(request, year, pk):
    require_manager(request.user)
    side_event = queries.visible_side_event(request.user, year, pk)
    services.unschedule_side_event(side_event, by=request.user)
    messages.success(
        request, _("The side event is no longer scheduled: its time is to be announced.")
    )
    return redirect(side_event)
