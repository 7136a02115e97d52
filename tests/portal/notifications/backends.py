"""A mail server that is down for a while, for tests."""

from smtplib import SMTPException

from django.core.mail.backends.locmem import EmailBackend


class FlakyEmailBackend(EmailBackend):
    """Refuses the first `failures` messages, then delivers to `mail.outbox` like locmem."""

    failures = 0

    def send_messages(self, messages):
        if FlakyEmailBackend.failures > 0:
            FlakyEmailBackend.failures -= 1
            raise SMTPException("421 Service not available")
        return super().send_messages(messages)
