from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gcmhub.workflow import permissions, services
from gcmhub.workflow.forms import DecisionForm
from gcmhub.workflow.models import Action, InvalidTransition, Submittable

DONE = {
    Action.SUBMIT: gettext_lazy("Sent for review."),
    Action.PUBLISH: gettext_lazy("Published."),
    Action.REQUEST_CHANGES: gettext_lazy("Returned to the submitter with your note."),
    Action.REJECT: gettext_lazy("Rejected."),
    Action.WITHDRAW: gettext_lazy("Withdrawn."),
    Action.UNPUBLISH: gettext_lazy("Unpublished."),
}


def _record(type_id: int, pk: int) -> Submittable:
    content_type = get_object_or_404(ContentType, pk=type_id)
    model = apps.get_model(content_type.app_label, content_type.model)
    if not issubclass(model, Submittable):
        raise Http404
    return get_object_or_404(model, pk=pk)


@login_required
@require_POST
def act(request, type_id, pk, action):
    """Every lifecycle button of every part posts here: the record, or its proposed edit."""
    record = _record(type_id, pk)
    if not permissions.can(request.user, Action.VIEW, record):
        raise Http404
    try:
        action = Action(action)
    except ValueError:
        raise Http404 from None
    on_revision = request.POST.get("target") == "revision"
    form = DecisionForm(request.POST, action=action)
    if not form.is_valid():
        context = {"record": record, "action": action, "form": form, "on_revision": on_revision}
        return render(request, "workflow/decision_form.html", context, status=400)
    try:
        if on_revision:
            services.decide_revision(
                record, action, by=request.user, note=form.cleaned_data["note"]
            )
        else:
            services.transition(record, action, by=request.user, note=form.cleaned_data["note"])
    except InvalidTransition:
        messages.error(request, _("This is no longer possible: someone else may have acted first."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, str(DONE[action]))
    return redirect(record)


def edit_section(request, record: Submittable, sections: dict, slug: str, *, done_url, template):
    """The section SLUG of a task-list form (pledges, practices): show it, or save it and go
    back to DONE_URL."""
    section = sections.get(slug)
    if section is None:
        raise Http404
    return edit_form(
        request,
        record,
        section.form,
        fields=section.fields(),
        done_url=done_url,
        template=template,
        context={"section": section},
    )


def edit_form(
    request,
    record: Submittable,
    form_class,
    *,
    fields: list[str],
    done_url,
    template: str,
    save=services.edit,
    context: dict | None = None,
):
    """Show FORM_CLASS for RECORD, or save its FIELDS with SAVE (workflow.services.edit or a
    part's service that calls it) and go to DONE_URL. A published record's owner goes on from
    the edit awaiting review; a concurrent save is reported, nothing typed is lost."""
    initial = {"seen": services.edit_stamp(record)}
    revision = services.open_revision(record) if record.is_published else None
    if revision:
        initial.update({name: revision.data[name] for name in fields})
    form = form_class(request.POST or None, instance=record, initial=initial)
    if request.method == "POST" and "find" not in request.POST and form.is_valid():
        data = {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}
        try:
            save(record, data, by=request.user, seen=form.cleaned_data["seen"] or None)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, str(SAVED_PUBLISHED if record.is_published else SAVED))
            return redirect(done_url)
    context = {"record": record, record._meta.model_name: record, "form": form, **(context or {})}
    return render(request, template, context)


SAVED = gettext_lazy("Saved.")
SAVED_PUBLISHED = gettext_lazy(
    "Your change was sent for review. The published text stays up until a reviewer accepts it."
)


def delete_draft(request, record: Submittable, *, done_url: str, has_files: bool = False):
    """Confirm, then delete a draft (pledges, practices, reviews) and go to DONE_URL."""
    permissions.require(request.user, Action.DELETE, record)
    if request.method == "POST":
        services.delete_draft(record, by=request.user)
        messages.success(request, _("The draft “%(title)s” was deleted.") % {"title": record})
        return redirect(done_url)
    context = {"record": record, "has_files": has_files}
    return render(request, "workflow/record_delete.html", context)
