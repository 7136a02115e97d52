"""Mail servers that misbehave, for tests."""

import socket
import threading
from smtplib import SMTPException

from django.core.mail.backends.locmem import EmailBackend


class FlakyEmailBackend(EmailBackend):
    """Refuses the first `failures` messages, then delivers to `mail.outbox` like locmem."""

    failures = 0

    def send_messages(self, messages):
        if FlakyEmailBackend.failures > 0:
            FlakyEmailBackend.failures -= 1
            raise SMTPException("421 Service not available")
        return super().send_messages(messages)


class HangingMailServer:
    """A TCP server on localhost that greets like an SMTP server, then never answers again.

    With greet=False it does not even greet. `connected` is set when a client has connected;
    use it as a context manager.
    """

    def __init__(self, *, greet: bool = True) -> None:
        self.greet = greet
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.connected = threading.Event()
        self._stop = threading.Event()
        self._clients: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        self._listener.settimeout(0.1)
        while not self._stop.is_set():
            try:
                client, _address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._clients.append(client)
            if self.greet:
                client.sendall(b"220 mail.example.dk ESMTP\r\n")
            self.connected.set()

    def __enter__(self) -> "HangingMailServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        for client in self._clients:
            client.close()
        self._listener.close()
