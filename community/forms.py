from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import UsernameField
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .models import User


class SignUpForm(forms.Form):
    username = UsernameField(
        label=_("Nom d'utilisateur"),
        max_length=150,
        # The account's own rules, checked with the other fields on the first submit.
        validators=[UnicodeUsernameValidator()],
        help_text=_("Il signera vos contributions. Lettres, chiffres et @ . + - _ seulement."),
    )
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        help_text=_("Pour retrouver votre mot de passe ; jamais affichée."),
    )
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Au moins 8 caractères, pas uniquement des chiffres."),
    )
    password2 = forms.CharField(
        label=_("Confirmez le mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_licence = forms.BooleanField(
        label=mark_safe(  # noqa: S308 - static text of ours
            _(
                "J'accepte que mes contributions soient publiées sous licence "
                '<a href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr">CC BY-SA 4.0</a>.'
            )
        ),
        required=True,
        error_messages={
            "required": _("Vous devez accepter la licence CC BY-SA 4.0 pour contribuer.")
        },
    )

    # Honeypot: hidden from people (CSS and aria-hidden), filled in by spam robots.
    site_web = forms.CharField(required=False, label=_("Ne pas remplir ce champ"))

    def clean_site_web(self):
        if self.cleaned_data.get("site_web"):
            raise forms.ValidationError(_("Inscription refusée."))
        return ""

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Ce nom d'utilisateur est déjà pris."))
        return username

    def clean_email(self):
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Un compte existe déjà avec cette adresse e-mail."))
        return email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
        elif password1:
            candidate = User(username=cleaned.get("username", ""), email=cleaned.get("email", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
