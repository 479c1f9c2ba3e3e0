from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gcmhub.compact import queries as compact
from gcmhub.forum import permissions, queries, services
from gcmhub.forum.calendar import calendar_response
from gcmhub.forum.forms import ProgrammeFilterForm, SessionDocumentForm, SessionForm, SummaryForm
from gcmhub.forum.models import CalendarToken
from gcmhub.web import jsonld
from gcmhub.workflow.queries import is_secretariat


def forum_home(request):
    context = {"editions": compact.editions(), "next_edition": compact.next_edition()}
    return render(request, "forum/forum_home.html", context)


def programme(request, year):
    edition = queries.edition(year)
    form = ProgrammeFilterForm(request.GET)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    days = queries.programme(edition, kind=kind, starred=queries.starred_ids(request.user, edition))
    context = {
        "edition": edition,
        "form": form,
        "days": days,
        "can_manage": permissions.can_manage_forum(request.user),
        "can_follow_summaries": is_secretariat(request.user),
    }
    return render(request, "forum/programme.html", context)


def session_detail(request, year, pk):
    edition = queries.edition(year)
    session = queries.visible_session(edition, pk)
    url = request.build_absolute_uri(session.get_absolute_url())
    context = {
        "edition": edition,
        "session": session,
        "is_starred": session.pk in queries.starred_ids(request.user, edition),
        "can_manage": permissions.can_manage_forum(request.user),
        "json_ld": jsonld.script(session_event(session, url)),
    }
    if context["can_manage"]:
        context["document_form"] = SessionDocumentForm()
    return render(request, "forum/session_detail.html", context)


def session_event(session, url: str) -> dict:
    """SESSION as a schema.org Event, times with the venue's offset, for search engines."""
    edition = session.edition
    event = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": str(session.display_title),
        "startDate": session.starts_at.astimezone(edition.zone).isoformat(),
        "endDate": session.ends_at.astimezone(edition.zone).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "url": url,
        "organizer": {
            "@type": "Organization",
            "name": _("United Nations"),
            "url": "https://www.un.org",
        },
    }
    places = []
    if session.room:
        name = f"{session.room.name}, {edition.venue}" if edition.venue else session.room.name
        places.append({"@type": "Place", "name": name, "address": edition.venue or name})
        mode = "Mixed" if session.link else "Offline"
        event["eventAttendanceMode"] = f"https://schema.org/{mode}EventAttendanceMode"
    if session.link:
        places.append({"@type": "VirtualLocation", "url": session.link})
    if places:
        event["location"] = places[0] if len(places) == 1 else places
    if session.description:
        event["description"] = session.description
    return event


# In a <script> data block only "<" can start what ends or disturbs it ("</script>", "<!--"):
# written as JSON escapes, like Django's json_script, the text reads back the same.
def session_document(request, year, pk, document_pk):
    session = queries.visible_session(queries.edition(year), pk)
    document = queries.session_document(session, document_pk)
    response = FileResponse(document.file.open("rb"), as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def edition_calendar(request, year):
    edition = queries.edition(year)
    filename = f"imrf-{edition.year}"
    return calendar_response(request, str(edition), queries.sessions(edition), filename=filename)


def session_calendar(request, year, pk):
    session = queries.visible_session(queries.edition(year), pk)
    filename = f"imrf-{year}-session-{session.pk}"
    return calendar_response(request, str(session), [session], filename=filename)


def _session_form(request, edition, session=None):
    permissions.require_manager(request.user)
    form = SessionForm(request.POST or None, instance=session, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.save_session(
                edition, form.session_data(), by=request.user, session=session
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session was saved."))
            return redirect(session)
    context = {"edition": edition, "form": form, "session": session}
    return render(request, "forum/session_form.html", context)


def session_create(request, year):
    return _session_form(request, queries.edition(year))


def session_edit(request, year, pk):
    edition = queries.edition(year)
    return _session_form(request, edition, queries.visible_session(edition, pk))


def session_delete(request, year, pk):
    permissions.require_manager(request.user)
    edition = queries.edition(year)
    session = queries.visible_session(edition, pk)
    if request.method == "POST":
        services.delete_session(session, by=request.user)
        messages.success(request, _("The session “%(title)s” was deleted.") % {"title": session})
        return redirect("forum:programme", edition.year)
    return render(request, "forum/session_delete.html", {"edition": edition, "session": session})


def summary_edit(request, year, pk):
    permissions.require_manager(request.user)
    edition = queries.edition(year)
    session = queries.visible_session(edition, pk)
    form = SummaryForm(request.POST or None, initial={"summary": session.summary})
    if request.method == "POST" and "withdraw" in request.POST:
        services.withdraw_summary(session, by=request.user)
        messages.success(request, _("The summary is no longer published."))
        return redirect(session)
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_summary(session, form.cleaned_data["summary"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The summary was published."))
            return redirect(session)
    context = {"edition": edition, "session": session, "form": form}
    return render(request, "forum/summary_form.html", context)


@require_POST
def session_documents(request, year, pk):
    permissions.require_manager(request.user)
    edition = queries.edition(year)
    session = queries.visible_session(edition, pk)
    if "remove" in request.POST:
        document = queries.session_document(session, request.POST["remove"])
        services.remove_document(document, by=request.user)
        messages.success(request, _("The document was removed."))
        return redirect(session)
    form = SessionDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_document(session, form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The document was added."))
            return redirect(session)
    context = {"edition": edition, "session": session, "document_form": form, "can_manage": True}
    return render(request, "forum/session_detail.html", context, status=400)


def summaries(request, year):
    if not is_secretariat(request.user):
        raise PermissionDenied
    edition = queries.edition(year)
    rows = queries.summary_statuses(edition)
    counts = {status: sum(1 for row in rows if row.status == status) for status in STATUSES}
    context = {"edition": edition, "rows": rows, "counts": counts}
    return render(request, "forum/summaries.html", context)


STATUSES = ["late", "due", "upcoming", "published"]


def _next(request, default):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@login_required
@require_POST
def star(request, year, pk):
    session = queries.visible_session(queries.edition(year), pk)
    if request.POST.get("star") == "off":
        services.unstar(session, user=request.user)
        messages.success(request, _("“%(title)s” was taken off your agenda.") % {"title": session})
    else:
        services.star(session, user=request.user)
        messages.success(request, _("“%(title)s” is on your agenda.") % {"title": session})
    return redirect(_next(request, session.get_absolute_url()))


@login_required
def agenda(request):
    context = {
        "sessions": queries.agenda(request.user),
        "token": services.calendar_token(request.user),
    }
    return render(request, "forum/agenda.html", context)


@login_required
@require_POST
def agenda_link(request):
    services.calendar_token(request.user, renew=True)
    messages.success(request, _("Your agenda has a new private link; the old one no longer works."))
    return redirect("forum:agenda")


def agenda_calendar(request, token):
    owner = get_object_or_404(CalendarToken.objects.select_related("user"), token=token).user
    if not owner.is_active:
        raise Http404
    name = _("My IMRF agenda")
    response = calendar_response(request, name, queries.agenda(owner), filename="imrf-agenda")
    response["Cache-Control"] = "private, no-store"
    return response
