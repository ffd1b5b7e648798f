"""The soak's flood: what one client flooding answers that must be rendered costs the other readers.

One client (FLOODER) floods over 64 connections while other readers (READER, 8 connections) ask the kept
home page. First the flooder asks one kept checker answer, which costs what any kept page costs; then a
new checker answer on every request, each of which must be rendered unless the render budget
(RENDER_RATE_LIMIT and RENDER_SHARE, at their defaults) turns it away with 429. The readers must keep
half their throughput.
"""

from bench.soak_measure import FLOODER, READER, Figure, finish_wrk, ms, run_wrk, start_wrk, warm

KEPT_ANSWER = "/checkers/refund/answer/?year=2026&other_scheme=employee&other_start=2025-12-01"
READER_PAGE = "/"


def flood(url, *, seconds, connections=64, readers=8):
    warm(url, [READER_PAGE, KEPT_ANSWER])
    phases = {}
    for phase, distinct in (("kept", False), ("distinct", True)):
        flooder = start_wrk(url, KEPT_ANSWER, client=FLOODER, connections=connections, seconds=seconds,
                            distinct=distinct)
        reading = run_wrk(url, READER_PAGE, client=READER, connections=readers, seconds=seconds)
        phases[phase] = (reading, finish_wrk(flooder))
    (kept, kept_flooder), (flooded, flooder) = phases["kept"], phases["distinct"]
    ratio = flooded.per_second / max(kept.per_second, 1e-9)
    return [
        Figure("readers' req/s, flooder on one kept answer", f"{kept.per_second:.1f}"),
        Figure("readers' p99, flooder on one kept answer", ms(kept.p99_ms)),
        Figure("flooder's req/s on one kept answer", f"{kept_flooder.per_second:.1f}"),
        Figure("readers' req/s, flooder on distinct answers", f"{flooded.per_second:.1f}"),
        Figure("readers' throughput kept", f"{ratio:.2f}", "≥ 0.50", ratio >= 0.5),
        Figure("readers' p99, flooder on distinct answers", ms(flooded.p99_ms), "≤ 100 ms", flooded.p99_ms <= 100),
        Figure("flooder's req/s on distinct answers", f"{flooder.per_second:.1f}"),
        Figure("flooder's answers that were 429", f"{flooder.share('429'):.1%}"),
        Figure("readers' answers that were not 2xx", f"{1 - flooded.share('2xx'):.1%}", "0",
               flooded.share("2xx") == 1 and kept.share("2xx") == 1),
    ]
