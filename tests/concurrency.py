"""Races for the tests only PostgreSQL can prove (mark them `@pytest.mark.postgresql`).

SQLite serialises every write, so a race there proves nothing; on PostgreSQL each thread gets
its own connection, as two app servers would.
"""

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import connection

T = TypeVar("T")


def at_once(work: Callable[[int], T], *, times: int) -> list[T]:
    """Run work(0) … work(times - 1) in threads released at the same moment; their results.

    Results come in the order the threads finished. An error in any thread is raised here,
    after every thread has finished, so a failed race is a failed test and not a hang.
    """
    start = threading.Barrier(times)
    results: list[T] = []
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            start.wait(timeout=30)
            results.append(work(n))
        except BaseException as error:  # noqa: BLE001 - raised in the test's own thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
