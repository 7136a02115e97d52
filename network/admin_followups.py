"""Follow-ups (aftercare) in the admin: plan one, and close it with the next one in one step.

network/admin.py imports this module, so the admin registers it. The writes go through
network/followups.py: a new follow-up through plan_follow_up(), closing one (a done date on an
open follow-up) through complete_follow_up(), which also plans the next when it is given.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget
from django.contrib.auth import get_user_model
from django.db.models import TextField
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from network import followups
from network.models import FollowUp
from portal.admin_display import danish_date, flagged
from portal.history import PortalHistoryAdmin
from portal.registry.dialogue import end_of_week


class TopicsField(forms.MultipleChoiceField):
    """The topics as checkboxes, stored as FollowUp.topics' JSON list (in the choices' order)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=FollowUp.Topic.choices, **kwargs)

    def clean(self, value):
        chosen = set(super().clean(value))
        return [topic for topic in FollowUp.Topic.values if topic in chosen]


class StaffField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class FollowUpAdminForm(forms.ModelForm):
    # Not required here: FollowUp.clean() says "Vælg mindst ét emne." on the field, once.
    topics = TopicsField(label=_("Emner"), required=False)
    next_due_on = forms.DateField(
        label=_("Næste opfølgning den"),
        required=False,
        widget=AdminDateWidget,
        help_text=_("Planlæg den næste opfølgning med det samme, når denne er gennemført."),
    )
    next_topics = TopicsField(label=_("Emner for den næste opfølgning"), required=False)

    class Meta:
        model = FollowUp
        fields = ["company", "topics", "due_on", "assignee", "agenda", "outcome", "done_on"]
        field_classes = {"assignee": StaffField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Whether the follow-up was open when the form was loaded: a done date now closes it.
        self.was_open = self.instance.done_on is None
        if "assignee" in self.fields:
            self.fields["assignee"].queryset = (
                get_user_model()
                .objects.filter(is_staff=True, is_active=True)
                .order_by("first_name", "last_name", "username")
            )

    @property
    def completes(self) -> bool:
        return bool(self.instance.pk and self.was_open and self.cleaned_data.get("done_on"))

    def clean(self):
        cleaned = super().clean()
        next_due_on = cleaned.get("next_due_on")
        next_topics = cleaned.get("next_topics") or []
        if not self.completes:
            if next_due_on or next_topics:
                self.add_error(
                    "next_due_on",
                    _("Den næste opfølgning planlægges, når denne er gennemført: skriv datoen."),
                )
            return cleaned
        errors = followups.completion_errors(
            done_on=cleaned.get("done_on"), next_due_on=next_due_on, next_topics=next_topics
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("aaben", _("Åbne")), ("gennemfoert", _("Gennemførte"))]

    def queryset(self, request, queryset):
        if self.value() == "aaben":
            return queryset.filter(done_on__isnull=True)
        if self.value() == "gennemfoert":
            return queryset.filter(done_on__isnull=False)
        return queryset


class DueFilter(admin.SimpleListFilter):
    title = _("frist")
    parameter_name = "frist"

    def lookups(self, request, model_admin):
        return [("forfalden", _("Forfaldne")), ("uge", _("Senest i denne uge"))]

    def queryset(self, request, queryset):
        if self.value() == "forfalden":
            return queryset.open().filter(due_on__lt=timezone.localdate())
        if self.value() == "uge":
            return queryset.due_by(end_of_week())
        return queryset


class AssigneeFilter(admin.SimpleListFilter):
    title = _("ansvarlig")
    parameter_name = "ansvarlig"

    def lookups(self, request, model_admin):
        return [("mine", _("Mine"))]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(assignee=request.user)
        return queryset


class TopicFilter(admin.SimpleListFilter):
    title = _("emne")
    parameter_name = "emne"

    def lookups(self, request, model_admin):
        return FollowUp.Topic.choices

    def queryset(self, request, queryset):
        if self.value() in FollowUp.Topic.values:
            # The JSON list as text holds '"recruitment"': the same on SQLite and PostgreSQL
            # (SQLite has no JSON containment lookup).
            return queryset.annotate(topics_text=Cast("topics", output_field=TextField())).filter(
                topics_text__contains=f'"{self.value()}"'
            )
        return queryset


@admin.register(FollowUp)
class FollowUpAdmin(PortalHistoryAdmin):
    """Planned dialogues with companies about development, recruitment, retention, partnerships."""

    form = FollowUpAdminForm
    list_display = ["company", "topics_display", "due_display", "assignee_display", "done_display"]
    list_filter = [StatusFilter, DueFilter, AssigneeFilter, TopicFilter]
    search_fields = ["company__name", "company__cvr"]
    list_select_related = ["company", "assignee"]
    autocomplete_fields = ["company"]
    readonly_fields = ["next_follow_up_link", "previous_link", "created_at"]

    def get_fieldsets(self, request: HttpRequest, obj: FollowUp | None = None):
        planned = (None, {"fields": ["company", "topics", "due_on", "assignee", "agenda"]})
        if obj is None:
            return [planned]
        held = (_("Gennemført"), {"fields": ["outcome", "done_on"]})
        links = (None, {"fields": ["previous_link", "created_at"]})
        if obj.is_done:
            links = (None, {"fields": ["next_follow_up_link", "previous_link", "created_at"]})
            return [planned, held, links]
        after = (
            _("Næste opfølgning"),
            {
                "fields": ["next_due_on", "next_topics"],
                "description": _(
                    "Udfyld, når du lukker denne: så er den næste planlagt i samme trin."
                ),
            },
        )
        return [planned, held, after, links]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        # ?company=<pk> (from the company page) is read by the default; the assignee is you.
        return {"assignee": request.user.pk, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj: FollowUp, form, change: bool) -> None:
        data = form.cleaned_data
        if not change:
            planned = followups.plan_follow_up(
                company=data["company"],
                topics=data["topics"],
                due_on=data["due_on"],
                assignee=data["assignee"],
                agenda=data["agenda"],
                by=request.user,
            )
            # The admin goes on with `obj` (its log entry, message and redirect): make it the row.
            obj.pk = planned.pk
            obj._state.adding = False
            return
        if form.completes:
            followups.complete_follow_up(
                follow_up=obj,
                outcome=data["outcome"],
                done_on=data["done_on"],
                next_due_on=data.get("next_due_on"),
                next_topics=data.get("next_topics"),
                by=request.user,
            )
            return
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj: FollowUp, post_url_continue=None):
        """Back to the company page when the follow-up was planned from there."""
        stays = {"_continue", "_addanother", "_popup"} & set(request.POST)
        if (
            request.GET.get("company")
            and not stays
            and request.user.has_perm("registry.view_company")
        ):
            self.message_user(
                request,
                _("Opfølgningen med %(company)s er planlagt.") % {"company": obj.company.name},
                messages.SUCCESS,
            )
            return redirect("admin:registry_company_change", obj.company_id)
        return super().response_add(request, obj, post_url_continue)

    @admin.display(description=_("emner"))
    def topics_display(self, obj: FollowUp) -> str:
        return obj.topics_display

    @admin.display(description=_("skal ske senest"), ordering="due_on")
    def due_display(self, obj: FollowUp) -> str:
        due = danish_date(obj.due_on)
        if not obj.is_done and obj.due_on < timezone.localdate():
            return flagged(due, _("forfalden"))
        return due

    @admin.display(description=_("ansvarlig"), ordering="assignee__first_name")
    def assignee_display(self, obj: FollowUp) -> str:
        return obj.assignee.get_full_name() or obj.assignee.get_username()

    @admin.display(description=_("gennemført"), ordering="done_on")
    def done_display(self, obj: FollowUp) -> str:
        return danish_date(obj.done_on) if obj.done_on else "–"

    @admin.display(description=_("næste opfølgning"))
    def next_follow_up_link(self, obj: FollowUp) -> str:
        return self._link(obj.next_follow_up)

    @admin.display(description=_("forrige opfølgning"))
    def previous_link(self, obj: FollowUp) -> str:
        return self._link(getattr(obj, "previous_follow_up", None))

    def _link(self, follow_up: FollowUp | None) -> str:
        if follow_up is None:
            return "–"
        return format_html(
            '<a href="{}">{} ({})</a>',
            reverse("admin:network_followup_change", args=[follow_up.pk]),
            danish_date(follow_up.due_on),
            follow_up.topics_display,
        )
