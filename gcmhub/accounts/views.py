from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gcmhub.accounts import forms, queries, services
from gcmhub.accounts.models import ApiToken, Invitation, Membership, Organisation, Role, User


def register(request):
    form = forms.RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.register_user(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
            language=get_language(),
        )
        request.session["registered_email"] = form.cleaned_data["email"]
        return redirect("accounts:registration_sent")
    return render(request, "accounts/register.html", {"form": form})


def registration_sent(request):
    return render(
        request,
        "accounts/registration_sent.html",
        {"email": request.session.get("registered_email")},
    )


def confirm(request, token):
    try:
        user = services.confirm_email(token)
    except ValidationError as error:
        return render(request, "accounts/confirm_failed.html", {"error": error.message}, status=400)
    messages.success(
        request,
        _("Thank you: your e-mail address %(email)s is confirmed. You can sign in.")
        % {"email": user.email},
    )
    return redirect("accounts:sign_in")


def resend_confirmation(request):
    form = forms.ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(
            email=form.cleaned_data["email"].lower(), email_confirmed_at=None
        ).first()
        if user:
            services.send_confirmation(user)
        # The same answer whether or not the address has an account: no account discovery.
        messages.success(
            request, _("If this address has an unconfirmed account, we have sent a new link to it.")
        )
        return redirect("accounts:sign_in")
    return render(request, "accounts/resend_confirmation.html", {"form": form})


def sign_in(request):
    form = forms.SignInForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        target = request.POST.get("next") or request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = "accounts:home"
        return redirect(target)
    next_url = request.GET.get("next", "")
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url})


@login_required
def account_home(request):
    memberships = queries.user_memberships(request.user)
    invitations = Invitation.objects.filter(
        email=request.user.email, accepted_at=None
    ).select_related("organisation")
    return render(
        request,
        "accounts/account_home.html",
        {"memberships": memberships, "invitations": invitations},
    )


@login_required
def profile(request):
    form = forms.ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details were saved."))
        return redirect("accounts:home")
    return render(request, "accounts/profile.html", {"form": form})


def organisation_list(request):
    form = forms.OrganisationSearchForm(request.GET)
    organisations = queries.verified_organisations()
    if form.is_valid() and form.cleaned_data["q"]:
        organisations = organisations.filter(name__icontains=form.cleaned_data["q"])
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    query = (
        urlencode({"q": form.cleaned_data["q"]}) + "&"
        if form.is_valid() and form.cleaned_data["q"]
        else ""
    )
    return render(
        request, "accounts/organisation_list.html", {"form": form, "page": page, "query": query}
    )


@login_required
def organisation_register(request):
    if not request.user.is_email_confirmed:
        messages.error(
            request, _("Confirm your e-mail address before you register an organisation.")
        )
        return redirect("accounts:home")
    form = forms.OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.register_organisation(by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("%(name)s is registered. The secretariat will verify it; you are its focal point.")
            % {"name": organisation.name},
        )
        return redirect(organisation)
    return render(request, "accounts/organisation_form.html", {"form": form})


def _visible_organisation(user, pk) -> Organisation:
    """Verified organisations are public; others only to their members and the secretariat."""
    organisation = get_object_or_404(
        Organisation.objects.select_related("entity_type", "country"), pk=pk
    )
    if (
        organisation.is_verified
        or queries.has_role(user, Role.ADMIN)
        or queries.is_member(user, organisation)
    ):
        return organisation
    raise Http404


