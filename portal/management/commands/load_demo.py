from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.accounts.demo_staff import DEMO_PASSWORD, DEMO_STAFF, demo_staff_user
from portal.accounts.roles import sync_roles
from portal.demo import demo_loaders


class Command(BaseCommand):
    help = "Indlæser demodata og en demo-sagsbehandler. Kan køres flere gange uden dubletter."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demodata indeholder en kendt adgangskode og må kun indlæses med DEBUG=1."
            )
        with transaction.atomic():
            # The core's own first (site settings, companies), then each app's.
            for loader in demo_loaders.entries():
                loader.load()
            self._create_demo_staff()
        self.stdout.write(self.style.SUCCESS("Demodata er indlæst."))
        admin_url = settings.SITE_URL.rstrip("/") + "/admin/"
        for username, _first, _last, role in DEMO_STAFF:
            self.stdout.write(
                f"Log ind som demo-{role.lower()} på {admin_url} med "
                f"brugernavn »{username}« og adgangskode »{DEMO_PASSWORD}«."
            )

    def _create_demo_staff(self) -> None:
        sync_roles()
        for username, _first, _last, role in DEMO_STAFF:
            demo_staff_user(username).groups.set([Group.objects.get(name=role)])
