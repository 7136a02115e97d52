"""Staff on one Danish page ("Medarbejdere"), instead of Django's users and groups.

Django's UserAdmin lets whoever may change a user tick "superuser", hand out raw permissions and
put the user in any group: a manager could make anyone (themselves too) more than a manager.
Here a manager sets name, e-mail, role and whether the account is active, and nothing else;
superusers are made with `manage.py createsuperuser` and are not shown to managers at all.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts import roles, services
from portal.accounts.forms import StaffForm

User = get_user_model()

# Two-factor devices are not edited raw either: the staff page resets a lost one (an action).
for model in (User, Group, TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class RoleFilter(admin.SimpleListFilter):
    title = gettext_lazy("rolle")
    parameter_name = "rolle"

    def lookups(self, request, model_admin):
        return [(role, role) for role in roles.ROLES]

    def queryset(self, request, queryset):
        if self.value() in roles.ROLES:
            return queryset.filter(groups__name=self.value())
        return queryset


def _may_reset(manager, user) -> bool:
    return (
        manager.is_superuser
        or manager.pk == user.pk
        or not user.groups.filter(name=roles.MANAGER).exists()
    )


@admin.register(User)
class StaffAdmin(admin.ModelAdmin):
    form = StaffForm
    fields = ["first_name", "last_name", "email", "role", "is_active"]
    list_display = ["full_name", "email", "role", "is_active", "last_login"]
    list_display_links = ["full_name"]
    list_filter = ["is_active", RoleFilter]
    search_fields = ["first_name", "last_name", "email", "username"]
    ordering = ["first_name", "last_name"]
    actions = ["send_new_link", "reset_second_factor"]
    change_form_template = "accounts/staff_change_form.html"

    def get_queryset(self, request: HttpRequest):
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("groups", queryset=Group.objects.filter(name__in=roles.ROLES))
            )
        )
        if not request.user.is_superuser:
            queryset = queryset.filter(is_superuser=False)
        return queryset

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        # The form checks the role against the manager's own, and "not yourself".
        class RequestStaffForm(form):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, request=request, **form_kwargs)

        return RequestStaffForm

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Cases and the journal name the caseworker: deactivate instead.
        return False

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        role = form.cleaned_data["role"]
        if change:
            services.save_staff_member(user=obj, role=role, by=request.user)
        else:
            services.add_staff_member(user=obj, role=role, by=request.user)

    def response_add(self, request: HttpRequest, obj, post_url_continue=None):
        messages.info(
            request,
            _("Vi har sendt en invitation til %(email)s med et link til at vælge adgangskode.")
            % {"email": obj.email},
        )
        return super().response_add(request, obj, post_url_continue)

    def changelist_view(self, request: HttpRequest, extra_context=None):
        return super().changelist_view(
            request, {"title": _("Medarbejdere"), **(extra_context or {})}
        )

    def changeform_view(
        self, request: HttpRequest, object_id=None, form_url="", extra_context=None
    ):
        title = _("Ny medarbejder") if object_id is None else _("Medarbejder")
        return super().changeform_view(
            request, object_id, form_url, {"title": title, **(extra_context or {})}
        )

    @admin.display(description=gettext_lazy("Navn"), ordering="first_name")
    def full_name(self, user) -> str:
        return user.get_full_name() or user.get_username()

    @admin.display(description=gettext_lazy("Rolle"))
    def role(self, user) -> str:
        names = {group.name for group in user.groups.all()}
        return next((role for role in reversed(roles.ROLES) if role in names), "–")

    @admin.action(
        description=gettext_lazy("Send nyt link til at vælge adgangskode"),
        permissions=["change"],
    )
    def send_new_link(self, request: HttpRequest, queryset) -> None:
        users = [user for user in queryset if user.email and user.is_active]
        for user in users:
            services.queue_invitation(user=user, by=request.user)
        messages.success(
            request,
            _("Nyt link sendt til: %(emails)s") % {"emails": ", ".join(u.email for u in users)}
            if users
            else _("Ingen aktive medarbejdere med e-mail blandt de valgte."),
        )

    def get_urls(self):
        return [
            path(
                "<int:object_id>/send-link/",
                self.admin_site.admin_view(self.send_link_view),
                name="auth_user_send_link",
            ),
            *super().get_urls(),
        ]

    def send_link_view(self, request: HttpRequest, object_id: int):
        user = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        if request.method != "POST":  # the button on the user's page posts; a GET goes back
            return HttpResponseRedirect(reverse("admin:auth_user_change", args=[user.pk]))
        if not (user.email and user.is_active):
            messages.error(request, _("Kun en aktiv medarbejder med e-mail kan få et link."))
        else:
            services.queue_invitation(user=user, by=request.user)
            self.log_change(request, user, _("Sendte nyt link til at vælge adgangskode."))
            messages.success(request, _("Nyt link sendt til %(email)s.") % {"email": user.email})
        return HttpResponseRedirect(reverse("admin:auth_user_change", args=[user.pk]))

    @admin.action(
        description=gettext_lazy("Nulstil totrinsbekræftelse (mistet telefon) og send nyt link"),
        permissions=["change"],
    )
    def reset_second_factor(self, request: HttpRequest, queryset) -> None:
        users = [user for user in queryset if user.email and user.is_active]
        # Another manager's sign-in is a superuser's to reset, as their role and e-mail are.
        peers = [user for user in users if not _may_reset(request.user, user)]
        if peers:
            users = [user for user in users if user not in peers]
            messages.error(
                request,
                _("Kun en superbruger kan nulstille en anden leders totrinsbekræftelse: %(names)s")
                % {"names": ", ".join(user.get_full_name() or user.email for user in peers)},
            )
        if not users:
            return
        for user in users:
            services.reset_second_factor(user=user, by=request.user)
            self.log_change(request, user, _("Nulstillede totrinsbekræftelsen og sendte nyt link."))
        messages.success(
            request,
            ngettext(
                "Totrinsbekræftelsen er nulstillet for %(count)d medarbejder, som har fået et nyt "
                "link til at slå den til igen.",
                "Totrinsbekræftelsen er nulstillet for %(count)d medarbejdere, som har fået et nyt "
                "link til at slå den til igen.",
                len(users),
            )
            % {"count": len(users)},
        )
