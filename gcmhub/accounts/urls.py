from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from gcmhub.accounts import views

app_name = "accounts"
urlpatterns = [
    path("accounts/", views.account_home, name="home"),
    path("accounts/register/", views.register, name="register"),
    path("accounts/register/sent/", views.registration_sent, name="registration_sent"),
    path("accounts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("accounts/confirm-again/", views.resend_confirmation, name="resend_confirmation"),
    path("accounts/sign-in/", views.sign_in, name="sign_in"),
    path("accounts/sign-out/", auth_views.LogoutView.as_view(), name="sign_out"),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:home")),
        name="password_change",
    ),
    path("accounts/profile/", views.profile, name="profile"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/new/", views.organisation_register, name="organisation_register"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/join/", views.organisation_join, name="organisation_join"),
    path("organisations/<int:pk>/invite/", views.organisation_invite, name="organisation_invite"),
    path("organisations/<int:pk>/tokens/", views.api_token_create, name="api_token_create"),
    path(
        "organisations/<int:pk>/tokens/<int:token_pk>/revoke/",
        views.api_token_revoke,
        name="api_token_revoke",
    ),
    path("memberships/<int:pk>/answer/", views.membership_answer, name="membership_answer"),
    path("memberships/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
