"""Decision letters: time to render the HTML and the PDF, and what the PDF costs in memory.

    make demo && DEBUG=1 .venv/bin/python bench/letters.py [rounds]

The letter of the demo's approved decision (Café Kanten) is rendered `rounds` times (20 by
default) after a warm-up: the HTML from its template, then the PDF with WeasyPrint. decide()
does both while it holds the case's row lock, so this is also how long a second caseworker
waits on the same case. Memory is the process's peak resident size (ru_maxrss) before and after
the PDFs: WeasyPrint's fonts and Pango live outside Python's allocator, so tracemalloc would
miss them.
"""

import resource
import statistics
import sys
import time

from timing import setup_django

setup_django()

from entrepreneurs.decisions.letters import render_letter_html, render_letter_pdf  # noqa: E402
from entrepreneurs.models import Decision  # noqa: E402


def _ms(work, rounds: int) -> tuple[float, float, object]:
    result = work()  # warm-up: templates, fonts
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        result = work()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], result


def main(rounds: int) -> None:
    decision = (
        Decision.objects.select_related("application__case__contact", "application__scheme")
        .filter(outcome=Decision.Outcome.APPROVED)
        .first()
    )
    if decision is None:
        sys.exit("No approved decision: run `make demo` first.")
    html_median, html_p95, html = _ms(lambda: render_letter_html(decision), rounds)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pdf_median, pdf_p95, pdf = _ms(lambda: render_letter_pdf(html), rounds)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{'':<6} {'median ms':>10} {'p95 ms':>10}")
    print(f"{'HTML':<6} {html_median:>10.1f} {html_p95:>10.1f}   {len(html) / 1024:.0f} KB")
    print(f"{'PDF':<6} {pdf_median:>10.1f} {pdf_p95:>10.1f}   {len(pdf) / 1024:.0f} KB")
    print(
        f"peak resident size: {before / 1024:.0f} MB before the PDFs, {after / 1024:.0f} MB after"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
