"""Jobs for the scheduling tests (named in settings.SCHEDULED_JOBS by the tests)."""

CALLS = []


def counting_job(now=None):
    CALLS.append(now)
    return 2


def broken_job(now=None):
    raise RuntimeError("broken")
