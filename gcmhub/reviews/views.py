from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gcmhub.reviews import opendata, queries, services
from gcmhub.reviews.forms import (
    CommissionForm,
    CountryForm,
    DocumentDecisionForm,
    DocumentForm,
    RegionalReviewForm,
    ReviewFilterForm,
    ReviewForm,
)
from gcmhub.reviews.models import Document, Review
from gcmhub.web import downloads, jsonld
from gcmhub.workflow import permissions
from gcmhub.workflow.models import Action
from gcmhub.workflow.queries import is_secretariat, lifecycle
from gcmhub.workflow.views import delete_draft, edit_form

PAGE_SIZE = 20


def review_list(request):
    form = ReviewFilterForm(request.GET)
    filters = form.filters()
    results = queries.listing(filters, order=filters.get("order", ""))
    form.show_counts(results.counts())
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = queries.with_excerpts(list(page.object_list), filters.get("q", ""))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode() + "&" if query else ""}
    is_htmx = request.headers.get("HX-Request") == "true"
    template = "reviews/_results.html" if is_htmx else "reviews/review_list.html"
    return render(request, template, context)


def review_detail(request, pk):
    review = queries.visible_review(request.user, pk)
    context = {"review": review, **queries.review_page(review, request.user)}
    context["panel"] = lifecycle(request.user, review)
    if context["panel"]:  # its organisation and the secretariat
        context["can_edit"] = permissions.can(request.user, Action.EDIT, review)
        context["can_delete"] = permissions.can(request.user, Action.DELETE, review)
        context["can_decide"] = permissions.can(
            request.user, Action.PUBLISH, review, state="submitted"
        )
        context["problems"] = [] if review.is_published else review.submission_problems()
        context["decision_form"] = DocumentDecisionForm()
    if review.is_published:
        countries = context["participants"] if review.is_regional else [review.country]
        data = opendata.json_ld(review, documents=context["current"], countries=countries)
        context["json_ld"] = jsonld.script(data)
    return render(request, "reviews/review_detail.html", context)


def document(request, review_pk, pk):
    document = queries.visible_document(request.user, review_pk, pk)
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=document.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export(request, fmt):
    return downloads.export(opendata.REVIEWS, fmt, request.GET)


def regional_export(request, fmt):
    return downloads.export(opendata.REGIONAL_REVIEWS, fmt, request.GET)


# Submitting ------------------------------------------------------------------------------------


@login_required
def mine(request):
    context = {
        "reviews": queries.reviews_of(request.user),
        "countries": queries.countries_to_report_for(request.user),
        "commissions": queries.commissions_to_report_for(request.user),
    }
    return render(request, "reviews/review_mine.html", context)


@login_required
def start(request):
    """A focal point starts a national report for their country."""
    countries = queries.countries_to_report_for(request.user)
    if not countries:
        messages.error(
            request,
            _(
                "Voluntary reviews are submitted by the focal points of Member State "
                "governments. Ask your government's focal point, or the secretariat."
            ),
        )
        return redirect("reviews:mine")
    country_form = CountryForm(request.POST or None, countries=countries)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and country_form.is_valid() and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ReviewForm.Meta.fields}
        review = services.start_review(
            data, country=country_form.cleaned_data["country"], by=request.user
        )
        messages.success(request, _("Your draft is saved. Now upload the document."))
        return redirect("reviews:documents", pk=review.pk)
    context = {"country_form": country_form, "form": form, "regional": False}
    return render(request, "reviews/review_form.html", context)


@login_required
def start_regional(request):
    """The secretariat, or a regional commission's account, records a regional review."""
    commissions = queries.commissions_to_report_for(request.user)
    if not commissions:
        raise PermissionDenied
    commission_form = CommissionForm(request.POST or None, commissions=commissions)
    commission = commission_form.is_valid() and commission_form.cleaned_data["commission"]
    if not commission and len(commissions) == 1:
        commission = next(iter(commissions))
    form = RegionalReviewForm(request.POST or None, commission=commission or None)
    if request.method == "POST" and commission and form.is_valid():
        data = {name: form.cleaned_data[name] for name in RegionalReviewForm.Meta.fields}
        try:
            review = services.start_regional_review(data, commission=commission, by=request.user)
        except ValidationError as error:
            form.add_error("participants", error)
        else:
            messages.success(request, _("Your draft is saved. Now upload the document."))
            return redirect("reviews:documents", pk=review.pk)
    context = {"country_form": commission_form, "form": form, "regional": True}
    return render(request, "reviews/review_form.html", context)


def _editable(request, pk) -> Review:
    review = queries.visible_review(request.user, pk)
    if not permissions.can(request.user, Action.EDIT, review):
        raise PermissionDenied
    return review


@login_required
def edit(request, pk):
    review = _editable(request, pk)
    form_class = RegionalReviewForm if review.is_regional else ReviewForm
    return edit_form(
        request,
        review,
        form_class,
        fields=form_class.Meta.fields,
        done_url=review.get_absolute_url(),
        template="reviews/review_form.html",
        save=services.edit_review,
        context={"regional": review.is_regional},
    )


@login_required
def documents(request, pk):
    review = _editable(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.upload_document(
                review,
                form.cleaned_data["file"],
                language=form.cleaned_data["language"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _uploaded_message(document))
            return redirect("reviews:documents", pk=review.pk)
    context = {"review": review, "form": form, **queries.review_page(review, request.user)}
    context["can_remove"] = review.published_at is None
    return render(request, "reviews/review_documents.html", context)


def _uploaded_message(document: Document) -> str:
    if document.status == Document.Status.PENDING:
        message = _(
            "The new version is sent to the secretariat. The current one stays public until it "
            "is accepted."
        )
    else:
        message = _("The document is uploaded.")
    if not document.is_searchable:
        message += " " + _(
            "Its text could not be read (a scanned or protected file?): it will be listed, but "
            "words inside it cannot be searched. A PDF with a text layer is better."
        )
    return message


@login_required
@require_POST
def remove_document(request, pk, document_pk):
    review = _editable(request, pk)
    document = get_object_or_404(Document.objects.defer("text"), pk=document_pk, review=review)
    try:
        services.remove_document(document, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(name)s” was removed.") % {"name": document.name})
    return redirect("reviews:documents", pk=review.pk)


@login_required
@require_POST
def decide_document(request, pk, document_pk, decision):
    review = queries.visible_review(request.user, pk)
    document = get_object_or_404(Document.objects.defer("text"), pk=document_pk, review=review)
    if decision not in ("accept", "decline"):
        raise Http404
    form = DocumentDecisionForm(request.POST)
    form.is_valid()
    try:
        services.decide_document(
            document,
            accept=decision == "accept",
            by=request.user,
            note=form.cleaned_data.get("note", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The new version is public.") if decision == "accept" else _("Declined."),
        )
    return redirect(review)


@login_required
def delete(request, pk):
    review = queries.visible_review(request.user, pk)
    return delete_draft(request, review, done_url=reverse("reviews:mine"), has_files=True)


@login_required
def review_queue(request):
    if not is_secretariat(request.user):
        raise PermissionDenied
    return render(request, "reviews/review_queue.html", queries.review_queue())
