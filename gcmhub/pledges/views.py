from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gcmhub.accounts.models import Role
from gcmhub.accounts.queries import has_role, organisations_to_submit_for, verified_organisations
from gcmhub.pledges import exports, opendata, queries, services
from gcmhub.pledges.forms import PledgeFilterForm, ProgressReportForm, ReviewFilterForm, StartForm
from gcmhub.pledges.models import ProgressReport
from gcmhub.pledges.sections import SECTION_BY_SLUG, SECTIONS, AboutForm, incomplete_sections
from gcmhub.pledges.smart import smart_check
from gcmhub.web import downloads, jsonld
from gcmhub.workflow import permissions
from gcmhub.workflow.models import Action
from gcmhub.workflow.queries import lifecycle
from gcmhub.workflow.views import delete_draft, edit_section

PAGE_SIZE = 25


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def pledge_list(request):
    form = PledgeFilterForm(request.GET)
    filters = form.filters()
    results = queries.listing(filters)
    form.show_counts(results.counts())
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode() + "&" if query else ""}
    template = "pledges/_results.html" if _is_htmx(request) else "pledges/pledge_list.html"
    return render(request, template, context)


def pledge_detail(request, pk):
    pledge = queries.visible_pledge(request.user, pk)
    context = {"pledge": pledge, **queries.pledge_page(pledge, request.user)}
    context["panel"] = lifecycle(request.user, pledge)
    if context["panel"]:  # its organisation and the secretariat see the advice and the form's state
        context["smart"] = smart_check(pledge, objectives=len(context["objectives"]))
        context["can_edit"] = permissions.can(request.user, Action.EDIT, pledge)
        context["can_delete"] = permissions.can(request.user, Action.DELETE, pledge)
    context["can_report"] = pledge.is_published and bool(
        services.reporting_organisations(pledge, request.user)
    )
    if pledge.is_published:
        data = opendata.json_ld(
            pledge, objectives=context["objectives"], countries=context["countries"]
        )
        context["json_ld"] = jsonld.script(data)
    return render(request, "pledges/pledge_detail.html", context)


def dashboard(request):
    form = PledgeFilterForm(request.GET)
    filters = form.filters()
    return render(
        request,
        "pledges/dashboard.html",
        {"form": form, **exports.dashboard_charts(filters, request)},
    )


def dashboard_csv(request, chart):
    filters = PledgeFilterForm(request.GET).filters()
    return exports.chart_csv(chart, filters)


def export(request, fmt):
    return downloads.export(opendata.PLEDGES, fmt, request.GET)


@login_required
def mine(request):
    return render(
        request, "pledges/pledge_mine.html", {"pledges": queries.pledges_of(request.user)}
    )


@login_required
def start(request):
    organisations = organisations_to_submit_for(request.user)
    if not organisations.exists():
        messages.error(request, _("To pledge, you need to be a member of a verified organisation."))
        return redirect("accounts:home")
    start_form = StartForm(request.POST or None, organisations=organisations)
    form = AboutForm(request.POST or None)
    if request.method == "POST" and start_form.is_valid() and form.is_valid():
        pledge = services.start_pledge(
            form.cleaned_data, organisation=start_form.cleaned_data["organisation"], by=request.user
        )
        messages.success(
            request,
            _("Your draft pledge is saved. Complete the other sections when you are ready."),
        )
        return redirect("pledges:tasks", pk=pledge.pk)
    return render(request, "pledges/pledge_start.html", {"start_form": start_form, "form": form})


def _editable(request, pk):
    pledge = queries.visible_pledge(request.user, pk)
    if not permissions.can(request.user, Action.EDIT, pledge):
        raise PermissionDenied
    return pledge


@login_required
def tasks(request, pk):
    pledge = _editable(request, pk)
    incomplete = {section.slug for section in incomplete_sections(pledge)}
    sections = [(section, section.slug not in incomplete) for section in SECTIONS]
    return render(
        request,
        "pledges/pledge_tasks.html",
        {"pledge": pledge, "sections": sections, "is_complete": not incomplete},
    )


@login_required
def section(request, pk, slug):
    pledge = _editable(request, pk)
    return edit_section(
        request,
        pledge,
        SECTION_BY_SLUG,
        slug,
        done_url=reverse("pledges:tasks", args=[pledge.pk]),
        template="pledges/pledge_section.html",
    )


@login_required
def check(request, pk):
    pledge = _editable(request, pk)
    context = {"pledge": pledge, **queries.pledge_page(pledge, request.user)}
    context["smart"] = smart_check(pledge, objectives=len(context["objectives"]))
    context["incomplete"] = incomplete_sections(pledge)
    context["can_submit"] = (
        permissions.can(request.user, Action.SUBMIT, pledge) and not context["incomplete"]
    )
    context.update(lifecycle(request.user, pledge))
    return render(request, "pledges/pledge_check.html", context)


@login_required
def delete(request, pk):
    pledge = queries.visible_pledge(request.user, pk)
    return delete_draft(request, pledge, done_url=reverse("pledges:mine"))


@login_required
def report(request, pk):
    pledge = queries.visible_pledge(request.user, pk)
    organisations = services.reporting_organisations(pledge, request.user)
    if not pledge.is_published or not organisations:
        raise PermissionDenied
    form = ProgressReportForm(
        request.POST or None,
        organisations=verified_organisations().filter(pk__in=[o.pk for o in organisations]),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        try:
            services.report_progress(pledge, data, organisation=organisation, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your progress report was sent for review."))
            return redirect(pledge)
    return render(request, "pledges/report_form.html", {"pledge": pledge, "form": form})


@login_required
def review(request):
    if not (has_role(request.user, Role.REVIEWER) or has_role(request.user, Role.ADMIN)):
        raise PermissionDenied
    form = ReviewFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    context = {
        "form": form,
        "report_type_id": ContentType.objects.get_for_model(ProgressReport).pk,
        "reject": Action.REJECT,
    }
    return render(
        request, "pledges/review_queue.html", {**context, **queries.review_queue(filters)}
    )
