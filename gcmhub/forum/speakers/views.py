"""The speakers list of the general debate: the public list, inscription by focal points and
the secretariat's management, all on one page per edition."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gcmhub.accounts.models import Membership
from gcmhub.accounts.queries import membership_levels
from gcmhub.forum import queries as forum
from gcmhub.forum.models import Inscription
from gcmhub.forum.permissions import can_manage_forum, require_manager
from gcmhub.forum.speakers import queries, services
from gcmhub.forum.speakers.forms import DeliveredForm, InscriptionForm, MoveForm, TimeLimitForm


def speakers(request, year):
    return _page(request, forum.edition(year))


def _page(request, edition, bound: dict[str, forms.Form] | None = None):
    """The page for everyone: the published list; a focal point's own inscriptions; the
    secretariat's whole current order with its forms (BOUND: those sent back with errors)."""
    bound = bound or {}
    user = request.user
    current = queries.speakers_list(edition)
    can_manage = can_manage_forum(user)
    context = {"edition": edition, "speakers_list": current, "can_manage": can_manage}
    if current is None:
        return render(request, "forum/speakers/speakers.html", context)
    in_order = queries.ordered(current) if can_manage or current.is_published else []
    places = {inscription.pk: place for place, inscription in enumerate(in_order, start=1)}
    context["inscriptions"] = in_order if current.is_published else []
    if any(level == Membership.Level.FOCAL_POINT for level in membership_levels(user).values()):
        own = queries.own_inscriptions(user, current)
        for inscription in own:
            inscription.place = places.get(inscription.pk) if current.is_published else None
        inscribed = {inscription.organisation_id for inscription in own}
        context["own"] = own
        context["may_inscribe"] = current.is_open and any(
            delegation.pk not in inscribed for delegation in queries.delegations_to_inscribe(user)
        )
    if can_manage:
        for inscription in in_order:
            inscription.move_form = bound.get(f"move-{inscription.pk}") or MoveForm(
                prefix=f"move-{inscription.pk}", initial={"position": inscription.fixed_position}
            )
            inscription.delivered_form = bound.get(f"delivered-{inscription.pk}") or DeliveredForm(
                prefix=f"delivered-{inscription.pk}", initial={"statement": inscription.statement}
            )
        context["current_order"] = in_order
        context["time_limit_form"] = bound.get("time-limit") or TimeLimitForm(
            prefix="time-limit", initial={"time_limit": current.time_limit}
        )
    return render(request, "forum/speakers/speakers.html", context)


@login_required
def inscribe(request, year):
    edition = forum.edition(year)
    current = queries.speakers_list(edition)
    delegations = queries.delegations_to_inscribe(request.user)
    if current is None:
        messages.error(request, _("The speakers list of this forum is not open yet."))
        return redirect("forum:speakers", year=year)
    if not current.is_open:
        messages.error(
            request, _("Inscriptions are closed for %(edition)s.") % {"edition": edition}
        )
        return redirect("forum:speakers", year=year)
    if not delegations.exists():
        messages.error(
            request,
            _(
                "Delegations are inscribed by the focal points of verified organisations. Ask "
                "your organisation's focal point, or the secretariat."
            ),
        )
        return redirect("forum:speakers", year=year)
    form = InscriptionForm(request.POST or None, delegations=delegations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inscription = services.inscribe(current, data["organisation"], data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(delegation)s is on the list of speakers.")
                % {"delegation": inscription.organisation.name},
            )
            return redirect("forum:speakers", year=year)
    return render(request, "forum/speakers/inscribe.html", {"edition": edition, "form": form})


def _inscription(year, pk) -> Inscription:
    return get_object_or_404(
        Inscription.objects.select_related("organisation", "speakers_list__edition"),
        pk=pk,
        speakers_list__edition__year=year,
    )


@login_required
@require_POST
def withdraw(request, year, pk):
    inscription = _inscription(year, pk)
    try:
        services.withdraw_inscription(inscription, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(delegation)s is no longer on the list of speakers.")
            % {"delegation": inscription.organisation.name},
        )
    return redirect("forum:speakers", year=year)


CHANGES = {
    "close": (services.close_list, gettext_lazy("Inscriptions are closed.")),
    "reopen": (services.reopen_list, gettext_lazy("Inscriptions are open again.")),
    "publish": (services.publish_list, gettext_lazy("The list of speakers is published.")),
    "unpublish": (services.unpublish_list, gettext_lazy("The list of speakers is not public.")),
}


@login_required
@require_POST
def change(request, year, change):
    """Open, close, reopen, publish or unpublish the edition's list."""
    require_manager(request.user)
    edition = forum.edition(year)
    if change not in ("open", *CHANGES):
        raise Http404
    try:
        if change == "open":
            services.open_list(edition, by=request.user)
            done = _("The speakers list is open for inscriptions.")
        else:
            current = queries.speakers_list(edition)
            if current is None:
                raise Http404
            action, done = CHANGES[change]
            action(current, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(done))
    return redirect("forum:speakers", year=year)


@login_required
@require_POST
def time_limit(request, year):
    require_manager(request.user)
    edition = forum.edition(year)
    current = queries.speakers_list(edition)
    if current is None:
        raise Http404
    form = TimeLimitForm(request.POST, prefix="time-limit")
    if form.is_valid():
        try:
            services.set_time_limit(current, form.cleaned_data["time_limit"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The time limit is saved."))
            return redirect("forum:speakers", year=year)
    return _page(request, edition, {"time-limit": form})


@login_required
@require_POST
def move(request, year, pk):
    require_manager(request.user)
    inscription = _inscription(year, pk)
    form = MoveForm(request.POST, prefix=f"move-{pk}")
    if form.is_valid():
        try:
            services.move(
                inscription,
                position=form.cleaned_data["position"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(delegation)s is moved.") % {"delegation": inscription})
            return redirect("forum:speakers", year=year)
    return _page(request, inscription.speakers_list.edition, {f"move-{pk}": form})


@login_required
@require_POST
def delivered(request, year, pk):
    require_manager(request.user)
    inscription = _inscription(year, pk)
    form = DeliveredForm(request.POST, prefix=f"delivered-{pk}")
    if form.is_valid():
        services.mark_delivered(
            inscription, statement=form.cleaned_data["statement"], by=request.user
        )
        messages.success(
            request,
            _("The statement of %(delegation)s is recorded as delivered.")
            % {"delegation": inscription},
        )
        return redirect("forum:speakers", year=year)
    return _page(request, inscription.speakers_list.edition, {f"delivered-{pk}": form})
