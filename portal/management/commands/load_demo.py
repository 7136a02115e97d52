from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.accounts.roles import CASEWORKER, MANAGER, sync_roles
from portal.demo import demo_loaders

DEMO_PASSWORD = "socialokonomi-demo"  # noqa: S105 - demo accounts, refused outside DEBUG
# The demo's staff: a caseworker and a manager, each with their role (portal/accounts/roles.py).
DEMO_STAFF = [
    ("sagsbehandler", "Demo", "Sagsbehandler", CASEWORKER),
    ("leder", "Demo", "Leder", MANAGER),
]


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
        for username, first_name, last_name, role in DEMO_STAFF:
            user, created = get_user_model().objects.get_or_create(
                username=username,
                defaults={"first_name": first_name, "last_name": last_name, "is_staff": True},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.set([Group.objects.get(name=role)])