def _organisation_page(request, organisation, *, invite_form=None, token_form=None, status=200):
    can_manage = queries.can_manage(request.user, organisation)
    own = Membership.objects.filter(user_id=request.user.pk, organisation=organisation).first()
    context = {"organisation": organisation, "can_manage": can_manage, "membership": own}
    if can_manage or (own and own.is_active):
        # Names and addresses of members are for the organisation and the secretariat only.
        context["members"] = organisation.memberships.select_related("user").order_by(
            "status", "user__full_name"
        )
    if can_manage:
        context["invite_form"] = invite_form or forms.InvitationForm()
        context["invitations"] = organisation.invitations.filter(accepted_at=None)
    if can_manage and organisation.is_verified:
        context["token_form"] = token_form or forms.ApiTokenForm()
        context["tokens"] = organisation.api_tokens.filter(revoked_at=None).select_related(
            "created_by"
        )
    return render(request, "accounts/organisation_detail.html", context, status=status)


def organisation_detail(request, pk):
    return _organisation_page(request, _visible_organisation(request.user, pk))


@login_required
@require_POST
def organisation_join(request, pk):
    organisation = _visible_organisation(request.user, pk)
    services.request_to_join(organisation, by=request.user)
    messages.success(
        request,
        _("Your request was sent to the focal points of %(name)s.") % {"name": organisation.name},
    )
    return redirect(organisation)


@login_required
@require_POST
def organisation_invite(request, pk):
    organisation = _visible_organisation(request.user, pk)
    if not queries.can_manage(request.user, organisation):
        raise PermissionDenied
    form = forms.InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invite(organisation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("email", error)
    if form.errors:
        return _organisation_page(request, organisation, invite_form=form, status=400)
    messages.success(
        request, _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]}
    )
    return redirect(organisation)


@login_required
@require_POST
def api_token_create(request, pk):
    """Create a token and show its secret in this response: the only time it can be seen."""
    organisation = _visible_organisation(request.user, pk)
    if not queries.can_manage(request.user, organisation):
        raise PermissionDenied
    form = forms.ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, secret = services.create_api_token(
                organisation, name=form.cleaned_data["name"], by=request.user
            )
        except ValidationError as error:
            form.add_error("name", error)
    if form.errors:
        return _organisation_page(request, organisation, token_form=form, status=400)
    response = render(
        request, "accounts/api_token_created.html", {"token": token, "secret": secret}
    )
    response["Cache-Control"] = "no-store"  # the secret must not stay in a cache
    return response


@login_required
def api_token_revoke(request, pk, token_pk):
    token = get_object_or_404(
        ApiToken.objects.select_related("organisation", "created_by"),
        pk=token_pk,
        organisation_id=pk,
        revoked_at=None,
    )
    if not queries.can_manage(request.user, token.organisation):
        raise Http404
    if request.method == "POST":
        services.revoke_api_token(token, by=request.user)
        messages.success(
            request,
            _("The token “%(name)s” was revoked: programs using it are refused from now on.")
            % {"name": token.name},
        )
        return redirect(token.organisation)
    return render(request, "accounts/api_token_revoke.html", {"token": token})


@login_required
@require_POST
def membership_answer(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("organisation", "user"), pk=pk)
    accept = request.POST.get("answer") == "accept"
    try:
        services.answer_join_request(membership, accept=accept, by=request.user)
    except ValidationError as error:
        messages.error(request, error.message)
    else:
        message = (
            _("%(name)s is now a member.") if accept else _("The request of %(name)s was declined.")
        )
        messages.success(request, message % {"name": membership.user.full_name})
    return redirect(membership.organisation)


@login_required
def membership_remove(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("organisation", "user"), pk=pk)
    if not queries.can_manage(request.user, membership.organisation):
        raise Http404
    if request.method == "POST":
        try:
            services.remove_member(membership, by=request.user)
        except ValidationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(name)s was removed.") % {"name": membership.user.full_name}
            )
        return redirect(membership.organisation)
    return render(request, "accounts/membership_remove.html", {"membership": membership})


def invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("organisation"), token=token)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.accept_invitation(invitation, by=request.user)
        except ValidationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("You are now a member of %(name)s.") % {"name": invitation.organisation.name},
            )
            return redirect(invitation.organisation)
    return render(request, "accounts/invitation.html", {"invitation": invitation})
