from django import forms
from django.contrib.auth import authenticate, password_validation
from django.utils.translation import gettext_lazy as _

from gcmhub.accounts import ratelimit
from gcmhub.accounts.models import Membership, Organisation, User
from gcmhub.compact import queries as compact


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"), help_text=_("We send a link to this address to confirm it.")
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                _(
                    "An account with this e-mail address exists already. Sign in, or reset your password."
                )
            )
        return email

    def clean(self):
        data = super().clean()
        password = data.get("password1")
        if password and data.get("password2") and password != data["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        elif password:
            user = User(email=data.get("email", ""), full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = None

    def clean(self):
        data = super().clean()
        email, password = data.get("email"), data.get("password")
        if not email or not password:
            return data
        address = ratelimit.client_address(self.request)
        if ratelimit.is_blocked(email, address):
            raise forms.ValidationError(
                _(
                    "Too many failed attempts to sign in. Wait 15 minutes and try again, or reset your password."
                ),
                code="blocked",
            )
        user = authenticate(self.request, username=email, password=password)
        if user is None:
            ratelimit.record_failure(email, address)
            raise forms.ValidationError(
                _("The e-mail address or the password is wrong."), code="invalid"
            )
        if not user.is_email_confirmed:
            raise forms.ValidationError(
                _("Confirm your e-mail address first: follow the link we sent you."),
                code="unconfirmed",
            )
        ratelimit.clear(email)
        self.user = user
        return data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language"]
        help_texts = {"language": _("We write to you in this language.")}


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("For example https://www.example.org"),
    )

    class Meta:
        model = Organisation
        fields = ["name", "entity_type", "country", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entity_type"].queryset = compact.entity_types()
        self.fields["country"].choices = [("", _("No single country"))] + [
            (country.pk, country.name) for country in compact.countries()
        ]

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def validate_unique(self):
        super().validate_unique()
        name, country = self.cleaned_data.get("name"), self.cleaned_data.get("country")
        if name and Organisation.objects.filter(name__iexact=name, country=country).exists():
            self.add_error(
                "name",
                _("An organisation with this name is registered already. Ask to join it instead."),
            )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))
    level = forms.ChoiceField(
        label=_("Role"), choices=Membership.Level.choices, initial=Membership.Level.MEMBER
    )


class OrganisationSearchForm(forms.Form):
    is_filter = True  # its fields are all optional: no "(optional)" beside each

    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("What it is for, for example “Our pledge database”."),
    )
