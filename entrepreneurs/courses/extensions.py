"""What courses add to portal's extension points; entrepreneurs.extensions.register() calls
register()."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from entrepreneurs.courses.company_section import company_courses_section
from entrepreneurs.courses.demo import load_demo_courses, load_demo_path
from entrepreneurs.courses.privacy import (
    ENROLMENT_IDEAS,
    clear_enrolment_ideas,
    due_enrolment_ideas,
    find_enrolments,
)
from entrepreneurs.courses.selectors import search_course_hits
from entrepreneurs.courses.workbench import seat_tiles
from entrepreneurs.models import COURSE_KIND
from portal.demo import DemoLoader, demo_loaders
from portal.privacy.registry import AppRetention, PersonalData, app_retention, personal_data
from portal.registrations.kinds import OccasionKind, occasion_kinds
from portal.registry.timeline import CompanySectionProvider, company_section_providers
from portal.search import SearchProvider, search_providers
from portal.workbench import TileGroup, tile_groups


def _public_url(occasion) -> str:
    return occasion.course_session.course.get_absolute_url()


def _admin_url(occasion) -> str:
    return reverse("admin:entrepreneurs_coursesession_change", args=[occasion.pk])


def register() -> None:
    occasion_kinds.register(
        OccasionKind(
            name=COURSE_KIND,
            label=_("kursus"),
            label_definite=_("kurset"),
            public_url=_public_url,
            admin_url=_admin_url,
        )
    )
    search_providers.register(
        SearchProvider(
            name="entrepreneurs.courses",
            label=_("Iværksætterkurser"),
            search=search_course_hits,
            order=45,
        )
    )
    demo_loaders.register(DemoLoader(name="entrepreneurs.path", load=load_demo_path, order=50))
    demo_loaders.register(
        DemoLoader(name="entrepreneurs.courses", load=load_demo_courses, order=51)
    )
    tile_groups.register(
        TileGroup(
            name="entrepreneurs.course-seats",
            tiles=seat_tiles,
            order=45,
            permission="entrepreneurs.view_coursesession",
        )
    )
    company_section_providers.register(
        CompanySectionProvider(
            name="entrepreneurs.courses",
            label=_("Iværksætterkurser"),
            build=company_courses_section,
            order=45,
            permission="entrepreneurs.view_coursesession",
        )
    )
    personal_data.register(
        PersonalData(
            name="course_enrolments",
            label=_("Tilmeldinger til iværksætterkurser"),
            find=find_enrolments,
            order=45,
        )
    )
    app_retention.register(
        AppRetention(
            name="course_enrolment_ideas",
            rule=ENROLMENT_IDEAS,
            due=due_enrolment_ideas,
            apply=clear_enrolment_ideas,
        )
    )
