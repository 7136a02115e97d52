from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal.registry.services import decode_csv, import_rsv_csv


class Command(BaseCommand):
    help = (
        "Markerer virksomheder som registrerede socialøkonomiske virksomheder (RSV) ud fra en "
        "CSV-fil med CVR-nummer og registreringsdato (og evt. navn) på hver linje."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV-fil, adskilt med komma eller semikolon.")

    def handle(self, *args, file: Path, **options):
        try:
            text = decode_csv(file.read_bytes())
        except OSError as error:
            raise CommandError(f"Filen {file} kan ikke læses: {error.strerror}.") from error
        try:
            result = import_rsv_csv(text)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

        for refused in result.refused:
            self.stderr.write(str(refused))
        for row in result.unknown:
            self.stderr.write(
                f"Linje {row.line}: CVR-nummer {row.cvr} findes ikke i registret, og linjen "
                f"har intet navn at oprette virksomheden med. Ikke importeret."
            )
        self.stdout.write(self.style.SUCCESS(result.summary()))
