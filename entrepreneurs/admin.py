# The admin of each part lives beside it; importing registers it.
from entrepreneurs.applications import admin as applications_admin  # noqa: F401
from entrepreneurs.courses import admin as courses_admin  # noqa: F401
from entrepreneurs.decisions import admin as decisions_admin  # noqa: F401
