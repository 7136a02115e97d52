"""The public enrolment form: portal's registration form, asking what a course needs."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from entrepreneurs.models import CourseEnrolment
from portal.intake import ContactData
from portal.registrations.forms import RegistrationForm
from portal.registrations.models import Registration

YES, NO = "yes", "no"


class EnrolmentForm(RegistrationForm):
    """One seat for the person enrolling; whether they have a CVR number yet and their idea
    are stored as the registration's CourseEnrolment, in the same transaction (`on_new`)."""

    form_token_salt = "entrepreneurs.course-enrolment.form-token"
    # As the page shows them, so the error summary lists the errors in the same order.
    field_order = ["name", "email", "phone", "has_cvr", "idea", "needs"]

    has_cvr = forms.ChoiceField(
        label=_("Har du et CVR-nummer?"),
        choices=[(YES, _("Ja")), (NO, _("Nej, ikke endnu"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Svar på, om du har et CVR-nummer.")},
    )
    idea = forms.CharField(
        label=_("Din idé med få ord"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Så underviseren kan tilrettelægge kurset efter holdet. Højst 1.000 tegn."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A course seat is one person's: no party, no company, no list for the others.
        for name in ("seats", "company_name", "cvr", "listed"):
            del self.fields[name]
        self.fields["needs"].help_text = _("Fx tolk, adgang for kørestol eller allergier.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> has it
        self.helper.layout = Layout(
            Fieldset(_("Om dig"), "name", "email", "phone"),
            Fieldset(_("Om din idé"), "has_cvr", "idea"),
            Fieldset(_("Deltagelse"), "needs"),
            "form_token",
        )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data

        def store_enrolment(registration: Registration) -> None:
            CourseEnrolment.objects.create(
                registration=registration,
                has_cvr=data["has_cvr"] == YES,
                idea=data["idea"].strip(),
            )

        return {
            "occasion": self.occasion,
            "contact": ContactData(name=data["name"], email=data["email"], phone=data["phone"]),
            "seats": 1,
            "needs": data["needs"].strip(),
            "submission_key": self.submission_key,
            "on_new": store_enrolment,
        }
