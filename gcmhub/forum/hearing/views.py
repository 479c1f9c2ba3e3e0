from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from gcmhub.forum import permissions
from gcmhub.forum import queries as forum
from gcmhub.forum.hearing import queries, services
from gcmhub.forum.hearing.forms import (
    ApplicationFilterForm,
    ApplicationForm,
    ApplyForm,
    DecisionForm,
    HearingForm,
    PanelForm,
)
from gcmhub.forum.queries import local_moment
from gcmhub.web import charts


def hearing(request, year):
    """The hearing's public page: its call, and the panels with the speakers who were told."""
    edition = forum.edition(year)
    hearing = queries.hearing_of(edition)
    context = {
        "edition": edition,
        "hearing": hearing,
        "is_open": hearing is not None and hearing.is_open(),
        "is_upcoming": hearing is not None and timezone.now() < hearing.opens_at,
        "panels": queries.public_panels(hearing) if hearing else [],
        "can_manage": permissions.can_manage_forum(request.user),
        "can_score": permissions.can_score(request.user),
    }
    return render(request, "forum/hearing/hearing.html", context)


def _closed_reason(hearing) -> str:
    now = timezone.now()
    if now < hearing.opens_at:
        return _("Applications open on %(moment)s.") % {
            "moment": local_moment(hearing.opens_at, hearing.edition)
        }
    if now >= hearing.deadline:
        return _("Applications closed on %(moment)s.") % {
            "moment": local_moment(hearing.deadline, hearing.edition)
        }
    return ""


def _form_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in [*services.APPLICATION_FIELDS, "objectives"]}


@login_required
def apply(request, year):
    """A member of a stakeholder organisation applies to speak; below, their applications."""
    hearing = queries.open_hearing(forum.edition(year))
    organisations = queries.organisations_to_apply_for(request.user)
    form = ApplyForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.apply(
                hearing,
                _form_data(form),
                organisation=form.cleaned_data["organisation"],
                by=request.user,
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _messages(error))
        else:
            messages.success(
                request,
                _("Your application is saved. You can change it until the deadline."),
            )
            return redirect("forum:hearing_apply", year=year)
    context = {
        "edition": hearing.edition,
        "hearing": hearing,
        "form": form,
        "organisations": organisations,
        "closed": _closed_reason(hearing),
        "applications": queries.applications_of(request.user, hearing),
    }
    return render(request, "forum/hearing/apply.html", context)


def _messages(error) -> list[str]:
    return error.messages if isinstance(error, ValidationError) else [str(error)]


@login_required
def application_edit(request, year, pk):
    hearing = queries.open_hearing(forum.edition(year))
    application = queries.own_application(request.user, hearing, pk)
    form = ApplicationForm(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_application(application, _form_data(form), by=request.user)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _messages(error))
        else:
            messages.success(request, _("The application is saved."))
            return redirect("forum:hearing_apply", year=year)
    context = {"edition": hearing.edition, "application": application, "form": form}
    context["closed"] = _closed_reason(hearing)
    return render(request, "forum/hearing/application_form.html", context)


@login_required
def application_withdraw(request, year, pk):
    hearing = queries.open_hearing(forum.edition(year))
    application = queries.own_application(request.user, hearing, pk)
    error = ""
    if request.method == "POST":
        try:
            services.withdraw_application(application, by=request.user)
        except (ValidationError, PermissionDenied) as refusal:
            error = " ".join(_messages(refusal))
        else:
            messages.success(request, _("The application was withdrawn."))
            return redirect("forum:hearing_apply", year=year)
    context = {"edition": hearing.edition, "application": application, "error": error}
    context["closed"] = _closed_reason(hearing)
    return render(request, "forum/hearing/application_withdraw.html", context)


