from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gcmhub.accounts.queries import organisations_to_submit_for
from gcmhub.practices import opendata, queries, services
from gcmhub.practices.forms import (
    AssignForm,
    AttachmentForm,
    CallForm,
    ConflictForm,
    PracticeFilterForm,
    ReviewForm,
    StartForm,
)
from gcmhub.practices.models import Attachment, Practice, ReviewerProfile
from gcmhub.practices.sections import SECTION_BY_SLUG, SECTIONS, AboutForm, incomplete_sections
from gcmhub.web import downloads, jsonld
from gcmhub.workflow import permissions
from gcmhub.workflow.models import Action, State
from gcmhub.workflow.queries import is_secretariat, lifecycle
from gcmhub.workflow.views import delete_draft, edit_section

PAGE_SIZE = 20


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def practice_list(request):
    form = PracticeFilterForm(request.GET)
    filters = form.filters()
    results = queries.listing(filters, order=filters.get("order", ""))
    form.show_counts(results.counts())
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode() + "&" if query else ""}
    template = "practices/_results.html" if _is_htmx(request) else "practices/practice_list.html"
    return render(request, template, context)


def practice_detail(request, pk):
    practice = queries.visible_practice(request.user, pk)
    context = {"practice": practice, **queries.practice_page(practice)}
    context["related"] = queries.related_practices(practice) if practice.is_published else []
    context["panel"] = lifecycle(request.user, practice)
    if context["panel"]:  # its organisation and the secretariat
        context["can_edit"] = permissions.can(request.user, Action.EDIT, practice)
        context["can_delete"] = permissions.can(request.user, Action.DELETE, practice)
        context["comments"] = (
            queries.consolidated_comments(practice) if practice.state != State.SUBMITTED else []
        )
        context["is_secretariat"] = is_secretariat(request.user)
    if practice.is_published:
        objectives = context["primary_objectives"] + context["secondary_objectives"]
        data = opendata.json_ld(practice, objectives=objectives, countries=context["countries"])
        context["json_ld"] = jsonld.script(data)
    return render(request, "practices/practice_detail.html", context)


def export(request, fmt):
    return downloads.export(opendata.PRACTICES, fmt, request.GET)


def attachment(request, practice_pk, pk):
    attachment = queries.visible_attachment(request.user, practice_pk, pk)
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Submitting ------------------------------------------------------------------------------------


@login_required
def mine(request):
    return render(
        request, "practices/practice_mine.html", {"practices": queries.practices_of(request.user)}
    )


@login_required
def start(request):
    organisations = organisations_to_submit_for(request.user)
    if not organisations.exists():
        messages.error(
            request, _("To submit a practice, you need to be a member of a verified organisation.")
        )
        return redirect("accounts:home")
    initial = {"call": request.GET.get("call")} if request.GET.get("call") else None
    start_form = StartForm(request.POST or None, organisations=organisations)
    form = AboutForm(request.POST or None, initial=initial)
    if request.method == "POST" and start_form.is_valid() and form.is_valid():
        practice = services.start_practice(
            form.cleaned_data, organisation=start_form.cleaned_data["organisation"], by=request.user
        )
        messages.success(
            request,
            _("Your draft practice is saved. Complete the other sections when you are ready."),
        )
        return redirect("practices:tasks", pk=practice.pk)
    return render(
        request, "practices/practice_start.html", {"start_form": start_form, "form": form}
    )


def _editable(request, pk) -> Practice:
    practice = queries.visible_practice(request.user, pk)
    if not permissions.can(request.user, Action.EDIT, practice):
        raise PermissionDenied
    return practice


@login_required
def tasks(request, pk):
    practice = _editable(request, pk)
    incomplete = {section.slug for section in incomplete_sections(practice)}
    sections = [(section, section.slug not in incomplete) for section in SECTIONS]
    context = {
        "practice": practice,
        "sections": sections,
        "is_complete": not incomplete,
        "attachments": list(practice.attachments.all()),
    }
    return render(request, "practices/practice_tasks.html", context)


@login_required
def section(request, pk, slug):
    practice = _editable(request, pk)
    return edit_section(
        request,
        practice,
        SECTION_BY_SLUG,
        slug,
        done_url=reverse("practices:tasks", args=[practice.pk]),
        template="practices/practice_section.html",
    )


