from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.demo import demo_loaders
from portal.pages.demo import load_demo_site_settings
from portal.registry.demo import load_demo_companies

DEMO_USERNAME = "sagsbehandler"
DEMO_PASSWORD = "socialokonomi-demo"  # noqa: S105 - a demo account, refused outside DEBUG

# The demo caseworker may work with cases, the registry, information material and settings.
DEMO_PERMISSION_APPS = ["registry", "pages", "cases", "notifications", "guidance"]


class Command(BaseCommand):
    help = "Indlæser demodata og en demo-sagsbehandler. Kan køres flere gange uden dubletter."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demodata indeholder en kendt adgangskode og må kun indlæses med DEBUG=1."
            )
        with transaction.atomic():
            load_demo_site_settings()
            load_demo_companies()
            for _name, load in demo_loaders():
                load()
            self._create_demo_caseworker()
        self.stdout.write(self.style.SUCCESS("Demodata er indlæst."))
        self.stdout.write(
            f"Log ind som demo-sagsbehandler på http://127.0.0.1:8000/admin/ med "
            f"brugernavn «{DEMO_USERNAME}» og adgangskode «{DEMO_PASSWORD}»."
        )

    def _create_demo_caseworker(self) -> None:
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"first_name": "Demo", "last_name": "Sagsbehandler", "is_staff": True},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.user_permissions.set(
            Permission.objects.filter(content_type__app_label__in=DEMO_PERMISSION_APPS)
        )