# The secretariat --------------------------------------------------------------------------------


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@login_required
def manage(request, year):
    """Administrators open or change the call and list its panels."""
    permissions.require_manager(request.user)
    edition = forum.edition(year)
    hearing = queries.hearing_of(edition)
    form = HearingForm(request.POST or None, edition=edition, hearing=hearing)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_hearing(edition, form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The call for speakers is saved."))
            return redirect("forum:hearing_manage", year=year)
    context = {"edition": edition, "hearing": hearing, "form": form}
    if hearing:
        context["panels"] = queries.panels(hearing)
        context["panel_form"] = PanelForm(sessions=queries.hearing_sessions(edition))
    return render(request, "forum/hearing/manage.html", context)


@login_required
def panel_create(request, year):
    permissions.require_manager(request.user)
    hearing = queries.open_hearing(forum.edition(year))
    form = PanelForm(request.POST or None, sessions=queries.hearing_sessions(hearing.edition))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_panel(hearing, form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The panel is added."))
            return redirect("forum:hearing_manage", year=year)
    context = {"edition": hearing.edition, "form": form}
    return render(request, "forum/hearing/panel_form.html", context)


@login_required
def panel_edit(request, year, pk):
    permissions.require_manager(request.user)
    hearing = queries.open_hearing(forum.edition(year))
    panel = get_object_or_404(hearing.panels, pk=pk)
    initial = {"title": panel.title, "position": panel.position, "session": panel.session_id}
    sessions = queries.hearing_sessions(hearing.edition)
    form = PanelForm(request.POST or None, initial=initial, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_panel(panel, form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The panel is saved."))
            return redirect("forum:hearing_manage", year=year)
    context = {"edition": hearing.edition, "panel": panel, "form": form}
    return render(request, "forum/hearing/panel_form.html", context)


@login_required
@require_POST
def panel_delete(request, year, pk):
    permissions.require_manager(request.user)
    hearing = queries.open_hearing(forum.edition(year))
    panel = get_object_or_404(hearing.panels, pk=pk)
    try:
        services.delete_panel(panel, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The panel “%(title)s” was removed.") % {"title": panel})
    return redirect("forum:hearing_manage", year=year)


BALANCE = [
    ("region", gettext_lazy("By region"), gettext_lazy("Selected speakers by region")),
    ("gender", gettext_lazy("By gender"), gettext_lazy("Selected speakers by gender")),
    (
        "entity_type",
        gettext_lazy("By stakeholder type"),
        gettext_lazy("Selected speakers by stakeholder type"),
    ),
]


@login_required
def applications(request, year):
    """Reviewers and administrators see every application and the balance of the selection;
    administrators decide and place speakers in panels."""
    _require(permissions.can_score(request.user))
    hearing = queries.open_hearing(forum.edition(year))
    form = ApplicationFilterForm(request.GET)
    rows = list(queries.applications(hearing, form.filters()))
    can_decide = permissions.can_manage_forum(request.user)
    if can_decide:
        panels = list(queries.panels(hearing))
        for application in rows:
            application.decision_form = DecisionForm(
                prefix=f"a{application.pk}",
                panels=panels,
                initial={
                    "status": application.status,
                    "panel": application.panel_id,
                    "position": application.panel_position,
                    "filters": request.GET.urlencode(),
                },
            )
    balance = queries.balance(hearing)
    sections = [
        {
            "key": key,
            "heading": heading,
            "title": title,
            "rows": balance[key],
            "chart": charts.bars(
                [(row["label"], row["selected"]) for row in balance[key]], id=f"balance-{key}"
            ),
        }
        for key, heading, title in BALANCE
    ]
    context = {
        "edition": hearing.edition,
        "hearing": hearing,
        "form": form,
        "applications": rows,
        "balance": balance,
        "sections": sections,
        "can_decide": can_decide,
    }
    return render(request, "forum/hearing/applications.html", context)


def _back_to_list(year, filters: str, pk: int | None = None) -> str:
    valid = ApplicationFilterForm(QueryDict(filters)).filters()
    url = reverse("forum:hearing_applications", args=[year])
    url += f"?{urlencode(valid)}" if valid else ""
    return url + (f"#application-{pk}" if pk else "")


@login_required
@require_POST
def decide(request, year, pk):
    permissions.require_manager(request.user)
    hearing = queries.open_hearing(forum.edition(year))
    application = get_object_or_404(hearing.applications, pk=pk)
    form = DecisionForm(request.POST, prefix=f"a{pk}", panels=list(queries.panels(hearing)))
    if not form.is_valid():
        errors = [error for field in form.errors.values() for error in field]
        messages.error(request, " ".join(errors))
        return redirect(_back_to_list(year, request.POST.get(f"a{pk}-filters", ""), pk))
    try:
        services.decide_application(application, **form.decision(), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Saved: %(organisation)s, %(status)s.")
            % {
                "organisation": application.organisation,
                "status": application.get_status_display(),
            },
        )
    return redirect(_back_to_list(year, form.cleaned_data["filters"], pk))


@login_required
@require_POST
def notify(request, year):
    permissions.require_manager(request.user)
    hearing = queries.open_hearing(forum.edition(year))
    result = services.notify_applicants(hearing, by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s applicant was told of the decision by e-mail.",
            "%(count)s applicants were told of the decision by e-mail.",
            result.told,
        )
        % {"count": result.told},
    )
    if result.waiting:
        messages.warning(
            request,
            ngettext(
                "%(count)s selected speaker has no panel yet and was not told.",
                "%(count)s selected speakers have no panel yet and were not told.",
                result.waiting,
            )
            % {"count": result.waiting},
        )
    return redirect("forum:hearing_applications", year=year)
