"""The registration form's steps on a post, in the same safe order as portal.intake's.

Honeypot first, then validation, then the registration this form made before (a repeat post
never meets the rate limit), then the limit on new registrations, then the service.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import translation

from portal import ratelimit
from portal.intake import RATE_LIMITED
from portal.registrations import services
from portal.registrations.forms import RegistrationForm
from portal.registrations.models import Registration

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RegistrationSubmission:
    """What became of one post of a registration form, for its view to answer."""

    # New, or the one this form made before: redirect to its page.
    registration: Registration | None = None
    # Honeypot: answer as if all went well, store nothing.
    caught: bool = False
    # The address already has a registration: its link was mailed again. The page says "check
    # your e-mail", as it does for the honeypot, never that the address was registered.
    already_registered: bool = False
    retry_after: int | None = None

    @property
    def status(self) -> int:
        return 429 if self.retry_after else 200

    @property
    def check_email(self) -> bool:
        return self.caught or self.already_registered


def take_registration(request: HttpRequest, form: RegistrationForm) -> RegistrationSubmission:
    if form.caught_in_honeypot():
        logger.info(
            "A registration form was caught in the honeypot from %s", ratelimit.client_ip(request)
        )
        return RegistrationSubmission(caught=True)
    if not form.is_valid():
        return RegistrationSubmission()
    if repeat := Registration.objects.filter(submission_key=form.submission_key).first():
        return RegistrationSubmission(registration=repeat)
    window = settings.REGISTRATION_RATE_WINDOW
    if not ratelimit.allow_new_submission(
        request,
        scope="registration",
        submission_key=form.submission_key,
        limit=settings.REGISTRATION_RATE_LIMIT,
        window=window,
    ):
        form.add_error(None, RATE_LIMITED)
        return RegistrationSubmission(retry_after=window)
    try:
        registration = services.submit_registration(
            **form.service_kwargs(), language=translation.get_language()
        )
    except services.AlreadyRegistered:
        return RegistrationSubmission(already_registered=True)
    except ValidationError as error:
        form.add_error(None, error)
        return RegistrationSubmission()
    return RegistrationSubmission(registration=registration)
