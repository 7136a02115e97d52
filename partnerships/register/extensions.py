"""What the register part adds to portal's extension points."""


def register() -> None:
    pass
