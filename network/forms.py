"""The caseworker's form for network meetings (the public registration form is portal's, and
so are the forms of the moves on a meeting's admin page: portal.registrations.admin_forms)."""

from network import services
from network.models import Meeting
from portal.registrations.admin_forms import OccasionModelForm, occasion_form_field


class MeetingAdminForm(OccasionModelForm):
    """A meeting and its occasion's fields in one form; the services store it when the form
    validates (see OccasionModelForm)."""

    occasion_fields = services.OCCASION_FIELDS

    title = occasion_form_field("title")
    starts_at = occasion_form_field("starts_at")
    ends_at = occasion_form_field("ends_at")
    registration_deadline = occasion_form_field("registration_deadline")
    capacity = occasion_form_field("capacity")
    max_seats_per_registration = occasion_form_field("max_seats_per_registration")
    address = occasion_form_field("address")
    online_url = occasion_form_field("online_url")
    published = occasion_form_field("published")

    class Meta:
        model = Meeting
        fields = list(services.MEETING_FIELDS)

    def create(self, **data) -> Meeting:
        return services.create_meeting(by=self.by, **data)

    def update(self, instance: Meeting, **data) -> Meeting:
        return services.update_meeting(meeting=instance, by=self.by, **data)
