import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from portal.notifications.jobs import run_due_jobs
from portal.notifications.services import Shutdown, send_due_messages

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Sender e-mails fra udbakken og kører baggrundsjob. Stop med SIGTERM eller Ctrl+C."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Kør én runde og stop (fx fra cron)."
        )
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Sekunder mellem runderne (standard 5)."
        )
        parser.add_argument(
            "--batch-size", type=int, default=50, help="Højst så mange e-mails pr. runde."
        )

    def handle(self, *args, once: bool, interval: float, batch_size: int, **options):
        self.shutdown = Shutdown()
        if once:
            self._run_pass(batch_size)
            return
        previous = {
            signum: signal.signal(signum, self._stop) for signum in (signal.SIGTERM, signal.SIGINT)
        }
        logger.info("Worker started (interval %.1f s)", interval)
        try:
            while not self.shutdown.requested:
                sent = self._run_pass(batch_size)
                # A full batch means more may be waiting: go again at once.
                if sent < batch_size:
                    self._sleep(interval)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        logger.info("Worker stopped")

    def _run_pass(self, batch_size: int) -> int:
        # A long-running process must drop connections the way a request does, so a restarted
        # database or CONN_MAX_AGE does not leave it with a dead connection.
        close_old_connections()
        sent = 0
        try:
            sent = send_due_messages(batch_size=batch_size, shutdown=self.shutdown)
            if not self.shutdown.requested:
                run_due_jobs()
        except Exception:  # noqa: BLE001 - log, then try again next round
            logger.exception("Worker pass failed")
        finally:
            close_old_connections()
        if sent:
            self.stdout.write(f"{sent} e-mail(s) sendt")
        return sent

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.shutdown.requested and time.monotonic() < deadline:
            time.sleep(min(0.2, max(deadline - time.monotonic(), 0)))

    def _stop(self, signum, frame) -> None:
        # Leave after the message being sent; if the mail server hangs, cut it off (the message
        # goes back in the queue for the next worker).
        self.shutdown.request()
