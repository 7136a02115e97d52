"""Principle 3: the path from idea to enterprise, courses, and start-up support.

One module per part, so that each reads on its own: path.py (the steps on /ivaerksaettere/),
courses.py (Course and CourseSession, an Occasion with seats), grants.py (SupportScheme, the
application and its draft), decisions.py (assessment, decision, letter, payments).
"""

from entrepreneurs.models.courses import COURSE_KIND, Course, CourseEnrolment, CourseSession
from entrepreneurs.models.decisions import Assessment, Decision, Payment
from entrepreneurs.models.grants import (
    ApplicationAttachment,
    ApplicationDraft,
    BudgetLine,
    GrantApplication,
    SchemePeriod,
    SupportScheme,
)
from entrepreneurs.models.path import PathStep

__all__ = [
    "COURSE_KIND",
    "ApplicationAttachment",
    "ApplicationDraft",
    "Assessment",
    "BudgetLine",
    "Course",
    "CourseEnrolment",
    "CourseSession",
    "Decision",
    "GrantApplication",
    "PathStep",
    "Payment",
    "SchemePeriod",
    "SupportScheme",
]
