from django.contrib.auth import views as auth_views
from django.urls import path, re_path, reverse_lazy

from . import views

app_name = "community"

urlpatterns = [
    path("comptes/inscription/", views.sign_up_view, name="signup"),
    path(
        "comptes/connexion/",
        auth_views.LoginView.as_view(
            template_name="community/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("comptes/deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "comptes/mot-de-passe/oubli/",
        auth_views.PasswordResetView.as_view(
            template_name="community/password_reset.html",
            email_template_name="community/password_reset_email.txt",
            subject_template_name="community/password_reset_subject.txt",
            success_url=reverse_lazy("community:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "comptes/mot-de-passe/envoye/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="community/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "comptes/mot-de-passe/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="community/password_reset_confirm.html",
            success_url=reverse_lazy("community:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "comptes/mot-de-passe/termine/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="community/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("contributeurs/<str:username>/", views.contributor_view, name="contributor"),
    re_path(
        r"^contributeurs/(?P<username>[\w.@+-]+)/(?P<action>bloquer|debloquer|confirmer)/$",
        views.user_moderation_view,
        name="user_moderation",
    ),
    path("relecture/", views.review_queue_view, name="review_queue"),
    path("relecture/decision/", views.review_decision_view, name="review_decision"),
    path("notifications/", views.notifications_view, name="notifications"),
    path("notifications/lues/", views.notifications_read_view, name="notifications_read"),
    path("contributions-en-attente/", views.my_pending_view, name="my_pending"),
    path("signaler/", views.report_view, name="report"),
]
