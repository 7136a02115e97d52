"""The caseworker's form for a course session: the session and its occasion in one form."""

from entrepreneurs.courses import services
from entrepreneurs.models import CourseSession
from portal.registrations.admin_forms import OccasionModelForm, occasion_form_field


class CourseSessionAdminForm(OccasionModelForm):
    """The services store the session when the form validates (see OccasionModelForm)."""

    occasion_fields = services.OCCASION_FIELDS

    title = occasion_form_field("title")
    starts_at = occasion_form_field("starts_at")
    ends_at = occasion_form_field("ends_at")
    registration_deadline = occasion_form_field("registration_deadline")
    capacity = occasion_form_field("capacity")
    address = occasion_form_field("address")
    online_url = occasion_form_field("online_url")
    published = occasion_form_field("published")

    class Meta:
        model = CourseSession
        fields = list(services.SESSION_FIELDS)

    def create(self, **data) -> CourseSession:
        return services.create_session(by=self.by, **data)

    def update(self, instance: CourseSession, **data) -> CourseSession:
        return services.update_session(session=instance, by=self.by, **data)
