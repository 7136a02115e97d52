from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from portal.accounts import roles
from portal.accounts.demo_staff import DEMO_PASSWORD


class CodeForm(forms.Form):
    """One code: from the authenticator app, or (when signing in) a backup code."""

    code = forms.CharField(
        label=_("Kode"),
        max_length=20,
        help_text=_(
            "Skriv den 6-cifrede kode fra din godkendelsesapp eller en af dine reservekoder."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


class EnrolmentForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = _("Kode fra appen")
        field.help_text = _("Den 6-cifrede kode, som appen viser lige nu.")
        field.widget.attrs["inputmode"] = "numeric"


class StaffAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in, which refuses the published demo password outside DEBUG."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "demo_password": _(
            "Demokontoen med den offentlige adgangskode kan ikke bruges her. Bed din leder om "
            "din egen konto."
        ),
    }

    def clean_username(self) -> str:
        """The user name as stored, whatever its case: the staff page lowercases the e-mail that
        is the user name, and "Mona@…" is the same person (and the same count for axes)."""
        username = (self.cleaned_data.get("username") or "").strip()
        matches = list(
            get_user_model()
            .objects.filter(username__iexact=username)
            .values_list("username", flat=True)
        )
        if username not in matches and len(matches) == 1:
            return matches[0]
        return username

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        # The password was right, so it is the user's: refuse it if it is the one the demo
        # prints on the console (portal.demo), which anyone may know.
        if not settings.DEBUG and constant_time_compare(
            self.cleaned_data.get("password") or "", DEMO_PASSWORD
        ):
            raise ValidationError(self.error_messages["demo_password"], code="demo_password")


class ChoosePasswordForm(SetPasswordForm):
    """The password a new member of staff chooses from the link in the invitation."""

    def clean_new_password2(self) -> str:
        password = self.cleaned_data.get("new_password2") or ""
        if constant_time_compare(password, DEMO_PASSWORD):
            raise ValidationError(
                _("Den adgangskode er offentlig (demoens). Vælg en anden."), code="demo_password"
            )
        return password


def allowed_roles(user) -> list[str]:
    """The roles `user` may give: their own and those their own include (all for a superuser)."""
    if user.is_superuser:
        return list(roles.ROLES)
    own = set(user.groups.filter(name__in=roles.ROLES).values_list("name", flat=True))
    for role in list(own):
        own |= roles.ROLES[role]
    return [role for role in roles.ROLES if role in own]


class StaffForm(forms.ModelForm):
    """A member of staff as the manager sees one: name, e-mail, role, active. Nothing else.

    No superuser flag, no permissions, no groups: the role is the one group, and only roles
    the manager has themselves can be given (`allowed_roles`). The e-mail is the user name
    (services.save_staff_member), and another manager's is not the manager's to change.
    """

    role = forms.ChoiceField(label=_("Rolle"))

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email", "is_active"]
        labels = {
            "first_name": _("Fornavn"),
            "last_name": _("Efternavn"),
            "email": _("E-mail"),
            "is_active": _("Aktiv"),
        }
        help_texts = {
            "email": _(
                "Arbejdsmailen. Den er også brugernavnet, som medarbejderen logger ind med, og "
                "invitationen sendes hertil. Ændres den, får den gamle adresse besked."
            ),
            "is_active": _(
                "Fjern fluebenet, når medarbejderen stopper. Kontoen kan så ikke logge ind, men "
                "sager og journal beholder navnet."
            ),
        }

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        choices = allowed_roles(request.user) if request else list(roles.ROLES)
        current = self.current_role()
        if current and current not in choices:
            choices = [current, *choices]
        self.fields["role"].choices = [(role, role) for role in choices]
        self.fields["role"].help_text = _(
            "En sagsbehandler arbejder med sager og virksomheder. En leder kan også oprette "
            "medarbejdere, låse konti op og ændre portalens indstillinger."
        )
        self.fields["role"].initial = current or roles.CASEWORKER
        if self._email_is_locked():
            # A new e-mail would let its owner take the account over by a new link.
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _(
                "Kun en superbruger kan ændre en anden leders e-mail (og dermed brugernavnet)."
            )

    def current_role(self) -> str:
        if not self.instance.pk:
            return ""
        names = set(self.instance.groups.values_list("name", flat=True))
        # The highest role the user has: the manager's includes the caseworker's.
        return next((role for role in reversed(roles.ROLES) if role in names), "")

    def clean_email(self) -> str:
        if self.fields["email"].disabled:
            return self.instance.email
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects.exclude(pk=self.instance.pk)
        if users.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
            raise ValidationError(_("Der er allerede en medarbejder med denne e-mail."))
        return email

    def clean_role(self) -> str:
        role = self.cleaned_data["role"]
        if self.request and role not in allowed_roles(self.request.user):
            if role != self.current_role():
                raise ValidationError(_("Du kan kun give en rolle, du selv har."))
        if self._is_self() and role != self.current_role():
            raise ValidationError(_("Du kan ikke ændre din egen rolle. Bed en anden leder."))
        if self._is_other_manager() and role != self.current_role():
            # Else a manager could make a colleague a caseworker, change the e-mail and take
            # the account over.
            raise ValidationError(_("Kun en superbruger kan ændre en anden leders rolle."))
        return role

    def clean_is_active(self) -> bool:
        active = self.cleaned_data["is_active"]
        if self._is_self() and not active:
            raise ValidationError(_("Du kan ikke deaktivere din egen konto."))
        return active

    def _email_is_locked(self) -> bool:
        """Another manager's e-mail: only a superuser changes it."""
        return self._is_other_manager()

    def _is_other_manager(self) -> bool:
        """The account is another manager's, and the one editing it is no superuser."""
        return bool(
            self.instance.pk
            and self.request
            and not self.request.user.is_superuser
            and not self._is_self()
            and self.current_role() == roles.MANAGER
        )

    def _is_self(self) -> bool:
        return bool(self.request and self.instance.pk == self.request.user.pk)