@login_required
def attachments(request, pk):
    practice = _editable(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_attachment(practice, form.cleaned_data["file"], by=request.user)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The file is attached."))
            return redirect("practices:attachments", pk=practice.pk)
    context = {"practice": practice, "form": form, "attachments": list(practice.attachments.all())}
    return render(request, "practices/practice_attachments.html", context)


@login_required
@require_POST
def remove_attachment(request, pk, attachment_pk):
    practice = _editable(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, practice=practice)
    try:
        services.remove_attachment(attachment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(name)s” was removed.") % {"name": attachment.name})
    return redirect("practices:attachments", pk=practice.pk)


@login_required
def check(request, pk):
    practice = _editable(request, pk)
    context = {"practice": practice, **queries.practice_page(practice)}
    context["incomplete"] = incomplete_sections(practice)
    context["can_submit"] = (
        permissions.can(request.user, Action.SUBMIT, practice) and not context["incomplete"]
    )
    context["record_type_id"] = ContentType.objects.get_for_model(Practice).pk
    return render(request, "practices/practice_check.html", context)


@login_required
def delete(request, pk):
    practice = queries.visible_practice(request.user, pk)
    return delete_draft(
        request,
        practice,
        done_url=reverse("practices:mine"),
        has_files=True,
    )


# Calls for practices ---------------------------------------------------------------------------


def call_list(request):
    context = {"calls": queries.calls(), "can_open": is_secretariat(request.user)}
    return render(request, "practices/call_list.html", context)


def call_detail(request, pk):
    call, answers = queries.call_page(pk)
    page = Paginator(answers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "practices/call_detail.html", {"call": call, "page": page, "query": ""})


@login_required
def call_new(request):
    if not is_secretariat(request.user):
        raise PermissionDenied
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = services.open_call(dict(form.cleaned_data), by=request.user)
        messages.success(request, _("The call is open."))
        return redirect(call)
    return render(request, "practices/call_form.html", {"form": form})


# Peer review -----------------------------------------------------------------------------------


@login_required
def review_queue(request):
    if not is_secretariat(request.user):
        raise PermissionDenied
    return render(request, "practices/review_queue.html", {"practices": queries.review_queue()})


@login_required
def review(request, pk):
    """The secretariat's view of one practice's peer review: who reviews, what they say."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    practice = get_object_or_404(Practice.objects.select_related("organisation"), pk=pk)
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reviewer = get_object_or_404(ReviewerProfile, pk=form.cleaned_data["reviewer"])
        try:
            services.assign_reviewer(
                practice,
                reviewer,
                by=request.user,
                is_tiebreak=form.cleaned_data["is_tiebreak"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(name)s is asked to review.") % {"name": reviewer.user.full_name}
            )
        return redirect("practices:review", pk=practice.pk)
    status = queries.review_status(practice)
    context = {
        "practice": practice,
        "status": status,
        "suggestions": queries.suggested_reviewers(practice)
        if practice.state == State.SUBMITTED
        else [],
        "panel": lifecycle(request.user, practice),
    }
    return render(request, "practices/review.html", context)


@login_required
def my_reviews(request):
    return render(
        request,
        "practices/my_reviews.html",
        {"assignments": queries.assignments_of(request.user)},
    )


@login_required
def assignment(request, pk):
    """A peer reviewer's page: the declaration first, then the practice and the review form."""
    assignment = get_object_or_404(
        queries.assignments_of(request.user).select_related("reviewer"), pk=pk
    )
    practice = assignment.practice
    conflict_form = ConflictForm(request.POST if "declare" in request.POST else None)
    review_form = ReviewForm(request.POST if "review" in request.POST else None)
    if request.method == "POST":
        try:
            if "declare" in request.POST and conflict_form.is_valid():
                services.declare_conflict(assignment, by=request.user, **conflict_form.cleaned_data)
                messages.success(request, _("Thank you: your declaration is recorded."))
                return redirect(assignment)
            if "review" in request.POST and review_form.is_valid():
                services.submit_review(assignment, by=request.user, **review_form.cleaned_data)
                messages.success(request, _("Thank you: your review is sent to the secretariat."))
                return redirect(assignment)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(assignment)
    context = {
        "assignment": assignment,
        "practice": practice,
        "conflict_form": conflict_form,
        "review_form": review_form,
        "is_open": practice.state == State.SUBMITTED and assignment.round == practice.review_round,
    }
    if assignment.may_see_practice:
        context.update(queries.practice_page(practice))
    return render(request, "practices/assignment.html", context)
