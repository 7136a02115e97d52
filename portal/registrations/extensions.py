"""What registrations adds to portal's extension points; RegistrationsConfig.ready() calls it."""


def register() -> None:
    pass
